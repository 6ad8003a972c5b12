import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApproveTargetsDocument, DraftTargetsDocument, TargetsDocument, type KpiKey, type TargetsQuery, type TargetStatus } from '../generated/graphql';
import { kpiKeys } from '../generated/schema-capabilities';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { problemOf } from '../app/errors';
import { addMonths, GRAIN_MONTHS } from '../app/period';
import { useKpiCatalog } from '../app/catalog';
import { Controls } from '../components/Controls';
import { QueryState, Empty } from '../components/States';
import { formatDate, formatPeriod, formatValue } from '../format';

type Target = TargetsQuery['targets'][number];

const CAN_DRAFT = new Set(['ADMIN', 'EDITOR']);
const CAN_APPROVE = new Set(['ADMIN', 'FINANCE']);

/** Targets per KPI or metric, tier and period: an EDITOR drafts, a FINANCE key approves; only approved targets count anywhere. */
export function TargetsView() {
  const settings = useSettings();
  const session = useSession();
  const role = session.viewer.role;
  const [status, setStatus] = useState<TargetStatus | ''>('');
  const variables = useMemo(
    () => ({
      filter: {
        grain: settings.grain,
        from: settings.period.from,
        to: addMonths(settings.period.to, GRAIN_MONTHS[settings.grain] * 12),
        ...(settings.tier ? { tier: settings.tier } : {}),
        ...(status ? { status } : {}),
      },
    }),
    [settings.grain, settings.period.from, settings.period.to, settings.tier, status],
  );
  const [result, refetch] = useQuery({ query: TargetsDocument, variables });
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <section className="view">
      <p className="lede">
        Targets of the {settings.grain.toLowerCase()}s in the range and the twelve after it. Only approved targets are measured against; a changed
        value makes an approved target a draft again.{' '}
        {CAN_DRAFT.has(role) ? 'Your key may draft targets.' : 'Drafting needs an EDITOR or ADMIN key.'}{' '}
        {CAN_APPROVE.has(role) ? 'Your key may approve drafts.' : 'Approving needs a FINANCE or ADMIN key.'}
      </p>
      <Controls periods />
      {CAN_DRAFT.has(role) && result.data && <DraftForm data={result.data} onDrafted={reload} />}
      <label className="inline">
        Show{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as TargetStatus | '')}>
          <option value="">drafts and approved</option>
          <option value="DRAFT">drafts only</option>
          <option value="APPROVED">approved only</option>
        </select>
      </label>
      <QueryState result={result} what="the targets" onRetry={reload}>
        {(data) =>
          data.targets.length === 0 ? (
            <Empty title="No target in these periods">
              <p>{CAN_DRAFT.has(role) ? 'Draft one above.' : 'An EDITOR drafts targets; a FINANCE key approves them.'}</p>
            </Empty>
          ) : (
            <TargetTable targets={data.targets} tiers={data.tiers} canApprove={CAN_APPROVE.has(role)} onApproved={reload} />
          )
        }
      </QueryState>
    </section>
  );
}

