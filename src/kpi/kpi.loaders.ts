import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Workspace } from '../modules/workspaces/workspace.entity';
import { Dimension } from './kpi.enums';
import { KpiEngine, type KpiRow } from './kpi.engine';
import type { GroupKey, OutputName, SegmentFilterValues } from './kpi.compiler';
import type { Period } from './period.calculator';

/** A KPI computation as the loader keys it: canonical (sorted, deduplicated) so that equal requests share one key. */
export interface KpiRequest {
  periods: Period[];
  outputs: OutputName[];
  groupBy: GroupKey[];
  filter: SegmentFilterValues;
  /** Every group gets a row for every period (default); off for per-customer computations. */
  denseGrid: boolean;
  /** Also the ungrouped total, in the same statement. */
  withTotal?: boolean;
}

const GROUP_ORDER: GroupKey[] = [...Object.values(Dimension), 'CUSTOMER'];

export function canonicalRequest(request: KpiRequest): KpiRequest {
  const filter: SegmentFilterValues = {};
  for (const d of Object.values(Dimension)) {
    const values = request.filter[d];
    if (values !== undefined && values !== null) filter[d] = [...new Set(values)].sort();
  }
  return {
    periods: request.periods,
    outputs: [...new Set(request.outputs)].sort(),
    groupBy: GROUP_ORDER.filter((d) => request.groupBy.includes(d)),
    filter,
    denseGrid: request.denseGrid,
    withTotal: request.withTotal === true && request.groupBy.length > 0,
  };
}

/** Everything but the outputs: requests of one shape are answered by one statement computing the union of their outputs. */
const shapeKey = (r: KpiRequest) => JSON.stringify([r.periods, r.groupBy, r.filter, r.denseGrid, r.withTotal]);
const requestKey = (r: KpiRequest) => JSON.stringify([r.periods, r.groupBy, r.filter, r.denseGrid, r.withTotal, r.outputs]);

/**
 * Per-request KPI loaders, bound to the caller's workspace. Identical KPI requests inside one GraphQL request are computed once,
 * and requests that differ only in their KPIs are merged into one statement.
 */
export function createKpiLoaders(dataSource: DataSource, workspaceId: string) {
  const engine = new KpiEngine(dataSource);
  return {
    /** The workspace's fiscal year start month, read once per request. */
    kpiFiscalYearStart: new DataLoader<'workspace', number>(async (keys) => {
      const workspace = await dataSource.getRepository(Workspace).findOneOrFail({ where: { id: workspaceId } });
      return keys.map(() => workspace.fiscalYearStartMonth);
    }),
    kpiRows: new DataLoader<KpiRequest, KpiRow[], string>(
      async (requests) => {
        const shapes = new Map<string, KpiRequest>();
        for (const request of requests) {
          const key = shapeKey(request);
          const known = shapes.get(key);
          shapes.set(key, known ? { ...known, outputs: [...new Set([...known.outputs, ...request.outputs])] } : request);
        }
        const results = new Map<string, Promise<KpiRow[]>>();
        for (const [key, shape] of shapes) {
          results.set(key, engine.run({ workspaceId, ...shape }, { denseGrid: shape.denseGrid }));
        }
        return Promise.all(requests.map((request) => results.get(shapeKey(request))!.catch((error: Error) => error)));
      },
      { cacheKeyFn: requestKey },
    ),
  };
}

export type KpiLoaders = ReturnType<typeof createKpiLoaders>;
