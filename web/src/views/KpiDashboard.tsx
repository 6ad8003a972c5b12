import { startTransition, useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { KpiDashboardDocument, FilterOptionsDocument, type KpiDashboardQuery, type KpiKey, type SegmentFilter } from '../generated/graphql';
import { kpiKeys, kpiStatuses } from '../generated/schema-capabilities';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { updateParams } from '../app/router';
import { useKpiCatalog, DRILL_DOWN_SETS, type Catalog } from '../app/catalog';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { StatusBadge, Change } from '../components/Status';
import { Sparkline } from '../components/Sparkline';
import { CustomerDrillDown, type DrillDown } from '../components/CustomerDrillDown';
import { formatAttainment, formatDate, formatPeriod, formatValue, humanize } from '../format';

// The dashboard asks for KPI columns only (`kpis: [KpiKey!]`, no `metricKeys`), so every column and cell names its KPI (`kpi!` below).
type Matrix = KpiDashboardQuery['kpiMatrix'];
type Row = Matrix['rows'][number];
type Cell = Row['cells'][number];

const SUBSCRIPTION_KPIS = ['MRR', 'NEW_MRR', 'NRR', 'GRR', 'LOGO_CHURN_RATE', 'ACTIVE_CUSTOMERS', 'CUSTOMER_EQUITY', 'CSAT', 'NPS', 'TICKETS_PER_CUSTOMER'];
const TRANSACTIONAL_KPIS = ['REVENUE', 'ORDERS', 'AOV', 'REPEAT_PURCHASE_RATE', 'REFUND_RATE', 'ACTIVE_CUSTOMERS', 'NRR', 'CUSTOMER_EQUITY', 'CSAT', 'NPS'];

/** The dimension a matrix row stands for, as a filter: a drill-down lists the customers of that row. */
const ROW_FILTER: Record<string, keyof SegmentFilter> = {
  TIER: 'tier',
  SEGMENT: 'segment',
  REGION: 'region',
  CHANNEL: 'channel',
  PARTNER: 'partner',
  CAMPAIGN: 'campaign',
  PHASE: 'phase',
};

export function KpiDashboardView() {
  const settings = useSettings();
  const session = useSession();
  const catalog = useKpiCatalog();
  const [drill, setDrill] = useState<DrillDown | null>(null);
  const chosen = settingsKpis(settings.params, session.businessModel);
  const [result, retry] = useQuery({
    query: KpiDashboardDocument,
    variables: { kpis: chosen, period: settings.period, rows: settings.rows, filter: settings.filter },
    // Approving a target (a Target) changes what the matrix shows.
    context: useMemo(() => ({ additionalTypenames: ['Target'] }), []),
  });
  const [options] = useQuery({ query: FilterOptionsDocument });
  const tierNames = new Map((options.data?.tiers ?? []).map((t) => [t.key, t.name]));

  return (
    <section aria-labelledby="kpi-title" className="view">
      <p className="lede" id="kpi-title">
        Actual against approved target per {humanize(settings.rows).toLowerCase()}, with the change against the previous period and the trend of
        the {settings.periods} {settings.grain.toLowerCase()}s shown.
      </p>
      <Controls rows />
      <KpiPicker chosen={chosen} catalog={catalog} />
      {session.dataThroughSource === 'none' && !settings.params.get('through') ? (
        <NoData />
      ) : (
        <QueryState result={result} what="the KPI matrix" onRetry={() => retry({ requestPolicy: 'network-only' })}>
          {(data) => (
            <MatrixTable
              matrix={data.kpiMatrix}
              catalog={catalog}
              rowName={(row) => (row.total ? 'Total' : row.key === null ? `No ${humanize(settings.rows).toLowerCase()}` : settings.rows === 'TIER' ? (tierNames.get(row.key) ?? row.key) : humanize(row.key))}
              onDrill={(row, cell) => {
                const filter: SegmentFilter = { ...settings.filter };
                if (!row.total && row.key !== null) (filter as Record<string, string[]>)[ROW_FILTER[settings.rows]] = [row.key];
                setDrill({
                  set: DRILL_DOWN_SETS[cell.kpi!],
                  kpi: cell.kpi!,
                  count: cell.value ?? 0,
                  grain: settings.grain,
                  periodStart: data.kpiMatrix.periodStart,
                  periodEnd: data.kpiMatrix.periodEnd,
                  filter,
                  rowName: row.total ? 'all rows' : (row.key ?? '(none)'),
                });
              }}
            />
          )}
        </QueryState>
      )}
      {drill && <CustomerDrillDown drill={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}

function settingsKpis(params: URLSearchParams, businessModel: string | null): KpiKey[] {
  const known = new Set<string>(kpiKeys);
  const chosen = params.getAll('kpi').filter((k) => known.has(k));
  if (chosen.length) return chosen as KpiKey[];
  const defaults = businessModel === 'TRANSACTIONAL' ? TRANSACTIONAL_KPIS : SUBSCRIPTION_KPIS;
  return defaults.filter((k) => known.has(k)) as KpiKey[];
}

export function NoData() {
  return (
    <Empty title="No data yet">
      <p>
        This workspace holds no revenue yet, so there is no period to show. Send facts through the ingestion mutations (<code>recordRevenue</code>,{' '}
        <code>upsertCustomers</code>, …) or import CSV files with <code>npm run import</code>; then reload this page.
      </p>
    </Empty>
  );
}

function KpiPicker({ chosen, catalog }: { chosen: KpiKey[]; catalog: Catalog }) {
  const groups = catalog.available
    ? (['TRAILING', 'LEADING'] as const).map((indicator) => ({
        title: indicator === 'LEADING' ? 'Leading' : 'Trailing',
        keys: kpiKeys.filter((k) => catalog.byKey.get(k)?.indicator === indicator),
      }))
    : [{ title: 'KPIs', keys: [...kpiKeys] }];
  const set = new Set<string>(chosen);
  const toggle = (key: string) => {
    const next = set.has(key) ? chosen.filter((k) => k !== key) : [...chosen, key];
    updateParams({ kpi: next.length ? next : null });
  };
  return (
    <details className="picker">
      <summary>
        Columns: {chosen.length} KPI{chosen.length === 1 ? '' : 's'}
      </summary>
      {groups.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          {g.keys.map((k) => (
            <label key={k} title={catalog.byKey.get(k)?.description}>
              <input type="checkbox" checked={set.has(k)} onChange={() => toggle(k)} /> {catalog.name(k)}
            </label>
          ))}
        </fieldset>
      ))}
    </details>
  );
}

function MatrixTable(props: {
  matrix: Matrix;
  catalog: Catalog;
  rowName(row: Row): string;
  onDrill: ((row: Row, cell: Cell) => void) | null;
}) {
  const { matrix, catalog } = props;
  const session = useSession();
  // Numbers first, trends right after: the sparklines (a chart per cell) are drawn in a transition once the table is on screen.
  const [trends, setTrends] = useState(false);
  useEffect(() => startTransition(() => setTrends(true)), []);
  const currency = session.workspace.currency;
  // Columns in the order asked, split into leading and trailing where the catalogue tells which is which.
  const columns = catalog.available
    ? [...matrix.columns].sort((a, b) => indicatorRank(catalog, a.kpi!) - indicatorRank(catalog, b.kpi!))
    : matrix.columns;
  const groups = catalog.available ? groupBy(columns, (c) => catalog.byKey.get(c.kpi!)?.indicator ?? 'TRAILING') : null;
  const previous = matrix.periods.length > 1 ? matrix.periods[matrix.periods.length - 2] : null;
  const lastCells = matrix.rows.flatMap((r) => r.cells as Cell[]);
  // The API tells which periods are complete: one that runs past the workspace's watermark is computed to date, or has no values yet.
  const incomplete = lastCells.find((c) => !c.complete);
  const hasValues = lastCells.some((c) => c.value !== null);

  return (
    <div className="matrix-wrap">
      <p className="matrix-caption" id="matrix-caption">
        <strong>{formatPeriod(matrix.periodStart, matrix.periodEnd)}</strong>
        {previous && <> · change against {formatPeriod(previous.periodStart, previous.periodEnd)}</>}
        {incomplete && (
          <span
            className="badge badge-incomplete"
            data-testid="incomplete-period"
            title="The period ends after the workspace's data-completeness watermark: its values are computed to date and not judged against the whole period's target."
          >
            {incomplete.dataThrough ? `Incomplete period: data through ${formatDate(incomplete.dataThrough)}` : 'Incomplete period: it starts after the data, no values yet'}
          </span>
        )}
      </p>
      {!hasValues && (
        <p className="notice" role="status">
          No KPI has a value in this period. Pick an earlier month under “Through” — data ends {session.dataThrough ? formatPeriod(session.dataThrough, session.dataThrough) : 'nowhere yet'}.
        </p>
      )}
      <div className="scroll-x" tabIndex={0} role="region" aria-labelledby="matrix-caption">
        <table className="matrix" data-testid="kpi-matrix">
          <thead>
            {groups && (
              <tr>
                <td />
                {groups.map(([indicator, cols]) => (
                  <th key={indicator} colSpan={cols.length} scope="colgroup" className={`group group-${indicator.toLowerCase()}`}>
                    {indicator === 'LEADING' ? 'Leading indicators' : 'Trailing indicators'}
                  </th>
                ))}
              </tr>
            )}
            <tr>
              <th scope="col">{humanize(matrix.rowDimension)}</th>
              {columns.map((c) => {
                const def = catalog.byKey.get(c.kpi!);
                return (
                  <th key={c.kpi} scope="col" title={def ? `${def.description}\n${def.formula}` : undefined} data-kpi={c.kpi}>
                    {catalog.name(c.kpi!)}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.key ?? (row.total ? '__total' : '__none')} className={row.total ? 'total' : undefined}>
                <th scope="row" data-row={row.total ? 'total' : (row.key ?? '')}>
                  {props.rowName(row)}
                </th>
                {columns.map((col) => {
                  const cell = row.cells.find((c) => c.kpi === col.kpi) as Cell;
                  const drillable = props.onDrill && DRILL_DOWN_SETS[cell.kpi!] && cell.value !== null;
                  const value = formatValue(cell.value, col.unit, currency);
                  return (
                    <td key={col.kpi} data-kpi={col.kpi} data-row={row.total ? 'total' : (row.key ?? '')} className={`cell status-bg-${cell.status.toLowerCase()}`}>
                      <div className="cell-top">
                        {drillable ? (
                          <button
                            type="button"
                            className="value drill"
                            onClick={() => props.onDrill!(row, cell)}
                            aria-label={`${value}: list the customers (${catalog.name(cell.kpi!)}, ${props.rowName(row)})`}
                          >
                            {value}
                          </button>
                        ) : (
                          <span className="value">{value}</span>
                        )}
                        <StatusBadge status={cell.status} compact />
                      </div>
                      <div className="cell-target">
                        {cell.target !== null ? (
                          <>
                            <span className="target">target {formatValue(cell.target, col.unit, currency)}</span> · {formatAttainment(cell.attainment)}
                          </>
                        ) : (
                          <span className="muted">no target</span>
                        )}
                      </div>
                      <div className="cell-bottom">
                        <Change change={cell.change} relativeChange={cell.relativeChange} unit={col.unit} direction={col.direction} />
                        {trends ? <Sparkline points={cell.series} target={cell.target} /> : <span className="sparkline" aria-hidden="true" />}
                      </div>
                      {!cell.complete && (
                        <div className="badge badge-incomplete" data-testid="cell-incomplete">
                          {cell.dataThrough ? `to ${formatDate(cell.dataThrough)}` : 'no data yet'}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
    </div>
  );
}

export function Legend() {
  return (
    <p className="legend">
      {/* The statuses the API has, in the order a person reads them. */}
      {['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_TARGET', 'NO_VALUE', 'INCOMPLETE'].filter((s) => (kpiStatuses as readonly string[]).includes(s)).map((s) => (
        <StatusBadge key={s} status={s} />
      ))}
      <span className="muted">On track: attainment ≥ 100%; at risk: ≥ 90%; off track: below.</span>
    </p>
  );
}

function indicatorRank(catalog: Catalog, kpi: string): number {
  return catalog.byKey.get(kpi)?.indicator === 'LEADING' ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}
