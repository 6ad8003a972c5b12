import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import type { SalesChannel, Segment } from '../customers/customer.enums';
import { CUSTOMER_EQUITY_COMPONENTS, CUSTOMER_EQUITY_COUNTS, KPI_KEYS, KPIS, KpiKey, type EquityComponent, type KpiDeclaration } from './catalogue/kpi.definitions';
import type { ImpactOutcome } from './catalogue/kpi.enums';
import { Dimension } from './catalogue/kpi.enums';
import type { GroupKey, OutputName, SegmentFilterValues } from './compiler/kpi.compiler';
import type { KpiRow } from './compiler/kpi.engine';
import { indicatorImpactQuery } from './queries/indicator-impact.query';
import { phaseFunnelQuery } from './queries/phase-funnel.query';
import { canonicalRequest, type KpiLoaders } from './kpi.loaders';
import type { KpiResultCache } from './kpi.cache';
import { assess, targetScopeOf } from './kpi.attainment';
import { approvedTargets, type TargetLoaders, type TargetLookup } from '../targets/target.loaders';
import { MAX_PERIODS, countPeriods, coverageOf, periodsBetween, shiftPeriod, type Coverage, type Period } from '../../core/period.calculator';
import type { PeriodInput, SegmentFilter } from './dtos/kpi.inputs';
import { KpiMatrixRowKind } from './kpi.types';
import type {
  CustomerEquitySeries,
  IndicatorImpact,
  KpiDefinition,
  KpiGroup,
  KpiMatrix,
  KpiMatrixCell,
  KpiMatrixRow,
  KpiPoint,
  KpiSeries,
  PhaseFunnelStep,
} from './kpi.types';

export interface KpiArgs {
  metrics: KpiKey[];
  period: PeriodInput;
  groupBy?: Dimension[] | null;
  filter?: SegmentFilter | null;
}

const MAX_METRICS = Object.keys(KPIS).length;

const GROUP_FIELDS: Record<Dimension, keyof KpiGroup> = {
  [Dimension.TIER]: 'tier',
  [Dimension.SEGMENT]: 'segment',
  [Dimension.REGION]: 'region',
  [Dimension.CHANNEL]: 'channel',
  [Dimension.PARTNER]: 'partner',
  [Dimension.CAMPAIGN]: 'campaign',
  [Dimension.PHASE]: 'phase',
};

function toGroup(keys: Partial<Record<GroupKey, string | null>>): KpiGroup {
  return {
    tier: keys.TIER ?? null,
    segment: (keys.SEGMENT ?? null) as Segment | null,
    region: keys.REGION ?? null,
    channel: (keys.CHANNEL ?? null) as SalesChannel | null,
    partner: keys.PARTNER ?? null,
    campaign: keys.CAMPAIGN ?? null,
    phase: keys.PHASE ?? null,
  };
}

function filterValues(filter: SegmentFilter | null | undefined): SegmentFilterValues {
  const values: SegmentFilterValues = {};
  if (!filter) return values;
  for (const d of Object.values(Dimension)) {
    const list = filter[GROUP_FIELDS[d]] as string[] | null | undefined;
    if (list !== undefined && list !== null) values[d] = list;
  }
  return values;
}

/** Rows of one group, in period order, keyed by the group's keys. */
function byGroup(rows: KpiRow[]): Map<string, { group: KpiRow['group']; rows: KpiRow[] }> {
  const groups = new Map<string, { group: KpiRow['group']; rows: KpiRow[] }>();
  for (const row of rows) {
    const key = JSON.stringify(row.group);
    if (!groups.has(key)) groups.set(key, { group: row.group, rows: [] });
    groups.get(key)!.rows.push(row);
  }
  return groups;
}

function pointOf(kpi: KpiKey, period: Period, coverage: Coverage, value: number | null, target: number | null): KpiPoint {
  return {
    periodStart: period.start,
    periodEnd: period.end,
    value,
    ...assess(value, target, KPIS[kpi].direction, coverage.complete),
    complete: coverage.complete,
    dataThrough: coverage.dataThrough,
  };
}

/** The lookup of the approved target of a KPI in a period for a slice (see targetScopeOf); null when no target applies. */
function kpiTargetLookup(kpi: KpiKey, grain: PeriodInput['grain'], period: Period, scope: { tier: string | null } | null): TargetLookup | null {
  return scope ? { kpi, metricId: null, grain, periodStart: period.start, tier: scope.tier } : null;
}

