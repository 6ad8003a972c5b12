import { registerEnumType } from 'type-graphql';
import { IndicatorKind, KpiDirection, KpiSection, KpiUnit } from './kpi.enums';
import type { MeasureName } from './measures';

/**
 * The KPI catalogue: every KPI, declared once. `KpiKey`, the GraphQL enum and its descriptions, the `kpiCatalog` query,
 * docs/kpis.md (`npm run docs:kpis`) and the SQL all derive from the declarations below. A KPI is an expression over its
 * group's measures (measures.ts), whose rows come from the row sources (row-sources.ts).
 *
 * Adding a KPI over existing measures is one entry here, then `npm run schema:emit` (it also runs `npm run docs:kpis`).
 */

/** What a KPI expression can refer to: its group's measures, other KPIs, and the period's k and days. */
export interface KpiRefs<K extends string = string> {
  m(name: MeasureName): string;
  kpi(key: K): string;
  /** k: the number of months of the period (1, 3 or 12). */
  months: string;
  /** The calendar days of the period. */
  days: string;
}

export interface KpiDeclaration<K extends string = string> {
  /** A display name, e.g. "Net revenue retention". */
  name: string;
  /** What it tells, in one or two sentences. */
  description: string;
  /** How it is computed, in words (the notation is defined once, on `KpiKey`). */
  formula: string;
  section: KpiSection;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Leading or trailing, and in one line why. */
  indicator: IndicatorKind;
  indicatorReason: string;
  /** The groups' values add up to the ungrouped value (checked against the measures its SQL uses, in the tests). */
  additive: boolean;
  /** The values it can take where they differ from its unit's (metrics/value.rules.ts): targets outside are refused. */
  range?: { min: number | null; max: number | null };
  sql(r: KpiRefs<K>): string;
}

/** The declarations, typed so that a KPI refers only to KPIs that exist (the keys are inferred from the object itself). */
function defineKpis<K extends string>(declarations: { [P in K]: KpiDeclaration<NoInfer<K>> }): { [P in K]: KpiDeclaration<K> } {
  return declarations;
}

/** a / b, null when b is 0 (or either is null): a KPI without a defined value is null, never 0, never NaN. */
export const ratio = (a: string, b: string) => `((${a})::numeric / NULLIF((${b})::numeric, 0))`;

/**
 * max(μ, 1/120), μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k): the monthly logo churn, floored so that a lifetime is at most ten years.
 * Null when LOGO_CHURN_RATE is (no customer in the base month): PostgreSQL's greatest() would skip the null and answer 1/120.
 */
const monthlyChurnFloored = (churnRate: string, months: string) => {
  const mu = `(1 - power(1 - (${churnRate}), 1.0 / ${months}))`;
  return `(CASE WHEN ${mu} IS NOT NULL THEN greatest(${mu}, 1.0 / 120) END)`;
};

/** The components of customer equity, each additive; the KPI is their signed sum, and `customerEquity` returns each. */
export interface EquityComponentDeclaration {
  /** How the formula names it. */
  label: string;
  /** What it is, in words (lower case: it follows the label). */
  definition: string;
  sign: 1 | -1;
  sql(r: KpiRefs): string;
}

export const CUSTOMER_EQUITY_COMPONENTS = {
  newRevenue: {
    label: "new customers' revenue",
    definition: 'all revenue in the period of the customers new in it',
    sign: 1,
    sql: (r) => r.m('new_revenue'),
  },
  acquisitionCost: {
    label: 'acquisition costs',
    definition: 'the ACQUISITION costs of the period',
    sign: -1,
    sql: (r) => r.m('acquisition_cost'),
  },
  existingRevenue: {
    label: "existing customers' revenue",
    definition: 'all revenue in the period of the customers whose first month lies before it',
    sign: 1,
    sql: (r) => r.m('existing_revenue'),
  },
  servicingCost: {
    label: 'servicing costs',
    definition: 'the SERVICING and RETENTION costs of the period',
    sign: -1,
    sql: (r) => `(${r.m('servicing_cost')} + ${r.m('retention_cost')})`,
  },
  churnLoss: {
    label: 'churn loss',
    definition: 'churned MRR × the months of the period: the recurring revenue the churned customers would have paid over it',
    sign: -1,
    sql: (r) => `(${r.m('churned_mrr')} * ${r.months})`,
  },
} satisfies Record<string, EquityComponentDeclaration>;

