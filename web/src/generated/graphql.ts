/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How the workspace's customers pay. It decides a customer's monthly value, on which every customer KPI stands (active, new, churned and reactivated customers, the MRR movements, NRR, GRR, ARPA, CLV, customer equity). */
export type BusinessModel =
  /** Customers subscribe: a customer's monthly value is its RECURRING revenue of the month; it is active while it pays. */
  | 'SUBSCRIPTION'
  /** Customers buy by order (a retailer, a distributor): a customer's monthly value is its run rate, the average monthly revenue (every revenue row, plus orders net of refunds) over the last `activityWindowMonths` months, never below 0; it is active while it buys, churned once it lapses, reactivated when it buys again. */
  | 'TRANSACTIONAL';

/** How a node's own attainment compares with what its children deliver (its chainScore). */
export type ChainSignal =
  /** Neither of the above. */
  | 'ALIGNED'
  /** chainScore ≥ 1 but own attainment < 0.9: the work is done, the outcome does not follow. */
  | 'DISCONNECT'
  /** Own attainment ≥ 1 but chainScore < 0.9: the result is met without the chain below carrying it. */
  | 'UNDERPOWERED';

/** A set of customers of one period P (first month s, last month e, base month b = the month before s), as the customer KPIs count them. */
export type CustomerSet =
  /** Customers with a monthly value above 0 in e: the customers of ACTIVE_CUSTOMERS. */
  | 'ACTIVE'
  /** Customers active in b and not in e: CHURNED_CUSTOMERS. */
  | 'CHURNED'
  /** Customers whose first month with a monthly value above 0 lies in P (even if no longer active at e): NEW_CUSTOMERS. */
  | 'NEW'
  /** Customers active in e, not in b, whose first month lies before P: the customers behind REACTIVATION_MRR. */
  | 'REACTIVATED'
  /** Customers active in b and in e: RETAINED_CUSTOMERS. */
  | 'RETAINED';

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

/** Whether a KPI or metric tells early about results (leading) or reports them (trailing). */
export type IndicatorKind =
  /** Moves before the results do (activities, engagement, satisfaction, payment behaviour). */
  | 'LEADING'
  /** Reports results after the fact (customers, revenue, retention, margins, equity). */
  | 'TRAILING';

/** Which way a KPI improves; attainment is value/target when higher is better and target/value when lower is. */
export type KpiDirection =
  /** A higher value is better (revenue, retention): attainment is value ÷ target. */
  | 'HIGHER_IS_BETTER'
  /** A lower value is better (churn, costs, days): attainment is target ÷ value (2 when the value is 0). */
  | 'LOWER_IS_BETTER';

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

/** The group a KPI belongs to in the catalogue. */
export type KpiSection =
  /** How many customers pay, were won, were kept and were lost. */
  | 'CUSTOMERS'
  /** The value of the customer base over the period, net of what it cost and what churn took away. */
  | 'CUSTOMER_EQUITY'
  /** Satisfaction, engagement, support and payment signals that move before revenue does. */
  | 'LEADING_INDICATORS'
  /** How many orders customers place, their average value, how much is refunded, and how often customers buy again. */
  | 'ORDERS'
  /** How recurring revenue moved from the base month to the last month of the period. */
  | 'RECURRING_REVENUE'
  /** Revenue, costs, margins and the value of customers against what they cost. */
  | 'REVENUE_COST_MARGIN';

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
  /** Computed by the KPI engine from the facts: the metric names one KPI of the catalogue (`kpiCatalog`) and takes its unit, direction, indicator kind and targets. */
  | 'KPI'
  /** Recorded through `recordMetricValues`, per grain, period and optionally tier. */
  | 'OBSERVED';

/** A customer's part of the MRR bridge of a period (MRR at e − MRR at b = new + expansion − contraction − churned + reactivation). */
export type MrrMovement =
  /** Active in b, not in e: it adds its MRR at b to CHURNED_MRR. */
  | 'CHURN'
  /** Active in b and paying less, but still above 0, in e: it adds the decrease to CONTRACTION_MRR. */
  | 'CONTRACTION'
  /** Active in b and paying more in e: it adds the increase to EXPANSION_MRR. */
  | 'EXPANSION'
  /** Active in b and paying the same in e. */
  | 'FLAT'
  /** Its first month lies in the period (also when it is no longer active at e): it adds its MRR at e to NEW_MRR. */
  | 'NEW'
  /** Active in e, not in b, first month before the period: it adds its MRR at e to REACTIVATION_MRR. */
  | 'REACTIVATION';