/** The KPI queries read approved targets through the per-request target loader as well. */
type Loaders = KpiLoaders & TargetLoaders;

/** The KPI engine's use cases: series, customer equity, the matrix, indicator impact and the phase funnel. */
export class KpiService {
  constructor(
    private readonly dataSource: DataSource,
    /** The app's KPI result cache, shared by its requests (entries are never mutated after they are stored). */
    readonly cache: KpiResultCache,
  ) {}

  /** The KPI catalogue, in catalogue order: the same for every workspace (it holds no data). */
  catalogue(): KpiDefinition[] {
    return KPI_KEYS.map((key) => {
      const { name, description, formula, unit, direction, indicator, additive, section }: KpiDeclaration = KPIS[key];
      return { key, name, description, formula, unit, direction, indicator, additive, section };
    });
  }

  /** The periods of a PeriodInput under the workspace's fiscal year; BAD_USER_INPUT for an empty or oversized range. */
  async periodsOf(loaders: KpiLoaders, period: PeriodInput): Promise<Period[]> {
    if (period.from > period.to) throw badInput([{ path: 'period.to', message: 'to must be on or after from' }]);
    const fiscalYearStartMonth = await loaders.kpiFiscalYearStart.load('workspace');
    const count = countPeriods(period.grain, period.from, period.to, fiscalYearStartMonth);
    if (count > MAX_PERIODS) {
      throw badInput([{ path: 'period', message: `at most ${MAX_PERIODS} periods per request; this range has more` }]);
    }
    if (count === 0) {
      throw badInput([{ path: 'period', message: `no ${period.grain.toLowerCase()} starts between ${period.from} and ${period.to}` }]);
    }
    return periodsBetween(period.grain, period.from, period.to, fiscalYearStartMonth);
  }

  /** How much of each period the workspace's facts cover (its data-completeness watermark, read once per request). */
  async coverageOf(loaders: KpiLoaders, periods: Period[]): Promise<Coverage[]> {
    const watermark = await loaders.kpiDataCompleteThrough();
    return periods.map((period) => coverageOf(period, watermark));
  }

  private checkMetrics(metrics: KpiKey[], path = 'metrics'): KpiKey[] {
    const unique = [...new Set(metrics)];
    if (unique.length === 0) throw badInput([{ path, message: `name at least one KPI` }]);
    if (unique.length > MAX_METRICS) throw badInput([{ path, message: `at most ${MAX_METRICS} KPIs` }]);
    return unique;
  }

  async series(_workspaceId: string, loaders: Loaders, args: KpiArgs): Promise<KpiSeries[]> {
    const metrics = this.checkMetrics(args.metrics);
    const periods = await this.periodsOf(loaders, args.period);
    const [rows, coverage] = await Promise.all([
      loaders.kpiRows.load(
        canonicalRequest({ periods, outputs: metrics, groupBy: args.groupBy ?? [], filter: filterValues(args.filter), denseGrid: true }),
      ),
      this.coverageOf(loaders, periods),
    ]);
    const groups = [...byGroup(rows).values()];
    const groupBy = args.groupBy ?? [];
    const filter = filterValues(args.filter);
    const series = metrics.flatMap((kpi) =>
      groups.map(({ group, rows: groupRows }) => ({ kpi, group, groupRows, scope: targetScopeOf(groupBy, group, filter) })),
    );
    const targets = await approvedTargets(
      loaders,
      series.flatMap(({ kpi, groupRows, scope }) => groupRows.map((row) => kpiTargetLookup(kpi, args.period.grain, periods[row.period], scope))),
    );
    let next = 0;
    return series.map(({ kpi, group, groupRows }) => ({
      kpi,
      unit: KPIS[kpi].unit,
      direction: KPIS[kpi].direction,
      group: toGroup(group),
      points: groupRows.map((row) => pointOf(kpi, periods[row.period], coverage[row.period], row.values[kpi] ?? null, targets[next++])),
    }));
  }