export type EquityComponent = keyof typeof CUSTOMER_EQUITY_COMPONENTS;
const EQUITY = Object.entries(CUSTOMER_EQUITY_COMPONENTS) as [EquityComponent, EquityComponentDeclaration][];
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** A component's description where it is returned on its own. */
export const equityComponentDescription = (name: EquityComponent) => `${capitalized(CUSTOMER_EQUITY_COMPONENTS[name].definition)}.`;

/** The counts `customerEquity` returns beside the components, by field name. */
export const CUSTOMER_EQUITY_COUNTS = { newCustomers: 'NEW_CUSTOMERS', retainedCustomers: 'RETAINED_CUSTOMERS', churnedCustomers: 'CHURNED_CUSTOMERS' } as const;

const { HIGHER_IS_BETTER: UP, LOWER_IS_BETTER: DOWN } = KpiDirection;
const { LEADING, TRAILING } = IndicatorKind;
const { CUSTOMERS, RECURRING_REVENUE, REVENUE_COST_MARGIN, CUSTOMER_EQUITY, ORDERS, LEADING_INDICATORS } = KpiSection;
const { COUNT, CURRENCY, PERCENT, RATIO, DAYS, MONTHS, SCORE } = KpiUnit;

const MONTHLY_CHURN =
  'the monthly churn is 1 − (1 − logo churn rate)^(1/k) for a period of k months, taken as at least 1/120 so that a lifetime counts ten years at most; null when the logo churn rate is null (no customer was active in the base month)';

