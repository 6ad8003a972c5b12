import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, kpiValues } from '../../helpers/kpi-fixtures';

/**
 * The two business models (docs/kpis.md, "Business models"), on shoppers whose numbers are worked out by hand below.
 * Activity window W = 3 months. 2025 unless noted; one ACQUISITION cost of 200 in January (no customer).
 *
 *   ann  one order of 300 on 15 Jan                              run rate Jan–Mar 100, from Apr 0 (active exactly W months)
 *   ben  an order of 150 on 10 Feb, refunded in full on 20 Feb    run rate 0 every month: never active, no first month
 *   cat  an order of 600 on 5 Jan, 300 of it refunded on 10 Mar   Jan 200, Feb 200, Mar (600 − 300) / 3 = 100,
 *                                                                 Apr (0 − 300 + 0) / 3 < 0 → 0 (never below 0)
 *   dan  two orders in January (90 on 3 Jan, 210 on 28 Jan), 150 on 14 Feb
 *                                                                 Jan 300 / 3 = 100, Feb 450 / 3 = 150, Mar 150, Apr 150 / 3 = 50, May 0
 *   eve  300 on 20 Jan, lapses, 600 on 2 Jun                       Jan–Mar 100, Apr–May 0, Jun–Aug 200 (reactivated in June)
 *   fay  RECURRING revenue 120 in Jan, Feb, Mar, and an order of 60 on 9 Feb
 *                                                                 TRANSACTIONAL (every revenue row counts): Jan 120 / 3 = 40,
 *                                                                 Feb (120 + 180) / 3 = 100, Mar 420 / 3 = 140, Apr 300 / 3 = 100,
 *                                                                 May 40, Jun 0. SUBSCRIPTION: 120 in Jan–Mar only.
 *
 * TRANSACTIONAL MRR by month: Jan 100 + 200 + 100 + 100 + 40 = 540, Feb 100 + 200 + 150 + 100 + 100 = 650,
 * Mar 100 + 100 + 150 + 100 + 140 = 590, Apr 50 + 100 = 150, May 40, Jun 200.
 * Revenue (both models; orders net of refunds): Jan 300 + 600 + 300 + 300 + 120 = 1620, Feb (150 − 150) + 150 + 180 = 330,
 * Mar −300 + 120 = −180, so Q1 1770; Jun 600, so Q2 600.
 * Orders: Q1 8 (ann, cat, dan ×3, eve, ben, fay), amounts 300 + 600 + 90 + 210 + 150 + 300 + 150 + 60 = 1860; refunds paid in
 * Q1 150 + 300 = 450. Q2: 1 order (eve, 600), no refund.
 */
