import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { Registry } from 'prom-client';
import { createServices } from '../../src/core/module';
import { appEntities, appModules } from '../../src/app.modules';
import { B2B_DEMO, ensureDemoWorkspaces, type DemoKeys } from '../../src/demo/demo-workspace';
import { KpiKey } from '../../src/modules/kpi/catalogue/kpi.definitions';
import { compileProject, removeBuild, startServerProcess, type ServerProcess } from '../helpers/compiled';
import { freePort } from '../../scripts/free-port';
import { startTestServer, codeOf, type TestServer } from '../helpers/test-server';
import { RECORD_REVENUE, UPSERT_CUSTOMERS, customerRow, ingest } from '../helpers/facts';

/**
 * One VIEWER request must not sink the server (was: eight aliases of every KPI over ten years of months grouped by every
 * dimension were charged 136 cost units, grew the server to 4.2 GB and killed it; one alias took 23 s and answered 147 MB).
 *
 * Against the compiled server in its own process, on the demo workspace of `npm start` (300 customers × 24 months, generated):
 * the shape of the report through `kpis`, `customerEquity` and `metric.values`, eight aliases each, is refused with
 * QUERY_TOO_COMPLEX before any KPI statement, and the server's RSS stays under RSS_BOUND_MB while 8 such requests at a time
 * arrive for a while. A normal dashboard request on the same workspace still answers.
 */
const RSS_BOUND_MB = 300;

const PERIOD = '{ grain: MONTH, from: "2016-01-01", to: "2025-12-01" }';
const EVERY_DIMENSION = '[TIER, SEGMENT, REGION, CHANNEL, PARTNER, CAMPAIGN, PHASE]';
const ALL_KPIS = `[${Object.values(KpiKey).join(', ')}]`;
const GROUP = 'group { tier segment region channel partner campaign phase }';

const aliases = (field: (i: number) => string) => `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: ${field(i)}`).join('\n')} }`;
const SHAPES: Record<string, string> = {
  kpis: aliases(() => `kpis(metrics: ${ALL_KPIS}, period: ${PERIOD}, groupBy: ${EVERY_DIMENSION}) { kpi ${GROUP} points { periodStart value target status } }`),
  customerEquity: aliases(() => `customerEquity(period: ${PERIOD}, groupBy: ${EVERY_DIMENSION}) { ${GROUP} points { periodStart total churnLoss } }`),
  'metric.values': aliases(
    () => `metric(key: "customer_equity") { values(period: ${PERIOD}, groupBy: ${EVERY_DIMENSION}) { ${GROUP} points { periodStart value } } }`,
  ),
};

describe('a KPI request is priced by its size before it runs (server process, demo workspace)', () => {
  let build: string;
  let dataSource: DataSource;
  let server: ServerProcess;
  let keys: DemoKeys;
  let keysDir: string;

  beforeAll(async () => {
    build = compileProject();
    dataSource = createDataSource({ url: process.env.JG_TEST_DATABASE_URL!, entities: appEntities, poolSize: 2 });
    await dataSource.initialize();
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-demo-keys-'));
    [keys] = await ensureDemoWorkspaces(dataSource, createServices(appModules, { dataSource, registry: new Registry() }), path.join(keysDir, 'keys.json'), [B2B_DEMO]);
    server = await startServerProcess(build, {
      DATABASE_URL: process.env.JG_TEST_DATABASE_URL,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      DEMO_WORKSPACE: 'false',
      RATE_LIMIT_REQUESTS: '0',
      LOG_LEVEL: 'error',
      NODE_ENV: 'development',
    });
  }, 180_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await dataSource?.destroy();
    if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
    if (build) removeBuild(build);
  });

  const post = async (query: string) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.viewerKey}` },
      body: JSON.stringify({ query }),
    });
    const text = await res.text();
    return { status: res.status, bytes: text.length, statements: Number(res.headers.get('x-sql-statements')), body: JSON.parse(text) };
  };
  const rssMb = () => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024);

  it.each(Object.keys(SHAPES))('%s: eight aliases of every KPI × 120 months × every dimension are QUERY_TOO_COMPLEX, before any KPI statement', async (name) => {
    const res = await post(SHAPES[name]);
    expect(res.status).toBe(400);
    const [error] = res.body.errors;
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 250_000 });
    expect(error.extensions.found).toBeGreaterThan(250_000 * 100);
    expect(error.message).toMatch(/A KPI field costs its KPIs × periods × groups \(one of these can answer with up to \d+ values\)/);
    expect(res.body.data).toBeUndefined();
    // the key lookup and the workspace's dimension counts (kept a minute): no KPI statement
    expect(res.statements).toBeLessThanOrEqual(2);
    // one alias alone is just as refused
    const one = await post(`{ ${SHAPES[name].slice(2, SHAPES[name].indexOf('\n'))} }`);
    expect(one.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it(`keeps the server under ${RSS_BOUND_MB} MB of RSS while 8 such requests at a time keep coming, and serves a dashboard meanwhile`, async () => {
    const before = rssMb();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);
    const started = Date.now();
    let refused = 0;
    try {
      const shapes = Object.values(SHAPES);
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(shapes[(round + i) % shapes.length])));
        refused += answers.filter((a) => a.body.errors?.[0]?.extensions.code === 'QUERY_TOO_COMPLEX').length;
      }
      const dashboard = await post(
        `{ kpiMatrix(metrics: [MRR, NRR, GRR, LOGO_CHURN_RATE, CAC, CLV], period: { grain: QUARTER, from: "2025-01-01", to: "2025-12-31" }) { rows { key cells { kpi value } } }
           kpis(metrics: [MRR, ACTIVE_CUSTOMERS], period: { grain: MONTH, from: "2024-01-01", to: "2025-12-01" }, groupBy: [TIER, SEGMENT]) { kpi group { tier segment } points { value } } }`,
      );
      expect(dashboard.body.errors).toBeUndefined();
      expect(dashboard.body.data.kpiMatrix.rows.at(-1).key).toBeNull(); // the total row
      expect(dashboard.body.data.kpis.length).toBeGreaterThan(2);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssMb());
    console.log(`80 refused 8-alias KPI requests in ${Date.now() - started} ms; server RSS ${before} MB before, peak ${peak} MB (bound ${RSS_BOUND_MB} MB)`);
    expect(refused).toBe(80);
    expect(peak).toBeLessThan(RSS_BOUND_MB);
    expect(server.child.exitCode).toBeNull();
  });
});

