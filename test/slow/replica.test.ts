import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDataSource } from '../../src/db/data-source';
import { WorkspaceService } from '../../src/modules/workspaces/workspace.service';
import { appEntities } from '../../src/app.modules';
import { freePort } from '../../scripts/free-port';
import { startStreamingReplica, type StreamingReplica } from '../helpers/streaming-replica';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { RECORD_REVENUE, UPSERT_CUSTOMERS, customerRow, ingest } from '../helpers/facts';
import { compileProject, removeBuild, startNode } from '../helpers/compiled';
import { runKpiAggregateBuildStep } from '../../src/modules/kpi/aggregates/kpi-aggregates';

// Two PostgreSQL clusters (a primary and a hot standby streaming from it) are made and removed by this file.
jest.setTimeout(240_000);

const MRR = `query($m: [KpiKey!]!, $p: PeriodInput!) { kpis(metrics: $m, period: $p) { kpi points { periodStart value } } }`;
const CUSTOMERS = `{ customers(first: 50) { totalCount edges { node { externalId } } } tiers { key } }`;

/** The MRR of one month, with where the request's replica-eligible reads ran (`x-read-pool`). */
async function mrrOf(server: TestServer, key: string, month: string, extra: string[] = []) {
  const res = await server.gql(MRR, { m: ['MRR', ...extra], p: { grain: 'MONTH', from: month, to: month } }, key);
  expect(res.errors).toBeUndefined();
  const mrr = res.data!.kpis.find((s: { kpi: string }) => s.kpi === 'MRR');
  return { mrr: mrr.points[0].value as number, pool: res.headers.get('x-read-pool'), statements: Number(res.headers.get('x-sql-statements')) };
}

/** The sum of a counter or gauge of the app's registry, over the labels given. */
async function metric(server: TestServer, name: string, labels: Record<string, string> = {}): Promise<number> {
  const values = (await server.app.registry.getSingleMetric(name)?.get())?.values ?? [];
  return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
}

/**
 * Statements the KPI engine ran (they read the revenue table) on a server, sent by the app's pool (`journeygraph`) or its read
 * pool; not those of a write keeping the KPI aggregates, which read the same tables to write the aggregates.
 */
function kpiStatements(pair: StreamingReplica, server: 'primary' | 'standby'): number {
  return pair
    .loggedStatements(server)
    .filter((s) => s.application.startsWith('journeygraph') && /\b(FROM revenue|JOIN kpi_aggregate)\b/.test(s.statement) && /^\s*WITH\b/.test(s.statement))
    .filter((s) => !/\bINSERT INTO kpi_/.test(s.statement)).length;
}

/** The last KPI statement the standby ran. */
function lastKpiStatement(pair: StreamingReplica): string {
  const statements = pair.loggedStatements('standby').filter((s) => s.application === 'journeygraph-read' && /^\s*WITH\b/.test(s.statement));
  return statements.at(-1)?.statement ?? '';
}

const readsAggregates = (statement: string) => /\bkpi_aggregate\b/.test(statement);