export const KPIS = defineKpis({
  // ---- Customers
  ACTIVE_CUSTOMERS: {
    name: 'Active customers',
    description: 'Paying customers at the end of the period.',
    formula: 'The number of customers active in the last month of the period (MRR above 0).',
    section: CUSTOMERS, unit: COUNT, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It counts the result of acquisition and retention once customers pay.',
    sql: (r) => r.m('active_customers'),
  },
  NEW_CUSTOMERS: {
    name: 'New customers',
    description: 'Customers won in the period.',
    formula: 'The number of customers whose first month with MRR above 0 lies in the period.',
    section: CUSTOMERS, unit: COUNT, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It is the outcome of the pipeline, counted once the customer pays.',
    sql: (r) => r.m('new_customers'),
  },
  CHURNED_CUSTOMERS: {
    name: 'Churned customers',
    description: 'Customers lost over the period.',
    formula: 'The number of customers active in the base month and no longer active in the last month.',
    section: CUSTOMERS, unit: COUNT, direction: DOWN, additive: true,
    indicator: TRAILING, indicatorReason: 'It counts customers who are already gone.',
    sql: (r) => r.m('churned_customers'),
  },
  RETAINED_CUSTOMERS: {
    name: 'Retained customers',
    description: 'Customers kept over the period.',
    formula: 'The number of customers active both in the base month and in the last month.',
    section: CUSTOMERS, unit: COUNT, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It counts the result of retention at the end of the period.',
    sql: (r) => r.m('retained_customers'),
  },
  LOGO_CHURN_RATE: {
    name: 'Logo churn rate',
    description: 'The share of paying customers lost over the period.',
    formula: 'Churned customers ÷ the customers active in the base month; null when no customer was active in the base month.',
    section: CUSTOMERS, unit: PERCENT, direction: DOWN, additive: false,
    indicator: TRAILING, indicatorReason: 'It measures churn that has already happened.',
    sql: (r) => ratio(r.m('churned_customers'), r.m('base_customers')),
  },

  // ---- Recurring revenue movements (from the base month to the last month)
  MRR: {
    name: 'Monthly recurring revenue',
    description: 'Recurring revenue at the end of the period.',
    formula: "The sum of every customer's MRR in the last month of the period.",
    section: RECURRING_REVENUE, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It is revenue already contracted and billed.',
    sql: (r) => r.m('mrr'),
  },
  NEW_MRR: {
    name: 'New MRR',
    description: 'Recurring revenue won with new customers.',
    formula: 'The MRR in the last month of the period of the customers new in the period.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It is the revenue result of acquisition.',
    sql: (r) => r.m('new_mrr'),
  },
  EXPANSION_MRR: {
    name: 'Expansion MRR',
    description: 'Growth of the customers of the base.',
    formula:
      'For each customer active in the base month whose MRR rose: its MRR in the last month minus its MRR in the base month, added up.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It reports upsell that has already been billed.',
    sql: (r) => r.m('expansion_mrr'),
  },
  CONTRACTION_MRR: {
    name: 'Contraction MRR',
    description: 'Shrinkage of the customers who stayed.',
    formula:
      'For each customer active both in the base month and in the last month whose MRR fell: its MRR in the base month minus its MRR in the last month, added up.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: DOWN, additive: true,
    indicator: TRAILING, indicatorReason: 'It reports downgrades that have already been billed.',
    sql: (r) => r.m('contraction_mrr'),
  },
  CHURNED_MRR: {
    name: 'Churned MRR',
    description: 'Recurring revenue lost with the customers who left.',
    formula: 'The MRR in the base month of the customers active in the base month and no longer active in the last month.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: DOWN, additive: true,
    indicator: TRAILING, indicatorReason: 'It reports revenue already lost.',
    sql: (r) => r.m('churned_mrr'),
  },
  REACTIVATION_MRR: {
    name: 'Reactivation MRR',
    description: 'Recurring revenue of customers won back.',
    formula:
      'The MRR in the last month of the customers who had been active before the period, were not active in the base month, and are active in the last month.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It reports win-backs once they pay again.',
    sql: (r) => r.m('reactivation_mrr'),
  },
  NRR: {
    name: 'Net revenue retention',
    description:
      'What the customers of the base pay now against what they paid in the base month, expansion included: above 1, the base grows on its own. Read it beside GRR: a few large expansions can lift NRR over 1 while many accounts churn.',
    formula:
      'The MRR in the last month of the customers active in the base month ÷ their MRR in the base month (over a year: this year-end month against the last). Null when no customer was active in the base month.',
    section: RECURRING_REVENUE, unit: PERCENT, direction: UP, additive: false,
    // Expansion lifts it over 1; above 10 (1,000 %) it is a percentage written as a number.
    range: { min: 0, max: 10 },
    indicator: TRAILING, indicatorReason: 'It reports retention and expansion that have happened.',
    sql: (r) => ratio(r.m('base_mrr_now'), r.m('base_mrr')),
  },
  GRR: {
    name: 'Gross revenue retention',
    description: "How much of the base's recurring revenue was kept, expansion left out.",
    formula:
      'Over the customers active in the base month: the sum of the smaller of each one\'s MRR in the last month and in the base month ÷ the sum of their MRR in the base month.',
    section: RECURRING_REVENUE, unit: PERCENT, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: 'It reports retention that has happened.',
    sql: (r) => ratio(r.m('base_mrr_kept'), r.m('base_mrr')),
  },
  GROSS_MRR_CHURN_RATE: {
    name: 'Gross MRR churn rate',
    description: "The share of the base's recurring revenue lost to contraction and churn.",
    formula: '(Contraction MRR + churned MRR) ÷ the MRR in the base month of the customers active in it; always 1 − GRR.',
    section: RECURRING_REVENUE, unit: PERCENT, direction: DOWN, additive: false,
    indicator: TRAILING, indicatorReason: 'It reports revenue already lost.',
    sql: (r) => ratio(`${r.m('contraction_mrr')} + ${r.m('churned_mrr')}`, r.m('base_mrr')),
  },
  ARPA: {
    name: 'Average revenue per account',
    description: 'The recurring revenue of an average paying customer.',
    formula: 'MRR ÷ active customers.',
    section: RECURRING_REVENUE, unit: CURRENCY, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: 'It is computed from revenue already billed.',
    sql: (r) => ratio(r.m('mrr'), r.m('active_customers')),
  },

  // ---- Revenue, cost and margin
  REVENUE: {
    name: 'Revenue',
    description: 'All revenue of the period.',
    formula:
      'The sum of every revenue row (RECURRING, ONE_TIME and SERVICES) in the months of the period, plus the orders placed in them, minus the refunds paid in them.',
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It is revenue already earned.',
    sql: (r) => r.m('revenue'),
  },
  TTM_REVENUE: {
    name: 'Trailing twelve months revenue',
    description: 'Revenue of the last twelve months, free of seasonality.',
    formula:
      'The sum of every revenue row in the twelve months ending with the last month of the period, plus the orders placed in them, minus the refunds paid in them.',
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It is revenue already earned.',
    sql: (r) => r.m('ttm_revenue'),
  },
  GROSS_MARGIN: {
    name: 'Gross margin',
    description: 'The share of revenue left after the costs of delivering it.',
    formula: '(Revenue − COGS costs − SERVICING costs) ÷ revenue, over the months of the period; below 0 when the costs exceed the revenue.',
    section: REVENUE_COST_MARGIN, unit: PERCENT, direction: UP, additive: false,
    range: { min: null, max: 1 }, // negative when costs exceed revenue
    indicator: TRAILING, indicatorReason: 'It is computed from booked revenue and costs.',
    sql: (r) => ratio(`${r.m('revenue')} - ${r.m('cogs')} - ${r.m('servicing_cost')}`, r.m('revenue')),
  },
  TTM_MARGIN: {
    name: 'Trailing twelve months gross margin',
    description: 'Gross margin over the last twelve months.',
    formula: '(Revenue − COGS costs − SERVICING costs) ÷ revenue, over the twelve months ending with the last month of the period.',
    section: REVENUE_COST_MARGIN, unit: PERCENT, direction: UP, additive: false,
    range: { min: null, max: 1 },
    indicator: TRAILING, indicatorReason: 'It is computed from booked revenue and costs.',
    sql: (r) => ratio(`${r.m('ttm_revenue')} - ${r.m('ttm_delivery_cost')}`, r.m('ttm_revenue')),
  },
  CAC: {
    name: 'Customer acquisition cost',
    description: 'What winning one new customer cost.',
    formula: 'ACQUISITION costs of the period ÷ new customers.',
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: DOWN, additive: false,
    indicator: TRAILING, indicatorReason: 'It divides money already spent by customers already won.',
    sql: (r) => ratio(r.m('acquisition_cost'), r.m('new_customers')),
  },
  CRC: {
    name: 'Customer retention cost',
    description: 'What keeping one customer cost.',
    formula: 'RETENTION costs of the period ÷ retained customers.',
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: DOWN, additive: false,
    indicator: TRAILING, indicatorReason: 'It divides money already spent by customers already kept.',
    sql: (r) => ratio(r.m('retention_cost'), r.m('retained_customers')),
  },
  CLV: {
    name: 'Customer lifetime value',
    description: 'The gross margin an average paying customer brings over its expected lifetime.',
    formula: `ARPA × gross margin ÷ the monthly churn, where ${MONTHLY_CHURN}.`,
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: "It projects the period's realised ARPA, margin and churn, so it moves only after they do.",
    sql: (r) => `((${r.kpi('ARPA')}) * (${r.kpi('GROSS_MARGIN')}) / ${monthlyChurnFloored(r.kpi('LOGO_CHURN_RATE'), r.months)})`,
  },
  LTV_TO_CAC: {
    name: 'Lifetime value to acquisition cost',
    description: 'How many times a customer pays back what it cost to win.',
    formula: 'CLV ÷ CAC.',
    section: REVENUE_COST_MARGIN, unit: RATIO, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: 'Both of its terms are trailing.',
    sql: (r) => ratio(r.kpi('CLV'), r.kpi('CAC')),
  },
  CAC_PAYBACK_MONTHS: {
    name: 'CAC payback',
    description: 'The months a new customer takes to earn back what it cost to win.',
    formula: 'CAC ÷ (new MRR ÷ new customers × gross margin).',
    section: REVENUE_COST_MARGIN, unit: MONTHS, direction: DOWN, additive: false,
    indicator: TRAILING, indicatorReason: 'It is computed from costs, revenue and margin already booked.',
    sql: (r) => ratio(r.kpi('CAC'), `${ratio(r.m('new_mrr'), r.m('new_customers'))} * (${r.kpi('GROSS_MARGIN')})`),
  },
  NEW_CUSTOMER_VALUE: {
    name: 'New customer value',
    description: "The lifetime value the period's new customers bring: the credit acquisition deserves beyond the first sale.",
    formula: `New MRR × gross margin ÷ the monthly churn, where ${MONTHLY_CHURN}.`,
    section: REVENUE_COST_MARGIN, unit: CURRENCY, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: "It projects the period's realised new MRR, margin and churn.",
    sql: (r) => `(${r.m('new_mrr')} * (${r.kpi('GROSS_MARGIN')}) / ${monthlyChurnFloored(r.kpi('LOGO_CHURN_RATE'), r.months)})`,
  },

  // ---- Customer equity
  CUSTOMER_EQUITY: {
    name: 'Customer equity',
    description:
      'The value the customer base created in the period: what new and existing customers paid, net of what they cost to win and to serve, less the revenue churn took away.',
    formula:
      capitalized(EQUITY.map(([, c], i) => `${c.sign < 0 ? '− ' : i ? '+ ' : ''}${c.label}`).join(' ')) +
      '. ' +
      capitalized(EQUITY.map(([, c]) => `${c.label}: ${c.definition}`).join('; ')) +
      '.',
    section: CUSTOMER_EQUITY, unit: CURRENCY, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It adds up revenue, costs and churn already booked.',
    sql: (r) => `(${EQUITY.map(([, c], i) => `${c.sign < 0 ? '- ' : i ? '+ ' : ''}${c.sql(r)}`).join(' ')})`,
  },

  // ---- Orders
  ORDERS: {
    name: 'Orders',
    description: 'Orders placed in the period.',
    formula: 'The number of orders placed in the period (an order of amount 0 counts; refunds do not undo an order).',
    section: ORDERS, unit: COUNT, direction: UP, additive: true,
    indicator: TRAILING, indicatorReason: 'It counts purchases already made.',
    sql: (r) => r.m('orders'),
  },
  AOV: {
    name: 'Average order value',
    description: 'What an average order is worth.',
    formula: 'The amounts of the orders placed in the period ÷ their number, before refunds; null without orders.',
    section: ORDERS, unit: CURRENCY, direction: UP, additive: false,
    indicator: TRAILING, indicatorReason: 'It is computed from orders already placed.',
    sql: (r) => ratio(r.m('order_amount'), r.m('orders')),
  },
  REFUND_RATE: {
    name: 'Refund rate',
    description: 'How much of what was ordered went back to customers as refunds and returns.',
    formula:
      'The refunds paid in the period (of any order, also of orders placed earlier) ÷ the amounts of the orders placed in the period; null without orders. It may exceed 1 in a period of few orders and many late refunds.',
    section: ORDERS, unit: PERCENT, direction: DOWN, additive: false,
    range: { min: 0, max: null },
    indicator: LEADING, indicatorReason: 'Returns and refunds show disappointment before customers stop buying.',
    sql: (r) => ratio(r.m('refund_amount'), r.m('order_amount')),
  },
  PURCHASE_FREQUENCY: {
    name: 'Purchase frequency',
    description: 'How often a buying customer orders in a year.',
    formula:
      'The orders placed in the twelve months ending with the last month of the period ÷ the customers with at least one order in those months; null when no customer ordered.',
    section: ORDERS, unit: RATIO, direction: UP, additive: false,
    indicator: LEADING, indicatorReason: 'Customers who buy often are the ones who stay active and bring lifetime value.',
    sql: (r) => ratio(r.m('ttm_orders'), r.m('ttm_ordering_customers')),
  },
  REPEAT_PURCHASE_RATE: {
    name: 'Repeat purchase rate',
    description: 'The share of buying customers who came back for another order.',
    formula:
      'The customers with at least two orders in the twelve months ending with the last month of the period ÷ the customers with at least one order in those months; null when no customer ordered.',
    section: ORDERS, unit: PERCENT, direction: UP, additive: false,
    indicator: LEADING, indicatorReason: 'A second purchase is the habit that retention and lifetime value are built on.',
    sql: (r) => ratio(r.m('ttm_repeat_customers'), r.m('ttm_ordering_customers')),
  },

  // ---- Leading indicators
  CSAT: {
    name: 'Customer satisfaction',
    description: 'The share of satisfied answers to CSAT surveys.',
    formula: 'The share of CSAT responses of the period with a score of 4 or 5 (scale 1 to 5); null without responses.',
    section: LEADING_INDICATORS, unit: PERCENT, direction: UP, additive: false,
    indicator: LEADING, indicatorReason: 'Satisfaction moves before renewals and churn do.',
    sql: (r) => ratio(r.m('csat_satisfied'), r.m('csat_responses')),
  },
  NPS: {
    name: 'Net promoter score',
    description: 'How willing customers are to recommend, from −100 to 100.',
    formula: '100 × (the share of NPS responses of the period scoring 9 or 10 − the share scoring 0 to 6), scale 0 to 10; null without responses.',
    section: LEADING_INDICATORS, unit: SCORE, direction: UP, additive: false,
    range: { min: -100, max: 100 },
    indicator: LEADING, indicatorReason: 'Willingness to recommend precedes referrals, expansion and churn.',
    sql: (r) => `(100 * ${ratio(`${r.m('nps_promoters')} - ${r.m('nps_detractors')}`, r.m('nps_responses'))})`,
  },
  TICKETS_PER_CUSTOMER: {
    name: 'Support tickets per customer',
    description: 'How much support an average paying customer needs.',
    formula: 'SUPPORT_TICKET events of the period ÷ active customers.',
    section: LEADING_INDICATORS, unit: RATIO, direction: DOWN, additive: false,
    indicator: LEADING, indicatorReason: 'Friction shows in support before it shows in churn.',
    sql: (r) => ratio(r.m('support_tickets'), r.m('active_customers')),
  },
  REFERENCE_CALLS: {
    name: 'Reference calls',
    description: 'Calls in which customers vouch for the company to prospects.',
    formula: 'The number of REFERENCE_CALL events of the period.',
    section: LEADING_INDICATORS, unit: COUNT, direction: UP, additive: true,
    indicator: LEADING, indicatorReason: 'Advocacy feeds the pipeline before it shows as new revenue.',
    sql: (r) => r.m('reference_calls'),
  },
  DSO: {
    name: 'Days sales outstanding',
    description: 'How many days of invoicing are waiting to be paid.',
    formula:
      'Receivables at the end of the period ÷ the invoices issued in the period × the calendar days of the period; receivables are the invoices issued on or before its last day and not paid by then.',
    section: LEADING_INDICATORS, unit: DAYS, direction: DOWN, additive: false,
    indicator: LEADING, indicatorReason: 'Customers who pay later show distress or dissatisfaction before they contract or churn.',
    sql: (r) => `(${ratio(r.m('receivables'), r.m('credit_sales'))} * ${r.days})`,
  },
  SERVICES_ATTACH_RATE: {
    name: 'Services attach rate',
    description: 'The share of subscribers who also buy services.',
    formula: 'Customers with both RECURRING and SERVICES revenue in the period ÷ customers with RECURRING revenue in it.',
    section: LEADING_INDICATORS, unit: PERCENT, direction: UP, additive: false,
    indicator: LEADING, indicatorReason: 'Customers who buy services adopt more deeply, which shows later in retention and expansion.',
    sql: (r) => ratio(r.m('services_attached_customers'), r.m('recurring_customers')),
  },
  TIME_TO_VALUE_DAYS: {
    name: 'Time to value',
    description: 'How fast new customers get their first value from the product.',
    formula:
      'The median, over the customers new in the period that have a FIRST_VALUE event, of the days from their acquisition date (acquiredOn, else their first month) to their first FIRST_VALUE event; with an even count, the mean of the two middle values.',
    section: LEADING_INDICATORS, unit: DAYS, direction: DOWN, additive: false,
    indicator: LEADING, indicatorReason: 'Customers who reach value quickly are the ones who stay and expand.',
    sql: (r) => r.m('time_to_value_days'),
  },
  CONTENT_ENGAGEMENT_RATE: {
    name: 'Content engagement rate',
    description: 'The share of paying customers who engage with content.',
    formula: 'Active customers with a CONTENT_DOWNLOAD or CONTENT_SHARE event in the period ÷ active customers.',
    section: LEADING_INDICATORS, unit: PERCENT, direction: UP, additive: false,
    indicator: LEADING, indicatorReason: 'Engagement precedes renewal and expansion.',
    sql: (r) => ratio(r.m('content_engaged_customers'), r.m('active_customers')),
  },
});

