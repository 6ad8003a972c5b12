/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What KPIs can be grouped and filtered by (shared/KPIS.md, "Grouping and filtering"). */
export type Dimension =
  /** The external id of a cost row's own campaign where it names one, otherwise the customer's acquisition campaign. */
  | 'CAMPAIGN'
  /** The customer's current sales channel (DIRECT or PARTNER). */
  | 'CHANNEL'
  /** The external id of the customer's partner; null for a direct customer. */
  | 'PARTNER'
  /** The key of the phase of the customer's latest PHASE_ENTERED event on or before the last day of the period. */
  | 'PHASE'
  /** The customer's current sales region. */
  | 'REGION'
  /** The customer's current size segment. */
  | 'SEGMENT'
  /** The customer's current tier, named by its key. */
  | 'TIER';

/** Length of a KPI period. Quarters and years are aligned to the workspace's `fiscalYearStartMonth`. */
export type Grain =
  /** One calendar month. */
  | 'MONTH'
  /** Three months; fiscal quarters start in the fiscal year start month and every third month after it. */
  | 'QUARTER'
  /** Twelve months, starting in the fiscal year start month. */
  | 'YEAR';

/** Every KPI of shared/KPIS.md. A value whose denominator is zero or whose inputs are missing is null. */
export type KpiKey =
  /** KPIS.md "Customers", `ACTIVE_CUSTOMERS` (count, additive): |active(e)|: customers with MRR > 0 in the last month of the period. */
  | 'ACTIVE_CUSTOMERS'
  /** KPIS.md "Recurring revenue movements", `ARPA` (currency, not additive): MRR / ACTIVE_CUSTOMERS: average recurring revenue per paying account. */
  | 'ARPA'
  /** KPIS.md "Revenue, cost and margin", `CAC` (currency, not additive): Cost_ACQUISITION(P) / NEW_CUSTOMERS: customer acquisition cost. */
  | 'CAC'
  /** KPIS.md "Revenue, cost and margin", `CAC_PAYBACK_MONTHS` (months, not additive): CAC / ((NEW_MRR / NEW_CUSTOMERS) × GROSS_MARGIN): months of gross-margin MRR to earn back the acquisition cost. */
  | 'CAC_PAYBACK_MONTHS'
  /** KPIS.md "Customers", `CHURNED_CUSTOMERS` (count, additive): |{c ∈ B : MRR(c, e) = 0}|: customers paying in the base month b and not in the last month e. */
  | 'CHURNED_CUSTOMERS'
  /** KPIS.md "Recurring revenue movements", `CHURNED_MRR` (currency, additive): Σ_{c ∈ B, MRR(c, e) = 0} MRR(c, b): the base-month MRR of churned customers. */
  | 'CHURNED_MRR'
  /** KPIS.md "Revenue, cost and margin", `CLV` (currency, not additive): ARPA × GROSS_MARGIN / max(μ, 1/120), where μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k) is the monthly logo churn (lifetime capped at ten years). */
  | 'CLV'
  /** KPIS.md "Leading indicators", `CONTENT_ENGAGEMENT_RATE` (percent, not additive): Customers in active(e) with a CONTENT_DOWNLOAD or CONTENT_SHARE event in the period / ACTIVE_CUSTOMERS. */
  | 'CONTENT_ENGAGEMENT_RATE'
  /** KPIS.md "Recurring revenue movements", `CONTRACTION_MRR` (currency, additive): Σ_{c ∈ B, MRR(c, e) > 0} max(0, MRR(c, b) − MRR(c, e)): decreases of customers who did not churn. */
  | 'CONTRACTION_MRR'
  /** KPIS.md "Revenue, cost and margin", `CRC` (currency, not additive): Cost_RETENTION(P) / RETAINED_CUSTOMERS: customer retention cost. */
  | 'CRC'
  /** KPIS.md "Leading indicators", `CSAT` (percent, not additive): Share of CSAT responses in the period with score ≥ 4 (scale 1–5); null without responses. */
  | 'CSAT'
  /** KPIS.md "Customer equity", `CUSTOMER_EQUITY` (currency, additive): (newRevenue − acquisitionCost) + (existingRevenue − servicingCost) − churnLoss, with servicingCost = Cost_SERVICING + Cost_RETENTION and churnLoss = CHURNED_MRR × k. */
  | 'CUSTOMER_EQUITY'
  /** KPIS.md "Leading indicators", `DSO` (days, not additive): AR(end of P) / creditSales(P) × days(P): open invoices at the last day (issued on or before it, not paid on or before it) over invoices issued in the period, times its calendar days. */
  | 'DSO'
  /** KPIS.md "Recurring revenue movements", `EXPANSION_MRR` (currency, additive): Σ_{c ∈ B} max(0, MRR(c, e) − MRR(c, b)). */
  | 'EXPANSION_MRR'
  /** KPIS.md "Revenue, cost and margin", `GROSS_MARGIN` (percent, not additive): (REVENUE − Cost_COGS − Cost_SERVICING) / REVENUE over the period. */
  | 'GROSS_MARGIN'
  /** KPIS.md "Recurring revenue movements", `GROSS_MRR_CHURN_RATE` (percent, not additive): (CONTRACTION_MRR + CHURNED_MRR) / Σ_{c ∈ B} MRR(c, b) (= 1 − GRR). */
  | 'GROSS_MRR_CHURN_RATE'
  /** KPIS.md "Recurring revenue movements", `GRR` (percent, not additive): Σ_{c ∈ B} min(MRR(c, e), MRR(c, b)) / Σ_{c ∈ B} MRR(c, b): gross revenue retention, expansions ignored. */
  | 'GRR'
  /** KPIS.md "Customers", `LOGO_CHURN_RATE` (percent, not additive): CHURNED_CUSTOMERS / |B|; null when no customer paid in the base month. */
  | 'LOGO_CHURN_RATE'
  /** KPIS.md "Revenue, cost and margin", `LTV_TO_CAC` (ratio, not additive): CLV / CAC. */
  | 'LTV_TO_CAC'
  /** KPIS.md "Recurring revenue movements", `MRR` (currency, additive): Σ_c MRR(c, e): recurring revenue of the last month of the period. */
  | 'MRR'
  /** KPIS.md "Customers", `NEW_CUSTOMERS` (count, additive): |{c : firstMonth(c) ∈ P}|: customers whose first month with MRR > 0 lies in the period. */
  | 'NEW_CUSTOMERS'
  /** KPIS.md "Revenue, cost and margin", `NEW_CUSTOMER_VALUE` (currency, not additive): NEW_MRR × GROSS_MARGIN / max(μ, 1/120): the lifetime value the period's new customers bring. */
  | 'NEW_CUSTOMER_VALUE'
  /** KPIS.md "Recurring revenue movements", `NEW_MRR` (currency, additive): Σ_{c : firstMonth(c) ∈ P} MRR(c, e): MRR in e of the customers new in the period. */
  | 'NEW_MRR'
  /** KPIS.md "Leading indicators", `NPS` (score, not additive): 100 × (share of NPS responses ≥ 9 − share ≤ 6) in the period (scale 0–10); null without responses. */
  | 'NPS'
  /** KPIS.md "Recurring revenue movements", `NRR` (percent, not additive): Σ_{c ∈ B} MRR(c, e) / Σ_{c ∈ B} MRR(c, b): net revenue retention; over a YEAR, this December against last December. */
  | 'NRR'
  /** KPIS.md "Recurring revenue movements", `REACTIVATION_MRR` (currency, additive): Σ_{c ∉ B, firstMonth(c) < s, MRR(c, e) > 0} MRR(c, e): customers who had paid before, not in b, and pay again in e. */
  | 'REACTIVATION_MRR'
  /** KPIS.md "Leading indicators", `REFERENCE_CALLS` (count, additive): REFERENCE_CALL events in the period. */
  | 'REFERENCE_CALLS'
  /** KPIS.md "Customers", `RETAINED_CUSTOMERS` (count, additive): |{c ∈ B : MRR(c, e) > 0}|: customers paying in the base month b and still in the last month e. */
  | 'RETAINED_CUSTOMERS'
  /** KPIS.md "Revenue, cost and margin", `REVENUE` (currency, additive): All revenue rows (RECURRING, ONE_TIME, SERVICES) in the months of the period. */
  | 'REVENUE'
  /** KPIS.md "Leading indicators", `SERVICES_ATTACH_RATE` (percent, not additive): Customers with both RECURRING and SERVICES revenue in the period / customers with RECURRING revenue in it. */
  | 'SERVICES_ATTACH_RATE'
  /** KPIS.md "Leading indicators", `TICKETS_PER_CUSTOMER` (ratio, not additive): SUPPORT_TICKET events in the period / ACTIVE_CUSTOMERS. */
  | 'TICKETS_PER_CUSTOMER'
  /** KPIS.md "Leading indicators", `TIME_TO_VALUE_DAYS` (days, not additive): Median (percentile_cont 0.5) over customers new in the period with a FIRST_VALUE event of the days from their acquiredOn (else first month) to their first FIRST_VALUE event. */
  | 'TIME_TO_VALUE_DAYS'
  /** KPIS.md "Revenue, cost and margin", `TTM_MARGIN` (percent, not additive): (TTM_REVENUE − Cost_COGS − Cost_SERVICING) / TTM_REVENUE over the 12 months ending with the last month of the period. */
  | 'TTM_MARGIN'
  /** KPIS.md "Revenue, cost and margin", `TTM_REVENUE` (currency, additive): All revenue rows in the 12 months ending with the last month of the period. */
  | 'TTM_REVENUE';

