import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers } from '../../helpers/kpi-fixtures';

/**
 * Cohorts, drill-down and a customer's standing on the hand-made dataset of `handMadeCustomers` (monthly values):
 *
 *            2025-01 02  03  04  05  06  07 … 2026-03
 *   alice        100 100 150 150 150 150 150 …  150     strategic, phase purchase from 2025-01-15, loyalty from 2025-05-01
 *   bob          200 200 120 120                        growth, partner p1
 *   carol         50   .   .  80  80  80                growth (+30 SERVICES revenue in 2025-02)
 *   dave               .  300 300 300 300               enterprise, campaign spring
 *   erin              60                                scale
 *   frank                                               never pays
 *
 * The watermark is derived: 2026-03, the last month with revenue.
 */
const COHORTS = `query($grain: Grain!, $from: LocalDate!, $to: LocalDate!, $ages: Int, $groupBy: [Dimension!], $filter: SegmentFilter) {
  cohorts(grain: $grain, from: $from, to: $to, ages: $ages, groupBy: $groupBy, filter: $filter) {
    periodStart periodEnd size group { tier campaign phase partner }
    cells { age periodStart activeCustomers logoRetention mrr revenueRetention cumulativeRevenuePerCustomer }
  }
}`;
const DRILL = `query($set: CustomerSet!, $grain: Grain!, $start: LocalDate!, $filter: SegmentFilter, $first: Int, $after: String) {
  kpiCustomers(set: $set, grain: $grain, periodStart: $start, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { customer { externalId } mrrAtBase mrrAtEnd movement mrrChange } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

describe('cohorts, drill-down and customer standing (counted by hand)', () => {
  let server: TestServer;
  let key: string;
  let fixtures: KpiFixtures;

  beforeAll(async () => {
    server = await startTestServer();
    ({ fixtures, key } = await KpiFixtures.create(server));
    await fixtures.journey(server);
    await handMadeCustomers(fixtures);
    await fixtures.revenue('carol', '2025-02', 'SERVICES', 30);
    await fixtures.customer('frank', { tier: 'scale' });
    await fixtures.event('alice', 'PHASE_ENTERED', '2025-01-15T10:00:00Z', { phase: 'purchase' });
    await fixtures.event('alice', 'PHASE_ENTERED', '2025-05-01T10:00:00Z', { phase: 'loyalty' });
  });
  afterAll(() => server.close());

  const cohorts = async (variables: Record<string, unknown>, as = key) => {
    const res = await server.gql(COHORTS, variables, as);
    expect(res.errors).toBeUndefined();
    return res.data!.cohorts as any[];
  };
  const drill = async (variables: Record<string, unknown>, as = key) => {
    const res = await server.gql(DRILL, { grain: 'MONTH', ...variables }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.kpiCustomers;
  };

  it('monthly cohorts January–March 2025 over ages 0–3', async () => {
    const table = await cohorts({ grain: 'MONTH', from: '2025-01-01', to: '2025-03-31', ages: 3 });
    expect(table.map((c) => [c.periodStart, c.periodEnd, c.size])).toEqual([
      ['2025-01-01', '2025-01-31', 3], // alice, bob, carol
      ['2025-02-01', '2025-02-28', 1], // erin
      ['2025-03-01', '2025-03-31', 1], // dave
    ]);
    const [jan, feb, mar] = table;
    expect(jan.group).toEqual({ tier: null, campaign: null, phase: null, partner: null });
    // January: 350 (100 + 200 + 50); February: alice 100 + bob 200, carol gone; March: 150 + 120; April: 150 + 120 + carol back 80.
    expect(jan.cells).toEqual([
      { age: 0, periodStart: '2025-01-01', activeCustomers: 3, logoRetention: 1, mrr: 350, revenueRetention: 1, cumulativeRevenuePerCustomer: 116.67 },
      // Revenue to date: 350 + 300 + carol's 30 of services = 680, over 3 customers.
      { age: 1, periodStart: '2025-02-01', activeCustomers: 2, logoRetention: 0.6666666667, mrr: 300, revenueRetention: 0.8571428571, cumulativeRevenuePerCustomer: 226.67 },
      { age: 2, periodStart: '2025-03-01', activeCustomers: 2, logoRetention: 0.6666666667, mrr: 270, revenueRetention: 0.7714285714, cumulativeRevenuePerCustomer: 316.67 },
      { age: 3, periodStart: '2025-04-01', activeCustomers: 3, logoRetention: 1, mrr: 350, revenueRetention: 1, cumulativeRevenuePerCustomer: 433.33 },
    ]);
    expect(feb.cells.map((c: any) => [c.activeCustomers, c.mrr, c.revenueRetention, c.cumulativeRevenuePerCustomer])).toEqual([
      [1, 60, 1, 60],
      [0, 0, 0, 60],
      [0, 0, 0, 60],
      [0, 0, 0, 60],
    ]);
    expect(mar.cells.map((c: any) => [c.mrr, c.revenueRetention, c.cumulativeRevenuePerCustomer])).toEqual([
      [300, 1, 300],
      [300, 1, 600],
      [300, 1, 900],
      [300, 1, 1200],
    ]);
  });

  it('a quarterly cohort lists only complete ages, and no cohort without customers or not yet complete', async () => {
    // Q1 2025: all five payers. Q2–Q4 2025 and Q1 2026 acquire nobody. Q2 2026 (age 5) is after the watermark.
    const table = await cohorts({ grain: 'QUARTER', from: '2025-01-01', to: '2026-03-31', ages: 6 });
    expect(table).toHaveLength(1);
    const [q1] = table;
    expect(q1.size).toBe(5);
    expect(q1.cells.map((c: any) => c.periodStart)).toEqual(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01']);
    // Ends of quarter: March (alice 150, bob 120, dave 300), June (alice 150, carol 80, dave 300), then alice alone.
    expect(q1.cells.map((c: any) => [c.activeCustomers, c.logoRetention, c.mrr, c.revenueRetention])).toEqual([
      [3, 0.6, 570, 1],
      [3, 0.6, 530, 0.9298245614],
      [1, 0.2, 150, 0.2631578947],
      [1, 0.2, 150, 0.2631578947],
      [1, 0.2, 150, 0.2631578947],
    ]);
    // Revenue: Q1 350 + 520 + 80 + 300 + 60 = 1310; Q2 450 + 120 + 240 + 900 = 1710; then alice's 450 a quarter; over 5.
    expect(q1.cells.map((c: any) => c.cumulativeRevenuePerCustomer)).toEqual([262, 604, 694, 784, 874]);
    expect(await cohorts({ grain: 'QUARTER', from: '2026-04-01', to: '2026-12-31', ages: 2 })).toEqual([]);
  });

  it('groups: TIER, CAMPAIGN (the acquisition campaign) and PHASE at the end of the cohort period', async () => {
    const byTier = await cohorts({ grain: 'MONTH', from: '2025-01-01', to: '2025-01-31', ages: 1, groupBy: ['TIER'] });
    expect(byTier.map((c) => [c.group.tier, c.size, c.cells.map((x: any) => x.mrr)])).toEqual([
      ['growth', 2, [250, 200]], // bob and carol
      ['strategic', 1, [100, 100]], // alice
    ]);
    const byCampaign = await cohorts({ grain: 'MONTH', from: '2025-03-01', to: '2025-03-31', ages: 2, groupBy: ['CAMPAIGN'] });
    expect(byCampaign.map((c) => [c.group.campaign, c.size, c.cells.at(-1).cumulativeRevenuePerCustomer])).toEqual([['spring', 1, 900]]);
    // Alice entered purchase in January and loyalty in May: at the end of Q1 2025 she is in purchase.
    const byPhase = await cohorts({ grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01', ages: 1, groupBy: ['PHASE'] });
    expect(byPhase.map((c) => [c.group.phase, c.size, c.cells.map((x: any) => x.mrr)])).toEqual([
      ['purchase', 1, [150, 150]],
      [null, 4, [420, 380]],
    ]);
    const filtered = await cohorts({ grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01', ages: 1, filter: { phase: ['purchase'] } });
    expect(filtered.map((c) => [c.size, c.cells.map((x: any) => x.cumulativeRevenuePerCustomer)])).toEqual([[1, [350, 800]]]);
    const loyalty = await cohorts({ grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01', ages: 1, filter: { phase: ['loyalty'] } });
    expect(loyalty).toEqual([]);
  });

  it('drill-down of March 2025: who churned, who is active, largest change first', async () => {
    const churned = await drill({ set: 'CHURNED', start: '2025-03-01' });
    expect(churned.totalCount).toBe(1);
    expect(churned.edges.map((e: any) => e.node)).toEqual([
      { customer: { externalId: 'erin' }, mrrAtBase: 60, mrrAtEnd: 0, movement: 'CHURN', mrrChange: -60 },
    ]);
    const active = await drill({ set: 'ACTIVE', start: '2025-03-01', first: 2 });
    expect(active.totalCount).toBe(3);
    expect(active.edges.map((e: any) => [e.node.customer.externalId, e.node.movement, e.node.mrrChange])).toEqual([
      ['dave', 'NEW', 300],
      ['bob', 'CONTRACTION', -80],
    ]);
    expect(active.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await drill({ set: 'ACTIVE', start: '2025-03-01', first: 2, after: active.pageInfo.endCursor });
    expect(rest.edges.map((e: any) => [e.node.customer.externalId, e.node.movement, e.node.mrrAtBase, e.node.mrrAtEnd])).toEqual([
      ['alice', 'EXPANSION', 100, 150],
    ]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect((await drill({ set: 'RETAINED', start: '2025-03-01' })).edges.map((e: any) => e.node.customer.externalId)).toEqual(['bob', 'alice']);
    expect((await drill({ set: 'NEW', start: '2025-03-01' })).edges.map((e: any) => e.node.customer.externalId)).toEqual(['dave']);
    const q2 = await drill({ set: 'REACTIVATED', grain: 'QUARTER', start: '2025-04-01' });
    expect(q2.edges.map((e: any) => [e.node.customer.externalId, e.node.movement, e.node.mrrChange])).toEqual([['carol', 'REACTIVATION', 80]]);
    // Erin was acquired and churned inside Q1: NEW, with nothing at the end.
    const q1New = await drill({ set: 'NEW', grain: 'QUARTER', start: '2025-01-01' });
    expect(q1New.totalCount).toBe(5);
    expect(q1New.edges.find((e: any) => e.node.customer.externalId === 'erin').node).toMatchObject({ movement: 'NEW', mrrAtEnd: 0, mrrChange: 0 });
  });

  it('refuses a period start that is not the first day of a period, a bad cursor, a YEAR cohort and too many ages', async () => {
    const notStart = await server.gql(DRILL, { set: 'ACTIVE', grain: 'QUARTER', start: '2025-02-01' }, key);
    expect(codeOf(notStart)).toBe('BAD_USER_INPUT');
    const badCursor = await server.gql(DRILL, { set: 'ACTIVE', grain: 'MONTH', start: '2025-03-01', after: 'nope' }, key);
    expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');
    const year = await server.gql(COHORTS, { grain: 'YEAR', from: '2025-01-01', to: '2025-12-31' }, key);
    expect(codeOf(year)).toBe('BAD_USER_INPUT');
    const ages = await server.gql(COHORTS, { grain: 'MONTH', from: '2025-01-01', to: '2025-01-31', ages: 121 }, key);
    expect(codeOf(ages)).toBe('BAD_USER_INPUT');
  });

  it("a PARTNER key sees its own partner's customers only", async () => {
    const partnerKey = await server.key(key, 'PARTNER', { partner: 'p1' });
    const table = await cohorts({ grain: 'MONTH', from: '2025-01-01', to: '2025-03-31', ages: 1 }, partnerKey);
    expect(table.map((c) => [c.periodStart, c.size, c.cells.map((x: any) => x.mrr)])).toEqual([['2025-01-01', 1, [200, 200]]]); // bob
    expect((await drill({ set: 'CHURNED', start: '2025-03-01' }, partnerKey)).totalCount).toBe(0); // erin is not p1's
    const retained = await drill({ set: 'RETAINED', start: '2025-03-01', filter: { partner: ['someone-else'] } }, partnerKey);
    expect(retained.totalCount).toBe(0);
    expect((await drill({ set: 'RETAINED', start: '2025-03-01' }, partnerKey)).edges.map((e: any) => e.node.customer.externalId)).toEqual(['bob']);
  });

  it("a customer's standing in the current month (the watermark month), batched", async () => {
    const query = `{ customers(first: 10) { edges { node { externalId status currentMrr firstMonth statusMonth } } } }`;
    const read = async () => {
      const res = await server.gql(query, {}, key);
      expect(res.errors).toBeUndefined();
      return Object.fromEntries(res.data!.customers.edges.map((e: any) => [e.node.externalId, e.node]));
    };
    const now = await read();
    expect(now.alice).toMatchObject({ status: 'ACTIVE', currentMrr: 150, firstMonth: '2025-01-01', statusMonth: '2026-03-01' });
    expect(now.bob).toMatchObject({ status: 'CHURNED', currentMrr: 0, firstMonth: '2025-01-01' });
    expect(now.dave).toMatchObject({ status: 'CHURNED', firstMonth: '2025-03-01' });
    expect(now.frank).toMatchObject({ status: 'NEVER_ACTIVE', currentMrr: 0, firstMonth: null });
    // With the watermark set to April 2025, later facts do not count: bob is active again, dave too.
    await server.dataSource.query(`UPDATE workspace SET data_complete_through = '2025-04-01' WHERE id = $1`, [fixtures.workspaceId]);
    try {
      const april = await read();
      expect(april.bob).toMatchObject({ status: 'ACTIVE', currentMrr: 120, statusMonth: '2025-04-01' });
      expect(april.dave).toMatchObject({ status: 'ACTIVE', currentMrr: 300 });
      expect(april.carol).toMatchObject({ status: 'ACTIVE', currentMrr: 80, firstMonth: '2025-01-01' });
    } finally {
      await server.dataSource.query(`UPDATE workspace SET data_complete_through = NULL WHERE id = $1`, [fixtures.workspaceId]);
    }
  });
});

describe('cohorts and drill-down are priced, bounded and cached like the KPIs', () => {
  let server: TestServer;
  let key: string;
  let fixtures: KpiFixtures;

  beforeAll(async () => {
    server = await startTestServer({ maxKpiRows: 6 });
    ({ fixtures, key } = await KpiFixtures.create(server));
    await handMadeCustomers(fixtures);
  });
  afterAll(() => server.close());

  it('a table over the cost limit is refused before it runs; more cells than MAX_KPI_ROWS is QUERY_TOO_COMPLEX', async () => {
    // 120 monthly cohorts × 121 ages × 5 tier groups (4 tiers and none) is 72,600 cells, each with its fields.
    const huge = await server.gql(COHORTS, { grain: 'MONTH', from: '2015-01-01', to: '2024-12-31', ages: 120, groupBy: ['TIER'] }, key);
    expect(codeOf(huge)).toBe('QUERY_TOO_COMPLEX');
    expect(huge.errors![0].extensions!.limit).toBe('cost');
    // January–March 2025 over ages 0–3: 3 cohorts × 4 ages = 12 cells, over MAX_KPI_ROWS = 6.
    const rows = await server.gql(COHORTS, { grain: 'MONTH', from: '2025-01-01', to: '2025-03-31', ages: 3 }, key);
    expect(codeOf(rows)).toBe('QUERY_TOO_COMPLEX');
    expect(rows.errors![0].extensions!.limit).toBe('kpiRows');
    const fits = await server.gql(COHORTS, { grain: 'MONTH', from: '2025-01-01', to: '2025-01-31', ages: 3 }, key);
    expect(fits.errors).toBeUndefined();
    expect(fits.data!.cohorts[0].cells).toHaveLength(4);
  });

  it('a repeated table is served from the cache until the facts change', async () => {
    const ask = () => server.gql(COHORTS, { grain: 'MONTH', from: '2025-03-01', to: '2025-03-31', ages: 1 }, key);
    const first = await ask();
    expect(first.data!.cohorts[0].cells.map((c: any) => c.mrr)).toEqual([300, 300]);
    const again = await ask();
    expect(again.data).toEqual(first.data);
    // Served from the cache: the key and the workspace (fiscal year, data version, watermark) only.
    expect(Number(again.headers.get('x-sql-statements'))).toBe(2);
    await fixtures.revenue('dave', '2025-04', 'ONE_TIME', 1000); // a write bumps the data version
    const after = await ask();
    expect(after.data!.cohorts[0].cells.map((c: any) => c.cumulativeRevenuePerCustomer)).toEqual([300, 1600]);
  });
});