/** Every KPI the engine computes: the keys of the catalogue. */
export type KpiKey = keyof typeof KPIS;
/** The keys as an enum-like object (`KpiKey.MRR`), the GraphQL enum `KpiKey`. */
export const KpiKey = Object.fromEntries(Object.keys(KPIS).map((key) => [key, key])) as { readonly [K in KpiKey]: K };
export const KPI_KEYS = Object.keys(KPIS) as KpiKey[];

/** Decimal places a value of each unit is rounded to, once, at the end (currency: exact to the cent). */
export const UNIT_SCALE: Record<KpiUnit, number> = {
  [KpiUnit.CURRENCY]: 2,
  [KpiUnit.COUNT]: 0,
  [KpiUnit.DAYS]: 2,
  [KpiUnit.MONTHS]: 4,
  [KpiUnit.PERCENT]: 10,
  [KpiUnit.RATIO]: 10,
  [KpiUnit.SCORE]: 4,
};

/**
 * The notation the formulas may use, defined once (it heads `KpiKey`; the period notation is also on `Grain`).
 */
export const KPI_NOTATION =
  'A period has k months (1 for a MONTH, 3 for a QUARTER, 12 for a YEAR); its first month is s, its last month e, and its base month b is the month before s. ' +
  "A customer's MRR in a month, MRR(c, m), is its monthly value. In a SUBSCRIPTION workspace (the default) it is the sum of its RECURRING revenue rows of that month (0 when it has none). " +
  'In a TRANSACTIONAL workspace it is its run rate: its revenue (every revenue row, plus its orders, minus the refunds of its orders) over the W months ending with that month, divided by W (the activity window, activityWindowMonths), and never below 0. ' +
  'A customer is active in a month when its MRR in that month is above 0; its first month is the earliest month in which it was active (a customer whose MRR was never above 0 has none); it is new in a period when its first month lies in it. ' +
  'The customers active in the base month are the base of the period: retention, churn and expansion are measured on them. ' +
  'Costs of a category (ACQUISITION, RETENTION, SERVICING, COGS) are the cost rows of the months of the period; revenue is the revenue rows of those months plus the orders placed in them, minus the refunds paid in them (in both business models). ' +
  "Facts dated after the workspace's data-completeness watermark are left out: a period in progress at it is computed to date (its last month e is the watermark month and k counts its months up to it), and a period starting after it has no values. " +
  'A value whose denominator is 0 or whose inputs are missing is null, never 0.';

