import { useState } from 'react';
import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CustomerEquityDocument, type CustomerEquityQuery } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { COLORS } from '../components/charts';
import { formatAxis, formatCount, formatPeriod, formatValue } from '../format';
import { NoData } from './KpiDashboard';

type Point = CustomerEquityQuery['customerEquity'][number]['points'][number];

/** The components of customer equity in the order of its formula, each with the sign it enters with. */
const COMPONENTS: { field: keyof Point; label: string; short: string; sign: 1 | -1; color: string }[] = [
  { field: 'newRevenue', label: 'New customers’ revenue', short: 'New revenue', sign: 1, color: COLORS.new },
  { field: 'acquisitionCost', label: 'Acquisition cost', short: 'Acquisition', sign: -1, color: COLORS.contraction },
  { field: 'existingRevenue', label: 'Existing customers’ revenue', short: 'Existing revenue', sign: 1, color: COLORS.expansion },
  { field: 'servicingCost', label: 'Servicing and retention cost', short: 'Servicing', sign: -1, color: COLORS.contraction },
  { field: 'churnLoss', label: 'Churn loss', short: 'Churn loss', sign: -1, color: COLORS.churn },
];

export interface WaterfallStep {
  label: string;
  base: number;
  amount: number;
  signed: number;
  color: string;
}

/** Waterfall steps: each bar floats from the running total; the last one is the total itself. */
export function waterfall(point: Point): WaterfallStep[] {
  let running = 0;
  const steps = COMPONENTS.map((c) => {
    // A period after the data-completeness watermark has no values: its waterfall is flat (the view says so).
    const signed = c.sign * ((point[c.field] as number | null) ?? 0);
    const from = running;
    running += signed;
    return { label: c.label, base: Math.min(from, running), amount: Math.abs(signed), signed, color: c.color };
  });
  const total = point.total ?? 0;
  steps.push({ label: 'Customer equity', base: Math.min(0, total), amount: Math.abs(total), signed: total, color: COLORS.total });
  return steps;
}

export function CustomerEquityView() {
  const settings = useSettings();
  const session = useSession();
  const currency = session.workspace.currency;
  const [picked, setPicked] = useState<string | null>(null);
  const [result, retry] = useQuery({ query: CustomerEquityDocument, variables: { period: settings.period, filter: settings.filter } });
  const money = (v: number | null) => formatValue(v, 'CURRENCY', currency);
  // Counts are null, like every number, for a period that starts after the data-completeness watermark.
  const count = (v: number | null) => (v === null ? '—' : formatCount(v));

  return (
    <section className="view">
      <p className="lede">
        Customer equity = (new customers’ revenue − acquisition cost) + (existing customers’ revenue − servicing cost) − the revenue churned
        customers would have paid. Pick a period to see its waterfall.
      </p>
      <Controls />
      {session.dataThroughSource === 'none' && !settings.params.get('through') ? (
        <NoData />
      ) : (
        <QueryState result={result} what="customer equity" onRetry={() => retry({ requestPolicy: 'network-only' })}>
          {(data) => {
            const points = data.customerEquity[0]?.points ?? [];
            if (!points.length) return <Empty title="No period in this range">Change the period above.</Empty>;
            const point = points.find((p) => p.periodStart === picked) ?? points[points.length - 1];
            const steps = waterfall(point);
            return (
              <>
                <label className="inline">
                  Period{' '}
                  <select value={point.periodStart} onChange={(e) => setPicked(e.target.value)}>
                    {points.map((p) => (
                      <option key={p.periodStart} value={p.periodStart}>
                        {formatPeriod(p.periodStart, p.periodEnd)}
                      </option>
                    ))}
                  </select>
                </label>
                <figure className="chart" aria-labelledby="equity-chart-title">
                  <figcaption id="equity-chart-title">
                    Customer equity, {formatPeriod(point.periodStart, point.periodEnd)}: <strong data-testid="equity-total">{money(point.total)}</strong>
                  </figcaption>
                  <div role="img" aria-label="Waterfall of the components of customer equity; the table below lists the values.">
                    <ResponsiveContainer width="100%" height={300}>
                      <BarChart data={steps} accessibilityLayer={false} margin={{ left: 8, right: 8, top: 20 }}>
                        <CartesianGrid strokeDasharray="3 3" vertical={false} />
                        <XAxis dataKey="label" fontSize={11} interval={0} />
                        <YAxis tickFormatter={(v) => formatAxis(v, 'CURRENCY', currency)} fontSize={11} width={64} />
                        <Tooltip formatter={(_v, _n, item) => money((item.payload as WaterfallStep).signed)} />
                        <ReferenceLine y={0} stroke="#495057" />
                        <Bar dataKey="base" stackId="w" fill="transparent" isAnimationActive={false} legendType="none" tooltipType="none" />
                        <Bar dataKey="amount" stackId="w" isAnimationActive={false} name="Amount">
                          {steps.map((s) => (
                            <Cell key={s.label} fill={s.color} />
                          ))}
                          <LabelList dataKey="signed" position="top" fontSize={11} formatter={(v) => formatAxis(Number(v), 'CURRENCY', currency)} />
                        </Bar>
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                </figure>
                <div className="scroll-x" tabIndex={0} role="region" aria-label="Customer equity per period">
                  <table className="plain" data-testid="equity-table">
                    <thead>
                      <tr>
                        <th scope="col">Period</th>
                        {COMPONENTS.map((c) => (
                          <th key={c.field} scope="col" className="num" title={c.label}>
                            {c.sign > 0 ? '+' : '−'} {c.short}
                          </th>
                        ))}
                        <th scope="col" className="num">= Equity</th>
                        <th scope="col" className="num" title="Customers new, retained and churned in the period">New / kept / lost</th>
                      </tr>
                    </thead>
                    <tbody>
                      {points.map((p) => (
                        <tr key={p.periodStart} data-period={p.periodStart} aria-current={p === point ? 'true' : undefined}>
                          <th scope="row" className="nowrap">{formatPeriod(p.periodStart, p.periodEnd)}</th>
                          {COMPONENTS.map((c) => (
                            <td key={c.field} className="num" data-field={c.field}>
                              {money(p[c.field] as number | null)}
                            </td>
                          ))}
                          <td className="num strong" data-field="total">
                            {money(p.total)}
                          </td>
                          <td className="num">
                            {count(p.newCustomers)} / {count(p.retainedCustomers)} / {count(p.churnedCustomers)}
                          </td>
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
    </section>
  );
}
