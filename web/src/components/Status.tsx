import { formatChange } from '../format';

/** Every status the API may give, those of the data-completeness API included, with a word and a mark as well as a colour. */
const STATUS: Record<string, { label: string; mark: string }> = {
  ON_TRACK: { label: 'On track', mark: '●' },
  AT_RISK: { label: 'At risk', mark: '▲' },
  OFF_TRACK: { label: 'Off track', mark: '■' },
  NO_TARGET: { label: 'No target', mark: '○' },
  NO_VALUE: { label: 'No value', mark: '◌' },
  INCOMPLETE: { label: 'Incomplete', mark: '◔' },
};

export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

export function StatusBadge({ status, compact = false }: { status: string; compact?: boolean }) {
  const s = STATUS[status] ?? { label: status, mark: '?' };
  return (
    <span className={`status status-${status.toLowerCase().replace(/_/g, '-')}`} title={s.label}>
      <span aria-hidden="true">{s.mark}</span>
      {compact ? <span className="visually-hidden">{s.label}</span> : ` ${s.label}`}
    </span>
  );
}

/** The change against the previous period, green when it goes the way the KPI should. */
export function Change(props: { change: number | null; relativeChange: number | null; unit: string; direction: string }) {
  const { change, relativeChange, unit, direction } = props;
  const text = formatChange(change, relativeChange, unit);
  const good = change === null || change === 0 ? 'flat' : (change > 0) === (direction === 'HIGHER_IS_BETTER') ? 'good' : 'bad';
  return (
    <span className={`change change-${good}`} title="Change against the previous period">
      {text}
    </span>
  );
}
