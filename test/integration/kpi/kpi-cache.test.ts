import { startTestServer, type TestServer } from '../../helpers/test-server';
import { RECORD_REVENUE, UPSERT_CUSTOMERS, customerRow, ingest } from '../../helpers/facts';

const MATRIX = `query($m: [KpiKey!]!, $p: PeriodInput!) {
  kpiMatrix(metrics: $m, period: $p) { rows { total key cells { kpi value previousValue } } }
}`;
const VARIABLES = { m: ['MRR', 'ACTIVE_CUSTOMERS', 'NRR'], p: { grain: 'QUARTER', from: '2025-01-01', to: '2025-06-30' } };

const HITS = 'journeygraph_kpi_cache_hits_total';
const MISSES = 'journeygraph_kpi_cache_misses_total';
/** A counter of the test server's own app (each app has its registry and its cache). */
const counterOf = async (server: TestServer, name: string) =>
  ((await server.app.registry.getSingleMetric(name)?.get())?.values ?? []).reduce((sum, v) => sum + v.value, 0);

/** Total MRR of the matrix's last quarter, and the request's SQL statement count. */
async function totalMrr(server: TestServer, key: string) {
  const res = await server.gql(MATRIX, VARIABLES, key);
  expect(res.errors).toBeUndefined();
  const total = res.data!.kpiMatrix.rows.find((r: { total: boolean }) => r.total);
  return { mrr: total.cells.find((c: { kpi: string }) => c.kpi === 'MRR').value as number, statements: Number(res.headers.get('x-sql-statements')) };
}

async function workspaceWithRevenue(server: TestServer, amount: number) {
  const { id, adminKey } = await server.workspace();
  await ingest(server, adminKey, UPSERT_CUSTOMERS, [customerRow('ann'), customerRow('ben', { tier: 'strategic' })]);
  await ingest(server, adminKey, RECORD_REVENUE, [
    { customer: 'ann', month: '2025-06-01', type: 'RECURRING', amount },
    { customer: 'ben', month: '2025-06-01', type: 'RECURRING', amount: 1000 },
    { customer: 'ben', month: '2025-03-01', type: 'RECURRING', amount: 900 },
  ]);
  return { id, adminKey };
}

