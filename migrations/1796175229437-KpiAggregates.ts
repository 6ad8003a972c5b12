import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The KPI aggregates (kpi_aggregate, kpi_aggregate_state) and workspace.facts_version, with statement-level triggers that bump it
 * in the same transaction as every write to a table the aggregates are computed from, whatever writes it: aggregates maintained
 * up to another version are not read. Generated for the tables and the column; the trigger statements are written by hand
 * (TypeORM does not generate triggers), like those of data_version.
 */
const TABLES = ['customer', 'revenue', 'cost', 'invoice', 'survey', 'event', 'order', 'refund'];
const EVENTS = [
    { event: 'INSERT', transition: 'NEW', suffix: 'ins' },
    { event: 'UPDATE', transition: 'NEW', suffix: 'upd' },
    { event: 'DELETE', transition: 'OLD', suffix: 'del' },
];

export class KpiAggregates1796175229437 implements MigrationInterface {
    name = 'KpiAggregates1796175229437'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_aggregate" ("workspace_id" uuid NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "combination" uuid NOT NULL, "tier_id" uuid, "segment_id" uuid, "region" text, "channel" text, "partner_id" uuid, "campaign_id" uuid, "acquisition_cost" numeric NOT NULL DEFAULT '0', "active_customers" numeric NOT NULL DEFAULT '0', "base_customers" numeric NOT NULL DEFAULT '0', "base_mrr" numeric NOT NULL DEFAULT '0', "base_mrr_kept" numeric NOT NULL DEFAULT '0', "base_mrr_now" numeric NOT NULL DEFAULT '0', "churned_customers" numeric NOT NULL DEFAULT '0', "churned_mrr" numeric NOT NULL DEFAULT '0', "cogs" numeric NOT NULL DEFAULT '0', "content_engaged_customers" numeric NOT NULL DEFAULT '0', "contraction_mrr" numeric NOT NULL DEFAULT '0', "credit_sales" numeric NOT NULL DEFAULT '0', "csat_responses" numeric NOT NULL DEFAULT '0', "csat_satisfied" numeric NOT NULL DEFAULT '0', "existing_revenue" numeric NOT NULL DEFAULT '0', "expansion_mrr" numeric NOT NULL DEFAULT '0', "mrr" numeric NOT NULL DEFAULT '0', "mrr_at_base" numeric NOT NULL DEFAULT '0', "new_customers" numeric NOT NULL DEFAULT '0', "new_mrr" numeric NOT NULL DEFAULT '0', "new_revenue" numeric NOT NULL DEFAULT '0', "nps_detractors" numeric NOT NULL DEFAULT '0', "nps_promoters" numeric NOT NULL DEFAULT '0', "nps_responses" numeric NOT NULL DEFAULT '0', "order_amount" numeric NOT NULL DEFAULT '0', "orders" numeric NOT NULL DEFAULT '0', "reactivation_mrr" numeric NOT NULL DEFAULT '0', "receivables" numeric NOT NULL DEFAULT '0', "recurring_customers" numeric NOT NULL DEFAULT '0', "reference_calls" numeric NOT NULL DEFAULT '0', "refund_amount" numeric NOT NULL DEFAULT '0', "retained_customers" numeric NOT NULL DEFAULT '0', "retention_cost" numeric NOT NULL DEFAULT '0', "revenue" numeric NOT NULL DEFAULT '0', "services_attached_customers" numeric NOT NULL DEFAULT '0', "servicing_cost" numeric NOT NULL DEFAULT '0', "support_tickets" numeric NOT NULL DEFAULT '0', "ttm_delivery_cost" numeric NOT NULL DEFAULT '0', "ttm_ordering_customers" numeric NOT NULL DEFAULT '0', "ttm_orders" numeric NOT NULL DEFAULT '0', "ttm_repeat_customers" numeric NOT NULL DEFAULT '0', "ttm_revenue" numeric NOT NULL DEFAULT '0', "rows_costs" bigint NOT NULL DEFAULT '0', "rows_events" bigint NOT NULL DEFAULT '0', "rows_events_content_download" bigint NOT NULL DEFAULT '0', "rows_events_content_share" bigint NOT NULL DEFAULT '0', "rows_events_reference_call" bigint NOT NULL DEFAULT '0', "rows_events_support_ticket" bigint NOT NULL DEFAULT '0', "rows_invoices" bigint NOT NULL DEFAULT '0', "rows_mrr" bigint NOT NULL DEFAULT '0', "rows_orders" bigint NOT NULL DEFAULT '0', "rows_revenue" bigint NOT NULL DEFAULT '0', "rows_surveys" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_7f31235e250d66eed0048fc99e3" PRIMARY KEY ("workspace_id", "period_start", "period_end", "combination"))`);
        await queryRunner.query(`CREATE TABLE "kpi_aggregate_state" ("workspace_id" uuid NOT NULL, "horizon" date, "facts_version" bigint NOT NULL, "fiscal_year_start_month" integer NOT NULL, "business_model" "public"."business_model" NOT NULL, "activity_window_months" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4a9e61be569470d03bfb81dce6" PRIMARY KEY ("workspace_id"))`);
        await queryRunner.query(`ALTER TABLE "workspace" ADD "facts_version" bigint NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate" ADD CONSTRAINT "FK_d173e9265bc6bbe69448586d605" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" ADD CONSTRAINT "FK_b4a9e61be569470d03bfb81dce6" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE FUNCTION "bump_workspace_facts_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE "workspace" SET "facts_version" = "facts_version" + 1
              WHERE "id" IN (SELECT DISTINCT "workspace_id" FROM "changed_rows");
              RETURN NULL;
            END $$`);
        for (const table of TABLES) {
            for (const { event, transition, suffix } of EVENTS) {
                await queryRunner.query(`CREATE TRIGGER "${table}_facts_version_${suffix}" AFTER ${event} ON "${table}"
                    REFERENCING ${transition} TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_workspace_facts_version"()`);
            }
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            for (const { suffix } of EVENTS) await queryRunner.query(`DROP TRIGGER "${table}_facts_version_${suffix}" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION "bump_workspace_facts_version"()`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" DROP CONSTRAINT "FK_b4a9e61be569470d03bfb81dce6"`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate" DROP CONSTRAINT "FK_d173e9265bc6bbe69448586d605"`);
        await queryRunner.query(`ALTER TABLE "workspace" DROP COLUMN "facts_version"`);
        await queryRunner.query(`DROP TABLE "kpi_aggregate_state"`);
        await queryRunner.query(`DROP TABLE "kpi_aggregate"`);
    }

}
