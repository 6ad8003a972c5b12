/**
 * Prints EXPLAIN ANALYZE of the statement behind the tier rows of the 12-KPI × 12-quarter matrix on the benchmark dataset:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/bench/**' bench/kpi-explain.bench.ts
 */
import { startTestServer, type TestServer } from '../test/helpers/test-server';
import { KpiFixtures } from '../test/helpers/kpi-fixtures';
import { generateDataset } from '../test/helpers/kpi-dataset';
import { compileKpiQuery, type OutputName } from '../src/modules/kpi/compiler/kpi.compiler';
import { Dimension, Grain } from '../src/modules/kpi/catalogue/kpi.enums';
import { periodsBetween, shiftPeriod } from '../src/core/period.calculator';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const METRICS = (process.env.BENCH_METRICS ??
  'ACTIVE_CUSTOMERS,NEW_CUSTOMERS,LOGO_CHURN_RATE,MRR,NRR,GRR,ARPA,REVENUE,GROSS_MARGIN,CAC,CLV,CUSTOMER_EQUITY').split(',') as OutputName[];

describe('KPI statement plan', () => {
  let server: TestServer;
  afterAll(() => server.close());

  it('explains', async () => {
    server = await startTestServer();
    const { fixtures } = await KpiFixtures.create(server);
    await fixtures.journey(server);
    const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
    await generateDataset(server.dataSource, fixtures.workspaceId, { customers: CUSTOMERS, months: 36, start: '2023-01-01', phaseIds });
    const periods = periodsBetween(Grain.QUARTER, '2023-01-01', '2025-12-31', 1);
    const { sql, params } = compileKpiQuery({
      workspaceId: fixtures.workspaceId,
      periods: [shiftPeriod(periods[0], -1), ...periods],
      dataCompleteThrough: '2025-12-01', // the dataset's last month
      outputs: METRICS,
      groupBy: process.env.BENCH_GROUP === 'none' ? [] : [Dimension.TIER],
      filter: {},
    });
    const plan: { 'QUERY PLAN': string }[] = await server.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }, 900_000);
});
