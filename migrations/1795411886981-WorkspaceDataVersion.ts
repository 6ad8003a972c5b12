import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * workspace.data_version, and statement-level triggers that bump it in the same transaction as every write to the tables
 * KPIs are computed from: whatever writes them (ingestion, erasure, cascades, SQL by hand), a KPI result cached under an older
 * version is never served again. Generated for the column; the trigger statements are written by hand (TypeORM does not
 * generate triggers). Transition tables allow one event per trigger, hence three triggers per table.
 */
const TABLES = ['customer', 'tier', 'partner', 'campaign', 'phase', 'revenue', 'cost', 'invoice', 'survey', 'event'];
const EVENTS = [
    { event: 'INSERT', transition: 'NEW', suffix: 'ins' },
    { event: 'UPDATE', transition: 'NEW', suffix: 'upd' },
    { event: 'DELETE', transition: 'OLD', suffix: 'del' },
];

export class WorkspaceDataVersion1795411886981 implements MigrationInterface {
    name = 'WorkspaceDataVersion1795411886981'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "workspace" ADD "data_version" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE FUNCTION "bump_workspace_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE "workspace" SET "data_version" = "data_version" + 1
              WHERE "id" IN (SELECT DISTINCT "workspace_id" FROM "changed_rows");
              RETURN NULL;
            END $$`);
        for (const table of TABLES) {
            for (const { event, transition, suffix } of EVENTS) {
                await queryRunner.query(`CREATE TRIGGER "${table}_data_version_${suffix}" AFTER ${event} ON "${table}"
                    REFERENCING ${transition} TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_workspace_data_version"()`);
            }
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            for (const { suffix } of EVENTS) await queryRunner.query(`DROP TRIGGER "${table}_data_version_${suffix}" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION "bump_workspace_data_version"()`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "data_version"`);
    }

}
