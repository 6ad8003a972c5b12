import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { KpiFixtures } from '../../helpers/kpi-fixtures';

/** docs/kpis.md "Indicator impact" and "Phase funnel" on small hand-made datasets. */
describe('indicator impact', () => {
  let server: TestServer;
  let key: string;

  /**
   *          MRR Jan  MRR Feb  CSAT in Jan   NPS in Jan   tickets
   *   c1       100      120     5 → 1        10 → 100      -
   *   c2       100      100     4 → 1         8 → 0        -
   *   c3       100        0     2 → 0         0 → −100     -
   *   c4       100       50     1 → 0         -            -
   *   c5         -      100     5 (not active at the end of January: left out)
   */
  beforeAll(async () => {
    server = await startTestServer();
    let f: KpiFixtures;
    ({ fixtures: f, key } = await KpiFixtures.create(server));
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) await f.customer(c, { tier: c === 'c4' ? 'scale' : 'growth' });
    await f.mrr('c1', { '2025-01': 100, '2025-02': 120 });
    await f.mrr('c2', { '2025-01': 100, '2025-02': 100 });
    await f.mrr('c3', { '2025-01': 100 });
    await f.mrr('c4', { '2025-01': 100, '2025-02': 50 });
    await f.mrr('c5', { '2025-02': 100 });
    await f.survey('c1', 'CSAT', 5, '2025-01-10T10:00:00Z');
    await f.survey('c2', 'CSAT', 4, '2025-01-10T10:00:00Z');
    await f.survey('c3', 'CSAT', 2, '2025-01-10T10:00:00Z');
    await f.survey('c4', 'CSAT', 1, '2025-01-10T10:00:00Z');
    await f.survey('c5', 'CSAT', 5, '2025-01-10T10:00:00Z');
    await f.survey('c1', 'NPS', 10, '2025-01-11T10:00:00Z');
    await f.survey('c2', 'NPS', 8, '2025-01-11T10:00:00Z');
    await f.survey('c3', 'NPS', 0, '2025-01-11T10:00:00Z');
  });
  afterAll(() => server.close());

  const impact = (outcome: string, filter?: Record<string, string[]>) =>
    server.gql(
      `query($i: [KpiKey!]!, $o: ImpactOutcome!, $p: PeriodInput!, $f: SegmentFilter) {
        indicatorImpact(indicators: $i, outcome: $o, period: $p, filter: $f) { indicator outcome r slope n } }`,
      { i: ['CSAT', 'NPS', 'TICKETS_PER_CUSTOMER'], o: outcome, p: { grain: 'MONTH', from: '2025-01-01', to: '2025-01-31' }, f: filter },
      key,
    );

  it('relates each customer\'s indicator in a period to whether it churned in the next one', async () => {
    const res = await impact('NEXT_PERIOD_CHURNED');
    expect(res.errors).toBeUndefined();
    const [csat, nps, tickets] = res.data!.indicatorImpact;
    // CSAT x = (1, 1, 0, 0), churned y = (0, 0, 1, 0): Sxy = −0.5, Sxx = 1, Syy = 0.75 → r = −0.5/√0.75, slope = −0.5
    expect(csat).toMatchObject({ indicator: 'CSAT', outcome: 'NEXT_PERIOD_CHURNED', n: 4 });
    expect(csat.r).toBeCloseTo(-0.5 / Math.sqrt(0.75), 10);
    expect(csat.slope).toBeCloseTo(-0.5, 10);
    // NPS x = (100, 0, −100) (c4 answered none: left out), y = (0, 0, 1): Sxy = −100, Sxx = 20000, Syy = 2/3
    expect(nps.n).toBe(3);
    expect(nps.r).toBeCloseTo(-100 / Math.sqrt(20000 * (2 / 3)), 10);
    expect(nps.slope).toBeCloseTo(-0.005, 10);
    // nobody filed a ticket: x has no variance → r and slope null
    expect(tickets).toEqual({ indicator: 'TICKETS_PER_CUSTOMER', outcome: 'NEXT_PERIOD_CHURNED', r: null, slope: null, n: 4 });
  });

  it('relates it to the customer\'s own NRR over the next period, and is null under 3 customers', async () => {
    const res = await impact('NEXT_PERIOD_NRR');
    const csat = res.data!.indicatorImpact[0];
    // y = (1.2, 1, 0, 0.5): Sxy = 0.85, Sxx = 1, Syy = 0.8675
    expect(csat.r).toBeCloseTo(0.85 / Math.sqrt(0.8675), 10);
    expect(csat.slope).toBeCloseTo(0.85, 10);
    const few = await impact('NEXT_PERIOD_NRR', { tier: ['scale'] });
    expect(few.data!.indicatorImpact[0]).toEqual({ indicator: 'CSAT', outcome: 'NEXT_PERIOD_NRR', r: null, slope: null, n: 1 });
  });
});