function DraftForm({ data, onDrafted }: { data: TargetsQuery; onDrafted(): void }) {
  const settings = useSettings();
  const catalog = useKpiCatalog();
  const [subject, setSubject] = useState<string>('kpi:NRR');
  const [tier, setTier] = useState('');
  const periods = useMemo(() => {
    const k = GRAIN_MONTHS[settings.grain];
    return Array.from({ length: settings.periods + 12 }, (_, i) => addMonths(settings.period.from, i * k));
  }, [settings.grain, settings.period.from, settings.periods]);
  const [periodStart, setPeriodStart] = useState(settings.period.to);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, draft] = useMutation(DraftTargetsDocument);
  const unit = subject.startsWith('kpi:') ? catalog.byKey.get(subject.slice(4))?.unit : data.metrics.find((m) => `metric:${m.key}` === subject)?.unit;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      setMessage({ ok: false, text: 'Enter the target as a number, e.g. 1.02 for 102% or 40000 for an amount.' });
      return;
    }
    const [kind, key] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
    const row = { ...(kind === 'kpi' ? { kpi: key as KpiKey } : { metric: key }), grain: settings.grain, periodStart, tier: tier || null, value: number };
    const res = await draft({ rows: [row] }, { additionalTypenames: ['Target'] });
    if (res.error) {
      const problem = problemOf(res.error);
      setMessage({ ok: false, text: problem.message });
      return;
    }
    const r = res.data?.upsertTargets;
    if (!r) {
      setMessage({ ok: false, text: 'The target was not saved: the server gave no result. Try again.' });
      return;
    }
    setMessage({ ok: true, text: r.inserted ? 'Target drafted. A FINANCE key approves it.' : r.updated ? 'Target changed: it is a draft again until approved.' : 'Nothing changed: the target already has this value.' });
    setValue('');
    onDrafted();
  };

  return (
    <form className="draft-form" onSubmit={submit} aria-labelledby="draft-title">
      <h2 id="draft-title">Draft a target</h2>
      <div className="row">
        <label>
          KPI or metric
          <select value={subject} onChange={(e) => setSubject(e.target.value)} name="subject">
            <optgroup label="KPIs">
              {kpiKeys.map((k) => (
                <option key={k} value={`kpi:${k}`}>
                  {catalog.name(k)}
                </option>
              ))}
            </optgroup>
            {data.metrics.length > 0 && (
              <optgroup label="Recorded metrics">
                {data.metrics.map((m) => (
                  <option key={m.key} value={`metric:${m.key}`}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          Tier
          <select value={tier} onChange={(e) => setTier(e.target.value)} name="tier">
            <option value="">Whole workspace</option>
            {data.tiers.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period
          <select value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} name="periodStart">
            {periods.map((p) => (
              <option key={p} value={p}>
                {formatPeriod(p, addMonths(p, GRAIN_MONTHS[settings.grain] - 1))}
              </option>
            ))}
          </select>
        </label>
        <label>
          Target
          <input name="value" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="value-help" className="narrow" />
        </label>
        <button type="submit" className="primary" disabled={state.fetching}>
          Draft
        </button>
      </div>
      <p id="value-help" className="help">
        As the API takes it: rates as fractions (1.02 for 102%), amounts in the workspace’s currency.
        {unit && value && Number.isFinite(Number(value)) && <> Reads as {formatValue(Number(value), unit)}.</>}
      </p>
      {message && (
        <p className={message.ok ? 'notice ok' : 'field-problem'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function TargetTable(props: { targets: Target[]; tiers: TargetsQuery['tiers']; canApprove: boolean; onApproved(): void }) {
  const { targets, canApprove, onApproved } = props;
  const tierName = new Map(props.tiers.map((t) => [t.key, t.name]));
  const session = useSession();
  const catalog = useKpiCatalog();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [state, approve] = useMutation(ApproveTargetsDocument);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const drafts = targets.filter((t) => t.status === 'DRAFT');
  const sorted = [...targets].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'DRAFT' ? -1 : 1) ||
      subjectName(a).localeCompare(subjectName(b)) ||
      (a.tier ?? '').localeCompare(b.tier ?? '') ||
      a.periodStart.localeCompare(b.periodStart),
  );
  function subjectName(t: Target) {
    return t.kpi ? catalog.name(t.kpi) : (t.metric?.name ?? '');
  }
  const toggle = (id: string) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  const approveSelected = async () => {
    const ids = [...selected];
    const res = await approve({ ids });
    if (res.error) setMessage({ ok: false, text: problemOf(res.error).message });
    else {
      setMessage({ ok: true, text: `${ids.length} target${ids.length === 1 ? '' : 's'} approved.` });
      setSelected(new Set());
      onApproved();
    }
  };
  const unitOf = (t: Target) => (t.kpi ? catalog.byKey.get(t.kpi)?.unit : t.metric?.unit);

  return (
    <>
      {canApprove && (
        <div className="toolbar">
          <button type="button" className="primary" disabled={selected.size === 0 || state.fetching} onClick={approveSelected}>
            Approve selected ({selected.size})
          </button>
          {drafts.length > 0 && (
            <button type="button" onClick={() => setSelected(new Set(drafts.map((d) => d.id)))}>
              Select all {drafts.length} drafts
            </button>
          )}
          {message && (
            <span className={message.ok ? 'notice ok' : 'field-problem'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
        </div>
      )}
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Targets">
        <table className="plain" data-testid="targets">
          <thead>
            <tr>
              {canApprove && <th scope="col">Approve</th>}
              <th scope="col">KPI or metric</th>
              <th scope="col">Tier</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">Target</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((t) => {
              const unit = unitOf(t);
              return (
                <tr key={t.id} data-target={t.id} data-status={t.status}>
                  {canApprove && (
                    <td>
                      {t.status === 'DRAFT' && (
                        <input
                          type="checkbox"
                          checked={selected.has(t.id)}
                          onChange={() => toggle(t.id)}
                          aria-label={`Approve ${subjectName(t)}, ${t.tier ?? 'whole workspace'}, ${formatPeriod(t.periodStart, t.periodEnd)}`}
                        />
                      )}
                    </td>
                  )}
                  <th scope="row">{subjectName(t)}</th>
                  <td>{t.tier ? (tierName.get(t.tier) ?? t.tier) : 'Whole workspace'}</td>
                  <td>{formatPeriod(t.periodStart, t.periodEnd)}</td>
                  <td className="num">{formatValue(t.value, unit ?? 'NUMBER', session.workspace.currency)}</td>
                  <td>
                    {t.status === 'APPROVED' ? (
                      <span className="badge badge-approved" title={t.approvedAt ? `Approved on ${formatDate(t.approvedAt)}` : undefined}>
                        Approved
                      </span>
                    ) : (
                      <span className="badge badge-draft">Draft</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
