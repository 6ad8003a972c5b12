import { startTestServer, type TestServer } from '../../helpers/test-server';
import { must } from '../../helpers/metrics';
import { CLOTHIER_DEMO, createDemoWorkspace } from '../../../src/demo/demo-workspace';
import { Role } from '../../../src/core/role.enum';

/** Made on the day the README was written, like the B2B demo's test: its data runs from December 2024 to November 2026. */
const README_DAY = new Date('2026-12-01T09:00:00Z');
const MONTHS = { grain: 'MONTH', from: '2024-12-01', to: '2026-11-01' };

describe('the online clothier demo', () => {
  let server: TestServer;
  let workspaceId: string;
  let viewer: string;
  let createdInMs: number;
  beforeAll(async () => {
    server = await startTestServer();
    const started = Date.now();
    ({ workspaceId } = await createDemoWorkspace(server.dataSource, server.app.services, {
      demo: CLOTHIER_DEMO,
      name: `Clothier of the README ${process.pid}`,
      today: README_DAY,
    }));
    createdInMs = Date.now() - started;
    ({ key: viewer } = await server.app.services.workspaces.createKey(workspaceId, { name: 'viewer', role: Role.VIEWER }));
  }, 300_000);
  afterAll(() => server.close());

  const series = async (kpis: string[], period: object) => {
    const { kpis: result } = await must(server, viewer, `query($p: PeriodInput!) { kpis(metrics: [${kpis.join(', ')}], period: $p) { kpi points { periodStart value } } }`, { p: period });
    return Object.fromEntries(result.map((s: { kpi: string; points: { periodStart: string; value: number | null }[] }) => [s.kpi, s.points]));
  };

  it('is a TRANSACTIONAL workspace with its own tiers and segments, thousands of shoppers over the months of the B2B demo', async () => {
    console.log(`clothier demo (${CLOTHIER_DEMO.dataset.customers} shoppers) made in ${createdInMs} ms`);
    const data = await must(server, viewer, `{ workspace { businessModel activityWindowMonths currency } tiers { key } segments { key } }`);
    expect(data.workspace).toEqual({ businessModel: 'TRANSACTIONAL', activityWindowMonths: 12, currency: 'EUR' });
    expect(data.tiers.map((t: { key: string }) => t.key)).toEqual(['vip', 'member', 'guest']);
    expect(data.segments.map((s: { key: string }) => s.key)).toEqual(['womenswear', 'menswear', 'family']);
    const [facts] = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM customer WHERE workspace_id = $1)::int AS shoppers,
              (SELECT count(*) FROM revenue WHERE workspace_id = $1)::int AS revenue_rows,
              (SELECT count(DISTINCT date_trunc('month', ordered_at AT TIME ZONE 'UTC')) FROM "order" WHERE workspace_id = $1)::int AS order_months,
              (SELECT to_char(min(ordered_at AT TIME ZONE 'UTC'), 'YYYY-MM') || ' ' || to_char(max(ordered_at AT TIME ZONE 'UTC'), 'YYYY-MM') FROM "order" WHERE workspace_id = $1) AS span,
              (SELECT count(*) FROM refund WHERE workspace_id = $1)::int AS refunds,
              (SELECT count(*) FROM customer WHERE workspace_id = $1 AND country IS NULL)::int AS without_country`,
      [workspaceId],
    );
    expect(facts).toMatchObject({ shoppers: 5000, revenue_rows: 0, order_months: 24, span: '2024-12 2026-11' });
    expect(facts.refunds).toBeGreaterThan(1000);
    expect(facts.without_country).toBeGreaterThan(0);
  });

  it('has active shoppers every month, NRR from the second month on, seasonal orders, returns, lapsing and returning shoppers', async () => {
    const s = await series(['ACTIVE_CUSTOMERS', 'NRR', 'ORDERS', 'AOV', 'REFUND_RATE', 'CHURNED_CUSTOMERS', 'REACTIVATION_MRR', 'REPEAT_PURCHASE_RATE', 'CLV', 'CUSTOMER_EQUITY'], MONTHS);
    const values = (kpi: string) => s[kpi].map((p: { value: number | null }) => p.value);
    const at = (kpi: string, month: string) => s[kpi].find((p: { periodStart: string }) => p.periodStart === month)?.value;
    console.log(`clothier monthly: ${JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, values(k).map((v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000))])))}`);
    expect(values('ACTIVE_CUSTOMERS')).toHaveLength(24);
    expect(values('ACTIVE_CUSTOMERS').every((v: number) => v > 0)).toBe(true);
    // The month before the data has no shoppers, so the first month has no base; every later one has.
    expect(values('NRR')[0]).toBeNull();
    expect(values('NRR').slice(1).every((v: number | null) => v !== null && v > 0.5 && v < 1.5)).toBe(true);
    // Black Friday and Christmas against the late-summer lull of the same year.
    expect(at('ORDERS', '2025-11-01')).toBeGreaterThan(1.5 * at('ORDERS', '2025-08-01'));
    expect(at('ORDERS', '2026-11-01')).toBeGreaterThan(1.5 * at('ORDERS', '2026-08-01'));
    expect(values('REFUND_RATE').every((v: number) => v > 0.05 && v < 0.4)).toBe(true);
    expect(values('AOV').every((v: number) => v > 60 && v < 200)).toBe(true);
    // Shoppers lapse once a year passes without a purchase, and some come back.
    expect(values('CHURNED_CUSTOMERS').slice(12).every((v: number) => v > 0)).toBe(true);
    expect(values('REACTIVATION_MRR').slice(12).some((v: number) => v > 0)).toBe(true);
    expect(values('REPEAT_PURCHASE_RATE').at(-1)).toBeGreaterThan(0.2);
    expect(values('CLV').slice(1).every((v: number | null) => v !== null && v > 0)).toBe(true);
  });

  it('lets indicatorImpact find the style guides: shoppers who read or share one buy more the next quarter and lapse less', async () => {
    const res = await must(
      server,
      viewer,
      `query($p: PeriodInput!) {
        nrr: indicatorImpact(indicators: [CONTENT_ENGAGEMENT_RATE], outcome: NEXT_PERIOD_NRR, period: $p) { indicator r slope n }
        churn: indicatorImpact(indicators: [CONTENT_ENGAGEMENT_RATE], outcome: NEXT_PERIOD_CHURNED, period: $p) { indicator r slope n }
      }`,
      { p: { grain: 'QUARTER', from: '2025-01-01', to: '2026-04-01' } },
    );
    console.log(`clothier indicatorImpact: ${JSON.stringify(res)}`);
    // The data are fixed (seed and day): the numbers are always these. A reader lapses 3.6 points less often the next quarter,
    // and its run rate grows 0.11 more; a run-rate ratio is heavy-tailed (a shopper with one small order that buys again), so
    // its r stays small even where the slope is large.
    expect(res.churn[0].n).toBeGreaterThan(5000);
    expect(res.churn[0].r).toBeLessThan(-0.04);
    expect(res.churn[0].slope).toBeLessThan(-0.02);
    expect(res.nrr[0].r).toBeGreaterThan(0.015);
    expect(res.nrr[0].slope).toBeGreaterThan(0.05);
  });

  it('carries its chain — style-guide downloads → repeat purchase rate, AOV → CLV, NRR → customer equity — with approved targets', async () => {
    const { metricChain } = await must(
      server,
      viewer,
      `query($p: PeriodInput!) {
        metricChain(period: $p) { nodes { metric { key } value target status } edges { child { key } parent { key } evidence { r pairs } } }
      }`,
      { p: { grain: 'MONTH', from: '2026-10-01', to: '2026-10-01' } },
    );
    const edges = metricChain.edges.map((e: { child: { key: string }; parent: { key: string } }) => `${e.child.key} → ${e.parent.key}`);
    console.log(`clothier chain: ${JSON.stringify(metricChain)}`);
    expect(edges).toEqual(expect.arrayContaining(['style_guide_downloads → repeat_purchase_rate', 'aov → clv', 'nrr → customer_equity', 'clv → customer_equity']));
    for (const node of metricChain.nodes) {
      expect([node.metric.key, node.value !== null, node.target !== null, node.status]).toEqual([node.metric.key, true, true, expect.stringMatching(/^(ON_TRACK|AT_RISK|OFF_TRACK)$/)]);
    }
    // The downloads recorded for the month are the style-guide downloads of the facts.
    const [{ n }] = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM event e JOIN touchpoint t ON t.id = e.touchpoint_id
       WHERE e.workspace_id = $1 AND e.type = 'CONTENT_DOWNLOAD' AND t.key = 'repeat_style_guide' AND e.occurred_at >= '2026-10-01' AND e.occurred_at < '2026-11-01'`,
      [workspaceId],
    );
    expect(metricChain.nodes.find((node: { metric: { key: string } }) => node.metric.key === 'style_guide_downloads').value).toBe(n);
    const guide = metricChain.edges.find((e: { child: { key: string } }) => e.child.key === 'style_guide_downloads');
    expect(guide.evidence.pairs).toBe(8);
    expect(guide.evidence.r).toBeGreaterThan(0);
    expect((await must(server, viewer, `{ targets(filter: { status: DRAFT }) { id } }`)).targets).toEqual([]);
  });
});
