import { KPIS, MEASURES, MeasureFamily, UNIT_SCALE, type KpiRefs, type MeasureName } from './kpi.definitions';
import { Dimension, KpiKey, KpiUnit } from './kpi.enums';
import type { Period } from './period.calculator';

/**
 * The KPI SQL compiler (after Cube's): a request of outputs × periods × groups becomes ONE statement, a CTE pipeline
 * periods → per-family rows per (period, customer, campaign) → dimension keys → GROUP BY period + dimensions → KPI expressions.
 * Every value is a bound parameter; every identifier comes from the allow-lists below (dimensions) or from the definitions.
 */

/** What a group can be keyed by: the public dimensions, and the customer itself (indicator impact). */
export type GroupKey = Dimension | 'CUSTOMER';

/** Per dimension: the SQL of its key (over the joined customer `cu`, tier `t`, partner `pa`, campaign `ca`, phase `ph`) and its column. */
const DIMENSIONS: Record<GroupKey, { sql: string; column: string; joins: Join[] }> = {
  [Dimension.TIER]: { sql: 't.key', column: 'g_tier', joins: ['customer', 'tier'] },
  [Dimension.SEGMENT]: { sql: 'cu.segment::text', column: 'g_segment', joins: ['customer'] },
  [Dimension.REGION]: { sql: 'cu.region::text', column: 'g_region', joins: ['customer'] },
  [Dimension.CHANNEL]: { sql: 'cu.channel::text', column: 'g_channel', joins: ['customer'] },
  [Dimension.PARTNER]: { sql: 'pa.external_id::text', column: 'g_partner', joins: ['customer', 'partner'] },
  [Dimension.CAMPAIGN]: { sql: 'ca.external_id::text', column: 'g_campaign', joins: ['customer', 'campaign'] },
  [Dimension.PHASE]: { sql: 'ph.phase::text', column: 'g_phase', joins: ['phase'] },
  CUSTOMER: { sql: 'f.customer_id::text', column: 'g_customer', joins: [] },
};

type Join = 'customer' | 'tier' | 'partner' | 'campaign' | 'phase';

const JOINS: Record<Join, string> = {
  customer: 'LEFT JOIN customer cu ON cu.id = f.customer_id',
  tier: 'LEFT JOIN tier t ON t.id = cu.tier_id',
  partner: 'LEFT JOIN partner pa ON pa.id = cu.partner_id',
  // A cost row's own campaign where it names one (already resolved in fam_costs), else the customer's acquisition campaign.
  campaign: 'LEFT JOIN campaign ca ON ca.id = coalesce(f.campaign_id, cu.acquisition_campaign_id)',
  phase: 'LEFT JOIN phase_at ph ON ph.p = f.p AND ph.customer_id = f.customer_id',
};

export const groupColumn = (key: GroupKey) => DIMENSIONS[key].column;

/** A value the engine can output: a KPI, a raw measure, or a customer-equity component. */
export interface OutputDefinition {
  unit: KpiUnit;
  sql(r: KpiRefs): string;
}

/** The components of customer equity (KPIS.md "Customer equity"), each additive. */
export const EQUITY_COMPONENTS = {
  // Σ_{c : firstMonth(c) ∈ P} Rev(c, P)
  newRevenue: { unit: KpiUnit.CURRENCY, sql: (r: KpiRefs) => r.m('new_revenue') },
  // Cost_ACQUISITION(P)
  acquisitionCost: { unit: KpiUnit.CURRENCY, sql: (r: KpiRefs) => r.m('acquisition_cost') },
  // Σ_{c : firstMonth(c) < s} Rev(c, P)
  existingRevenue: { unit: KpiUnit.CURRENCY, sql: (r: KpiRefs) => r.m('existing_revenue') },
  // Cost_SERVICING(P) + Cost_RETENTION(P)
  servicingCost: { unit: KpiUnit.CURRENCY, sql: (r: KpiRefs) => `(${r.m('servicing_cost')} + ${r.m('retention_cost')})` },
  // CHURNED_MRR × k
  churnLoss: { unit: KpiUnit.CURRENCY, sql: (r: KpiRefs) => `(${r.m('churned_mrr')} * ${r.months})` },
} satisfies Record<string, OutputDefinition>;

export type EquityComponent = keyof typeof EQUITY_COMPONENTS;
export type OutputName = KpiKey | MeasureName | EquityComponent;

