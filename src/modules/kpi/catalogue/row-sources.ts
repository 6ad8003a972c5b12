import { orderRevenueSql, type MonthRange } from '../../facts/monthly-value.sql';

/**
 * Where the measures' rows come from: one declaration per family of facts. A row source is a SELECT yielding one row per
 * period `p` and fact (or customer) with `customer_id` and `campaign_id` (the keys the dimensions are read from) and the
 * columns its measures are declared over (measures.ts). The compiler makes one CTE per source a query needs.
 *
 * Periods: `periods` (its name is SourceContext.periods) has one row per period `p` that has data, with its first month `s`, the last month `e` it is computed
 * through (the watermark month for a period to date), base month `b`, `last_day` (of e), the UTC bounds `s_at` and `next_at`
 * of the months s … e, and `k` (its months through e). Sources read only `periods`, so facts after the watermark never count.
 */

/** The helper relations a source may join; the compiler adds each one that a source of the query uses. */
export type SourceHelper =
  /** `first_month (customer_id, first_month)`: firstMonth(c), the earliest month with a monthly value above 0. */
  | 'first_month'
  /** `base_and_end (p, s, e, month, at_end)`: the base month (at_end false) and the last month (at_end true) of each period. */
  | 'base_and_end'
  /**
   * `months (p, s, e, month, in_p)`: every month a period reads, `in_p` when it lies in the period. The months of the
   * period itself, or, when a measure of the source reads the trailing twelve months, the twelve months ending with e.
   */
  | 'months';

/** What a source's SQL is written with. Every value is a bound parameter; nothing is spliced in. */
export interface SourceContext {
  /** The workspace id. */
  ws: string;
  /** `column` lies within the months any period of the query reads (bound dates: the planner can estimate the scan). */
  inRange(column: string): string;
  /** First day of the first month any period reads, and first day after the last (bound dates; the watermark month at the latest). */
  from: string;
  to: string;
  /**
   * The end of the workspace's data-completeness watermark month, as a time: a source that reads facts whatever the period
   * (e.g. a customer's first FIRST_VALUE event) stops there; facts after the watermark are left out of every KPI.
   */
  dataEndAt: string;
  /** The name of the months relation (see SourceHelper `months`). */
  months: string;
  /**
   * The name of the periods relation the source reads (`periods`, see above): all the periods with data, or, when the others
   * are read from the KPI aggregates in the same statement, those computed through a month after the aggregates' horizon.
   */
  periods: string;
  /** For a source with `narrowBy`: the condition that keeps only the rows the query's measures can count (`true` when all). */
  narrowed: string;
  /** The customer's monthly value (facts/monthly-value.sql.ts), under the workspace's business model, of the customers read. */
  monthlyValue(scope: MonthRange): string;
  /**
   * The customers read: SQL of a `uuid[]` when the query is restricted to some customers (KPI aggregates), else undefined.
   * `only(column)` is the condition on a row's customer column (`true` when every customer is read); with `customerless`, a
   * row naming no customer passes when the query reads such rows.
   */
  customers: string | undefined;
  only(column: string, options?: { customerless?: boolean }): string;
}

export interface RowSource<C extends string = string> {
  /** What one row is. */
  description: string;
  /** The columns its measures may use (besides p, customer_id, campaign_id), each with its meaning. */
  columns: Record<C, string>;
  /** Helper relations its SQL joins. */
  uses: SourceHelper[];
  /**
   * A column whose values the measures narrow it to (e.g. an event's type): the source then reads only the rows of the values
   * the query's measures name, through `SourceContext.narrowed`, written over `sql` (the column in the source's own SQL).
   */
  narrowBy?: { column: NoInfer<C>; sql: string };
  sql(ctx: SourceContext): string;
}

const source = <C extends string>(declaration: RowSource<C>): RowSource<C> => declaration;

