/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What KPIs can be grouped and filtered by. A fact row that names a customer takes that customer's current keys; a cost row that names no customer has no customer key (it falls in the group whose keys are null). A group computes each KPI over its own customers and rows: the groups of an additive KPI add up to the total, a ratio is its group's own numerator over its own denominator. */
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
  /** The customer's current segment (the workspace's own list, `segments`). */
  | 'SEGMENT'
  /** The customer's current tier, named by its key. */
  | 'TIER';

/** Length of a KPI period: k = 1, 3 or 12 months. Quarters and years are aligned to the workspace's `fiscalYearStartMonth`. In the KPI formulas, s is a period's first month, e its last month, and b its base month, the month before s (for the second calendar quarter of 2025: s April, e June, b March). */
export type Grain =
  /** One calendar month. */
  | 'MONTH'
  /** Three months; fiscal quarters start in the fiscal year start month and every third month after it. */
  | 'QUARTER'
  /** Twelve months, starting in the fiscal year start month. */
  | 'YEAR';

/** Every KPI the engine computes; `kpiCatalog` lists them with their definitions. Notation of the formulas: A period has k months (1 for a MONTH, 3 for a QUARTER, 12 for a YEAR); its first month is s, its last month e, and its base month b is the month before s. A customer's MRR in a month, MRR(c, m), is its monthly value. In a SUBSCRIPTION workspace (the default) it is the sum of its RECURRING revenue rows of that month (0 when it has none). In a TRANSACTIONAL workspace it is its run rate: its revenue (every revenue row, plus its orders, minus the refunds of its orders) over the W months ending with that month, divided by W (the activity window, activityWindowMonths), and never below 0. A customer is active in a month when its MRR in that month is above 0; its first month is the earliest month in which it was active (a customer whose MRR was never above 0 has none); it is new in a period when its first month lies in it. The customers active in the base month are the base of the period: retention, churn and expansion are measured on them. Costs of a category (ACQUISITION, RETENTION, SERVICING, COGS) are the cost rows of the months of the period; revenue is the revenue rows of those months plus the orders placed in them, minus the refunds paid in them (in both business models). Facts dated after the workspace's data-completeness watermark are left out: a period in progress at it is computed to date (its last month e is the watermark month and k counts its months up to it), and a period starting after it has no values. A value whose denominator is 0 or whose inputs are missing is null, never 0. */
export type KpiKey =
  /** Active customers. Paying customers at the end of the period. The number of customers active in the last month of the period (MRR above 0). (a count, higher is better, trailing, additive over groups.) */
  | 'ACTIVE_CUSTOMERS'
  /** Average order value. What an average order is worth. The amounts of the orders placed in the period ÷ their number, before refunds; null without orders. (an amount in the workspace currency, higher is better, trailing, not additive over groups.) */
  | 'AOV'
  /** Average revenue per account. The recurring revenue of an average paying customer. MRR ÷ active customers. (an amount in the workspace currency, higher is better, trailing, not additive over groups.) */
  | 'ARPA'
  /** Customer acquisition cost. What winning one new customer cost. ACQUISITION costs of the period ÷ new customers. (an amount in the workspace currency, lower is better, trailing, not additive over groups.) */
  | 'CAC'
  /** CAC payback. The months a new customer takes to earn back what it cost to win. CAC ÷ (new MRR ÷ new customers × gross margin). (months, lower is better, trailing, not additive over groups.) */
  | 'CAC_PAYBACK_MONTHS'
  /** Churned customers. Customers lost over the period. The number of customers active in the base month and no longer active in the last month. (a count, lower is better, trailing, additive over groups.) */
  | 'CHURNED_CUSTOMERS'
  /** Churned MRR. Recurring revenue lost with the customers who left. The MRR in the base month of the customers active in the base month and no longer active in the last month. (an amount in the workspace currency, lower is better, trailing, additive over groups.) */
  | 'CHURNED_MRR'
  /** Customer lifetime value. The gross margin an average paying customer brings over its expected lifetime. ARPA × gross margin ÷ the monthly churn, where the monthly churn is 1 − (1 − logo churn rate)^(1/k) for a period of k months, taken as at least 1/120 so that a lifetime counts ten years at most; null when the logo churn rate is null (no customer was active in the base month). (an amount in the workspace currency, higher is better, trailing, not additive over groups.) */
  | 'CLV'
  /** Content engagement rate. The share of paying customers who engage with content. Active customers with a CONTENT_DOWNLOAD or CONTENT_SHARE event in the period ÷ active customers. (a fraction (0.25 is 25 %), higher is better, leading, not additive over groups.) */
  | 'CONTENT_ENGAGEMENT_RATE'
  /** Contraction MRR. Shrinkage of the customers who stayed. For each customer active both in the base month and in the last month whose MRR fell: its MRR in the base month minus its MRR in the last month, added up. (an amount in the workspace currency, lower is better, trailing, additive over groups.) */
  | 'CONTRACTION_MRR'
  /** Customer retention cost. What keeping one customer cost. RETENTION costs of the period ÷ retained customers. (an amount in the workspace currency, lower is better, trailing, not additive over groups.) */
  | 'CRC'
  /** Customer satisfaction. The share of satisfied answers to CSAT surveys. The share of CSAT responses of the period with a score of 4 or 5 (scale 1 to 5); null without responses. (a fraction (0.25 is 25 %), higher is better, leading, not additive over groups.) */
  | 'CSAT'
  /** Customer equity. The value the customer base created in the period: what new and existing customers paid, net of what they cost to win and to serve, less the revenue churn took away. New customers' revenue − acquisition costs + existing customers' revenue − servicing costs − churn loss. New customers' revenue: all revenue in the period of the customers new in it; acquisition costs: the ACQUISITION costs of the period; existing customers' revenue: all revenue in the period of the customers whose first month lies before it; servicing costs: the SERVICING and RETENTION costs of the period; churn loss: churned MRR × the months of the period: the recurring revenue the churned customers would have paid over it. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'CUSTOMER_EQUITY'
  /** Days sales outstanding. How many days of invoicing are waiting to be paid. Receivables at the end of the period ÷ the invoices issued in the period × the calendar days of the period; receivables are the invoices issued on or before its last day and not paid by then. (days, lower is better, leading, not additive over groups.) */
  | 'DSO'
  /** Expansion MRR. Growth of the customers of the base. For each customer active in the base month whose MRR rose: its MRR in the last month minus its MRR in the base month, added up. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'EXPANSION_MRR'
  /** Gross margin. The share of revenue left after the costs of delivering it. (Revenue − COGS costs − SERVICING costs) ÷ revenue, over the months of the period; below 0 when the costs exceed the revenue. (a fraction (0.25 is 25 %), higher is better, trailing, not additive over groups.) */
  | 'GROSS_MARGIN'
  /** Gross MRR churn rate. The share of the base's recurring revenue lost to contraction and churn. (Contraction MRR + churned MRR) ÷ the MRR in the base month of the customers active in it; always 1 − GRR. (a fraction (0.25 is 25 %), lower is better, trailing, not additive over groups.) */
  | 'GROSS_MRR_CHURN_RATE'
  /** Gross revenue retention. How much of the base's recurring revenue was kept, expansion left out. Over the customers active in the base month: the sum of the smaller of each one's MRR in the last month and in the base month ÷ the sum of their MRR in the base month. (a fraction (0.25 is 25 %), higher is better, trailing, not additive over groups.) */
  | 'GRR'
  /** Logo churn rate. The share of paying customers lost over the period. Churned customers ÷ the customers active in the base month; null when no customer was active in the base month. (a fraction (0.25 is 25 %), lower is better, trailing, not additive over groups.) */
  | 'LOGO_CHURN_RATE'
  /** Lifetime value to acquisition cost. How many times a customer pays back what it cost to win. CLV ÷ CAC. (a ratio, higher is better, trailing, not additive over groups.) */
  | 'LTV_TO_CAC'
  /** Monthly recurring revenue. Recurring revenue at the end of the period. The sum of every customer's MRR in the last month of the period. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'MRR'
  /** New customers. Customers won in the period. The number of customers whose first month with MRR above 0 lies in the period. (a count, higher is better, trailing, additive over groups.) */
  | 'NEW_CUSTOMERS'
  /** New customer value. The lifetime value the period's new customers bring: the credit acquisition deserves beyond the first sale. New MRR × gross margin ÷ the monthly churn, where the monthly churn is 1 − (1 − logo churn rate)^(1/k) for a period of k months, taken as at least 1/120 so that a lifetime counts ten years at most; null when the logo churn rate is null (no customer was active in the base month). (an amount in the workspace currency, higher is better, trailing, not additive over groups.) */
  | 'NEW_CUSTOMER_VALUE'
  /** New MRR. Recurring revenue won with new customers. The MRR in the last month of the period of the customers new in the period. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'NEW_MRR'
  /** Net promoter score. How willing customers are to recommend, from −100 to 100. 100 × (the share of NPS responses of the period scoring 9 or 10 − the share scoring 0 to 6), scale 0 to 10; null without responses. (a score, higher is better, leading, not additive over groups.) */
  | 'NPS'
  /** Net revenue retention. What the customers of the base pay now against what they paid in the base month, expansion included: above 1, the base grows on its own. Read it beside GRR: a few large expansions can lift NRR over 1 while many accounts churn. The MRR in the last month of the customers active in the base month ÷ their MRR in the base month (over a year: this year-end month against the last). Null when no customer was active in the base month. (a fraction (0.25 is 25 %), higher is better, trailing, not additive over groups.) */
  | 'NRR'
  /** Orders. Orders placed in the period. The number of orders placed in the period (an order of amount 0 counts; refunds do not undo an order). (a count, higher is better, trailing, additive over groups.) */
  | 'ORDERS'
  /** Purchase frequency. How often a buying customer orders in a year. The orders placed in the twelve months ending with the last month of the period ÷ the customers with at least one order in those months; null when no customer ordered. (a ratio, higher is better, leading, not additive over groups.) */
  | 'PURCHASE_FREQUENCY'
  /** Reactivation MRR. Recurring revenue of customers won back. The MRR in the last month of the customers who had been active before the period, were not active in the base month, and are active in the last month. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'REACTIVATION_MRR'
  /** Reference calls. Calls in which customers vouch for the company to prospects. The number of REFERENCE_CALL events of the period. (a count, higher is better, leading, additive over groups.) */
  | 'REFERENCE_CALLS'
  /** Refund rate. How much of what was ordered went back to customers as refunds and returns. The refunds paid in the period (of any order, also of orders placed earlier) ÷ the amounts of the orders placed in the period; null without orders. It may exceed 1 in a period of few orders and many late refunds. (a fraction (0.25 is 25 %), lower is better, leading, not additive over groups.) */
  | 'REFUND_RATE'
  /** Repeat purchase rate. The share of buying customers who came back for another order. The customers with at least two orders in the twelve months ending with the last month of the period ÷ the customers with at least one order in those months; null when no customer ordered. (a fraction (0.25 is 25 %), higher is better, leading, not additive over groups.) */
  | 'REPEAT_PURCHASE_RATE'
  /** Retained customers. Customers kept over the period. The number of customers active both in the base month and in the last month. (a count, higher is better, trailing, additive over groups.) */
  | 'RETAINED_CUSTOMERS'
  /** Revenue. All revenue of the period. The sum of every revenue row (RECURRING, ONE_TIME and SERVICES) in the months of the period, plus the orders placed in them, minus the refunds paid in them. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
  | 'REVENUE'
  /** Services attach rate. The share of subscribers who also buy services. Customers with both RECURRING and SERVICES revenue in the period ÷ customers with RECURRING revenue in it. (a fraction (0.25 is 25 %), higher is better, leading, not additive over groups.) */
  | 'SERVICES_ATTACH_RATE'
  /** Support tickets per customer. How much support an average paying customer needs. SUPPORT_TICKET events of the period ÷ active customers. (a ratio, lower is better, leading, not additive over groups.) */
  | 'TICKETS_PER_CUSTOMER'
  /** Time to value. How fast new customers get their first value from the product. The median, over the customers new in the period that have a FIRST_VALUE event, of the days from their acquisition date (acquiredOn, else their first month) to their first FIRST_VALUE event; with an even count, the mean of the two middle values. (days, lower is better, leading, not additive over groups.) */
  | 'TIME_TO_VALUE_DAYS'
  /** Trailing twelve months gross margin. Gross margin over the last twelve months. (Revenue − COGS costs − SERVICING costs) ÷ revenue, over the twelve months ending with the last month of the period. (a fraction (0.25 is 25 %), higher is better, trailing, not additive over groups.) */
  | 'TTM_MARGIN'
  /** Trailing twelve months revenue. Revenue of the last twelve months, free of seasonality. The sum of every revenue row in the twelve months ending with the last month of the period, plus the orders placed in them, minus the refunds paid in them. (an amount in the workspace currency, higher is better, trailing, additive over groups.) */
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
  kpis: Array<KpiKey> | KpiKey;
  period: PeriodInput;
  rows?: Dimension;
}>;


export type KpiMatrixTableQuery = { kpiMatrix: { periodStart: string, periodEnd: string, columns: Array<{ key: string, unit: KpiUnit }>, rows: Array<{ kind: KpiMatrixRowKind, key: string | null, total: boolean, cells: Array<{ key: string, value: number | null, target: number | null, status: KpiStatus, relativeChange: number | null, complete: boolean, dataThrough: string | null }> }> } };


export const KpiMatrixTableDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiMatrixTable"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kpis"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiKey"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Dimension"}}},"defaultValue":{"kind":"EnumValue","value":"TIER"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiMatrix"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kpis"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kpis"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"relativeChange"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"dataThrough"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiMatrixTableQuery, KpiMatrixTableQueryVariables>;