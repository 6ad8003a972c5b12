import { registerEnumType } from 'type-graphql';
import { KpiDirection, KpiKey, KpiUnit } from './kpi.enums';

/**
 * Every KPI of shared/KPIS.md, declared once. Cube-style: the *measures* are what the SQL aggregates per period and group
 * (each says how it rolls up and whether it is additive); a *KPI* is an expression over its group's measures, so a ratio is
 * always its group's numerator over its group's denominator, never an average of ratios.
 *
 * Notation (KPIS.md): P a period of k months m_1…m_k, s its first month, e its last, b the month before s;
 * MRR(c, m) a customer's RECURRING revenue in month m; active(m) = {c : MRR(c, m) > 0}; B = active(b);
 * firstMonth(c) the earliest month with MRR(c, m) > 0.
 */

/** Where a measure's rows come from: one CTE of the compiler per family, one row per (period, customer, campaign). */
export enum MeasureFamily {
  /** Per customer and period: MRR(c, e), MRR(c, b), firstMonth(c). */
  MRR = 'MRR',
  /** Revenue rows (all types) of the months of P, or of the 12 months ending with e. */
  REVENUE = 'REVENUE',
  /** Cost rows of the months of P, or of the 12 months ending with e. */
  COSTS = 'COSTS',
  /** Invoices issued on or before the last day of P. */
  INVOICES = 'INVOICES',
  /** Survey responses in P. */
  SURVEYS = 'SURVEYS',
  /** Engagement events in P. */
  EVENTS = 'EVENTS',
  /** Customers whose firstMonth is in P, with their first FIRST_VALUE event. */
  TIME_TO_VALUE = 'TIME_TO_VALUE',
}

export interface MeasureDefinition {
  family: MeasureFamily;
  /** How the per-(period, customer) rows of the family aggregate into one value per row: an aggregate over the family's columns. */
  perCustomer: string;
  /** How per-customer values roll up into a group: `sum` is additive across groups, `median` is not. */
  rollup: 'sum' | 'median';
  /** The family must read the 12 months ending with e, not only the months of P. */
  trailingTwelveMonths?: boolean;
  unit: KpiUnit;
}

