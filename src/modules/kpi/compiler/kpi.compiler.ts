import { CUSTOMER_EQUITY_COMPONENTS, KPIS, UNIT_SCALE, type EquityComponent, type KpiKey, type KpiRefs } from '../catalogue/kpi.definitions';
import { MEASURES, type Measure, type MeasureName } from '../catalogue/measures';
import { ROW_SOURCES, type RowSource, type SourceContext, type SourceName } from '../catalogue/row-sources';
import { Dimension, KpiUnit } from '../catalogue/kpi.enums';
import { firstMonthSql, monthlyValueSql, runRatePointsSql, type MonthlyValueModel } from '../../facts/monthly-value.sql';
import { BusinessModel } from '../../workspaces/workspace.enums';
import { addMonths, coverageOf, type Period } from '../../../core/period.calculator';
import { narrowedSql, perCustomerSql, rollupSql, valuesOf } from './measure.sql';

/**
 * The KPI SQL compiler (after Cube's): a request of outputs × periods × groups becomes ONE statement, a CTE pipeline
 *   periods → each row source's rows per (period, customer, campaign) → per-customer measures → dimension keys →
 *   GROUP BY period + dimensions (per source) → one row per period and group → KPI expressions over the group's measures.
 * What is computed (row sources, measures, KPIs) is declared in the catalogue (../catalogue); this file only assembles it.
 * Every value is a bound parameter; every identifier comes from the allow-lists below (dimensions) or from the catalogue.
 */

/**
 * What a group can be keyed by: the public dimensions, the customer itself (indicator impact), and the ids a KPI aggregate row is
 * keyed by (aggregates/): the customer's tier, segment and partner, and the row's campaign (a cost row's own, else the customer's
 * acquisition campaign).
 */
export type GroupKey = Dimension | 'CUSTOMER' | AggregateKey;
export type AggregateKey = 'TIER_ID' | 'SEGMENT_ID' | 'PARTNER_ID' | 'CAMPAIGN_ID';
/** The keys of a KPI aggregate row besides the period: one combination of the customer dimensions. */
export const AGGREGATE_GROUP_KEYS: GroupKey[] = ['TIER_ID', 'SEGMENT_ID', Dimension.REGION, Dimension.CHANNEL, 'PARTNER_ID', 'CAMPAIGN_ID'];

type Join = 'dims' | 'campaign' | 'phase';

/**
 * Per dimension: the SQL of its key over rows `f` (columns p, customer_id, campaign_id) joined to the customer's keys `d`,
 * the campaign `ca` and the phase at the period end `ph`, and its output column.
 */
const DIMENSIONS: Record<GroupKey, { sql: string; column: string; joins: Join[] }> = {
  [Dimension.TIER]: { sql: 'd.tier', column: 'g_tier', joins: ['dims'] },
  [Dimension.SEGMENT]: { sql: 'd.segment', column: 'g_segment', joins: ['dims'] },
  [Dimension.REGION]: { sql: 'd.region', column: 'g_region', joins: ['dims'] },
  [Dimension.CHANNEL]: { sql: 'd.channel', column: 'g_channel', joins: ['dims'] },
  [Dimension.PARTNER]: { sql: 'd.partner', column: 'g_partner', joins: ['dims'] },
  [Dimension.CAMPAIGN]: { sql: 'ca.external_id::text', column: 'g_campaign', joins: ['dims', 'campaign'] },
  [Dimension.PHASE]: { sql: 'ph.phase', column: 'g_phase', joins: ['phase'] },
  CUSTOMER: { sql: 'f.customer_id::text', column: 'g_customer', joins: [] },
  TIER_ID: { sql: 'd.tier_id', column: 'g_tier_id', joins: ['dims'] },
  SEGMENT_ID: { sql: 'd.segment_id', column: 'g_segment_id', joins: ['dims'] },
  PARTNER_ID: { sql: 'd.partner_id', column: 'g_partner_id', joins: ['dims'] },
  CAMPAIGN_ID: { sql: 'coalesce(f.campaign_id, d.acquisition_campaign_id)', column: 'g_campaign_id', joins: ['dims'] },
};

/** The joins of the dimensions; `ws` is the bound workspace id (every table a statement reads names it: one shard). */
const joinsOf = (ws: string): Record<Join, string> => ({
  dims: 'LEFT JOIN dims d ON d.customer_id = f.customer_id',
  // A cost row's own campaign where it names one (resolved in the COSTS family), else the customer's acquisition campaign.
  campaign: `LEFT JOIN campaign ca ON ca.workspace_id = ${ws} AND ca.id = coalesce(f.campaign_id, d.acquisition_campaign_id)`,
  phase: 'LEFT JOIN phase_at ph ON ph.p = f.p AND ph.customer_id = f.customer_id',
});

