import type { DataSource } from 'typeorm';
import type { Services } from '../core/context';
import { Role } from '../core/role.enum';
import { KpiDirection } from '../modules/kpi/catalogue/kpi.enums';
import { MetricSource } from '../modules/metrics/metric.enums';
import { demoKpiTargets } from './demo-targets';
import { DEMO_LINKS, DEMO_METRICS, demoChainRows } from './demo-chain.rows';
import type { DemoWindow } from './demo-window';

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

  const { values, targets } = demoChainRows(window, fiscalYearStartMonth);
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
