import { startTestServer, type TestServer } from '../../helpers/test-server';
import { createDemoChain } from '../../../src/demo/demo-chain';
import { DEMO_WORKSPACE_NAME } from '../../../src/demo/demo-workspace';
import { must } from '../../helpers/metrics';

/** The demo chain, on a workspace laid out like the demo one (template journey, an owner per phase). */
describe('the demo metric chain', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('links webinars and downloads through opportunities and onboarding to NEW_MRR, GRR, NRR and customer equity, with 12 months of values and approved targets per tier', async () => {
    const { id, adminKey } = await server.workspace(`${DEMO_WORKSPACE_NAME} (test)`);
    await must(server, adminKey, `mutation { createJourney(input: { name: "B2B customer lifecycle", template: B2B_LIFECYCLE }) { id } }`);
    await must(server, adminKey, `mutation { createOwner(input: { name: "Sales Development", function: SALES }) { id } }`);
    await createDemoChain(server.dataSource, server.app.services, id, new Date('2025-07-15T12:00:00Z'));

    const { metricChain, metric, targets } = await must(
      server,
      adminKey,
      `query($p: PeriodInput!) {
        metricChain(period: $p, tier: "strategic") { periodStart nodes { metric { key level } depth target } edges { child { key } parent { key } weight evidence { pairs } } }
        metric(key: "webinars_held") { phase { key } values(period: { grain: MONTH, from: "2024-07-01", to: "2025-07-01" }) { points { periodStart value target status } } }
        targets(filter: { status: DRAFT }) { id }
      }`,
      { p: { grain: 'MONTH', from: '2025-06-01', to: '2025-06-01' } },
    );
    expect(metricChain.periodStart).toBe('2025-06-01');
    expect(metricChain.nodes.map((n: { metric: { key: string } }) => n.metric.key)).toEqual([
      'customer_equity', 'grr', 'new_customer_revenue', 'nrr', 'onboarding_completion', 'qualified_opportunities', 'content_downloads', 'webinars_held',
    ]);
    // strategic targets: 40% of the amounts (customer equity 250000 → 100000), rates as they are (NRR 1.02)
    const target = (key: string) => metricChain.nodes.find((n: { metric: { key: string } }) => n.metric.key === key).target;
    expect([target('customer_equity'), target('nrr'), target('qualified_opportunities')]).toEqual([100000, 1.02, 22]);
    expect(metricChain.edges).toHaveLength(8);
    // webinars lead opportunities by a month: parent months November 2024 … June 2025, child months October … May, all recorded
    const webinars = metricChain.edges.find((e: { child: { key: string } }) => e.child.key === 'webinars_held');
    expect(webinars).toMatchObject({ parent: { key: 'qualified_opportunities' }, weight: 2, evidence: { pairs: 8 } });
    // twelve recorded months, July 2024 … June 2025; nothing yet for July 2025
    expect(metric.phase.key).toBe('contact');
    const points = metric.values[0].points;
    expect(points).toHaveLength(13);
    expect(points[0]).toEqual({ periodStart: '2024-07-01', value: 4, target: 5, status: 'OFF_TRACK' });
    expect(points[12]).toEqual({ periodStart: '2025-07-01', value: null, target: null, status: 'NO_TARGET' });
    expect(targets).toEqual([]);
  });
});
