import type { DataSource } from 'typeorm';
import type { Services } from '../core/context';
import { Role } from '../core/role.enum';
import { DEFAULT_TIERS } from '../modules/workspaces/workspace.service';
import { Grain, KpiUnit, KpiDirection } from '../modules/kpi/catalogue/kpi.enums';
import { KpiKey } from '../modules/kpi/catalogue/kpi.definitions';
import { addMonths, periodsBetween, type Period } from '../core/period.calculator';
import { IndicatorKind, MetricLevel, MetricSource } from '../modules/metrics/metric.enums';
import type { MetricValueRowInput } from '../modules/metrics/dtos/metric.inputs';
import type { TargetRowInput } from '../modules/targets/dtos/target.inputs';
import { demoKpiTargets } from './demo-targets';
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
  /** A rate (a quarter or year takes the mean of its months, every tier the same target); else a count (summed). */
  rate?: boolean;
}

/** How the whole splits over the default tiers (strategic, enterprise, growth, scale). */
const TIER_SHARES = [0.4, 0.3, 0.2, 0.1];

/** The demo chain of the seed (001): activities → outputs → outcomes → customer equity. */
const DEMO_METRICS: DemoMetric[] = [
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

const DEMO_LINKS: [child: string, parent: string, weight: number][] = [
  ['webinars_held', 'qualified_opportunities', 2],
  ['content_downloads', 'qualified_opportunities', 1],
  ['qualified_opportunities', 'new_customer_revenue', 1],
  ['onboarding_completion', 'grr', 1],
  ['onboarding_completion', 'nrr', 1],
  ['new_customer_revenue', 'customer_equity', 2],
  ['grr', 'customer_equity', 1],
  ['nrr', 'customer_equity', 1],
];

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

/**
 * Adds the demo metric chain to a workspace made from the B2B lifecycle template, over the demo's months (`window`, demo-targets.ts):
 * metrics with their phases (and owners, where the demo has them) and links; values of the OBSERVED metrics for every month with
 * facts, and for every quarter and year whose months all have facts (whole workspace and per tier); approved targets for every
 * month, quarter and year that starts from the first month of the data up to the month in progress — of the OBSERVED metrics
 * (a growing plan) and of the KPIs (demo-targets.ts: around what the facts give), for the whole workspace and every tier.
 * The facts must be written first: the KPI targets are set from them.
 */
export async function createDemoChain(dataSource: DataSource, services: Services, workspaceId: string, window: DemoWindow): Promise<void> {
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

  for (const m of DEMO_METRICS) {
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
  for (const [child, parent, weight] of DEMO_LINKS) await services.metricLinks.link(workspaceId, { child, parent, weight });

  const tiers = DEFAULT_TIERS.map((t) => t.key);
  const afterData = addMonths(window.end, 1);
  const values: MetricValueRowInput[] = [];
  const targets: TargetRowInput[] = [];
  for (const grain of [Grain.MONTH, Grain.QUARTER, Grain.YEAR]) {
    const periods = periodsBetween(grain, window.start, window.current, fiscalYearStartMonth);
    for (const m of DEMO_METRICS) {
      if (!m.monthly || !m.target) continue;
      const { monthly, target } = m;
      // Tiers do not perform alike: the larger tiers run a little ahead of their share.
      const tierValue = (t: number) => (i: number) => (m.rate ? round3(Math.min(1, monthly(i) + 0.04 - 0.02 * t)) : Math.round(monthly(i) * TIER_SHARES[t] * (1.1 - 0.05 * t)));
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
  targets.push(...(await demoKpiTargets(dataSource, workspaceId, window, fiscalYearStartMonth)));
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