describe('business models: subscriptions and orders', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;

  const Q = { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' };
  // June is the latest month holding an order: the derived data-completeness watermark.
  const MONTHS = { grain: 'MONTH', from: '2025-01-01', to: '2025-06-01' };

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key } = await KpiFixtures.create(server, { businessModel: 'TRANSACTIONAL', activityWindowMonths: 3 }));
    workspaceId = fixtures.workspaceId;
    for (const [name, tier] of [['ann', 'growth'], ['ben', 'growth'], ['cat', 'scale'], ['dan', 'scale'], ['eve', 'enterprise'], ['fay', 'enterprise']]) {
      await fixtures.customer(name, { tier, campaign: name === 'eve' ? 'autumn' : 'spring' });
    }
    await fixtures.order('ann', 'o-ann-1', '2025-01-15T10:00:00Z', 300);
    await fixtures.order('ben', 'o-ben-1', '2025-02-10T10:00:00Z', 150);
    await fixtures.refund('o-ben-1', 'r-ben-1', '2025-02-20T10:00:00Z', 150);
    await fixtures.order('cat', 'o-cat-1', '2025-01-05T10:00:00Z', 600);
    await fixtures.refund('o-cat-1', 'r-cat-1', '2025-03-10T10:00:00Z', 300);
    await fixtures.order('dan', 'o-dan-1', '2025-01-03T10:00:00Z', 90);
    await fixtures.order('dan', 'o-dan-2', '2025-01-28T10:00:00Z', 210);
    await fixtures.order('dan', 'o-dan-3', '2025-02-14T10:00:00Z', 150);
    await fixtures.order('eve', 'o-eve-1', '2025-01-20T10:00:00Z', 300);
    await fixtures.order('eve', 'o-eve-2', '2025-06-02T10:00:00Z', 600);
    await fixtures.mrr('fay', { '2025-01': 120, '2025-02': 120, '2025-03': 120 });
    await fixtures.order('fay', 'o-fay-1', '2025-02-09T10:00:00Z', 60);
    await fixtures.cost('ACQUISITION', '2025-01', 200);
  });
  afterAll(() => server.close());

  const setModel = async (input: { businessModel?: string; activityWindowMonths?: number }) => {
    const res = await server.gql(
      `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { businessModel activityWindowMonths } }`,
      { input },
      key,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.updateWorkspace;
  };

  describe('TRANSACTIONAL, W = 3', () => {
    it('a customer is active while its purchases of the last W months, net of refunds, are positive', async () => {
      const { series } = await kpiValues(server, key, ['ACTIVE_CUSTOMERS', 'MRR', 'NEW_CUSTOMERS'], MONTHS);
      expect(series.MRR.all).toEqual([540, 650, 590, 150, 40, 200]);
      // Jan: ann, cat, dan, eve, fay; Apr: dan, fay; May: fay; Jun: eve. ben never.
      expect(series.ACTIVE_CUSTOMERS.all).toEqual([5, 5, 5, 2, 1, 1]);
      expect(series.NEW_CUSTOMERS.all).toEqual([5, 0, 0, 0, 0, 0]);
    });

    it("a shopper's own series: active for exactly W months after one purchase; a refunded order never makes one active", async () => {
      const res = await server.gql(
        `{ ann: customerByExternalId(externalId: "ann") { mrr(from: "2024-12-01", to: "2025-05-01") { month amount } }
           ben: customerByExternalId(externalId: "ben") { mrr(from: "2025-01-01", to: "2025-04-01") { amount } }
           cat: customerByExternalId(externalId: "cat") { mrr(from: "2025-01-01", to: "2025-05-01") { amount } }
           eve: customerByExternalId(externalId: "eve") { mrr(from: "2025-03-01", to: "2025-09-01") { amount } } }`,
        {},
        key,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.ann.mrr).toEqual([
        { month: '2024-12-01', amount: 0 },
        { month: '2025-01-01', amount: 100 },
        { month: '2025-02-01', amount: 100 },
        { month: '2025-03-01', amount: 100 },
        { month: '2025-04-01', amount: 0 },
        { month: '2025-05-01', amount: 0 },
      ]);
      expect(res.data!.ben.mrr.map((p: { amount: number }) => p.amount)).toEqual([0, 0, 0, 0]);
      // A refund in a later month lowers the run rate from that month on, and never below 0.
      expect(res.data!.cat.mrr.map((p: { amount: number }) => p.amount)).toEqual([200, 200, 100, 0, 0]);
      // A lapse and a return.
      expect(res.data!.eve.mrr.map((p: { amount: number }) => p.amount)).toEqual([100, 0, 0, 200, 200, 200, 0]);
    });

    it('the MRR movements by month: churn is a lapse, reactivation a return, and the bridge holds', async () => {
      const kpis = ['NEW_MRR', 'EXPANSION_MRR', 'CONTRACTION_MRR', 'CHURNED_MRR', 'REACTIVATION_MRR', 'CHURNED_CUSTOMERS', 'MRR'];
      const { series } = await kpiValues(server, key, kpis, MONTHS);
      expect(series.NEW_MRR.all).toEqual([540, 0, 0, 0, 0, 0]);
      // Feb: dan 100 → 150, fay 40 → 100. Mar: fay 100 → 140.
      expect(series.EXPANSION_MRR.all).toEqual([0, 110, 40, 0, 0, 0]);
      // Feb: none. Mar: cat 200 → 100. Apr: dan 150 → 50, fay 140 → 100. May: fay 100 → 40.
      expect(series.CONTRACTION_MRR.all).toEqual([0, 0, 100, 140, 60, 0]);
      // Apr: ann 100, cat 100, eve 100 lapse. May: dan 50. Jun: fay 40.
      expect(series.CHURNED_MRR.all).toEqual([0, 0, 0, 300, 50, 40]);
      expect(series.CHURNED_CUSTOMERS.all).toEqual([0, 0, 0, 3, 1, 1]);
      // Jun: eve is back (first month January, not active in May).
      expect(series.REACTIVATION_MRR.all).toEqual([0, 0, 0, 0, 0, 200]);
      const mrr = [0, ...series.MRR.all.map((v) => v!)];
      for (let i = 0; i < 6; i++) {
        const bridge =
          series.NEW_MRR.all[i]! + series.EXPANSION_MRR.all[i]! - series.CONTRACTION_MRR.all[i]! - series.CHURNED_MRR.all[i]! + series.REACTIVATION_MRR.all[i]!;
        expect(mrr[i + 1] - mrr[i]).toBe(bridge);
      }
    });

    it('quarters: retention of the base, lifetime values and customer equity stand on the run rate', async () => {
      const kpis = ['MRR', 'NEW_CUSTOMERS', 'RETAINED_CUSTOMERS', 'LOGO_CHURN_RATE', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'CAC', 'CUSTOMER_EQUITY'];
      const { series } = await kpiValues(server, key, kpis, Q);
      // Q2: the base is March's five; at June only eve (100 → 200) is active.
      expect(series.MRR.all).toEqual([590, 200]);
      expect(series.NEW_CUSTOMERS.all).toEqual([5, 0]);
      expect(series.RETAINED_CUSTOMERS.all).toEqual([0, 1]);
      expect(series.LOGO_CHURN_RATE.all).toEqual([null, 0.8]);
      expect(series.NRR.all[1]).toBeCloseTo(200 / 590, 10);
      expect(series.GRR.all[1]).toBeCloseTo(100 / 590, 10);
      expect(series.ARPA.all).toEqual([118, 200]);
      expect(series.REVENUE.all).toEqual([1770, 600]);
      expect(series.CAC.all).toEqual([40, null]); // 200 / 5
      // Q1: new customers' revenue 300 + 300 + 450 + 300 + 420 = 1770 − acquisition 200. Q2: eve's 600 − churn loss (100 + 100 +
      // 150 + 140) × 3 = 1470.
      expect(series.CUSTOMER_EQUITY.all).toEqual([1570, -870]);
    });

    it('the order KPIs', async () => {
      const kpis = ['ORDERS', 'AOV', 'REFUND_RATE', 'PURCHASE_FREQUENCY', 'REPEAT_PURCHASE_RATE'];
      const { series } = await kpiValues(server, key, kpis, Q);
      expect(series.ORDERS.all).toEqual([8, 1]);
      expect(series.AOV.all).toEqual([232.5, 600]); // 1860 / 8; 600 / 1
      expect(series.REFUND_RATE.all[0]).toBeCloseTo(450 / 1860, 10);
      expect(series.REFUND_RATE.all[1]).toBe(0);
      // Twelve months to March: 8 orders of 6 customers, dan the only one with two or more; to June: 9 orders, dan and eve.
      expect(series.PURCHASE_FREQUENCY.all[0]).toBeCloseTo(8 / 6, 10);
      expect(series.PURCHASE_FREQUENCY.all[1]).toBe(1.5);
      expect(series.REPEAT_PURCHASE_RATE.all[0]).toBeCloseTo(1 / 6, 10);
      expect(series.REPEAT_PURCHASE_RATE.all[1]).toBeCloseTo(2 / 6, 10);
      const months = await kpiValues(server, key, ['ORDERS', 'REFUND_RATE', 'AOV'], { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' });
      // March: a refund of an earlier order and no order: null, not a division by zero.
      expect(months.series.ORDERS.all).toEqual([0]);
      expect(months.series.REFUND_RATE.all).toEqual([null]);
      expect(months.series.AOV.all).toEqual([null]);
    });

    it('orders group and filter by their customer: tier, and the acquisition campaign', async () => {
      const byTier = await kpiValues(server, key, ['ORDERS', 'REVENUE', 'MRR', 'REPEAT_PURCHASE_RATE'], Q, ['TIER']);
      expect(byTier.series.ORDERS).toEqual({ growth: [2, 0], scale: [4, 0], enterprise: [2, 1] });
      // growth: ann 300 + ben 0; scale: cat 300 + dan 450; enterprise: eve 300 + fay 420, and 600 in Q2.
      expect(byTier.series.REVENUE).toEqual({ growth: [300, 0], scale: [750, 0], enterprise: [720, 600] });
      expect(byTier.series.MRR).toEqual({ growth: [100, 0], scale: [250, 0], enterprise: [240, 200] });
      expect(byTier.series.REPEAT_PURCHASE_RATE.enterprise).toEqual([0, 0.5]);
      const autumn = await kpiValues(server, key, ['ORDERS', 'AOV'], Q, ['CAMPAIGN'], { campaign: ['autumn'] });
      expect(autumn.series.ORDERS).toEqual({ autumn: [1, 1] });
      expect(autumn.series.AOV).toEqual({ autumn: [300, 600] });
    });

    it('indicator impact pairs each active shopper with next month\'s lapse', async () => {
      // Months Jan–Mar, 5 active shoppers at each end: 15 pairs. x = the shopper's orders in the month (Jan: ann 1, cat 1, dan 2,
      // eve 1, fay 0; Feb: dan 1, fay 1, others 0; Mar: none), y = 1 when it lapses the next month (only after March: ann, cat,
      // eve). Σx = 7, Σx² = 9, Σy = 3, Σxy = 0: cov = −21/225, var x = 86/225, var y = 36/225, so r = −21 / √(86 × 36) and the
      // slope −21/86.
      const res = await server.gql(
        `query($i: [KpiKey!]!, $o: ImpactOutcome!, $p: PeriodInput!) { indicatorImpact(indicators: $i, outcome: $o, period: $p) { indicator n r slope } }`,
        { i: ['ORDERS'], o: 'NEXT_PERIOD_CHURNED', p: { grain: 'MONTH', from: '2025-01-01', to: '2025-03-01' } },
        key,
      );
      expect(res.errors).toBeUndefined();
      const [impact] = res.data!.indicatorImpact;
      expect(impact.n).toBe(15);
      expect(impact.r).toBeCloseTo(-21 / Math.sqrt(86 * 36), 9);
      expect(impact.slope).toBeCloseTo(-21 / 86, 9);
    });
  });

  describe('SUBSCRIPTION (the same facts)', () => {
    beforeAll(() => setModel({ businessModel: 'SUBSCRIPTION' }));
    afterAll(() => setModel({ businessModel: 'TRANSACTIONAL' }));

    it('the monthly value is RECURRING revenue only; orders net of refunds still count as revenue', async () => {
      const kpis = ['MRR', 'ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'CHURNED_MRR', 'REVENUE', 'CUSTOMER_EQUITY', 'ORDERS', 'AOV', 'REPEAT_PURCHASE_RATE'];
      const { series } = await kpiValues(server, key, kpis, Q);
      expect(series.MRR.all).toEqual([120, 0]);
      expect(series.ACTIVE_CUSTOMERS.all).toEqual([1, 0]);
      expect(series.NEW_CUSTOMERS.all).toEqual([1, 0]);
      expect(series.CHURNED_MRR.all).toEqual([0, 120]);
      expect(series.REVENUE.all).toEqual([1770, 600]);
      // Only fay has a first month: Q1 her revenue 420 − 200; Q2 0 − 120 × 3 (eve's 600 has no first month to fall in).
      expect(series.CUSTOMER_EQUITY.all).toEqual([220, -360]);
      expect(series.ORDERS.all).toEqual([8, 1]);
      expect(series.AOV.all).toEqual([232.5, 600]);
      expect(series.REPEAT_PURCHASE_RATE.all[1]).toBeCloseTo(2 / 6, 10);
    });
  });

  it('data completeness: orders and refunds after the watermark are left out, and the run rate ends at it', async () => {
    const setWatermark = async (month: string | null) => {
      const res = await server.gql(
        `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { dataCompleteThrough } }`,
        { input: { dataCompleteThrough: month } },
        key,
      );
      expect(res.errors).toBeUndefined();
    };
    await setWatermark('2025-02-01');
    try {
      const res = await server.gql(
        `query($m: [KpiKey!]!, $p: PeriodInput!) { kpis(metrics: $m, period: $p) { kpi points { value complete dataThrough } } }`,
        { m: ['MRR', 'ACTIVE_CUSTOMERS', 'REVENUE', 'ORDERS', 'REFUND_RATE'], p: { grain: 'QUARTER', from: '2025-01-01', to: '2025-03-31' } },
        key,
      );
      expect(res.errors).toBeUndefined();
      const q1 = Object.fromEntries(res.data!.kpis.map((s: { kpi: string; points: unknown[] }) => [s.kpi, s.points[0]]));
      // Q1 to date through February: February's run rate; cat's refund of 10 March is not in it.
      expect(q1.MRR).toEqual({ value: 650, complete: false, dataThrough: '2025-02-28' });
      expect(q1.ACTIVE_CUSTOMERS.value).toBe(5);
      expect(q1.REVENUE.value).toBe(1950); // 1620 + 330
      expect(q1.ORDERS.value).toBe(8);
      expect(q1.REFUND_RATE.value).toBeCloseTo(150 / 1860, 10);
    } finally {
      await setWatermark(null);
    }
  });

  it('changing the business model or the activity window changes cached answers at once', async () => {
    const mrrAtMarch = async () =>
      (await kpiValues(server, key, ['MRR'], { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' })).series.MRR.all[0];
    expect(await mrrAtMarch()).toBe(590);
    expect(await mrrAtMarch()).toBe(590); // now cached
    // W = 2, March's window is Feb–Mar: dan 150 / 2 = 75, fay (180 + 120) / 2 = 150, cat (0 − 300) / 2 → 0, ann and eve 0.
    expect(await setModel({ activityWindowMonths: 2 })).toEqual({ businessModel: 'TRANSACTIONAL', activityWindowMonths: 2 });
    expect(await mrrAtMarch()).toBe(225);
    expect(await setModel({ businessModel: 'SUBSCRIPTION' })).toEqual({ businessModel: 'SUBSCRIPTION', activityWindowMonths: 2 });
    expect(await mrrAtMarch()).toBe(120);
    await setModel({ businessModel: 'TRANSACTIONAL', activityWindowMonths: 3 });
    expect(await mrrAtMarch()).toBe(590);
  });

  it('the settings are validated with a clear error', async () => {
    for (const [input, path] of [
      [{ activityWindowMonths: 0 }, 'activityWindowMonths'],
      [{ activityWindowMonths: 37 }, 'activityWindowMonths'],
      [{ businessModel: null }, 'businessModel'],
    ] as const) {
      const res = await server.gql(
        `mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { businessModel } }`,
        { input },
        key,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors![0].extensions)).toContain(path);
    }
    const bad = await server.gql(`mutation { updateWorkspace(input: { businessModel: RETAIL }) { businessModel } }`, {}, key);
    expect(bad.errors?.[0].extensions?.code).toBeDefined();
    const [row] = await server.dataSource.query('SELECT business_model, activity_window_months FROM workspace WHERE id = $1', [workspaceId]);
    expect(row).toEqual({ business_model: 'TRANSACTIONAL', activity_window_months: 3 });
    const read = await server.gql(`{ workspace { businessModel activityWindowMonths } }`, {}, key);
    expect(read.data!.workspace).toEqual({ businessModel: 'TRANSACTIONAL', activityWindowMonths: 3 });
  });
});
