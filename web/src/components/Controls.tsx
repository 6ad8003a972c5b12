import { useQuery } from 'urql';
import { FilterOptionsDocument, type Dimension } from '../generated/graphql';
import { dimensions } from '../generated/schema-capabilities';
import { updateParams } from '../app/router';
import { useSettings } from '../app/settings';
import { useSession } from '../app/session';
import { DEFAULT_PERIODS } from '../app/period';
import { humanize } from '../format';

const CHANNELS = ['DIRECT', 'PARTNER'];

/** The period and filters of a view; every change goes into the URL, so a view can be bookmarked as it is. */
export function Controls({ rows = false, filters = true, periods = true }: { rows?: boolean; filters?: boolean; periods?: boolean }) {
  const settings = useSettings();
  const session = useSession();
  const [options] = useQuery({ query: FilterOptionsDocument, pause: !filters });
  const tiers = options.data?.tiers ?? [];
  const segments = options.data?.segments ?? [];
  const partners = options.data?.partners ?? [];
  const one = (name: string) => settings.params.get(name) ?? '';

  return (
    <form className="controls" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Grain
        <select
          value={settings.grain}
          onChange={(e) => updateParams({ grain: e.target.value, periods: String(DEFAULT_PERIODS[e.target.value as keyof typeof DEFAULT_PERIODS]) })}
        >
          <option value="MONTH">Month</option>
          <option value="QUARTER">Quarter</option>
          <option value="YEAR">Year</option>
        </select>
      </label>
      <label>
        Through
        <input
          type="month"
          value={settings.through.slice(0, 7)}
          onChange={(e) => e.target.value && updateParams({ through: `${e.target.value}-01` })}
          title={session.dataThrough ? `Data through ${session.dataThrough.slice(0, 7)}` : undefined}
        />
      </label>
      {periods && (
        <label>
          Periods
          <input
            type="number"
            min={1}
            max={36}
            value={settings.periods}
            onChange={(e) => updateParams({ periods: e.target.value })}
            className="narrow"
          />
        </label>
      )}
      {rows && (
        <label>
          Rows
          <select value={settings.rows} onChange={(e) => updateParams({ rows: e.target.value as Dimension })}>
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {humanize(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      {filters && (
        <>
          <label>
            Tier
            <select value={one('tier')} onChange={(e) => updateParams({ tier: e.target.value || null })}>
              <option value="">All tiers</option>
              {tiers.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Segment
            <select value={one('segment')} onChange={(e) => updateParams({ segment: e.target.value || null })}>
              <option value="">All segments</option>
              {segments.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Channel
            <select value={one('channel')} onChange={(e) => updateParams({ channel: e.target.value || null })}>
              <option value="">All channels</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {humanize(c)}
                </option>
              ))}
            </select>
          </label>
          {partners.length > 0 && (
            <label>
              Partner
              <select value={one('partner')} onChange={(e) => updateParams({ partner: e.target.value || null })}>
                <option value="">All partners</option>
                {partners.map((p) => (
                  <option key={p.externalId} value={p.externalId}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {settings.params.toString() && (
        <button type="button" className="link" onClick={() => (window.location.hash = `#/${window.location.hash.replace(/^#\/?/, '').split('?')[0]}`)}>
          Reset
        </button>
      )}
    </form>
  );
}
