import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers, kpiValues } from '../../helpers/kpi-fixtures';

/**
 * Customers and recurring-revenue movements (docs/kpis.md "Customers", "Recurring revenue movements") on the hand-made dataset of
 * `handMadeCustomers` (test/helpers/kpi-fixtures.ts), whose MRR table is repeated there.
 */
const CUSTOMER_KPIS = ['ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'CHURNED_CUSTOMERS', 'RETAINED_CUSTOMERS', 'LOGO_CHURN_RATE'];
const MRR_KPIS = [
  'MRR', 'NEW_MRR', 'EXPANSION_MRR', 'CONTRACTION_MRR', 'CHURNED_MRR', 'REACTIVATION_MRR', 'NRR', 'GRR', 'GROSS_MRR_CHURN_RATE', 'ARPA',
];

describe('customer and MRR KPIs', () => {
  let server: TestServer;
  let key: string;
  let fixtures: KpiFixtures;

  beforeAll(async () => {
    server = await startTestServer();
    ({ fixtures, key } = await KpiFixtures.create(server));
    await handMadeCustomers(fixtures);
  });
  afterAll(() => server.close());

  it('March 2025: new, expansion, contraction without churn, and a churn, against February', async () => {
    const { series, periods } = await kpiValues(server, key, [...CUSTOMER_KPIS, ...MRR_KPIS], {
      grain: 'MONTH', from: '2025-03-01', to: '2025-03-31',
    });
    expect(periods).toEqual(['2025-03-01..2025-03-31']);
    const v = (k: string) => series[k].all[0];
    // B = active(Feb) = {alice 100, bob 200, erin 60}: base 360. active(Mar) = {alice 150, bob 120, dave 300}.
    expect(v('ACTIVE_CUSTOMERS')).toBe(3);
    expect(v('NEW_CUSTOMERS')).toBe(1); // dave
    expect(v('CHURNED_CUSTOMERS')).toBe(1); // erin
    expect(v('RETAINED_CUSTOMERS')).toBe(2); // alice, bob
    expect(v('LOGO_CHURN_RATE')).toBeCloseTo(1 / 3, 10);
    expect(v('MRR')).toBe(570);
    expect(v('NEW_MRR')).toBe(300);
    expect(v('EXPANSION_MRR')).toBe(50); // alice 100 → 150
    expect(v('CONTRACTION_MRR')).toBe(80); // bob 200 → 120, still paying
    expect(v('CHURNED_MRR')).toBe(60); // erin
    expect(v('REACTIVATION_MRR')).toBe(0);
    // Bridge: 570 − 360 = 300 + 50 − 80 − 60 + 0
    expect(v('NRR')).toBeCloseTo(270 / 360, 10); // (150 + 120 + 0) / 360
    expect(v('GRR')).toBeCloseTo(220 / 360, 10); // (100 + 120 + 0) / 360
    expect(v('GROSS_MRR_CHURN_RATE')).toBeCloseTo(140 / 360, 10); // (80 + 60) / 360
    expect(v('ARPA')).toBe(190); // 570 / 3
  });

  it('Q1 2025 has a zero base: rates are null, not 0; everyone is new, erin (acquired and churned inside Q1) adds no NEW_MRR', async () => {
    const { series } = await kpiValues(server, key, [...CUSTOMER_KPIS, ...MRR_KPIS], {
      grain: 'QUARTER', from: '2025-01-01', to: '2025-03-31',
    });
    const v = (k: string) => series[k].all[0];
    expect(v('NEW_CUSTOMERS')).toBe(5);
    expect(v('NEW_MRR')).toBe(570); // MRR(Mar) of alice 150 + bob 120 + carol 0 + dave 300 + erin 0
    expect(v('CHURNED_CUSTOMERS')).toBe(0); // erin never was in B (nobody paid in Dec 2024)
    expect(v('LOGO_CHURN_RATE')).toBeNull();
    expect(v('NRR')).toBeNull();
    expect(v('GRR')).toBeNull();
    expect(v('GROSS_MRR_CHURN_RATE')).toBeNull();
    expect(v('ARPA')).toBe(190);
  });

  it('Q2 2025: carol reactivates, bob churns from a contracted MRR', async () => {
    const { series } = await kpiValues(server, key, [...CUSTOMER_KPIS, ...MRR_KPIS], {
      grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01',
    });
    const v = (k: string) => series[k].all[0];
    // B = active(Mar) = {alice 150, bob 120, dave 300}: base 570. active(Jun) = {alice 150, carol 80, dave 300}: 530.
    expect(v('ACTIVE_CUSTOMERS')).toBe(3);
    expect(v('NEW_CUSTOMERS')).toBe(0);
    expect(v('CHURNED_CUSTOMERS')).toBe(1);
    expect(v('RETAINED_CUSTOMERS')).toBe(2);
    expect(v('MRR')).toBe(530);
    expect(v('CHURNED_MRR')).toBe(120);
    expect(v('REACTIVATION_MRR')).toBe(80); // carol: not in B, first month Jan < Apr, paying in Jun
    expect(v('EXPANSION_MRR')).toBe(0);
    expect(v('CONTRACTION_MRR')).toBe(0);
    // Bridge: 530 − 570 = 0 + 0 − 0 − 120 + 80
    expect(v('NRR')).toBeCloseTo(450 / 570, 10);
    expect(v('GRR')).toBeCloseTo(450 / 570, 10);
    expect(v('GROSS_MRR_CHURN_RATE')).toBeCloseTo(120 / 570, 10);
    expect(v('ARPA')).toBe(176.67); // 530 / 3, to the cent
  });

  it('groups by tier: every group computes its own ratios, and a group without facts in a period has 0 counts and null ratios', async () => {
    const { series } = await kpiValues(
      server, key, ['MRR', 'NRR', 'LOGO_CHURN_RATE', 'ACTIVE_CUSTOMERS'], { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' }, ['TIER'],
    );
    expect(Object.keys(series.MRR).sort()).toEqual(['enterprise', 'growth', 'scale', 'strategic']);
    expect(series.MRR.strategic).toEqual([150, 150]);
    expect(series.MRR.growth).toEqual([120, 80]); // Q1: bob 120 + carol 0; Q2: carol 80
    expect(series.MRR.enterprise).toEqual([300, 300]);
    expect(series.MRR.scale).toEqual([0, 0]); // erin: no MRR at either end, no facts at all in Q2
    expect(series.NRR.growth).toEqual([null, 0]); // Q2: B = {bob 120}, bob pays 0 in Jun
    expect(series.NRR.strategic).toEqual([null, 1]);
    expect(series.LOGO_CHURN_RATE.growth).toEqual([null, 1]);
    expect(series.ACTIVE_CUSTOMERS.scale).toEqual([0, 0]);
  });

  it('filters combine with AND, and a null key never passes', async () => {
    const growthEmea = await kpiValues(server, key, ['MRR'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, [], {
      tier: ['growth'], region: ['EMEA'],
    });
    expect(growthEmea.series.MRR.all).toEqual([80]); // carol (bob is in NA)
    const partnered = await kpiValues(server, key, ['MRR'], { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' }, [], { partner: ['p1'] });
    expect(partnered.series.MRR.all).toEqual([120]); // bob only: direct customers have no partner key
    const byPartner = await kpiValues(server, key, ['MRR'], { grain: 'MONTH', from: '2025-03-01', to: '2025-03-01' }, ['PARTNER']);
    expect(byPartner.series.MRR).toEqual({ p1: [120], null: [450] });
  });

  it('a fiscal year starting in April: YEAR periods run April to March, and NRR compares March with March', async () => {
    const { fixtures: april, key: aprilKey } = await KpiFixtures.create(server, { fiscalYearStartMonth: 4 });
    await handMadeCustomers(april);
    // Periods whose first day lies in [2024-06-01, 2025-05-01]: only FY 2025-04-01 … 2026-03-31 (FY 2024 starts before `from`).
    const { series, periods } = await kpiValues(server, aprilKey, ['MRR', 'NRR', 'CHURNED_CUSTOMERS', 'CHURNED_MRR', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE'], {
      grain: 'YEAR', from: '2024-06-01', to: '2025-05-01',
    });
    expect(periods).toEqual(['2025-04-01..2026-03-31']);
    // b = Mar 2025: B = {alice 150, bob 120, dave 300}; e = Mar 2026: only alice pays 150.
    expect(series.MRR.all).toEqual([150]);
    expect(series.NRR.all[0]).toBeCloseTo(150 / 570, 10);
    expect(series.CHURNED_CUSTOMERS.all).toEqual([2]);
    expect(series.CHURNED_MRR.all).toEqual([420]);
    expect(series.NEW_CUSTOMERS.all).toEqual([0]);
    expect(series.LOGO_CHURN_RATE.all[0]).toBeCloseTo(2 / 3, 10);
    // Fiscal quarters start in Jan, Apr, Jul, Oct with an April year; with a February year they start in Feb, May, ….
    const { fixtures: feb, key: febKey } = await KpiFixtures.create(server, { fiscalYearStartMonth: 2 });
    await handMadeCustomers(feb);
    const q = await kpiValues(server, febKey, ['MRR', 'NEW_CUSTOMERS', 'EXPANSION_MRR', 'CONTRACTION_MRR', 'CHURNED_CUSTOMERS'], {
      grain: 'QUARTER', from: '2025-01-15', to: '2025-03-01',
    });
    expect(q.periods).toEqual(['2025-02-01..2025-04-30']);
    // b = Jan: B = {alice 100, bob 200, carol 50}; e = Apr: alice 150, bob 120, carol 80, dave 300.
    expect(q.series.MRR.all).toEqual([650]);
    expect(q.series.NEW_CUSTOMERS.all).toEqual([2]); // erin (Feb), dave (Mar)
    expect(q.series.EXPANSION_MRR.all).toEqual([80]); // alice +50, carol +30 (paying again at e: retained)
    expect(q.series.CONTRACTION_MRR.all).toEqual([80]); // bob
    expect(q.series.CHURNED_CUSTOMERS.all).toEqual([0]);
  });

  it('groups by PHASE as of the last day of each period (UTC), base sets taken within the group', async () => {
    const { fixtures: phased, key: phasedKey } = await KpiFixtures.create(server);
    await handMadeCustomers(phased);
    await phased.journey(server);
    await phased.event('alice', 'PHASE_ENTERED', '2025-02-10T09:00:00Z', { phase: 'purchase' });
    await phased.event('alice', 'PHASE_ENTERED', '2025-05-20T09:00:00Z', { phase: 'post_purchase' });
    await phased.event('bob', 'PHASE_ENTERED', '2025-01-05T09:00:00Z', { phase: 'purchase' });
    await phased.event('dave', 'PHASE_ENTERED', '2025-06-30T23:30:00Z', { phase: 'purchase' }); // the last day of Q2
    await phased.event('carol', 'PHASE_ENTERED', '2025-07-01T00:00:00Z', { phase: 'loyalty' }); // after Q2
    const { series } = await kpiValues(
      server, phasedKey, ['MRR', 'CHURNED_CUSTOMERS', 'NRR'], { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' }, ['PHASE'],
    );
    // End of Q1: purchase = {alice 150, bob 120}; null = {carol 0, dave 300, erin 0}.
    // End of Q2: post_purchase = {alice 150}; purchase = {bob 0 (churned), dave 300}; null = {carol 80}.
    expect(series.MRR).toEqual({ purchase: [270, 300], post_purchase: [0, 150], null: [300, 80] });
    expect(series.CHURNED_CUSTOMERS.purchase).toEqual([0, 1]);
    // Q2 purchase: B = {bob 120, dave 300} → (0 + 300) / 420
    expect(series.NRR.purchase[1]).toBeCloseTo(300 / 420, 10);
    const filtered = await kpiValues(server, phasedKey, ['MRR'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-06-30' }, [], {
      phase: ['purchase', 'post_purchase'],
    });
    expect(filtered.series.MRR.all).toEqual([450]);
  });

  it('rejects an empty KPI list and a reversed range with BAD_USER_INPUT, keeps INGEST keys out, and scopes a PARTNER key to its partner', async () => {
    const query = `query($m: [KpiKey!]!, $p: PeriodInput!) { kpis(metrics: $m, period: $p) { kpi } }`;
    const empty = await server.gql(query, { m: [], p: { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' } }, key);
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    const reversed = await server.gql(query, { m: ['MRR'], p: { grain: 'MONTH', from: '2025-03-01', to: '2025-02-01' } }, key);
    expect(codeOf(reversed)).toBe('BAD_USER_INPUT');
    expect(reversed.errors![0].extensions.fields).toEqual([{ path: 'period.to', message: 'to must be on or after from' }]);
    const ingest = await server.key(key, 'INGEST');
    expect(codeOf(await server.gql(query, { m: ['MRR'], p: { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' } }, ingest))).toBe('FORBIDDEN');
    const partner = await server.key(key, 'PARTNER', { partner: 'p1' });
    // A partner portal: the KPIs of its own partner's customers only (partner-scope.test.ts has the values).
    expect((await server.gql(query, { m: ['MRR'], p: { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' } }, partner)).data?.kpis).toHaveLength(1);
    const viewer = await server.key(key, 'VIEWER');
    expect((await server.gql(query, { m: ['MRR'], p: { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' } }, viewer)).data?.kpis).toHaveLength(1);
  });
});