/** What a row of the KPI matrix stands for, so that a dashboard can label it without reading its key. */
export type KpiMatrixRowKind =
  /** One value of the row dimension (a tier, a segment, a partner, …), named by `key`. */
  | 'GROUP'
  /** The total over every customer and fact row that passes the filter: the last row. */
  | 'TOTAL'
  /** Everything with no value for the row dimension (`key` null): fact rows that name no customer, such as costs not booked to a customer (under CAMPAIGN: nor to a campaign), and customers without a value — a direct customer under PARTNER, a customer without an acquisition campaign under CAMPAIGN, one with no phase entered yet under PHASE. Listed last before the total, only when it has facts. Label it e.g. "Unassigned" ("Direct" under PARTNER). */
  | 'UNASSIGNED';

/** How a value stands against its approved target. The first that applies: INCOMPLETE, NO_TARGET, NO_VALUE, then ON_TRACK, AT_RISK or OFF_TRACK from the attainment. */
export type KpiStatus =
  /** Attainment ≥ 0.9 and < 1: within 10% of the target. */
  | 'AT_RISK'
  /** The period is not complete: it ends after the workspace's data-completeness watermark (in progress, computed to date, or not started). Attainment is null whatever the target: a quarter in progress is not judged against the whole quarter's target. */
  | 'INCOMPLETE'
  /** The period is complete but no target is approved for it: nothing to judge the value against. */
  | 'NO_TARGET'
  /** The period is complete and a target is approved, but the value is null (e.g. a rate whose denominator is 0): it cannot be judged. */
  | 'NO_VALUE'
  /** Attainment < 0.9. */
  | 'OFF_TRACK'
  /** Attainment ≥ 1: the target is met. */
  | 'ON_TRACK';

