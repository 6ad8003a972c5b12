import { startTestServer, type TestServer } from '../../helpers/test-server';
import { KpiFixtures, handMadeCustomers, kpiValues } from '../../helpers/kpi-fixtures';

/**
 * Leading indicators (docs/kpis.md "Leading indicators") on the hand-made customers (see handMadeCustomers: active at the end of
 * Q1 = {alice, bob, dave}, at the end of Q2 = {alice, carol, dave}) plus surveys, events and invoices listed in each test.
 */
describe('leading indicator KPIs', () => {
  let server: TestServer;
  let key: string;
  const QUARTERS = { grain: 'QUARTER', from: '2025-01-01', to: '2025-07-01' };

  beforeAll(async () => {
    server = await startTestServer();
    let f: KpiFixtures;
    ({ fixtures: f, key } = await KpiFixtures.create(server));
    await handMadeCustomers(f);
    await f.revenue('alice', '2025-02', 'SERVICES', 75);
    // surveys
    await f.survey('alice', 'CSAT', 5, '2025-04-10T10:00:00Z');
    await f.survey('bob', 'CSAT', 3, '2025-05-02T10:00:00Z');
    await f.survey('carol', 'CSAT', 4, '2025-06-30T23:59:59Z'); // the last second of Q2
    await f.survey('dave', 'CSAT', 2, '2025-07-01T00:00:00Z'); // the first second of Q3
    await f.survey('alice', 'NPS', 10, '2025-04-11T10:00:00Z');
    await f.survey('bob', 'NPS', 9, '2025-04-12T10:00:00Z');
    await f.survey('carol', 'NPS', 8, '2025-04-13T10:00:00Z');
    await f.survey('dave', 'NPS', 3, '2025-04-14T10:00:00Z');
    // events
    await f.event('alice', 'SUPPORT_TICKET', '2025-04-03T10:00:00Z');
    await f.event('alice', 'SUPPORT_TICKET', '2025-05-03T10:00:00Z');
    await f.event('bob', 'SUPPORT_TICKET', '2025-04-20T10:00:00Z');
    await f.event('alice', 'REFERENCE_CALL', '2025-06-01T10:00:00Z');
    await f.event('dave', 'REFERENCE_CALL', '2025-05-05T10:00:00Z', { campaign: 'summer' });
    await f.event('alice', 'CONTENT_DOWNLOAD', '2025-04-15T10:00:00Z');
    await f.event('alice', 'CONTENT_SHARE', '2025-04-16T10:00:00Z');
    await f.event('bob', 'CONTENT_SHARE', '2025-05-01T10:00:00Z');
    // first value
    await f.event('alice', 'FIRST_VALUE', '2025-01-09T12:00:00Z');
    await f.event('bob', 'FIRST_VALUE', '2025-01-31T23:00:00Z');
    await f.event('dave', 'FIRST_VALUE', '2025-03-07T08:00:00Z');
    await f.event('erin', 'FIRST_VALUE', '2025-02-15T08:00:00Z');
    await f.event('erin', 'FIRST_VALUE', '2025-02-20T08:00:00Z');
    // invoices (customer, issued, paid, amount)
    await f.invoice('alice', '2025-03-15', '2025-04-10', 300);
    await f.invoice('alice', '2025-04-01', '2025-05-01', 450);
    await f.invoice('bob', '2025-05-15', '2025-07-05', 360); // paid after the end of Q2
    await f.invoice('dave', '2025-06-20', null, 900);
    await f.invoice('carol', '2025-07-02', null, 80);
    await f.invoice('carol', '2025-02-01', null, 100);
  });
  afterAll(() => server.close());

  it('CSAT and NPS count the responses inside each period (UTC); without responses they are null', async () => {
    const { series } = await kpiValues(server, key, ['CSAT', 'NPS'], QUARTERS);
    // Q2 CSAT: alice 5, bob 3, carol 4 → 2 of 3 ≥ 4. Q3: dave 2 → 0 of 1.
    expect(series.CSAT.all[0]).toBeNull();
    expect(series.CSAT.all[1]).toBeCloseTo(2 / 3, 10);
    expect(series.CSAT.all[2]).toBe(0);
    // Q2 NPS: 10, 9, 8, 3 → 100 × (2/4 − 1/4)
    expect(series.NPS.all).toEqual([null, 25, null]);
    const byTier = await kpiValues(server, key, ['CSAT'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, ['TIER']);
    expect(byTier.series.CSAT).toEqual({ strategic: [1], growth: [0.5], enterprise: [null] });
  });

  it('tickets per active customer, reference calls and content engagement of active customers', async () => {
    const { series } = await kpiValues(server, key, ['TICKETS_PER_CUSTOMER', 'REFERENCE_CALLS', 'CONTENT_ENGAGEMENT_RATE'], QUARTERS);
    expect(series.TICKETS_PER_CUSTOMER.all).toEqual([0, 1, 0]); // Q2: 3 tickets (bob's counts though he churned) / 3 active
    expect(series.REFERENCE_CALLS.all).toEqual([0, 2, 0]);
    // Q2: alice (active in Jun, two content events) engaged; bob shared but is not active in Jun → 1 / 3
    expect(series.CONTENT_ENGAGEMENT_RATE.all[1]).toBeCloseTo(1 / 3, 10);
    // an event's own campaign does not regroup it: dave's call stays with his acquisition campaign
    const byCampaign = await kpiValues(server, key, ['REFERENCE_CALLS'], { grain: 'QUARTER', from: '2025-04-01', to: '2025-04-01' }, ['CAMPAIGN']);
    expect(byCampaign.series.REFERENCE_CALLS).toEqual({ spring: [1], null: [1] });
  });

  it('DSO: open receivables at the last day over the credit sales of the period, times its days', async () => {
    const { series } = await kpiValues(server, key, ['DSO'], QUARTERS);
    // Q1 (90 days): AR(Mar 31) = 300 (paid Apr 10) + 100 (carol, open) = 400; issued in Q1: 300 + 100 → 90
    // Q2 (91 days): AR(Jun 30) = bob 360 (paid Jul 5, after the end) + dave 900 + carol 100 = 1360; issued: 450 + 360 + 900 = 1710
    //               → 1360 / 1710 × 91 = 72.374…
    // Q3 (92 days): AR(Sep 30) = 900 + 80 + 100 = 1080; issued: 80 → 1242
    expect(series.DSO.all).toEqual([90, 72.37, 1242]);
  });

  it('services attach rate among customers with recurring revenue in the period', async () => {
    const { series } = await kpiValues(server, key, ['SERVICES_ATTACH_RATE'], QUARTERS);
    expect(series.SERVICES_ATTACH_RATE.all).toEqual([0.2, 0, 0]); // Q1: alice of 5; Q2: none of 4; Q3: none of 1 (alice)
    const june2026 = await kpiValues(server, key, ['SERVICES_ATTACH_RATE'], { grain: 'MONTH', from: '2026-06-01', to: '2026-06-01' });
    expect(june2026.series.SERVICES_ATTACH_RATE.all).toEqual([null]); // nobody has recurring revenue: null, not 0
  });

  it('time to value: the median over new customers with a FIRST_VALUE event, the mean of the two middle ones for an even count', async () => {
    const { series } = await kpiValues(server, key, ['TIME_TO_VALUE_DAYS'], QUARTERS);
    // new in Q1 with a FIRST_VALUE: alice 2024-12-20 → 01-09 = 20; bob (no acquiredOn: first month 01-01) → 01-31 23:00 UTC = 30;
    // dave 02-25 → 03-07 = 10; erin 02-01 → her first FIRST_VALUE 02-15 = 14; carol has none. Median of 10, 14, 20, 30 = 17.
    expect(series.TIME_TO_VALUE_DAYS.all).toEqual([17, null, null]);
    const january = await kpiValues(server, key, ['TIME_TO_VALUE_DAYS'], { grain: 'MONTH', from: '2025-01-01', to: '2025-02-01' });
    expect(january.series.TIME_TO_VALUE_DAYS.all).toEqual([25, 14]); // Jan: alice 20, bob 30; Feb: erin 14
  });
});
