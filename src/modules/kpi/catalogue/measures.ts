import { KpiUnit } from './kpi.enums';
import type { ColumnOf, SourceName } from './row-sources';

/**
 * The measures: what the SQL aggregates per period and group, declared Cube-style (source, aggregation, value, filter) and
 * compiled by one function (compiler/measure.sql.ts). A KPI is an expression over its group's measures (kpi.definitions.ts),
 * so a ratio is always its group's numerator over its group's denominator, never an average of ratios.
 *
 * Each measure is first computed per customer (and campaign) of a period, then rolled up over the customers of a group:
 * - `sum`: the sum of `value` over the rows that pass `filter`; additive.
 * - `count`: the number of rows that pass `filter`; additive.
 * - `countCustomers`: the number of customers with a row that passes `filter` (with `positiveSums`: whose sums of those
 *   columns over the rows that pass `filter` are all above 0; with `atLeast`: with at least that many such rows); additive.
 * - `median`: the median (percentile_cont 0.5) over the customers of each customer's smallest `value`; not additive.
 */
export type Aggregate = 'sum' | 'count' | 'countCustomers' | 'median';

/** A column of the source compared with a column (`{ column: 's' }`) rather than with a constant. */
export interface ColumnRef<C extends string> {
  column: C;
}
export type Operand<C extends string> = number | string | ColumnRef<C>;

/** Comparisons of one column; several in one object all hold. A constant alone means equality; `null` means IS NULL. */
export interface Comparison<C extends string> {
  gt?: Operand<C>;
  gte?: Operand<C>;
  lt?: Operand<C>;
  lte?: Operand<C>;
  in?: readonly string[];
  between?: readonly [Operand<C>, Operand<C>];
}

/** Conditions on the columns of a source; the entries of one object all hold, `or` holds when any of its conditions does. */
export type Condition<C extends string> = { [K in C]?: string | number | boolean | null | Comparison<C> } & { or?: Condition<C>[] };

/** A value: a column, a constant, or a combination. */
export type ValueExpr<C extends string> =
  | C
  | number
  | { minus: readonly [ValueExpr<C>, ValueExpr<C>] }
  | { greatest: readonly ValueExpr<C>[] }
  | { least: readonly ValueExpr<C>[] };

export interface MeasureOf<S extends SourceName> {
  source: S;
  /** What it is, in the notation of the KPI descriptions. */
  description: string;
  aggregate: Aggregate;
  /** What `sum` adds up and `median` takes the median of. */
  value?: ValueExpr<ColumnOf<S>>;
  filter?: Condition<ColumnOf<S>>;
  /** `countCustomers` only: count the customers whose sums of these columns (over the rows that pass `filter`) are all above 0. */
  positiveSums?: readonly ColumnOf<S>[];
  /** `countCustomers` only: count the customers with at least this many rows that pass `filter` (e.g. 2: repeat buyers). */
  atLeast?: number;
  /** The source reads the twelve months ending with the period's last month, not only the period's own months. */
  window?: 'trailing-twelve-months';
  unit: KpiUnit;
}

/** A measure of any source (the `source` field says which, and so which columns it may name). */
export type Measure = { [S in SourceName]: MeasureOf<S> }[SourceName];

const col = <C extends string>(column: C): ColumnRef<C> => ({ column });
const { COUNT, CURRENCY, DAYS } = KpiUnit;
/** The customer was in the base: a monthly value above 0 in the base month. */
const inBase = { mrr_b: { gt: 0 } } as const;
const newInPeriod = { first_month: { between: [col('s'), col('e')] } } as const;

