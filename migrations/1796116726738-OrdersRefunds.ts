import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Orders and refunds, the facts of a business that sells by order. Generated, except the data-version triggers at the end
 * (written by hand as in WorkspaceDataVersion: every write to a table KPIs read moves the workspace's data version).
 * An order references its customer, and a refund its order, by (workspace_id, id): the database refuses a cross-workspace
 * reference, hence the new unique constraint on customer (workspace_id, id). Optional campaign and touchpoint keep single-column
 * keys with ON DELETE SET NULL (a composite key would null the workspace too).
 */
const VERSIONED = ['order', 'refund'];
const EVENTS = [
    { event: 'INSERT', transition: 'NEW', suffix: 'ins' },
    { event: 'UPDATE', transition: 'NEW', suffix: 'upd' },
    { event: 'DELETE', transition: 'OLD', suffix: 'del' },
];

export class OrdersRefunds1796116726738 implements MigrationInterface {
    name = 'OrdersRefunds1796116726738'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "external_id" character varying(200) NOT NULL, "customer_id" uuid NOT NULL, "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" numeric(14,2) NOT NULL, "campaign_id" uuid, "touchpoint_id" uuid, CONSTRAINT "UQ_63b85815889324cc53f6223e3ef" UNIQUE ("workspace_id", "id"), CONSTRAINT "UQ_b0b98d4a746dc924dd4b88de2b0" UNIQUE ("workspace_id", "external_id"), CONSTRAINT "CHK_7d63fdf6b0ac8fcfce52aa988d" CHECK ("amount" >= 0), CONSTRAINT "PK_1031171c13130102495201e3e20" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e4814d3c788a8a9dc0be9d09bc" ON "order"  ("workspace_id", "customer_id", "ordered_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_5f8957c21b30eb2a46da7a8e80" ON "order"  ("workspace_id", "ordered_at") `);
        await queryRunner.query(`CREATE TABLE "refund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "external_id" character varying(200) NOT NULL, "order_id" uuid NOT NULL, "refunded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "amount" numeric(14,2) NOT NULL, CONSTRAINT "UQ_1907dcde275222aa9971aa735b1" UNIQUE ("workspace_id", "external_id"), CONSTRAINT "CHK_3d2d4a0c1f6b007bc505fec4ff" CHECK ("amount" > 0), CONSTRAINT "PK_f1cefa2e60d99b206c46c1116e5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_bc339de98cee73ce83b9f50e25" ON "refund"  ("workspace_id", "order_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_83f208ac1f916c81a6f1030425" ON "refund"  ("workspace_id", "refunded_at") `);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "UQ_3483539d2dc94241b16ceb01f1c" UNIQUE ("workspace_id", "id")`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_a992e5180e79d68171279f8ab3f" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2" FOREIGN KEY ("customer_id", "workspace_id") REFERENCES "customer"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_167d5c278a5060bf17f22ba6f74" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "order" ADD CONSTRAINT "FK_07df9935d64dcc9608f2a3ce633" FOREIGN KEY ("touchpoint_id") REFERENCES "touchpoint"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_e0cf15a14084369c86d56cf1d9b" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refund" ADD CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a" FOREIGN KEY ("order_id", "workspace_id") REFERENCES "order"("id","workspace_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        for (const table of VERSIONED) {
            for (const { event, transition, suffix } of EVENTS) {
                await queryRunner.query(`CREATE TRIGGER "${table}_data_version_${suffix}" AFTER ${event} ON "${table}"
                    REFERENCING ${transition} TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_workspace_data_version"()`);
            }
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of VERSIONED) {
            for (const { suffix } of EVENTS) await queryRunner.query(`DROP TRIGGER "${table}_data_version_${suffix}" ON "${table}"`);
        }
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_bc339de98cee73ce83b9f50e25a"`);
        await queryRunner.query(`ALTER TABLE "refund" DROP CONSTRAINT "FK_e0cf15a14084369c86d56cf1d9b"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_07df9935d64dcc9608f2a3ce633"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_167d5c278a5060bf17f22ba6f74"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_e6c297b2075773c00d1fa8748b2"`);
        await queryRunner.query(`ALTER TABLE "order" DROP CONSTRAINT "FK_a992e5180e79d68171279f8ab3f"`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "UQ_3483539d2dc94241b16ceb01f1c"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_83f208ac1f916c81a6f1030425"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bc339de98cee73ce83b9f50e25"`);
        await queryRunner.query(`DROP TABLE "refund"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5f8957c21b30eb2a46da7a8e80"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e4814d3c788a8a9dc0be9d09bc"`);
        await queryRunner.query(`DROP TABLE "order"`);
    }

}