describe('guards that hold whatever the estimate says', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    // A cost limit that lets everything through, a small MAX_KPI_ROWS and a small response cap.
    server = await startTestServer({ limits: { maxCost: 1e12 }, maxKpiRows: 20, maxResponseBytes: 4_000 });
    const ws = await server.workspace();
    key = ws.adminKey;
    await ingest(server, key, UPSERT_CUSTOMERS, Array.from({ length: 30 }, (_, i) => customerRow(`c${i}`, { region: `R${i}` })));
    await ingest(server, key, RECORD_REVENUE, Array.from({ length: 30 }, (_, i) => ({ customer: `c${i}`, month: '2025-01-01', type: 'RECURRING', amount: 100 + i })));
  });
  afterAll(() => server.close());

  it('MAX_KPI_ROWS: a KPI statement with more rows (periods × groups) than allowed is QUERY_TOO_COMPLEX, never cut short', async () => {
    const ok = await server.gql(`{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-12-01" }) { points { value } } }`, {}, key);
    expect(ok.data!.kpis[0].points).toHaveLength(12); // 12 rows: under 20
    const res = await server.gql(
      `{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-03-01" }, groupBy: [REGION]) { points { value } } }`,
      {},
      key,
    ); // 30 regions × 3 months = 90 rows
    expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0].extensions).toMatchObject({ limit: 'kpiRows', max: 20, found: null });
    expect(res.errors![0].message).toMatch(/^The KPI computation would return more than 20 rows/);
    expect(res.data).toBeNull();
  });

  it('MAX_RESPONSE_BYTES: an answer over the cap is not sent; QUERY_TOO_COMPLEX names its size (a mutation says it was carried out)', async () => {
    const res = await server.gql(`{ customers(first: 30) { edges { node { id externalId name region country createdAt updatedAt revenue { month amount } } } } }`, {}, key);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'responseBytes', max: 4_000 });
    expect(res.errors![0].extensions.found).toBeGreaterThan(4_000);
    expect(res.errors![0].message).toContain('Ask for fewer fields');
    // A mutation's answer over the cap: what it wrote stays written, and the client is told so.
    const tiny = await startTestServer({ maxResponseBytes: 200 });
    try {
      const ws = await tiny.workspace();
      const aliases = ['a', 'b', 'c', 'd', 'e', 'f'].map((a) => `${a}: upsertCustomers(rows: $rows) { inserted updated unchanged }`).join(' ');
      const mutation = await tiny.gql(`mutation($rows: [CustomerRowInput!]!) { ${aliases} }`, { rows: [customerRow('m1'), customerRow('m2')] }, ws.adminKey);
      expect(mutation.status).toBe(400);
      expect(mutation.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'responseBytes', max: 200 });
      expect(mutation.errors![0].message).toContain('The mutation was carried out: read its result with a smaller selection.');
      const [{ n }] = await tiny.dataSource.query(`SELECT count(*)::int AS n FROM customer WHERE workspace_id = $1`, [ws.id]);
      expect(n).toBe(2);
    } finally {
      await tiny.close();
    }
  });
});
