import { MigrationInterface, QueryRunner } from "typeorm";

export class CustomerNameOrder1795410050981 implements MigrationInterface {
    name = 'CustomerNameOrder1795410050981'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_9e5e3db88f89bff7fab56926e2" ON "customer"  ("workspace_id", "name", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_9e5e3db88f89bff7fab56926e2"`);
    }

}
