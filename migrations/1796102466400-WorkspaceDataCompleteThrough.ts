import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The data-completeness watermark a workspace may set (the first day of its last complete month); null: derived from the facts.
 * Generated.
 */

export class WorkspaceDataCompleteThrough1796102466400 implements MigrationInterface {
    name = 'WorkspaceDataCompleteThrough1796102466400'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "workspace" ADD "data_complete_through" date`);
        await queryRunner.query(`ALTER TABLE "workspace" ADD CONSTRAINT "CHK_workspace_data_complete_through_month" CHECK (EXTRACT(DAY FROM "data_complete_through") = 1)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "workspace" DROP CONSTRAINT "CHK_workspace_data_complete_through_month"`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "data_complete_through"`);
    }

}
