import { startTestServer, codeOf, type TestServer } from '../helpers/test-server';
import { KpiFixtures } from '../helpers/kpi-fixtures';
import { generateDataset } from '../helpers/kpi-dataset';

/**
 * One workspace cannot starve the others (was: twelve concurrent heavy `customerEquity` requests of one VIEWER key took every
 * pooled connection, and another workspace's `{ tiers { key } }` got HTTP 503 for about 25 s).
 *
 * KPI statements run in slots: at most KPI_CONCURRENCY at once (below the pool size, so that light requests keep connections),
 * per workspace and per key fewer; the rest wait in a queue bounded in length and in time, then RATE_LIMITED with Retry-After.
 */
const CUSTOMERS = Number(process.env.JG_CONCURRENCY_CUSTOMERS ?? 6000);

let server: TestServer;
let heavyKey: string;
let otherKey: string;

beforeAll(async () => {
  // The pool of the defaults (10 connections, 2 s to get one), as in production.
  server = await startTestServer({ poolSize: 10, connectTimeoutMs: 2_000 });
  const { fixtures, key } = await KpiFixtures.create(server, {});
  await fixtures.journey(server);
  const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
  await generateDataset(server.dataSource, fixtures.workspaceId, { customers: CUSTOMERS, months: 48, start: '2022-01-01', phaseIds });
  await server.dataSource.query('ANALYZE');
  heavyKey = await server.key(key, 'VIEWER');
  otherKey = (await server.workspace()).adminKey;
}, 300_000);
afterAll(() => server.close());

/** A heavy customer equity request: every month of four years by tier and campaign; `n` makes each one distinct (no cache hit). */
const heavy = (n: number) =>
  `{ customerEquity(period: { grain: MONTH, from: "2022-01-01", to: "2025-${String(1 + (n % 12)).padStart(2, '0')}-01" }, groupBy: [TIER, CAMPAIGN]) { points { total } } }`;

