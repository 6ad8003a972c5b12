import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The business model of a workspace (SUBSCRIPTION by default, or TRANSACTIONAL) and its activity window in months (1-36,
 * default 12): what a customer's monthly value is. Generated.
 */

export class WorkspaceBusinessModel1796116854272 implements MigrationInterface {
    name = 'WorkspaceBusinessModel1796116854272'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."business_model" AS ENUM('SUBSCRIPTION', 'TRANSACTIONAL')`);
        await queryRunner.query(`ALTER TABLE "workspace" ADD "business_model" "public"."business_model" NOT NULL DEFAULT 'SUBSCRIPTION'`);
        await queryRunner.query(`ALTER TABLE "workspace" ADD "activity_window_months" smallint NOT NULL DEFAULT '12'`);
        await queryRunner.query(`ALTER TABLE "workspace" ADD CONSTRAINT "CHK_workspace_activity_window_months" CHECK ("activity_window_months" BETWEEN 1 AND 36)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "workspace" DROP CONSTRAINT "CHK_workspace_activity_window_months"`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "activity_window_months"`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "business_model"`);
        await queryRunner.query(`DROP TYPE "public"."business_model"`);
    }

}
