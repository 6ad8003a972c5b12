import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * kpi_aggregate_pending: the customers each write touched while a workspace's KPI aggregates were being built, so that a step
 * that computed its month from a snapshot computes the customers written since again before recording the month, instead of
 * holding the workspace's writes for the whole step. Generated.
 */
export class KpiAggregatePending1796278165053 implements MigrationInterface {
    name = 'KpiAggregatePending1796278165053'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_aggregate_pending" ("workspace_id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "customers" uuid array NOT NULL, "customerless" boolean NOT NULL, CONSTRAINT "PK_e62003ced9942cb8dcc07c5dc79" PRIMARY KEY ("workspace_id", "seq"))`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_pending" ADD CONSTRAINT "FK_16cfb741c71d6b4471894061450" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_pending" DROP CONSTRAINT "FK_16cfb741c71d6b4471894061450"`);
        await queryRunner.query(`DROP TABLE "kpi_aggregate_pending"`);
    }

}