async function timed(query: string, key: string) {
  const started = performance.now();
  const res = await server.gql(query, {}, key);
  return { ms: performance.now() - started, res };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

describe('KPI statements run in slots', () => {
  it("twelve concurrent heavy requests of one workspace leave another workspace's light query its normal latency", async () => {
    const light = '{ tiers { key } }';
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) baseline.push((await timed(light, otherKey)).ms);

    const one = await timed(heavy(99), heavyKey);
    expect(one.res.errors).toBeUndefined();

    const gate = server.app.services.kpi.gate as typeof server.app.services.kpi.gate | undefined;
    let mostRunning = 0;
    const watch = setInterval(() => (mostRunning = Math.max(mostRunning, gate?.state.running ?? 0)), 5);
    const load = Promise.all(Array.from({ length: 12 }, (_, i) => timed(heavy(i), heavyKey)));
    // The heavy statements have taken their slots (without slots, as before the fix: a moment for them to take the connections).
    if (!gate) await new Promise((resolve) => setTimeout(resolve, 300));
    for (let waited = 0; gate && gate.state.running < 2 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const during: { ms: number; status: number; code?: string }[] = [];
    let loadDone = false;
    void load.then(() => (loadDone = true));
    while (!loadDone || during.length < 20) {
      const { ms, res } = await timed(light, otherKey);
      during.push({ ms, status: res.status, code: codeOf(res) });
      if (during.length >= 200) break;
    }
    const heavyResults = await load;
    clearInterval(watch);

    const answered = heavyResults.filter((r) => !r.res.errors);
    const limited = heavyResults.filter((r) => codeOf(r.res) === 'RATE_LIMITED');
    console.log(
      `one heavy request alone: ${Math.round(one.ms)} ms; 12 at once: ${answered.length} answered (slowest ${Math.round(Math.max(...answered.map((r) => r.ms)))} ms), ` +
        `${limited.length} RATE_LIMITED; other workspace's { tiers { key } }: median ${percentile(baseline, 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(baseline, 0.95).toFixed(1)} ms alone; median ${percentile(during.map((d) => d.ms), 0.5).toFixed(1)} ms, ` +
        `p95 ${percentile(during.map((d) => d.ms), 0.95).toFixed(1)} ms, max ${Math.max(...during.map((d) => d.ms)).toFixed(1)} ms over ${during.length} requests under the load, ` +
        `statuses ${JSON.stringify(Object.fromEntries([...new Set(during.map((d) => d.status))].map((st) => [st, during.filter((d) => d.status === st).length])))}`,
    );
    expect(mostRunning).toBe(2); // KPI_CONCURRENCY_PER_KEY: never more at once
    // Every light request answered, none waited for a connection (before: 503 after DB_CONNECT_TIMEOUT_MS, 2 s, of waiting).
    expect(during.every((d) => d.status === 200 && d.code === undefined)).toBe(true);
    // And none waited long: in round trips of this machine as loaded as it is (measured alone above), never below 2 s.
    expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(Math.max(2_000, 40 * percentile(baseline, 0.5)));
    // The heavy ones were answered or told to retry, never a 503.
    expect(answered.length + limited.length).toBe(12);
    expect(answered.length).toBeGreaterThanOrEqual(2);
    for (const r of limited) {
      expect(r.res.status).toBe(429);
      expect(Number(r.res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 180_000);

  it('a full queue refuses at once with RATE_LIMITED, 429 and Retry-After, naming the limit', async () => {
    const small = await startTestServer({ kpiConcurrency: { perWorkspace: 1, perKey: 1, queueLength: 2, queueWaitMs: 30_000 } });
    try {
      const { fixtures, key } = await KpiFixtures.create(small, {});
      await fixtures.journey(small);
      const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
      await generateDataset(small.dataSource, fixtures.workspaceId, { customers: 1500, months: 36, start: '2023-01-01', phaseIds });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => small.gql(heavy(i), {}, key)));
      const refused = results.filter((r) => codeOf(r) === 'RATE_LIMITED');
      // one runs, two wait, three are refused at once
      expect(results.filter((r) => !r.errors)).toHaveLength(3);
      expect(refused).toHaveLength(3);
      for (const r of refused) {
        expect(r.status).toBe(429);
        expect(r.headers.get('retry-after')).toBe('30');
        expect(r.errors![0].extensions).toMatchObject({ limit: 'kpiConcurrency', retryAfter: 30 });
        expect(r.errors![0].message).toBe(
          'This workspace already has 2 requests waiting to compute KPIs (it may run 1 KPI computations at once). Retry after 30 s.',
        );
      }
    } finally {
      await small.close();
    }
  }, 120_000);

  it('a statement that waits longer than KPI_QUEUE_WAIT_MS is RATE_LIMITED; another workspace is not held up by it', async () => {
    const small = await startTestServer({ kpiConcurrency: { perWorkspace: 1, perKey: 1, queueLength: 5, queueWaitMs: 1 } });
    try {
      const { fixtures, key } = await KpiFixtures.create(small, {});
      await fixtures.journey(small);
      const phaseIds = ['contact', 'consideration', 'purchase', 'post_purchase', 'loyalty'].map((k) => fixtures.phases.get(k)!);
      await generateDataset(small.dataSource, fixtures.workspaceId, { customers: 1500, months: 36, start: '2023-01-01', phaseIds });
      const other = (await small.workspace()).adminKey;
      const [a, b, c] = await Promise.all([small.gql(heavy(1), {}, key), small.gql(heavy(2), {}, key), small.gql(heavy(3), {}, other)]);
      // Whichever of the key's two came first ran; the other waited past 1 ms.
      const [ran, waited] = a.errors ? [b, a] : [a, b];
      expect(ran.errors).toBeUndefined();
      expect(codeOf(waited)).toBe('RATE_LIMITED');
      expect(waited.errors![0].message).toMatch(/^The KPI computation waited 1 ms for a free slot/);
      expect(c.errors).toBeUndefined(); // its own workspace and key: a slot of its own
    } finally {
      await small.close();
    }
  }, 120_000);
});