/** The business function an owner belongs to. */
export type OwnerFunction =
  /** Customer success: onboarding, adoption, renewal and expansion. */
  | 'CUSTOMER_SUCCESS'
  /** Finance: billing, collections, targets. */
  | 'FINANCE'
  /** Marketing: demand generation, content, campaigns. */
  | 'MARKETING'
  /** Operations: delivery and the processes behind the journey. */
  | 'OPERATIONS'
  /** A partner who sells or serves customers on the company's behalf. */
  | 'PARTNER'
  /** Product: what the customer uses. */
  | 'PRODUCT'
  /** Sales: prospects to signed customers. */
  | 'SALES'
  /** Support: tickets and problem resolution. */
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
  /** Won and served by the company itself; the customer has no partner. */
  | 'DIRECT'
  /** Won or served through a partner, which the customer names. */
  | 'PARTNER';

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
  /** Segment keys, e.g. "SMB". */
  segment?: Array<string> | null | undefined;
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
  /** Live chat or messaging (web chat, WhatsApp, a chatbot). */
  | 'CHAT'
  /** The delivery: the parcel, its packaging and inserts, the courier, the return label. */
  | 'DELIVERY'
  /** Printed mail: catalogues, postcards, vouchers. */
  | 'DIRECT_MAIL'
  /** An email. */
  | 'EMAIL'
  /** An in-person event, e.g. a conference or a user group. */
  | 'EVENT'
  /** Inside the product, or the company's own mobile app. */
  | 'IN_APP'
  /** A third-party marketplace where the customer buys, e.g. Amazon or Zalando. */
  | 'MARKETPLACE'
  /** Paid advertising: search, social, display, video or retargeting ads. */
  | 'PAID_ADS'
  /** Through a partner. */
  | 'PARTNER'
  /** A phone call with the service or order desk (a call with sales is SALES_CALL). */
  | 'PHONE'
  /** A push notification of the company's app. */
  | 'PUSH'
  /** Ratings and reviews, on the company's site or on review sites. */
  | 'REVIEWS'
  /** A call or meeting with sales. */
  | 'SALES_CALL'
  /** A text message. */
  | 'SMS'
  /** Social media. */
  | 'SOCIAL'
  /** A physical store, showroom or pop-up: the shop floor, the fitting room, the till. */
  | 'STORE'
  /** The support desk. */
  | 'SUPPORT'
  /** The website. */
  | 'WEB'
  /** A webinar. */
  | 'WEBINAR';

/** How a touchpoint is delivered. */
export type TouchpointMode =
  /** A person meets the customer (sales call, onboarding session, QBR). */
  | 'HUMAN_TOUCH'
  /** Programmatic, digital cadence (emails, in-app messages, content). */
  | 'TECH_TOUCH';

export type CohortsQueryVariables = Exact<{
  grain: Grain;
  from: string;
  to: string;
  ages?: number | null | undefined;
  filter?: SegmentFilter | null | undefined;
}>;


export type CohortsQuery = { cohorts: Array<{ periodStart: string, size: number, cells: Array<{ age: number, periodStart: string, activeCustomers: number, logoRetention: number, mrr: number, revenueRetention: number | null, cumulativeRevenuePerCustomer: number }> }> };

export type CustomerEquityQueryVariables = Exact<{
  period: PeriodInput;
  filter?: SegmentFilter | null | undefined;
}>;


export type CustomerEquityQuery = { customerEquity: Array<{ points: Array<{ periodStart: string, periodEnd: string, newRevenue: number | null, acquisitionCost: number | null, existingRevenue: number | null, servicingCost: number | null, churnLoss: number | null, total: number | null, newCustomers: number | null, retainedCustomers: number | null, churnedCustomers: number | null }> }> };

export type JourneyMapQueryVariables = Exact<{
  period: PeriodInput;
  tier?: string | null | undefined;
}>;


