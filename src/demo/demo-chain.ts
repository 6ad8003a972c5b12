import type { DataSource } from 'typeorm';
import type { Services } from '../core/context';
import { Role } from '../core/role.enum';
import { Grain, KpiUnit, KpiDirection } from '../modules/kpi/catalogue/kpi.enums';
import { KpiKey } from '../modules/kpi/catalogue/kpi.definitions';
import { addMonths, periodsBetween, type Period } from '../core/period.calculator';
import { IndicatorKind, MetricLevel, MetricSource } from '../modules/metrics/metric.enums';
import type { MetricValueRowInput } from '../modules/metrics/dtos/metric.inputs';
import type { TargetRowInput } from '../modules/targets/dtos/target.inputs';
import { DEMO_TARGET_KPIS, demoKpiTargets } from './demo-targets';
import type { DemoWindow } from './demo-window';

interface DemoMetric {
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
  /**
   * OBSERVED, counted from the facts instead: the events of this type at this touchpoint, per month, for the workspace and per
   * tier; the plan of a month is 6 % above the mean of its actual and its neighbours'.
   */
  counted?: { type: 'CONTENT_DOWNLOAD' | 'CONTENT_SHARE'; touchpoint: string };
  /** A rate (a quarter or year takes the mean of its months, every tier the same target); else a count (summed). */
  rate?: boolean;
}

/** A demo's metric chain: its metrics, the links between them (and to customer_equity), and the KPIs it approves targets for. */
export interface DemoChain {
  metrics: DemoMetric[];
  links: [child: string, parent: string, weight: number][];
  targetKpis: KpiKey[];
}

/** How the whole splits over the tiers by rank (strategic, enterprise, growth, scale): the OBSERVED metrics given by formula. */
const TIER_SHARES = [0.4, 0.3, 0.2, 0.1];

