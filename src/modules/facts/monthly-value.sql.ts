import { BusinessModel } from '../workspaces/workspace.enums';

/**
 * The monthly value of a customer in a month, `MRR(c, m)`: the one number every customer KPI stands on (who is active, who is
 * new, who churned, the MRR movements, NRR, GRR, ARPA, lifetime values, churn loss, indicator impact, cohorts, drill-down) and
 * the customer's own MRR series. Written once, here, per business model; every statement that needs it embeds this fragment.
 *
 * - SUBSCRIPTION: the sum of the customer's RECURRING revenue rows of the month.
 * - TRANSACTIONAL: the run rate over the activity window W, max(0, Σ over the W months ending with m of (every revenue row of
 *   the customer in that month + its orders of the month − the refunds of its orders dated in the month) / W).
 *
 * The contract below speaks of the months that come out, not of the rows that go in, so callers do not change with the model.
 */

/** The business model as a statement is compiled for: the model, and the activity window W as SQL of an int (a bound parameter). */
export interface MonthlyValueModel {
  businessModel: BusinessModel;
  /** SQL of the workspace's activity window in months (1-36); read only for TRANSACTIONAL. */
  activityWindowMonths: string;
}

export interface MonthlyValueScope {
  /** SQL of the workspace id (a bound parameter). */
  workspace: string;
  /** Only months on or after this one (SQL of a date; a first day of a month). */
  from?: string;
  /** Only months before this one (SQL of a date; a first day of a month): facts from it on are not read. */
  to?: string;
  /** Only these customers: SQL of a `uuid[]`. */
  customers?: string;
  /**
   * TRANSACTIONAL only: the name of a relation of the same statement that holds `runRatePointsSql` of this workspace, model and
   * `to` (the whole history up to `to`): the values are then spread from it rather than computed again, so that a statement
   * needing the monthly value and first months in several places computes the window sums once.
   */
  points?: string;
  /**
   * The workspace's business model, when the caller knows it (the KPI statements read it with the workspace): PostgreSQL
   * then plans only that model's SQL. Omitted, the statement reads it from the workspace row itself (both models' SQL, one
   * of them switched off by a one-time filter), so a caller that does not know it is still right.
   */
  model?: MonthlyValueModel;
}

/** The workspace, months and customers a fragment reads. */
export type MonthRange = Pick<MonthlyValueScope, 'workspace' | 'from' | 'to' | 'customers'>;

/** The month (first day, a date) of a time column, in UTC. */
const monthOf = (time: string) => `(date_trunc('month', ${time} AT TIME ZONE 'UTC'))::date`;
/** A month bound (SQL of a date) as the time its month starts, in UTC: time columns compare with it on their index. */
const startOf = (month: string) => `((${month})::timestamp AT TIME ZONE 'UTC')`;

/**
 * `OrderRev(c, m)` as rows: `(customer_id, month, amount, is_refund)`, each order of month m (its amount) and each refund of
 * month m (minus its amount, under its order's customer). Orders net of refunds count in a customer's revenue `Rev(c, P)` in
 * every business model (the REVENUE row source), in the run rate of a TRANSACTIONAL one, and the order KPIs count these rows
 * (the ORDERS row source). `from` and `to` bound the months read.
 */
export function orderRevenueSql(scope: MonthRange): string {
  const orders = [`o.workspace_id = ${scope.workspace}`];
  const refunds = [`rf.workspace_id = ${scope.workspace}`];
  if (scope.from) {
    orders.push(`o.ordered_at >= ${startOf(scope.from)}`);
    refunds.push(`rf.refunded_at >= ${startOf(scope.from)}`);
  }
  if (scope.to) {
    orders.push(`o.ordered_at < ${startOf(scope.to)}`);
    refunds.push(`rf.refunded_at < ${startOf(scope.to)}`);
  }
  if (scope.customers) {
    orders.push(`o.customer_id = ANY(${scope.customers})`);
    refunds.push(`ro.customer_id = ANY(${scope.customers})`);
  }
  return `SELECT o.customer_id, ${monthOf('o.ordered_at')} AS month, o.amount, false AS is_refund
      FROM "order" o WHERE ${orders.join(' AND ')}
    UNION ALL
    SELECT ro.customer_id, ${monthOf('rf.refunded_at')} AS month, -rf.amount AS amount, true AS is_refund
      FROM refund rf JOIN "order" ro ON ro.workspace_id = rf.workspace_id AND ro.id = rf.order_id
      WHERE ${refunds.join(' AND ')}`;
}