export const MEASURES = {
  // ---- MRR: one row per customer and period
  active_customers: { source: 'MRR', description: '|active(e)|', aggregate: 'countCustomers', filter: { mrr_e: { gt: 0 } }, unit: COUNT },
  base_customers: { source: 'MRR', description: '|B|', aggregate: 'countCustomers', filter: inBase, unit: COUNT },
  new_customers: { source: 'MRR', description: '|{c : firstMonth(c) ∈ P}|', aggregate: 'countCustomers', filter: newInPeriod, unit: COUNT },
  churned_customers: { source: 'MRR', description: '|{c ∈ B : MRR(c, e) = 0}|', aggregate: 'countCustomers', filter: { ...inBase, mrr_e: 0 }, unit: COUNT },
  retained_customers: {
    source: 'MRR', description: '|{c ∈ B : MRR(c, e) > 0}|', aggregate: 'countCustomers', filter: { ...inBase, mrr_e: { gt: 0 } }, unit: COUNT,
  },
  mrr: { source: 'MRR', description: 'Σ_c MRR(c, e)', aggregate: 'sum', value: 'mrr_e', unit: CURRENCY },
  mrr_at_base: { source: 'MRR', description: 'Σ_c MRR(c, b): the MRR of the base month (the left side of the MRR bridge)', aggregate: 'sum', value: 'mrr_b', unit: CURRENCY },
  new_mrr: { source: 'MRR', description: 'Σ_{c : firstMonth(c) ∈ P} MRR(c, e)', aggregate: 'sum', value: 'mrr_e', filter: newInPeriod, unit: CURRENCY },
  expansion_mrr: {
    source: 'MRR', description: 'Σ_{c ∈ B} max(0, MRR(c, e) − MRR(c, b))',
    aggregate: 'sum', value: { greatest: [0, { minus: ['mrr_e', 'mrr_b'] }] }, filter: inBase, unit: CURRENCY,
  },
  contraction_mrr: {
    source: 'MRR', description: 'Σ_{c ∈ B, MRR(c, e) > 0} max(0, MRR(c, b) − MRR(c, e))',
    aggregate: 'sum', value: { greatest: [0, { minus: ['mrr_b', 'mrr_e'] }] }, filter: { ...inBase, mrr_e: { gt: 0 } }, unit: CURRENCY,
  },
  churned_mrr: { source: 'MRR', description: 'Σ_{c ∈ B, MRR(c, e) = 0} MRR(c, b)', aggregate: 'sum', value: 'mrr_b', filter: { ...inBase, mrr_e: 0 }, unit: CURRENCY },
  reactivation_mrr: {
    source: 'MRR', description: 'Σ_{c ∉ B, firstMonth(c) < s, MRR(c, e) > 0} MRR(c, e)',
    aggregate: 'sum', value: 'mrr_e', filter: { mrr_b: { lte: 0 }, first_month: { lt: col('s') }, mrr_e: { gt: 0 } }, unit: CURRENCY,
  },
  base_mrr_now: { source: 'MRR', description: 'Σ_{c ∈ B} MRR(c, e)', aggregate: 'sum', value: 'mrr_e', filter: inBase, unit: CURRENCY },
  base_mrr: { source: 'MRR', description: 'Σ_{c ∈ B} MRR(c, b)', aggregate: 'sum', value: 'mrr_b', filter: inBase, unit: CURRENCY },
  base_mrr_kept: { source: 'MRR', description: 'Σ_{c ∈ B} min(MRR(c, e), MRR(c, b))', aggregate: 'sum', value: { least: ['mrr_e', 'mrr_b'] }, filter: inBase, unit: CURRENCY },

  // ---- REVENUE: revenue rows
  revenue: { source: 'REVENUE', description: 'all revenue rows in the months of P', aggregate: 'sum', value: 'total', filter: { in_p: true }, unit: CURRENCY },
  ttm_revenue: {
    source: 'REVENUE', description: 'all revenue rows in the 12 months ending with e', aggregate: 'sum', value: 'total', window: 'trailing-twelve-months', unit: CURRENCY,
  },
  new_revenue: {
    source: 'REVENUE', description: 'Σ_{c : firstMonth(c) ∈ P} Rev(c, P)', aggregate: 'sum', value: 'total', filter: { in_p: true, ...newInPeriod }, unit: CURRENCY,
  },
  existing_revenue: {
    source: 'REVENUE', description: 'Σ_{c : firstMonth(c) < s} Rev(c, P)', aggregate: 'sum', value: 'total', filter: { in_p: true, first_month: { lt: col('s') } }, unit: CURRENCY,
  },
  recurring_customers: {
    source: 'REVENUE', description: 'customers with RECURRING revenue in P (a positive sum over P)',
    aggregate: 'countCustomers', filter: { in_p: true }, positiveSums: ['recurring'], unit: COUNT,
  },
  services_attached_customers: {
    source: 'REVENUE', description: 'customers with both RECURRING and SERVICES revenue in P',
    aggregate: 'countCustomers', filter: { in_p: true }, positiveSums: ['recurring', 'services'], unit: COUNT,
  },

  // ---- ORDERS: orders and refunds
  orders: { source: 'ORDERS', description: 'orders with orderedAt in P', aggregate: 'count', filter: { kind: 'ORDER', in_p: true }, unit: COUNT },
  order_amount: {
    source: 'ORDERS', description: 'Σ amount of the orders in P (before refunds)', aggregate: 'sum', value: 'amount', filter: { kind: 'ORDER', in_p: true }, unit: CURRENCY,
  },
  refund_amount: {
    source: 'ORDERS', description: 'Σ amount of the refunds with refundedAt in P', aggregate: 'sum', value: 'amount', filter: { kind: 'REFUND', in_p: true }, unit: CURRENCY,
  },
  ttm_orders: {
    source: 'ORDERS', description: 'orders in the 12 months ending with e', aggregate: 'count', filter: { kind: 'ORDER' }, window: 'trailing-twelve-months', unit: COUNT,
  },
  ttm_ordering_customers: {
    source: 'ORDERS', description: 'customers with at least one order in the 12 months ending with e',
    aggregate: 'countCustomers', filter: { kind: 'ORDER' }, window: 'trailing-twelve-months', unit: COUNT,
  },
  ttm_repeat_customers: {
    source: 'ORDERS', description: 'customers with at least two orders in the 12 months ending with e',
    aggregate: 'countCustomers', filter: { kind: 'ORDER' }, atLeast: 2, window: 'trailing-twelve-months', unit: COUNT,
  },

  // ---- COSTS: cost rows
  acquisition_cost: { source: 'COSTS', description: 'Cost_ACQUISITION(P)', aggregate: 'sum', value: 'amount', filter: { in_p: true, category: 'ACQUISITION' }, unit: CURRENCY },
  retention_cost: { source: 'COSTS', description: 'Cost_RETENTION(P)', aggregate: 'sum', value: 'amount', filter: { in_p: true, category: 'RETENTION' }, unit: CURRENCY },
  servicing_cost: { source: 'COSTS', description: 'Cost_SERVICING(P)', aggregate: 'sum', value: 'amount', filter: { in_p: true, category: 'SERVICING' }, unit: CURRENCY },
  cogs: { source: 'COSTS', description: 'Cost_COGS(P)', aggregate: 'sum', value: 'amount', filter: { in_p: true, category: 'COGS' }, unit: CURRENCY },
  ttm_delivery_cost: {
    source: 'COSTS', description: 'Cost_COGS + Cost_SERVICING over the 12 months ending with e',
    aggregate: 'sum', value: 'amount', filter: { category: { in: ['COGS', 'SERVICING'] } }, window: 'trailing-twelve-months', unit: CURRENCY,
  },

  // ---- INVOICES
  receivables: {
    source: 'INVOICES', description: 'AR(end of P): invoices issued on or before its last day and not paid on or before it',
    aggregate: 'sum', value: 'amount', filter: { or: [{ paid_on: null }, { paid_on: { gt: col('last_day') } }] }, unit: CURRENCY,
  },
  credit_sales: { source: 'INVOICES', description: 'creditSales(P): invoices issued in P', aggregate: 'sum', value: 'amount', filter: { issued_on: { gte: col('s') } }, unit: CURRENCY },

  // ---- SURVEYS
  csat_responses: { source: 'SURVEYS', description: 'CSAT responses in P', aggregate: 'count', filter: { kind: 'CSAT' }, unit: COUNT },
  csat_satisfied: { source: 'SURVEYS', description: 'CSAT responses in P with a score of 4 or 5', aggregate: 'count', filter: { kind: 'CSAT', score: { gte: 4 } }, unit: COUNT },
  nps_responses: { source: 'SURVEYS', description: 'NPS responses in P', aggregate: 'count', filter: { kind: 'NPS' }, unit: COUNT },
  nps_promoters: { source: 'SURVEYS', description: 'NPS responses in P with a score of 9 or 10', aggregate: 'count', filter: { kind: 'NPS', score: { gte: 9 } }, unit: COUNT },
  nps_detractors: { source: 'SURVEYS', description: 'NPS responses in P with a score of 6 or less', aggregate: 'count', filter: { kind: 'NPS', score: { lte: 6 } }, unit: COUNT },

  // ---- EVENTS
  support_tickets: { source: 'EVENTS', description: 'SUPPORT_TICKET events in P', aggregate: 'count', filter: { type: 'SUPPORT_TICKET' }, unit: COUNT },
  reference_calls: { source: 'EVENTS', description: 'REFERENCE_CALL events in P', aggregate: 'count', filter: { type: 'REFERENCE_CALL' }, unit: COUNT },
  content_engaged_customers: {
    source: 'EVENTS', description: 'customers in active(e) with a CONTENT_DOWNLOAD or CONTENT_SHARE event in P',
    aggregate: 'countCustomers', filter: { active_e: true, type: { in: ['CONTENT_DOWNLOAD', 'CONTENT_SHARE'] } }, unit: COUNT,
  },

  // ---- TIME_TO_VALUE
  time_to_value_days: {
    source: 'TIME_TO_VALUE', description: "days from a new customer's acquiredOn (else firstMonth) to its first FIRST_VALUE event",
    aggregate: 'median', value: 'ttv_days', unit: DAYS,
  },
} as const satisfies Record<string, Measure>;

export type MeasureName = keyof typeof MEASURES;

/** A measure's values of groups add up to the ungrouped value (every aggregate but the median). */
export const isAdditive = (measure: Measure): boolean => measure.aggregate !== 'median';