describe('phase funnel', () => {
  let server: TestServer;
  let key: string;
  let f: KpiFixtures;

  /**
   * Phases: contact 1, consideration 2, purchase 3, post_purchase 4, loyalty 5. PHASE_ENTERED events:
   *   d1 (strategic)  contact Jan 3, consideration Jan 10, purchase Feb 20
   *   d2 (strategic)  contact Jan 5, contact again Jan 20
   *   d3 (growth)     contact Dec 28 (before January), consideration Jan 15, contact Jan 25
   *   d4 (growth)     consideration Jan 31 23:00 UTC, post_purchase Feb 2
   *   d5 (strategic)  loyalty Jan 12, post_purchase Jan 20 (back to an earlier phase)
   */
  beforeAll(async () => {
    server = await startTestServer();
    ({ fixtures: f, key } = await KpiFixtures.create(server));
    await f.journey(server);
    for (const c of ['d1', 'd2', 'd3', 'd4', 'd5']) await f.customer(c, { tier: ['d3', 'd4'].includes(c) ? 'growth' : 'strategic' });
    await f.event('d1', 'PHASE_ENTERED', '2025-01-03T10:00:00Z', { phase: 'contact' });
    await f.event('d1', 'PHASE_ENTERED', '2025-01-10T10:00:00Z', { phase: 'consideration' });
    await f.event('d1', 'PHASE_ENTERED', '2025-02-20T10:00:00Z', { phase: 'purchase' });
    await f.event('d2', 'PHASE_ENTERED', '2025-01-05T10:00:00Z', { phase: 'contact' });
    await f.event('d2', 'PHASE_ENTERED', '2025-01-20T10:00:00Z', { phase: 'contact' });
    await f.event('d3', 'PHASE_ENTERED', '2024-12-28T10:00:00Z', { phase: 'contact' });
    await f.event('d3', 'PHASE_ENTERED', '2025-01-15T10:00:00Z', { phase: 'consideration' });
    await f.event('d3', 'PHASE_ENTERED', '2025-01-25T10:00:00Z', { phase: 'contact' });
    await f.event('d4', 'PHASE_ENTERED', '2025-01-31T23:00:00Z', { phase: 'consideration' });
    await f.event('d4', 'PHASE_ENTERED', '2025-02-02T10:00:00Z', { phase: 'post_purchase' });
    await f.event('d5', 'PHASE_ENTERED', '2025-01-12T10:00:00Z', { phase: 'loyalty' });
    await f.event('d5', 'PHASE_ENTERED', '2025-01-20T10:00:00Z', { phase: 'post_purchase' });
  });
  afterAll(() => server.close());

  const funnel = (journeyId: string, filter?: Record<string, string[]>) =>
    server.gql(
      `query($j: ID!, $p: PeriodInput!, $f: SegmentFilter) { phaseFunnel(journeyId: $j, period: $p, filter: $f) {
        phase { key position } periodStart entered advanced conversionRate medianDaysInPhase } }`,
      { j: journeyId, p: { grain: 'MONTH', from: '2025-01-01', to: '2025-01-01' }, f: filter },
      key,
    );

  it('counts entries once, advancement to a later phase, and the median days to the next phase entered', async () => {
    const res = await funnel(f.journeyId);
    expect(res.errors).toBeUndefined();
    const step = (k: string) => res.data!.phaseFunnel.find((s: { phase: { key: string } }) => s.phase.key === k);
    expect(res.data!.phaseFunnel.map((s: { phase: { key: string } }) => s.phase.key)).toEqual([
      'contact', 'consideration', 'purchase', 'post_purchase', 'loyalty',
    ]);
    // contact in January: d1 (Jan 3), d2 (first of two entries, Jan 5), d3 (Jan 25). Advanced: d1 only (d3's was before Jan).
    // Days to the next entry of any phase: d1 7 (Jan 10), d2 15 (Jan 20, contact again), d3 none → median of 7, 15 = 11.
    expect(step('contact')).toMatchObject({ periodStart: '2025-01-01', entered: 3, advanced: 1, medianDaysInPhase: 11 });
    expect(step('contact').conversionRate).toBeCloseTo(1 / 3, 10);
    // consideration: d1 (→ purchase Feb 20: 41 days), d3 (→ back to contact Jan 25: not advanced, 10 days),
    // d4 (Jan 31 23:00 UTC → post_purchase Feb 2: 2 days) → median 10
    expect(step('consideration')).toMatchObject({ entered: 3, advanced: 2, medianDaysInPhase: 10 });
    expect(step('consideration').conversionRate).toBeCloseTo(2 / 3, 10);
    expect(step('purchase')).toMatchObject({ entered: 0, advanced: 0, conversionRate: null, medianDaysInPhase: null });
    // post_purchase: d5 (Jan 20) has not gone on to loyalty since: 0 of 1, a real 0 — a later phase exists.
    expect(step('post_purchase')).toMatchObject({ entered: 1, advanced: 0, conversionRate: 0, medianDaysInPhase: null });
    // loyalty, the last phase: d5 entered (Jan 12) and moved on 8 days later, but there is no later phase to advance to:
    // advanced 0 and conversion rate null (undefined), not 0.
    expect(step('loyalty')).toMatchObject({ entered: 1, advanced: 0, conversionRate: null, medianDaysInPhase: 8 });
  });

  it('filters the customers, and refuses a journey of another workspace with NOT_FOUND', async () => {
    const res = await funnel(f.journeyId, { tier: ['growth'] });
    const step = (k: string) => res.data!.phaseFunnel.find((s: { phase: { key: string } }) => s.phase.key === k);
    expect(step('contact')).toMatchObject({ entered: 1, advanced: 0, medianDaysInPhase: null }); // d3
    expect(step('consideration')).toMatchObject({ entered: 2, advanced: 1, medianDaysInPhase: 6 }); // d3 10, d4 2
    const { fixtures: other } = await KpiFixtures.create(server);
    const foreign = await other.journey(server);
    expect(codeOf(await funnel(foreign))).toBe('NOT_FOUND');
    expect(codeOf(await funnel('not-an-id'))).toBe('NOT_FOUND');
  });
});