export type JourneyMapQuery = { journeys: Array<{ id: string, name: string, description: string | null, phases: Array<{ id: string, position: number, key: string, name: string, description: string | null, successDefinition: string | null, owner: { id: string, name: string, function: OwnerFunction } | null, processes: Array<{ id: string, name: string, customerView: string | null, internalProcess: string | null, systems: Array<string> }>, touchpoints: Array<{ id: string, key: string, name: string, channel: TouchpointChannel, mode: TouchpointMode, description: string | null }>, scorecard: { periodStart: string, periodEnd: string, meanAttainment: number | null, entries: Array<{ value: number | null, target: number | null, attainment: number | null, status: KpiStatus, metric: { key: string, name: string, unit: KpiUnit, direction: KpiDirection, indicatorKind: IndicatorKind } }> } }> }> };

export type KpiCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type KpiCatalogQuery = { kpiCatalog: Array<{ key: KpiKey, name: string, description: string, formula: string, unit: KpiUnit, direction: KpiDirection, indicator: IndicatorKind, additive: boolean, section: KpiSection }> };

export type KpiCustomersQueryVariables = Exact<{
  set: CustomerSet;
  grain: Grain;
  periodStart: string;
  filter?: SegmentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type KpiCustomersQuery = { kpiCustomers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { mrrAtBase: number, mrrAtEnd: number, movement: MrrMovement, customer: { id: string, externalId: string, name: string, tier: { key: string, name: string } } } }> } };

export type KpiDashboardQueryVariables = Exact<{
  kpis: Array<KpiKey> | KpiKey;
  period: PeriodInput;
  rows: Dimension;
  filter?: SegmentFilter | null | undefined;
}>;


export type KpiDashboardQuery = { kpiMatrix: { periodStart: string, periodEnd: string, rowDimension: Dimension, periods: Array<{ periodStart: string, periodEnd: string }>, columns: Array<{ kpi: KpiKey | null, unit: KpiUnit, direction: KpiDirection, additive: boolean }>, rows: Array<{ key: string | null, total: boolean, cells: Array<{ kpi: KpiKey | null, value: number | null, target: number | null, attainment: number | null, status: KpiStatus, change: number | null, relativeChange: number | null, previousValue: number | null, complete: boolean, dataThrough: string | null, series: Array<{ periodStart: string, periodEnd: string, value: number | null, target: number | null, status: KpiStatus, complete: boolean, dataThrough: string | null }> }> }> } };

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

export type OrderMovementsQueryVariables = Exact<{
  period: PeriodInput;
  filter?: SegmentFilter | null | undefined;
}>;


export type OrderMovementsQuery = { kpis: Array<{ kpi: KpiKey, unit: KpiUnit, points: Array<{ periodStart: string, periodEnd: string, value: number | null }> }> };

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


export type SessionQuery = { viewer: { keyId: string, role: Role, workspaceId: string, partner: string | null }, workspace: { id: string, name: string, currency: string, fiscalYearStartMonth: number, businessModel: BusinessModel, activityWindowMonths: number, dataCompleteThrough: string | null, effectiveDataCompleteThrough: string | null } };

export type FilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type FilterOptionsQuery = { tiers: Array<{ key: string, name: string, rank: number }>, segments: Array<{ key: string, name: string }>, partners: Array<{ externalId: string, name: string }> };

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