/** SUBSCRIPTION: the RECURRING revenue rows, filtered; the relation is the revenue table itself (its statistics and indexes). */
function recurringSql(scope: MonthlyValueScope): string {
  const conditions = [`r.workspace_id = ${scope.workspace}`, `r.type = 'RECURRING'`];
  if (scope.from) conditions.push(`r.month >= ${scope.from}`);
  if (scope.to) conditions.push(`r.month < ${scope.to}`);
  if (scope.customers) conditions.push(`r.customer_id = ANY(${scope.customers})`);
  return `SELECT r.customer_id, r.month, r.amount AS value
    FROM revenue r
    WHERE ${conditions.join(' AND ')}`;
}

/**
 * TRANSACTIONAL, as change points: `(customer_id, month, value, next_month)`, one row per customer and month at which its run
 * rate may change — a month with revenue, orders or refunds (it enters the window) and W months after one (it leaves) — with
 * the run rate from that month until `next_month` (exclusive; null after the last). The run rate is constant in between, so
 * this is the whole series in a few rows per fact month. Each fact month adds its amount at its month and takes it away W
 * months later, so the window sum at a point is a running sum over the customer's points: one window function over a sparse
 * monthly series, never a subquery per month.
 *
 * With `from`, the facts of the W − 1 months before it are read too (they are in its window), a change point is added at
 * `from` for every customer with such facts, and only points from `from` on are returned. With `to`, facts from it on are not
 * read (the data-completeness watermark), and the last run reaches up to it.
 */
function runRateChangePointsSql(scope: MonthlyValueScope, w: string): string {
  // The first month read: the W − 1 months before `from` lie in the window of `from`.
  const readFrom = scope.from ? `(${scope.from} - make_interval(months => ${w} - 1))::date` : undefined;
  const revenue = [`r.workspace_id = ${scope.workspace}`];
  if (readFrom) revenue.push(`r.month >= ${readFrom}`);
  if (scope.to) revenue.push(`r.month < ${scope.to}`);
  if (scope.customers) revenue.push(`r.customer_id = ANY(${scope.customers})`);
  const facts = `SELECT x.customer_id, x.month, sum(x.amount) AS amount
      FROM (SELECT r.customer_id, r.month, r.amount FROM revenue r WHERE ${revenue.join(' AND ')}
            UNION ALL
            SELECT o.customer_id, o.month, o.amount
              FROM (${orderRevenueSql({ workspace: scope.workspace, from: readFrom, to: scope.to, customers: scope.customers })}) o) x
      GROUP BY x.customer_id, x.month`;
  const fromPoint = scope.from ? `, (CASE WHEN f.month < ${scope.from} THEN ${scope.from} END, 0)` : '';
  const points = `SELECT f.customer_id, pt.month, sum(pt.amount) AS amount
      FROM (${facts}) f
      CROSS JOIN LATERAL (VALUES (f.month, f.amount), ((f.month + make_interval(months => ${w}))::date, -f.amount)${fromPoint}) AS pt(month, amount)
      WHERE pt.month IS NOT NULL
      GROUP BY f.customer_id, pt.month`;
  const running = `SELECT p.customer_id, p.month,
        greatest(0, sum(p.amount) OVER (PARTITION BY p.customer_id ORDER BY p.month) / ${w}) AS value,
        lead(p.month) OVER (PARTITION BY p.customer_id ORDER BY p.month) AS next_month
      FROM (${points}) p`;
  const kept = [scope.from ? `cp.month >= ${scope.from}` : 'true', scope.to ? `cp.month < ${scope.to}` : 'true'];
  return `SELECT cp.customer_id, cp.month, cp.value, cp.next_month FROM (${running}) cp WHERE ${kept.join(' AND ')}`;
}

/**
 * The run rate's change points over the whole history up to `to` (see runRateChangePointsSql): for a statement to compute once,
 * as a relation it names in `MonthlyValueScope.points`. Only for a known TRANSACTIONAL model.
 */
export function runRatePointsSql(scope: MonthlyValueScope & { model: MonthlyValueModel }): string {
  return runRateChangePointsSql({ workspace: scope.workspace, to: scope.to, customers: scope.customers }, scope.model.activityWindowMonths);
}

