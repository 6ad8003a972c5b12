import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';
import { generateDataset, generateOrders } from '../../helpers/kpi-dataset';
import { KpiEngine, type KpiRow } from '../../../src/modules/kpi/compiler/kpi.engine';
import { KPIS } from '../../../src/modules/kpi/catalogue/kpi.definitions';
import { Dimension, Grain } from '../../../src/modules/kpi/catalogue/kpi.enums';
import { KpiKey } from '../../../src/modules/kpi/catalogue/kpi.definitions';
import { periodsBetween } from '../../../src/core/period.calculator';
import type { GroupKey, OutputName } from '../../../src/modules/kpi/compiler/kpi.compiler';
import type { BusinessModel } from '../../../src/modules/workspaces/workspace.enums';

/**
 * The identities of docs/kpis.md, for every period and every group of a generated dataset (60 customers × 24 months, see
 * generateDataset: expansions, contractions, churns, reactivations, customers acquired and churned at once):
 *   MRR(e) − MRR(b) = NEW_MRR + EXPANSION_MRR − CONTRACTION_MRR − CHURNED_MRR + REACTIVATION_MRR
 *   GROSS_MRR_CHURN_RATE = 1 − GRR
 *   the groups of an additive KPI add up to the ungrouped value.
 * MRR(b) of a group is the `mrr_at_base` measure: Σ MRR(c, b) over the customers of the group as of the period (for PHASE,
 * the phase at the period's end), which the API does not expose; the engine is asked for it directly.
 *
 * In both business models. TRANSACTIONAL: the same dataset plus orders and refunds (generateOrders: lapses longer than the
 * window and returns, several orders in a month, refunds in the next month, first orders refunded in full), with an activity
 * window of 4 months. Its amounts are multiples of 0.12 (the generated revenue rows are rounded so), so that every run rate is
 * exact to the cent and the identities are checked to the cent, as under SUBSCRIPTION.
 */
const ADDITIVE = (Object.keys(KPIS) as KpiKey[]).filter((k) => KPIS[k].additive);
const GROUPINGS: GroupKey[][] = [
  [],
  [Dimension.TIER],
  [Dimension.SEGMENT],
  [Dimension.REGION],
  [Dimension.CHANNEL],
  [Dimension.PARTNER],
  [Dimension.CAMPAIGN],
  [Dimension.PHASE],
  [Dimension.TIER, Dimension.PHASE, Dimension.CAMPAIGN],
];
const CENT = 0.005;

