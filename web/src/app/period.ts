import type { Grain, PeriodInput } from '../generated/graphql';

/** Months are named by their first day, `YYYY-MM-01`, in UTC as the API's periods are. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function currentMonth(now = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

export const GRAIN_MONTHS: Record<Grain, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
export const DEFAULT_PERIODS: Record<Grain, number> = { MONTH: 12, QUARTER: 8, YEAR: 3 };

/** The first month of the period of `grain` that holds `month`; quarters and years start in the fiscal year's first month. */
export function periodStartOf(month: string, grain: Grain, fiscalYearStartMonth = 1): string {
  const k = GRAIN_MONTHS[grain];
  if (k === 1) return monthOf(month);
  const m = Number(month.slice(5, 7));
  const offset = (((m - fiscalYearStartMonth) % k) + k) % k;
  return addMonths(monthOf(month), -offset);
}

/** `count` periods of `grain`, the last one holding the month `through`. */
export function periodRange(grain: Grain, through: string, count: number, fiscalYearStartMonth = 1): PeriodInput {
  const last = periodStartOf(through, grain, fiscalYearStartMonth);
  return { grain, from: addMonths(last, -GRAIN_MONTHS[grain] * (count - 1)), to: last };
}