/** TRANSACTIONAL: the run rate, one row per customer and month in which it is above 0 (the change points' runs, month by month). */
function runRateSql(scope: MonthlyValueScope, w: string): string {
  const until = scope.to ? `least(cp.next_month, ${scope.to})` : 'cp.next_month';
  if (scope.points) {
    // Points over the whole history: a run that starts before `from` and reaches into it is spread from `from` on.
    const start = scope.from ? `greatest(cp.month, ${scope.from})` : 'cp.month';
    const reaches = scope.from ? ` AND (cp.next_month IS NULL OR cp.next_month > ${scope.from})` : '';
    const customers = scope.customers ? ` AND cp.customer_id = ANY(${scope.customers})` : '';
    return `SELECT cp.customer_id, gs.month::date AS month, cp.value
    FROM ${scope.points} cp
    CROSS JOIN LATERAL generate_series(${start}, ${until} - interval '1 month', interval '1 month') AS gs(month)
    WHERE cp.value > 0${reaches}${customers}`;
  }
  return `SELECT cp.customer_id, gs.month::date AS month, cp.value
    FROM (${runRateChangePointsSql(scope, w)}) cp
    CROSS JOIN LATERAL generate_series(cp.month, ${until} - interval '1 month', interval '1 month') AS gs(month)
    WHERE cp.value > 0`;
}

/** The workspace's settings, read in the statement (a one-time subquery) when the caller did not know them. */
const settingOf = (workspace: string, column: 'business_model' | 'activity_window_months') =>
  `(SELECT ws.${column} FROM workspace ws WHERE ws.id = ${workspace})`;

/** The model's SQL when known; otherwise both, each switched on by the workspace's own model (PostgreSQL runs only one). */
function perModel(scope: MonthlyValueScope, sql: (model: BusinessModel, w: string) => string): string {
  if (scope.model) return sql(scope.model.businessModel, scope.model.activityWindowMonths);
  const model = settingOf(scope.workspace, 'business_model');
  const w = settingOf(scope.workspace, 'activity_window_months');
  return `SELECT s.* FROM (${sql(BusinessModel.SUBSCRIPTION, w)}) s WHERE ${model} = '${BusinessModel.SUBSCRIPTION}'
    UNION ALL
    SELECT t.* FROM (${sql(BusinessModel.TRANSACTIONAL, w)}) t WHERE ${model} = '${BusinessModel.TRANSACTIONAL}'`;
}

/**
 * A relation `(customer_id uuid, month date, value numeric)`: one row per customer and month in scope that has a value
 * (it may be 0, and negative under SUBSCRIPTION); a month without a row has the value 0. Months are first days.
 *
 * SUBSCRIPTION: a customer has at most one RECURRING row per month (the revenue table's key is customer, month and type, and a
 * month is stored as its first day: ingestion refuses any other day), so the value is that row's amount.
 * TRANSACTIONAL: a row for every month whose run rate is above 0.
 */
export function monthlyValueSql(scope: MonthlyValueScope): string {
  return perModel(scope, (model, w) => (model === BusinessModel.SUBSCRIPTION ? recurringSql(scope) : runRateSql(scope, w)));
}

/**
 * `firstMonth(c)`: per customer, the earliest month whose monthly value is above 0; a customer without one has no row.
 * `to` (SQL of a date) leaves out the months from it on, e.g. those after the data-completeness watermark. Under TRANSACTIONAL
 * it is read from the run rate's change points (the run rate first rises above 0 at one of them): those of the relation
 * `points` (runRatePointsSql with the same `to`, and the same customers) when given. `customers` (SQL of a `uuid[]`): only those.
 */
export function firstMonthSql(workspace: string, to?: string, model?: MonthlyValueModel, points?: string, customers?: string): string {
  const scope: MonthlyValueScope = { workspace, to, model, customers };
  const runRatePoints = (w: string) => (points ? points : `(${runRateChangePointsSql(scope, w)})`);
  return `SELECT fm.customer_id, min(fm.month) AS first_month
    FROM (${perModel(scope, (m, w) =>
      m === BusinessModel.SUBSCRIPTION ? recurringSql(scope) : `SELECT cp.customer_id, cp.month, cp.value FROM ${runRatePoints(w)} cp`,
    )}) fm
    WHERE fm.value > 0
    GROUP BY fm.customer_id`;
}
