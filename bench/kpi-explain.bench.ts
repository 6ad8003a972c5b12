/**
 * Prints EXPLAIN ANALYZE of the statement behind the tier rows of the 12-KPI × 12-quarter matrix on the benchmark dataset:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/bench/**' bench/kpi-explain.bench.ts
 * (BENCH_CUSTOMERS, BENCH_METRICS, BENCH_GROUP=none; BENCH_MODEL=TRANSACTIONAL: orders and refunds instead of revenue rows,
 * an activity window of 12 months, as the benchmark's second workspace.)
 */
import { startTestServer, type TestServer } from '../test/helpers/test-server';
import { KpiFixtures } from '../test/helpers/kpi-fixtures';
import { generateDataset, generateOrders } from '../test/helpers/kpi-dataset';
import { BusinessModel } from '../src/modules/workspaces/workspace.enums';
import { compileKpiQuery, type OutputName } from '../src/modules/kpi/compiler/kpi.compiler';
import { Dimension, Grain } from '../src/modules/kpi/catalogue/kpi.enums';
import { periodsBetween, shiftPeriod } from '../src/core/period.calculator';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const TRANSACTIONAL = process.env.BENCH_MODEL === BusinessModel.TRANSACTIONAL;
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
    const dataset = { customers: CUSTOMERS, months: 36, start: '2023-01-01' };
    await generateDataset(server.dataSource, fixtures.workspaceId, { ...dataset, phaseIds, withoutRevenue: TRANSACTIONAL });
    if (TRANSACTIONAL) await generateOrders(server.dataSource, fixtures.workspaceId, dataset);
    const periods = periodsBetween(Grain.QUARTER, '2023-01-01', '2025-12-31', 1);
    const { sql, params } = compileKpiQuery({
      workspaceId: fixtures.workspaceId,
      periods: [shiftPeriod(periods[0], -1), ...periods],
      dataCompleteThrough: '2025-12-01', // the dataset's last month
      model: { businessModel: TRANSACTIONAL ? BusinessModel.TRANSACTIONAL : BusinessModel.SUBSCRIPTION, activityWindowMonths: 12 },
      outputs: METRICS,
      groupBy: process.env.BENCH_GROUP === 'none' ? [] : [Dimension.TIER],
      filter: {},
    });
    const plan: { 'QUERY PLAN': string }[] = await server.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }, 900_000);
});