export const groupColumn = (key: GroupKey) => DIMENSIONS[key].column;
/** The SQL of a group key over rows `f` joined as `dimensionKeys` joins them. */
export const groupSql = (key: GroupKey) => DIMENSIONS[key].sql;

/** A value the engine can output: a KPI, a raw measure, or a customer-equity component. */
export interface OutputDefinition {
  unit: KpiUnit;
  sql(r: KpiRefs): string;
}

export type OutputName = KpiKey | MeasureName | EquityComponent;

export function outputDefinition(name: OutputName): OutputDefinition {
  if (name in KPIS) return KPIS[name as KpiKey] as OutputDefinition;
  if (name in CUSTOMER_EQUITY_COMPONENTS) return { unit: KpiUnit.CURRENCY, sql: CUSTOMER_EQUITY_COMPONENTS[name as EquityComponent].sql };
  const measure: Measure | undefined = MEASURES[name as MeasureName];
  if (!measure) throw new Error(`unknown KPI output ${name}`);
  return { unit: measure.unit, sql: (r) => r.m(name as MeasureName) };
}

/** The measures an output needs, through the KPIs it is defined from. */
export function measuresOf(name: OutputName): Set<MeasureName> {
  const found = new Set<MeasureName>();
  const refs: KpiRefs = {
    m: (measure) => (found.add(measure), '0'),
    kpi: (key) => KPIS[key as KpiKey].sql(refs),
    months: '1',
    days: '1',
  };
  outputDefinition(name).sql(refs);
  return found;
}

/** Filter lists per dimension; a key must be in its list (so a null key never passes); lists combine with AND. */
export type SegmentFilterValues = Partial<Record<Dimension, string[]>>;

export interface KpiQuery {
  workspaceId: string;
  /** Periods of one grain, in order. */
  periods: Period[];
  /**
   * The workspace's watermark: the first day of the last month whose facts are complete (set, or derived from the facts), or
   * null when there is none. Facts after it are left out; a period straddling it is computed to date (its last month e is the
   * watermark month, k its months up to it); a period after it has every output null (see coverageOf).
   */
  dataCompleteThrough: string | null;
  outputs: OutputName[];
  groupBy: GroupKey[];
  filter: SegmentFilterValues;
  /** Also compute the ungrouped total, in the same statement (GROUPING SETS): rows with `g_total` true. */
  withTotal?: boolean;
  /**
   * The workspace's business model and activity window, which decide a customer's monthly value (facts/monthly-value.sql.ts).
   * Omitted, the statement reads them from the workspace row.
   */
  model?: BusinessModelSettings;
  /**
   * Only the rows of these customers, and with `customerless` also the cost rows that name no customer: how the KPI aggregates
   * compute what a write changes (aggregates/). Undefined: every row of the workspace.
   */
  restrict?: { customers: string[]; customerless: boolean };
  /**
   * Read the additive measures from the workspace's KPI aggregates (table kpi_aggregate) rather than from the facts. Only for
   * periods the aggregates hold and groups and filters over the customer dimensions (not PHASE, not CUSTOMER); the caller checks.
   */
  fromAggregates?: boolean;
  /**
   * With `fromAggregates`: the last month the aggregates hold (their horizon; null: none yet). A period computed through a later
   * month (after the watermark's cut) is read from the facts, in the same statement as the periods read from the aggregates.
   * Undefined: every period is read from the aggregates (the caller checked that they hold them all).
   */
  aggregateHorizon?: string | null;
}

/** A workspace's business model settings, as read with the workspace. */
export interface BusinessModelSettings {
  businessModel: BusinessModel;
  activityWindowMonths: number;
}

/** Binds the settings for the monthly-value fragment (the window as an int parameter), or undefined to let the statement read them. */
export function bindModel(params: ParamAllocator, model: BusinessModelSettings | undefined): MonthlyValueModel | undefined {
  if (!model) return undefined;
  // A SUBSCRIPTION fragment never reads W, and PostgreSQL refuses a parameter the statement does not mention.
  if (model.businessModel !== BusinessModel.TRANSACTIONAL) return { businessModel: model.businessModel, activityWindowMonths: 'NULL::int' };
  return { businessModel: model.businessModel, activityWindowMonths: params.bind(model.activityWindowMonths, 'int') };
}

export interface CompiledQuery {
  sql: string;
  params: unknown[];
}

