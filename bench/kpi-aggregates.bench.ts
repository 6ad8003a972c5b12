/**
 * The KPI aggregates beside the facts on one generated workspace (test/helpers/kpi-dataset.ts, SUBSCRIPTION): the time to build
 * them, the 12-KPI × 12-quarter × 4-tier kpiMatrix recomputed through HTTP from the aggregates and from the facts (two apps on
 * one database, KPI_AGGREGATES off for the second; the answers compared), and 10,000-row revenue batches through the API
 * with the aggregates kept: of the latest month (updates), of a month that opens, updates of it, and the same batch sent again. Not part of `npm test`:
 *   npx jest --selectProjects integration --testMatch '<rootDir>/bench/**' --runTestsByPath bench/kpi-aggregates.bench.ts
 * (BENCH_CUSTOMERS, BENCH_MONTHS override the size.)
 */
import { startTestServer, type TestServer } from '../test/helpers/test-server';
import { KpiFixtures } from '../test/helpers/kpi-fixtures';
import { generateDataset } from '../test/helpers/kpi-dataset';
import { rebuildKpiAggregates } from '../src/modules/kpi/aggregates/kpi-aggregates';
import { RECORD_REVENUE, ingest } from '../test/helpers/facts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 36);
const TWELVE = ['ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE', 'MRR', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'GROSS_MARGIN', 'CAC', 'CLV', 'CUSTOMER_EQUITY'];
const MATRIX = `query($m: [KpiKey!]!, $p: PeriodInput!) { kpiMatrix(metrics: $m, period: $p, rows: TIER) { rows { key cells { kpi value previousValue change series { value } } } } }`;

describe('KPI aggregates benchmark', () => {
  let a: TestServer;
  let b: TestServer;
  let key: string;
  let ws: string;
  beforeAll(async () => {
    a = await startTestServer({ statementTimeoutMs: 600_000 });
    b = await startTestServer({ kpiAggregates: false, statementTimeoutMs: 600_000 });
    const { fixtures, key: k } = await KpiFixtures.create(a);
    key = k; ws = fixtures.workspaceId;
    await fixtures.journey(a);
    const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((p) => fixtures.phases.get(p)!);
    let t = Date.now();
    await generateDataset(a.dataSource, ws, { customers: CUSTOMERS, months: MONTHS, start: '2023-01-01', phaseIds });
    console.log(`generated in ${Date.now() - t} ms`);
    t = Date.now();
    const r = await a.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL statement_timeout = 0');
      return rebuildKpiAggregates(em, ws);
    });
    console.log(`rebuilt ${JSON.stringify(r)} in ${Date.now() - t} ms`);
  }, 3_600_000);
  afterAll(async () => { await a.close(); await b.close(); });

  const matrix = async (s: TestServer) => {
    await s.dataSource.query(`UPDATE workspace SET data_version = data_version + 1 WHERE id = $1`, [ws]);
    const t = process.hrtime.bigint();
    const res = await s.gql(MATRIX, { m: TWELVE, p: { grain: 'QUARTER', from: '2023-01-01', to: '2025-12-31' } }, key);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, data: JSON.stringify(res.data) };
  };

  it('matrix, batches and storage', async () => {
    for (let i = 0; i < 3; i++) {
      const x = await matrix(a);
      const y = await matrix(b);
      console.log(`matrix aggregates ${x.ms.toFixed(0)} ms, facts ${y.ms.toFixed(0)} ms, equal ${x.data === y.data}`);
    }
    const ids: { external_id: string }[] = await a.dataSource.query(`SELECT external_id FROM customer WHERE workspace_id = $1 ORDER BY external_id LIMIT 10000`, [ws]);
    for (const [label, month, amount] of [['latest month, updates', '2025-12-01', 111], ['new month', '2026-01-01', 123], ['new month, updates', '2026-01-01', 124], ['new month, the same batch again (unchanged)', '2026-01-01', 124]] as const) {
      const rows = ids.map((c) => ({ customer: c.external_id, month, type: 'RECURRING', amount }));
      const t = Date.now();
      await ingest(a, key, RECORD_REVENUE, rows);
      const ms = Date.now() - t;
      const x = await matrix(a);
      const y = await matrix(b);
      console.log(`${label}: batch of ${rows.length} in ${ms} ms (${Math.round(rows.length / (ms / 1000))} rows/s); matrix aggregates ${x.ms.toFixed(0)} ms, facts ${y.ms.toFixed(0)} ms, equal ${x.data === y.data}`);
    }
    const [size] = await a.dataSource.query(`SELECT pg_size_pretty(pg_total_relation_size('kpi_aggregate')) AS agg, pg_size_pretty(pg_total_relation_size('revenue') + pg_total_relation_size('cost') + pg_total_relation_size('event') + pg_total_relation_size('invoice') + pg_total_relation_size('survey')) AS facts, (SELECT count(*) FROM kpi_aggregate WHERE workspace_id = $1) AS rows`, [ws]);
    console.log(JSON.stringify(size));
  }, 3_600_000);
});
