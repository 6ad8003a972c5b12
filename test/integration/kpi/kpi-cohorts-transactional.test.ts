import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';

/**
 * Cohorts, drill-down and standing in a TRANSACTIONAL workspace (activity window W = 3), counted by hand. A customer's monthly
 * value is its run rate: its orders net of refunds over the 3 months ending with the month, ÷ 3, never below 0.
 *
 *   orders (refunds)              run rate   Jan  Feb  Mar  Apr  May  Jun
 *   ann  300 on Jan 10, 150 on Mar 5          100  100  150   50   50    0
 *   ben   90 on Jan 20 (refunded Feb 2)        30    0    0    0    0    0   (Apr: (−90)/3 is not below 0)
 *   cat  600 on Feb 15                          .  200  200  200    0    0
 *   dan   30 on Jun 1                           .    .    .    .    .   10
 *
 * The watermark is derived from the orders: June 2025.
 */
const COHORTS = `query($grain: Grain!, $from: LocalDate!, $to: LocalDate!, $ages: Int) {
  cohorts(grain: $grain, from: $from, to: $to, ages: $ages) {
    periodStart size cells { age activeCustomers logoRetention mrr revenueRetention cumulativeRevenuePerCustomer }
  }
}`;
const DRILL = `query($set: CustomerSet!, $start: LocalDate!) {
  kpiCustomers(set: $set, grain: MONTH, periodStart: $start) {
    totalCount edges { node { customer { externalId } mrrAtBase mrrAtEnd movement mrrChange } }
  }
}`;

