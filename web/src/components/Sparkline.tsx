import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';

/** A cell's series at a glance. Decorative: the cell states the value, and the KPI's history is in the table's title. */
export function Sparkline({ points, target }: { points: { value: number | null }[]; target?: number | null }) {
  const data = points.map((p, i) => ({ i, value: p.value }));
  if (data.filter((d) => d.value !== null).length < 2) return <span className="sparkline sparkline-empty" aria-hidden="true" />;
  return (
    <span className="sparkline" aria-hidden="true">
      <LineChart width={76} height={24} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} accessibilityLayer={false}>
        <YAxis hide domain={['auto', 'auto']} />
        {target !== null && target !== undefined && <ReferenceLine y={target} stroke="#9aa4b2" strokeDasharray="2 2" ifOverflow="extendDomain" />}
        <Line type="monotone" dataKey="value" stroke="#3358d4" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </span>
  );
}
