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
  /** Only these customers: SQL of a `uuid[]`. */
  customers?: string;
}

/**
 * A relation `(customer_id uuid, month date, value numeric)`: one row per customer and month in scope that has a value
 * recorded (it may be 0 or negative); a month without a row has the value 0. Months are first days.
 *
 * Today a customer has at most one RECURRING row per month (the revenue table's key is customer, month and type, and a
 * month is stored as its first day: ingestion refuses any other day), so the value is that row's amount and the relation
 * is the revenue table itself, filtered: PostgreSQL keeps its statistics and indexes for every statement that embeds it.
 */
export function monthlyValueSql(scope: MonthlyValueScope): string {
  const conditions = [`r.workspace_id = ${scope.workspace}`, `r.type = 'RECURRING'`];
  if (scope.from) conditions.push(`r.month >= ${scope.from}`);
  if (scope.to) conditions.push(`r.month < ${scope.to}`);
  if (scope.customers) conditions.push(`r.customer_id = ANY(${scope.customers})`);
  return `SELECT r.customer_id, r.month, r.amount AS value
    FROM revenue r
    WHERE ${conditions.join(' AND ')}`;
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
