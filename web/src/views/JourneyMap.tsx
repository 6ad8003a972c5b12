import { useQuery } from 'urql';
import { JourneyMapDocument, type JourneyMapQuery } from '../generated/graphql';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { updateParams, useRoute } from '../app/router';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { StatusBadge } from '../components/Status';
import { formatAttainment, formatPeriod, formatValue, humanize } from '../format';

type Journey = JourneyMapQuery['journeys'][number];
type Phase = Journey['phases'][number];

/** The journey map: the phases of a journey in order, as columns, each with its scorecard for the last period of the range. */
export function JourneyMapView() {
  const settings = useSettings();
  const [result, retry] = useQuery({
    query: JourneyMapDocument,
    // The scorecard is evaluated in the last period of the range: ask for that one only.
    variables: { period: { ...settings.period, from: settings.period.to }, tier: settings.tier },
  });
  const journeyId = useRoute().params.get('journey');

  return (
    <section className="view">
      <p className="lede">Phases in order, with who owns each, what success means in it, and how its success metrics score.</p>
      <Controls periods={false} />
      <QueryState result={result} what="the journey map" onRetry={() => retry({ requestPolicy: 'network-only' })}>
        {(data) => {
          if (data.journeys.length === 0)
            return (
              <Empty title="No journey yet">
                <p>
                  Create one with <code>createJourney(input: {'{'} name, template: B2B_LIFECYCLE {'}'})</code> (an EDITOR or ADMIN key); the template
                  brings the five phases from contact to loyalty.
                </p>
              </Empty>
            );
          const journey = data.journeys.find((j) => j.id === journeyId) ?? data.journeys[0];
          return (
            <>
              {data.journeys.length > 1 && (
                <label className="inline">
                  Journey{' '}
                  <select value={journey.id} onChange={(e) => updateParams({ journey: e.target.value })}>
                    {data.journeys.map((j) => (
                      <option key={j.id} value={j.id}>
                        {j.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <h2 className="journey-name">{journey.name}</h2>
              {journey.description && <p className="muted">{journey.description}</p>}
              <div className="scroll-x" tabIndex={0} role="region" aria-label={`Phases of ${journey.name}`}>
                <ol className="journey" data-testid="journey-map">
                  {journey.phases.map((phase) => (
                    <PhaseColumn key={phase.id} phase={phase} />
                  ))}
                </ol>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function PhaseColumn({ phase }: { phase: Phase }) {
  const session = useSession();
  const currency = session.workspace.currency;
  const card = phase.scorecard;
  return (
    <li className="phase" data-phase={phase.key} aria-labelledby={`phase-${phase.id}`}>
      <h3 id={`phase-${phase.id}`}>
        <span className="position">{phase.position}</span> {phase.name}
      </h3>
      <dl className="phase-facts">
        <dt>Owner</dt>
        <dd data-testid="phase-owner">{phase.owner ? `${phase.owner.name} (${humanize(phase.owner.function)})` : <span className="muted">no owner yet</span>}</dd>
        <dt>Success means</dt>
        <dd>{phase.successDefinition ?? <span className="muted">not defined yet</span>}</dd>
      </dl>
      <h4>Processes</h4>
      {phase.processes.length ? (
        <ul className="processes">
          {phase.processes.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>
              {p.customerView && <div>Customer: {p.customerView}</div>}
              {p.internalProcess && <div>Internal: {p.internalProcess}</div>}
              {p.systems.length > 0 && <div className="muted">Systems: {p.systems.join(', ')}</div>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">none yet</p>
      )}
      <h4>Touchpoints</h4>
      {phase.touchpoints.length ? (
        <ul className="touchpoints">
          {phase.touchpoints.map((t) => (
            <li key={t.id} data-mode={t.mode}>
              <span className={`mode mode-${t.mode === 'TECH_TOUCH' ? 'tech' : 'human'}`}>{t.mode === 'TECH_TOUCH' ? 'Tech touch' : 'Human touch'}</span>{' '}
              {t.name} <span className="muted">· {humanize(t.channel)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">none yet</p>
      )}
      <h4>
        Scorecard <span className="muted">{formatPeriod(card.periodStart, card.periodEnd)}</span>
      </h4>
      {card.entries.length ? (
        <>
          <ul className="entries" data-testid="phase-scorecard">
            {card.entries.map((e) => (
              <li key={e.metric.key} data-metric={e.metric.key}>
                <span className="entry-name">{e.metric.name}</span>
                <span className="entry-figures">
                  <span className="value">{formatValue(e.value, e.metric.unit, currency)}</span>
                  <span className="muted"> of {formatValue(e.target, e.metric.unit, currency)}</span> <StatusBadge status={e.status} compact />
                </span>
              </li>
            ))}
          </ul>
          <p className="mean">
            Mean attainment <strong data-testid="phase-mean">{formatAttainment(card.meanAttainment)}</strong>
          </p>
        </>
      ) : (
        <p className="muted">No success metric for this phase yet (createMetric with its phase).</p>
      )}
    </li>
  );
}
