import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Tier } from '../customers/tier.entity';
import { Grain } from '../kpi/catalogue/kpi.enums';
import { toNumber } from '../kpi/compiler/kpi.engine';
import { canonicalRequest, type KpiLoaders } from '../kpi/kpi.loaders';
import type { Period } from '../../core/period.calculator';
import { MetricSource } from './metric.enums';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { LEVEL_HEIGHT } from './metric.enums';

/** One recorded value of an OBSERVED metric: grain, period and tier (null: the value recorded for the whole workspace). */
export interface ObservedLookup {
  metricId: string;
  grain: Grain;
  periodStart: string;
  tier: string | null;
}

/** What a set of metric evaluations shares: the grain, the periods (oldest first) and the tier (null: the whole workspace). */
export interface EvaluationShape {
  grain: Grain;
  periods: Period[];
  tier: string | null;
}

/** Per metric id: its values over the periods of the shape, and its approved target in the last of them. */
export type EvaluationTable = Map<string, { series: (number | null)[]; target: number | null }>;

/**
 * Per-request loaders of the metric model. A workspace holds tens to hundreds of metrics and links, so each is read whole, once per
 * request, and every nested field (phase success metrics, owner scorecards, links both ways, chains) filters it in memory: the number of
 * statements does not grow with the number of metrics, phases or owners.
 */
export function createMetricLoaders(dataSource: DataSource, workspaceId: string, kpiLoaders: Pick<KpiLoaders, 'kpiRows'>) {
  const workspaceMetrics = new DataLoader<'all', Metric[]>(async (keys) => {
    const metrics = await dataSource.getRepository(Metric).find({ where: { workspaceId }, order: { key: 'ASC' } });
    // Highest level first, then by key: the order of every metric list of the API.
    metrics.sort((a, b) => LEVEL_HEIGHT[b.level] - LEVEL_HEIGHT[a.level] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keys.map(() => metrics);
  });

  /**
   * Every metric of the workspace evaluated for one shape, once per request: one engine statement for all KPI-source metrics, one
   * statement for all recorded values, one for all approved targets. Chains and scorecards of a request read from it, so their
   * statement count depends on the shapes asked for (periods, tier), never on how many metrics, phases or owners are shown nor on
   * the order in which resolvers happen to run.
   */
  async function evaluateWorkspace({ grain, periods, tier }: EvaluationShape): Promise<EvaluationTable> {
    const metrics = await workspaceMetrics.load('all');
    const kpis = [...new Set(metrics.filter((m) => m.source === MetricSource.KPI).map((m) => m.kpi!))];
    const starts = periods.map((p) => p.start);
    const [kpiRows, observed, targets] = await Promise.all([
      kpiLoaders.kpiRows.load(canonicalRequest({ periods, outputs: kpis, groupBy: [], filter: tier === null ? {} : { TIER: [tier] }, denseGrid: true })),
      dataSource.query(
        `SELECT v.metric_id, to_char(v.period_start, 'YYYY-MM-DD') AS period_start, v.value
           FROM metric_value v LEFT JOIN tier tr ON tr.workspace_id = v.workspace_id AND tr.id = v.tier_id
          WHERE v.workspace_id = $1 AND v.grain = $2 AND v.period_start = ANY($3::date[]) AND tr.key IS NOT DISTINCT FROM $4::varchar`,
        [workspaceId, grain, starts, tier],
      ) as Promise<{ metric_id: string; period_start: string; value: string }[]>,
      dataSource.query(
        `SELECT t.metric_id, t.kpi, t.value
           FROM target t LEFT JOIN tier tr ON tr.workspace_id = t.workspace_id AND tr.id = t.tier_id
          WHERE t.workspace_id = $1 AND t.status = 'APPROVED' AND t.grain = $2 AND t.period_start = $3::date
            AND tr.key IS NOT DISTINCT FROM $4::varchar`,
        [workspaceId, grain, starts[starts.length - 1], tier],
      ) as Promise<{ metric_id: string | null; kpi: string | null; value: string }[]>,
    ]);
    const recorded = new Map(observed.map((r) => [`${r.metric_id}|${r.period_start}`, toNumber(r.value)]));
    const targetOf = new Map(targets.map((t) => [t.metric_id ?? `kpi:${t.kpi}`, toNumber(t.value)]));
    const table: EvaluationTable = new Map();
    for (const metric of metrics) {
      const series =
        metric.source === MetricSource.KPI
          ? periods.map((_, index) => kpiRows.find((row) => row.period === index)?.values[metric.kpi!] ?? null)
          : starts.map((start) => recorded.get(`${metric.id}|${start}`) ?? null);
      // A KPI-source metric is measured against its KPI's target (one number, one target: the matrix and the chain agree).
      const target = targetOf.get(metric.source === MetricSource.KPI ? `kpi:${metric.kpi}` : metric.id) ?? null;
      table.set(metric.id, { series, target });
    }
    return table;
  }

  return {
    workspaceMetrics,
    metricEvaluations: new DataLoader<EvaluationShape, EvaluationTable, string>(
      (shapes) => Promise.all(shapes.map((shape) => evaluateWorkspace(shape).catch((error: Error) => error))),
      { cacheKeyFn: (shape) => JSON.stringify([shape.grain, shape.periods, shape.tier]) },
    ),
    workspaceLinks: new DataLoader<'all', MetricLink[]>(async (keys) => {
      const links = await dataSource.getRepository(MetricLink).find({ where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
      return keys.map(() => links);
    }),
    workspaceTiers: new DataLoader<'all', Tier[]>(async (keys) => {
      const tiers = await dataSource.getRepository(Tier).find({ where: { workspaceId }, order: { rank: 'ASC', key: 'ASC' } });
      return keys.map(() => tiers);
    }),
    /** Recorded values of OBSERVED metrics: every lookup of a request in one statement. */
    observedValue: new DataLoader<ObservedLookup, number | null, string>(
      async (lookups) => {
        const rows: { i: string; value: string }[] = await dataSource.query(
          `SELECT k.i, v.value
             FROM unnest($2::uuid[], $3::grain[], $4::date[], $5::varchar[]) WITH ORDINALITY AS k(metric_id, grain, period_start, tier, i)
             JOIN metric_value v ON v.workspace_id = $1 AND v.metric_id = k.metric_id AND v.grain = k.grain AND v.period_start = k.period_start
             LEFT JOIN tier tr ON tr.workspace_id = v.workspace_id AND tr.id = v.tier_id
            WHERE tr.key IS NOT DISTINCT FROM k.tier`,
          [workspaceId, lookups.map((l) => l.metricId), lookups.map((l) => l.grain), lookups.map((l) => l.periodStart), lookups.map((l) => l.tier)],
        );
        const found = new Map(rows.map((row) => [Number(row.i) - 1, toNumber(row.value)]));
        return lookups.map((_, index) => found.get(index) ?? null);
      },
      { cacheKeyFn: (l) => JSON.stringify([l.metricId, l.grain, l.periodStart, l.tier]) },
    ),
  };
}

export type MetricLoaders = ReturnType<typeof createMetricLoaders>;
