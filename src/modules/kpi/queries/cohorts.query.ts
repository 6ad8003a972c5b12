import type { SqlRunner } from './sql-runner';
import { bindModel, bindPeriods, dimensionKeys, groupColumn, groupSql, ParamAllocator, type BusinessModelSettings, type GroupKey, type SegmentFilterValues } from '../compiler/kpi.compiler';
import { toNumber } from '../compiler/kpi.engine';
import { ROW_SOURCES } from '../catalogue/row-sources';
import { UNIT_SCALE } from '../catalogue/kpi.definitions';
import { KpiUnit } from '../catalogue/kpi.enums';
import { firstMonthSql, monthlyValueSql, runRatePointsSql } from '../../facts/monthly-value.sql';
import { BusinessModel } from '../../workspaces/workspace.enums';
import { addMonths, type Period } from '../../../core/period.calculator';
import { AppError, ErrorCode } from '../../../core/errors';

/** One cell of a cohort table as computed: a cohort (index into the cohort periods), its group, an age and the cell's values. */
export interface CohortRow {
  cohort: number;
  group: Partial<Record<GroupKey, string | null>>;
  size: number;
  age: number;
  activeCustomers: number;
  logoRetention: number | null;
  mrr: number;
  revenueRetention: number | null;
  cumulativeRevenuePerCustomer: number | null;
}

export interface CohortQuery {
  workspaceId: string;
  /**
   * The periods the query reads, consecutive, of one grain, all complete (ending on or before the data-completeness watermark):
   * the cohorts' own periods P_0 first (`cohorts` of them), then the periods after them that some cohort reaches as an age.
   */
  periods: Period[];
  cohorts: number;
  /** The oldest age asked for (ages 0 … ages). */
  ages: number;
  groupBy: GroupKey[];
  filter: SegmentFilterValues;
  maxRows: number;
  /** The workspace's business model, which decides a customer's monthly value; omitted, the statement reads it. */
  model?: BusinessModelSettings;
}

const { PERCENT, CURRENCY } = KpiUnit;

/**
 * The cohort table, in one statement. Periods q = 0 … n−1 are consecutive periods of one grain, every one complete; cohort i is
 * the set of customers whose firstMonth(c) lies in period i (i < cohorts), so its age a is period i + a. Per customer: its cohort,
 * its dimension keys (PHASE as of the end of the cohort's own period, CAMPAIGN its acquisition campaign: the compiler's key
 * joins over rows whose period is the cohort's). Then per cohort, group and age, straight from the facts (the cells are few, the
 * rows many: no per-customer step): the active customers and MRR from the monthly values at the last month of each period, the
 * revenue from the REVENUE row source (so every kind of revenue the KPIs count); and over the ages of a group (window
 * functions) mrr(0) and the revenue to date.
 */
