/**
 * How the dashboard shows a value of each KPI unit. Plain functions over Intl, shared by the views and the browser test,
 * which checks that what a person reads equals what the API answered.
 */
export type Unit = 'COUNT' | 'CURRENCY' | 'DAYS' | 'MONTHS' | 'PERCENT' | 'RATIO' | 'SCORE';

const LOCALE = 'en-US';

const number = (digits: number) => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function formatValue(value: number | null | undefined, unit: Unit | string, currency = 'USD'): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'CURRENCY':
      return new Intl.NumberFormat(LOCALE, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
    case 'PERCENT':
      return `${number(1).format(value * 100)}%`;
    case 'RATIO':
      return `${number(2).format(value)}×`;
    case 'DAYS':
      return `${number(1).format(value)} d`;
    case 'MONTHS':
      return `${number(1).format(value)} mo`;
    case 'SCORE':
      return number(1).format(value);
    default:
      return number(2).format(value);
  }
}

/** Compact amounts for chart axes: $1.2M, $350k. */
export function formatAxis(value: number, unit: Unit | string, currency = 'USD'): string {
  if (unit === 'PERCENT') return `${number(0).format(value * 100)}%`;
  const compact = new Intl.NumberFormat(LOCALE, {
    notation: 'compact',
    maximumSignificantDigits: 3,
    ...(unit === 'CURRENCY' ? { style: 'currency', currency } : {}),
  });
  return compact.format(value);
}

/** The change against the previous period: percentage points for a percentage, otherwise relative. */
export function formatChange(change: number | null | undefined, relativeChange: number | null | undefined, unit: Unit | string): string {
  if (unit === 'PERCENT') {
    if (change === null || change === undefined) return '—';
    return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${number(1).format(Math.abs(change * 100))} pp`;
  }
  if (relativeChange === null || relativeChange === undefined) return '—';
  return `${relativeChange > 0 ? '+' : relativeChange < 0 ? '−' : '±'}${number(1).format(Math.abs(relativeChange * 100))}%`;
}

export function formatAttainment(attainment: number | null | undefined): string {
  return attainment === null || attainment === undefined ? '—' : `${number(0).format(attainment * 100)}%`;
}

export function formatCount(value: number): string {
  return number(0).format(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period named for a person: "Mar 2025", "Q1 FY2025 (Jan–Mar 2025)" is too long for a column, so quarters read "Jan–Mar 2025". */
export function formatPeriod(periodStart: string, periodEnd: string): string {
  const [ys, ms] = periodStart.split('-').map(Number);
  const [ye, me] = periodEnd.split('-').map(Number);
  if (ys === ye && ms === me) return `${MONTHS[ms - 1]} ${ys}`;
  if (ys === ye) return `${MONTHS[ms - 1]}–${MONTHS[me - 1]} ${ys}`;
  return `${MONTHS[ms - 1]} ${ys}–${MONTHS[me - 1]} ${ye}`;
}

export function formatDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** `LOGO_CHURN_RATE` → "Logo churn rate"; names from the KPI catalogue win where the API has one. */
export function humanize(key: string): string {
  const words = key.toLowerCase().split('_');
  const upper = new Set(['mrr', 'nrr', 'grr', 'arpa', 'cac', 'crc', 'clv', 'ltv', 'csat', 'nps', 'dso', 'ttm', 'aov']);
  return words.map((w, i) => (upper.has(w) ? w.toUpperCase() : i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}
