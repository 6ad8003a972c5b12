import { Grain } from './grain.enum';

/** A KPI period (KPIS.md "Periods"): `start` is the first day of its first month s, `end` the last day of its last month e. */
export interface Period {
  start: string;
  end: string;
  /** k: 1, 3 or 12 months. */
  months: number;
}

export const MONTHS_PER_GRAIN: Record<Grain, number> = { [Grain.MONTH]: 1, [Grain.QUARTER]: 3, [Grain.YEAR]: 12 };

/** The most periods one request may ask for (ten years of months). */
export const MAX_PERIODS = 120;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Months since year 0 of a `YYYY-MM-DD` date (its day ignored). */
function monthIndex(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

function firstDayOf(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

function lastDayOf(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function periodAt(startIndex: number, months: number): Period {
  return { start: firstDayOf(startIndex), end: lastDayOf(startIndex + months - 1), months };
}

/**
 * The one period calculator. Every period of `grain` whose first day lies in [from, to], quarters and years aligned to the
 * fiscal year that starts in `fiscalYearStartMonth` (1-12).
 */
export function periodsBetween(grain: Grain, from: string, to: string, fiscalYearStartMonth: number): Period[] {
  const months = MONTHS_PER_GRAIN[grain];
  const fromIndex = monthIndex(from);
  // A period starts on the 1st: a `from` later in the month excludes that month's period.
  let first = from.endsWith('-01') ? fromIndex : fromIndex + 1;
  const alignment = fiscalYearStartMonth - 1;
  while ((((first - alignment) % months) + months) % months !== 0) first += 1;
  const last = monthIndex(to);
  const periods: Period[] = [];
  for (let index = first; index <= last; index += months) periods.push(periodAt(index, months));
  return periods;
}

/** The period `offset` periods after (negative: before) `period`, of the same length. */
export function shiftPeriod(period: Period, offset: number): Period {
  return periodAt(monthIndex(period.start) + offset * period.months, period.months);
}

/** The first day of the month `offset` months after (negative: before) the month of `date`. */
export function addMonths(date: string, offset: number): string {
  return firstDayOf(monthIndex(date) + offset);
}

/** How many periods of `grain` start in [from, to], without listing them (input validation). */
export function countPeriods(grain: Grain, from: string, to: string, fiscalYearStartMonth: number): number {
  const span = monthIndex(to) - monthIndex(from) + 1;
  return span / MONTHS_PER_GRAIN[grain] > MAX_PERIODS + 1 ? Infinity : periodsBetween(grain, from, to, fiscalYearStartMonth).length;
}
