import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OwnerScorecardsDocument, PhaseFunnelDocument, type OwnerScorecardsQuery } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { updateParams, useRoute } from '../app/router';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { StatusBadge } from '../components/Status';
import { COLORS } from '../components/charts';
import { CohortHeatmap } from '../components/CohortHeatmap';
import { formatAttainment, formatCount, formatPeriod, formatValue, humanize } from '../format';

type Owner = OwnerScorecardsQuery['owners'][number];

export function ScorecardsView() {
  const settings = useSettings();
  const route = useRoute();
  const [result, retry] = useQuery({
    query: OwnerScorecardsDocument,
    variables: { period: { ...settings.period, from: settings.period.to }, tier: settings.tier },
  });
  const journeys = result.data?.journeys ?? [];
  const journey = journeys.find((j) => j.id === route.params.get('journey')) ?? journeys[0];

  return (
    <section className="view">
      <p className="lede">What each owner is accountable for — the basis for variable pay — and how customers move through the journey’s phases.</p>
      <Controls />
      <h2>Scorecards per owner</h2>
      <QueryState result={result} what="the scorecards" onRetry={() => retry({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.owners.length === 0 ? (
            <Empty title="No owner yet">
              <p>
                Create owners with <code>createOwner</code> and make them accountable for phases (<code>updatePhase</code>) or metrics.
              </p>
            </Empty>
          ) : (
            <div className="cards" data-testid="owner-scorecards">
              {data.owners.map((o) => (
                <OwnerCard key={o.id} owner={o} />
              ))}
            </div>
          )
        }
      </QueryState>
      <h2>Phase funnel</h2>
      {journeys.length > 1 && journey && (
        <label className="inline">
          Journey{' '}
          <select value={journey.id} onChange={(e) => updateParams({ journey: e.target.value })}>
            {journeys.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {journey ? <Funnel journeyId={journey.id} /> : result.data && <p className="muted">No journey yet.</p>}
      <h2>Cohorts</h2>
      <CohortHeatmap />
    </section>
  );
}

function OwnerCard({ owner }: { owner: Owner }) {
  const session = useSession();
  const card = owner.scorecard;
  return (
    <article className="card" data-owner={owner.name} aria-labelledby={`owner-${owner.id}`}>
      <h3 id={`owner-${owner.id}`}>{owner.name}</h3>
      <p className="muted">
        {humanize(owner.function)}
        {owner.phases.length > 0 && <> · owns {owner.phases.map((p) => p.name).join(', ')}</>}
      </p>
      <p className="mean">
        Mean attainment <strong data-testid="owner-mean">{formatAttainment(card.meanAttainment)}</strong>{' '}
        <span className="muted">{formatPeriod(card.periodStart, card.periodEnd)}</span>
      </p>
      {card.entries.length ? (
        <table className="plain scorecard">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">Value</th>
              <th scope="col" className="num">Target</th>
              <th scope="col" className="num">Attainment</th>
            </tr>
          </thead>
          <tbody>
            {card.entries.map((e) => (
              <tr key={e.metric.key} data-metric={e.metric.key}>
                <th scope="row">{e.metric.name}</th>
                <td className="num value">{formatValue(e.value, e.metric.unit, session.workspace.currency)}</td>
                <td className="num">{formatValue(e.target, e.metric.unit, session.workspace.currency)}</td>
                <td className="num">
                  {formatAttainment(e.attainment)} <StatusBadge status={e.status} compact />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No metric is scored for this owner yet.</p>
      )}
    </article>
  );
}

function Funnel({ journeyId }: { journeyId: string }) {
  const settings = useSettings();
  const [result, retry] = useQuery({
    query: PhaseFunnelDocument,
    variables: { journeyId, period: { ...settings.period, from: settings.period.to }, filter: settings.filter },
  });
  return (
    <QueryState result={result} what="the phase funnel" onRetry={() => retry({ requestPolicy: 'network-only' })}>
      {(data) => {
        const steps = [...data.phaseFunnel].sort((a, b) => a.phase.position - b.phase.position);
        if (!steps.length) return <p className="muted">This journey has no phase.</p>;
        const chart = steps.map((s) => ({ phase: s.phase.name, Entered: s.entered, Advanced: s.advanced }));
        return (
          <div className="charts">
            <figure className="chart" aria-labelledby="funnel-title">
              <figcaption id="funnel-title">
                Customers entering each phase, {formatPeriod(steps[0].periodStart, steps[0].periodEnd)}, and how many went on
              </figcaption>
              <div role="img" aria-label="Bars of customers entering and advancing per phase; the table beside lists the values.">
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={chart} accessibilityLayer={false} margin={{ left: 0, right: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="phase" fontSize={11} interval={0} />
                    <YAxis fontSize={11} allowDecimals={false} width={40} />
                    <Tooltip />
                    <Legend wrapperStyle={{ fontSize: 12 }} />
                    <Bar dataKey="Entered" fill={COLORS.entered} isAnimationActive={false} />
                    <Bar dataKey="Advanced" fill={COLORS.advanced} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <table className="plain" data-testid="phase-funnel">
              <thead>
                <tr>
                  <th scope="col">Phase</th>
                  <th scope="col" className="num">Entered</th>
                  <th scope="col" className="num">Advanced</th>
                  <th scope="col" className="num">Conversion</th>
                  <th scope="col" className="num">Median days</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((s) => (
                  <tr key={s.phase.id} data-phase={s.phase.key}>
                    <th scope="row">{s.phase.name}</th>
                    <td className="num" data-field="entered">{formatCount(s.entered)}</td>
                    <td className="num" data-field="advanced">{formatCount(s.advanced)}</td>
                    <td className="num" data-field="conversionRate">{formatValue(s.conversionRate, 'PERCENT')}</td>
                    <td className="num" data-field="medianDaysInPhase">{formatValue(s.medianDaysInPhase, 'DAYS')}</td>
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
