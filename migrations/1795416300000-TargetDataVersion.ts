import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Approved targets are shown in every KPI matrix cell: their writes bump the workspace's data version too, so that the KPI
 * cache may keep a matrix's targets beside its values (a warm repeat then reads no target row). Hand-written, like the
 * triggers of WorkspaceDataVersion: TypeORM does not generate triggers.
 */
const EVENTS = [
    { event: 'INSERT', transition: 'NEW', suffix: 'ins' },
    { event: 'UPDATE', transition: 'NEW', suffix: 'upd' },
    { event: 'DELETE', transition: 'OLD', suffix: 'del' },
];

export class TargetDataVersion1795416300000 implements MigrationInterface {
    name = 'TargetDataVersion1795416300000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const { event, transition, suffix } of EVENTS) {
            await queryRunner.query(`CREATE TRIGGER "target_data_version_${suffix}" AFTER ${event} ON "target"
                REFERENCING ${transition} TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_workspace_data_version"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const { suffix } of EVENTS) await queryRunner.query(`DROP TRIGGER "target_data_version_${suffix}" ON "target"`);
    }

}