export async function cohortsQuery(query: SqlRunner, request: CohortQuery): Promise<CohortRow[]> {
  const { periods, cohorts, ages, groupBy, filter } = request;
  const params = new ParamAllocator();
  const ws = params.bind(request.workspaceId, 'uuid');
  // Every period is complete: computed whole, through its own last month.
  const { cte: periodsSql } = bindPeriods(params, periods);
  const from = params.bind(periods[0].start, 'date');
  const to = params.bind(addMonths(periods[periods.length - 1].start, periods[periods.length - 1].months), 'date');
  // firstMonth over the months before the end of the last cohort: a later month cannot be a cohort's.
  // Bound only where used (PostgreSQL refuses a parameter the statement never mentions): TRANSACTIONAL reads the shared points.
  const cohortsEnd = () => params.bind(addMonths(periods[cohorts - 1].start, periods[cohorts - 1].months), 'date');
  const cohortCount = params.bind(cohorts, 'int');
  const periodCount = params.bind(periods.length, 'int');
  const oldest = params.bind(ages, 'int');
  const k = params.bind(periods[0].months, 'int');
  const model = bindModel(params, request.model);
  // TRANSACTIONAL (as in the KPI statements): the run rate's change points up to the end of the last period, computed once for
  // the first months and every monthly value of the statement. The first months read them up to `to` rather than to the end
  // of the last cohort: a later first month is in no cohort, an earlier one is the same either way.
  const points = model?.businessModel === BusinessModel.TRANSACTIONAL ? 'run_rate_points' : undefined;
  const pointsCte = points && model ? [`${points} AS MATERIALIZED (${runRatePointsSql({ workspace: ws, to, model })})`] : [];
  const keys = dimensionKeys(groupBy, filter, params, ws);
  const groups = groupBy.map((d) => ({ column: groupColumn(d), sql: groupSql(d) }));
  const groupSelect = groups.map((g) => `, ${g.sql} AS ${g.column}`).join('');
  const groupList = groups.map((g) => `, ${g.column}`).join('');
  const partition = ['cohort', ...groups.map((g) => g.column)].join(', ');
  const revenue = ROW_SOURCES.REVENUE.sql({
    ws,
    from,
    to,
    inRange: (column) => `${column} >= ${from} AND ${column} < ${to}`,
    months: 'period_months',
    periods: 'periods',
    narrowed: 'true',
    dataEndAt: `(${to}::timestamp AT TIME ZONE 'UTC')`,
    monthlyValue: (scope) => monthlyValueSql({ ...scope, model, points }),
    customers: undefined,
    only: () => 'true',
  });
  const round = (sql: string, unit: KpiUnit) => `round((${sql})::numeric, ${UNIT_SCALE[unit]})`;
  const sql = `WITH ${[periodsSql, ...pointsCte, ...keys.ctes].join(',\n  ')},
  first_month AS (${points ? firstMonthSql(ws, to, model, points) : firstMonthSql(ws, cohortsEnd(), model)}),
  period_months AS (
    SELECT pr.p, pr.s, pr.e, (pr.s + make_interval(months => i))::date AS month, true AS in_p
    FROM periods pr CROSS JOIN generate_series(0, ${k} - 1) AS i WHERE i < pr.k),
  members AS (
    SELECT f.p AS cohort, f.customer_id${groupSelect}
    FROM (SELECT pr.p, fm.customer_id, NULL::uuid AS campaign_id
          FROM periods pr JOIN first_month fm ON fm.first_month BETWEEN pr.s AND pr.e
          WHERE pr.p < ${cohortCount}) f
    ${keys.joins}
    ${keys.where}),
  -- MRR per cohort, group and age from the monthly values at the end of each period (one row per customer and month).
  value_cells AS (
    SELECT m.cohort${groupList}, pr.p - m.cohort AS age, count(*) FILTER (WHERE mv.value > 0) AS active, sum(mv.value) AS mrr
    FROM (${monthlyValueSql({ workspace: ws, from, to, model, points })}) mv
    JOIN periods pr ON pr.e = mv.month
    JOIN members m ON m.customer_id = mv.customer_id
    WHERE pr.p >= m.cohort AND pr.p - m.cohort <= ${oldest}
    GROUP BY m.cohort${groupList}, pr.p - m.cohort),
  -- Revenue per cohort, group and age straight from the revenue rows (no per-customer step: the rows are many, the cells few).
  revenue_cells AS (
    SELECT m.cohort${groupList}, x.p - m.cohort AS age, sum(x.total) AS revenue
    FROM (${revenue}) x
    JOIN members m ON m.customer_id = x.customer_id
    WHERE x.in_p AND x.p >= m.cohort AND x.p - m.cohort <= ${oldest}
    GROUP BY m.cohort${groupList}, x.p - m.cohort),
  sizes AS (SELECT m.cohort${groupList}, count(*) AS size FROM members m GROUP BY m.cohort${groupList}),
  cells AS (
    SELECT z.*, a.age, coalesce(v.active, 0) AS active, coalesce(v.mrr, 0) AS mrr, coalesce(r.revenue, 0) AS revenue
    FROM sizes z
    JOIN generate_series(0, ${oldest}) AS a(age) ON z.cohort + a.age < ${periodCount}
    LEFT JOIN value_cells v ON v.cohort = z.cohort AND v.age = a.age${groups.map((g) => ` AND v.${g.column} IS NOT DISTINCT FROM z.${g.column}`).join('')}
    LEFT JOIN revenue_cells r ON r.cohort = z.cohort AND r.age = a.age${groups.map((g) => ` AND r.${g.column} IS NOT DISTINCT FROM z.${g.column}`).join('')})
SELECT cohort${groupList}, age, size, active,
  ${round('active::numeric / size', PERCENT)} AS logo_retention,
  ${round('mrr', CURRENCY)} AS mrr,
  CASE WHEN first_value(mrr) OVER w <> 0 THEN ${round('mrr / first_value(mrr) OVER w', PERCENT)} END AS revenue_retention,
  ${round('sum(revenue) OVER w / size', CURRENCY)} AS cumulative_revenue_per_customer
FROM cells
WINDOW w AS (PARTITION BY ${partition} ORDER BY age)
ORDER BY cohort${groups.map((g) => `, ${g.column} NULLS LAST`).join('')}, age
LIMIT ${params.bind(request.maxRows + 1, 'int')}`;
  const rows: Record<string, unknown>[] = await query(sql, params.values);
  if (rows.length > request.maxRows) {
    throw new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      `The cohort table would have more than ${request.maxRows} cells (cohorts × groups × ages): ask for fewer cohorts, fewer ages or ` +
        'fewer group dimensions, or filter the customers.',
      { limit: 'kpiRows', max: request.maxRows, found: null },
    );
  }
  return rows.map((row) => ({
    cohort: Number(row.cohort),
    group: Object.fromEntries(groupBy.map((d) => [d, (row[groupColumn(d)] as string | null) ?? null])),
    size: Number(row.size),
    age: Number(row.age),
    activeCustomers: Number(row.active),
    logoRetention: toNumber(row.logo_retention),
    mrr: Number(row.mrr),
    revenueRetention: toNumber(row.revenue_retention),
    cumulativeRevenuePerCustomer: toNumber(row.cumulative_revenue_per_customer),
  }));
}