/** The demo chain of the seed (001): activities → outputs → outcomes → customer equity. */
const B2B_METRICS: DemoMetric[] = [
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
    monthly: (i) => Math.round(Math.min(0.99, 0.72 + 0.008 * i) * 1000) / 1000, target: (i) => Math.round(Math.min(0.99, 0.76 + 0.006 * i) * 1000) / 1000, rate: true,
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

export const B2B_CHAIN: DemoChain = {
  metrics: B2B_METRICS,
  links: [
    ['webinars_held', 'qualified_opportunities', 2],
    ['content_downloads', 'qualified_opportunities', 1],
    ['qualified_opportunities', 'new_customer_revenue', 1],
    ['onboarding_completion', 'grr', 1],
    ['onboarding_completion', 'nrr', 1],
    ['new_customer_revenue', 'customer_equity', 2],
    ['grr', 'customer_equity', 1],
    ['nrr', 'customer_equity', 1],
  ],
  targetKpis: DEMO_TARGET_KPIS,
};

/**
 * The clothier's chain: the style guides (an activity counted from the facts) lead repeat purchase; repeat purchase and the
 * average order lead lifetime value; lifetime value and revenue retention make customer equity.
 */
export const CLOTHIER_CHAIN: DemoChain = {
  metrics: [
    {
      key: 'style_guide_downloads', name: 'Style guide downloads', description: 'Downloads of the seasonal style guides by shoppers.',
      level: MetricLevel.ACTIVITY, indicatorKind: IndicatorKind.LEADING, phase: 'repeat_purchase', owner: 'CRM and Content', unit: KpiUnit.COUNT,
      counted: { type: 'CONTENT_DOWNLOAD', touchpoint: 'repeat_style_guide' },
    },
    {
      key: 'repeat_purchase_rate', name: 'Repeat purchase rate', description: 'Share of the shoppers of the last 12 months who bought at least twice.',
      level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.LEADING, phase: 'repeat_purchase', owner: 'CRM and Content', kpi: KpiKey.REPEAT_PURCHASE_RATE,
    },
    {
      key: 'aov', name: 'Average order value', description: 'What an order brings on average, before returns.',
      level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.TRAILING, phase: 'first_purchase', owner: 'E-commerce Team', kpi: KpiKey.AOV,
    },
    {
      key: 'clv', name: 'Customer lifetime value', description: 'What a shopper is worth over its expected lifetime, at the gross margin.',
      level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'loyalty_advocacy', owner: 'Style Club', kpi: KpiKey.CLV,
    },
    {
      key: 'nrr', name: 'Net revenue retention', description: 'Run rate of the shoppers of the month before, kept this month (12-month window).',
      level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'loyalty_advocacy', owner: 'Style Club', kpi: KpiKey.NRR,
    },
  ],
  links: [
    ['style_guide_downloads', 'repeat_purchase_rate', 1],
    ['repeat_purchase_rate', 'clv', 1],
    ['repeat_purchase_rate', 'nrr', 1],
    ['aov', 'clv', 1],
    ['clv', 'customer_equity', 1],
    ['nrr', 'customer_equity', 1],
  ],
  targetKpis: [
    KpiKey.ACTIVE_CUSTOMERS,
    KpiKey.NEW_CUSTOMERS,
    KpiKey.REVENUE,
    KpiKey.ORDERS,
    KpiKey.AOV,
    KpiKey.REFUND_RATE,
    KpiKey.PURCHASE_FREQUENCY,
    KpiKey.REPEAT_PURCHASE_RATE,
    KpiKey.NRR,
    KpiKey.CAC,
    KpiKey.CLV,
    KpiKey.CUSTOMER_EQUITY,
    KpiKey.CSAT,
  ],
};

type MonthSeries = (i: number) => number;
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
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

/** Per tier key ('' for the whole workspace): the events of a counted metric in each month of the window. */
async function countedValues(dataSource: DataSource, workspaceId: string, window: DemoWindow, counted: NonNullable<DemoMetric['counted']>) {
  const rows: { tier: string; month: string; n: number }[] = await dataSource.query(
    `SELECT t.key AS tier, to_char(date_trunc('month', e.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month, count(*)::int AS n
     FROM event e JOIN touchpoint tp ON tp.workspace_id = e.workspace_id AND tp.id = e.touchpoint_id
       JOIN customer c ON c.workspace_id = e.workspace_id AND c.id = e.customer_id JOIN tier t ON t.workspace_id = c.workspace_id AND t.id = c.tier_id
     WHERE e.workspace_id = $1 AND e.type = $2 AND tp.key = $3 GROUP BY 1, 2`,
    [workspaceId, counted.type, counted.touchpoint],
  );
  const byTier = new Map<string, number[]>();
  const months = monthIndex(window, window.current);
  for (const row of rows) {
    for (const key of [row.tier, '']) {
      if (!byTier.has(key)) byTier.set(key, new Array<number>(months).fill(0));
      const i = monthIndex(window, row.month);
      if (i < months) byTier.get(key)![i] += row.n;
    }
  }
  return byTier;
}

/** A plan around actual counts: 6 % above the mean of the month and its neighbours with data (the last month's for later ones). */
const planAround = (actual: number[]) => (i: number) => {
  const around = [i - 1, i, i + 1].map((j) => Math.min(j, actual.length - 1)).filter((j) => j >= 0).map((j) => actual[j]);
  return Math.round((around.reduce((a, b) => a + b, 0) / around.length) * 1.06);
};

/**
 * Adds a demo metric chain (the B2B one by default) to a workspace made from its journey template, over the demo's months (`window`, demo-targets.ts):
 * metrics with their phases (and owners, where the demo has them) and links; values of the OBSERVED metrics for every month with
 * facts, and for every quarter and year whose months all have facts (whole workspace and per tier); approved targets for every
 * month, quarter and year that starts from the first month of the data up to the month in progress — of the OBSERVED metrics
 * (a growing plan) and of the KPIs (demo-targets.ts: around what the facts give), for the whole workspace and every tier.
 * The facts must be written first: the KPI targets are set from them.
 */
export async function createDemoChain(
  dataSource: DataSource,
  services: Services,
  workspaceId: string,
  window: DemoWindow,
  chain: DemoChain = B2B_CHAIN,
): Promise<void> {
  const phases: { id: string; key: string; owner_id: string | null }[] = await dataSource.query(
    'SELECT id, key, owner_id FROM phase WHERE workspace_id = $1',
    [workspaceId],
  );
  const owners: { id: string; name: string }[] = await dataSource.query('SELECT id, name FROM owner WHERE workspace_id = $1', [workspaceId]);
  const [{ fiscal_year_start_month: fiscalYearStartMonth }]: { fiscal_year_start_month: number }[] = await dataSource.query(
    'SELECT fiscal_year_start_month FROM workspace WHERE id = $1',
    [workspaceId],
  );
  const phaseId = new Map(phases.map((p) => [p.key, p.id]));
  const ownerId = new Map(owners.map((o) => [o.name, o.id]));

  for (const m of chain.metrics) {
    await services.metrics.create(workspaceId, {
      key: m.key,
      name: m.name,
      description: m.description,
      level: m.level,
      indicatorKind: m.indicatorKind,
      source: m.kpi ? MetricSource.KPI : MetricSource.OBSERVED,
      kpi: m.kpi ?? null,
      unit: m.kpi ? null : m.unit,
      direction: m.kpi ? null : KpiDirection.HIGHER_IS_BETTER,
      phaseId: phaseId.get(m.phase) ?? null,
      ownerId: (m.owner && ownerId.get(m.owner)) || null,
    });
  }
  for (const [child, parent, weight] of chain.links) await services.metricLinks.link(workspaceId, { child, parent, weight });

  const tiers = ((await dataSource.query('SELECT key FROM tier WHERE workspace_id = $1 ORDER BY rank, key', [workspaceId])) as { key: string }[]).map((t) => t.key);
  const afterData = addMonths(window.end, 1);
  const values: MetricValueRowInput[] = [];
  const targets: TargetRowInput[] = [];
  // Per OBSERVED metric: its monthly values and plans, for the whole workspace and for tier t.
  const series: { metric: DemoMetric; monthly: MonthSeries; target: MonthSeries; tierValue: (t: number) => MonthSeries; tierTarget: (t: number) => MonthSeries }[] = [];
  for (const m of chain.metrics) {
    if (m.counted) {
      const counts = await countedValues(dataSource, workspaceId, window, m.counted);
      const of = (tier: string) => counts.get(tier) ?? [0];
      series.push({
        metric: m,
        monthly: (i) => of('')[i] ?? 0,
        target: planAround(of('')),
        tierValue: (t) => (i) => of(tiers[t])[i] ?? 0,
        tierTarget: (t) => planAround(of(tiers[t])),
      });
    } else if (m.monthly && m.target) {
      const { monthly, target } = m;
      series.push({
        metric: m,
        monthly,
        target,
        // Tiers do not perform alike: the larger tiers run a little ahead of their share.
        tierValue: (t) => (i) => (m.rate ? round3(Math.min(1, monthly(i) + 0.04 - 0.02 * t)) : Math.round(monthly(i) * (TIER_SHARES[t] ?? 0) * (1.1 - 0.05 * t))),
        tierTarget: (t) => (i) => (m.rate ? target(i) : round2(target(i) * (TIER_SHARES[t] ?? 0))),
      });
    }
  }
  for (const grain of [Grain.MONTH, Grain.QUARTER, Grain.YEAR]) {
    const periods = periodsBetween(grain, window.start, window.current, fiscalYearStartMonth);
    for (const { metric: m, monthly, target, tierValue, tierTarget } of series) {
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
  targets.push(...(await demoKpiTargets(dataSource, workspaceId, window, fiscalYearStartMonth, chain.targetKpis)));
  await services.metricValues.recordValues(workspaceId, values);
  await services.targets.upsert(workspaceId, targets);

  // Approved by the workspace's first ADMIN key, as finance would.
  const [admin]: { id: string }[] = await dataSource.query(
    'SELECT id FROM api_key WHERE workspace_id = $1 AND role = $2 ORDER BY created_at LIMIT 1',
    [workspaceId, Role.ADMIN],
  );
  const drafts: { id: string }[] = await dataSource.query(`SELECT id FROM target WHERE workspace_id = $1 AND status = 'DRAFT'`, [workspaceId]);
  await services.targets.approve(
    { keyId: admin.id, workspaceId, role: Role.ADMIN, partnerId: null },
    drafts.map((t) => t.id),
    [],
    'count',
  );
}
