import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { UPSERT_CUSTOMERS, RECORD_REVENUE, customerRow, countRows } from '../../helpers/facts';

const QUERY = '{ journeys { id } }';
const windowSeconds = 60;

async function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.setTimeout(500);
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('rate limits per API key', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimit: { requests: 5, rows: 0, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
  });
  afterAll(() => server.close());

  it('answer the request over budget with HTTP 429, Retry-After and RATE_LIMITED; another key keeps its own budget', async () => {
    const { adminKey } = await server.workspace();
    const other = await server.key(adminKey, 'VIEWER'); // the 1st request of adminKey
    for (let i = 0; i < 4; i++) expect((await server.gql(QUERY, {}, adminKey)).status).toBe(200);
    const refused = await server.gql(QUERY, {}, adminKey);
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(refused.errors![0].message).toBe(`Rate limit reached: too many requests. Retry after ${retryAfter} s.`);
    expect((await server.gql(QUERY, {}, other)).status).toBe(200);
  });

  it('count requests without a key by client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.gql(QUERY)).status);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});

describe('the ingestion budget', () => {
  it('counts rows as well as requests: a batch over the remaining rows is refused whole with 429 and writes nothing', async () => {
    const server = await startTestServer({ rateLimit: { requests: 0, rows: 250, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
    try {
      const ws = await server.workspace();
      const customers = Array.from({ length: 100 }, (_, i) => customerRow(`c${i}`));
      expect((await server.gql(UPSERT_CUSTOMERS, { rows: customers }, ws.adminKey)).errors).toBeUndefined(); // 100 rows
      const revenue = customers.map((c) => ({ customer: c.externalId, month: '2025-01-01', type: 'RECURRING', amount: 10 }));
      expect((await server.gql(RECORD_REVENUE, { rows: revenue }, ws.adminKey)).errors).toBeUndefined(); // 200 rows
      const over = await server.gql(RECORD_REVENUE, { rows: revenue.map((r) => ({ ...r, month: '2025-02-01' })) }, ws.adminKey);
      expect(over.status).toBe(429);
      expect(codeOf(over)).toBe('RATE_LIMITED');
      expect(over.errors![0].message).toContain('this batch has 100, the budget is 250 per 60 s');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.headers.get('x-sql-statements')).toBe('1'); // the key lookup only: rows are budgeted by verified key
      expect(await countRows(server, 'revenue', ws.id)).toBe(100);
      // Small batches still fit the 50 rows left.
      expect((await server.gql(RECORD_REVENUE, { rows: revenue.slice(0, 50).map((r) => ({ ...r, month: '2025-02-01' })) }, ws.adminKey)).errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('rate limits shared through Redis', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('give two instances one budget', async () => {
    if (!(await redisReachable(redisUrl))) {
      console.warn(`SKIPPED: no Redis reachable at ${redisUrl} (set REDIS_URL) — the shared-budget case was not tested`);
      return;
    }
    const rateLimit = { requests: 6, rows: 0, windowSeconds, redisUrl, keyPrefix: `t-${randomUUID()}` };
    const a = await startTestServer({ rateLimit });
    const b = await startTestServer({ rateLimit });
    try {
      const { adminKey } = await a.workspace();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await a.gql(QUERY, {}, adminKey)).status);
        statuses.push((await b.gql(QUERY, {}, adminKey)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fall back to the in-memory limiter, and say so in the log, when Redis is unreachable', async () => {
    const server = await startTestServer({
      rateLimit: { requests: 3, rows: 0, windowSeconds, redisUrl: 'redis://127.0.0.1:1', keyPrefix: `t-${randomUUID()}` },
    });
    try {
      const { adminKey } = await server.workspace();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await server.gql(QUERY, {}, adminKey)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(server.logs.some((l) => /Redis unreachable/.test(l.msg))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('budgets belong to verified keys only', () => {
  it("a wrong secret with a victim's key id spends the sender's address budget, never the victim's", async () => {
    const server = await startTestServer({ rateLimit: { requests: 5, rows: 0, failedAuth: 0, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
    try {
      const { adminKey } = await server.workspace();
      const keyId = /^jg_([0-9a-f-]{36})_/.exec(adminKey)![1];
      const forged = `jg_${keyId}_${'x'.repeat(43)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await server.gql(QUERY, {}, forged)).status);
      // 5 answered UNAUTHENTICATED, then the address's budget is spent.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      // The victim's own budget is untouched: its 5 requests all pass.
      for (let i = 0; i < 5; i++) expect((await server.gql(QUERY, {}, adminKey)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('random key ids do not each get a budget of their own: they share the address budget', async () => {
    const server = await startTestServer({ rateLimit: { requests: 5, rows: 0, failedAuth: 0, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await server.gql(QUERY, {}, `jg_${randomUUID()}_${'y'.repeat(43)}`)).status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it("failed authentications are limited harder: past RATE_LIMIT_FAILED_AUTH an address's bad keys get 429, its valid keys still pass", async () => {
    const server = await startTestServer({ rateLimit: { requests: 100, rows: 0, failedAuth: 3, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
    try {
      const { adminKey } = await server.workspace();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await server.gql(QUERY, {}, `jg_${randomUUID()}_${'z'.repeat(43)}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]); // UNAUTHENTICATED three times, then refused
      const refused = await server.gql(QUERY, {}, 'Bearer-less nonsense');
      expect(refused.status).toBe(429);
      expect(refused.errors![0].message).toMatch(/^Rate limit reached: too many failed authentications from this address\. Retry after \d+ s\.$/);
      // A valid key from the same address (one NAT, one proxy) is not held up by someone else's bad keys.
      expect((await server.gql(QUERY, {}, adminKey)).status).toBe(200);
      // Requests without a key are charged to the address's request budget, which is far from spent.
      expect(codeOf(await server.gql(QUERY))).toBe('UNAUTHENTICATED');
    } finally {
      await server.close();
    }
  });
});

describe('the row budget counts rows wherever the batch field is selected', () => {
  const customers = Array.from({ length: 60 }, (_, i) => customerRow(`f${i}`));
  it.each([
    ['an inline fragment', `mutation($r: [CustomerRowInput!]!) { ... on Mutation { upsertCustomers(rows: $r) { inserted } } }`],
    ['a named fragment', `mutation($r: [CustomerRowInput!]!) { ...Batch } fragment Batch on Mutation { upsertCustomers(rows: $r) { inserted } }`],
    [
      'nested fragments under two aliases',
      `mutation($r: [CustomerRowInput!]!) { ... on Mutation { ...A } } fragment A on Mutation { a: upsertCustomers(rows: $r) { inserted } ...B }
       fragment B on Mutation { b: upsertCustomers(rows: $r) { updated } }`,
    ],
  ])('%s', async (_label, document) => {
    const server = await startTestServer({ rateLimit: { requests: 0, rows: 100, windowSeconds, keyPrefix: `t-${randomUUID()}` } });
    try {
      const ws = await server.workspace();
      const first = await server.gql(document, { r: customers }, ws.adminKey);
      const rows = document.includes('a: upsertCustomers') ? 120 : 60;
      if (rows > 100) {
        expect(first.status).toBe(429);
        expect(first.errors![0].message).toContain('this batch has 120, the budget is 100 per 60 s');
        expect(await countRows(server, 'customer', ws.id)).toBe(0);
        return;
      }
      expect(first.errors).toBeUndefined();
      const second = await server.gql(document, { r: customers }, ws.adminKey); // 60 + 60 > 100
      expect(second.status).toBe(429);
      expect(codeOf(second)).toBe('RATE_LIMITED');
      expect(second.errors![0].message).toContain('this batch has 60, the budget is 100 per 60 s');
    } finally {
      await server.close();
    }
  });
});
