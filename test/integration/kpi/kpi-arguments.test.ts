import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';

/*
 * The argument sets the KPI and metric fields share (period, filter, groupBy: kpi.args.ts) are validated as before they were
 * shared: a filter breaking a rule is BAD_USER_INPUT naming the argument and the field, whichever field takes it.
 */

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ adminKey: key } = await server.workspace());
});
afterAll(() => server.close());

const PERIOD = { grain: 'MONTH', from: '2025-01-01', to: '2025-03-01' };
const TOO_MANY_TIERS = Array.from({ length: 1001 }, (_, i) => `t${i}`);

describe('the shared KPI arguments', () => {
  it.each([
    ['kpis', `query($p: PeriodInput!, $f: SegmentFilter) { kpis(metrics: [MRR], period: $p, filter: $f) { kpi } }`],
    ['customerEquity', `query($p: PeriodInput!, $f: SegmentFilter) { customerEquity(period: $p, filter: $f) { group { tier } } }`],
    ['kpiMatrix', `query($p: PeriodInput!, $f: SegmentFilter) { kpiMatrix(metrics: [MRR], period: $p, filter: $f) { periodStart } }`],
    ['phaseFunnel', `query($p: PeriodInput!, $f: SegmentFilter) { phaseFunnel(journeyId: "00000000-0000-4000-8000-000000000000", period: $p, filter: $f) { entered } }`],
    ['metric.values', `query($p: PeriodInput!, $f: SegmentFilter) { metric(key: "customer_equity") { values(period: $p, filter: $f) { points { value } } } }`],
  ])('%s: a filter of 1,001 tiers is BAD_USER_INPUT on filter.tier', async (_field, query) => {
    const res = await server.gql(query, { p: PERIOD, f: { tier: TOO_MANY_TIERS } }, key);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([{ path: 'filter.tier', message: 'tier must contain no more than 1000 elements' }]);
  });

  it('check every value of a list: a partner id over 200 characters is BAD_USER_INPUT on filter.partner', async () => {
    const res = await server.gql(
      `query($p: PeriodInput!, $f: SegmentFilter) { kpis(metrics: [MRR], period: $p, filter: $f) { kpi } }`,
      { p: PERIOD, f: { partner: ['p1', 'x'.repeat(201)] } },
      key,
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([
      { path: 'filter.partner', message: 'each value in partner must be longer than or equal to 1 and shorter than or equal to 200 characters' },
    ]);
  });

  it('take the defaults when filter and groupBy are left out: one ungrouped series', async () => {
    const res = await server.gql(`query($p: PeriodInput!) { kpis(metrics: [ACTIVE_CUSTOMERS], period: $p) { kpi group { tier } points { value } } }`, { p: PERIOD }, key);
    expect(res.errors).toBeUndefined();
    // The workspace has no facts, so no data-completeness watermark: no period has data, and every value is null.
    expect(res.data!.kpis).toEqual([{ kpi: 'ACTIVE_CUSTOMERS', group: { tier: null }, points: [{ value: null }, { value: null }, { value: null }] }]);
  });
});
