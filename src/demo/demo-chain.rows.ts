import { DEFAULT_TIERS } from '../modules/workspaces/workspace.service';
import { Grain, KpiUnit } from '../modules/kpi/catalogue/kpi.enums';
import { KpiKey } from '../modules/kpi/catalogue/kpi.definitions';
import { addMonths, periodsBetween, type Period } from '../core/period.calculator';
import { IndicatorKind, MetricLevel } from '../modules/metrics/metric.enums';
import type { MetricValueRowInput } from '../modules/metrics/dtos/metric.inputs';
import type { TargetRowInput } from '../modules/targets/dtos/target.inputs';
import type { DemoWindow } from './demo-window';

export interface DemoMetric {
  key: string;
  name: string;
  description: string;
  level: MetricLevel;
  indicatorKind: IndicatorKind;
  phase: string;
  owner?: string;
  kpi?: KpiKey;
  unit?: KpiUnit;
  /** OBSERVED: the whole-workspace value of month i (0 = the first month of the demo's data); tiers get shares of it. */
  monthly?: (i: number) => number;
  /** OBSERVED: the whole-workspace target of month i, a plan that grows with the business; tiers get shares of it. */
  target?: (i: number) => number;
  /** A rate (a quarter or year takes the mean of its months, every tier the same target); else a count (summed). */
  rate?: boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * A rate that improves month by month towards `ceiling` without ever reaching it: `start` in month 0, then each month closes
 * `pace` of the gap left. A straight line (start + step × month) crosses 100 % once the window is long enough (with 36 months,
 * the onboarding completion of the strategic tier came to 104 %, which a PERCENT refuses); this stays below the ceiling for
 * any number of months.
 */
const towards = (start: number, ceiling: number, pace: number) => (i: number) => round3(ceiling - (ceiling - start) * (1 - pace) ** i);

/**
 * Tiers do not perform alike: the larger tiers run a little ahead. A rate of tier t is the whole's plus 0.04 − 0.02 t (so the
 * ceilings of the rates above stay at most 0.96, and their starts at least 0.02); a count is the tier's share, 10 % − 5 t % ahead.
 */
const RATE_TIER_OFFSET = (t: number) => 0.04 - 0.02 * t;

/** How the whole splits over the default tiers (strategic, enterprise, growth, scale). */
const TIER_SHARES = [0.4, 0.3, 0.2, 0.1];

/** The demo chain of the seed (001): activities → outputs → outcomes → customer equity. */
export const DEMO_METRICS: DemoMetric[] = [
  {
    key: 'webinars_held', name: 'Webinars held', description: 'Webinars run for prospects and customers.', level: MetricLevel.ACTIVITY,
    indicatorKind: IndicatorKind.LEADING, phase: 'contact', unit: KpiUnit.COUNT, monthly: (i) => 4 + (i % 3), target: () => 5,
  },
  {
    key: 'content_downloads', name: 'Content downloads', description: 'Downloads of white papers, guides and case studies.',
    level: MetricLevel.ACTIVITY, indicatorKind: IndicatorKind.LEADING, phase: 'contact', unit: KpiUnit.COUNT,
    monthly: (i) => 300 + 15 * i, target: (i) => 320 + 14 * i,
  },
  {
    key: 'qualified_opportunities', name: 'Qualified opportunities', description: 'Opportunities accepted by sales in the month.',
    level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.LEADING, phase: 'consideration', unit: KpiUnit.COUNT,
    monthly: (i) => 40 + 2 * i + (i % 4 === 0 ? -5 : 0), target: (i) => 44 + 2 * i,
  },
  {
    key: 'onboarding_completion', name: 'Onboarding completion', description: 'Share of new customers that completed onboarding within 60 days.',
    level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.LEADING, phase: 'purchase', unit: KpiUnit.PERCENT,
    monthly: towards(0.72, 0.94, 0.035), target: towards(0.76, 0.95, 0.03), rate: true,
  },
  {
    key: 'new_customer_revenue', name: 'New customer revenue', description: 'MRR of the customers won in the period (NEW_MRR).',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'purchase', owner: 'Sales Development', kpi: KpiKey.NEW_MRR,
  },
  {
    key: 'grr', name: 'Gross revenue retention', description: 'GRR: recurring revenue kept from the base, without expansion.',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'post_purchase', kpi: KpiKey.GRR,
  },
  {
    key: 'nrr', name: 'Net revenue retention', description: 'NRR: recurring revenue of the base including expansion; read it beside GRR.',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'loyalty', kpi: KpiKey.NRR,
  },
];

export const DEMO_LINKS: [child: string, parent: string, weight: number][] = [
  ['webinars_held', 'qualified_opportunities', 2],
  ['content_downloads', 'qualified_opportunities', 1],
  ['qualified_opportunities', 'new_customer_revenue', 1],
  ['onboarding_completion', 'grr', 1],
  ['onboarding_completion', 'nrr', 1],
  ['new_customer_revenue', 'customer_equity', 2],
  ['grr', 'customer_equity', 1],
  ['nrr', 'customer_equity', 1],
];

const monthIndex = (window: DemoWindow, month: string) => {
  let i = 0;
  while (addMonths(window.start, i) < month) i += 1;
  return i;
};

/** A period's value from its months' values: a count adds up, a rate is their mean. */
function overMonths(metric: DemoMetric, period: Period, window: DemoWindow, ofMonth: (i: number) => number): number {
  const first = monthIndex(window, period.start);
  const values = Array.from({ length: period.months }, (_, j) => ofMonth(first + j));
  const sum = values.reduce((a, b) => a + b, 0);
  return metric.rate ? round3(sum / values.length) : round2(sum);
}

/**
 * The recorded values and approved-to-be targets of the demo chain's OBSERVED metrics over `window`, for the whole workspace and
 * every default tier: targets for every month, quarter and year from the first month of data to the month in progress, values
 * only for periods whose every month has facts. Pure: no database.
 */
export function demoChainRows(window: DemoWindow, fiscalYearStartMonth: number): { values: MetricValueRowInput[]; targets: TargetRowInput[] } {
  const tiers = DEFAULT_TIERS.map((t) => t.key);
  const afterData = addMonths(window.end, 1);
  const values: MetricValueRowInput[] = [];
  const targets: TargetRowInput[] = [];
  for (const grain of [Grain.MONTH, Grain.QUARTER, Grain.YEAR]) {
    const periods = periodsBetween(grain, window.start, window.current, fiscalYearStartMonth);
    for (const m of DEMO_METRICS) {
      if (!m.monthly || !m.target) continue;
      const { monthly, target } = m;
      const tierValue = (t: number) => (i: number) => (m.rate ? round3(monthly(i) + RATE_TIER_OFFSET(t)) : Math.round(monthly(i) * TIER_SHARES[t] * (1.1 - 0.05 * t)));
      const tierTarget = (t: number) => (i: number) => (m.rate ? target(i) : round2(target(i) * TIER_SHARES[t]));
      for (const period of periods) {
        const key = { metric: m.key, grain, periodStart: period.start };
        targets.push({ ...key, value: overMonths(m, period, window, target) });
        tiers.forEach((tier, t) => targets.push({ ...key, tier, value: overMonths(m, period, window, tierTarget(t)) }));
        if (period.end >= afterData) continue; // values only where every month has facts
        values.push({ ...key, value: overMonths(m, period, window, monthly) });
        tiers.forEach((tier, t) => values.push({ ...key, tier, value: overMonths(m, period, window, tierValue(t)) }));
      }
    }
  }
  return { values, targets };
}
