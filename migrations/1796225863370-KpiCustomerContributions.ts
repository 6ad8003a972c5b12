import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * kpi_customer_contribution: each customer's share of the KPI aggregates of the periods ending at the horizon, so that a write of
 * the latest month reads a customer's old share instead of computing it again; kpi_aggregate_state.contributions_through says
 * which month's shares are kept (null until a month opens or a build ends: existing workspaces keep working without them).
 * Generated.
 */
export class KpiCustomerContributions1796225863370 implements MigrationInterface {
    name = 'KpiCustomerContributions1796225863370'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_customer_contribution" ("workspace_id" uuid NOT NULL, "tier_id" uuid, "segment_id" uuid, "region" text, "channel" text, "partner_id" uuid, "campaign_id" uuid, "acquisition_cost" numeric NOT NULL DEFAULT '0', "active_customers" numeric NOT NULL DEFAULT '0', "base_customers" numeric NOT NULL DEFAULT '0', "base_mrr" numeric NOT NULL DEFAULT '0', "base_mrr_kept" numeric NOT NULL DEFAULT '0', "base_mrr_now" numeric NOT NULL DEFAULT '0', "churned_customers" numeric NOT NULL DEFAULT '0', "churned_mrr" numeric NOT NULL DEFAULT '0', "cogs" numeric NOT NULL DEFAULT '0', "content_engaged_customers" numeric NOT NULL DEFAULT '0', "contraction_mrr" numeric NOT NULL DEFAULT '0', "credit_sales" numeric NOT NULL DEFAULT '0', "csat_responses" numeric NOT NULL DEFAULT '0', "csat_satisfied" numeric NOT NULL DEFAULT '0', "existing_revenue" numeric NOT NULL DEFAULT '0', "expansion_mrr" numeric NOT NULL DEFAULT '0', "mrr" numeric NOT NULL DEFAULT '0', "mrr_at_base" numeric NOT NULL DEFAULT '0', "new_customers" numeric NOT NULL DEFAULT '0', "new_mrr" numeric NOT NULL DEFAULT '0', "new_revenue" numeric NOT NULL DEFAULT '0', "nps_detractors" numeric NOT NULL DEFAULT '0', "nps_promoters" numeric NOT NULL DEFAULT '0', "nps_responses" numeric NOT NULL DEFAULT '0', "order_amount" numeric NOT NULL DEFAULT '0', "orders" numeric NOT NULL DEFAULT '0', "reactivation_mrr" numeric NOT NULL DEFAULT '0', "receivables" numeric NOT NULL DEFAULT '0', "recurring_customers" numeric NOT NULL DEFAULT '0', "reference_calls" numeric NOT NULL DEFAULT '0', "refund_amount" numeric NOT NULL DEFAULT '0', "retained_customers" numeric NOT NULL DEFAULT '0', "retention_cost" numeric NOT NULL DEFAULT '0', "revenue" numeric NOT NULL DEFAULT '0', "services_attached_customers" numeric NOT NULL DEFAULT '0', "servicing_cost" numeric NOT NULL DEFAULT '0', "support_tickets" numeric NOT NULL DEFAULT '0', "ttm_delivery_cost" numeric NOT NULL DEFAULT '0', "ttm_ordering_customers" numeric NOT NULL DEFAULT '0', "ttm_orders" numeric NOT NULL DEFAULT '0', "ttm_repeat_customers" numeric NOT NULL DEFAULT '0', "ttm_revenue" numeric NOT NULL DEFAULT '0', "rows_costs" bigint NOT NULL DEFAULT '0', "rows_events" bigint NOT NULL DEFAULT '0', "rows_events_content_download" bigint NOT NULL DEFAULT '0', "rows_events_content_share" bigint NOT NULL DEFAULT '0', "rows_events_reference_call" bigint NOT NULL DEFAULT '0', "rows_events_support_ticket" bigint NOT NULL DEFAULT '0', "rows_invoices" bigint NOT NULL DEFAULT '0', "rows_mrr" bigint NOT NULL DEFAULT '0', "rows_orders" bigint NOT NULL DEFAULT '0', "rows_revenue" bigint NOT NULL DEFAULT '0', "rows_surveys" bigint NOT NULL DEFAULT '0', "customer_id" uuid NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "combination" uuid NOT NULL, CONSTRAINT "PK_3ad6d9954d394c2a7d995c311b3" PRIMARY KEY ("workspace_id", "customer_id", "period_start", "period_end", "combination"))`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" ADD "contributions_through" date`);
        await queryRunner.query(`ALTER TABLE "kpi_customer_contribution" ADD CONSTRAINT "FK_685d150ad9f74e5a71f8376ba48" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "kpi_customer_contribution" DROP CONSTRAINT "FK_685d150ad9f74e5a71f8376ba48"`);
        await queryRunner.query(`ALTER TABLE "kpi_aggregate_state" DROP COLUMN "contributions_through"`);
        await queryRunner.query(`DROP TABLE "kpi_customer_contribution"`);
    }

}
