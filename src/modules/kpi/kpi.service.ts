import type { DataSource } from 'typeorm';
import { badInput, notFound } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import type { SalesChannel } from '../customers/customer.enums';
import { CUSTOMER_EQUITY_COMPONENTS, CUSTOMER_EQUITY_COUNTS, KPI_KEYS, KPIS, KpiKey, type EquityComponent, type KpiDeclaration } from './catalogue/kpi.definitions';
import type { ImpactOutcome, KpiDirection, KpiUnit } from './catalogue/kpi.enums';
import type { Loaders as AllLoaders } from '../../core/context';
import type { MetricColumnSource, RecordedValueLookup } from './kpi.matrix-columns';
import { Dimension } from './catalogue/kpi.enums';
import type { GroupKey, OutputName, SegmentFilterValues } from './compiler/kpi.compiler';
import type { KpiRow } from './compiler/kpi.engine';
import { indicatorImpactQuery } from './queries/indicator-impact.query';
import type { SqlRunner } from './queries/sql-runner';
import { phaseFunnelQuery } from './queries/phase-funnel.query';
import { canonicalRequest, type KpiLoaders } from './kpi.loaders';
import type { KpiResultCache } from './kpi.cache';
import { KpiGate } from './kpi.gate';
import { DEFAULT_KPI_CONCURRENCY, DEFAULT_MAX_KPI_ROWS } from '../../config/config';
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

export function toGroup(keys: Partial<Record<GroupKey, string | null>>): KpiGroup {
  return {
    tier: keys.TIER ?? null,
    segment: keys.SEGMENT ?? null,
    region: keys.REGION ?? null,
    channel: (keys.CHANNEL ?? null) as SalesChannel | null,
    partner: keys.PARTNER ?? null,
    campaign: keys.CAMPAIGN ?? null,
    phase: keys.PHASE ?? null,
  };
}