describe('a read replica (DATABASE_READ_URL): a hot standby streaming from the primary', () => {
  let pair: StreamingReplica;
  let server: TestServer;

  beforeAll(async () => {
    pair = await startStreamingReplica();
    const migrator = createDataSource({ url: pair.primaryUrl, entities: appEntities });
    await migrator.initialize();
    try {
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await migrator.destroy();
    }
    await pair.caughtUp();
    server = await startTestServer({ databaseUrl: pair.primaryUrl, readReplicaUrl: pair.replicaUrl, replicaProbeIntervalMs: 500 });
  });

  afterAll(async () => {
    await server?.close();
    await pair?.destroy();
  });

  /** A workspace with two customers and their June 2025 MRR (100 and 1,000). */
  async function workspace() {
    const { id, adminKey } = await server.workspace();
    await ingest(server, adminKey, UPSERT_CUSTOMERS, [customerRow('ann'), customerRow('ben', { tier: 'strategic' })]);
    await ingest(server, adminKey, RECORD_REVENUE, [
      { customer: 'ann', month: '2025-06-01', type: 'RECURRING', amount: 100 },
      { customer: 'ben', month: '2025-06-01', type: 'RECURRING', amount: 1000 },
    ]);
    return { id, adminKey };
  }

  it('is a real streaming standby of the primary', async () => {
    const [standby] = await pair.onStandby<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery');
    expect(standby.recovery).toBe(true);
    const senders = await pair.onPrimary<{ state: string }>(`SELECT state FROM pg_stat_replication WHERE application_name = 'journeygraph_standby'`);
    expect(senders).toEqual([{ state: 'streaming' }]);
    expect(await metric(server, 'journeygraph_db_replica_up')).toBe(1);
  });

  it('serves KPI and list reads from the replica once it has replayed the workspace’s writes, with the primary’s values', async () => {
    const { adminKey } = await workspace();
    await pair.caughtUp();
    const [onPrimary, onStandby] = [kpiStatements(pair, 'primary'), kpiStatements(pair, 'standby')];
    const replicaReads = await metric(server, 'journeygraph_db_reads_total', { pool: 'replica', reason: 'current' });

    const june = await mrrOf(server, adminKey, '2025-06-01');
    expect(june).toMatchObject({ mrr: 1100, pool: 'replica' });
    // The KPI statement really ran on the standby (its own log says so), and not on the primary.
    expect(kpiStatements(pair, 'standby')).toBe(onStandby + 1);
    expect(kpiStatements(pair, 'primary')).toBe(onPrimary);
    expect(pair.loggedStatements('standby').at(-1)?.application).toBe('journeygraph-read');

    const lists = await server.gql(CUSTOMERS, {}, adminKey);
    expect(lists.errors).toBeUndefined();
    expect(lists.headers.get('x-read-pool')).toBe('replica');
    expect(lists.data!.customers.totalCount).toBe(2);
    expect(lists.data!.customers.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual(['ann', 'ben']);
    expect(lists.data!.tiers.map((t: { key: string }) => t.key)).toEqual(expect.arrayContaining(['growth', 'strategic']));
    expect(await metric(server, 'journeygraph_db_reads_total', { pool: 'replica', reason: 'current' })).toBeGreaterThanOrEqual(replicaReads + 3);
    // Indicator impact is a KPI statement of its own: the replica runs it too.
    const impact = await server.gql(
      `{ indicatorImpact(indicators: [TICKETS_PER_CUSTOMER], outcome: NEXT_PERIOD_CHURNED, period: { grain: MONTH, from: "2025-05-01", to: "2025-05-31" }) { indicator n } }`,
      {},
      adminKey,
    );
    expect(impact.errors).toBeUndefined();
    expect(impact.headers.get('x-read-pool')).toBe('replica');
    expect(kpiStatements(pair, 'standby')).toBe(onStandby + 2);
    expect(kpiStatements(pair, 'primary')).toBe(onPrimary);
    // The request log says where its reads ran too.
    expect(server.logs.filter((l) => l.msg === 'graphql request').at(-1)).toMatchObject({ readPool: 'replica' });
  });

  it('answers a KPI read right after a write with the write, from the primary while the standby applies WAL 2 s late', async () => {
    const { id, adminKey } = await workspace();
    await pair.caughtUp();
    await pair.setApplyDelay(2000);
    try {
      const onPrimary = kpiStatements(pair, 'primary');
      await ingest(server, adminKey, RECORD_REVENUE, [{ customer: 'ann', month: '2025-06-01', type: 'RECURRING', amount: 400 }]);
      const written = Date.now();
      const afterWrite = await mrrOf(server, adminKey, '2025-06-01');
      expect(afterWrite).toMatchObject({ mrr: 1400, pool: 'primary (replica behind)' });
      expect(kpiStatements(pair, 'primary')).toBe(onPrimary + 1);
      // The standby has not applied the write yet: it would have answered 1,100.
      const [{ amount }] = await pair.onStandby<{ amount: string }>(
        `SELECT sum(amount)::text AS amount FROM revenue WHERE workspace_id = $1 AND month = '2025-06-01'`,
        [id],
      );
      expect(amount).toBe('1100.00');

      const lag = Date.now() - written + (await pair.caughtUp());
      expect(lag).toBeGreaterThanOrEqual(1500);
      // Once the standby has applied it, it serves the same value (another KPI set: the first answer is in the result cache).
      const later = await mrrOf(server, adminKey, '2025-06-01', ['ACTIVE_CUSTOMERS']);
      expect(later).toMatchObject({ mrr: 1400, pool: 'replica' });
      console.log(`[replica] with recovery_min_apply_delay = 2 s the standby applied the write ${lag} ms after it; the read in between went to the primary`);
    } finally {
      await pair.setApplyDelay(0);
    }
  });

  it('reads the KPI aggregates under the horizon of its own snapshot: a build step the replica has not replayed is not read from it', async () => {
    const { id, adminKey } = await workspace();
    await ingest(server, adminKey, RECORD_REVENUE, [
      { customer: 'ann', month: '2025-05-01', type: 'RECURRING', amount: 50 },
      { customer: 'ben', month: '2025-05-01', type: 'RECURRING', amount: 500 },
    ]);
    // A new fiscal year empties the aggregates and leaves them to the build (this server runs no builder: the test steps it).
    const res = await server.gql(`mutation { updateWorkspace(input: { fiscalYearStartMonth: 4 }) { fiscalYearStartMonth } }`, {}, adminKey);
    expect(res.errors).toBeUndefined();
    await pair.caughtUp();
    await pair.onStandby('SELECT pg_wal_replay_pause()');
    try {
      // The first step builds May 2025 and moves the horizon there, on the primary; the paused standby has neither.
      const step = await runKpiAggregateBuildStep(server.dataSource, id, 0);
      expect(step).toMatchObject({ building: true, horizon: '2025-05-01' });
      const onStandby = await pair.onStandby<{ rows: number; horizon: string | null }>(
        `SELECT (SELECT count(*)::int FROM kpi_aggregate WHERE workspace_id = $1) AS rows,
                (SELECT to_char(horizon, 'YYYY-MM-DD') FROM kpi_aggregate_state WHERE workspace_id = $1) AS horizon`,
        [id],
      );
      expect(onStandby).toEqual([{ rows: 0, horizon: null }]);
      // The step wrote no fact: the standby has the workspace's data version and serves the read, from the facts (its own
      // snapshot holds no aggregates), with the primary's numbers: 50 + 500.
      const may = await mrrOf(server, adminKey, '2025-05-01');
      expect(may).toMatchObject({ mrr: 550, pool: 'replica' });
      expect(readsAggregates(lastKpiStatement(pair))).toBe(false);
    } finally {
      await pair.onStandby('SELECT pg_wal_replay_resume()');
    }
    await pair.caughtUp();
    // Once replayed, the standby reads May from the aggregates the step wrote, with the same numbers.
    const replayed = await mrrOf(server, adminKey, '2025-05-01', ['ACTIVE_CUSTOMERS']);
    expect(replayed).toMatchObject({ mrr: 550, pool: 'replica' });
    expect(readsAggregates(lastKpiStatement(pair))).toBe(true);
  });

  it('serves every read right after its own write with that write, and the replica whenever it has caught up (figures printed)', async () => {
    const { adminKey } = await workspace();
    const pairs = 40;
    const pools: Record<string, number> = {};
    let total = 1100;
    for (let i = 1; i <= pairs; i += 1) {
      await ingest(server, adminKey, UPSERT_CUSTOMERS, [customerRow(`c${i}`)]);
      await ingest(server, adminKey, RECORD_REVENUE, [{ customer: `c${i}`, month: '2025-06-01', type: 'RECURRING', amount: i }]);
      total += i;
      const read = await mrrOf(server, adminKey, '2025-06-01');
      expect(read.mrr).toBe(total);
      pools[read.pool!] = (pools[read.pool!] ?? 0) + 1;
    }
    expect(Object.values(pools).reduce((a, b) => a + b, 0)).toBe(pairs);
    expect(Object.keys(pools).every((p) => p === 'replica' || p === 'primary (replica behind)')).toBe(true);
    const lags = await pair.onPrimary<{ replay_lag_ms: number | null }>(
      `SELECT (extract(epoch FROM replay_lag) * 1000)::float8 AS replay_lag_ms FROM pg_stat_replication WHERE application_name = 'journeygraph_standby'`,
    );
    const catchUp = await pair.caughtUp();
    console.log(
      `[replica] ${pairs} reads right after their writes: ${JSON.stringify(pools)} ` +
        `(fallback rate ${Math.round((100 * (pools['primary (replica behind)'] ?? 0)) / pairs)} %); ` +
        `standby replay lag reported by the primary ${lags[0]?.replay_lag_ms ?? 0} ms, caught up ${catchUp} ms after the last read`,
    );
  });

  it('answers reads from the primary while the replica is stopped, logs it once, and goes back to the replica when it is up again', async () => {
    const { adminKey } = await workspace();
    await pair.caughtUp();
    const warnings = () => server.logs.filter((l) => l.msg?.startsWith('read replica unavailable')).length;
    const before = warnings();
    await pair.stopStandby();
    let second: TestServer | undefined;
    try {
      const started = Date.now();
      const down = await mrrOf(server, adminKey, '2025-06-01');
      expect(down).toMatchObject({ mrr: 1100, pool: 'primary (replica unavailable)' });
      expect(Date.now() - started).toBeLessThan(5000);
      const lists = await server.gql(CUSTOMERS, {}, adminKey);
      expect(lists.errors).toBeUndefined();
      expect(lists.data!.customers.totalCount).toBe(2);
      expect(lists.headers.get('x-read-pool')).toBe('primary (replica unavailable)');
      expect(warnings()).toBe(before + 1);
      expect(await metric(server, 'journeygraph_db_replica_up')).toBe(0);
      expect(await metric(server, 'journeygraph_db_reads_total', { pool: 'primary', reason: 'unavailable' })).toBeGreaterThanOrEqual(3);

      // A server started while the replica is down starts and serves too.
      second = await startTestServer({ databaseUrl: pair.primaryUrl, readReplicaUrl: pair.replicaUrl, replicaProbeIntervalMs: 500 });
      expect(second.logs.some((l) => l.msg?.startsWith('read replica unavailable'))).toBe(true);
      const fromSecond = await second.gql(CUSTOMERS, {}, adminKey);
      expect(fromSecond.errors).toBeUndefined();
      expect(fromSecond.headers.get('x-read-pool')).toBe('primary (replica unavailable)');
    } finally {
      await pair.startStandby();
    }
    await pair.caughtUp();
    // Probed in the background: reads go back to the replica by themselves.
    const deadline = Date.now() + 15_000;
    let pool: string | null = null;
    while (Date.now() < deadline && pool !== 'replica') {
      pool = (await server.gql(CUSTOMERS, {}, adminKey)).headers.get('x-read-pool');
      if (pool !== 'replica') await sleep(200);
    }
    expect(pool).toBe('replica');
    expect(server.logs.some((l) => l.msg?.startsWith('read replica answers again'))).toBe(true);
    expect(await metric(server, 'journeygraph_db_replica_up')).toBe(1);
    await second?.close();
  });

  it('does not wait for a replica that stops answering (a partition): the primary answers within the connect timeout', async () => {
    const { adminKey } = await workspace();
    await pair.caughtUp();
    const partitioned = await startTestServer({
      databaseUrl: pair.primaryUrl,
      readReplicaUrl: pair.replicaUrl,
      connectTimeoutMs: 1000,
      replicaProbeIntervalMs: 500,
    });
    try {
      expect((await partitioned.gql(CUSTOMERS, {}, adminKey)).headers.get('x-read-pool')).toBe('replica');
      pair.freezeStandby();
      let started = Date.now();
      const frozen = await mrrOf(partitioned, adminKey, '2025-06-01');
      const waited = Date.now() - started;
      expect(frozen).toMatchObject({ mrr: 1100, pool: 'primary (replica unavailable)' });
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(4000);
      // Marked down: the next reads do not wait at all.
      started = Date.now();
      const next = await partitioned.gql(CUSTOMERS, {}, adminKey);
      expect(next.headers.get('x-read-pool')).toBe('primary (replica unavailable)');
      expect(Date.now() - started).toBeLessThan(900);
      expect(partitioned.logs.some((l) => l.msg?.startsWith('read replica unavailable') && /did not answer within 1000 ms/.test(l.err?.message))).toBe(true);
    } finally {
      pair.thawStandby();
    }
    const deadline = Date.now() + 15_000;
    let pool: string | null = null;
    while (Date.now() < deadline && pool !== 'replica') {
      pool = (await partitioned.gql(CUSTOMERS, {}, adminKey)).headers.get('x-read-pool');
      if (pool !== 'replica') await sleep(200);
    }
    expect(pool).toBe('replica');
    await partitioned.close();
  });

  it('changes nothing without DATABASE_READ_URL: one pool, no x-read-pool header', async () => {
    const alone = await startTestServer({ databaseUrl: pair.primaryUrl });
    try {
      const { adminKey } = await workspace();
      const onStandby = kpiStatements(pair, 'standby');
      const read = await mrrOf(alone, adminKey, '2025-06-01', ['ARPA']);
      expect(read).toMatchObject({ mrr: 1100, pool: null });
      expect(kpiStatements(pair, 'standby')).toBe(onStandby);
      expect(alone.app.registry.getSingleMetric('journeygraph_db_reads_total')).toBeUndefined();
    } finally {
      await alone.close();
    }
  });

  it('is configured by DATABASE_READ_URL in the real server', async () => {
    const build = compileProject();
    let node: ReturnType<typeof startNode> | undefined;
    try {
      const admin = createDataSource({ url: pair.primaryUrl, entities: appEntities });
      await admin.initialize();
      const { adminKey } = await new WorkspaceService(admin).createWorkspace({ name: 'Replica wiring' });
      await admin.destroy();
      const port = await freePort();
      node = startNode(path.join(build, 'src/main.js'), [], {
        DATABASE_URL: pair.primaryUrl,
        DATABASE_READ_URL: pair.replicaUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_WORKSPACE: 'false',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
      });
      await node.waitFor(/serving GraphQL/, 60_000);
      expect(node.output()).toContain('read replica connected');
      const post = (query: string, variables: Record<string, unknown> = {}) =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
          body: JSON.stringify({ query, variables }),
        });
      const write = await post(UPSERT_CUSTOMERS, { rows: [customerRow('ann')] });
      expect(await write.json()).toEqual({ data: { upsertCustomers: { inserted: 1, updated: 0, unchanged: 0 } } });
      await pair.caughtUp();
      const read = await post(CUSTOMERS);
      expect(read.headers.get('x-read-pool')).toBe('replica');
      expect(((await read.json()) as { data: { customers: { totalCount: number } } }).data.customers.totalCount).toBe(1);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/^journeygraph_db_reads_total\{pool="replica",reason="current"\} [1-9]/m);
      expect(metrics).toMatch(/^journeygraph_db_replica_up 1$/m);
      expect(metrics).toMatch(/^journeygraph_db_replica_lag_seconds \d/m);
    } finally {
      node?.child.kill('SIGTERM');
      await node?.exited;
      removeBuild(build);
    }
  });
});
