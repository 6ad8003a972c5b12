import { startTestServer, type TestServer } from '../../helpers/test-server';
import type { Counter } from 'prom-client';

/** The value of one sample in Prometheus' text format; undefined when absent. Labels must be given in full. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = (match[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter(Boolean).sort().join(',');
    if (got === wanted) return Number(match[3]);
  }
  return undefined;
}

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${new URL(server.url).origin}/metrics`, { headers });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('GET /metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts requests and their duration by root field and outcome, errors by code, and SQL statements per request', async () => {
    const { adminKey } = await server.workspace();
    const ok1 = await server.gql('query MetricsJourneys { journeys { name } }', {}, adminKey);
    const ok2 = await server.gql('query MetricsJourneys { journeys { name } }', {}, adminKey);
    expect(ok1.errors).toBeUndefined();
    const refused = await server.gql('query MetricsRefused { journeys { name } }');
    expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const statements = Number(ok1.headers.get('x-sql-statements')) + Number(ok2.headers.get('x-sql-statements'));

    const { status, text, type } = await scrape(server);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'journeygraph_graphql_requests_total', { field: 'journeys', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'journeygraph_graphql_requests_total', { field: 'journeys', outcome: 'error' })).toBe(1);
    expect(sample(text, 'journeygraph_graphql_request_duration_seconds_count', { field: 'journeys', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'journeygraph_graphql_request_duration_seconds_sum', { field: 'journeys', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'journeygraph_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    // Operation names are the client's to choose: they are in the request log, never labels.
    expect(text).not.toContain('MetricsJourneys');

    // server.workspace() goes through the service, not HTTP: the three requests above are all there is.
    expect(refused.headers.get('x-sql-statements')).toBe('0');
    expect(sample(text, 'journeygraph_sql_statements_per_request_count')).toBe(3);
    expect(sample(text, 'journeygraph_sql_statements_per_request_sum')).toBe(statements);
    expect(sample(text, 'journeygraph_sql_statements_per_request_bucket', { le: '0' })).toBe(1);
  });

  it('reports the database pool: connections open, idle and waiting', async () => {
    const pool = (server.dataSource.driver as any).master as { totalCount: number; idleCount: number; waitingCount: number };
    // Wait out the best-effort lastUsedAt writes that requests leave behind, so that the pool holds still.
    for (let i = 0; i < 100 && pool.idleCount !== pool.totalCount; i += 1) await new Promise((r) => setTimeout(r, 20));
    const { text } = await scrape(server);
    expect(pool.totalCount).toBeGreaterThan(0);
    expect(sample(text, 'journeygraph_db_pool_connections')).toBe(pool.totalCount);
    expect(sample(text, 'journeygraph_db_pool_idle_connections')).toBe(pool.idleCount);
    expect(sample(text, 'journeygraph_db_pool_waiting_requests')).toBe(0);
  });

  it('exports the ingested rows and KPI cache counters for the domain code, and the default process metrics', async () => {
    const before = await scrape(server);
    const rowsBefore = sample(before.text, 'journeygraph_ingested_rows_total', { mutation: 'recordRevenue' }) ?? 0;
    const hitsBefore = sample(before.text, 'journeygraph_kpi_cache_hits_total') ?? 0;
    const missesBefore = sample(before.text, 'journeygraph_kpi_cache_misses_total') ?? 0;
    const counter = (name: string) => server.app.registry.getSingleMetric(name) as Counter;
    counter('journeygraph_ingested_rows_total').inc({ mutation: 'recordRevenue' }, 250);
    counter('journeygraph_kpi_cache_hits_total').inc(3);
    counter('journeygraph_kpi_cache_misses_total').inc();

    const { text } = await scrape(server);
    expect(sample(text, 'journeygraph_ingested_rows_total', { mutation: 'recordRevenue' })).toBe(rowsBefore + 250);
    expect(sample(text, 'journeygraph_kpi_cache_hits_total')).toBe(hitsBefore + 3);
    expect(sample(text, 'journeygraph_kpi_cache_misses_total')).toBe(missesBefore + 1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('keeps one registry per app: a second app starts at zero', async () => {
    const other = await startTestServer();
    try {
      const { text } = await scrape(other);
      expect(sample(text, 'journeygraph_graphql_requests_total', { field: 'journeys', outcome: 'ok' })).toBeUndefined();
      expect(sample(text, 'journeygraph_sql_statements_per_request_count')).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('GET /metrics when configured', () => {
  it('with METRICS_TOKEN answers only "Authorization: Bearer <token>", 401 otherwise', async () => {
    const server = await startTestServer({ metrics: { enabled: true, token: 's3cret-scrape-token' } });
    try {
      const none = await scrape(server);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.text)).toEqual({ error: 'Send the metrics token as "Authorization: Bearer <token>".' });
      expect((await scrape(server, { authorization: 'Bearer wrong' })).status).toBe(401);
      const ok = await scrape(server, { authorization: 'Bearer s3cret-scrape-token' });
      expect(ok.status).toBe(200);
      expect(sample(ok.text, 'journeygraph_sql_statements_per_request_count')).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('with METRICS_ENABLED=false is not served', async () => {
    const server = await startTestServer({ metrics: { enabled: false } });
    try {
      expect((await scrape(server)).status).toBe(404);
      // The request log still works without metrics.
      const res = await server.gql('{ journeys { name } }');
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await server.close();
    }
  });
});