/** Binds values as numbered parameters (`$1::uuid`), like Cube's ParamAllocator: no value is ever spliced into SQL text. */
export class ParamAllocator {
  readonly values: unknown[] = [];
  bind(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/**
 * The periods CTEs over bound arrays of first months, last months and month counts: `all_periods` has one row per requested
 * period p (0-based) — the grid of the answer — and `periods` those with data, which every fact source reads. Per period: s;
 * e, the last month it is computed through (the watermark month for a period to date; null for a period without data); k, its
 * months through e; b, the base month; last_day (of e); ttm_s, the first of the 12 months ending with e; and the UTC bounds
 * s_at and next_at of the months s … e.
 */
export function periodsCte(starts: string, ends: string, ks: string): string {
  return `all_periods AS (
    SELECT (t.ord - 1)::int AS p, t.s::date AS s, t.e::date AS e, t.k::int AS k,
      (t.s - interval '1 month')::date AS b,
      (t.e + interval '1 month' - interval '1 day')::date AS last_day,
      (t.e - interval '11 months')::date AS ttm_s,
      t.s::timestamp AT TIME ZONE 'UTC' AS s_at,
      (t.e + interval '1 month')::timestamp AT TIME ZONE 'UTC' AS next_at
    FROM unnest(${starts}, ${ends}, ${ks}) WITH ORDINALITY AS t(s, e, k, ord)),
  periods AS (SELECT * FROM all_periods WHERE e IS NOT NULL)`;
}

/**
 * Binds the periods of a query as cut by the watermark (see coverageOf): their first months, the last months they are computed
 * through and their month counts. With `dataCompleteThrough` undefined the periods are taken whole (facts not cut).
 */
export function bindPeriods(params: ParamAllocator, periods: Period[], dataCompleteThrough?: string | null) {
  const covered = periods.map((p) =>
    dataCompleteThrough === undefined
      ? { lastMonth: addMonths(p.start, p.months - 1), months: p.months }
      : coverageOf(p, dataCompleteThrough),
  );
  return {
    cte: periodsCte(
      params.bind(periods.map((p) => p.start), 'date[]'),
      params.bind(covered.map((c) => c.lastMonth), 'date[]'),
      params.bind(covered.map((c) => c.months), 'int[]'),
    ),
    covered,
  };
}

/**
 * The dimension keys of rows `f` (columns p, customer_id, campaign_id): the joins and the filter for the dimensions grouped
 * or filtered on, and the phase-as-of-period-end CTE when PHASE is one of them. `customers` (SQL of a `uuid[]`): the rows are
 * only those customers' (a restricted query), so only their keys are read.
 */
export function dimensionKeys(groupBy: GroupKey[], filter: SegmentFilterValues, params: ParamAllocator, ws: string, customers?: string) {
  const filterDims = (Object.values(Dimension) as Dimension[]).filter((d) => filter[d] !== undefined && filter[d] !== null);
  const used = new Set<GroupKey>([...groupBy, ...filterDims]);
  const joins = new Set<Join>([...used].flatMap((d) => DIMENSIONS[d].joins));
  const ctes: string[] = [];
  if (joins.has('dims')) {
    // The customer's current keys; not materialized, so that the planner joins the indexed tables themselves. Of some customers
    // only: read once (each source joins them).
    ctes.push(`dims AS ${customers ? 'MATERIALIZED' : 'NOT MATERIALIZED'} (
      SELECT cu.id AS customer_id, t.key::text AS tier, sg.key::text AS segment, cu.region::text AS region,
        cu.channel::text AS channel, pa.external_id::text AS partner, cu.acquisition_campaign_id,
        cu.tier_id, cu.segment_id, cu.partner_id
      FROM customer cu JOIN tier t ON t.workspace_id = cu.workspace_id AND t.id = cu.tier_id
      JOIN segment sg ON sg.workspace_id = cu.workspace_id AND sg.id = cu.segment_id
      LEFT JOIN partner pa ON pa.workspace_id = cu.workspace_id AND pa.id = cu.partner_id
      WHERE cu.workspace_id = ${ws}${customers ? ` AND cu.id = ANY(${customers})` : ''})`);
  }
  if (joins.has('phase')) {
    // PHASE as of the period end: the phase of the latest PHASE_ENTERED event on or before its last day.
    ctes.push(`phase_at AS (
      SELECT DISTINCT ON (pr.p, ev.customer_id) pr.p, ev.customer_id, ph.key AS phase
      FROM periods pr
      JOIN event ev ON ev.workspace_id = ${ws} AND ev.type = 'PHASE_ENTERED' AND ev.occurred_at < pr.next_at
      JOIN phase ph ON ph.workspace_id = ev.workspace_id AND ph.id = ev.phase_id
      ORDER BY pr.p, ev.customer_id, ev.occurred_at DESC, ph.position DESC, ev.id)`);
  }
  const conditions = filterDims.map((d) => `${DIMENSIONS[d].sql} = ANY(${params.bind(filter[d], 'text[]')})`);
  return {
    ctes,
    joins: (['dims', 'campaign', 'phase'] as Join[]).filter((j) => joins.has(j)).map((j) => joinsOf(ws)[j]).join('\n    '),
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
  };
}

const quote = (name: string) => `"${name}"`;
const measureOf = (name: MeasureName): Measure => MEASURES[name];
const isMedian = (name: MeasureName) => measureOf(name).aggregate === 'median';
const readsTrailingYear = (name: MeasureName) => measureOf(name).window === 'trailing-twelve-months';
const declarationOf = (source: SourceName): RowSource => ROW_SOURCES[source];

/**
 * The row counts a KPI aggregate row keeps besides its measures, so that a group read from the aggregates exists exactly when
 * it would from the facts (a group appears when one of the sources the query reads has a row for it): per source, the number of
 * per-customer rows; for a source its measures narrow (events by type), also per value.
 */
export function rowCountColumns(): { source: SourceName; value: string | null; column: string }[] {
  const columns: { source: SourceName; value: string | null; column: string }[] = [];
  for (const source of Object.keys(ROW_SOURCES).sort() as SourceName[]) {
    const own = (Object.keys(MEASURES) as MeasureName[]).filter((m) => measureOf(m).source === source);
    if (!own.some((m) => !isMedian(m))) continue;
    columns.push({ source, value: null, column: `rows_${source.toLowerCase()}` });
    const narrowBy = declarationOf(source).narrowBy;
    if (!narrowBy) continue;
    const values = [...new Set(own.flatMap((m) => valuesOf(measureOf(m), narrowBy.column) ?? []))].sort();
    for (const value of values) columns.push({ source, value, column: `rows_${source.toLowerCase()}_${value.toLowerCase()}` });
  }
  return columns;
}

/** The measures a KPI aggregate row keeps: every additive one (a median is read from the facts). */
export const AGGREGATE_MEASURES: MeasureName[] = (Object.keys(MEASURES) as MeasureName[]).filter((m) => !isMedian(m)).sort();

/** Whether a query's groups and filters can be read from the KPI aggregates (their rows are keyed by the customer dimensions). */
export function aggregatesServe(groupBy: GroupKey[], filter: SegmentFilterValues): boolean {
  const served = new Set<GroupKey>([Dimension.TIER, Dimension.SEGMENT, Dimension.REGION, Dimension.CHANNEL, Dimension.PARTNER, Dimension.CAMPAIGN]);
  const filtered = (Object.keys(filter) as Dimension[]).filter((d) => filter[d] !== undefined && filter[d] !== null);
  return [...groupBy, ...filtered].every((d) => served.has(d));
}

/**
 * Compiles one KPI query; `params` lets a caller embed it in a larger statement that binds more values.
 * `contributions`: the statement of the KPI aggregates (aggregates/): per period (as `s`, `e`) and combination of the customer
 * dimensions (the AGGREGATE_GROUP_KEYS as grouped), the outputs (measures) unrounded and the row counts (rowCountColumns).
 */
export function compileKpiQuery(
  query: KpiQuery,
  options: { denseGrid?: boolean; contributions?: boolean } = {},
  params = new ParamAllocator(),
): CompiledQuery {
  if (query.periods.length === 0) throw new Error('a KPI query needs at least one period');
  const contributions = options.contributions === true;
  const ws = params.bind(query.workspaceId, 'uuid');
  // Bound on first use (PostgreSQL refuses a parameter the statement never mentions): only a TRANSACTIONAL fragment reads W.
  let model: MonthlyValueModel | undefined;
  const modelOf = () => (model ??= bindModel(params, query.model));
  const periods = bindPeriods(params, query.periods, query.dataCompleteThrough);
  // The customers read, when restricted (bound on first use).
  let customers: string | undefined;
  const restrict = query.restrict;
  const customersSql = () => (restrict ? (customers ??= params.bind(restrict.customers, 'uuid[]')) : undefined);

  const measures = new Set<MeasureName>();
  for (const output of query.outputs) for (const m of measuresOf(output)) measures.add(m);
  const measureList = [...measures].sort();
  const allSources = [...new Set(measureList.map((m) => measureOf(m).source))].sort();
  const measuresFrom = (source: SourceName) => measureList.filter((m) => measureOf(m).source === source);
  // Read from the aggregates: every source whose measures of the query are all additive (all but the median's).
  const servable = query.fromAggregates === true && !contributions && aggregatesServe(query.groupBy, query.filter);
  const additiveOnly = (source: SourceName) => measuresFrom(source).every((m) => !isMedian(m));
  // The periods with data computed through a month after the aggregates' horizon: read from the facts (see aggregateHorizon).
  const withDataIndexes = periods.covered.flatMap((c, i) => (c.lastMonth === null ? [] : [i]));
  const horizon = query.aggregateHorizon;
  const lateIndexes = horizon === undefined ? [] : withDataIndexes.filter((i) => horizon === null || periods.covered[i].lastMonth! > horizon);
  // Mixed: some periods from the aggregates, the others from the facts. The facts' sources then read the late periods only, so
  // that the helpers built over them (base and end months, the months of each period) serve them all: a source that is not
  // rolled up (a median's) reads every period, which it can only when it uses none of those helpers; else the facts serve all.
  const mixable = allSources.every((source) => additiveOnly(source) || declarationOf(source).uses.every((h) => h === 'first_month'));
  const fromAggregates = servable && lateIndexes.length < withDataIndexes.length && (lateIndexes.length === 0 || mixable);
  const mixed = fromAggregates && lateIndexes.length > 0;
  const rolledUp = (source: SourceName) => fromAggregates && additiveOnly(source);
  // The sources read from the facts (in a mixed statement also the rolled-up ones, over the late periods) and from the aggregates.
  const sources = allSources.filter((source) => mixed || !rolledUp(source));
  const rollupSources = allSources.filter(rolledUp);
  /** The periods relation a source reads from the facts. */
  const periodsOf = (source: SourceName) => (mixed && rolledUp(source) ? 'late_periods' : 'periods');
  // A source reads the trailing twelve months when one of its measures of the query does.
  const trailing = new Set(measureList.filter(readsTrailingYear).map((m) => measureOf(m).source));
  const uses = (helper: RowSource['uses'][number]) => sources.some((source) => declarationOf(source).uses.includes(helper));
  // The relation the helpers over the periods (base_and_end, period_months, ttm_months) are built from: only sources reading
  // `periodsOf` them use them (see mixable).
  const helperPeriods = mixed ? 'late_periods' : 'periods';

  // The months any family reads: from the earliest base month b or first of the trailing twelve months (which end with e) of
  // the periods with data, to the end of their latest e — the watermark month at the latest: facts after it are left out of
  // every family. Bound on first use: PostgreSQL refuses a parameter that the statement never mentions.
  let fromMonth: string | undefined;
  let toMonth: string | undefined;
  let dataEndAt: string | undefined;
  // (Months are YYYY-MM-DD first days: their text order is their order.)
  // (In a mixed statement the facts are read for the late periods, and for every period by a source that is not rolled up.)
  const readFromFacts = (i: number) => !mixed || lateIndexes.includes(i) || sources.some((source) => periodsOf(source) === 'periods');
  const withData = query.periods
    .map((p, i) => ({ start: p.start, last: periods.covered[i].lastMonth, i }))
    .filter((p) => p.last !== null && readFromFacts(p.i));
  const earliest = withData.flatMap((p) => [addMonths(p.start, -1), addMonths(p.last!, -11)]).sort()[0];
  const latest = withData.map((p) => p.last!).sort().at(-1);
  const end = latest ? addMonths(latest, 1) : undefined;
  const bounds = {
    get from() {
      if (!earliest) return 'NULL::date';
      return (fromMonth ??= params.bind(earliest, 'date'));
    },
    get to() {
      if (!end) return 'NULL::date';
      return (toMonth ??= params.bind(end, 'date'));
    },
    /** The end of the watermark month, as a time: facts read whatever the period (a first FIRST_VALUE event) stop there. */
    get dataEndAt() {
      if (query.dataCompleteThrough === null) return 'NULL::timestamptz';
      return (dataEndAt ??= `(${params.bind(addMonths(query.dataCompleteThrough, 1), 'date')}::timestamp AT TIME ZONE 'UTC')`);
    },
  };
  const ctes: string[] = [periods.cte];
  if (mixed) {
    const late = params.bind(lateIndexes, 'int[]');
    ctes.push(`late_periods AS (SELECT * FROM periods WHERE p = ANY(${late}))`, `early_periods AS (SELECT * FROM periods WHERE NOT (p = ANY(${late})))`);
  }
  // firstMonth(c) over the months up to the last one read: later months cannot change any answer (every use compares firstMonth
  // with s or e), so the bound cuts the facts after the watermark.
  // TRANSACTIONAL: the run rate's change points up to the last month read, computed once for every use in the statement (the
  // first months and each source's monthly values); the CTE goes right after the periods once something has asked for it.
  let pointsUsed = false;
  const points = () => {
    if (modelOf()?.businessModel !== BusinessModel.TRANSACTIONAL) return undefined;
    pointsUsed = true;
    return 'run_rate_points';
  };
  if (uses('first_month')) ctes.push(`first_month AS (${firstMonthSql(ws, bounds.to, modelOf(), points(), customersSql())})`);
  if (uses('base_and_end')) {
    ctes.push(`base_and_end AS (SELECT p, s, e, e AS month, true AS at_end FROM ${helperPeriods} UNION ALL SELECT p, s, e, b, false FROM ${helperPeriods})`);
  }
  const windowed = sources.filter((source) => declarationOf(source).uses.includes('months'));
  if (windowed.some((source) => !trailing.has(source))) {
    // generate_series over the bound k (not over the periods' columns), so that the planner knows its size: with the default
    // guess of 1,000 rows per period it overestimated the joins a thousandfold, and JIT-compiled the statement for seconds.
    // A period to date keeps its months up to the watermark (i < pr.k).
    // The longest period's months: a constant the planner can size generate_series by (bound only here, where it is used).
    const k = params.bind(Math.max(...query.periods.map((p) => p.months)), 'int');
    ctes.push(`period_months AS (
      SELECT pr.p, pr.s, pr.e, (pr.s + make_interval(months => i))::date AS month, true AS in_p
      FROM ${helperPeriods} pr CROSS JOIN generate_series(0, ${k} - 1) AS i WHERE i < pr.k)`);
  }
  if (windowed.some((source) => trailing.has(source))) {
    // The 12 months ending with e (the watermark month for a period to date): the window keeps its length.
    ctes.push(`ttm_months AS (
      SELECT pr.p, pr.s, pr.e, (pr.ttm_s + make_interval(months => i))::date AS month, i >= 12 - pr.k AS in_p
      FROM ${helperPeriods} pr CROSS JOIN generate_series(0, 11) AS i)`);
  }
  const contextOf = (source: SourceName): SourceContext => {
    const narrowBy = declarationOf(source).narrowBy;
    return {
      ws,
      get from() {
        return bounds.from;
      },
      get to() {
        return bounds.to;
      },
      inRange: (column) => `${column} >= ${bounds.from} AND ${column} < ${bounds.to}`,
      months: trailing.has(source) ? 'ttm_months' : 'period_months',
      periods: periodsOf(source),
      narrowed: narrowBy ? narrowedSql(narrowBy.sql, measuresFrom(source).map((m) => valuesOf(measureOf(m), narrowBy.column))) : 'true',
      get dataEndAt() {
        return bounds.dataEndAt;
      },
      // Every source's months lie before bounds.to, the end of the points: the shared points serve them all.
      monthlyValue: (scope) => {
        const sql = monthlyValueSql({ ...scope, customers: customersSql(), model: modelOf(), points: points() });
        // Restricted to some customers: planned on its own (OFFSET 0), so that it reads those customers' rows by the customer
        // index. Joined to the base and end months instead, the planner read every customer's rows of each month and filtered
        // them (at 100,000 customers, 0.7 s of a batch's 1.5 s for this source, growing with the workspace's customers).
        return restrict ? `SELECT * FROM (${sql}) mv_only OFFSET 0` : sql;
      },
      get customers() {
        return customersSql();
      },
      only: (column, only = {}) => {
        if (!restrict) return 'true';
        const named = `${column} = ANY(${customersSql()})`;
        return only.customerless && restrict.customerless ? `(${named} OR ${column} IS NULL)` : named;
      },
    };
  };
  // Restricted (the KPI aggregates' contributions): the keys of those customers only. Measured at 1,000,000 customers, the
  // planner otherwise hashed every customer's keys for a source's 10,000 customers (1.3 s of a 7.4 s statement).
  const keys = dimensionKeys(query.groupBy, query.filter, params, ws, customersSql());
  ctes.push(...keys.ctes);

  const groupCols = query.groupBy.map((d) => DIMENSIONS[d]);
  const groupKeys = groupCols.map((g) => `, ${g.sql}`).join('');
  const withTotal = query.withTotal === true && groupCols.length > 0;
  // g_total marks the ungrouped total row of GROUPING SETS (all dimension columns null there).
  const totalFlag = withTotal ? `GROUPING(${groupCols.map((g) => g.sql).join(', ')}) <> 0` : 'false';
  const groupingOf = (p: string) => (withTotal ? `GROUPING SETS ((${p}${groupKeys}), (${p}))` : `${p}${groupKeys}`);
  // The contributions also count each source's per-customer rows (and per value of a narrowed column): see rowCountColumns.
  const counts = contributions ? rowCountColumns() : [];
  const countsOf = (source: SourceName) => counts.filter((c) => c.source === source);
  for (const source of sources) {
    const own = measuresFrom(source);
    const narrowBy = declarationOf(source).narrowBy;
    const perCustomer = [
      ...own.map((m) => `(${perCustomerSql(measureOf(m))})::numeric AS ${quote(m)}`),
      ...countsOf(source).filter((c) => c.value !== null).map((c) => `max(CASE WHEN x.${narrowBy!.column} = ${literalOf(c.value!)} THEN 1 ELSE 0 END) AS ${quote(c.column)}`),
    ].join(',\n        ');
    const rollups = [
      ...own.map((m) => `${rollupSql(measureOf(m), `f.${quote(m)}`)} AS ${quote(m)}`),
      ...countsOf(source).map((c) => (c.value === null ? `count(*) AS ${quote(c.column)}` : `sum(f.${quote(c.column)}) AS ${quote(c.column)}`)),
    ];
    // Per customer first (the measures' own aggregates), then per group: a group only ever adds up its own customers.
    ctes.push(`src_${source.toLowerCase()} AS (
      SELECT f.p, ${totalFlag} AS g_total${groupCols.map((g) => `, ${g.sql} AS ${g.column}`).join('')},
        ${rollups.join(',\n        ')}
      FROM (SELECT x.p, x.customer_id, x.campaign_id,
        ${perCustomer}
        FROM (${declarationOf(source).sql(contextOf(source))}) x
        GROUP BY x.p, x.customer_id, x.campaign_id) f
      ${keys.joins}
      ${keys.where}
      GROUP BY ${groupingOf('f.p')})`);
  }
  const rollupMeasures = measureList.filter((m) => rollupSources.includes(measureOf(m).source));
  if (rollupSources.length) {
    // The additive measures from the aggregates: per period, the rows of its (s, e) that hold a row of a source the query reads
    // (so that a group exists exactly when it would from the facts), their customer dimensions keyed as from the facts.
    const existence = rowCountColumns()
      .filter((c) => {
        if (!rollupSources.includes(c.source)) return false;
        const narrowBy = declarationOf(c.source).narrowBy;
        if (!narrowBy) return c.value === null;
        const values = measuresFrom(c.source).map((m) => valuesOf(measureOf(m), narrowBy.column));
        // Every value read (some measure names none): the source's count; else the counts of the values named.
        if (values.some((v) => v === undefined)) return c.value === null;
        return c.value !== null && values.some((v) => v!.includes(c.value!));
      })
      .map((c) => `a.${quote(c.column)}`);
    const campaignJoin = [...query.groupBy, ...(Object.keys(query.filter) as Dimension[])].includes(Dimension.CAMPAIGN)
      ? `LEFT JOIN campaign ca ON ca.workspace_id = ${ws} AND ca.id = d.campaign_id`
      : '';
    ctes.push(`src_rollup AS (
      SELECT d.p, ${totalFlag} AS g_total${groupCols.map((g) => `, ${g.sql} AS ${g.column}`).join('')},
        ${rollupMeasures.map((m) => `sum(d.${quote(m)}) AS ${quote(m)}`).join(',\n        ')}
      FROM (SELECT pr.p, a.*, t.key::text AS tier, sg.key::text AS segment, pa.external_id::text AS partner
            FROM ${mixed ? 'early_periods' : 'periods'} pr
            JOIN kpi_aggregate a ON a.workspace_id = ${ws} AND a.period_start = pr.s AND a.period_end = pr.e
            LEFT JOIN tier t ON t.workspace_id = a.workspace_id AND t.id = a.tier_id
            LEFT JOIN segment sg ON sg.workspace_id = a.workspace_id AND sg.id = a.segment_id
            LEFT JOIN partner pa ON pa.workspace_id = a.workspace_id AND pa.id = a.partner_id
            WHERE ${existence.join(' + ')} > 0) d
      ${campaignJoin}
      ${keys.where}
      GROUP BY ${groupingOf('d.p')})`);
  }
  const extra = counts.map((c) => c.column);
  const columnsOf = (source: SourceName) =>
    [
      ...measureList.map((m) => (measureOf(m).source === source ? quote(m) : `NULL::numeric AS ${quote(m)}`)),
      ...counts.map((c) => (c.source === source ? quote(c.column) : `NULL::bigint AS ${quote(c.column)}`)),
    ].join(', ');
  const rollupColumns = measureList.map((m) => (rollupMeasures.includes(m) ? quote(m) : `NULL::numeric AS ${quote(m)}`)).join(', ');
  const groupList = ', g_total' + groupCols.map((g) => `, ${g.column}`).join('');
  const parts = sources.map((source) => `SELECT p${groupList}, ${columnsOf(source)} FROM src_${source.toLowerCase()}`);
  if (rollupSources.length) parts.push(`SELECT p${groupList}, ${rollupColumns} FROM src_rollup`);
  // Each measure comes from exactly one source, so summing (or taking the max of) the union picks its one value per group.
  ctes.push(`agg AS (
    SELECT p${groupList}, ${[
      ...measureList.map((m) => `${isMedian(m) ? 'max' : 'sum'}(${quote(m)}) AS ${quote(m)}`),
      ...extra.map((c) => `coalesce(sum(${quote(c)}), 0) AS ${quote(c)}`),
    ].join(', ')}
    FROM (${parts.join('\n      UNION ALL ')}) u
    GROUP BY p${groupList})`);

  if (pointsUsed) {
    const model = modelOf()!;
    ctes.splice(1, 0, `run_rate_points AS MATERIALIZED (${runRatePointsSql({ workspace: ws, to: bounds.to, model, customers: customersSql() })})`);
  }
  if (contributions) {
    // Unrounded measures and row counts per period and combination: the aggregates add them up exactly.
    const sql = `WITH ${ctes.join(',\n  ')}
SELECT g.s, g.e${groupCols.map((g) => `, a.${g.column}`).join('')}, ${[...measureList, ...extra].map((m) => `a.${quote(m)}`).join(', ')}
FROM agg a JOIN periods g ON g.p = a.p`;
    return { sql, params: params.values };
  }

  const refs: KpiRefs = {
    m: (name) => (isMedian(name) ? `a.${quote(name)}` : `coalesce(a.${quote(name)}, 0)`),
    kpi: (key) => KPIS[key as KpiKey].sql(refs),
    months: 'g.k',
    days: '(g.last_day - g.s + 1)',
  };
  // A period without data (after the watermark) has every output null: counts and components too.
  const selected = query.outputs.map((name) => {
    const def = outputDefinition(name);
    return `CASE WHEN g.e IS NOT NULL THEN round((${def.sql(refs)})::numeric, ${UNIT_SCALE[def.unit]}) END AS ${quote(name)}`;
  });
  const dense = options.denseGrid ?? true;
  const groupSource = dense ? 'g' : 'a';
  const groupSelect = `, ${groupSource}.g_total` + groupCols.map((g) => `, ${groupSource}.${g.column}`).join('');
  let from: string;
  if (!dense) {
    from = `agg a JOIN periods g ON g.p = a.p`;
  } else if (groupCols.length === 0) {
    from = `(SELECT all_periods.*, false AS g_total FROM all_periods) g LEFT JOIN agg a ON a.p = g.p`;
  } else {
    // Every group gets every period: a group without facts in a period has counts of 0 and null ratios, not a gap.
    ctes.push(`groups AS (SELECT DISTINCT g_total, ${groupCols.map((g) => g.column).join(', ')} FROM agg)`);
    ctes.push(`grid AS (SELECT pr.*, gr.g_total, ${groupCols.map((g) => `gr.${g.column}`).join(', ')} FROM all_periods pr CROSS JOIN groups gr)`);
    from = `grid g LEFT JOIN agg a ON a.p = g.p AND a.g_total = g.g_total${groupCols.map((g) => ` AND a.${g.column} IS NOT DISTINCT FROM g.${g.column}`).join('')}`;
  }
  const sql = `WITH ${ctes.join(',\n  ')}
SELECT g.p${groupSelect}${selected.length ? ',\n  ' + selected.join(',\n  ') : ''}
FROM ${from}
ORDER BY ${[`${groupSource}.g_total`, ...groupCols.map((g) => `${groupSource}.${g.column} NULLS LAST`), 'g.p'].join(', ')}`;
  return { sql, params: params.values };
}

/** A narrowed column's value as an SQL literal (values come from the catalogue, never from a request). */
function literalOf(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) throw new Error(`unexpected catalogue value ${value}`);
  return `'${value}'`;
}
