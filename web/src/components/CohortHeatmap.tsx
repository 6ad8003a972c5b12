import { useState } from 'react';
import { useQuery } from 'urql';
import { CohortsDocument } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { QueryState, Empty } from './States';
import { formatCount, formatPeriod, formatValue } from '../format';
import { addMonths } from '../app/period';

const MEASURES = {
  logoRetention: { label: 'Logo retention', unit: 'PERCENT' },
  revenueRetention: { label: 'Revenue retention', unit: 'PERCENT' },
  cumulativeRevenuePerCustomer: { label: 'Cumulative revenue per customer', unit: 'CURRENCY' },
} as const;

/** Acquisition cohorts as a retention heatmap: a row per cohort, a column per age, the cell's shade by its value. */
export function CohortHeatmap() {
  const settings = useSettings();
  const session = useSession();
  const [measure, setMeasure] = useState<keyof typeof MEASURES>('logoRetention');
  const grain = settings.grain === 'YEAR' ? 'QUARTER' : settings.grain;
  const [result] = useQuery({
    query: CohortsDocument,
    variables: { grain, from: settings.period.from, to: settings.period.to, ages: settings.periods - 1, filter: settings.filter },
  });
  const unit = MEASURES[measure].unit;
  return (
    <QueryState result={result} what="the cohorts">
      {(data) => {
        if (!data.cohorts.length) return <Empty title="No cohort in this range">No customer started paying in these periods.</Empty>;
        const ages = Math.max(...data.cohorts.map((c) => c.cells.length));
        const max = Math.max(...data.cohorts.flatMap((c) => c.cells.map((x) => (x[measure] as number | null) ?? 0)), 1e-9);
        return (
          <>
            <label className="inline">
              Show{' '}
              <select value={measure} onChange={(e) => setMeasure(e.target.value as keyof typeof MEASURES)}>
                {Object.entries(MEASURES).map(([k, m]) => (
                  <option key={k} value={k}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            <div className="scroll-x" tabIndex={0} role="region" aria-label="Cohort heatmap">
              <table className="heatmap" data-testid="cohorts">
                <thead>
                  <tr>
                    <th scope="col">Cohort</th>
                    <th scope="col" className="num">Customers</th>
                    {Array.from({ length: ages }, (_, age) => (
                      <th key={age} scope="col" className="num">
                        {age}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.cohorts.map((c) => (
                    <tr key={c.periodStart} data-cohort={c.periodStart}>
                      <th scope="row">{formatPeriod(c.periodStart, addMonths(c.periodStart, grain === 'QUARTER' ? 2 : 0))}</th>
                      <td className="num" data-field="size">{formatCount(c.size)}</td>
                      {Array.from({ length: ages }, (_, age) => {
                        const cell = c.cells.find((x) => x.age === age);
                        const value = cell ? (cell[measure] as number | null) : null;
                        const shade = value === null ? 0 : Math.min(1, value / (unit === 'PERCENT' ? 1 : max));
                        return (
                          <td key={age} data-age={age} className={`num heat heat-${Math.round(shade * 10)}`}>
                            {cell ? formatValue(value, unit, session.workspace.currency) : ''}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
