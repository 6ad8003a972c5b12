import type { DataSource } from 'typeorm';
import { Dimension } from './catalogue/kpi.enums';
import { Grain } from '../../core/grain.enum';
import { MAX_PERIODS, countPeriods } from '../../core/period.calculator';

/**
 * How big a KPI field's answer can get, before it runs: KPIs × periods × groups, where the groups are bounded by the workspace's
 * own dimension cardinalities (a cheap count, cached). The query cost check multiplies a KPI field's selection by it, so that a
 * request for every KPI over ten years of months grouped by every dimension is refused before any KPI statement runs.
 */
export interface KpiSize {
  /**
   * The argument(s) listing the columns (KPIs, metrics), counted together; absent: one series per group (customer equity, a
   * metric's values).
   */
  metricsArg?: string | string[];
  /** The argument listing the dimensions grouped by (`groupBy`), or naming the one dimension of the rows (`rows`); absent: one group. */
  groupByArg?: string;
  /** The matrix: a total row besides the groups, and the period before the range (for the change). */
  matrix?: boolean;
  /** The range is given as top-level arguments `grain`, `from`, `to` (cohorts) rather than as `period`. */
  periodArgs?: boolean;
  /** The argument giving the oldest age of a cohort table: every period counts its ages 0 … ages. */
  agesArg?: string;
  /** A drill-down page: it costs its page size (this argument) as cells, whatever its period. */
  pageArg?: string;
}

/** The field extension that marks a KPI-sized field (type-graphql `@Extensions`). */
export const kpiSizeExtension = (size: KpiSize) => ({ kpiSize: size });

/** Distinct values per dimension in one workspace, and its customers and campaigns (what group rows can come from). */
export type DimensionCardinalities = Record<Dimension, number> & { customers: number; campaigns: number };

const FILTER_FIELDS: Record<Dimension, string> = {
  [Dimension.TIER]: 'tier',
  [Dimension.SEGMENT]: 'segment',
  [Dimension.REGION]: 'region',
  [Dimension.CHANNEL]: 'channel',
  [Dimension.PARTNER]: 'partner',
  [Dimension.CAMPAIGN]: 'campaign',
  [Dimension.PHASE]: 'phase',
};

/** Whether a field's answer depends on the workspace's cardinalities (it groups by something). */
export function needsCardinalities(size: KpiSize, args: Record<string, unknown>): boolean {
  const groupBy = size.groupByArg === undefined ? undefined : args[size.groupByArg];
  return size.matrix === true || (Array.isArray(groupBy) && groupBy.length > 0);
}

/** At most how many periods a range has, whatever the workspace's fiscal year; MAX_PERIODS where it has more (refused anyway). */
export function periodBound(period: unknown): number {
  const p = period as { grain?: Grain; from?: string; to?: string } | undefined;
  if (!p?.grain || typeof p.from !== 'string' || typeof p.to !== 'string') return 1;
  let most = 0;
  try {
    for (let start = 1; start <= 12; start += 1) most = Math.max(most, countPeriods(p.grain, p.from, p.to, start));
  } catch {
    return MAX_PERIODS; // not a date the calculator reads: execution refuses it with BAD_USER_INPUT
  }
  return Math.max(1, Math.min(most, MAX_PERIODS));
}

/**
 * At most how many groups a KPI statement returns per period: the product of the dimensions' distinct values (each with its
 * null, e.g. costs without a customer), a filtered dimension at most its filter's values; and never more groups than rows the
 * facts can form — one per customer (per campaign of its costs when grouping by CAMPAIGN), plus the costs without a customer.
 */
export function groupBound(groupBy: Dimension[], filter: Record<string, unknown> | null | undefined, card: DimensionCardinalities): number {
  const dims = [...new Set(groupBy)];
  if (dims.length === 0) return 1;
  let product = 1;
  for (const d of dims) {
    const listed = filter?.[FILTER_FIELDS[d]];
    const values = card[d] + 1;
    product *= Array.isArray(listed) ? Math.min(values, new Set(listed).size) : values;
  }
  const perCustomer = dims.includes(Dimension.CAMPAIGN) ? card.campaigns + 1 : 1;
  return Math.max(1, Math.min(product, card.customers * perCustomer + card.campaigns + 1));
}

/** The cells (KPI values) a KPI field can answer with: KPIs × periods × groups. */
export function kpiCells(size: KpiSize, args: Record<string, unknown>, card: DimensionCardinalities | null): number {
  const listed = size.metricsArg === undefined ? null : Array.isArray(size.metricsArg) ? size.metricsArg : [size.metricsArg];
  const metrics = listed ? listed.reduce((sum, arg) => sum + new Set((args[arg] as unknown[] | null | undefined) ?? []).size, 0) : 1;
  if (size.pageArg !== undefined) return Math.max(1, Number(args[size.pageArg]) || 1);
  const range = size.periodArgs ? { grain: args.grain, from: args.from, to: args.to } : args.period;
  const ages = size.agesArg === undefined ? 0 : Math.max(0, Math.min(Number(args[size.agesArg]) || 0, MAX_PERIODS));
  const periods = periodBound(range) * (ages + 1) + (size.matrix ? 1 : 0);
  const raw = size.groupByArg === undefined ? undefined : args[size.groupByArg];
  const groupBy = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Dimension[];
  const groups = card ? groupBound(groupBy, args.filter as Record<string, unknown> | null, card) : 1;
  return Math.max(1, metrics) * periods * (groups + (size.matrix ? 1 : 0));
}

/** One statement: the distinct values of every dimension of a workspace, its customers and campaigns. */
export async function readCardinalities(dataSource: DataSource, workspaceId: string): Promise<DimensionCardinalities> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM tier WHERE workspace_id = $1)::int AS tiers,
            (SELECT count(*) FROM segment WHERE workspace_id = $1)::int AS segments,
            (SELECT count(DISTINCT region) FROM customer WHERE workspace_id = $1)::int AS regions,
            (SELECT count(*) FROM partner WHERE workspace_id = $1)::int AS partners,
            (SELECT count(*) FROM campaign WHERE workspace_id = $1)::int AS campaigns,
            (SELECT count(*) FROM phase WHERE workspace_id = $1)::int AS phases,
            (SELECT count(*) FROM customer WHERE workspace_id = $1)::int AS customers`,
    [workspaceId],
  )) as { tiers: number; segments: number; regions: number; partners: number; campaigns: number; phases: number; customers: number }[];
  return {
    [Dimension.TIER]: row.tiers,
    [Dimension.SEGMENT]: row.segments,
    [Dimension.REGION]: row.regions,
    [Dimension.CHANNEL]: 2,
    [Dimension.PARTNER]: row.partners,
    [Dimension.CAMPAIGN]: row.campaigns,
    [Dimension.PHASE]: row.phases,
    customers: row.customers,
    campaigns: row.campaigns,
  };
}

/**
 * Cardinalities per workspace, kept for a while (they change slowly, and the estimate is one of several guards: MAX_KPI_ROWS and
 * the response size cap hold whatever it says). State of one app instance.
 */
export class CardinalityCache {
  private readonly entries = new Map<string, { at: number; value: Promise<DimensionCardinalities> }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 1_000,
  ) {}

  of(workspaceId: string): Promise<DimensionCardinalities> {
    const now = Date.now();
    const hit = this.entries.get(workspaceId);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = readCardinalities(this.dataSource, workspaceId);
    this.entries.delete(workspaceId);
    this.entries.set(workspaceId, { at: now, value });
    value.catch(() => this.entries.delete(workspaceId));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
