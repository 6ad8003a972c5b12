import { MigrationInterface, QueryRunner } from "typeorm";

export class MetricChainsTargets1795411633063 implements MigrationInterface {
    name = 'MetricChainsTargets1795411633063'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."metric_level" AS ENUM('EQUITY', 'OUTCOME', 'OUTPUT', 'ACTIVITY')`);
        await queryRunner.query(`CREATE TYPE "public"."indicator_kind" AS ENUM('LEADING', 'TRAILING')`);
        await queryRunner.query(`CREATE TYPE "public"."kpi_unit" AS ENUM('CURRENCY', 'PERCENT', 'RATIO', 'COUNT', 'DAYS', 'MONTHS', 'SCORE')`);
        await queryRunner.query(`CREATE TYPE "public"."kpi_direction" AS ENUM('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')`);
        await queryRunner.query(`CREATE TYPE "public"."metric_source" AS ENUM('KPI', 'OBSERVED')`);
        await queryRunner.query(`CREATE TABLE "metric" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "key" character varying(100) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "level" "public"."metric_level" NOT NULL, "indicator_kind" "public"."indicator_kind" NOT NULL, "unit" "public"."kpi_unit" NOT NULL, "direction" "public"."kpi_direction" NOT NULL, "source" "public"."metric_source" NOT NULL, "kpi" character varying(50), "phase_id" uuid, "owner_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5e13d5751faf72052aae8748093" UNIQUE ("workspace_id", "key"), CONSTRAINT "CHK_80c5b9de141dc4c6475aba90f6" CHECK (("source" = 'KPI') = ("kpi" IS NOT NULL)), CONSTRAINT "PK_7d24c075ea2926dd32bd1c534ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "metric_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "child_id" uuid NOT NULL, "parent_id" uuid NOT NULL, "weight" double precision NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_eb40e706ce7111ba10ebe60864b" UNIQUE ("workspace_id", "child_id", "parent_id"), CONSTRAINT "CHK_25e3f1351d1f1c86a9f9f94b6d" CHECK ("weight" > 0), CONSTRAINT "PK_09a414f9a0114238bdbb359c2f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_2b37b275e1621b21a28c56c7eb" ON "metric_link"  ("parent_id") `);
        await queryRunner.query(`CREATE TYPE "public"."grain" AS ENUM('MONTH', 'QUARTER', 'YEAR')`);
        await queryRunner.query(`CREATE TABLE "metric_value" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "metric_id" uuid NOT NULL, "grain" "public"."grain" NOT NULL, "period_start" date NOT NULL, "tier_id" uuid, "value" numeric NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b55bfd1170293feaa2032cb39b5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."target_status" AS ENUM('DRAFT', 'APPROVED')`);
        await queryRunner.query(`CREATE TABLE "target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "metric_id" uuid, "kpi" character varying(50), "grain" "public"."grain" NOT NULL, "period_start" date NOT NULL, "tier_id" uuid, "value" numeric NOT NULL, "status" "public"."target_status" NOT NULL DEFAULT 'DRAFT', "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by_key_id" uuid, "approved_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ca5b1a1511360037b65925974d" CHECK (("metric_id" IS NULL) <> ("kpi" IS NULL)), CONSTRAINT "PK_9d962204b13c18851ea88fc72f3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_64ac952aee42ee09d042246dea" ON "target"  ("workspace_id", "status", "grain", "period_start") `);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_ed59e91694235aaeb5a8211d6e0" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_b9c9f22cb1bee5b2a220f1760c9" FOREIGN KEY ("phase_id") REFERENCES "phase"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric" ADD CONSTRAINT "FK_cbaf8b0ebb7c2e8ba87df3b6670" FOREIGN KEY ("owner_id") REFERENCES "owner"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_293d2d884eb09bd7b8a3861cf92" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_24163f0c5a389b5f6ba9c41df16" FOREIGN KEY ("child_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_link" ADD CONSTRAINT "FK_2b37b275e1621b21a28c56c7eb6" FOREIGN KEY ("parent_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_6590331f702846d957b9a89a40d" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_f998f610636d982fdacbdde309c" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "metric_value" ADD CONSTRAINT "FK_9d5c3f1c12c546cd5a93f59923c" FOREIGN KEY ("tier_id") REFERENCES "tier"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_061875f47250aaa393e24a9b15f" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_003876ef73f4b3a466fe3ac5b83" FOREIGN KEY ("metric_id") REFERENCES "metric"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "target" ADD CONSTRAINT "FK_68482613ae993e764562b3aaccf" FOREIGN KEY ("tier_id") REFERENCES "tier"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        // Written by hand: natural keys with optional parts. COALESCE makes "no tier" (and "no metric"/"no KPI") one value, so that
        // ON CONFLICT finds the row on every PostgreSQL version (NULLS NOT DISTINCT needs 15). The entities declare these indexes
        // with synchronize: false, so later generated migrations leave them alone.
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_metric_value_natural_key" ON "metric_value" ("workspace_id", "metric_id", "grain", "period_start", (COALESCE("tier_id", '00000000-0000-0000-0000-000000000000'::uuid)))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_target_natural_key" ON "target" ("workspace_id", (COALESCE("metric_id", '00000000-0000-0000-0000-000000000000'::uuid)), (COALESCE("kpi", '')), "grain", "period_start", (COALESCE("tier_id", '00000000-0000-0000-0000-000000000000'::uuid)))`);
        // Data, by hand: every existing workspace gets the customer_equity metric (new workspaces get it from createWorkspace).
        await queryRunner.query(`INSERT INTO "metric" ("workspace_id", "key", "name", "description", "level", "indicator_kind", "unit", "direction", "source", "kpi")
            SELECT w."id", 'customer_equity', 'Customer equity',
                '(new customers × their revenue − acquisition costs) + (existing customers × their revenue − servicing costs) − churn loss (docs/kpis.md).',
                'EQUITY', 'TRAILING', 'CURRENCY', 'HIGHER_IS_BETTER', 'KPI', 'CUSTOMER_EQUITY'
            FROM "workspace" w
            ON CONFLICT ("workspace_id", "key") DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "metric" WHERE "key" = 'customer_equity' AND "level" = 'EQUITY'`);
        await queryRunner.query(`DROP INDEX "public"."UQ_target_natural_key"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_metric_value_natural_key"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_68482613ae993e764562b3aaccf"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_003876ef73f4b3a466fe3ac5b83"`);
        await queryRunner.query(`ALTER TABLE "target" DROP CONSTRAINT "FK_061875f47250aaa393e24a9b15f"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_9d5c3f1c12c546cd5a93f59923c"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_f998f610636d982fdacbdde309c"`);
        await queryRunner.query(`ALTER TABLE "metric_value" DROP CONSTRAINT "FK_6590331f702846d957b9a89a40d"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_2b37b275e1621b21a28c56c7eb6"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_24163f0c5a389b5f6ba9c41df16"`);
        await queryRunner.query(`ALTER TABLE "metric_link" DROP CONSTRAINT "FK_293d2d884eb09bd7b8a3861cf92"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_cbaf8b0ebb7c2e8ba87df3b6670"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_b9c9f22cb1bee5b2a220f1760c9"`);
        await queryRunner.query(`ALTER TABLE "metric" DROP CONSTRAINT "FK_ed59e91694235aaeb5a8211d6e0"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_64ac952aee42ee09d042246dea"`);
        await queryRunner.query(`DROP TABLE "target"`);
        await queryRunner.query(`DROP TYPE "public"."target_status"`);
        await queryRunner.query(`DROP TABLE "metric_value"`);
        await queryRunner.query(`DROP TYPE "public"."grain"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_2b37b275e1621b21a28c56c7eb"`);
        await queryRunner.query(`DROP TABLE "metric_link"`);
        await queryRunner.query(`DROP TABLE "metric"`);
        await queryRunner.query(`DROP TYPE "public"."metric_source"`);
        await queryRunner.query(`DROP TYPE "public"."kpi_direction"`);
        await queryRunner.query(`DROP TYPE "public"."kpi_unit"`);
        await queryRunner.query(`DROP TYPE "public"."indicator_kind"`);
        await queryRunner.query(`DROP TYPE "public"."metric_level"`);
    }

}
