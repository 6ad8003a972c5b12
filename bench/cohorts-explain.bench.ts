/**
 * Prints EXPLAIN ANALYZE of the cohort table and of a CHURNED drill-down statement on the generated dataset:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/bench/**' bench/cohorts-explain.bench.ts
 * (BENCH_CUSTOMERS overrides the size.)
 */
import { startTestServer, type TestServer } from '../test/helpers/test-server';
import { KpiFixtures } from '../test/helpers/kpi-fixtures';
import { generateDataset } from '../test/helpers/kpi-dataset';
import { CustomerSet, Grain } from '../src/modules/kpi/catalogue/kpi.enums';
import { periodsBetween, shiftPeriod } from '../src/core/period.calculator';
import { cohortsQuery } from '../src/modules/kpi/queries/cohorts.query';
import { kpiCustomersQuery } from '../src/modules/kpi/queries/kpi-customers.query';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);

describe('cohort and drill-down statement plans', () => {
  let server: TestServer;
  afterAll(() => server.close());

  it('explains', async () => {
    server = await startTestServer();
    const { fixtures } = await KpiFixtures.create(server);
    await fixtures.journey(server);
    const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
    await generateDataset(server.dataSource, fixtures.workspaceId, { customers: CUSTOMERS, months: 36, start: '2023-01-01', phaseIds });
    const explain = (label: string) => async (sql: string, params: unknown[]) => {
      const plan: { 'QUERY PLAN': string }[] = await server.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      return [];
    };
    const quarters = periodsBetween(Grain.QUARTER, '2023-01-01', '2025-12-31', 1);
    await cohortsQuery(explain('cohorts, 12 quarterly cohorts × ages 0-12'), {
      workspaceId: fixtures.workspaceId,
      periods: quarters,
      cohorts: quarters.length,
      ages: 12,
      groupBy: [],
      filter: {},
      maxRows: 10_000,
    });
    await kpiCustomersQuery(explain('CHURNED drill-down, Q4 2025'), {
      workspaceId: fixtures.workspaceId,
      set: CustomerSet.CHURNED,
      period: shiftPeriod(quarters[0], 11),
      dataCompleteThrough: '2025-12-01',
      filter: {},
      first: 100,
      after: null,
      wholeUpTo: 10_000,
    });
  }, 900_000);
});