export const ROW_SOURCES = {
  /** Per customer and period: its monthly value at the end and at the base, and its first month. */
  MRR: source({
    description: 'One row per customer and period: customers with a monthly value in the base or the last month, or new in the period.',
    columns: {
      mrr_e: 'MRR(c, e): the monthly value in the last month of the period (0 without one).',
      mrr_b: 'MRR(c, b): the monthly value in the base month (0 without one).',
      first_month: 'firstMonth(c); null for a customer that never had a monthly value above 0.',
      s: 'The first month of the period.',
      e: 'The last month of the period.',
    },
    uses: ['first_month', 'base_and_end'],
    // Months with a value of 0 add nothing; a customer shows up only with a value at b or e, or when it is new in P.
    sql: (c) => `SELECT u.p, u.customer_id, NULL::uuid AS campaign_id, min(u.s) AS s, min(u.e) AS e,
          coalesce(sum(u.value) FILTER (WHERE u.at_end), 0) AS mrr_e,
          coalesce(sum(u.value) FILTER (WHERE NOT u.at_end), 0) AS mrr_b,
          min(u.first_month) AS first_month
        FROM (SELECT ro.p, ro.s, ro.e, mv.customer_id, ro.at_end, mv.value, fm.first_month
              FROM (${c.monthlyValue({ workspace: c.ws, from: c.from, to: c.to })}) mv
              JOIN base_and_end ro ON ro.month = mv.month
              LEFT JOIN first_month fm ON fm.customer_id = mv.customer_id
              WHERE mv.value <> 0
              UNION ALL
              SELECT pr.p, pr.s, pr.e, fm.customer_id, NULL, 0, fm.first_month
              FROM ${c.periods} pr JOIN first_month fm ON fm.first_month BETWEEN pr.s AND pr.e) u
        GROUP BY u.p, u.customer_id`,
  }),

  REVENUE: source({
    description:
      'Revenue rows (every type), and orders net of refunds, of the months of the period, or of the twelve months ending with its last month.',
    columns: {
      total: "The row's amount: a revenue row's, an order's, or minus a refund's.",
      recurring: 'The amount when the row is RECURRING revenue, else 0.',
      services: 'The amount when the row is SERVICES revenue, else 0.',
      in_p: 'The row lies in the period itself (not only in the trailing twelve months).',
      first_month: "The customer's firstMonth(c).",
      s: 'The first month of the period.',
      e: 'The last month of the period.',
    },
    uses: ['first_month', 'months'],
    // Rev(c, P): every revenue row, plus the orders of the month, minus the refunds of the month (facts/monthly-value.sql.ts).
    sql: (c) => `SELECT pm.p, x.customer_id, NULL::uuid AS campaign_id, x.recurring, x.services, x.total, pm.in_p, fm.first_month, pm.s, pm.e
        FROM (SELECT r.customer_id, date_trunc('month', r.month)::date AS month,
                CASE WHEN r.type = 'RECURRING' THEN r.amount ELSE 0 END AS recurring,
                CASE WHEN r.type = 'SERVICES' THEN r.amount ELSE 0 END AS services,
                r.amount AS total
              FROM revenue r WHERE r.workspace_id = ${c.ws} AND ${c.inRange('r.month')} AND ${c.only('r.customer_id')}
              UNION ALL
              SELECT o.customer_id, o.month, 0, 0, o.amount
              FROM (${orderRevenueSql({ workspace: c.ws, from: c.from, to: c.to, customers: c.customers })}) o) x
        JOIN ${c.months} pm ON pm.month = x.month
        LEFT JOIN first_month fm ON fm.customer_id = x.customer_id`,
  }),

  ORDERS: source({
    description:
      'Orders placed and refunds paid in the months of the period, or in the twelve months ending with its last month; a refund under its order\'s customer, in the month it was paid.',
    columns: {
      kind: 'ORDER or REFUND.',
      amount: "The order's amount (before refunds), or the refund's amount (above 0).",
      in_p: 'The row lies in the period itself (not only in the trailing twelve months).',
    },
    uses: ['months'],
    // The rows of OrderRev (facts/monthly-value.sql.ts), with the sign taken off: an order's campaign does not regroup it.
    sql: (c) => `SELECT pm.p, x.customer_id, NULL::uuid AS campaign_id,
          CASE WHEN x.is_refund THEN 'REFUND' ELSE 'ORDER' END AS kind, abs(x.amount) AS amount, pm.in_p
        FROM (${orderRevenueSql({ workspace: c.ws, from: c.from, to: c.to, customers: c.customers })}) x
        JOIN ${c.months} pm ON pm.month = x.month`,
  }),

  COSTS: source({
    description: "Cost rows of the months of the period, or of the twelve months ending with its last month; a row's campaign is its own, else its customer's acquisition campaign.",
    columns: {
      amount: "The row's amount.",
      category: 'ACQUISITION, RETENTION, SERVICING or COGS.',
      in_p: 'The row lies in the period itself (not only in the trailing twelve months).',
    },
    uses: ['months'],
    sql: (c) => `SELECT pm.p, co.customer_id, coalesce(co.campaign_id, cu.acquisition_campaign_id) AS campaign_id,
          co.category::text AS category, co.amount, pm.in_p
        FROM cost co
        JOIN ${c.months} pm ON pm.month = date_trunc('month', co.month)::date
        LEFT JOIN customer cu ON cu.workspace_id = co.workspace_id AND cu.id = co.customer_id
        WHERE co.workspace_id = ${c.ws} AND ${c.inRange('co.month')} AND ${c.only('co.customer_id', { customerless: true })}`,
  }),

  INVOICES: source({
    description: 'Invoices issued on or before the last day of the period that were open at its end or issued in it.',
    columns: {
      amount: "The invoice's amount.",
      issued_on: 'The day it was issued.',
      paid_on: 'The day it was paid; null while open.',
      s: 'The first day of the period.',
      last_day: 'The last day of the period.',
    },
    uses: [],
    sql: (c) => `SELECT pr.p, i.customer_id, NULL::uuid AS campaign_id, i.amount, i.issued_on, i.paid_on, pr.s, pr.last_day
        FROM ${c.periods} pr
        JOIN invoice i ON i.workspace_id = ${c.ws} AND i.issued_on <= pr.last_day
          AND (i.paid_on IS NULL OR i.paid_on > pr.last_day OR i.issued_on >= pr.s) AND ${c.only('i.customer_id')}`,
  }),

  SURVEYS: source({
    description: 'Survey responses given in the period.',
    columns: { kind: 'CSAT or NPS.', score: 'The score (CSAT 1 to 5, NPS 0 to 10).' },
    uses: [],
    sql: (c) => `SELECT pr.p, sv.customer_id, NULL::uuid AS campaign_id, sv.kind::text AS kind, sv.score
        FROM ${c.periods} pr
        JOIN survey sv ON sv.workspace_id = ${c.ws} AND sv.responded_at >= pr.s_at AND sv.responded_at < pr.next_at
          AND ${c.only('sv.customer_id')}`,
  }),

  EVENTS: source({
    description: 'Engagement events in the period, of the types the measures of the query count.',
    columns: {
      type: 'The event type.',
      active_e: 'The customer is active in the last month of the period (a monthly value above 0).',
    },
    uses: [],
    narrowBy: { column: 'type', sql: 'ev.type' },
    sql: (c) => `SELECT pr.p, ev.customer_id, NULL::uuid AS campaign_id, ev.type::text AS type, coalesce(me.value > 0, false) AS active_e
        FROM ${c.periods} pr
        JOIN event ev ON ev.workspace_id = ${c.ws} AND ${c.narrowed}
          AND ev.occurred_at >= pr.s_at AND ev.occurred_at < pr.next_at AND ${c.only('ev.customer_id')}
        LEFT JOIN (${c.monthlyValue({ workspace: c.ws, from: c.from, to: c.to })}) me
          ON me.customer_id = ev.customer_id AND me.month = pr.e`,
  }),

  TIME_TO_VALUE: source({
    description: 'One row per customer new in the period that has a FIRST_VALUE event.',
    columns: { ttv_days: "Days from the customer's acquiredOn (else its first month) to its first FIRST_VALUE event." },
    uses: ['first_month'],
    sql: (c) => `SELECT pr.p, fm.customer_id, NULL::uuid AS campaign_id, (fv.first_on - coalesce(cu.acquired_on, fm.first_month)) AS ttv_days
        FROM ${c.periods} pr
        JOIN first_month fm ON fm.first_month BETWEEN pr.s AND pr.e
        JOIN (SELECT customer_id, (min(occurred_at) AT TIME ZONE 'UTC')::date AS first_on
              FROM event WHERE workspace_id = ${c.ws} AND type = 'FIRST_VALUE' AND occurred_at < ${c.dataEndAt}
              GROUP BY customer_id) fv ON fv.customer_id = fm.customer_id
        JOIN customer cu ON cu.workspace_id = ${c.ws} AND cu.id = fm.customer_id`,
  }),
};

export type SourceName = keyof typeof ROW_SOURCES;
/** The columns of a source's rows that its measures may name. */
export type ColumnOf<S extends SourceName> = (typeof ROW_SOURCES)[S] extends RowSource<infer C> ? C : never;
