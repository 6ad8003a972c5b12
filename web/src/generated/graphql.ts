/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How a node's own attainment compares with what its children deliver (shared/KPIS.md, "Metric chains"). */
export type ChainSignal =
  /** Neither of the above. */
  | 'ALIGNED'
  /** chainScore ≥ 1 but own attainment < 0.9: the work is done, the outcome does not follow. */
  | 'DISCONNECT'
  /** Own attainment ≥ 1 but chainScore < 0.9: the result is met without the chain below carrying it. */
  | 'UNDERPOWERED';

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

/** Whether a metric tells early about results (leading) or reports them (trailing). */
export type IndicatorKind =
  /** Moves before the results do (activities, engagement, satisfaction). */
  | 'LEADING'
  /** Reports results after the fact (revenue, retention, equity). */
  | 'TRAILING';

/** Which way a KPI improves; attainment is value/target when higher is better and target/value when lower is. */
export type KpiDirection =
  | 'HIGHER_IS_BETTER'
  | 'LOWER_IS_BETTER';

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
  /** KPIS.md "Revenue, cost and margin", `CLV` (currency, not additive): ARPA × GROSS_MARGIN / max(μ, 1/120), where μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k) is the monthly logo churn (lifetime capped at ten years); null when LOGO_CHURN_RATE is null (nobody paid in the base month). */
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
  /** KPIS.md "Revenue, cost and margin", `NEW_CUSTOMER_VALUE` (currency, not additive): NEW_MRR × GROSS_MARGIN / max(μ, 1/120): the lifetime value the period's new customers bring; null when LOGO_CHURN_RATE is null. */
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

/** How a value stands against its approved target (shared/KPIS.md, "Targets, attainment and status"). */
export type KpiStatus =
  /** Attainment ≥ 0.9 and < 1. */
  | 'AT_RISK'
  /** No approved target, or no value: attainment is null. */
  | 'NO_TARGET'
  /** Attainment < 0.9. */
  | 'OFF_TRACK'
  /** Attainment ≥ 1. */
  | 'ON_TRACK';

/** The unit of a KPI value. */
export type KpiUnit =
  /** A number of customers or events (never negative). */
  | 'COUNT'
  /** An amount in the workspace currency, exact to the cent. */
  | 'CURRENCY'
  /** Calendar days. */
  | 'DAYS'
  /** Months. */
  | 'MONTHS'
  /** A share, written as a fraction: 0.25 means 25 %. From 0 to 1, except NRR (expansion lifts it over 1; its targets go up to 10) and the margins (below 0 when costs exceed revenue). Recorded values and targets outside are refused. */
  | 'PERCENT'
  /** A plain ratio, e.g. 3.2 for LTV:CAC. */
  | 'RATIO'
  /** A score on its own scale (NPS: -100 to 100). */
  | 'SCORE';

/** Where a metric sits in a chain, highest first. A link runs from a child to a parent of a strictly higher level. */
export type MetricLevel =
  /** Work done, e.g. webinars held, content downloads. */
  | 'ACTIVITY'
  /** Customer equity: one per workspace (`customer_equity`), the top of every chain. */
  | 'EQUITY'
  /** A business result, e.g. NRR, GRR, new customer revenue. */
  | 'OUTCOME'
  /** What the activities produce, e.g. qualified opportunities, onboarding completion. */
  | 'OUTPUT';

/** Where a metric's values come from. */
export type MetricSource =
  /** Computed by the KPI engine from the facts: the metric names one KPI of shared/KPIS.md. */
  | 'KPI'
  /** Recorded through `recordMetricValues`, per grain, period and optionally tier. */
  | 'OBSERVED';

/** The business function an owner belongs to. */
export type OwnerFunction =
  | 'CUSTOMER_SUCCESS'
  | 'FINANCE'
  | 'MARKETING'
  | 'OPERATIONS'
  | 'PARTNER'
  | 'PRODUCT'
  | 'SALES'
  | 'SUPPORT';

/** Which periods to compute: every period of `grain` whose first day lies in [from, to]. Quarters and years follow the workspace's fiscalYearStartMonth. */
export type PeriodInput = {
  /** First day of the range (YYYY-MM-DD); a period starting on or after it is included. */
  from: string;
  /** MONTH, QUARTER or YEAR. */
  grain: Grain;
  /** Last day of the range (YYYY-MM-DD); a period starting on or before it is included. */
  to: string;
};

