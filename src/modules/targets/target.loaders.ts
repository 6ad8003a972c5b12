import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Grain } from '../kpi/catalogue/kpi.enums';
import type { KpiKey } from '../kpi/catalogue/kpi.definitions';
import { toNumber } from '../kpi/compiler/kpi.engine';
import { uuidKey } from '../../core/sql';

/** What a value is measured against: the approved target of one KPI or metric, grain, period and tier (null: the whole workspace). */
export interface TargetLookup {
  kpi: KpiKey | null;
  metricId: string | null;
  grain: Grain;
  periodStart: string;
  tier: string | null;
}

/** Per-request loaders of approved targets: every lookup of a request (matrix cells, chain nodes, scorecards) in one statement. */
export function createTargetLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    approvedTarget: new DataLoader<TargetLookup, number | null, string>(
      async (lookups) => {
        // The join follows the natural-key index (workspace, COALESCE(metric), COALESCE(kpi), grain, period start, …).
        const rows: { i: string; value: string }[] = await dataSource.query(
          `SELECT k.i, t.value
             FROM unnest($2::varchar[], $3::uuid[], $4::grain[], $5::date[], $6::varchar[]) WITH ORDINALITY AS k(kpi, metric_id, grain, period_start, tier, i)
             JOIN target t ON t.workspace_id = $1 AND t.status = 'APPROVED'
              AND ${uuidKey('t.metric_id')} = ${uuidKey('k.metric_id')}
              AND COALESCE(t.kpi, '') = COALESCE(k.kpi, '') AND t.grain = k.grain AND t.period_start = k.period_start
             LEFT JOIN tier tr ON tr.workspace_id = t.workspace_id AND tr.id = t.tier_id
            WHERE tr.key IS NOT DISTINCT FROM k.tier`,
          [
            workspaceId,
            lookups.map((l) => l.kpi),
            lookups.map((l) => l.metricId),
            lookups.map((l) => l.grain),
            lookups.map((l) => l.periodStart),
            lookups.map((l) => l.tier),
          ],
        );
        const found = new Map(rows.map((row) => [Number(row.i) - 1, toNumber(row.value)]));
        return lookups.map((_, index) => found.get(index) ?? null);
      },
      { cacheKeyFn: (l) => JSON.stringify([l.kpi, l.metricId, l.grain, l.periodStart, l.tier]) },
    ),
  };
}

export type TargetLoaders = ReturnType<typeof createTargetLoaders>;

/** The approved target of each lookup, in order, from one batch; a null lookup (no target applies) gives null. */
export async function approvedTargets(loaders: TargetLoaders, lookups: (TargetLookup | null)[]): Promise<(number | null)[]> {
  const wanted = lookups.filter((l): l is TargetLookup => l !== null);
  const values = await loaders.approvedTarget.loadMany(wanted);
  let next = 0;
  return lookups.map((lookup) => {
    if (lookup === null) return null;
    const value = values[next++];
    if (value instanceof Error) throw value;
    return value;
  });
}
