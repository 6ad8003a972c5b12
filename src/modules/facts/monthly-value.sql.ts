/**
 * The monthly value of a customer in a month, `MRR(c, m)`: the one number every customer KPI stands on (who is active, who is
 * new, who churned, the MRR movements, NRR, GRR, ARPA, lifetime values, churn loss, indicator impact) and the customer's own
 * MRR series. Written once, here; every statement that needs it embeds this fragment.
 *
 * Today it is the sum of the customer's RECURRING revenue rows of the month. A business model that sells by order will read
 * it as a trailing run rate instead (orders net of refunds and every revenue row over the last W months, divided by W, never
 * below 0): that is a new `MonthlyValueScope.model` handled here, and no caller changes, because the contract below speaks of
 * the months that come out, not of the rows that go in.
 */
export interface MonthlyValueScope {
  /** SQL of the workspace id (a bound parameter). */
  workspace: string;
  /** Only months on or after this one (SQL of a date; a first day of a month). */
  from?: string;
  /** Only months before this one (SQL of a date; a first day of a month). */
  to?: string;
  /** Only these months: SQL of a one-column relation of first days, e.g. `SELECT e FROM periods`. */
  months?: string;
  /** Only these customers: SQL of a `uuid[]`. */
  customers?: string;
}

/**
 * A relation `(customer_id uuid, month date, value numeric)`: one row per customer and month in scope that has a value
 * recorded (it may be 0 or negative); a month without a row has the value 0. Months are first days.
 */
export function monthlyValueSql(scope: MonthlyValueScope): string {
  const month = `date_trunc('month', r.month)::date`;
  const conditions = [`r.workspace_id = ${scope.workspace}`, `r.type = 'RECURRING'`];
  // Bounds on the raw column (not on the truncated month), so that the planner can use the (workspace_id, month) index.
  if (scope.from) conditions.push(`r.month >= ${scope.from}`);
  if (scope.to) conditions.push(`r.month < ${scope.to}`);
  if (scope.months) conditions.push(`${month} IN (${scope.months})`);
  if (scope.customers) conditions.push(`r.customer_id = ANY(${scope.customers})`);
  return `SELECT r.customer_id, ${month} AS month, sum(r.amount) AS value
    FROM revenue r
    WHERE ${conditions.join(' AND ')}
    GROUP BY r.customer_id, ${month}`;
}

/**
 * `firstMonth(c)`: per customer, the earliest month whose monthly value is above 0; a customer without one has no row.
 * `to` (SQL of a date) leaves out the months from it on, e.g. those after the data-completeness watermark.
 */
export function firstMonthSql(workspace: string, to?: string): string {
  return `SELECT mv.customer_id, min(mv.month) AS first_month
    FROM (${monthlyValueSql({ workspace, to })}) mv
    WHERE mv.value > 0
    GROUP BY mv.customer_id`;
}
