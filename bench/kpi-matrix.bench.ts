/**
 * Times a 12-KPI × 12-quarter × 4-tier kpiMatrix on 10,000 customers × 36 months (test/helpers/kpi-dataset.ts), through the
 * HTTP API against the embedded PostgreSQL the test setup starts. Not part of `npm test`; run it with
 *   npx jest --selectProjects integration --testMatch '<rootDir>/bench/**' bench/kpi-matrix.bench.ts
 * (BENCH_CUSTOMERS, BENCH_RUNS override the size and the number of timed runs.)
 */
import { startTestServer, type TestServer } from '../test/helpers/test-server';
import { KpiFixtures } from '../test/helpers/kpi-fixtures';
import { generateDataset } from '../test/helpers/kpi-dataset';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const TWELVE = [
  'ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE', 'MRR', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'GROSS_MARGIN', 'CAC', 'CLV', 'CUSTOMER_EQUITY',
];
const MATRIX = `query($m: [KpiKey!]!, $p: PeriodInput!) { kpiMatrix(metrics: $m, period: $p, rows: TIER) {
  rows { key cells { kpi value previousValue change series { value } } } } }`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

describe('kpiMatrix benchmark', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { fixtures, key: adminKey } = await KpiFixtures.create(server);
    key = adminKey;
    await fixtures.journey(server);
    const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
    const started = Date.now();
    await generateDataset(server.dataSource, fixtures.workspaceId, { customers: CUSTOMERS, months: 36, start: '2023-01-01', phaseIds });
    const [counts] = await server.dataSource.query(
      `SELECT (SELECT count(*) FROM revenue WHERE workspace_id = $1) AS revenue, (SELECT count(*) FROM cost WHERE workspace_id = $1) AS cost,
              (SELECT count(*) FROM event WHERE workspace_id = $1) AS event, (SELECT count(*) FROM survey WHERE workspace_id = $1) AS survey,
              (SELECT count(*) FROM invoice WHERE workspace_id = $1) AS invoice`,
      [fixtures.workspaceId],
    );
    console.log(`generated ${CUSTOMERS} customers × 36 months in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
  }, 900_000);
  afterAll(() => server.close());

  /** `cold`: the workspace's data version is bumped before each run, as an ingestion write does, so every run computes. */
  const time = async (metrics: string[], cold: boolean) => {
    const durations: number[] = [];
    let statements = 0;
    for (let run = 0; run <= RUNS; run++) {
      if (cold) {
        await server.dataSource.query(
          `UPDATE workspace SET data_version = data_version + 1 WHERE id = (SELECT workspace_id FROM api_key WHERE id = $1)`,
          [key.split('_')[1]],
        );
      }
      const started = process.hrtime.bigint();
      const res = await server.gql(MATRIX, { m: metrics, p: { grain: 'QUARTER', from: '2023-01-01', to: '2025-12-31' } }, key);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      expect(res.data!.kpiMatrix.rows).toHaveLength(6); // 4 tiers, costs naming no customer (null tier), total
      statements = Number(res.headers.get('x-sql-statements'));
      if (run > 0) durations.push(ms); // the first run warms the caches
    }
    durations.sort((a, b) => a - b);
    return { statements, median: percentile(durations, 0.5), p95: percentile(durations, 0.95), min: durations[0], runs: durations.length };
  };

  it('12 KPIs × 12 quarters × 4 tiers', async () => {
    for (const cold of [true, false]) {
      const result = await time(TWELVE, cold);
      console.log(`kpiMatrix 12 KPIs × 12 quarters × 4 tiers on ${CUSTOMERS} customers, ${cold ? 'recomputed' : 'warm'}: ${JSON.stringify(result)}`);
    }
  }, 900_000);

  it('every KPI × 12 quarters × 4 tiers', async () => {
    const all = [...TWELVE, 'CHURNED_CUSTOMERS', 'RETAINED_CUSTOMERS', 'NEW_MRR', 'EXPANSION_MRR', 'CONTRACTION_MRR', 'CHURNED_MRR',
      'REACTIVATION_MRR', 'GROSS_MRR_CHURN_RATE', 'TTM_REVENUE', 'TTM_MARGIN', 'CRC', 'LTV_TO_CAC', 'CAC_PAYBACK_MONTHS',
      'NEW_CUSTOMER_VALUE', 'CSAT', 'NPS', 'TICKETS_PER_CUSTOMER', 'REFERENCE_CALLS', 'DSO', 'SERVICES_ATTACH_RATE',
      'TIME_TO_VALUE_DAYS', 'CONTENT_ENGAGEMENT_RATE', 'ORDERS', 'AOV', 'REFUND_RATE', 'PURCHASE_FREQUENCY', 'REPEAT_PURCHASE_RATE'];
    const result = await time(all, true);
    console.log(`kpiMatrix ${all.length} KPIs × 12 quarters × 4 tiers on ${CUSTOMERS} customers, recomputed: ${JSON.stringify(result)}`);
  }, 900_000);
});
