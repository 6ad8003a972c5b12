import type { SqlRunner } from './sql-runner';
import { ImpactOutcome } from '../catalogue/kpi.enums';
import type { KpiKey } from '../catalogue/kpi.definitions';
import { bindModel, compileKpiQuery, ParamAllocator, type BusinessModelSettings, type OutputName, type SegmentFilterValues } from '../compiler/kpi.compiler';
import { toNumber } from '../compiler/kpi.engine';
import { monthlyValueSql } from '../../facts/monthly-value.sql';
import { addMonths, shiftPeriod, type Period } from '../../../core/period.calculator';
import type { IndicatorImpact } from '../kpi.types';

/** The outcome per customer over the next period, from its monthly value at the end of this period (`pc.mrr`) and of the next (`nx`). */
const OUTCOME_SQL: Record<ImpactOutcome, string> = {
  [ImpactOutcome.NEXT_PERIOD_CHURNED]: `(CASE WHEN coalesce(nx.value, 0) = 0 THEN 1 ELSE 0 END)::float8`,
  [ImpactOutcome.NEXT_PERIOD_NRR]: `(coalesce(nx.value, 0) / pc."mrr")::float8`,
};

/**
 * Indicator impact, in one statement. Each indicator is computed per customer (the engine grouped by customer) over each period
 * of the range; customers active at its end are paired with the outcome of the next period, then PostgreSQL's corr and
 * regr_slope summarise the pairs, pooled over the periods of the range. Pearson's r and the slope are null under 3 pairs.
 */
export async function indicatorImpactQuery(
  query: SqlRunner,
  request: {
    workspaceId: string;
    indicators: KpiKey[];
    outcome: ImpactOutcome;
    /** Periods whose next period is complete. */
    periods: Period[];
    dataCompleteThrough: string | null;
    /** The workspace's business model (omitted: read in the statement). */
    model?: BusinessModelSettings;
    filter: SegmentFilterValues;
  },
): Promise<IndicatorImpact[]> {
  const { workspaceId, indicators, outcome, periods, filter } = request;
  const params = new ParamAllocator();
  const perCustomer = compileKpiQuery(
    {
      workspaceId,
      periods,
      dataCompleteThrough: request.dataCompleteThrough,
      model: request.model,
      outputs: [...new Set<OutputName>([...indicators, 'active_customers', 'mrr'])],
      groupBy: ['CUSTOMER'],
      filter,
    },
    { denseGrid: false },
    params,
  );
  // e' of each period: the first day of the last month of the next period.
  const nextLast = periods.map((p) => `${shiftPeriod(p, 1).end.slice(0, 8)}01`);
  const nextLastMonths = params.bind(nextLast, 'date[]');
  const ws = params.bind(workspaceId, 'uuid');
  // The monthly values of those months only (they ascend with the periods).
  const outcomeMonths = {
    from: params.bind(nextLast[0], 'date'),
    to: params.bind(addMonths(nextLast[nextLast.length - 1], 1), 'date'),
    model: bindModel(params, request.model),
  };
  const pairs = indicators.map((key) => `(${params.bind(key, 'text')}, pc.${JSON.stringify(key)}::float8)`).join(', ');
  const sql = `WITH pc AS (${perCustomer.sql})
    SELECT ind.indicator, count(*)::int AS n,
      CASE WHEN count(*) >= 3 THEN corr(oc.y, ind.x) END AS r,
      CASE WHEN count(*) >= 3 AND corr(oc.y, ind.x) IS NOT NULL THEN regr_slope(oc.y, ind.x) END AS slope
    FROM pc
    LEFT JOIN (${monthlyValueSql({ workspace: ws, ...outcomeMonths })}) nx
      ON nx.customer_id = pc.g_customer::uuid AND nx.month = (${nextLastMonths})[pc.p + 1]
    CROSS JOIN LATERAL (SELECT ${OUTCOME_SQL[outcome]} AS y) oc
    CROSS JOIN LATERAL (VALUES ${pairs}) AS ind(indicator, x)
    WHERE pc."active_customers" = 1 AND ind.x IS NOT NULL
    GROUP BY ind.indicator`;
  const rows: { indicator: KpiKey; n: number; r: number | null; slope: number | null }[] = await query(sql, params.values);
  const byIndicator = new Map(rows.map((row) => [row.indicator, row]));
  return indicators.map((indicator) => {
    const row = byIndicator.get(indicator);
    return { indicator, outcome, n: row?.n ?? 0, r: toNumber(row?.r), slope: toNumber(row?.slope) };
  });
}
