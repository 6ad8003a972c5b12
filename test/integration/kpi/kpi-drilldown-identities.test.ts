import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';
import { generateDataset, generateOrders } from '../../helpers/kpi-dataset';
import { KpiEngine } from '../../../src/modules/kpi/compiler/kpi.engine';
import { periodsBetween } from '../../../src/core/period.calculator';
import { Grain } from '../../../src/modules/kpi/catalogue/kpi.enums';

/**
 * The drill-down and the cohorts against the KPIs, over every grouping of the generated dataset (60 customers × 24 months, see
 * generateDataset: expansions, contractions, churns, reactivations, customers acquired and churned at once), for every group that
 * a filter can name (a null key never passes a filter) and for the workspace as a whole:
 *   kpiCustomers(set).totalCount = the set's KPI, and the changes of its customers add up to the set's MRR movements;
 *   over ACTIVE ∪ CHURNED the changes add up to MRR(e) − MRR(b);
 *   a cohort's size and MRR at age 0 are NEW_CUSTOMERS and NEW_MRR of its period (PHASE: both as of the period's end).
 * In both business models: TRANSACTIONAL adds the generated orders and refunds (generateOrders) with an activity window of 4
 * months, its amounts multiples of 0.12 so that every run rate is exact to the cent.
 */
const DIMENSIONS = ['TIER', 'SEGMENT', 'REGION', 'CHANNEL', 'PARTNER', 'CAMPAIGN', 'PHASE'] as const;
const FILTER_FIELD: Record<(typeof DIMENSIONS)[number], string> = {
  TIER: 'tier', SEGMENT: 'segment', REGION: 'region', CHANNEL: 'channel', PARTNER: 'partner', CAMPAIGN: 'campaign', PHASE: 'phase',
};
const KPI_KEYS = [
  'ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'CHURNED_CUSTOMERS', 'RETAINED_CUSTOMERS', 'MRR', 'NEW_MRR', 'EXPANSION_MRR', 'CONTRACTION_MRR', 'CHURNED_MRR', 'REACTIVATION_MRR',
];
const SETS = ['ACTIVE', 'NEW', 'CHURNED', 'RETAINED', 'REACTIVATED'] as const;
const CENT = 0.005;

const DRILL_ALL = `query($grain: Grain!, $start: LocalDate!, $filter: SegmentFilter) {
  ${SETS.map((set) => `${set}: kpiCustomers(set: ${set}, grain: $grain, periodStart: $start, filter: $filter, first: 500) {
    totalCount edges { node { movement mrrChange mrrAtBase mrrAtEnd } } pageInfo { hasNextPage } }`).join('\n  ')}
}`;

type Node = { movement: string; mrrChange: number; mrrAtBase: number; mrrAtEnd: number };

