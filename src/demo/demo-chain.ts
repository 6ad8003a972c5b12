import type { DataSource } from 'typeorm';
import type { Services } from '../core/context';
import { Role } from '../core/role.enum';
import { DEFAULT_TIERS } from '../modules/workspaces/workspace.service';
import { Grain, KpiUnit, KpiDirection } from '../modules/kpi/catalogue/kpi.enums';
import { KpiKey } from '../modules/kpi/catalogue/kpi.definitions';
import { addMonths } from '../core/period.calculator';
import { IndicatorKind, MetricLevel, MetricSource } from '../modules/metrics/metric.enums';
import type { MetricValueRowInput } from '../modules/metrics/dtos/metric.inputs';
import type { TargetRowInput } from '../modules/targets/dtos/target.inputs';

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
  /** OBSERVED: the whole-workspace value of month i (0 = twelve months ago); tiers get shares of it. */
  monthly?: (i: number) => number;
  /** The whole-workspace monthly target; tiers get shares of it (rates: the same for every tier). */
  target: number;
  rate?: boolean;
}

/** How the whole splits over the default tiers (strategic, enterprise, growth, scale). */
const TIER_SHARES = [0.4, 0.3, 0.2, 0.1];

/** The demo chain of the seed (001): activities → outputs → outcomes → customer equity. */
const DEMO_METRICS: DemoMetric[] = [
  {
    key: 'webinars_held', name: 'Webinars held', description: 'Webinars run for prospects and customers.', level: MetricLevel.ACTIVITY,
    indicatorKind: IndicatorKind.LEADING, phase: 'contact', unit: KpiUnit.COUNT, monthly: (i) => 4 + (i % 3), target: 5,
  },
  {
    key: 'content_downloads', name: 'Content downloads', description: 'Downloads of white papers, guides and case studies.',
    level: MetricLevel.ACTIVITY, indicatorKind: IndicatorKind.LEADING, phase: 'contact', unit: KpiUnit.COUNT, monthly: (i) => 300 + 15 * i, target: 400,
  },
  {
    key: 'qualified_opportunities', name: 'Qualified opportunities', description: 'Opportunities accepted by sales in the month.',
    level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.LEADING, phase: 'consideration', unit: KpiUnit.COUNT,
    monthly: (i) => 40 + 2 * i + (i % 4 === 0 ? -5 : 0), target: 55,
  },
  {
    key: 'onboarding_completion', name: 'Onboarding completion', description: 'Share of new customers that completed onboarding within 60 days.',
    level: MetricLevel.OUTPUT, indicatorKind: IndicatorKind.LEADING, phase: 'purchase', unit: KpiUnit.PERCENT,
    monthly: (i) => Math.round((0.72 + 0.015 * i) * 1000) / 1000, target: 0.85, rate: true,
  },
  {
    key: 'new_customer_revenue', name: 'New customer revenue', description: 'MRR of the customers won in the period (NEW_MRR).',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'purchase', owner: 'Sales Development', kpi: KpiKey.NEW_MRR, target: 40000,
  },
  {
    key: 'grr', name: 'Gross revenue retention', description: 'GRR: recurring revenue kept from the base, without expansion.',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'post_purchase', kpi: KpiKey.GRR, target: 0.97, rate: true,
  },
  {
    key: 'nrr', name: 'Net revenue retention', description: 'NRR: recurring revenue of the base including expansion; read it beside GRR.',
    level: MetricLevel.OUTCOME, indicatorKind: IndicatorKind.TRAILING, phase: 'loyalty', kpi: KpiKey.NRR, target: 1.02, rate: true,
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

/** The monthly customer equity target of the demo, split over tiers like the other amounts. */
const CUSTOMER_EQUITY_TARGET = 250000;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Adds the demo metric chain to a workspace made from the B2B lifecycle template: metrics with their phases (and owners, where the
 * demo has them), links, recorded values of the twelve months before `today`'s month (whole workspace and per tier) and approved
 * monthly targets for the whole workspace and every tier. Kept apart from the rest of the demo so that it merges with other demo data.
 */
export async function createDemoChain(dataSource: DataSource, services: Services, workspaceId: string, today = new Date()): Promise<void> {
  const phases: { id: string; key: string; owner_id: string | null }[] = await dataSource.query(
    'SELECT id, key, owner_id FROM phase WHERE workspace_id = $1',
    [workspaceId],
  );
  const owners: { id: string; name: string }[] = await dataSource.query('SELECT id, name FROM owner WHERE workspace_id = $1', [workspaceId]);
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
  for (const [child, parent, weight] of DEMO_LINKS) await services.metrics.link(workspaceId, { child, parent, weight });

  const thisMonth = `${today.toISOString().slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => addMonths(thisMonth, i - 12));
  const tiers = DEFAULT_TIERS.map((t) => t.key);
  const share = (value: number, tier: number, rate = false) => (rate ? value : round2(value * TIER_SHARES[tier]));

  const values: MetricValueRowInput[] = [];
  const targets: TargetRowInput[] = [];
  for (const m of DEMO_METRICS) {
    months.forEach((month, i) => {
      const subject = m.kpi ? { kpi: m.kpi } : { metric: m.key };
      targets.push({ ...subject, grain: Grain.MONTH, periodStart: month, value: m.target });
      tiers.forEach((tier, t) => targets.push({ ...subject, grain: Grain.MONTH, periodStart: month, tier, value: share(m.target, t, m.rate) }));
      if (!m.monthly) return;
      const whole = m.monthly(i);
      values.push({ metric: m.key, grain: Grain.MONTH, periodStart: month, value: whole });
      // Tiers do not perform alike: the larger tiers run a little ahead of their share.
      tiers.forEach((tier, t) =>
        values.push({ metric: m.key, grain: Grain.MONTH, periodStart: month, tier, value: m.rate ? Math.round((whole + 0.04 - 0.02 * t) * 1000) / 1000 : Math.round(whole * TIER_SHARES[t] * (1.1 - 0.05 * t)) }),
      );
    });
  }
  for (const month of months) {
    targets.push({ kpi: KpiKey.CUSTOMER_EQUITY, grain: Grain.MONTH, periodStart: month, value: CUSTOMER_EQUITY_TARGET });
    tiers.forEach((tier, t) =>
      targets.push({ kpi: KpiKey.CUSTOMER_EQUITY, grain: Grain.MONTH, periodStart: month, tier, value: share(CUSTOMER_EQUITY_TARGET, t) }),
    );
  }
  await services.metrics.recordValues(workspaceId, values);
  await services.targets.upsert(workspaceId, targets);

  // Approved by the workspace's first ADMIN key, as finance would.
  const [admin]: { id: string }[] = await dataSource.query(
    'SELECT id FROM api_key WHERE workspace_id = $1 AND role = $2 ORDER BY created_at LIMIT 1',
    [workspaceId, Role.ADMIN],
  );
  await services.targets.approve(
    { keyId: admin.id, workspaceId, role: Role.ADMIN, partnerId: null },
    [],
    targets.map(({ value: _value, ...key }) => key),
  );
}