/** What an API key may do. Every key carries exactly one role. */
export type Role =
  /** Everything, API keys and workspace settings included. */
  | 'ADMIN'
  /** Read everything; edit journeys, owners, metrics, chains and draft targets. */
  | 'EDITOR'
  /** Read everything, approve targets, write costs. */
  | 'FINANCE'
  /** Write facts (customers, revenue, costs, invoices, surveys, events) and read them back. */
  | 'INGEST'
  /** Read and write facts, only for the customers of the key's own partner, and read KPIs computed over those customers only (a partner portal). */
  | 'PARTNER'
  /** Read only. */
  | 'VIEWER';

/** How the customer was won and is served: directly, or through a partner (then the customer names its partner). */
export type SalesChannel =
  | 'DIRECT'
  | 'PARTNER';

/** Size segment of a customer. */
export type Segment =
  | 'ENTERPRISE'
  | 'MID_MARKET'
  | 'SMB';

/** Keeps only the customers and fact rows whose key for each given dimension is in its list (lists combine with AND; a customer or row without a key for a filtered dimension never passes). Omit a field to not filter on it. */
export type SegmentFilter = {
  /** Campaign external ids: a cost row's own campaign, else the customer's acquisition campaign. */
  campaign?: Array<string> | null | undefined;
  /** Sales channels. */
  channel?: Array<SalesChannel> | null | undefined;
  /** Partner external ids (direct customers have none and never pass). */
  partner?: Array<string> | null | undefined;
  /** Phase keys: the customer's phase as of the last day of each period. */
  phase?: Array<string> | null | undefined;
  /** Sales regions, e.g. "EMEA". */
  region?: Array<string> | null | undefined;
  /** Size segments. */
  segment?: Array<Segment> | null | undefined;
  /** Tier keys. */
  tier?: Array<string> | null | undefined;
};

/** Narrows `targets`; omitted fields do not filter. */
export type TargetFilter = {
  /** Only periods starting on or after this day. */
  from?: string | null | undefined;
  /** Only targets of this grain. */
  grain?: Grain | null | undefined;
  /** Only targets of this KPI. */
  kpi?: KpiKey | null | undefined;
  /** Only targets of this OBSERVED metric. */
  metric?: string | null | undefined;
  /** Only DRAFT or only APPROVED targets. */
  status?: TargetStatus | null | undefined;
  /** Only targets of this tier key; the empty string "" selects the targets of the whole workspace (no tier). */
  tier?: string | null | undefined;
  /** Only periods starting on or before this day. */
  to?: string | null | undefined;
};

/** One row of `upsertTargets`. Natural key: (metric or kpi, grain, periodStart, tier). A new row is a DRAFT; a changed value of an APPROVED target makes it a DRAFT again. */
export type TargetRowInput = {
  /** The grain of the period. */
  grain: Grain;
  /** The KPI; omit when `metric` is given. */
  kpi?: KpiKey | null | undefined;
  /** Key of an OBSERVED metric; omit when `kpi` is given. */
  metric?: string | null | undefined;
  /** First day of the period, aligned to the grain and the workspace fiscal year. */
  periodStart: string;
  /** Tier key; omit for the target of the whole workspace. */
  tier?: string | null | undefined;
  /** The target value, in the unit of the KPI or metric: a PERCENT is a fraction from 0 to 1 (0.95 for 95 %: 95 is refused), except NRR (up to 10) and the margins (which may be negative); COUNT, DAYS and MONTHS are not negative; NPS lies from -100 to 100. */
  value: number;
};

/** Where a target stands in its approval. Only APPROVED targets appear in KPIs, the matrix, chains and scorecards. */
export type TargetStatus =
  /** Approved by a FINANCE or ADMIN key. */
  | 'APPROVED'
  /** Drafted (or changed after approval) by an EDITOR or ADMIN key; not shown against values yet. */
  | 'DRAFT';

/** Where a touchpoint meets the customer. */
export type TouchpointChannel =
  | 'EMAIL'
  | 'EVENT'
  | 'IN_APP'
  | 'PARTNER'
  | 'SALES_CALL'
  | 'SOCIAL'
  | 'SUPPORT'
  | 'WEB'
  | 'WEBINAR';

/** How a touchpoint is delivered. */
export type TouchpointMode =
  /** A person meets the customer (sales call, onboarding session, QBR). */
  | 'HUMAN_TOUCH'
  /** Programmatic, digital cadence (emails, in-app messages, content). */
  | 'TECH_TOUCH';

export type CustomerEquityQueryVariables = Exact<{
  period: PeriodInput;
  filter?: SegmentFilter | null | undefined;
}>;


