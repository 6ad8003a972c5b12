import type { DataSource } from 'typeorm';
import { KPIS, KpiKey } from '../modules/kpi/catalogue/kpi.definitions';
import { Dimension, Grain, KpiDirection, KpiUnit } from '../modules/kpi/catalogue/kpi.enums';
import { KpiEngine } from '../modules/kpi/compiler/kpi.engine';
import { addMonths, periodsBetween } from '../core/period.calculator';
import { valueRangeOf } from '../modules/metrics/value.rules';
import type { TargetRowInput } from '../modules/targets/dtos/target.inputs';
import { Random } from './generator/random';
import type { DemoWindow } from './demo-window';

/** The KPIs the demo has targets for: the README's and the example client's matrices, and the KPIs of the demo chain. */
export const DEMO_TARGET_KPIS: KpiKey[] = [
  KpiKey.ACTIVE_CUSTOMERS,
  KpiKey.MRR,
  KpiKey.NEW_MRR,
  KpiKey.NRR,
  KpiKey.GRR,
  KpiKey.LOGO_CHURN_RATE,
  KpiKey.ARPA,
  KpiKey.CAC,
  KpiKey.CLV,
  KpiKey.CUSTOMER_EQUITY,
  KpiKey.CSAT,
  KpiKey.NPS,
];

const DECIMALS: Record<KpiUnit, number> = {
  [KpiUnit.CURRENCY]: 2,
  [KpiUnit.COUNT]: 0,
  [KpiUnit.PERCENT]: 4,
  [KpiUnit.SCORE]: 1,
  [KpiUnit.RATIO]: 2,
  [KpiUnit.DAYS]: 1,
  [KpiUnit.MONTHS]: 1,
};

/**
 * The plan of a demo period: a base value (the period's actual; for a period not complete yet, the last complete period's) moved
 * by an ambition drawn between −10 % and +14 % of it in the KPI's good direction (a quarter of that for percentages, which move
 * less), within the KPI's range. So some cells are on track and most at risk or off track by a little, as in a real plan.
 */
function planned(kpi: KpiKey, base: number, random: Random): number {
  const { unit, direction } = KPIS[kpi];
  const ambition = (-0.1 + 0.24 * random.next()) * (unit === KpiUnit.PERCENT ? 0.25 : 1);
  const range = valueRangeOf({ kpi });
  let value = base + Math.abs(base) * ambition * (direction === KpiDirection.HIGHER_IS_BETTER ? 1 : -1);
  if (range.min !== null) value = Math.max(range.min, value);
  if (range.max !== null) value = Math.min(range.max, value);
  return round(kpi, value);
}

const round = (kpi: KpiKey, value: number) => {
  const scale = 10 ** DECIMALS[KPIS[kpi].unit];
  return Math.round(value * scale) / scale;
};

type Values = Partial<Record<string, number | null>>;

/**
 * Targets of the demo's KPIs for every month, quarter and year starting from the first month of its data up to the month in
 * progress, for every tier and the whole workspace, set around what its facts give (one KPI statement per grain; the same facts
 * always give the same targets). A tier's base is its actual, or where that is 0 or null (nobody churned, no customer new) the
 * mean of its non-zero actuals of that grain; a KPI that never has one gets no target for the tier. The whole workspace's target
 * of an additive KPI is the sum of the tiers' targets plus what no tier holds (costs that name no customer), so that the plan adds up.
 */
export async function demoKpiTargets(
  dataSource: DataSource,
  workspaceId: string,
  window: DemoWindow,
  fiscalYearStartMonth: number,
  kpis: KpiKey[] = DEMO_TARGET_KPIS,
): Promise<TargetRowInput[]> {
  const engine = new KpiEngine(dataSource);
  const afterData = addMonths(window.end, 1);
  const targets: TargetRowInput[] = [];
  for (const [g, grain] of [Grain.MONTH, Grain.QUARTER, Grain.YEAR].entries()) {
    const periods = periodsBetween(grain, window.start, window.current, fiscalYearStartMonth);
    const complete = periods.filter((p) => p.end < afterData);
    if (complete.length === 0) continue;
    // Complete periods only: computed through the last month of the data.
    const rows = await engine.run({ workspaceId, periods: complete, dataCompleteThrough: window.end, outputs: kpis, groupBy: [Dimension.TIER], filter: {}, withTotal: true });
    // Per group (a tier key, '' for the whole workspace, null for the rows of no tier): the values of each complete period.
    const actuals = new Map<string | null, Values[]>();
    for (const row of rows) {
      const group = row.total ? '' : (row.group.TIER ?? null);
      if (!actuals.has(group)) actuals.set(group, []);
      actuals.get(group)![row.period] = row.values;
    }
    const actualOf = (group: string | null, p: number, kpi: KpiKey) => actuals.get(group)?.[Math.min(p, complete.length - 1)]?.[kpi] ?? null;
    const tiers = [...actuals.keys()].filter((group): group is string => group !== null && group !== '').sort();
    kpis.forEach((kpi, k) => {
      const nonZero = (group: string) => complete.map((_, p) => actualOf(group, p, kpi)).filter((v): v is number => v !== null && v !== 0);
      periods.forEach((period, p) => {
        let tierTargets = 0;
        let tierActuals = 0;
        tiers.forEach((tier, t) => {
          const actual = actualOf(tier, p, kpi);
          const others = nonZero(tier);
          const base = actual !== null && actual !== 0 ? actual : others.length ? others.reduce((a, b) => a + b, 0) / others.length : null;
          if (base === null) return;
          const value = planned(kpi, base, Random.for(7, g, p, t, k));
          targets.push({ kpi, grain, periodStart: period.start, tier, value });
          tierTargets += value;
          tierActuals += actual ?? 0;
        });
        const total = actualOf('', p, kpi);
        if (total === null || total === 0) return;
        const value = KPIS[kpi].additive ? round(kpi, tierTargets + (total - tierActuals)) : planned(kpi, total, Random.for(7, g, p, tiers.length, k));
        targets.push({ kpi, grain, periodStart: period.start, value });
      });
    });
  }
  return targets;
}
