import { startTestServer, type TestServer } from '../../helpers/test-server';
import { rowsOf } from '../../helpers/demo-rows';
import { ServiceSink, seedWorkspace } from '../../../src/demo/generator/writer';

describe('a generated workspace written through the ingestion services', () => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  const options = { customers: 1200, months: 24, seed: 3, endMonth: '2025-12-01' };
  let written: Awaited<ReturnType<typeof seedWorkspace>>;
  let ingestedBefore: number;
  const ingested = async () =>
    ((await server.app.registry.getSingleMetric('journeygraph_ingested_rows_total')?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);

  beforeAll(async () => {
    server = await startTestServer();
    ({ id: workspaceId, adminKey: key } = await server.workspace());
    ingestedBefore = await ingested();
    written = await seedWorkspace(new ServiceSink(server.dataSource, server.app.services, workspaceId), options);
  }, 120_000);
  afterAll(() => server.close());

  it('holds every generated row, counted in the ingested rows metric; writing the same seed again changes nothing', async () => {
    const expected = rowsOf(options);
    const [counts] = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM customer WHERE workspace_id = $1)::int AS customers, (SELECT count(*) FROM revenue WHERE workspace_id = $1)::int AS revenue,
              (SELECT count(*) FROM cost WHERE workspace_id = $1)::int AS costs, (SELECT count(*) FROM invoice WHERE workspace_id = $1)::int AS invoices,
              (SELECT count(*) FROM survey WHERE workspace_id = $1)::int AS surveys, (SELECT count(*) FROM event WHERE workspace_id = $1)::int AS events,
              (SELECT count(*) FROM "order" WHERE workspace_id = $1)::int AS orders, (SELECT count(*) FROM refund WHERE workspace_id = $1)::int AS refunds`,
      [workspaceId],
    );
    expect(counts).toEqual(Object.fromEntries(Object.entries(expected).map(([kind, list]) => [kind, list.length])));
    expect(written.rows).toEqual(counts);
    expect(await ingested()).toBeGreaterThanOrEqual(ingestedBefore + written.total);
    const again = await seedWorkspace(new ServiceSink(server.dataSource, server.app.services, workspaceId), options);
    expect(again.inserted + again.updated).toBe(0);
  }, 120_000);

  it('has leading indicators that indicatorImpact finds: low CSAT and NPS, many tickets and no content engagement precede churn', async () => {
    const res = await server.gql(
      `query($p: PeriodInput!) { indicatorImpact(indicators: [CSAT, NPS, TICKETS_PER_CUSTOMER, CONTENT_ENGAGEMENT_RATE], outcome: NEXT_PERIOD_CHURNED, period: $p) { indicator r n } }`,
      { p: { grain: 'QUARTER', from: '2024-01-01', to: '2025-07-01' } },
      key,
    );
    expect(res.errors).toBeUndefined();
    const r = Object.fromEntries(res.data!.indicatorImpact.map((i: { indicator: string; r: number; n: number }) => [i.indicator, i]));
    console.log(`indicatorImpact on ${options.customers} generated customers: ${JSON.stringify(res.data!.indicatorImpact)}`);
    expect(r.CSAT.n).toBeGreaterThan(500);
    expect(r.CSAT.r).toBeLessThan(-0.05);
    expect(r.NPS.r).toBeLessThan(-0.03);
    expect(r.TICKETS_PER_CUSTOMER.r).toBeGreaterThan(0.05);
    expect(r.CONTENT_ENGAGEMENT_RATE.r).toBeLessThan(-0.02);
  });
});