export type CustomerEquityQuery = { customerEquity: Array<{ points: Array<{ periodStart: string, periodEnd: string, newRevenue: number, acquisitionCost: number, existingRevenue: number, servicingCost: number, churnLoss: number, total: number, newCustomers: number, retainedCustomers: number, churnedCustomers: number }> }> };

export type JourneyMapQueryVariables = Exact<{
  period: PeriodInput;
  tier?: string | null | undefined;
}>;


export type JourneyMapQuery = { journeys: Array<{ id: string, name: string, description: string | null, phases: Array<{ id: string, position: number, key: string, name: string, description: string | null, successDefinition: string | null, owner: { id: string, name: string, function: OwnerFunction } | null, processes: Array<{ id: string, name: string, customerView: string | null, internalProcess: string | null, systems: Array<string> }>, touchpoints: Array<{ id: string, key: string, name: string, channel: TouchpointChannel, mode: TouchpointMode, description: string | null }>, scorecard: { periodStart: string, periodEnd: string, meanAttainment: number | null, entries: Array<{ value: number | null, target: number | null, attainment: number | null, status: KpiStatus, metric: { key: string, name: string, unit: KpiUnit, direction: KpiDirection, indicatorKind: IndicatorKind } }> } }> }> };

export type KpiDashboardQueryVariables = Exact<{
  metrics: Array<KpiKey> | KpiKey;
  period: PeriodInput;
  rows: Dimension;
  filter?: SegmentFilter | null | undefined;
}>;


export type KpiDashboardQuery = { kpiMatrix: { periodStart: string, periodEnd: string, rowDimension: Dimension, periods: Array<{ periodStart: string, periodEnd: string }>, columns: Array<{ kpi: KpiKey, unit: KpiUnit, direction: KpiDirection, additive: boolean }>, rows: Array<{ key: string | null, total: boolean, cells: Array<{ kpi: KpiKey, value: number | null, target: number | null, attainment: number | null, status: KpiStatus, change: number | null, relativeChange: number | null, previousValue: number | null, series: Array<{ periodStart: string, periodEnd: string, value: number | null, target: number | null, status: KpiStatus }> }> }> } };

export type MetricChainQueryVariables = Exact<{
  period: PeriodInput;
  tier?: string | null | undefined;
}>;


export type MetricChainQuery = { metricChain: { periodStart: string, periodEnd: string, tier: string | null, root: { key: string }, nodes: Array<{ depth: number, value: number | null, target: number | null, attainment: number | null, status: KpiStatus, chainScore: number | null, signal: ChainSignal | null, metric: { key: string, name: string, description: string | null, level: MetricLevel, unit: KpiUnit, direction: KpiDirection, indicatorKind: IndicatorKind, source: MetricSource, kpi: KpiKey | null, owner: { name: string } | null, phase: { name: string } | null } }>, edges: Array<{ weight: number, child: { key: string }, parent: { key: string }, evidence: { r: number | null, pairs: number, periods: number, lag: number } }> } | null };

export type RevenueMovementsQueryVariables = Exact<{
  period: PeriodInput;
  filter?: SegmentFilter | null | undefined;
}>;


export type RevenueMovementsQuery = { kpis: Array<{ kpi: KpiKey, unit: KpiUnit, points: Array<{ periodStart: string, periodEnd: string, value: number | null, target: number | null, status: KpiStatus }> }> };

export type OwnerScorecardsQueryVariables = Exact<{
  period: PeriodInput;
  tier?: string | null | undefined;
}>;


export type OwnerScorecardsQuery = { owners: Array<{ id: string, name: string, function: OwnerFunction, email: string | null, phases: Array<{ id: string, name: string, position: number }>, scorecard: { periodStart: string, periodEnd: string, meanAttainment: number | null, entries: Array<{ value: number | null, target: number | null, attainment: number | null, status: KpiStatus, metric: { key: string, name: string, unit: KpiUnit, direction: KpiDirection } }> } }>, journeys: Array<{ id: string, name: string }> };

export type PhaseFunnelQueryVariables = Exact<{
  journeyId: string | number;
  period: PeriodInput;
  filter?: SegmentFilter | null | undefined;
}>;


export type PhaseFunnelQuery = { phaseFunnel: Array<{ periodStart: string, periodEnd: string, entered: number, advanced: number, conversionRate: number | null, medianDaysInPhase: number | null, phase: { id: string, key: string, name: string, position: number } }> };

export type SessionQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionQuery = { viewer: { keyId: string, role: Role, workspaceId: string, partner: string | null }, workspace: { id: string, name: string, currency: string, fiscalYearStartMonth: number } };

export type RevenueMonthsQueryVariables = Exact<{
  period: PeriodInput;
}>;


