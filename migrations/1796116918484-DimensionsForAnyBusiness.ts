import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Dimensions that fit any business: segments become the workspace's own list (like tiers), region and country optional,
 * touchpoint channels of consumer businesses. Generated; the data conversion, the data-version triggers of the new table and the
 * guards of `down` are written by hand.
 *
 * up: every workspace gets the three segments the enum had (ENTERPRISE, MID_MARKET, SMB) and each customer points at its
 * workspace's segment of the same key, through a (workspace_id, segment_id) foreign key that refuses another workspace's segment.
 * down: converts back when the data still fits the old schema (only the three segment keys, every customer with a region and a
 * country, no touchpoint on a new channel); otherwise it stops and says what to change first.
 */
const NEW_CHANNELS = ['STORE', 'PHONE', 'CHAT', 'SMS', 'PUSH', 'PAID_ADS', 'DIRECT_MAIL', 'MARKETPLACE', 'DELIVERY', 'REVIEWS'];
const OLD_SEGMENTS = ['ENTERPRISE', 'MID_MARKET', 'SMB'];
const DATA_VERSION_TRIGGERS = [
    { event: 'INSERT', transition: 'NEW', suffix: 'ins' },
    { event: 'UPDATE', transition: 'NEW', suffix: 'upd' },
    { event: 'DELETE', transition: 'OLD', suffix: 'del' },
];

export class DimensionsForAnyBusiness1796116918484 implements MigrationInterface {
    name = 'DimensionsForAnyBusiness1796116918484'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The new table's row type takes the name "segment": the enum steps aside until the customers are converted.
        await queryRunner.query(`ALTER TYPE "public"."segment" RENAME TO "segment_enum"`);
        await queryRunner.query(`CREATE TABLE "segment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "rank" integer NOT NULL, CONSTRAINT "UQ_ef85eaa90977028b105aa52a7d0" UNIQUE ("workspace_id", "id"), CONSTRAINT "UQ_d5a27f754293db348e26f0768d7" UNIQUE ("workspace_id", "key"), CONSTRAINT "PK_d648ac58d8e0532689dfb8ad7ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "segment" ADD CONSTRAINT "FK_6e19f2b64bf42ce81f3456fdcf5" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        for (const { event, transition, suffix } of DATA_VERSION_TRIGGERS) {
            await queryRunner.query(`CREATE TRIGGER "segment_data_version_${suffix}" AFTER ${event} ON "segment"
                REFERENCING ${transition} TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_workspace_data_version"()`);
        }
        // Every existing workspace gets the segments the enum had, under the same keys (new workspaces get them on creation).
        await queryRunner.query(`INSERT INTO "segment" ("workspace_id", "key", "name", "rank")
            SELECT w.id, s.key, s.name, s.rank FROM "workspace" w
            CROSS JOIN (VALUES ('ENTERPRISE', 'Enterprise', 1), ('MID_MARKET', 'Mid-market', 2), ('SMB', 'Small and medium businesses', 3)) AS s(key, name, rank)`);
        await queryRunner.query(`ALTER TABLE "customer" ADD "segment_id" uuid`);
        await queryRunner.query(`UPDATE "customer" c SET "segment_id" = s.id FROM "segment" s WHERE s.workspace_id = c.workspace_id AND s.key = c.segment::text`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "segment_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "segment"`);
        await queryRunner.query(`DROP TYPE "public"."segment_enum"`);
        for (const channel of NEW_CHANNELS) await queryRunner.query(`ALTER TYPE "public"."touchpoint_channel" ADD VALUE '${channel}'`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "region" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "country" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_7af0b6a33c1d905e5271f24ef6" ON "customer"  ("workspace_id", "segment_id") `);
        await queryRunner.query(`ALTER TABLE "customer" ADD CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63" FOREIGN KEY ("segment_id", "workspace_id") REFERENCES "segment"("id","workspace_id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        const refuseIf = async (sql: string, message: string) => {
            const [{ n }] = (await queryRunner.query(`SELECT count(*)::int AS n FROM (${sql}) AS found`)) as { n: number }[];
            if (n > 0) throw new Error(`Cannot revert DimensionsForAnyBusiness: ${n} ${message}`);
        };
        const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
        await refuseIf(`SELECT 1 FROM "segment" WHERE key NOT IN (${list(OLD_SEGMENTS)})`, `segment(s) with a key other than ${OLD_SEGMENTS.join(', ')}; delete them first (move their customers).`);
        await refuseIf(`SELECT 1 FROM "customer" WHERE region IS NULL OR country IS NULL`, 'customer(s) without a region or a country; give them one first.');
        await refuseIf(`SELECT 1 FROM "touchpoint" WHERE channel::text IN (${list(NEW_CHANNELS)})`, `touchpoint(s) on a channel the old schema lacks (${NEW_CHANNELS.join(', ')}); change their channel first.`);
        await queryRunner.query(`ALTER TABLE "customer" DROP CONSTRAINT "FK_7af0b6a33c1d905e5271f24ef63"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7af0b6a33c1d905e5271f24ef6"`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "country" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "region" SET NOT NULL`);
        await queryRunner.query(`CREATE TYPE "public"."touchpoint_channel_old" AS ENUM('EMAIL', 'WEB', 'EVENT', 'WEBINAR', 'SOCIAL', 'SALES_CALL', 'SUPPORT', 'IN_APP', 'PARTNER')`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ALTER COLUMN "channel" TYPE "public"."touchpoint_channel_old" USING "channel"::"text"::"public"."touchpoint_channel_old"`);
        await queryRunner.query(`DROP TYPE "public"."touchpoint_channel"`);
        await queryRunner.query(`ALTER TYPE "public"."touchpoint_channel_old" RENAME TO "touchpoint_channel"`);
        await queryRunner.query(`CREATE TYPE "public"."segment_enum" AS ENUM('ENTERPRISE', 'MID_MARKET', 'SMB')`);
        await queryRunner.query(`ALTER TABLE "customer" ADD "segment" "public"."segment_enum"`);
        await queryRunner.query(`UPDATE "customer" c SET "segment" = s.key::"public"."segment_enum" FROM "segment" s WHERE s.id = c.segment_id`);
        await queryRunner.query(`ALTER TABLE "customer" ALTER COLUMN "segment" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "customer" DROP COLUMN "segment_id"`);
        for (const { suffix } of DATA_VERSION_TRIGGERS) await queryRunner.query(`DROP TRIGGER "segment_data_version_${suffix}" ON "segment"`);
        await queryRunner.query(`ALTER TABLE "segment" DROP CONSTRAINT "FK_6e19f2b64bf42ce81f3456fdcf5"`);
        await queryRunner.query(`DROP TABLE "segment"`);
        await queryRunner.query(`ALTER TYPE "public"."segment_enum" RENAME TO "segment"`);
    }

}