/** The unit of a KPI value. */
export type KpiUnit =
  /** A number of customers or events. */
  | 'COUNT'
  /** An amount in the workspace currency, exact to the cent. */
  | 'CURRENCY'
  /** Calendar days. */
  | 'DAYS'
  /** Months. */
  | 'MONTHS'
  /** A share, as a fraction: 0.25 means 25%. Retention rates can exceed 1. */
  | 'PERCENT'
  /** A plain ratio, e.g. 3.2 for LTV:CAC. */
  | 'RATIO'
  /** A score on its own scale (NPS: -100 to 100). */
  | 'SCORE';

/** Which periods to compute: every period of `grain` whose first day lies in [from, to]. Quarters and years follow the workspace's fiscalYearStartMonth. */
export type PeriodInput = {
  /** First day of the range (YYYY-MM-DD); a period starting on or after it is included. */
  from: string;
  /** MONTH, QUARTER or YEAR. */
  grain: Grain;
  /** Last day of the range (YYYY-MM-DD); a period starting on or before it is included. */
  to: string;
};

export type KpiMatrixTableQueryVariables = Exact<{
  metrics: Array<KpiKey> | KpiKey;
  period: PeriodInput;
  rows?: Dimension;
}>;


export type KpiMatrixTableQuery = { kpiMatrix: { periodStart: string, periodEnd: string, columns: Array<{ kpi: KpiKey, unit: KpiUnit }>, rows: Array<{ kind: KpiMatrixRowKind, key: string | null, cells: Array<{ kpi: KpiKey, value: number | null, target: number | null, status: KpiStatus, relativeChange: number | null, complete: boolean, dataThrough: string | null }> }> } };


export const KpiMatrixTableDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiMatrixTable"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metrics"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiKey"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Dimension"}}},"defaultValue":{"kind":"EnumValue","value":"TIER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiMatrix"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metrics"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"relativeChange"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"dataThrough"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiMatrixTableQuery, KpiMatrixTableQueryVariables>;