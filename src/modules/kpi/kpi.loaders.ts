import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Tier } from '../customers/tier.entity';
import { Dimension } from './catalogue/kpi.enums';
import { KpiEngine, type KpiRow } from './compiler/kpi.engine';
import type { KpiResultCache } from './kpi.cache';
import type { KpiGate } from './kpi.gate';
import type { BusinessModelSettings, GroupKey, OutputName, SegmentFilterValues } from './compiler/kpi.compiler';
import type { Period } from '../../core/period.calculator';
import { inSnapshot } from '../../db/transaction';
import { aggregateReadSql, aggregateStateInSnapshot, type AggregateReadState } from './aggregates/kpi-aggregates';
import { primaryReads, type ReplicaReads } from '../../core/reads';
import { effectiveWatermarkSql } from '../facts/data-completeness';
import type { BusinessModel } from '../workspaces/workspace.enums';

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
 * requests that differ only in their KPIs are merged into one statement, and results are served from the app's KPI cache
 * while the workspace's data version is the one they were computed at. What is computed runs on the read replica when it has
 * replayed that version (`kpiRead`), else on the primary.
 */
export interface KpiLoaderOptions {
  /** The most rows one KPI statement may return (MAX_KPI_ROWS). */
  maxKpiRows?: number;
  /** Where KPI statements run: the read replica while it has the workspace's data version, else the primary. */
  reads?: ReplicaReads;
  /** The app's KPI statement slots, and the key the statements run for. */
  gate?: KpiGate;
  keyId?: string;
  /** KPI statements read the KPI aggregates where they serve (default true). */
  aggregates?: boolean;
}