export function filterValues(filter: SegmentFilter | null | undefined): SegmentFilterValues {
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

function pointOf(
  direction: KpiDirection,
  period: Period,
  coverage: Pick<Coverage, 'complete' | 'dataThrough'>,
  value: number | null,
  target: number | null,
): KpiPoint {
  return {
    periodStart: period.start,
    periodEnd: period.end,
    value,
    ...assess(value, target, direction, coverage.complete),
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
/** The matrix passes the request's loaders on to the metric columns port as well. */
type AppLoaders = Loaders & AllLoaders;

/** A column of the matrix: a KPI of the catalogue, or a metric of the workspace (`metricKey`), computed from `kpi` when it has one. */
interface MatrixColumn {
  key: string;
  name: string;
  kpi: KpiKey | null;
  metricKey: string | null;
  metricId: string | null;
  unit: KpiUnit;
  direction: KpiDirection;
  additive: boolean;
}

const MAX_METRIC_COLUMNS = 100;

/** The KPI engine's use cases: series, customer equity, the matrix, indicator impact and the phase funnel. */
export class KpiService {
  constructor(
    private readonly dataSource: DataSource,
    /** The app's KPI result cache, shared by its requests (entries are never mutated after they are stored). */
    readonly cache: KpiResultCache,
    /** The app's slots for KPI statements (KPI_CONCURRENCY…), shared by its requests. */
    readonly gate: KpiGate = new KpiGate({ total: 1, ...DEFAULT_KPI_CONCURRENCY }),
    /** The most rows one KPI statement may return (MAX_KPI_ROWS). */
    readonly maxRows: number = DEFAULT_MAX_KPI_ROWS,
    /** KPI statements read the KPI aggregates where they serve (KPI_AGGREGATES). */
    readonly aggregates: boolean = true,
  ) {}

  /**
   * Runs a KPI statement of the request in one of the app's KPI statement slots (see KpiGate), on the read replica when it has
   * the workspace's data version (see kpiRead), else on the primary.
   */
  private statementsIn(loaders: KpiLoaders): SqlRunner {
    return (sql, params) => loaders.kpiStatement(() => loaders.kpiRead((db) => db.query(sql, params)));
  }

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
      points: groupRows.map((row) => pointOf(KPIS[kpi].direction, periods[row.period], coverage[row.period], row.values[kpi] ?? null, targets[next++])),
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

  /** The port through which the matrix reads the workspace's metrics (plugged in by the metrics module). */
  private metricColumns: MetricColumnSource | undefined;
  useMetricColumns(source: MetricColumnSource): void {
    this.metricColumns = source;
  }

  /** The columns of a matrix, KPIs first, then the workspace's metrics, each in request order and once; at least one. */
  private async matrixColumns(loaders: AppLoaders, kpis: KpiKey[], metricKeys: string[]): Promise<MatrixColumn[]> {
    const problems: { path: string; message: string }[] = [];
    if (kpis.length + metricKeys.length === 0) problems.push({ path: 'kpis', message: 'name at least one KPI (kpis) or metric (metricKeys)' });
    if (metricKeys.length > MAX_METRIC_COLUMNS) problems.push({ path: 'metricKeys', message: `at most ${MAX_METRIC_COLUMNS} metrics` });
    if (problems.length) throw badInput(problems);
    const kpiColumns: MatrixColumn[] = kpis.map((kpi) => {
      const { name, unit, direction, additive }: KpiDeclaration = KPIS[kpi];
      return { key: kpi, name, kpi, metricKey: null, metricId: null, unit, direction, additive };
    });
    if (metricKeys.length === 0) return kpiColumns;
    if (!this.metricColumns) throw badInput([{ path: 'metricKeys', message: 'this server keeps no metrics' }]);
    const metrics = await this.metricColumns.columns(loaders, metricKeys, 'metricKeys');
    return [
      ...kpiColumns,
      ...metrics.map((m) => ({
        key: m.key,
        name: m.name,
        kpi: m.kpi,
        metricKey: m.key,
        metricId: m.metricId,
        unit: m.unit,
        direction: m.direction,
        // A KPI-source metric adds up as its KPI does; recorded values are recorded per tier and for the workspace, independently.
        additive: m.kpi !== null && KPIS[m.kpi].additive,
      })),
    ];
  }

  /**
   * The matrix: one statement for the rows' groups and the total (GROUPING SETS) over the range plus the period before it,
   * so that the first period has a change too; TIER rows also read the tier list (cached with the results), to show every tier
   * in rank order. A column is a KPI, or a metric of the workspace: a KPI-source metric shows its KPI (with the KPI's targets),
   * an OBSERVED one its recorded values where they apply (the workspace's value on the total row, a tier's on its TIER row:
   * the slices a target can be set for), with its own targets.
   */
  async matrix(
    workspaceId: string,
    loaders: AppLoaders,
    args: {
      kpis?: KpiKey[] | null;
      /** The deprecated name of `kpis`. */
      metrics?: KpiKey[] | null;
      metricKeys?: string[] | null;
      period: PeriodInput;
      rows: Dimension;
      filter?: SegmentFilter | null;
    },
  ): Promise<KpiMatrix> {
    if (args.kpis && args.metrics) throw badInput([{ path: 'metrics', message: 'give the KPIs in `kpis` only (`metrics` is its deprecated name)' }]);
    const requested = args.kpis ?? args.metrics ?? [];
    const kpis = requested.length ? this.checkMetrics(requested, args.kpis ? 'kpis' : 'metrics') : [];
    const columns = await this.matrixColumns(loaders, kpis, args.metricKeys ?? []);
    const computed = [...new Set(columns.map((c) => c.kpi).filter((kpi): kpi is KpiKey => kpi !== null))];
    const periods = await this.periodsOf(loaders, args.period);
    const extended = [shiftPeriod(periods[0], -1), ...periods];
    const filter = filterValues(args.filter);
    const [rowsAndTotal, tiers, coverage] = await Promise.all([
      computed.length
        ? loaders.kpiRows.load(canonicalRequest({ periods: extended, outputs: computed, filter, denseGrid: true, groupBy: [args.rows], withTotal: true }))
        : Promise.resolve([]),
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

    // The slice each row stands for, as targets (and recorded values) are set for it: a tier row its tier, the total row the
    // workspace (or the one tier filtered on); nothing for the rows of another dimension, or under a filter on one.
    const scopes = [
      ...keys.map((key) => (key === null ? null : targetScopeOf([args.rows], { [args.rows]: key }, filter))),
      targetScopeOf([], {}, filter),
    ];
    // Approved targets of every cell and period, in one batch: a KPI's, or an OBSERVED metric's own.
    const lookups = scopes.flatMap((scope) =>
      columns.flatMap((column) =>
        periods.map((period): TargetLookup | null => {
          if (!scope) return null;
          if (column.kpi !== null) return kpiTargetLookup(column.kpi, args.period.grain, period, scope);
          return { kpi: null, metricId: column.metricId, grain: args.period.grain, periodStart: period.start, tier: scope.tier };
        }),
      ),
    );
    // Target writes bump the data version too (a trigger), so the matrix's targets are cached beside its values.
    const dataVersion = await loaders.kpiDataVersion();
    const targetsKey = `targets:${JSON.stringify(lookups)}`;
    let targetList = this.cache.lookup<(number | null)[]>(workspaceId, dataVersion, targetsKey);
    if (!targetList) {
      targetList = await approvedTargets(loaders, lookups);
      this.cache.set(workspaceId, dataVersion, targetsKey, targetList);
    }
    const targetOf = (row: number, column: number, period: number) => targetList[(row * columns.length + column) * periods.length + period];

    // Recorded values of the OBSERVED columns for every row and period (the one before the range too), in one batch.
    const observed = columns.flatMap((column, index) => (column.kpi === null ? [index] : []));
    const recordedLookups = scopes.flatMap((scope) =>
      observed.flatMap((index) =>
        extended.map((period): RecordedValueLookup | null =>
          scope ? { metricId: columns[index].metricId!, grain: args.period.grain, periodStart: period.start, tier: scope.tier } : null,
        ),
      ),
    );
    const wanted = recordedLookups.filter((lookup): lookup is RecordedValueLookup => lookup !== null);
    const answers = wanted.length ? await this.metricColumns!.recorded(loaders, wanted) : [];
    let nextAnswer = 0;
    const recorded = recordedLookups.map((lookup) => (lookup ? answers[nextAnswer++] : null));
    const recordedOf = (row: number, column: number) => {
      const start = (row * observed.length + observed.indexOf(column)) * extended.length;
      return recorded.slice(start, start + extended.length);
    };

    // A recorded value is recorded for its whole period: every period of an OBSERVED column is complete.
    const whole = extended.map((period) => ({ complete: true, dataThrough: period.end }));
    const cellsOf = (row: number, groupRows: KpiRow[] | undefined): KpiMatrixCell[] =>
      columns.map((column, columnIndex) => {
        const kpi = column.kpi;
        const covered = kpi !== null ? coverage : whole;
        const values =
          kpi !== null
            ? // A row without any fact: additive KPIs are 0 (nothing added up), ratios and medians undefined; every KPI is null
              // in a period without data (after the watermark).
              extended.map((_, index) => {
                if (coverage[index].months === 0) return null;
                const computedRow = groupRows?.find((r) => r.period === index);
                return computedRow ? (computedRow.values[kpi] ?? null) : KPIS[kpi].additive ? 0 : null;
              })
            : recordedOf(row, columnIndex);
        const last = extended.length - 1;
        const value = values[last];
        const previousValue = values[last - 1];
        // A change compares two whole periods: a quarter to date against a whole quarter would read as a fall.
        const comparable = covered[last].complete && covered[last - 1].complete;
        const change = comparable && value !== null && previousValue !== null ? round(value - previousValue) : null;
        return {
          key: column.key,
          kpi,
          value,
          ...assess(value, targetOf(row, columnIndex, periods.length - 1), column.direction, covered[last].complete),
          complete: covered[last].complete,
          dataThrough: covered[last].dataThrough,
          previousValue,
          change,
          relativeChange: change !== null && previousValue ? round(change / Math.abs(previousValue)) : null,
          series: periods.map((period, i) => pointOf(column.direction, period, covered[i + 1], values[i + 1], targetOf(row, columnIndex, i))),
        };
      });

    const rows: KpiMatrixRow[] = keys.map((key, i) => ({
      kind: key === null ? KpiMatrixRowKind.UNASSIGNED : KpiMatrixRowKind.GROUP,
      total: false,
      key,
      group: toGroup({ [args.rows]: key }),
      cells: cellsOf(i, found.get(key)),
    }));
    rows.push({ kind: KpiMatrixRowKind.TOTAL, total: true, key: null, group: toGroup({}), cells: cellsOf(keys.length, total) });
    const shown = periods[periods.length - 1];
    return {
      rowDimension: args.rows,
      periodStart: shown.start,
      periodEnd: shown.end,
      periods: periods.map((p) => ({ periodStart: p.start, periodEnd: p.end })),
      columns: columns.map(({ key, name, kpi, metricKey, unit, direction, additive }) => ({ key, name, kpi, metricKey, unit, direction, additive })),
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
    const [requested, watermark, model] = await Promise.all([
      this.periodsOf(loaders, args.period),
      loaders.kpiDataCompleteThrough(),
      loaders.kpiBusinessModel(),
    ]);
    const periods = requested.filter((p) => coverageOf(shiftPeriod(p, 1), watermark).complete);
    if (periods.length === 0) return indicators.map((indicator) => ({ indicator, outcome: args.outcome, n: 0, r: null, slope: null }));
    return indicatorImpactQuery(this.statementsIn(loaders), {
      workspaceId,
      indicators,
      outcome: args.outcome,
      periods,
      dataCompleteThrough: watermark,
      model,
      filter: filterValues(args.filter),
    });
  }

  /** The phase funnel of a journey (queries/phase-funnel.query.ts); NOT_FOUND for a journey of another workspace. */
  async phaseFunnel(
    workspaceId: string,
    loaders: KpiLoaders,
    args: { journeyId: string; period: PeriodInput; filter?: SegmentFilter | null },
  ): Promise<PhaseFunnelStep[]> {
    // Journeys are not under the data version (phases are): the journey is looked up on the primary.
    const [journey] = isUuid(args.journeyId)
      ? await this.dataSource.query('SELECT id FROM journey WHERE id = $1 AND workspace_id = $2', [args.journeyId, workspaceId])
      : [];
    if (!journey) throw notFound('journey', args.journeyId);
    const periods = await this.periodsOf(loaders, args.period);
    return phaseFunnelQuery(this.statementsIn(loaders), { workspaceId, journeyId: args.journeyId, periods, filter: filterValues(args.filter) });
  }
}

/** Differences of values already exact to their unit; rounding removes the float noise of the subtraction. */
const round = (value: number) => Math.round(value * 1e10) / 1e10;