const DIRECTION_WORDS: Record<KpiDirection, string> = { [UP]: 'higher is better', [DOWN]: 'lower is better' };
const UNIT_WORDS: Record<KpiUnit, string> = {
  [CURRENCY]: 'an amount in the workspace currency',
  [PERCENT]: 'a fraction (0.25 is 25 %)',
  [RATIO]: 'a ratio',
  [COUNT]: 'a count',
  [DAYS]: 'days',
  [MONTHS]: 'months',
  [SCORE]: 'a score',
};

/** The description of one KPI where a reader meets it (the `KpiKey` enum value, the catalogue): name, what, how, how to read. */
export function kpiSummary(key: KpiKey): string {
  const d: KpiDeclaration = KPIS[key];
  const reading = `${UNIT_WORDS[d.unit]}, ${DIRECTION_WORDS[d.direction]}, ${d.indicator.toLowerCase()}, ${d.additive ? 'additive over groups' : 'not additive over groups'}`;
  return `${d.name}. ${d.description} ${d.formula} (${reading}.)`;
}

registerEnumType(KpiKey, {
  name: 'KpiKey',
  description: `Every KPI the engine computes; \`kpiCatalog\` lists them with their definitions. Notation of the formulas: ${KPI_NOTATION}`,
  valuesConfig: Object.fromEntries(KPI_KEYS.map((key) => [key, { description: kpiSummary(key) }])),
});
