import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OrderMovementsDocument, RevenueMovementsDocument, type RevenueMovementsQuery } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { Controls } from '../components/Controls';
import { QueryState } from '../components/States';
import { COLORS } from '../components/charts';
import { formatAxis, formatPeriod, formatValue } from '../format';
import { NoData } from './KpiDashboard';

type Series = RevenueMovementsQuery['kpis'];

export interface BridgeRow {
  periodStart: string;
  periodEnd: string;
  label: string;
  opening: number | null;
  newMrr: number | null;
  expansion: number | null;
  reactivation: number | null;
  contraction: number | null;
  churn: number | null;
  closing: number | null;
  nrr: number | null;
  grr: number | null;
}

/** One row per period; the opening MRR follows from the closing MRR and the movements (their identity holds exactly). */
export function bridgeRows(series: Series): BridgeRow[] {
  const of = (kpi: string) => series.find((s) => s.kpi === kpi)?.points ?? [];
  const mrr = of('MRR');
  return mrr.map((p, i) => {
    const v = (kpi: string) => of(kpi)[i]?.value ?? null;
    const [n, e, r, c, ch] = [v('NEW_MRR'), v('EXPANSION_MRR'), v('REACTIVATION_MRR'), v('CONTRACTION_MRR'), v('CHURNED_MRR')];
    const complete = p.value !== null && [n, e, r, c, ch].every((x) => x !== null);
    return {
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      label: formatPeriod(p.periodStart, p.periodEnd),
      opening: complete ? round2(p.value! - n! - e! - r! + c! + ch!) : null,
      newMrr: n,
      expansion: e,
      reactivation: r,
      contraction: c,
      churn: ch,
      closing: p.value,
      nrr: v('NRR'),
      grr: v('GRR'),
    };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function RevenueMovementsView() {
  const settings = useSettings();
  const session = useSession();
  const currency = session.workspace.currency;
  const [result, retry] = useQuery({ query: RevenueMovementsDocument, variables: { period: settings.period, filter: settings.filter } });
  // A TRANSACTIONAL workspace's monthly value is a customer's run rate (its revenue of the activity window ÷ the window's months).
  const transactional = session.businessModel === 'TRANSACTIONAL';
  const mrr = transactional ? 'Run rate' : 'MRR';

  return (
    <section className="view">
      {transactional ? (
        <p className="lede">
          How the shoppers' run rate (a shopper's revenue of the last {session.workspace.activityWindowMonths} months ÷{' '}
          {session.workspace.activityWindowMonths}) moved in each period: what new shoppers, bigger baskets and returning shoppers added, what
          smaller baskets and lapsed shoppers took away; the orders behind it below. Net revenue retention beside gross: a few big spenders can lift
          NRR while many shoppers lapse.
        </p>
      ) : (
        <p className="lede">
          How recurring revenue moved in each period: what new customers, expansion and win-backs added, what contraction and churn took away. Net
          revenue retention beside gross: a few large expansions can lift NRR over 100% while many accounts churn.
        </p>
      )}
      <Controls />
      {session.dataThroughSource === 'none' && !settings.params.get('through') ? (
        <NoData />
      ) : (
        <QueryState result={result} what="revenue movements" onRetry={() => retry({ requestPolicy: 'network-only' })}>
          {(data) => {
            const rows = bridgeRows(data.kpis);
            const chart = rows.map((r) => ({
              label: r.label,
              New: r.newMrr,
              Expansion: r.expansion,
              Reactivation: r.reactivation,
              Contraction: r.contraction === null ? null : -r.contraction,
              Churn: r.churn === null ? null : -r.churn,
              NRR: r.nrr,
              GRR: r.grr,
            }));
            const money = (v: unknown) => formatValue(Number(v), 'CURRENCY', currency);
            return (
              <>
                <div className="charts two">
                  <figure className="chart" aria-labelledby="bridge-chart-title">
                    <figcaption id="bridge-chart-title">{mrr} movements per period</figcaption>
                    <div role="img" aria-label={`Stacked bars of ${mrr} added (new, expansion, reactivation) and lost (contraction, churn) per period; the table below lists the values.`}>
                      <ResponsiveContainer width="100%" height={260}>
<BarChart data={chart} stackOffset="sign" accessibilityLayer={false} margin={{ left: 8, right: 8 }}>
                        <CartesianGrid strokeDasharray="3 3" vertical={false} />
                        <XAxis dataKey="label" fontSize={11} />
                        <YAxis tickFormatter={(v) => formatAxis(v, 'CURRENCY', currency)} fontSize={11} width={64} />
                        <Tooltip formatter={money} />
                        <Legend wrapperStyle={{ fontSize: 12 }} />
                        <ReferenceLine y={0} stroke="#495057" />
                        <Bar dataKey="New" stackId="m" fill={COLORS.new} isAnimationActive={false} />
                        <Bar dataKey="Expansion" stackId="m" fill={COLORS.expansion} isAnimationActive={false} />
                        <Bar dataKey="Reactivation" stackId="m" fill={COLORS.reactivation} isAnimationActive={false} />
                        <Bar dataKey="Contraction" stackId="m" fill={COLORS.contraction} isAnimationActive={false} />
                        <Bar dataKey="Churn" stackId="m" fill={COLORS.churn} isAnimationActive={false} />
                      </BarChart>
</ResponsiveContainer>
                    </div>
                  </figure>
                  <figure className="chart" aria-labelledby="retention-chart-title">
                    <figcaption id="retention-chart-title">Net (NRR) and gross (GRR) revenue retention</figcaption>
                    <div role="img" aria-label="Lines of NRR and GRR per period; the table below lists the values.">
                      <ResponsiveContainer width="100%" height={260}>
<LineChart data={chart} accessibilityLayer={false} margin={{ left: 8, right: 8 }}>
                        <CartesianGrid strokeDasharray="3 3" vertical={false} />
                        <XAxis dataKey="label" fontSize={11} />
                        <YAxis tickFormatter={(v) => formatAxis(v, 'PERCENT')} fontSize={11} domain={['auto', 'auto']} width={48} />
                        <Tooltip formatter={(v) => formatValue(Number(v), 'PERCENT')} />
                        <Legend wrapperStyle={{ fontSize: 12 }} />
                        <ReferenceLine y={1} stroke="#adb5bd" strokeDasharray="4 4" />
                        <Line dataKey="NRR" stroke={COLORS.nrr} strokeWidth={2} dot={false} isAnimationActive={false} />
                        <Line dataKey="GRR" stroke={COLORS.grr} strokeWidth={2} dot={false} isAnimationActive={false} />
                      </LineChart>
</ResponsiveContainer>
                    </div>
                  </figure>
                </div>
                <div className="scroll-x" tabIndex={0} role="region" aria-label={`${mrr} bridge per period`}>
                  <table className="plain bridge" data-testid="mrr-bridge">
                    <caption>{mrr} bridge: opening + new + expansion + reactivation − contraction − churn = closing</caption>
                    <thead>
                      <tr>
                        <th scope="col">Period</th>
                        <th scope="col" className="num">Opening {transactional ? 'run rate' : 'MRR'}</th>
                        <th scope="col" className="num">+ New</th>
                        <th scope="col" className="num">+ Expansion</th>
                        <th scope="col" className="num">+ Reactivation</th>
                        <th scope="col" className="num">− Contraction</th>
                        <th scope="col" className="num">− Churn</th>
                        <th scope="col" className="num">Closing {transactional ? 'run rate' : 'MRR'}</th>
                        <th scope="col" className="num">NRR</th>
                        <th scope="col" className="num">GRR</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.periodStart} data-period={r.periodStart}>
                          <th scope="row">{r.label}</th>
                          <td className="num" data-field="opening">{formatValue(r.opening, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="NEW_MRR">{formatValue(r.newMrr, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="EXPANSION_MRR">{formatValue(r.expansion, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="REACTIVATION_MRR">{formatValue(r.reactivation, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="CONTRACTION_MRR">{formatValue(r.contraction, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="CHURNED_MRR">{formatValue(r.churn, 'CURRENCY', currency)}</td>
                          <td className="num strong" data-field="MRR">{formatValue(r.closing, 'CURRENCY', currency)}</td>
                          <td className="num" data-field="NRR">{formatValue(r.nrr, 'PERCENT')}</td>
                          <td className="num" data-field="GRR">{formatValue(r.grr, 'PERCENT')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            );
          }}
        </QueryState>
      )}
      {transactional && session.dataThroughSource !== 'none' && <OrdersTable />}
    </section>
  );
}

const ORDER_COLUMNS = [
  { kpi: 'REVENUE', title: 'Revenue' },
  { kpi: 'ORDERS', title: 'Orders' },
  { kpi: 'AOV', title: 'Average order' },
  { kpi: 'REFUND_RATE', title: 'Refund rate' },
  { kpi: 'REPEAT_PURCHASE_RATE', title: 'Repeat purchase rate' },
] as const;

/** The orders of a TRANSACTIONAL workspace per period, beside the run-rate bridge they make. */
function OrdersTable() {
  const settings = useSettings();
  const session = useSession();
  const [result, retry] = useQuery({ query: OrderMovementsDocument, variables: { period: settings.period, filter: settings.filter } });
  return (
    <QueryState result={result} what="the orders" onRetry={() => retry({ requestPolicy: 'network-only' })}>
      {(data) => {
        const of = (kpi: string) => data.kpis.find((s) => s.kpi === kpi);
        const periods = data.kpis[0]?.points ?? [];
        return (
          <div className="scroll-x" tabIndex={0} role="region" aria-label="Orders per period">
            <table className="plain bridge" data-testid="orders-table">
              <caption>Orders per period: revenue (orders net of refunds), orders, average order value, refund rate and repeat purchase rate</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  {ORDER_COLUMNS.map((c) => (
                    <th key={c.kpi} scope="col" className="num">
                      {c.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {periods.map((p, i) => (
                  <tr key={p.periodStart} data-period={p.periodStart}>
                    <th scope="row">{formatPeriod(p.periodStart, p.periodEnd)}</th>
                    {ORDER_COLUMNS.map((c) => {
                      const series = of(c.kpi);
                      return (
                        <td key={c.kpi} className="num" data-field={c.kpi}>
                          {formatValue(series?.points[i]?.value ?? null, series?.unit ?? 'COUNT', session.workspace.currency)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryState>
  );
}