describe.each([
  { model: 'SUBSCRIPTION', window: 12 },
  { model: 'TRANSACTIONAL', window: 4 },
] as const)('KPI identities on a generated dataset, $model', ({ model, window }) => {
  let server: TestServer;
  let workspaceId: string;
  let key: string;
  let engine: KpiEngine;
  /** The watermark the API derives (the dataset's last month): the engine is asked with the same one. */
  let dataCompleteThrough: string | null;

  beforeAll(async () => {
    server = await startTestServer();
    const { fixtures, key: adminKey } = await KpiFixtures.create(server, { fiscalYearStartMonth: 4 });
    key = adminKey;
    workspaceId = fixtures.workspaceId;
    await fixtures.journey(server);
    const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
    await generateDataset(server.dataSource, workspaceId, { customers: 60, months: 24, start: '2024-01-01', phaseIds });
    if (model === 'TRANSACTIONAL') {
      await generateOrders(server.dataSource, workspaceId, { months: 24, start: '2024-01-01' });
      await server.dataSource.query('UPDATE revenue SET amount = 0.12 * round(amount / 0.12) WHERE workspace_id = $1', [workspaceId]);
      const res = await server.gql(
        `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { businessModel } }`,
        { input: { businessModel: model, activityWindowMonths: window } },
        key,
      );
      expect(res.data!.updateWorkspace.businessModel).toBe(model);
    }
    engine = new KpiEngine(server.dataSource);
    const res = await server.gql('{ workspace { effectiveDataCompleteThrough } }', {}, key);
    dataCompleteThrough = res.data!.workspace.effectiveDataCompleteThrough;
    // 24 months from January 2024: the fiscal year April 2025 – March 2026 is in progress, computed to date, and must keep the identities.
    expect(dataCompleteThrough).toBe('2025-12-01');
  });
  afterAll(() => server.close());

  const outputs: OutputName[] = [...ADDITIVE, KpiKey.GRR, KpiKey.GROSS_MRR_CHURN_RATE, 'mrr_at_base'];
  const run = (grain: Grain, groupBy: GroupKey[]) =>
    engine.run({
      workspaceId, dataCompleteThrough, model: { businessModel: model as BusinessModel, activityWindowMonths: window },
      periods: periodsBetween(grain, '2024-01-01', '2025-12-31', 4), outputs, groupBy, filter: {},
    });

  it('the dataset has every movement the identities are about', async () => {
    const rows = await run(Grain.MONTH, []);
    const total = (k: OutputName) => rows.reduce((sum, r) => sum + (r.values[k] ?? 0), 0);
    for (const k of [KpiKey.NEW_MRR, KpiKey.EXPANSION_MRR, KpiKey.CONTRACTION_MRR, KpiKey.CHURNED_MRR, KpiKey.REACTIVATION_MRR]) {
      expect(total(k)).toBeGreaterThan(0);
    }
  });

  for (const grain of [Grain.MONTH, Grain.QUARTER, Grain.YEAR]) {
    for (const groupBy of GROUPINGS) {
      it(`${grain} by ${groupBy.join('+') || 'nothing'}: MRR bridge and 1 − GRR in every period and group`, async () => {
        const rows = await run(grain, groupBy);
        expect(rows.length).toBeGreaterThan(0);
        for (const { values: v } of rows) {
          const bridge = v.NEW_MRR! + v.EXPANSION_MRR! - v.CONTRACTION_MRR! - v.CHURNED_MRR! + v.REACTIVATION_MRR!;
          expect(Math.abs(v.MRR! - v.mrr_at_base! - bridge)).toBeLessThan(CENT);
          if (v.GRR === null) expect(v.GROSS_MRR_CHURN_RATE).toBeNull();
          else expect(v.GROSS_MRR_CHURN_RATE!).toBeCloseTo(1 - v.GRR!, 9);
        }
      });

      if (groupBy.length === 0) continue;
      it(`${grain} by ${groupBy.join('+')}: the groups of every additive KPI add up to the ungrouped value`, async () => {
        const [grouped, total] = await Promise.all([run(grain, groupBy), run(grain, [])]);
        const sums = new Map<number, Partial<Record<OutputName, number>>>();
        for (const row of grouped) {
          const sum = sums.get(row.period) ?? {};
          for (const k of ADDITIVE) sum[k] = (sum[k] ?? 0) + (row.values[k] ?? 0);
          sums.set(row.period, sum);
        }
        for (const row of total) {
          for (const k of ADDITIVE) expect(Math.abs((sums.get(row.period)?.[k] ?? 0) - row.values[k]!)).toBeLessThan(CENT);
        }
      });
    }
  }

  it('the total of a grouped query (GROUPING SETS, as the matrix asks) is the ungrouped query', async () => {
    const periods = periodsBetween(Grain.QUARTER, '2024-01-01', '2025-12-31', 4);
    const all = [...outputs, ...(Object.keys(KPIS) as KpiKey[])];
    const [withTotal, ungrouped] = await Promise.all([
      engine.run({ workspaceId, dataCompleteThrough, periods, outputs: all, groupBy: [Dimension.PHASE], filter: {}, withTotal: true }),
      // Without the model: the statement reads it from the workspace, and answers the same.
      engine.run({ workspaceId, dataCompleteThrough, periods, outputs: all, groupBy: [], filter: {} }),
    ]);
    expect(withTotal.filter((r) => r.total).map((r) => r.values)).toEqual(ungrouped.map((r) => r.values));
    expect(withTotal.filter((r) => !r.total).length).toBeGreaterThan(periods.length);
  });

  it('the API returns what the engine computes, and the base-month MRR of a month is the MRR of the month before', async () => {
    const res = await server.gql(
      `query($m: [KpiKey!]!, $p: PeriodInput!) { kpis(metrics: $m, period: $p, groupBy: [TIER]) { kpi group { tier } points { value } } }`,
      { m: ADDITIVE, p: { grain: 'QUARTER', from: '2024-01-01', to: '2025-12-31' } },
      key,
    );
    expect(res.errors).toBeUndefined();
    const rows: KpiRow[] = await run(Grain.QUARTER, [Dimension.TIER]);
    for (const series of res.data!.kpis) {
      const expected = rows.filter((r) => r.group.TIER === series.group.tier).map((r) => r.values[series.kpi as KpiKey]);
      expect(series.points.map((p: { value: number }) => p.value)).toEqual(expected);
    }
    const months = await run(Grain.MONTH, []);
    for (let i = 1; i < months.length; i++) expect(months[i].values.mrr_at_base).toBe(months[i - 1].values.MRR);
  });
});
