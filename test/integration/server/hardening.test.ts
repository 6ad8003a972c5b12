import { createHash } from 'node:crypto';
import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { loadConfig } from '../../../src/config/config';
import { UPSERT_CAMPAIGNS, UPSERT_CUSTOMERS, RECORD_EVENTS, customerRow, countRows, ingest } from '../../helpers/facts';

/** The smaller holes of the production review (issue 12, item 7), each with what it did before. */

async function scrape(server: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(`${new URL(server.url).origin}/metrics`, { headers });
  return { status: res.status, text: await res.text() };
}

describe('GET /metrics in production', () => {
  it('is not served without METRICS_TOKEN (was: every workspace\'s operation names to anyone), and says so in the log', async () => {
    const server = await startTestServer({ production: true, metrics: { enabled: true } });
    try {
      expect((await scrape(server)).status).toBe(404);
      expect(server.logs.some((l) => /GET \/metrics is off: in production it is served only with METRICS_TOKEN/.test(l.msg))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('with METRICS_TOKEN is served to its holder only', async () => {
    const server = await startTestServer({ production: true, metrics: { enabled: true, token: 'prod-scrape-token' } });
    try {
      expect((await scrape(server)).status).toBe(401);
      expect((await scrape(server, { authorization: 'Bearer prod-scrape-token' })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('labels only with values the server owns: root fields of the schema, never client-chosen strings (was: any operation name)', async () => {
    const server = await startTestServer();
    try {
      const { adminKey } = await server.workspace();
      for (let i = 0; i < 40; i++) {
        await server.gql(`query Client${i}Chosen { journeys { id } }`, {}, adminKey);
        await server.gql(`query Junk${i} { noSuchField${i} }`, {}, adminKey);
        await server.gql(`mutation Write${i} { ... on Mutation { upsertCampaigns(rows: []) { inserted } } }`, {}, adminKey);
      }
      const { text } = await scrape(server);
      expect(text).not.toMatch(/Client\d+Chosen|Junk\d+|noSuchField|Write\d+/);
      const fields = new Set([...text.matchAll(/journeygraph_graphql_requests_total\{field="([^"]+)"/g)].map((m) => m[1]));
      expect([...fields].sort()).toEqual(['journeys', 'none', 'upsertCampaigns']);
    } finally {
      await server.close();
    }
  });
});

describe('the demo workspace', () => {
  it('is off by default in production (was: made on every production start, its ADMIN key printed), on by default elsewhere', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demoWorkspace).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO_WORKSPACE: 'true' }).demoWorkspace).toBe(true);
    expect(loadConfig({}).demoWorkspace).toBe(true);
    expect(loadConfig({ DEMO_WORKSPACE: 'false' }).demoWorkspace).toBe(false);
  });
});

describe('dates and values out of range', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startTestServer({ production: true });
    key = (await server.workspace()).adminKey;
  });
  afterAll(() => server.close());

  it.each([
    ['kpiMatrix from 0000-01-01 (was a masked INTERNAL_SERVER_ERROR)', `{ kpiMatrix(metrics: [MRR], period: { grain: MONTH, from: "0000-01-01", to: "0000-03-01" }) { periodStart } }`, '0000-01-01'],
    [
      'metricChain by YEAR from 0001-01-01 with the most evidence periods and lag (was a masked INTERNAL_SERVER_ERROR)',
      `{ metricChain(period: { grain: YEAR, from: "0001-01-01", to: "0003-01-01" }, evidencePeriods: 60, lag: 12) { periodStart } }`,
      '0001-01-01',
    ],
    ['indicatorImpact on 9999-12-01 (was an internal string)', `{ indicatorImpact(indicators: [CSAT], outcome: NEXT_PERIOD_CHURNED, period: { grain: MONTH, from: "9999-12-01", to: "9999-12-01" }) { n } }`, '9999-12-01'],
  ])('%s: BAD_USER_INPUT naming the range', async (_label, query, date) => {
    const res = await server.gql(query, {}, key);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain(`The date "${date}" is outside the dates this API takes: from 1900-01-01 to 2199-12-31.`);
    expect(res.status).toBe(400);
  });

  it('the first and last dates of the range answer (the periods computed around them stay representable)', async () => {
    for (const query of [
      `{ kpiMatrix(metrics: [MRR, NRR], period: { grain: MONTH, from: "1900-01-01", to: "1900-03-01" }) { periodStart } }`,
      `{ metricChain(period: { grain: YEAR, from: "1900-01-01", to: "1901-01-01" }, evidencePeriods: 60, lag: 12) { periodStart } }`,
      `{ metricChain(period: { grain: YEAR, from: "2199-01-01", to: "2199-12-31" }, evidencePeriods: 60, lag: 12) { periodStart } }`,
      `{ indicatorImpact(indicators: [CSAT, NPS], outcome: NEXT_PERIOD_NRR, period: { grain: YEAR, from: "2199-01-01", to: "2199-12-31" }) { n } }`,
      `{ kpis(metrics: [TTM_REVENUE, CLV], period: { grain: QUARTER, from: "2199-10-01", to: "2199-12-31" }) { kpi } }`,
    ]) {
      const res = await server.gql(query, {}, key);
      expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
    }
  });

  it('the same through variables, and for times (DateTime) in fact rows', async () => {
    const res = await server.gql(`query($p: PeriodInput!) { kpis(metrics: [MRR], period: $p) { kpi } }`, { p: { grain: 'MONTH', from: '2025-01-01', to: '9999-12-01' } }, key);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('The date "9999-12-01" is outside the dates this API takes');
    await ingest(server, key, UPSERT_CUSTOMERS, [customerRow('c1')]);
    const events = await server.gql(RECORD_EVENTS, { rows: [{ externalId: 'e1', customer: 'c1', type: 'EMAIL_OPEN', occurredAt: '0001-01-01T00:00:00Z' }] }, key);
    expect(codeOf(events)).toBe('BAD_USER_INPUT');
    expect(events.errors![0].message).toContain('The time "0001-01-01T00:00:00Z" is outside the dates this API takes');
    const notADay = await server.gql(`{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-02-30", to: "2025-03-01" }) { kpi } }`, {}, key);
    expect(notADay.errors![0].message).toContain('"2025-02-30" is not a day of the calendar.');
  });

  it("PostgreSQL's data exceptions are answered in the API's words (was: its message verbatim)", async () => {
    const res = await server.gql(UPSERT_CAMPAIGNS, { rows: [{ externalId: 'nul', name: 'a\u0000b' }] }, key);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const text = JSON.stringify(res.errors);
    expect(text).not.toMatch(/invalid byte sequence|0x00|UTF8"|date\/time field/);
    expect(res.errors![0].message).toBe('A text value cannot be stored: send valid UTF-8 text without NUL characters (\\u0000).');
  });
});

describe('several mutations in one request', () => {
  it('show each outcome: the one that failed answers null with its error, the one that was written its result (was: data null)', async () => {
    const server = await startTestServer();
    try {
      const ws = await server.workspace();
      const res = await server.gql(
        `mutation($ok: [NamedRowInput!]!, $bad: [NamedRowInput!]!) { a: upsertCampaigns(rows: $ok) { inserted } b: upsertCampaigns(rows: $bad) { inserted } }`,
        { ok: [{ externalId: 'spring', name: 'Spring' }], bad: [{ externalId: 'x', name: '' }] },
        ws.adminKey,
      );
      expect(res.data).toEqual({ a: { inserted: 1 }, b: null });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: ['b'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(await countRows(server, 'campaign', ws.id)).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('automatic persisted queries', () => {
  it('are off: a query sent by its hash only is PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    const server = await startTestServer();
    try {
      const { adminKey } = await server.workspace();
      const query = '{ journeys { id } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const post = (body: unknown) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) });
      const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
      const body = (await byHash.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      // Sent with its text, the same query is answered as any other (nothing is stored for later).
      const withText = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect(((await withText.json()) as { errors?: unknown[] }).errors?.[0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } });
    } finally {
      await server.close();
    }
  });
});
