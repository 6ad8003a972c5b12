import { KPIS } from '../kpi/catalogue/kpi.definitions';
import { KpiUnit } from '../kpi/catalogue/kpi.enums';
import type { KpiKey } from '../kpi/catalogue/kpi.definitions';

interface ValueRange {
  min: number | null;
  max: number | null;
}

/**
 * The values of each unit, for recorded metric values and targets. A PERCENT is a fraction, as every KPI answers it (0.3 means
 * 30 %), so 30 is refused rather than read as 3,000 %; a rate that may exceed 100 % or go below 0 is a RATIO. Counts, days and
 * months are not negative. A KPI may declare its own range (NRR up to 10, margins below 0, NPS from −100 to 100).
 */
const UNIT_RANGE: Record<KpiUnit, ValueRange> = {
  [KpiUnit.PERCENT]: { min: 0, max: 1 },
  [KpiUnit.COUNT]: { min: 0, max: null },
  [KpiUnit.DAYS]: { min: 0, max: null },
  [KpiUnit.MONTHS]: { min: 0, max: null },
  [KpiUnit.CURRENCY]: { min: null, max: null },
  [KpiUnit.RATIO]: { min: null, max: null },
  [KpiUnit.SCORE]: { min: null, max: null },
};

const number = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 10 });
const percent = (n: number) => `${number(Math.round(n * 1e8) / 1e6)} %`;

type Subject = { kpi: KpiKey } | { metric: string; unit: KpiUnit };

/** The values a KPI, or a metric of a unit, can take: `null` where it is unbounded. */
export function valueRangeOf(subject: Subject): ValueRange {
  return ('kpi' in subject && KPIS[subject.kpi].range) || UNIT_RANGE['kpi' in subject ? KPIS[subject.kpi].unit : subject.unit];
}

/** Why `value` is not a value of the KPI, or of the metric of that unit, or null when it is. */
export function valueProblem(value: number, subject: Subject): string | null {
  const unit = 'kpi' in subject ? KPIS[subject.kpi].unit : subject.unit;
  const range = valueRangeOf(subject);
  if ((range.min === null || value >= range.min) && (range.max === null || value <= range.max)) return null;
  const what = 'kpi' in subject ? subject.kpi : `"${subject.metric}" (${unit})`;
  const bounds =
    range.min !== null && range.max !== null
      ? `from ${number(range.min)} to ${number(range.max)}`
      : range.min !== null
        ? `at least ${number(range.min)}`
        : `at most ${number(range.max!)}`;
  if (unit === KpiUnit.PERCENT) {
    const hint = Math.abs(value) > 1 && Math.abs(value) <= 100 ? `; for ${number(value)} %, send ${number(value / 100)}` : '';
    return `${what} is a percentage written as a fraction (0.3 means 30 %), ${bounds}; got ${number(value)} (${percent(value)})${hint}`;
  }
  return `${what} must be ${bounds}; got ${number(value)}`;
}