describe('cohorts and drill-down in a TRANSACTIONAL workspace (run rate over 3 months)', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key } = await KpiFixtures.create(server, { businessModel: 'TRANSACTIONAL', activityWindowMonths: 3 }));
    for (const name of ['ann', 'ben', 'cat', 'dan']) await fixtures.customer(name);
    await fixtures.order('ann', 'ann-1', '2025-01-10T10:00:00Z', 300);
    await fixtures.order('ann', 'ann-2', '2025-03-05T10:00:00Z', 150);
    await fixtures.order('ben', 'ben-1', '2025-01-20T10:00:00Z', 90);
    await fixtures.refund('ben-1', 'ben-1-r', '2025-02-02T10:00:00Z', 90);
    await fixtures.order('cat', 'cat-1', '2025-02-15T10:00:00Z', 600);
    await fixtures.order('dan', 'dan-1', '2025-06-01T10:00:00Z', 30);
  });
  afterAll(() => server.close());

  const drill = async (set: string, start: string) => {
    const res = await server.gql(DRILL, { set, start }, key);
    expect(res.errors).toBeUndefined();
    return res.data!.kpiCustomers;
  };

  it('monthly cohorts follow the run rate; revenue to date counts orders net of refunds', async () => {
    const res = await server.gql(COHORTS, { grain: 'MONTH', from: '2025-01-01', to: '2025-02-28', ages: 3 }, key);
    expect(res.errors).toBeUndefined();
    const [jan, feb] = res.data!.cohorts;
    expect([jan.periodStart, jan.size, feb.periodStart, feb.size]).toEqual(['2025-01-01', 2, '2025-02-01', 1]);
    // January: ann 100 + ben 30; revenue 300 + 90. February: ben's refund takes 90 back. March: ann's second order.
    expect(jan.cells.map((c: any) => [c.activeCustomers, c.logoRetention, c.mrr, c.revenueRetention, c.cumulativeRevenuePerCustomer])).toEqual([
      [2, 1, 130, 1, 195],
      [1, 0.5, 100, 0.7692307692, 150],
      [1, 0.5, 150, 1.1538461538, 225],
      [1, 0.5, 50, 0.3846153846, 225],
    ]);
    // Cat lapses in May, three months after her only order.
    expect(feb.cells.map((c: any) => [c.activeCustomers, c.mrr, c.revenueRetention, c.cumulativeRevenuePerCustomer])).toEqual([
      [1, 200, 1, 600],
      [1, 200, 1, 600],
      [1, 200, 1, 600],
      [0, 0, 0, 600],
    ]);
  });

  it('the drill-down lists who lapsed, who is new and who grew, and matches the KPIs', async () => {
    const churnedMay = await drill('CHURNED', '2025-05-01');
    expect(churnedMay.edges.map((e: any) => e.node)).toEqual([
      { customer: { externalId: 'cat' }, mrrAtBase: 200, mrrAtEnd: 0, movement: 'CHURN', mrrChange: -200 },
    ]);
    expect((await drill('RETAINED', '2025-05-01')).edges.map((e: any) => [e.node.customer.externalId, e.node.movement])).toEqual([['ann', 'FLAT']]);
    const activeFeb = await drill('ACTIVE', '2025-02-01');
    expect(activeFeb.edges.map((e: any) => [e.node.customer.externalId, e.node.movement, e.node.mrrChange])).toEqual([
      ['cat', 'NEW', 200],
      ['ann', 'FLAT', 0],
    ]);
    expect((await drill('CHURNED', '2025-02-01')).edges.map((e: any) => [e.node.customer.externalId, e.node.mrrChange])).toEqual([['ben', -30]]);
    expect((await drill('ACTIVE', '2025-03-01')).edges.map((e: any) => [e.node.customer.externalId, e.node.movement, e.node.mrrChange])).toEqual([
      ['ann', 'EXPANSION', 50],
      ['cat', 'FLAT', 0],
    ]);
    const kpis = await server.gql(
      `{ kpis(metrics: [CHURNED_CUSTOMERS, CHURNED_MRR, NEW_CUSTOMERS, NEW_MRR], period: { grain: MONTH, from: "2025-02-01", to: "2025-02-01" }) { kpi points { value } } }`,
      {},
      key,
    );
    const v = Object.fromEntries(kpis.data!.kpis.map((s: any) => [s.kpi, s.points[0].value]));
    expect(v).toEqual({ CHURNED_CUSTOMERS: 1, CHURNED_MRR: 30, NEW_CUSTOMERS: 1, NEW_MRR: 200 });
  });

  it('a new business model or activity window is seen at once by the cached cohort table and drill-down', async () => {
    const setModel = async (businessModel: string, activityWindowMonths: number) => {
      const res = await server.gql(
        `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { businessModel activityWindowMonths } }`,
        { input: { businessModel, activityWindowMonths } },
        key,
      );
      expect(res.data!.updateWorkspace).toEqual({ businessModel, activityWindowMonths });
    };
    const janCohort = async () => {
      const res = await server.gql(COHORTS, { grain: 'MONTH', from: '2025-01-01', to: '2025-02-28', ages: 3 }, key);
      expect(res.errors).toBeUndefined();
      return res.data!.cohorts.filter((c: any) => c.periodStart === '2025-01-01').map((c: any) => [c.size, c.cells[0].activeCustomers, c.cells[0].mrr]);
    };
    const churnedMay = async () => (await drill('CHURNED', '2025-05-01')).edges.map((e: any) => [e.node.customer.externalId, e.node.mrrAtBase, e.node.mrrChange]);
    // Both answers are in the cache from the tests above (same arguments).
    expect(await janCohort()).toEqual([[2, 2, 130]]);
    expect(await churnedMay()).toEqual([['cat', 200, -200]]);
    // W = 2: ann 300/2 in January and February, 150/2 in March and April, nothing in May; ben 90/2 in January; cat 300 in
    // February and March, nothing from April on.
    await setModel('TRANSACTIONAL', 2);
    expect(await janCohort()).toEqual([[2, 2, 195]]);
    expect(await churnedMay()).toEqual([['ann', 75, -75]]);
    // SUBSCRIPTION: no RECURRING revenue rows, so no customer ever has a monthly value above 0.
    await setModel('SUBSCRIPTION', 2);
    expect(await janCohort()).toEqual([]);
    expect((await drill('CHURNED', '2025-05-01')).totalCount).toBe(0);
    await setModel('TRANSACTIONAL', 3);
    expect(await janCohort()).toEqual([[2, 2, 130]]);
    expect(await churnedMay()).toEqual([['cat', 200, -200]]);
  });

  it("a customer's standing is its run rate in the watermark month", async () => {
    const res = await server.gql(`{ customers(first: 10) { edges { node { externalId status currentMrr firstMonth statusMonth } } } }`, {}, key);
    expect(res.errors).toBeUndefined();
    const byId = Object.fromEntries(res.data!.customers.edges.map((e: any) => [e.node.externalId, e.node]));
    expect(byId.dan).toEqual({ externalId: 'dan', status: 'ACTIVE', currentMrr: 10, firstMonth: '2025-06-01', statusMonth: '2025-06-01' });
    expect(byId.ann).toMatchObject({ status: 'CHURNED', currentMrr: 0, firstMonth: '2025-01-01' });
    expect(byId.ben).toMatchObject({ status: 'CHURNED', firstMonth: '2025-01-01' });
    expect(byId.cat).toMatchObject({ status: 'CHURNED', firstMonth: '2025-02-01' });
  });
});
