import { useMemo } from 'react';
import type { Dimension, Grain, PeriodInput, SegmentFilter } from '../generated/graphql';
import { dimensions, grains } from '../generated/schema-capabilities';
import { useRoute } from './router';
import { useSession } from './session';
import { DEFAULT_PERIODS, currentMonth, periodRange, monthOf } from './period';

/** The settings every view shares, read from the URL: grain, the last month shown, how many periods, rows and filters. */
export interface Settings {
  grain: Grain;
  through: string;
  periods: number;
  rows: Dimension;
  filter: SegmentFilter;
  /** The filter's single tier, if exactly one: scorecards and the chain take one tier. */
  tier: string | null;
  period: PeriodInput;
  /** The same settings as URL parameters, for links between views. */
  params: URLSearchParams;
}

export const FILTER_DIMENSIONS = ['tier', 'segment', 'channel', 'partner', 'campaign'] as const;

export function useSettings(): Settings {
  const { params } = useRoute();
  const session = useSession();
  const key = params.toString();
  return useMemo(() => {
    const grainParam = params.get('grain') as Grain | null;
    const grain: Grain = grainParam && (grains as readonly string[]).includes(grainParam) ? grainParam : 'MONTH';
    const throughParam = params.get('through');
    const through = throughParam && /^\d{4}-\d{2}(-\d{2})?$/.test(throughParam) ? monthOf(throughParam.length === 7 ? `${throughParam}-01` : throughParam) : (session.dataThrough ?? currentMonth());
    const count = Number(params.get('periods'));
    const periods = Number.isInteger(count) && count >= 1 && count <= 36 ? count : DEFAULT_PERIODS[grain];
    const rowsParam = params.get('rows') as Dimension | null;
    const rows: Dimension = rowsParam && (dimensions as readonly string[]).includes(rowsParam) ? rowsParam : 'TIER';
    const filter: SegmentFilter = {};
    for (const name of FILTER_DIMENSIONS) {
      const values = params.getAll(name);
      if (values.length) (filter as Record<string, string[]>)[name] = values;
    }
    const tiers = params.getAll('tier');
    const shared = new URLSearchParams();
    for (const name of ['grain', 'through', 'periods', ...FILTER_DIMENSIONS]) params.getAll(name).forEach((v) => shared.append(name, v));
    return {
      grain,
      through,
      periods,
      rows,
      filter,
      tier: tiers.length === 1 ? tiers[0] : null,
      period: periodRange(grain, through, periods, session.workspace.fiscalYearStartMonth),
      params: shared,
    };
  }, [key, session.dataThrough, session.workspace.fiscalYearStartMonth]);
}
