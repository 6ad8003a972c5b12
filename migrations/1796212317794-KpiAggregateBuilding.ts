import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * kpi_aggregate_state.building: a workspace's KPI aggregates are built a month at a time in the background (after a change of
 * its settings) instead of inside the mutation that changed them. Generated.
 */
export class KpiAggregateBuilding1796212317794 implements MigrationInterface {
    name = 'KpiAggregateBuilding1796212317794'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" ADD "building" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" DROP COLUMN "building"`);
    }

}