export function createKpiLoaders(dataSource: DataSource, workspaceId: string, kpiResultCache: KpiResultCache, options: KpiLoaderOptions = {}) {
  const reads = options.reads ?? primaryReads(dataSource);
  const { gate } = options;
  const runner = { workspaceId, keyId: options.keyId ?? 'unknown', request: {} };
  /** A KPI statement, in one of the app's slots for KPI statements (per workspace, per key, and in all). */
  const kpiStatement = <T>(statement: () => Promise<T>): Promise<T> => (gate ? gate.run(runner, statement) : statement());
  // The fiscal year, the data version and the data-completeness watermark come from one read of the workspace on the primary,
  // once per request.
  // The derived watermark is an index-only max per source (see data-completeness.ts): the read stays one cheap statement.
  // The business model and activity window come with them: they decide every customer's monthly value.
  let workspace:
    | Promise<{
        fiscalYearStartMonth: number;
        dataVersion: string;
        dataCompleteThrough: string | null;
        model: BusinessModelSettings;
        aggregates: AggregateReadState;
      }>
    | undefined;
  const readWorkspace = () =>
    (workspace ??= dataSource
      .query(
        `SELECT w.fiscal_year_start_month, w.data_version, ${effectiveWatermarkSql('w')} AS data_complete_through,
                w.business_model, w.activity_window_months, ${aggregateReadSql('w')}
           FROM workspace w WHERE w.id = $1`,
        [workspaceId],
      )
      .then(
        (
          rows: {
            fiscal_year_start_month: number;
            data_version: string;
            data_complete_through: string | null;
            business_model: BusinessModel;
            activity_window_months: number;
            aggregates_current: boolean | null;
            aggregates_horizon: string | null;
          }[],
        ) => {
          if (!rows[0]) throw new Error(`workspace ${workspaceId} not found`);
          return {
            fiscalYearStartMonth: rows[0].fiscal_year_start_month,
            dataVersion: rows[0].data_version,
            dataCompleteThrough: rows[0].data_complete_through,
            model: { businessModel: rows[0].business_model, activityWindowMonths: rows[0].activity_window_months },
            aggregates: { current: rows[0].aggregates_current === true, horizon: rows[0].aggregates_horizon },
          };
        },
      ));
  /** Runs a read of data under the data version where it is at least as fresh as the version this request read. */
  const kpiRead = async <T>(work: (db: DataSource) => Promise<T>): Promise<T> => {
    const { dataVersion } = await readWorkspace();
    return reads.read(workspaceId, work, { atLeastVersion: dataVersion });
  };
  return {
    /** The caller's workspace: the one these loaders read. */
    kpiWorkspaceId: workspaceId,
    kpiRead,
    kpiStatement,
    /** The workspace's data version (read with the fiscal year, once per request): the key of everything cached for it. */
    kpiDataVersion: async (): Promise<string> => (await readWorkspace()).dataVersion,
    /** The watermark KPIs are computed with (set, else derived), read with the fiscal year; null when there is none. */
    kpiDataCompleteThrough: async (): Promise<string | null> => (await readWorkspace()).dataCompleteThrough,
    /** The workspace's business model and activity window (read with the fiscal year): what a customer's monthly value is. */
    kpiBusinessModel: async (): Promise<BusinessModelSettings> => (await readWorkspace()).model,
    /** The workspace's fiscal year start month, read once per request. */
    kpiFiscalYearStart: new DataLoader<'workspace', number>(async (keys) => {
      const { fiscalYearStartMonth } = await readWorkspace();
      return keys.map(() => fiscalYearStartMonth);
    }),
    /** The workspace's tiers in rank order (the rows of a TIER matrix), cached like KPI results: a trigger bumps the version. */
    kpiTiers: new DataLoader<'tiers', { key: string }[]>(async (keys) => {
      const { dataVersion } = await readWorkspace();
      let tiers = kpiResultCache.lookup<{ key: string }[]>(workspaceId, dataVersion, 'tiers');
      if (!tiers) {
        tiers = (await kpiRead((db) => db.getRepository(Tier).find({ where: { workspaceId }, order: { rank: 'ASC', key: 'ASC' } }))).map((t) => ({
          key: t.key,
        }));
        kpiResultCache.set(workspaceId, dataVersion, 'tiers', tiers);
      }
      return keys.map(() => tiers);
    }),
    kpiRows: new DataLoader<KpiRequest, KpiRow[], string>(
      async (requests) => {
        const { dataVersion, dataCompleteThrough, model, aggregates, fiscalYearStartMonth } = await readWorkspace();
        // Results depend on the watermark as much as on the data: it is part of every cache key, so a new watermark (set or
        // derived) is seen at once, even though setting it writes no fact. So are the business model and window (changing them
        // also bumps the data version).
        const settings = `${dataCompleteThrough ?? 'none'}\u0000${model.businessModel}\u0000${model.activityWindowMonths}`;
        const cacheKey = (request: KpiRequest) => `${settings}\u0000${requestKey(request)}`;
        const answers = new Map<string, Promise<KpiRow[]>>();
        const shapes = new Map<string, KpiRequest>();
        for (const request of requests) {
          const key = requestKey(request);
          if (answers.has(key)) continue;
          const cached = kpiResultCache.get(workspaceId, dataVersion, cacheKey(request));
          if (cached) {
            answers.set(key, Promise.resolve(cached));
            continue;
          }
          const shape = shapeKey(request);
          const known = shapes.get(shape);
          shapes.set(shape, known ? { ...known, outputs: [...new Set([...known.outputs, ...request.outputs])] } : request);
        }
        const computed = new Map<string, Promise<KpiRow[]>>();
        for (const [key, shape] of shapes) {
          // The aggregates answer when they are current, for the periods they hold as cut by the watermark; the statement reads
          // the other periods (after their horizon: a month being built) from the facts. The same numbers either way. Whether
          // they are current and their horizon are read again in the statement's own snapshot (a build step moves the horizon
          // without a new data version: a replica, or an older snapshot, may not hold the month yet).
          const statement = (db: Pick<DataSource, 'query'>, state: AggregateReadState) =>
            new KpiEngine(db, options.maxKpiRows).run(
              { workspaceId, dataCompleteThrough, model, ...shape, fromAggregates: state.current, aggregateHorizon: state.horizon },
              { denseGrid: shape.denseGrid },
            );
          const run =
            options.aggregates !== false && aggregates.current
              ? (db: DataSource) =>
                  inSnapshot(db, async (em) =>
                    statement(em, await aggregateStateInSnapshot(em, workspaceId, { fiscalYearStartMonth, ...model })),
                  )
              : (db: DataSource) => statement(db, { current: false, horizon: null });
          computed.set(key, kpiStatement(() => kpiRead(run)));
        }
        for (const request of requests) {
          const key = requestKey(request);
          if (answers.has(key)) continue;
          const rows = computed.get(shapeKey(request))!.then((all) => {
            // A merged statement computed more outputs than this request asked for: keep only its own, as the key says.
            const own = all.map((row) => ({ ...row, values: Object.fromEntries(request.outputs.map((o) => [o, row.values[o] ?? null])) }));
            kpiResultCache.set(workspaceId, dataVersion, cacheKey(request), own);
            return own;
          });
          answers.set(key, rows);
        }
        return Promise.all(requests.map((request) => answers.get(requestKey(request))!.catch((error: Error) => error)));
      },
      { cacheKeyFn: requestKey },
    ),
  };
}

export type KpiLoaders = ReturnType<typeof createKpiLoaders>;