export type RevenueMonthsQuery = { kpis: Array<{ points: Array<{ periodStart: string, value: number | null }> }> };

export type FilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type FilterOptionsQuery = { tiers: Array<{ key: string, name: string, rank: number }>, partners: Array<{ externalId: string, name: string }> };

export type TargetsQueryVariables = Exact<{
  filter?: TargetFilter | null | undefined;
}>;


export type TargetsQuery = { targets: Array<{ id: string, kpi: KpiKey | null, grain: Grain, periodStart: string, periodEnd: string, tier: string | null, value: number, status: TargetStatus, approvedAt: string | null, approvedBy: string | null, updatedAt: string, metric: { key: string, name: string, unit: KpiUnit } | null }>, tiers: Array<{ key: string, name: string, rank: number }>, metrics: Array<{ key: string, name: string, unit: KpiUnit }> };

export type DraftTargetsMutationVariables = Exact<{
  rows: Array<TargetRowInput> | TargetRowInput;
}>;


export type DraftTargetsMutation = { upsertTargets: { inserted: number, updated: number, unchanged: number } | null };

export type ApproveTargetsMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
}>;


export type ApproveTargetsMutation = { approveTargets: Array<{ id: string, status: TargetStatus, approvedAt: string | null, approvedBy: string | null }> | null };


export const CustomerEquityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerEquity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEquity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"newRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionCost"}},{"kind":"Field","name":{"kind":"Name","value":"existingRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"servicingCost"}},{"kind":"Field","name":{"kind":"Name","value":"churnLoss"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"newCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"retainedCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"churnedCustomers"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerEquityQuery, CustomerEquityQueryVariables>;
export const JourneyMapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JourneyMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"journeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"successDefinition"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"function"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"customerView"}},{"kind":"Field","name":{"kind":"Name","value":"internalProcess"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"touchpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"meanAttainment"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorKind"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JourneyMapQuery, JourneyMapQueryVariables>;
export const KpiDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metrics"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiKey"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Dimension"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiMatrix"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metrics"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"rowDimension"}},{"kind":"Field","name":{"kind":"Name","value":"periods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"additive"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"relativeChange"}},{"kind":"Field","name":{"kind":"Name","value":"previousValue"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiDashboardQuery, KpiDashboardQueryVariables>;
export const MetricChainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricChain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricChain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"root"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chainScore"}},{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorKind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"r"}},{"kind":"Field","name":{"kind":"Name","value":"pairs"}},{"kind":"Field","name":{"kind":"Name","value":"periods"}},{"kind":"Field","name":{"kind":"Name","value":"lag"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MetricChainQuery, MetricChainQueryVariables>;
export const RevenueMovementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RevenueMovements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MRR"},{"kind":"EnumValue","value":"NEW_MRR"},{"kind":"EnumValue","value":"EXPANSION_MRR"},{"kind":"EnumValue","value":"CONTRACTION_MRR"},{"kind":"EnumValue","value":"CHURNED_MRR"},{"kind":"EnumValue","value":"REACTIVATION_MRR"},{"kind":"EnumValue","value":"NRR"},{"kind":"EnumValue","value":"GRR"}]}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RevenueMovementsQuery, RevenueMovementsQueryVariables>;
export const OwnerScorecardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OwnerScorecards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"owners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"function"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"meanAttainment"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"journeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<OwnerScorecardsQuery, OwnerScorecardsQueryVariables>;
export const PhaseFunnelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhaseFunnel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"journeyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phaseFunnel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"journeyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"journeyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"entered"}},{"kind":"Field","name":{"kind":"Name","value":"advanced"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysInPhase"}},{"kind":"Field","name":{"kind":"Name","value":"phase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]}}]} as unknown as DocumentNode<PhaseFunnelQuery, PhaseFunnelQueryVariables>;
export const SessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceId"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYearStartMonth"}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;
export const RevenueMonthsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RevenueMonths"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REVENUE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<RevenueMonthsQuery, RevenueMonthsQueryVariables>;
export const FilterOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<FilterOptionsQuery, FilterOptionsQueryVariables>;
export const TargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Targets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TargetFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"OBSERVED"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]} as unknown as DocumentNode<TargetsQuery, TargetsQueryVariables>;
export const DraftTargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DraftTargets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TargetRowInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertTargets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}}]}}]}}]} as unknown as DocumentNode<DraftTargetsMutation, DraftTargetsMutationVariables>;
export const ApproveTargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveTargets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveTargets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}}]}}]}}]} as unknown as DocumentNode<ApproveTargetsMutation, ApproveTargetsMutationVariables>;