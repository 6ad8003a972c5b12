import { startTestServer, type TestServer } from '../../helpers/test-server';
import { UPSERT_CUSTOMERS, RECORD_REVENUE, customerRow, ingest } from '../../helpers/facts';
import { approvedTargets } from '../../helpers/metrics';
import { fetchKpiMatrix, formatKpiMatrix } from '../../../examples/kpi-matrix-client/kpi-matrix-client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the typed client example', () => {
  it('reads the KPI matrix of a workspace and prints it as a table', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [
      customerRow('a', { tier: 'strategic' }),
      customerRow('b', { tier: 'growth' }),
      customerRow('c', { tier: 'growth' }),
    ]);
    const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'];
    const mrr: Record<string, number> = { a: 1000, b: 200, c: 300 };
    await ingest(
      server,
      ws.adminKey,
      RECORD_REVENUE,
      months.flatMap((month) =>
        Object.entries(mrr)
          // c churns after March: no revenue from April on.
          .filter(([c]) => !(c === 'c' && month >= '2025-04-01'))
          .map(([customer, amount]) => ({ customer, month, type: 'RECURRING', amount })),
      ),
    );
    const viewer = await server.key(ws.adminKey, 'VIEWER');
    const { kpiMatrix } = await fetchKpiMatrix(server.url, viewer, {
      kpis: ['ACTIVE_CUSTOMERS', 'MRR', 'NRR', 'LOGO_CHURN_RATE'],
      period: { grain: 'QUARTER', from: '2025-04-01', to: '2025-06-30' },
      rows: 'TIER',
    });
    const table = formatKpiMatrix(kpiMatrix);
    // Q2 2025 against March: strategic keeps a (1000), growth keeps b (200) and loses c (300): NRR 200/500, churn 1/2.
    expect(table.split('\n')).toEqual([
      'KPI matrix 2025-04-01 – 2025-06-30',
      'tier        ACTIVE_CUSTOMERS       MRR     NRR  LOGO_CHURN_RATE',
      '----------  ----------------  --------  ------  ---------------',
      'strategic                  1  1,000.00  100.0%             0.0%',
      'enterprise                 0      0.00       —                —',
      'growth                     1    200.00   40.0%            50.0%',
      'scale                      0      0.00       —                —',
      'TOTAL                      2  1,200.00   80.0%            33.3%',
    ]);
    // The revenue ends in June: the third quarter has no data yet, and says so instead of showing every customer as churned.
    const q3 = await fetchKpiMatrix(server.url, viewer, {
      kpis: ['ACTIVE_CUSTOMERS', 'MRR'],
      period: { grain: 'QUARTER', from: '2025-07-01', to: '2025-07-01' },
      rows: 'TIER',
    });
    expect(formatKpiMatrix(q3.kpiMatrix).split('\n')).toEqual([
      'KPI matrix 2025-07-01 – 2025-09-30 (no data yet)',
      'tier        ACTIVE_CUSTOMERS  MRR',
      '----------  ----------------  ---',
      'strategic                  —    —',
      'enterprise                 —    —',
      'growth                     —    —',
      'scale                      —    —',
      'TOTAL                      —    —',
    ]);

    // With approved targets: each value carries its status, and the targets follow in a second table.
    await approvedTargets(server, ws.adminKey, ws.adminKey, [
      { kpi: 'MRR', grain: 'QUARTER', periodStart: '2025-04-01', value: 1100 }, // 1,200 / 1,100 ≥ 1: on track
      { kpi: 'NRR', grain: 'QUARTER', periodStart: '2025-04-01', tier: 'growth', value: 0.42 }, // 0.40 / 0.42 = 0.952: at risk
      { kpi: 'LOGO_CHURN_RATE', grain: 'QUARTER', periodStart: '2025-04-01', tier: 'growth', value: 0.25 }, // 0.25 / 0.50: off track
    ]);
    const withTargets = formatKpiMatrix((await fetchKpiMatrix(server.url, viewer, {
      kpis: ['ACTIVE_CUSTOMERS', 'MRR', 'NRR', 'LOGO_CHURN_RATE'],
      period: { grain: 'QUARTER', from: '2025-04-01', to: '2025-06-30' },
      rows: 'TIER',
    })).kpiMatrix);
    expect(withTargets.split('\n')).toEqual([
      'KPI matrix 2025-04-01 – 2025-06-30',
      'tier        ACTIVE_CUSTOMERS         MRR       NRR  LOGO_CHURN_RATE',
      '----------  ----------------  ----------  --------  ---------------',
      'strategic                1    1,000.00    100.0%             0.0%',
      'enterprise               0        0.00         —                —',
      'growth                   1      200.00     40.0% ~          50.0% ✗',
      'scale                    0        0.00         —                —',
      'TOTAL                    2    1,200.00 ✓   80.0%            33.3%',
      '',
      'Approved targets (✓ on track, ~ at risk, ✗ off track)',
      'tier        ACTIVE_CUSTOMERS       MRR    NRR  LOGO_CHURN_RATE',
      '----------  ----------------  --------  -----  ---------------',
      'strategic                  —         —      —                —',
      'enterprise                 —         —      —                —',
      'growth                     —         —  42.0%            25.0%',
      'scale                      —         —      —                —',
      'TOTAL                      —  1,100.00      —                —',
    ]);
  });
});