  async customerEquity(
    _workspaceId: string,
    loaders: KpiLoaders,
    args: Omit<KpiArgs, 'metrics'>,
  ): Promise<CustomerEquitySeries[]> {
    const periods = await this.periodsOf(loaders, args.period);
    // Customer equity, each of its components and the customer counts: all from the catalogue, in one statement.
    const components = Object.keys(CUSTOMER_EQUITY_COMPONENTS) as EquityComponent[];
    const counts = Object.entries(CUSTOMER_EQUITY_COUNTS) as [keyof typeof CUSTOMER_EQUITY_COUNTS, KpiKey][];
    const outputs: OutputName[] = [KpiKey.CUSTOMER_EQUITY, ...components, ...counts.map(([, kpi]) => kpi)];
    const [rows, coverage] = await Promise.all([
      loaders.kpiRows.load(canonicalRequest({ periods, outputs, groupBy: args.groupBy ?? [], filter: filterValues(args.filter), denseGrid: true })),
      this.coverageOf(loaders, periods),
    ]);
    return [...byGroup(rows).values()].map(({ group, rows: groupRows }) => ({
      group: toGroup(group),
      points: groupRows.map(({ period, values }) => {
        // Every number is null in a period without data (after the watermark); in a period with data a group has them all.
        const { complete, dataThrough, months } = coverage[period];
        const of = (output: OutputName) => (months === 0 ? null : (values[output] ?? 0));
        return {
          periodStart: periods[period].start,
          periodEnd: periods[period].end,
          total: of(KpiKey.CUSTOMER_EQUITY),
          ...(Object.fromEntries(components.map((name) => [name, of(name)])) as Record<EquityComponent, number | null>),
          ...(Object.fromEntries(counts.map(([field, kpi]) => [field, of(kpi)])) as Record<keyof typeof CUSTOMER_EQUITY_COUNTS, number | null>),
          complete,
          dataThrough,
        };
      }),
    }));
  }

