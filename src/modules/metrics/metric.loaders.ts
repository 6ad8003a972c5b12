import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Tier } from '../customers/tier.entity';
import type { Grain } from '../../kpi/kpi.enums';
import { toNumber } from '../../kpi/kpi.engine';
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

/**
 * Per-request loaders of the metric model. A workspace holds tens to hundreds of metrics and links, so each is read whole, once per
 * request, and every nested field (phase success metrics, owner scorecards, links both ways, chains) filters it in memory: the number of
 * statements does not grow with the number of metrics, phases or owners.
 */
export function createMetricLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    workspaceMetrics: new DataLoader<'all', Metric[]>(async (keys) => {
      const metrics = await dataSource.getRepository(Metric).find({ where: { workspaceId }, order: { key: 'ASC' } });
      // Highest level first, then by key: the order of every metric list of the API.
      metrics.sort((a, b) => LEVEL_HEIGHT[b.level] - LEVEL_HEIGHT[a.level] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return keys.map(() => metrics);
    }),
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
             LEFT JOIN tier tr ON tr.id = v.tier_id
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