describe('the KPI cache', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers a warm repeat from the cache, with the same values and without the KPI and tier statements', async () => {
    const { adminKey } = await workspaceWithRevenue(server, 100);
    const cold = await totalMrr(server, adminKey);
    const [hits, misses] = [await counterOf(server, HITS), await counterOf(server, MISSES)];
    const warm = await totalMrr(server, adminKey);
    expect(warm.mrr).toBe(cold.mrr);
    expect(cold.mrr).toBe(1100);
    expect(await counterOf(server, HITS)).toBe(hits + 1);
    expect(await counterOf(server, MISSES)).toBe(misses);
    // the API key, the dimension counts of the cost estimate (kept a minute), the workspace (fiscal year and data version),
    // the tier list, the KPIs (in a snapshot of their own: BEGIN, the aggregates' state, the statement, COMMIT), the approved
    // targets
    expect(cold.statements).toBe(9);
    // the API key and the workspace: the KPIs, the tier list and the approved targets come from the cache
    expect(warm.statements).toBe(2);
  });

  it('shows a target as soon as it is approved, although the matrix before it came from the cache', async () => {
    const { adminKey } = await workspaceWithRevenue(server, 100);
    const target = async () => {
      const res = await server.gql(
        `query($p: PeriodInput!) { kpiMatrix(metrics: [MRR], period: $p) { rows { total cells { target status } } } }`,
        { p: VARIABLES.p },
        adminKey,
      );
      return res.data!.kpiMatrix.rows.find((r: { total: boolean }) => r.total).cells[0];
    };
    expect(await target()).toEqual({ target: null, status: 'NO_TARGET' });
    expect(await target()).toEqual({ target: null, status: 'NO_TARGET' }); // served from the cache
    const draft = await server.gql(
      `mutation { upsertTargets(rows: [{ kpi: MRR, grain: QUARTER, periodStart: "2025-04-01", value: 1000 }]) { inserted } }`,
      {},
      adminKey,
    );
    expect(draft.errors).toBeUndefined();
    expect(await target()).toEqual({ target: null, status: 'NO_TARGET' }); // a draft is not shown
    const approved = await server.gql(
      `mutation { approveTargets(keys: [{ kpi: MRR, grain: QUARTER, periodStart: "2025-04-01" }]) { status } }`,
      {},
      adminKey,
    );
    expect(approved.data).toEqual({ approveTargets: [{ status: 'APPROVED' }] });
    // MRR 1100 against 1000: attainment 1.1, on track.
    expect(await target()).toEqual({ target: 1000, status: 'ON_TRACK' });
  });

  it('is invalidated by an ingestion write: the next answer has the new value', async () => {
    const { adminKey } = await workspaceWithRevenue(server, 100);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1100);
    await ingest(server, adminKey, RECORD_REVENUE, [{ customer: 'ann', month: '2025-06-01', type: 'RECURRING', amount: 250 }]);
    const misses = await counterOf(server, MISSES);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1250);
    expect(await counterOf(server, MISSES)).toBe(misses + 1);
  });

  it('is not invalidated by a batch that changes nothing', async () => {
    const { adminKey } = await workspaceWithRevenue(server, 100);
    await totalMrr(server, adminKey);
    await ingest(server, adminKey, RECORD_REVENUE, [{ customer: 'ann', month: '2025-06-01', type: 'RECURRING', amount: 100 }]);
    const hits = await counterOf(server, HITS);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1100);
    expect(await counterOf(server, HITS)).toBe(hits + 1);
  });

  it('is invalidated by any write to the data, also one made with SQL outside the API (the version is bumped by a trigger)', async () => {
    const { id, adminKey } = await workspaceWithRevenue(server, 100);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1100);
    await server.dataSource.query(`UPDATE revenue SET amount = 400 WHERE workspace_id = $1 AND amount = 100`, [id]);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1400);
    await server.dataSource.query(`DELETE FROM customer WHERE workspace_id = $1 AND external_id = 'ben'`, [id]);
    expect((await totalMrr(server, adminKey)).mrr).toBe(400);
  });

  it('runs KPI statements without JIT compilation, which cost seconds per kpiMatrix', async () => {
    expect(await server.dataSource.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });

  it('keeps workspaces apart: the same request in another workspace is computed from that workspace’s data', async () => {
    const first = await workspaceWithRevenue(server, 100);
    const second = await workspaceWithRevenue(server, 300);
    expect((await totalMrr(server, first.adminKey)).mrr).toBe(1100);
    const misses = await counterOf(server, MISSES);
    expect((await totalMrr(server, second.adminKey)).mrr).toBe(1300);
    expect(await counterOf(server, MISSES)).toBe(misses + 1);
    expect((await totalMrr(server, first.adminKey)).mrr).toBe(1100);
  });

  it('belongs to its app: a second app in the same process computes the request again, and counts it in its own metrics', async () => {
    const { adminKey } = await workspaceWithRevenue(server, 100);
    expect((await totalMrr(server, adminKey)).mrr).toBe(1100);
    const other = await startTestServer();
    try {
      expect([await counterOf(other, HITS), await counterOf(other, MISSES)]).toEqual([0, 0]);
      const hits = await counterOf(server, HITS);
      const elsewhere = await totalMrr(other, adminKey);
      expect(elsewhere.mrr).toBe(1100);
      expect(elsewhere.statements).toBe(9); // its own dimension counts too (the cost estimate's, kept per app)
      expect([await counterOf(other, HITS), await counterOf(other, MISSES)]).toEqual([0, 1]);
      expect(await counterOf(server, HITS)).toBe(hits);
    } finally {
      await other.close();
    }
  });
});
