import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers, kpiValues } from '../../helpers/kpi-fixtures';

/**
 * Revenue, cost and margin, and customer equity (docs/kpis.md), on the hand-made customers (see handMadeCustomers) plus:
 *   revenue  dave ONE_TIME 250 in Mar; alice SERVICES 75 in Feb; frank (never any RECURRING) ONE_TIME 40 in Feb
 *   costs    Q1: ACQUISITION 1000 Jan (no customer, no campaign), 400 Feb (campaign spring), 100 Mar (customer dave, whose
 *                acquisition campaign is spring); RETENTION 90 Feb (alice); SERVICING 60 Mar (no customer);
 *                COGS 200 Jan (bob), 100.50 Mar (no customer)
 *            Q2: ACQUISITION 1000 Apr (campaign spring); RETENTION 90 May (alice)
 *
 * Q1 revenue: RECURRING alice 350 + bob 520 + carol 50 + dave 300 + erin 60 = 1280, + 250 + 75 + 40 = 1645.
 * Q2 revenue: RECURRING alice 450 + bob 120 + carol 240 + dave 900 = 1710.
 */
describe('revenue, cost, margin and customer equity KPIs', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    let fixtures: KpiFixtures;
    ({ fixtures, key } = await KpiFixtures.create(server));
    await handMadeCustomers(fixtures);
    await fixtures.customer('frank', { tier: 'scale' });
    await fixtures.revenue('dave', '2025-03', 'ONE_TIME', 250);
    await fixtures.revenue('alice', '2025-02', 'SERVICES', 75);
    await fixtures.revenue('frank', '2025-02', 'ONE_TIME', 40);
    await fixtures.cost('ACQUISITION', '2025-01', 1000);
    await fixtures.cost('ACQUISITION', '2025-02', 400, { campaign: 'spring' });
    await fixtures.cost('ACQUISITION', '2025-03', 100, { customer: 'dave' });
    await fixtures.cost('RETENTION', '2025-02', 90, { customer: 'alice' });
    await fixtures.cost('SERVICING', '2025-03', 60);
    await fixtures.cost('COGS', '2025-01', 200, { customer: 'bob' });
    await fixtures.cost('COGS', '2025-03', 100.5);
    await fixtures.cost('ACQUISITION', '2025-04', 1000, { campaign: 'spring' });
    await fixtures.cost('RETENTION', '2025-05', 90, { customer: 'alice' });
  });
  afterAll(() => server.close());

  const QUARTERS = { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' };

  it('revenue, trailing twelve months and margins, exact to the cent', async () => {
    const { series } = await kpiValues(server, key, ['REVENUE', 'TTM_REVENUE', 'GROSS_MARGIN', 'TTM_MARGIN'], QUARTERS);
    expect(series.REVENUE.all).toEqual([1645, 1710]);
    expect(series.TTM_REVENUE.all).toEqual([1645, 3355]); // Jul 2024 – Jun 2025 holds both quarters
    expect(series.GROSS_MARGIN.all[0]).toBeCloseTo(1284.5 / 1645, 10); // (1645 − COGS 300.50 − SERVICING 60) / 1645
    expect(series.GROSS_MARGIN.all[1]).toBe(1); // no COGS or SERVICING in Q2 (RETENTION is not in the margin)
    expect(series.TTM_MARGIN.all[1]).toBeCloseTo(2994.5 / 3355, 10);
  });

  it('CAC and CRC divide the costs of the period by its new and retained customers; a zero base is null', async () => {
    const { series } = await kpiValues(server, key, ['CAC', 'CRC'], QUARTERS);
    expect(series.CAC.all).toEqual([300, null]); // Q1: 1500 / 5 new; Q2: 1000 / 0 new
    expect(series.CRC.all).toEqual([null, 45]); // Q1: 90 / 0 retained (zero base); Q2: 90 / 2 (alice, dave)
  });

  it('CLV, LTV:CAC, CAC payback and new customer value in March (k = 1)', async () => {
    const { series } = await kpiValues(server, key, ['CLV', 'LTV_TO_CAC', 'CAC_PAYBACK_MONTHS', 'NEW_CUSTOMER_VALUE'], {
      grain: 'MONTH', from: '2025-03-01', to: '2025-03-01',
    });
    // ARPA = 570 / 3 = 190; GM(Mar) = (820 − 100.50 − 60) / 820 = 0.80426829…; μ = LOGO_CHURN_RATE = 1/3 (k = 1)
    expect(series.CLV.all).toEqual([458.43]); // 190 × 0.80426829 × 3
    expect(series.LTV_TO_CAC.all[0]).toBeCloseTo(4.5843292683, 9); // CLV (unrounded) / CAC 100 (dave's 100 / 1 new)
    expect(series.CAC_PAYBACK_MONTHS.all).toEqual([0.4145]); // 100 / ((300 / 1) × 0.80426829)
    expect(series.NEW_CUSTOMER_VALUE.all).toEqual([723.84]); // NEW_MRR 300 × 0.80426829 × 3
  });

  it('CLV over a quarter converts the logo churn to a monthly one, and floors it at 1/120 where nobody churned', async () => {
    const { series } = await kpiValues(server, key, ['CLV'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, ['TIER']);
    // strategic (alice): ARPA 150, GM 1, no churn → μ floored at 1/120 → 150 × 120
    expect(series.CLV.strategic).toEqual([18000]);
    const total = await kpiValues(server, key, ['CLV'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' });
    // ARPA 530/3, GM 1, LOGO_CHURN_RATE 1/3 → μ = 1 − (2/3)^(1/3) = 0.12641953…
    expect(total.series.CLV.all).toEqual([1397.46]);
  });

  it('CLV and new customer value are null where nobody paid in the base month (logo churn unknown), not a ten-year lifetime', async () => {
    // Q1 2025 (k = 3), ungrouped: the base month is Dec 2024, when nobody paid, so |B| = 0 and LOGO_CHURN_RATE = 0 / 0 = null.
    const q1 = await kpiValues(
      server, key, ['LOGO_CHURN_RATE', 'ARPA', 'NEW_MRR', 'CLV', 'NEW_CUSTOMER_VALUE', 'LTV_TO_CAC', 'CAC_PAYBACK_MONTHS'],
      { grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01' },
    );
    expect(q1.series.LOGO_CHURN_RATE.all).toEqual([null]);
    expect(q1.series.ARPA.all).toEqual([190]); // MRR(Mar) (150 + 120 + 300) / 3 active
    expect(q1.series.NEW_MRR.all).toEqual([570]); // all five are new in Q1; their MRR in Mar: 150 + 120 + 0 + 300 + 0
    // Before: max(null, 1/120) = 1/120 gave CLV = 190 × (1284.5 / 1645) × 120 = 17,803.40 and NEW_CUSTOMER_VALUE 53,410.21.
    expect(q1.series.CLV.all).toEqual([null]);
    expect(q1.series.NEW_CUSTOMER_VALUE.all).toEqual([null]);
    expect(q1.series.LTV_TO_CAC.all).toEqual([null]); // CLV null / CAC 300
    // Payback does not need the churn: CAC 300 / ((570 / 5) × 1284.5 / 1645) = 300 / 89.0170… = 3.3701
    expect(q1.series.CAC_PAYBACK_MONTHS.all).toEqual([3.3701]);

    // March 2025 by tier (k = 1). enterprise: dave is new in Mar, nobody of the tier paid in Feb → null, though ARPA 300 and
    // margin (300 + 250) / 550 = 1 are known. strategic: alice paid in Feb and Mar → churn 0, μ floored at 1/120 → 150 × 1 × 120;
    // nobody new → new customer value 0 × 1 × 120 = 0. growth: bob paid in Feb and Mar (carol did not pay in Feb) → 120 × 1 × 120.
    const march = await kpiValues(
      server, key, ['LOGO_CHURN_RATE', 'ARPA', 'GROSS_MARGIN', 'CLV', 'NEW_CUSTOMER_VALUE'],
      { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' }, ['TIER'],
    );
    expect(march.series.LOGO_CHURN_RATE.enterprise).toEqual([null]);
    expect(march.series.ARPA.enterprise).toEqual([300]);
    expect(march.series.GROSS_MARGIN.enterprise).toEqual([1]);
    expect(march.series.CLV.enterprise).toEqual([null]); // before: 300 × 1 × 120 = 36,000
    expect(march.series.NEW_CUSTOMER_VALUE.enterprise).toEqual([null]); // before: NEW_MRR 300 × 1 × 120 = 36,000
    expect(march.series.LOGO_CHURN_RATE.strategic).toEqual([0]);
    expect(march.series.CLV.strategic).toEqual([18000]);
    expect(march.series.NEW_CUSTOMER_VALUE.strategic).toEqual([0]);
    expect(march.series.CLV.growth).toEqual([14400]);
  });

  it('costs naming no customer fall in the group whose customer keys are null; CAMPAIGN takes the cost row\'s own campaign first', async () => {
    const byTier = await kpiValues(server, key, ['REVENUE', 'GROSS_MARGIN', 'CAC'], QUARTERS, ['TIER']);
    expect(byTier.series.REVENUE).toEqual({ strategic: [425, 450], growth: [570, 360], enterprise: [550, 900], scale: [100, 0], null: [0, 0] });
    expect(byTier.series.GROSS_MARGIN.null).toEqual([null, null]); // costs without revenue
    expect(byTier.series.CAC.null).toEqual([null, null]); // 1400 of acquisition cost, no customer new in that group
    expect(byTier.series.CAC.enterprise).toEqual([100, null]); // dave's own 100 / dave

    const byCampaign = await kpiValues(server, key, ['CAC', 'REVENUE'], { grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01' }, ['CAMPAIGN']);
    expect(byCampaign.series.CAC).toEqual({ spring: [500], null: [250] }); // spring: (400 + dave's 100) / dave; null: 1000 / 4
    expect(byCampaign.series.REVENUE).toEqual({ spring: [550], null: [1095] });
    const spring = await kpiValues(server, key, ['CAC'], { grain: 'QUARTER', from: '2025-01-01', to: '2025-01-01' }, [], { campaign: ['spring'] });
    expect(spring.series.CAC.all).toEqual([500]);
  });

  it('customer equity: components, counts and total; a customer without recurring revenue falls in no component', async () => {
    const res = await server.gql(
      `query($p: PeriodInput!, $g: [Dimension!]) { customerEquity(period: $p, groupBy: $g) {
        group { tier } points { periodStart total newRevenue acquisitionCost existingRevenue servicingCost churnLoss
        newCustomers retainedCustomers churnedCustomers } } }`,
      { p: QUARTERS },
      key,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.customerEquity).toEqual([
      {
        group: { tier: null },
        points: [
          // (1605 − 1500) + (0 − (60 + 90)) − 0: frank's 40 is REVENUE but no component
          { periodStart: '2025-01-01', total: -45, newRevenue: 1605, acquisitionCost: 1500, existingRevenue: 0, servicingCost: 150,
            churnLoss: 0, newCustomers: 5, retainedCustomers: 0, churnedCustomers: 0 },
          // (0 − 1000) + (1710 − 90) − CHURNED_MRR 120 × 3
          { periodStart: '2025-04-01', total: 260, newRevenue: 0, acquisitionCost: 1000, existingRevenue: 1710, servicingCost: 90,
            churnLoss: 360, newCustomers: 0, retainedCustomers: 2, churnedCustomers: 1 },
        ],
      },
    ]);
    const kpi = await kpiValues(server, key, ['CUSTOMER_EQUITY'], QUARTERS);
    expect(kpi.series.CUSTOMER_EQUITY.all).toEqual([-45, 260]);
    const byTier = await kpiValues(server, key, ['CUSTOMER_EQUITY'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, ['TIER']);
    // strategic 450 − 90; growth (120 + 240) − 360; enterprise 900; costs without customer −1000 — summing to 260 (scale has no Q2 facts)
    expect(byTier.series.CUSTOMER_EQUITY).toEqual({ strategic: [360], growth: [0], enterprise: [900], null: [-1000] });
  });
});