export function outputDefinition(name: OutputName): OutputDefinition {
  if (name in KPIS) return KPIS[name as KpiKey];
  if (name in EQUITY_COMPONENTS) return EQUITY_COMPONENTS[name as EquityComponent];
  const measure = MEASURES[name as MeasureName];
  if (!measure) throw new Error(`unknown KPI output ${name}`);
  return { unit: measure.unit, sql: (r) => r.m(name as MeasureName) };
}

/** The measures an output needs, through the KPIs it is defined from. */
export function measuresOf(name: OutputName): Set<MeasureName> {
  const found = new Set<MeasureName>();
  const refs: KpiRefs = {
    m: (measure) => (found.add(measure), '0'),
    kpi: (key) => KPIS[key].sql(refs),
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
  outputs: OutputName[];
  groupBy: GroupKey[];
  filter: SegmentFilterValues;
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

/** The periods CTE: one row per period p (0-based) with its months s, e, b, its days and UTC bounds. */
export function periodsCte(starts: string, k: string): string {
  return `periods AS (
    SELECT (t.ord - 1)::int AS p, t.s::date AS s,
      (t.s + make_interval(months => ${k} - 1))::date AS e,
      (t.s - interval '1 month')::date AS b,
      (t.s + make_interval(months => ${k}))::date AS next_s,
      (t.s + make_interval(months => ${k}) - interval '1 day')::date AS last_day,
      (t.s + make_interval(months => ${k} - 12))::date AS ttm_s,
      t.s::timestamp AT TIME ZONE 'UTC' AS s_at,
      (t.s + make_interval(months => ${k}))::timestamp AT TIME ZONE 'UTC' AS next_at,
      ${k} AS k
    FROM unnest(${starts}) WITH ORDINALITY AS t(s, ord))`;
}

/**
 * The dimension keys of rows `f` (columns p, customer_id, campaign_id): the joins and the filter for the dimensions grouped
 * or filtered on, and the phase-as-of-period-end CTE when PHASE is one of them.
 */
export function dimensionKeys(groupBy: GroupKey[], filter: SegmentFilterValues, params: ParamAllocator, ws: string) {
  const filterDims = (Object.values(Dimension) as Dimension[]).filter((d) => filter[d] !== undefined && filter[d] !== null);
  const used = new Set<GroupKey>([...groupBy, ...filterDims]);
  const joins = new Set<Join>([...used].flatMap((d) => DIMENSIONS[d].joins));
  const ctes: string[] = [];
  if (joins.has('phase')) {
    // PHASE as of the period end: the phase of the latest PHASE_ENTERED event on or before its last day.
    ctes.push(`phase_at AS (
      SELECT DISTINCT ON (pr.p, ev.customer_id) pr.p, ev.customer_id, ph.key AS phase
      FROM periods pr
      JOIN event ev ON ev.workspace_id = ${ws} AND ev.type = 'PHASE_ENTERED' AND ev.occurred_at < pr.next_at
      JOIN phase ph ON ph.id = ev.phase_id
      ORDER BY pr.p, ev.customer_id, ev.occurred_at DESC, ph.position DESC, ev.id)`);
  }
  const conditions = filterDims.map((d) => `${DIMENSIONS[d].sql} = ANY(${params.bind(filter[d], 'text[]')})`);
  return {
    ctes,
    joins: (['customer', 'tier', 'partner', 'campaign', 'phase'] as Join[]).filter((j) => joins.has(j)).map((j) => JOINS[j]).join('\n    '),
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
  };
}

/** The per-family row sources. Each yields the columns its measures (kpi.definitions.ts) are written over. */
function familySource(family: MeasureFamily, ws: string, trailing: boolean): string {
  const window = trailing ? 'pr.ttm_s' : 'pr.s';
  switch (family) {
    case MeasureFamily.MRR:
      return `SELECT k.p, k.customer_id, NULL::uuid AS campaign_id, pr.s, pr.e,
          coalesce(me.amount, 0) AS mrr_e, coalesce(mb.amount, 0) AS mrr_b, f.first_month
        FROM (SELECT pr.p, m.customer_id FROM periods pr JOIN mrr m ON m.month = pr.e
              UNION SELECT pr.p, m.customer_id FROM periods pr JOIN mrr m ON m.month = pr.b
              UNION SELECT pr.p, f.customer_id FROM periods pr JOIN first_month f ON f.first_month BETWEEN pr.s AND pr.e) k
        JOIN periods pr ON pr.p = k.p
        LEFT JOIN mrr me ON me.customer_id = k.customer_id AND me.month = pr.e
        LEFT JOIN mrr mb ON mb.customer_id = k.customer_id AND mb.month = pr.b
        LEFT JOIN first_month f ON f.customer_id = k.customer_id`;
    case MeasureFamily.REVENUE:
      return `SELECT pr.p, r.customer_id, NULL::uuid AS campaign_id, r.type::text AS type, r.amount,
          (r.month >= pr.s) AS in_p, f.first_month, pr.s, pr.e
        FROM periods pr
        JOIN revenue r ON r.workspace_id = ${ws} AND r.month >= ${window} AND r.month < pr.next_s
        LEFT JOIN first_month f ON f.customer_id = r.customer_id`;
    case MeasureFamily.COSTS:
      return `SELECT pr.p, c.customer_id, coalesce(c.campaign_id, cu.acquisition_campaign_id) AS campaign_id,
          c.category::text AS category, c.amount, (c.month >= pr.s) AS in_p
        FROM periods pr
        JOIN cost c ON c.workspace_id = ${ws} AND c.month >= ${window} AND c.month < pr.next_s
        LEFT JOIN customer cu ON cu.id = c.customer_id`;
    case MeasureFamily.INVOICES:
      return `SELECT pr.p, i.customer_id, NULL::uuid AS campaign_id, i.amount, i.issued_on, i.paid_on, pr.s, pr.last_day
        FROM periods pr
        JOIN invoice i ON i.workspace_id = ${ws} AND i.issued_on <= pr.last_day
          AND (i.paid_on IS NULL OR i.paid_on > pr.last_day OR i.issued_on >= pr.s)`;
    case MeasureFamily.SURVEYS:
      return `SELECT pr.p, sv.customer_id, NULL::uuid AS campaign_id, sv.kind::text AS kind, sv.score
        FROM periods pr
        JOIN survey sv ON sv.workspace_id = ${ws} AND sv.responded_at >= pr.s_at AND sv.responded_at < pr.next_at`;
    case MeasureFamily.EVENTS:
      return `SELECT pr.p, ev.customer_id, NULL::uuid AS campaign_id, ev.type::text AS type, coalesce(me.amount > 0, false) AS active_e
        FROM periods pr
        JOIN event ev ON ev.workspace_id = ${ws}
          AND ev.type IN ('SUPPORT_TICKET', 'REFERENCE_CALL', 'CONTENT_DOWNLOAD', 'CONTENT_SHARE')
          AND ev.occurred_at >= pr.s_at AND ev.occurred_at < pr.next_at
        LEFT JOIN mrr me ON me.customer_id = ev.customer_id AND me.month = pr.e`;
    case MeasureFamily.TIME_TO_VALUE:
      return `SELECT pr.p, f.customer_id, NULL::uuid AS campaign_id, (fv.first_on - coalesce(cu.acquired_on, f.first_month)) AS ttv_days
        FROM periods pr
        JOIN first_month f ON f.first_month BETWEEN pr.s AND pr.e
        JOIN (SELECT customer_id, (min(occurred_at) AT TIME ZONE 'UTC')::date AS first_on
              FROM event WHERE workspace_id = ${ws} AND type = 'FIRST_VALUE' GROUP BY customer_id) fv ON fv.customer_id = f.customer_id
        JOIN customer cu ON cu.id = f.customer_id`;
  }
}

/** Families that read the customer's monthly MRR (and so need the `mrr`/`first_month` CTEs). */
const NEEDS_MRR = new Set([MeasureFamily.MRR, MeasureFamily.REVENUE, MeasureFamily.EVENTS, MeasureFamily.TIME_TO_VALUE]);

const quote = (name: string) => `"${name}"`;

/** Compiles one KPI query; `params` lets a caller embed it in a larger statement that binds more values. */
export function compileKpiQuery(
  query: KpiQuery,
  options: { denseGrid?: boolean } = {},
  params = new ParamAllocator(),
): CompiledQuery {
  if (query.periods.length === 0) throw new Error('a KPI query needs at least one period');
  const months = query.periods[0].months;
  const ws = params.bind(query.workspaceId, 'uuid');
  const starts = params.bind(
    query.periods.map((p) => p.start),
    'date[]',
  );
  const k = params.bind(months, 'int');

  const measures = new Set<MeasureName>();
  for (const output of query.outputs) for (const m of measuresOf(output)) measures.add(m);
  const measureList = [...measures].sort();
  const families = [...new Set(measureList.map((m) => MEASURES[m].family))].sort();

  const ctes: string[] = [];
  ctes.push(periodsCte(starts, k));
  if (families.some((f) => NEEDS_MRR.has(f))) {
    // MRR(c, m): the customer's RECURRING revenue rows of month m; firstMonth(c): the earliest month with MRR > 0.
    ctes.push(`mrr AS (
      SELECT customer_id, month, sum(amount) AS amount FROM revenue
      WHERE workspace_id = ${ws} AND type = 'RECURRING' GROUP BY customer_id, month)`);
    ctes.push(`first_month AS (SELECT customer_id, min(month) AS first_month FROM mrr WHERE amount > 0 GROUP BY customer_id)`);
  }
  const keys = dimensionKeys(query.groupBy, query.filter, params, ws);
  ctes.push(...keys.ctes);
  for (const family of families) {
    const own = measureList.filter((m) => MEASURES[m].family === family);
    const trailing = own.some((m) => (MEASURES[m] as { trailingTwelveMonths?: boolean }).trailingTwelveMonths);
    const columns = own.map((m) => `(${MEASURES[m].perCustomer})::numeric AS ${quote(m)}`).join(',\n      ');
    ctes.push(`fam_${family.toLowerCase()} AS (
      SELECT x.p, x.customer_id, x.campaign_id,
      ${columns}
      FROM (${familySource(family, ws, trailing)}) x
      GROUP BY x.p, x.customer_id, x.campaign_id)`);
  }
  const branches = families.map((family) => {
    const columns = measureList.map((m) => (MEASURES[m].family === family ? quote(m) : `NULL::numeric AS ${quote(m)}`));
    return `SELECT p, customer_id, campaign_id, ${columns.join(', ')} FROM fam_${family.toLowerCase()}`;
  });
  ctes.push(`facts AS (\n    ${branches.join('\n    UNION ALL ')})`);

  const groupCols = query.groupBy.map((d) => DIMENSIONS[d]);
  const rollups = measureList.map((m) =>
    MEASURES[m].rollup === 'median'
      ? `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.${quote(m)}) AS ${quote(m)}`
      : `sum(f.${quote(m)}) AS ${quote(m)}`,
  );
  ctes.push(`agg AS (
    SELECT f.p${groupCols.map((g) => `, ${g.sql} AS ${g.column}`).join('')},
      ${rollups.join(',\n      ')}
    FROM facts f
    ${keys.joins}
    ${keys.where}
    GROUP BY f.p${groupCols.map((g) => `, ${g.sql}`).join('')})`);

  const refs: KpiRefs = {
    m: (name) => (MEASURES[name].rollup === 'median' ? `a.${quote(name)}` : `coalesce(a.${quote(name)}, 0)`),
    kpi: (key) => KPIS[key].sql(refs),
    months: 'g.k',
    days: '(g.last_day - g.s + 1)',
  };
  const selected = query.outputs.map((name) => {
    const def = outputDefinition(name);
    return `round((${def.sql(refs)})::numeric, ${UNIT_SCALE[def.unit]}) AS ${quote(name)}`;
  });
  const dense = options.denseGrid ?? true;
  const groupSource = dense ? 'g' : 'a';
  const groupSelect = groupCols.map((g) => `, ${groupSource}.${g.column}`).join('');
  let from: string;
  if (!dense) {
    from = `agg a JOIN periods g ON g.p = a.p`;
  } else if (groupCols.length === 0) {
    from = `periods g LEFT JOIN agg a ON a.p = g.p`;
  } else {
    // Every group gets every period: a group without facts in a period has counts of 0 and null ratios, not a gap.
    ctes.push(`groups AS (SELECT DISTINCT ${groupCols.map((g) => g.column).join(', ')} FROM agg)`);
    ctes.push(`grid AS (SELECT pr.*, ${groupCols.map((g) => `gr.${g.column}`).join(', ')} FROM periods pr CROSS JOIN groups gr)`);
    from = `grid g LEFT JOIN agg a ON a.p = g.p${groupCols.map((g) => ` AND a.${g.column} IS NOT DISTINCT FROM g.${g.column}`).join('')}`;
  }
  const sql = `WITH ${ctes.join(',\n  ')}
SELECT g.p${groupSelect}${selected.length ? ',\n  ' + selected.join(',\n  ') : ''}
FROM ${from}
ORDER BY ${[...groupCols.map((g) => `${groupSource}.${g.column} NULLS LAST`), 'g.p'].join(', ')}`;
  return { sql, params: params.values };
}