  /**
   * The matrix: one statement for the rows' groups and the total (GROUPING SETS) over the range plus the period before it,
   * so that the first period has a change too; TIER rows also read the tier list (cached with the results), to show every tier in rank order.
   */
  async matrix(
    workspaceId: string,
    loaders: Loaders,
    args: { metrics: KpiKey[]; period: PeriodInput; rows: Dimension; filter?: SegmentFilter | null },
  ): Promise<KpiMatrix> {
    const metrics = this.checkMetrics(args.metrics);
    const periods = await this.periodsOf(loaders, args.period);
    const extended = [shiftPeriod(periods[0], -1), ...periods];
    const filter = filterValues(args.filter);
    const [rowsAndTotal, tiers, coverage] = await Promise.all([
      loaders.kpiRows.load(canonicalRequest({ periods: extended, outputs: metrics, filter, denseGrid: true, groupBy: [args.rows], withTotal: true })),
      args.rows === Dimension.TIER ? loaders.kpiTiers.load('tiers') : Promise.resolve([]),
      this.coverageOf(loaders, extended),
    ]);
    const grouped = rowsAndTotal.filter((row) => !row.total);
    const total = rowsAndTotal.filter((row) => row.total);

    const groups = byGroup(grouped);
    const keyOf = (group: KpiRow['group']) => group[args.rows] ?? null;
    const found = new Map([...groups.values()].map((g) => [keyOf(g.group), g.rows]));
    let keys = [...found.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    if (args.rows === Dimension.TIER) {
      const listed = tiers.map((t) => t.key).filter((key) => !filter.TIER || filter.TIER.includes(key));
      keys = [...listed, ...keys.filter((key) => key === null || !listed.includes(key))];
    }

    // Approved targets of every cell and period, in one batch: a tier row gets its tier's target, the total row the no-tier one.
    const scopes = new Map(
      [...keys.map((key) => [key, key === null ? null : targetScopeOf([args.rows], { [args.rows]: key }, filter)] as const)],
    );
    const totalScope = targetScopeOf([], {}, filter);
    const lookups = [...keys.map((key) => scopes.get(key) ?? null), totalScope].flatMap((scope) =>
      metrics.flatMap((kpi) => periods.map((period) => kpiTargetLookup(kpi, args.period.grain, period, scope))),
    );
    // Target writes bump the data version too (a trigger), so the matrix's targets are cached beside its values.
    const dataVersion = await loaders.kpiDataVersion();
    const targetsKey = `targets:${JSON.stringify(lookups)}`;
    let targetList = this.cache.lookup<(number | null)[]>(workspaceId, dataVersion, targetsKey);
    if (!targetList) {
      targetList = await approvedTargets(loaders, lookups);
      this.cache.set(workspaceId, dataVersion, targetsKey, targetList);
    }
    const targetsOfRow = (row: number) => (kpi: number, period: number) =>
      targetList[(row * metrics.length + kpi) * periods.length + period];

    const cellsOf = (rows: KpiRow[] | undefined, targetOf: (kpi: number, period: number) => number | null): KpiMatrixCell[] =>
      metrics.map((kpi, kpiIndex) => {
        const definition = KPIS[kpi];
        // A row without any fact: additive KPIs are 0 (nothing added up), ratios and medians undefined; every KPI is null in
        // a period without data (after the watermark).
        const valueAt = (index: number) => {
          if (coverage[index].months === 0) return null;
          const row = rows?.find((r) => r.period === index);
          return row ? (row.values[kpi] ?? null) : definition.additive ? 0 : null;
        };
        const last = extended.length - 1;
        const value = valueAt(last);
        const previousValue = valueAt(last - 1);
        // A change compares two whole periods: a quarter to date against a whole quarter would read as a fall.
        const comparable = coverage[last].complete && coverage[last - 1].complete;
        const change = comparable && value !== null && previousValue !== null ? round(value - previousValue) : null;
        return {
          kpi,
          value,
          ...assess(value, targetOf(kpiIndex, periods.length - 1), definition.direction, coverage[last].complete),
          complete: coverage[last].complete,
          dataThrough: coverage[last].dataThrough,
          previousValue,
          change,
          relativeChange: change !== null && previousValue ? round(change / Math.abs(previousValue)) : null,
          series: periods.map((period, i) => pointOf(kpi, period, coverage[i + 1], valueAt(i + 1), targetOf(kpiIndex, i))),
        };
      });

    const rows: KpiMatrixRow[] = keys.map((key, i) => ({
      kind: key === null ? KpiMatrixRowKind.UNASSIGNED : KpiMatrixRowKind.GROUP,
      total: false,
      key,
      group: toGroup({ [args.rows]: key }),
      cells: cellsOf(found.get(key), targetsOfRow(i)),
    }));
    rows.push({ kind: KpiMatrixRowKind.TOTAL, total: true, key: null, group: toGroup({}), cells: cellsOf(total, targetsOfRow(keys.length)) });
    const shown = periods[periods.length - 1];
    return {
      rowDimension: args.rows,
      periodStart: shown.start,
      periodEnd: shown.end,
      periods: periods.map((p) => ({ periodStart: p.start, periodEnd: p.end })),
      columns: metrics.map((kpi) => ({ kpi, unit: KPIS[kpi].unit, direction: KPIS[kpi].direction, additive: KPIS[kpi].additive })),
      rows,
    };
  }

  /**
   * Indicator impact (queries/indicator-impact.query.ts): each indicator per customer against the next period's outcome. Only
   * periods whose next period is complete (ends on or before the data-completeness watermark) pair up: an outcome not yet loaded
   * would read as churn.
   */
  async indicatorImpact(
    workspaceId: string,
    loaders: KpiLoaders,
    args: { indicators: KpiKey[]; outcome: ImpactOutcome; period: PeriodInput; filter?: SegmentFilter | null },
  ): Promise<IndicatorImpact[]> {
    const indicators = this.checkMetrics(args.indicators, 'indicators');
    const [requested, watermark] = await Promise.all([this.periodsOf(loaders, args.period), loaders.kpiDataCompleteThrough()]);
    const periods = requested.filter((p) => coverageOf(shiftPeriod(p, 1), watermark).complete);
    if (periods.length === 0) return indicators.map((indicator) => ({ indicator, outcome: args.outcome, n: 0, r: null, slope: null }));
    return indicatorImpactQuery(this.dataSource, {
      workspaceId,
      indicators,
      outcome: args.outcome,
      periods,
      dataCompleteThrough: watermark,
      filter: filterValues(args.filter),
    });
  }

  /** The phase funnel of a journey (queries/phase-funnel.query.ts); NOT_FOUND for a journey of another workspace. */
  async phaseFunnel(
    workspaceId: string,
    loaders: KpiLoaders,
    args: { journeyId: string; period: PeriodInput; filter?: SegmentFilter | null },
  ): Promise<PhaseFunnelStep[]> {
    const [journey] = isUuid(args.journeyId)
      ? await this.dataSource.query('SELECT id FROM journey WHERE id = $1 AND workspace_id = $2', [args.journeyId, workspaceId])
      : [];
    if (!journey) throw notFound('journey', args.journeyId);
    const periods = await this.periodsOf(loaders, args.period);
    return phaseFunnelQuery(this.dataSource, { workspaceId, journeyId: args.journeyId, periods, filter: filterValues(args.filter) });
  }
}

/** Differences of values already exact to their unit; rounding removes the float noise of the subtraction. */
const round = (value: number) => Math.round(value * 1e10) / 1e10;