describe.each([
  { model: 'SUBSCRIPTION', window: 12 },
  { model: 'TRANSACTIONAL', window: 4 },
] as const)('drill-down and cohorts add up to the KPIs on a generated dataset, $model', ({ model, window }) => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  let engine: KpiEngine;

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
  });
  afterAll(() => server.close());

  /** KPI values per group key (null for the ungrouped value) and period start. */
  async function kpisBy(grain: string, from: string, to: string, dimension: string | null) {
    const res = await server.gql(
      `query($m: [KpiKey!]!, $p: PeriodInput!, $g: [Dimension!]) { kpis(metrics: $m, period: $p, groupBy: $g) { kpi group { tier segment region channel partner campaign phase } points { periodStart value } } }`,
      { m: KPI_KEYS, p: { grain, from, to }, g: dimension ? [dimension] : [] },
      key,
    );
    expect(res.errors).toBeUndefined();
    const values = new Map<string, Record<string, number>>();
    for (const series of res.data!.kpis) {
      const group = dimension ? series.group[FILTER_FIELD[dimension as (typeof DIMENSIONS)[number]]] : null;
      if (dimension && group === null) continue; // a filter cannot name the null group
      for (const point of series.points) {
        const id = JSON.stringify([group, point.periodStart]);
        values.set(id, { ...values.get(id), [series.kpi]: point.value });
      }
    }
    return values;
  }

  const sum = (nodes: Node[], movement?: string) =>
    nodes.filter((n) => !movement || n.movement === movement).reduce((total, n) => total + n.mrrChange, 0);
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(CENT);

  const cases: [Grain, string, string][] = [
    [Grain.MONTH, '2024-10-01', '2025-03-01'],
    [Grain.QUARTER, '2024-04-01', '2025-12-31'],
  ];
  for (const [grain, from, to] of cases) {
    for (const dimension of [null, ...DIMENSIONS]) {
      it(`${grain} ${dimension ? `per ${dimension}` : 'ungrouped'}: totalCount is the KPI and the changes add up to the MRR movements`, async () => {
        const values = await kpisBy(grain, from, to, dimension);
        const mrrAtBase = new Map(
          (await engine.run({ workspaceId, dataCompleteThrough: '2025-12-01', periods: periodsBetween(grain, from, to, 4), outputs: ['mrr_at_base'], groupBy: dimension ? [dimension as never] : [], filter: {} }))
            .map((row) => [JSON.stringify([dimension ? (row.group as Record<string, string | null>)[dimension] : null, periodsBetween(grain, from, to, 4)[row.period].start]), row.values.mrr_at_base!]),
        );
        expect(values.size).toBeGreaterThan(0);
        let customersSeen = 0;
        for (const [id, kpi] of values) {
          const [group, start] = JSON.parse(id) as [string | null, string];
          const filter = dimension ? { [FILTER_FIELD[dimension]]: [group] } : null;
          const res = await server.gql(DRILL_ALL, { grain, start, filter }, key);
          expect(res.errors).toBeUndefined();
          const sets = res.data! as Record<(typeof SETS)[number], { totalCount: number; edges: { node: Node }[]; pageInfo: { hasNextPage: boolean } }>;
          const nodes = (set: (typeof SETS)[number]) => {
            expect(sets[set].pageInfo.hasNextPage).toBe(false);
            expect(sets[set].edges).toHaveLength(sets[set].totalCount);
            return sets[set].edges.map((e) => e.node);
          };
          expect(sets.ACTIVE.totalCount).toBe(kpi.ACTIVE_CUSTOMERS);
          expect(sets.NEW.totalCount).toBe(kpi.NEW_CUSTOMERS);
          expect(sets.CHURNED.totalCount).toBe(kpi.CHURNED_CUSTOMERS);
          expect(sets.RETAINED.totalCount).toBe(kpi.RETAINED_CUSTOMERS);
          close(sum(nodes('NEW')), kpi.NEW_MRR);
          close(sum(nodes('CHURNED')), -kpi.CHURNED_MRR);
          close(sum(nodes('RETAINED')), kpi.EXPANSION_MRR - kpi.CONTRACTION_MRR);
          close(sum(nodes('REACTIVATED')), kpi.REACTIVATION_MRR);
          const active = nodes('ACTIVE');
          close(sum(active, 'EXPANSION'), kpi.EXPANSION_MRR);
          close(sum(active, 'CONTRACTION'), -kpi.CONTRACTION_MRR);
          close(sum(active, 'REACTIVATION'), kpi.REACTIVATION_MRR);
          close(active.reduce((t, n) => t + n.mrrAtEnd, 0), kpi.MRR);
          // The bridge: MRR(e) − MRR(b) = Σ of the changes over the active and the churned customers.
          close(sum(active) + sum(nodes('CHURNED')), kpi.MRR - mrrAtBase.get(id)!);
          customersSeen += sets.ACTIVE.totalCount + sets.CHURNED.totalCount;
        }
        expect(customersSeen).toBeGreaterThan(0);
      });
    }
  }

  for (const dimension of [null, ...DIMENSIONS]) {
    it(`quarterly cohorts ${dimension ? `per ${dimension}` : 'ungrouped'}: size and MRR at age 0 are NEW_CUSTOMERS and NEW_MRR`, async () => {
      const res = await server.gql(
        `query($g: [Dimension!]) { cohorts(grain: QUARTER, from: "2024-01-01", to: "2025-12-31", ages: 3, groupBy: $g) {
           periodStart size group { tier segment region channel partner campaign phase } cells { age mrr activeCustomers } } }`,
        { g: dimension ? [dimension] : [] },
        key,
      );
      expect(res.errors).toBeUndefined();
      const values = await kpisBy('QUARTER', '2024-01-01', '2025-12-31', dimension);
      const cohorts = res.data!.cohorts as { periodStart: string; size: number; group: Record<string, string | null>; cells: { age: number; mrr: number; activeCustomers: number }[] }[];
      expect(cohorts.length).toBeGreaterThan(0);
      let checked = 0;
      for (const cohort of cohorts) {
        const group = dimension ? cohort.group[FILTER_FIELD[dimension]] : null;
        if (dimension && group === null) continue;
        const kpi = values.get(JSON.stringify([group, cohort.periodStart]))!;
        expect(cohort.size).toBe(kpi.NEW_CUSTOMERS);
        close(cohort.cells[0].mrr, kpi.NEW_MRR);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(0);
      // Every new customer of a period with customers is in its cohort: no cohort is missing.
      const withNew = [...values.entries()].filter(([, v]) => v.NEW_CUSTOMERS > 0).length;
      expect(checked).toBe(withNew);
    });
  }

  it('paging through a drill-down gives every customer once, in the order of one big page, from the cache or page by page', async () => {
    // A server whose MAX_KPI_ROWS (10) is below the set's size computes every page in SQL; the suite's server computes the set
    // once and pages it from its cache.
    const paged = await startTestServer({ maxKpiRows: 10 });
    try {
      const page = async (via: TestServer, first: number, after: string | null) => {
        const res = await via.gql(
          `query($after: String, $first: Int) { kpiCustomers(set: ACTIVE, grain: QUARTER, periodStart: "2025-04-01", first: $first, after: $after) {
             totalCount edges { node { customer { id } mrrChange } } pageInfo { hasNextPage endCursor } } }`,
          { first, after },
          key,
        );
        expect(res.errors).toBeUndefined();
        return res.data!.kpiCustomers;
      };
      const all = await page(server, 500, null);
      expect(all.totalCount).toBeGreaterThan(14);
      const sizes = all.edges.map((e: any) => Math.abs(e.node.mrrChange));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      for (const via of [server, paged]) {
        const ids: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 100; i++) {
          const p = await page(via, 7, after);
          expect(p.totalCount).toBe(all.totalCount);
          ids.push(...p.edges.map((e: any) => e.node.customer.id));
          if (!p.pageInfo.hasNextPage) break;
          after = p.pageInfo.endCursor;
        }
        expect(ids).toEqual(all.edges.map((e: any) => e.node.customer.id));
      }
    } finally {
      await paged.close();
    }
  });

  it('a drill-down page with each customer\'s standing and tier costs as many SQL statements for 40 customers as for 2 (no N+1)', async () => {
    const statements = async (first: number) => {
      const query = `query($first: Int) { kpiCustomers(set: ACTIVE, grain: QUARTER, periodStart: "2025-04-01", first: $first) {
        edges { node { mrrChange customer { externalId status currentMrr firstMonth statusMonth tier { key } mrr(from: "2025-01-01", to: "2025-06-01") { amount } } } } } }`;
      await server.gql(query, { first }, key);
      // The cached computation would hide a statement: change the data version first, so that both are computed afresh.
      await server.dataSource.query('UPDATE workspace SET data_version = data_version + 1 WHERE id = $1', [workspaceId]);
      const res = await server.gql(query, { first }, key);
      expect(res.errors).toBeUndefined();
      expect(res.data!.kpiCustomers.edges).toHaveLength(first);
      return Number(res.headers.get('x-sql-statements'));
    };
    const small = await statements(2);
    const large = await statements(40);
    console.log(`drill-down page: ${small} SQL statements for 2 customers, ${large} for 40`);
    expect(large).toBe(small);
  });
});