export const CohortsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cohorts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"grain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Grain"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ages"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cohorts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"ages"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ages"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"age"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"activeCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"logoRetention"}},{"kind":"Field","name":{"kind":"Name","value":"mrr"}},{"kind":"Field","name":{"kind":"Name","value":"revenueRetention"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeRevenuePerCustomer"}}]}}]}}]}}]} as unknown as DocumentNode<CohortsQuery, CohortsQueryVariables>;
export const CustomerEquityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerEquity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerEquity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"newRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"acquisitionCost"}},{"kind":"Field","name":{"kind":"Name","value":"existingRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"servicingCost"}},{"kind":"Field","name":{"kind":"Name","value":"churnLoss"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"newCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"retainedCustomers"}},{"kind":"Field","name":{"kind":"Name","value":"churnedCustomers"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerEquityQuery, CustomerEquityQueryVariables>;
export const JourneyMapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JourneyMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"journeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"successDefinition"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"function"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"customerView"}},{"kind":"Field","name":{"kind":"Name","value":"internalProcess"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"touchpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"meanAttainment"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorKind"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JourneyMapQuery, JourneyMapQueryVariables>;
export const KpiCatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"formula"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"additive"}},{"kind":"Field","name":{"kind":"Name","value":"section"}}]}}]}}]} as unknown as DocumentNode<KpiCatalogQuery, KpiCatalogQueryVariables>;
export const KpiCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"set"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CustomerSet"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"grain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Grain"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"periodStart"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LocalDate"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"set"},"value":{"kind":"Variable","name":{"kind":"Name","value":"set"}}},{"kind":"Argument","name":{"kind":"Name","value":"grain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"grain"}}},{"kind":"Argument","name":{"kind":"Name","value":"periodStart"},"value":{"kind":"Variable","name":{"kind":"Name","value":"periodStart"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"tier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"mrrAtBase"}},{"kind":"Field","name":{"kind":"Name","value":"mrrAtEnd"}},{"kind":"Field","name":{"kind":"Name","value":"movement"}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiCustomersQuery, KpiCustomersQueryVariables>;
export const KpiDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"KpiDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kpis"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiKey"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Dimension"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiMatrix"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kpis"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kpis"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"rowDimension"}},{"kind":"Field","name":{"kind":"Name","value":"periods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"additive"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"cells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"relativeChange"}},{"kind":"Field","name":{"kind":"Name","value":"previousValue"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"dataThrough"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"dataThrough"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<KpiDashboardQuery, KpiDashboardQueryVariables>;
export const MetricChainDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricChain"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metricChain"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"root"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"chainScore"}},{"kind":"Field","name":{"kind":"Name","value":"signal"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorKind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"child"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"r"}},{"kind":"Field","name":{"kind":"Name","value":"pairs"}},{"kind":"Field","name":{"kind":"Name","value":"periods"}},{"kind":"Field","name":{"kind":"Name","value":"lag"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MetricChainQuery, MetricChainQueryVariables>;
export const RevenueMovementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RevenueMovements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MRR"},{"kind":"EnumValue","value":"NEW_MRR"},{"kind":"EnumValue","value":"EXPANSION_MRR"},{"kind":"EnumValue","value":"CONTRACTION_MRR"},{"kind":"EnumValue","value":"CHURNED_MRR"},{"kind":"EnumValue","value":"REACTIVATION_MRR"},{"kind":"EnumValue","value":"NRR"},{"kind":"EnumValue","value":"GRR"}]}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RevenueMovementsQuery, RevenueMovementsQueryVariables>;
export const OrderMovementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderMovements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"metrics"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"REVENUE"},{"kind":"EnumValue","value":"ORDERS"},{"kind":"EnumValue","value":"AOV"},{"kind":"EnumValue","value":"REFUND_RATE"},{"kind":"EnumValue","value":"REPEAT_PURCHASE_RATE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<OrderMovementsQuery, OrderMovementsQueryVariables>;
export const OwnerScorecardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OwnerScorecards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tier"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"owners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"function"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scorecard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"tier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"meanAttainment"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"attainment"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"journeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<OwnerScorecardsQuery, OwnerScorecardsQueryVariables>;
export const PhaseFunnelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PhaseFunnel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"journeyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phaseFunnel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"journeyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"journeyId"}}},{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"entered"}},{"kind":"Field","name":{"kind":"Name","value":"advanced"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"medianDaysInPhase"}},{"kind":"Field","name":{"kind":"Name","value":"phase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]}}]} as unknown as DocumentNode<PhaseFunnelQuery, PhaseFunnelQueryVariables>;
export const SessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"workspaceId"}},{"kind":"Field","name":{"kind":"Name","value":"partner"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYearStartMonth"}},{"kind":"Field","name":{"kind":"Name","value":"businessModel"}},{"kind":"Field","name":{"kind":"Name","value":"activityWindowMonths"}},{"kind":"Field","name":{"kind":"Name","value":"dataCompleteThrough"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDataCompleteThrough"}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;
export const FilterOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<FilterOptionsQuery, FilterOptionsQueryVariables>;
export const TargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Targets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TargetFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"}},{"kind":"Field","name":{"kind":"Name","value":"metric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"periodEnd"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"source"},"value":{"kind":"EnumValue","value":"OBSERVED"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]} as unknown as DocumentNode<TargetsQuery, TargetsQueryVariables>;
export const DraftTargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DraftTargets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TargetRowInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertTargets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inserted"}},{"kind":"Field","name":{"kind":"Name","value":"updated"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}}]}}]}}]} as unknown as DocumentNode<DraftTargetsMutation, DraftTargetsMutationVariables>;
export const ApproveTargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveTargets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveTargets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}}]}}]}}]} as unknown as DocumentNode<ApproveTargetsMutation, ApproveTargetsMutationVariables>;