const flag = (condition: string) => `max(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
const sumIf = (condition: string, value = 'amount') => `coalesce(sum(${value}) FILTER (WHERE ${condition}), 0)`;

/** The measures. The column names of each family's rows are listed in kpi.compiler.ts, next to the family's SQL. */
export const MEASURES = {
  // ---- MRR family: columns mrr_e = MRR(c, e), mrr_b = MRR(c, b), first_month, s, e (one row per customer and period)
  /** |active(e)| */
  active_customers: { family: MeasureFamily.MRR, perCustomer: flag('mrr_e > 0'), rollup: 'sum', unit: KpiUnit.COUNT },
  /** |B| */
  base_customers: { family: MeasureFamily.MRR, perCustomer: flag('mrr_b > 0'), rollup: 'sum', unit: KpiUnit.COUNT },
  /** |{c : firstMonth(c) ∈ P}| */
  new_customers: { family: MeasureFamily.MRR, perCustomer: flag('first_month BETWEEN s AND e'), rollup: 'sum', unit: KpiUnit.COUNT },
  /** |{c ∈ B : MRR(c, e) = 0}| */
  churned_customers: { family: MeasureFamily.MRR, perCustomer: flag('mrr_b > 0 AND mrr_e = 0'), rollup: 'sum', unit: KpiUnit.COUNT },
  /** |{c ∈ B : MRR(c, e) > 0}| */
  retained_customers: { family: MeasureFamily.MRR, perCustomer: flag('mrr_b > 0 AND mrr_e > 0'), rollup: 'sum', unit: KpiUnit.COUNT },
  /** Σ_c MRR(c, e) */
  mrr: { family: MeasureFamily.MRR, perCustomer: 'sum(mrr_e)', rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_c MRR(c, b): the group's MRR in the base month (the left side of the MRR bridge) */
  mrr_at_base: { family: MeasureFamily.MRR, perCustomer: 'sum(mrr_b)', rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c : firstMonth(c) ∈ P} MRR(c, e) */
  new_mrr: { family: MeasureFamily.MRR, perCustomer: sumIf('first_month BETWEEN s AND e', 'mrr_e'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c ∈ B} max(0, MRR(c, e) − MRR(c, b)) */
  expansion_mrr: { family: MeasureFamily.MRR, perCustomer: sumIf('mrr_b > 0', 'greatest(0, mrr_e - mrr_b)'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c ∈ B, MRR(c, e) > 0} max(0, MRR(c, b) − MRR(c, e)) */
  contraction_mrr: {
    family: MeasureFamily.MRR,
    perCustomer: sumIf('mrr_b > 0 AND mrr_e > 0', 'greatest(0, mrr_b - mrr_e)'),
    rollup: 'sum',
    unit: KpiUnit.CURRENCY,
  },
  /** Σ_{c ∈ B, MRR(c, e) = 0} MRR(c, b) */
  churned_mrr: { family: MeasureFamily.MRR, perCustomer: sumIf('mrr_b > 0 AND mrr_e = 0', 'mrr_b'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c ∉ B, firstMonth(c) < s, MRR(c, e) > 0} MRR(c, e) */
  reactivation_mrr: {
    family: MeasureFamily.MRR,
    perCustomer: sumIf('mrr_b <= 0 AND first_month < s AND mrr_e > 0', 'mrr_e'),
    rollup: 'sum',
    unit: KpiUnit.CURRENCY,
  },
  /** Σ_{c ∈ B} MRR(c, e) */
  base_mrr_now: { family: MeasureFamily.MRR, perCustomer: sumIf('mrr_b > 0', 'mrr_e'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c ∈ B} MRR(c, b) */
  base_mrr: { family: MeasureFamily.MRR, perCustomer: sumIf('mrr_b > 0', 'mrr_b'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ_{c ∈ B} min(MRR(c, e), MRR(c, b)) */
  base_mrr_kept: { family: MeasureFamily.MRR, perCustomer: sumIf('mrr_b > 0', 'least(mrr_e, mrr_b)'), rollup: 'sum', unit: KpiUnit.CURRENCY },

  // ---- REVENUE family: columns total (a revenue row's amount), recurring and services (the amount when of that type), in_p (month ∈ P), first_month, s, e
  /** Σ all revenue rows in the months of P */
  revenue: { family: MeasureFamily.REVENUE, perCustomer: sumIf('in_p', 'total'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Σ all revenue rows in the 12 months ending with e */
  ttm_revenue: {
    family: MeasureFamily.REVENUE,
    perCustomer: sumIf('true', 'total'),
    rollup: 'sum',
    trailingTwelveMonths: true,
    unit: KpiUnit.CURRENCY,
  },
  /** Σ_{c : firstMonth(c) ∈ P} Rev(c, P) */
  new_revenue: {
    family: MeasureFamily.REVENUE,
    perCustomer: sumIf('in_p AND first_month BETWEEN s AND e', 'total'),
    rollup: 'sum',
    unit: KpiUnit.CURRENCY,
  },
  /** Σ_{c : firstMonth(c) < s} Rev(c, P) */
  existing_revenue: { family: MeasureFamily.REVENUE, perCustomer: sumIf('in_p AND first_month < s', 'total'), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** customers with RECURRING revenue in P (a positive sum over P) */
  recurring_customers: {
    family: MeasureFamily.REVENUE,
    perCustomer: `CASE WHEN ${sumIf('in_p', 'recurring')} > 0 THEN 1 ELSE 0 END`,
    rollup: 'sum',
    unit: KpiUnit.COUNT,
  },
  /** customers with both RECURRING and SERVICES revenue in P */
  services_attached_customers: {
    family: MeasureFamily.REVENUE,
    perCustomer: `CASE WHEN ${sumIf('in_p', 'recurring')} > 0 AND ${sumIf('in_p', 'services')} > 0 THEN 1 ELSE 0 END`,
    rollup: 'sum',
    unit: KpiUnit.COUNT,
  },

  // ---- COSTS family: columns amount, category, in_p (cost rows)
  /** Cost_ACQUISITION(P) */
  acquisition_cost: { family: MeasureFamily.COSTS, perCustomer: sumIf("in_p AND category = 'ACQUISITION'"), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Cost_RETENTION(P) */
  retention_cost: { family: MeasureFamily.COSTS, perCustomer: sumIf("in_p AND category = 'RETENTION'"), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Cost_SERVICING(P) */
  servicing_cost: { family: MeasureFamily.COSTS, perCustomer: sumIf("in_p AND category = 'SERVICING'"), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Cost_COGS(P) */
  cogs: { family: MeasureFamily.COSTS, perCustomer: sumIf("in_p AND category = 'COGS'"), rollup: 'sum', unit: KpiUnit.CURRENCY },
  /** Cost_COGS + Cost_SERVICING over the 12 months ending with e */
  ttm_delivery_cost: {
    family: MeasureFamily.COSTS,
    perCustomer: sumIf("category IN ('COGS', 'SERVICING')"),
    rollup: 'sum',
    trailingTwelveMonths: true,
    unit: KpiUnit.CURRENCY,
  },

  // ---- INVOICES family: columns amount, issued_on, paid_on, s, last_day (invoices issued on or before the last day of P)
  /** AR(end of P): issued on or before the last day and not paid on or before it */
  receivables: {
    family: MeasureFamily.INVOICES,
    perCustomer: sumIf('paid_on IS NULL OR paid_on > last_day'),
    rollup: 'sum',
    unit: KpiUnit.CURRENCY,
  },
  /** creditSales(P): invoices issued in P */
  credit_sales: { family: MeasureFamily.INVOICES, perCustomer: sumIf('issued_on >= s'), rollup: 'sum', unit: KpiUnit.CURRENCY },

  // ---- SURVEYS family: columns kind, score (responses in P)
  csat_responses: { family: MeasureFamily.SURVEYS, perCustomer: "count(*) FILTER (WHERE kind = 'CSAT')", rollup: 'sum', unit: KpiUnit.COUNT },
  csat_satisfied: {
    family: MeasureFamily.SURVEYS,
    perCustomer: "count(*) FILTER (WHERE kind = 'CSAT' AND score >= 4)",
    rollup: 'sum',
    unit: KpiUnit.COUNT,
  },
  nps_responses: { family: MeasureFamily.SURVEYS, perCustomer: "count(*) FILTER (WHERE kind = 'NPS')", rollup: 'sum', unit: KpiUnit.COUNT },
  nps_promoters: { family: MeasureFamily.SURVEYS, perCustomer: "count(*) FILTER (WHERE kind = 'NPS' AND score >= 9)", rollup: 'sum', unit: KpiUnit.COUNT },
  nps_detractors: { family: MeasureFamily.SURVEYS, perCustomer: "count(*) FILTER (WHERE kind = 'NPS' AND score <= 6)", rollup: 'sum', unit: KpiUnit.COUNT },

  // ---- EVENTS family: columns type, active_e (MRR(c, e) > 0) (events in P)
  support_tickets: { family: MeasureFamily.EVENTS, perCustomer: "count(*) FILTER (WHERE type = 'SUPPORT_TICKET')", rollup: 'sum', unit: KpiUnit.COUNT },
  reference_calls: { family: MeasureFamily.EVENTS, perCustomer: "count(*) FILTER (WHERE type = 'REFERENCE_CALL')", rollup: 'sum', unit: KpiUnit.COUNT },
  /** customers in active(e) with a CONTENT_DOWNLOAD or CONTENT_SHARE event in P */
  content_engaged_customers: {
    family: MeasureFamily.EVENTS,
    perCustomer: flag("active_e AND type IN ('CONTENT_DOWNLOAD', 'CONTENT_SHARE')"),
    rollup: 'sum',
    unit: KpiUnit.COUNT,
  },

  // ---- TIME_TO_VALUE family: column ttv_days (one row per customer with firstMonth ∈ P and a FIRST_VALUE event)
  /** days from acquiredOn(c) (else firstMonth(c)) to the first FIRST_VALUE event; the group takes the median */
  time_to_value_days: { family: MeasureFamily.TIME_TO_VALUE, perCustomer: 'min(ttv_days)', rollup: 'median', unit: KpiUnit.DAYS },
} satisfies Record<string, MeasureDefinition>;

export type MeasureName = keyof typeof MEASURES;

/** What a KPI expression can refer to: its group's measures, other KPIs, and the period's k and days(P). */
export interface KpiRefs {
  m(name: MeasureName): string;
  kpi(key: KpiKey): string;
  /** k: the number of months of the period (1, 3 or 12). */
  months: string;
  /** days(P): the calendar days of the period. */
  days: string;
}

export interface KpiDefinition {
  /** The definition of KPIS.md, in its words. */
  formula: string;
  /** The KPIS.md section it belongs to. */
  section: 'Customers' | 'Recurring revenue movements' | 'Revenue, cost and margin' | 'Customer equity' | 'Leading indicators';
  unit: KpiUnit;
  direction: KpiDirection;
  /** The groups' values add up to the ungrouped value. */
  additive: boolean;
  /** The values it can take where they differ from its unit's (value.rules.ts): targets outside are refused. */
  range?: { min: number | null; max: number | null };
  sql(r: KpiRefs): string;
}

/** a / b, null when b is 0 (or either is null): KPIS.md's "undefined is null, never 0, never NaN". */
export const ratio = (a: string, b: string) => `((${a})::numeric / NULLIF((${b})::numeric, 0))`;
/**
 * max(μ, 1/120), μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k): the monthly logo churn, floored so that a lifetime is at most ten years.
 * Null when LOGO_CHURN_RATE is (no customer in the base month): PostgreSQL's greatest() would skip the null and answer 1/120.
 */
const monthlyChurnFloored = (r: KpiRefs) => {
  const mu = `(1 - power(1 - (${r.kpi(KpiKey.LOGO_CHURN_RATE)}), 1.0 / ${r.months}))`;
  return `(CASE WHEN ${mu} IS NOT NULL THEN greatest(${mu}, 1.0 / 120) END)`;
};

const { HIGHER_IS_BETTER: UP, LOWER_IS_BETTER: DOWN } = KpiDirection;

export const KPIS: Record<KpiKey, KpiDefinition> = {
  // ---- Customers
  [KpiKey.ACTIVE_CUSTOMERS]: {
    // |active(e)|
    formula: '|active(e)|: customers with MRR > 0 in the last month of the period.',
    section: 'Customers', unit: KpiUnit.COUNT, direction: UP, additive: true,
    sql: (r) => r.m('active_customers'),
  },
  [KpiKey.NEW_CUSTOMERS]: {
    // |{c : firstMonth(c) ∈ P}|
    formula: '|{c : firstMonth(c) ∈ P}|: customers whose first month with MRR > 0 lies in the period.',
    section: 'Customers', unit: KpiUnit.COUNT, direction: UP, additive: true,
    sql: (r) => r.m('new_customers'),
  },
  [KpiKey.CHURNED_CUSTOMERS]: {
    // |{c ∈ B : MRR(c, e) = 0}|
    formula: '|{c ∈ B : MRR(c, e) = 0}|: customers paying in the base month b and not in the last month e.',
    section: 'Customers', unit: KpiUnit.COUNT, direction: DOWN, additive: true,
    sql: (r) => r.m('churned_customers'),
  },
  [KpiKey.RETAINED_CUSTOMERS]: {
    // |{c ∈ B : MRR(c, e) > 0}|
    formula: '|{c ∈ B : MRR(c, e) > 0}|: customers paying in the base month b and still in the last month e.',
    section: 'Customers', unit: KpiUnit.COUNT, direction: UP, additive: true,
    sql: (r) => r.m('retained_customers'),
  },
  [KpiKey.LOGO_CHURN_RATE]: {
    // CHURNED_CUSTOMERS / |B|
    formula: 'CHURNED_CUSTOMERS / |B|; null when no customer paid in the base month.',
    section: 'Customers', unit: KpiUnit.PERCENT, direction: DOWN, additive: false,
    sql: (r) => ratio(r.m('churned_customers'), r.m('base_customers')),
  },

  // ---- Recurring revenue movements (from b to e)
  [KpiKey.MRR]: {
    // Σ_c MRR(c, e)
    formula: 'Σ_c MRR(c, e): recurring revenue of the last month of the period.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('mrr'),
  },
  [KpiKey.NEW_MRR]: {
    // Σ_{c : firstMonth(c) ∈ P} MRR(c, e)
    formula: 'Σ_{c : firstMonth(c) ∈ P} MRR(c, e): MRR in e of the customers new in the period.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('new_mrr'),
  },
  [KpiKey.EXPANSION_MRR]: {
    // Σ_{c ∈ B} max(0, MRR(c, e) − MRR(c, b))
    formula: 'Σ_{c ∈ B} max(0, MRR(c, e) − MRR(c, b)).',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('expansion_mrr'),
  },
  [KpiKey.CONTRACTION_MRR]: {
    // Σ_{c ∈ B, MRR(c, e) > 0} max(0, MRR(c, b) − MRR(c, e))
    formula: 'Σ_{c ∈ B, MRR(c, e) > 0} max(0, MRR(c, b) − MRR(c, e)): decreases of customers who did not churn.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: DOWN, additive: true,
    sql: (r) => r.m('contraction_mrr'),
  },
  [KpiKey.CHURNED_MRR]: {
    // Σ_{c ∈ B, MRR(c, e) = 0} MRR(c, b)
    formula: 'Σ_{c ∈ B, MRR(c, e) = 0} MRR(c, b): the base-month MRR of churned customers.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: DOWN, additive: true,
    sql: (r) => r.m('churned_mrr'),
  },
  [KpiKey.REACTIVATION_MRR]: {
    // Σ_{c ∉ B, firstMonth(c) < s, MRR(c, e) > 0} MRR(c, e)
    formula: 'Σ_{c ∉ B, firstMonth(c) < s, MRR(c, e) > 0} MRR(c, e): customers who had paid before, not in b, and pay again in e.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('reactivation_mrr'),
  },
  [KpiKey.NRR]: {
    // Σ_{c ∈ B} MRR(c, e) / Σ_{c ∈ B} MRR(c, b)
    formula: 'Σ_{c ∈ B} MRR(c, e) / Σ_{c ∈ B} MRR(c, b): net revenue retention; over a YEAR, this December against last December.',
    section: 'Recurring revenue movements', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    // Expansion lifts it over 1; above 10 (1,000 %) it is a percentage written as a number.
    range: { min: 0, max: 10 },
    sql: (r) => ratio(r.m('base_mrr_now'), r.m('base_mrr')),
  },
  [KpiKey.GRR]: {
    // Σ_{c ∈ B} min(MRR(c, e), MRR(c, b)) / Σ_{c ∈ B} MRR(c, b)
    formula: 'Σ_{c ∈ B} min(MRR(c, e), MRR(c, b)) / Σ_{c ∈ B} MRR(c, b): gross revenue retention, expansions ignored.',
    section: 'Recurring revenue movements', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    sql: (r) => ratio(r.m('base_mrr_kept'), r.m('base_mrr')),
  },
  [KpiKey.GROSS_MRR_CHURN_RATE]: {
    // (CONTRACTION_MRR + CHURNED_MRR) / Σ_{c ∈ B} MRR(c, b)   (= 1 − GRR)
    formula: '(CONTRACTION_MRR + CHURNED_MRR) / Σ_{c ∈ B} MRR(c, b) (= 1 − GRR).',
    section: 'Recurring revenue movements', unit: KpiUnit.PERCENT, direction: DOWN, additive: false,
    sql: (r) => ratio(`${r.m('contraction_mrr')} + ${r.m('churned_mrr')}`, r.m('base_mrr')),
  },
  [KpiKey.ARPA]: {
    // MRR / ACTIVE_CUSTOMERS
    formula: 'MRR / ACTIVE_CUSTOMERS: average recurring revenue per paying account.',
    section: 'Recurring revenue movements', unit: KpiUnit.CURRENCY, direction: UP, additive: false,
    sql: (r) => ratio(r.m('mrr'), r.m('active_customers')),
  },

  // ---- Revenue, cost and margin
  [KpiKey.REVENUE]: {
    // all revenue rows in the months of P
    formula: 'All revenue rows (RECURRING, ONE_TIME, SERVICES) in the months of the period.',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('revenue'),
  },
  [KpiKey.TTM_REVENUE]: {
    // all revenue rows in the 12 months ending with e
    formula: 'All revenue rows in the 12 months ending with the last month of the period.',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) => r.m('ttm_revenue'),
  },
  [KpiKey.GROSS_MARGIN]: {
    // (REVENUE − Cost_COGS − Cost_SERVICING) / REVENUE over P
    formula: '(REVENUE − Cost_COGS − Cost_SERVICING) / REVENUE over the period.',
    section: 'Revenue, cost and margin', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    range: { min: null, max: 1 }, // negative when costs exceed revenue
    sql: (r) => ratio(`${r.m('revenue')} - ${r.m('cogs')} - ${r.m('servicing_cost')}`, r.m('revenue')),
  },
  [KpiKey.TTM_MARGIN]: {
    // the same ratio over the 12 months ending with e
    formula: '(TTM_REVENUE − Cost_COGS − Cost_SERVICING) / TTM_REVENUE over the 12 months ending with the last month of the period.',
    section: 'Revenue, cost and margin', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    range: { min: null, max: 1 },
    sql: (r) => ratio(`${r.m('ttm_revenue')} - ${r.m('ttm_delivery_cost')}`, r.m('ttm_revenue')),
  },
  [KpiKey.CAC]: {
    // Cost_ACQUISITION(P) / NEW_CUSTOMERS
    formula: 'Cost_ACQUISITION(P) / NEW_CUSTOMERS: customer acquisition cost.',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: DOWN, additive: false,
    sql: (r) => ratio(r.m('acquisition_cost'), r.m('new_customers')),
  },
  [KpiKey.CRC]: {
    // Cost_RETENTION(P) / RETAINED_CUSTOMERS
    formula: 'Cost_RETENTION(P) / RETAINED_CUSTOMERS: customer retention cost.',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: DOWN, additive: false,
    sql: (r) => ratio(r.m('retention_cost'), r.m('retained_customers')),
  },
  [KpiKey.CLV]: {
    // ARPA × GROSS_MARGIN / max(μ, 1/120), μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k)
    formula: 'ARPA × GROSS_MARGIN / max(μ, 1/120), where μ = 1 − (1 − LOGO_CHURN_RATE)^(1/k) is the monthly logo churn (lifetime capped at ten years); null when LOGO_CHURN_RATE is null (nobody paid in the base month).',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: UP, additive: false,
    sql: (r) => `((${r.kpi(KpiKey.ARPA)}) * (${r.kpi(KpiKey.GROSS_MARGIN)}) / ${monthlyChurnFloored(r)})`,
  },
  [KpiKey.LTV_TO_CAC]: {
    // CLV / CAC
    formula: 'CLV / CAC.',
    section: 'Revenue, cost and margin', unit: KpiUnit.RATIO, direction: UP, additive: false,
    sql: (r) => ratio(r.kpi(KpiKey.CLV), r.kpi(KpiKey.CAC)),
  },
  [KpiKey.CAC_PAYBACK_MONTHS]: {
    // CAC / ((NEW_MRR / NEW_CUSTOMERS) × GROSS_MARGIN)
    formula: 'CAC / ((NEW_MRR / NEW_CUSTOMERS) × GROSS_MARGIN): months of gross-margin MRR to earn back the acquisition cost.',
    section: 'Revenue, cost and margin', unit: KpiUnit.MONTHS, direction: DOWN, additive: false,
    sql: (r) => ratio(r.kpi(KpiKey.CAC), `${ratio(r.m('new_mrr'), r.m('new_customers'))} * (${r.kpi(KpiKey.GROSS_MARGIN)})`),
  },
  [KpiKey.NEW_CUSTOMER_VALUE]: {
    // NEW_MRR × GROSS_MARGIN / max(μ, 1/120)
    formula: 'NEW_MRR × GROSS_MARGIN / max(μ, 1/120): the lifetime value the period\'s new customers bring; null when LOGO_CHURN_RATE is null.',
    section: 'Revenue, cost and margin', unit: KpiUnit.CURRENCY, direction: UP, additive: false,
    sql: (r) => `(${r.m('new_mrr')} * (${r.kpi(KpiKey.GROSS_MARGIN)}) / ${monthlyChurnFloored(r)})`,
  },

  // ---- Customer equity
  [KpiKey.CUSTOMER_EQUITY]: {
    // (newRevenue − acquisitionCost) + (existingRevenue − servicingCost) − churnLoss
    // servicingCost = Cost_SERVICING(P) + Cost_RETENTION(P); churnLoss = CHURNED_MRR × k
    formula:
      '(newRevenue − acquisitionCost) + (existingRevenue − servicingCost) − churnLoss, with servicingCost = Cost_SERVICING + Cost_RETENTION and churnLoss = CHURNED_MRR × k.',
    section: 'Customer equity', unit: KpiUnit.CURRENCY, direction: UP, additive: true,
    sql: (r) =>
      `((${r.m('new_revenue')} - ${r.m('acquisition_cost')}) + (${r.m('existing_revenue')} - ${r.m('servicing_cost')} - ${r.m('retention_cost')}) - ${r.m('churned_mrr')} * ${r.months})`,
  },

  // ---- Leading indicators
  [KpiKey.CSAT]: {
    // share of CSAT survey responses in P with score ≥ 4 (scale 1–5)
    formula: 'Share of CSAT responses in the period with score ≥ 4 (scale 1–5); null without responses.',
    section: 'Leading indicators', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    sql: (r) => ratio(r.m('csat_satisfied'), r.m('csat_responses')),
  },
  [KpiKey.NPS]: {
    // 100 × (share of NPS responses ≥ 9 − share ≤ 6) in P (scale 0–10)
    formula: '100 × (share of NPS responses ≥ 9 − share ≤ 6) in the period (scale 0–10); null without responses.',
    section: 'Leading indicators', unit: KpiUnit.SCORE, direction: UP, additive: false,
    range: { min: -100, max: 100 },
    sql: (r) => `(100 * ${ratio(`${r.m('nps_promoters')} - ${r.m('nps_detractors')}`, r.m('nps_responses'))})`,
  },
  [KpiKey.TICKETS_PER_CUSTOMER]: {
    // SUPPORT_TICKET events in P / ACTIVE_CUSTOMERS
    formula: 'SUPPORT_TICKET events in the period / ACTIVE_CUSTOMERS.',
    section: 'Leading indicators', unit: KpiUnit.RATIO, direction: DOWN, additive: false,
    sql: (r) => ratio(r.m('support_tickets'), r.m('active_customers')),
  },
  [KpiKey.REFERENCE_CALLS]: {
    // REFERENCE_CALL events in P
    formula: 'REFERENCE_CALL events in the period.',
    section: 'Leading indicators', unit: KpiUnit.COUNT, direction: UP, additive: true,
    sql: (r) => r.m('reference_calls'),
  },
  [KpiKey.DSO]: {
    // AR(end of P) / creditSales(P) × days(P)
    formula:
      'AR(end of P) / creditSales(P) × days(P): open invoices at the last day (issued on or before it, not paid on or before it) over invoices issued in the period, times its calendar days.',
    section: 'Leading indicators', unit: KpiUnit.DAYS, direction: DOWN, additive: false,
    sql: (r) => `(${ratio(r.m('receivables'), r.m('credit_sales'))} * ${r.days})`,
  },
  [KpiKey.SERVICES_ATTACH_RATE]: {
    // customers with both RECURRING and SERVICES revenue in P / customers with RECURRING revenue in P
    formula: 'Customers with both RECURRING and SERVICES revenue in the period / customers with RECURRING revenue in it.',
    section: 'Leading indicators', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    sql: (r) => ratio(r.m('services_attached_customers'), r.m('recurring_customers')),
  },
  [KpiKey.TIME_TO_VALUE_DAYS]: {
    // median (percentile_cont(0.5)) over customers with firstMonth(c) ∈ P and a FIRST_VALUE event
    // of days from acquiredOn(c) (else firstMonth(c)) to their first FIRST_VALUE event
    formula:
      'Median (percentile_cont 0.5) over customers new in the period with a FIRST_VALUE event of the days from their acquiredOn (else first month) to their first FIRST_VALUE event.',
    section: 'Leading indicators', unit: KpiUnit.DAYS, direction: DOWN, additive: false,
    sql: (r) => r.m('time_to_value_days'),
  },
  [KpiKey.CONTENT_ENGAGEMENT_RATE]: {
    // customers in active(e) with a CONTENT_DOWNLOAD or CONTENT_SHARE event in P / ACTIVE_CUSTOMERS
    formula: 'Customers in active(e) with a CONTENT_DOWNLOAD or CONTENT_SHARE event in the period / ACTIVE_CUSTOMERS.',
    section: 'Leading indicators', unit: KpiUnit.PERCENT, direction: UP, additive: false,
    sql: (r) => ratio(r.m('content_engaged_customers'), r.m('active_customers')),
  },
};

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

registerEnumType(KpiKey, {
  name: 'KpiKey',
  description: 'Every KPI of shared/KPIS.md. A value whose denominator is zero or whose inputs are missing is null.',
  valuesConfig: Object.fromEntries(
    Object.entries(KPIS).map(([key, d]) => [
      key,
      { description: `KPIS.md "${d.section}", \`${key}\` (${d.unit.toLowerCase()}, ${d.additive ? 'additive' : 'not additive'}): ${d.formula}` },
    ]),
  ),
});
