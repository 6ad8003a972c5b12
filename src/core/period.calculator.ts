import { Grain } from './grain.enum';

/** A KPI period: `start` is the first day of its first month s, `end` the last day of its last month e. */
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

/**
 * How much of a period the loaded facts cover, given the workspace's watermark `dataCompleteThrough` (the first day of the last
 * complete month, or null when no period has data):
 * - a period ending on or before the watermark month is complete: all `months` of it, `dataThrough` its own last day;
 * - a period starting on or before it but ending after it is computed to date: its months up to the watermark month,
 *   `lastMonth` the watermark month, `dataThrough` the last day of that month;
 * - a period starting after it (or any period without a watermark) has no data: 0 months, `lastMonth` and `dataThrough` null.
 */
export interface Coverage {
  complete: boolean;
  /** The last day the period's values are computed through; null when the period has no data. */
  dataThrough: string | null;
  /** The first day of the last month computed (e, or the watermark month when to date); null when the period has no data. */
  lastMonth: string | null;
  /** The months of the period up to the watermark: k when complete, fewer when to date, 0 without data. */
  months: number;
}

export function coverageOf(period: Period, dataCompleteThrough: string | null): Coverage {
  const start = monthIndex(period.start);
  const end = start + period.months - 1;
  const watermark = dataCompleteThrough === null ? -Infinity : monthIndex(dataCompleteThrough);
  if (watermark < start) return { complete: false, dataThrough: null, lastMonth: null, months: 0 };
  const last = Math.min(end, watermark);
  return { complete: last === end, dataThrough: lastDayOf(last), lastMonth: firstDayOf(last), months: last - start + 1 };
}

/** Whether `date` (YYYY-MM-DD) is the first day of a month. */
export function isFirstOfMonth(date: string): boolean {
  return DATE.test(date) && date.endsWith('-01');
}
