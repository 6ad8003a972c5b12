import { startTestServer, type TestServer } from '../../helpers/test-server';
import { RECORD_REVENUE, UPSERT_CUSTOMERS, customerRow, ingest } from '../../helpers/facts';

/** The worked example of docs/kpis.md, computed by the engine: the page's numbers are the product's. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the worked example of docs/kpis.md', () => {
  it('gives the values the page shows for the second quarter of 2025', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, ['A', 'B', 'C', 'D'].map((c) => customerRow(c)));
    // MRR per month, as in the page's table (no row: 0).
    const mrr: Record<string, Record<string, number>> = {
      A: { '2025-01-01': 1000, '2025-03-01': 1000, '2025-05-01': 1000, '2025-06-01': 1200 },
      B: { '2025-01-01': 500, '2025-03-01': 500 },
      C: { '2025-05-01': 300, '2025-06-01': 300 },
      D: { '2025-01-01': 200, '2025-06-01': 250 },
    };
    const rows = Object.entries(mrr).flatMap(([customer, months]) =>
      Object.entries(months).map(([month, amount]) => ({ customer, month, type: 'RECURRING', amount })),
    );
    await ingest(server, ws.adminKey, RECORD_REVENUE, rows);

    const res = await server.gql(
      `{ kpis(metrics: [ACTIVE_CUSTOMERS, NEW_CUSTOMERS, CHURNED_CUSTOMERS, RETAINED_CUSTOMERS, LOGO_CHURN_RATE, MRR, NEW_MRR,
                         EXPANSION_MRR, CONTRACTION_MRR, CHURNED_MRR, REACTIVATION_MRR, NRR, GRR, GROSS_MRR_CHURN_RATE, ARPA],
               period: { grain: QUARTER, from: "2025-04-01", to: "2025-04-01" }) { kpi points { value } } }`,
      {},
      ws.adminKey,
    );
    expect(res.errors).toBeUndefined();
    const value = Object.fromEntries((res.data!.kpis as { kpi: string; points: { value: number }[] }[]).map((s) => [s.kpi, s.points[0].value]));
    expect(value).toEqual({
      ACTIVE_CUSTOMERS: 3,
      NEW_CUSTOMERS: 1,
      CHURNED_CUSTOMERS: 1,
      RETAINED_CUSTOMERS: 1,
      LOGO_CHURN_RATE: 0.5,
      MRR: 1750,
      NEW_MRR: 300,
      EXPANSION_MRR: 200,
      CONTRACTION_MRR: 0,
      CHURNED_MRR: 500,
      REACTIVATION_MRR: 250,
      NRR: 0.8,
      GRR: expect.closeTo(0.6667, 4),
      GROSS_MRR_CHURN_RATE: expect.closeTo(0.3333, 4),
      ARPA: 583.33,
    });
  });
});
