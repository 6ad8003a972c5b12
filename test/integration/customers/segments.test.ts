import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { INGEST, RECORD_REVENUE, UPSERT_CUSTOMERS, customerRow, ingest } from '../../helpers/facts';

const UPSERT_SEGMENTS = INGEST('upsertSegments', 'SegmentRowInput');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function segments(key: string) {
  const res = await server.gql(`{ segments { key name rank } }`, {}, key);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.segments as { key: string; name: string; rank: number }[];
}

const problems = (res: { errors?: { extensions: Record<string, any> }[] }) =>
  (res.errors?.[0]?.extensions.rows ?? []) as { index: number; field: string; reason: string }[];

describe('segments', () => {
  it('a workspace starts with ENTERPRISE, MID_MARKET and SMB, and keeps its own list', async () => {
    const ws = await server.workspace();
    expect((await segments(ws.adminKey)).map((s) => s.key)).toEqual(['ENTERPRISE', 'MID_MARKET', 'SMB']);
    expect(await ingest(server, ws.adminKey, UPSERT_SEGMENTS, [
      { key: 'loyal_shoppers', name: 'Loyal shoppers', rank: 4 },
      { key: 'SMB', name: 'Small businesses', rank: 3 },
    ])).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await segments(ws.adminKey)).toEqual([
      { key: 'ENTERPRISE', name: 'Enterprise', rank: 1 },
      { key: 'MID_MARKET', name: 'Mid-market', rank: 2 },
      { key: 'SMB', name: 'Small businesses', rank: 3 },
      { key: 'loyal_shoppers', name: 'Loyal shoppers', rank: 4 },
    ]);
    const other = await server.workspace();
    expect((await segments(other.adminKey)).map((s) => s.key)).toEqual(['ENTERPRISE', 'MID_MARKET', 'SMB']);
  });

  it("customers name a segment of their own workspace by key; another workspace's segment is NOT_FOUND", async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    await ingest(server, other.adminKey, UPSERT_SEGMENTS, [{ key: 'vip', name: 'VIP', rank: 1 }]);
    const res = await server.gql(UPSERT_CUSTOMERS, { rows: [customerRow('a', { segment: 'SMB' }), customerRow('b', { segment: 'vip' }), customerRow('c', { segment: 'no such!' })] }, ws.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(problems(res).map((p) => [p.index, p.field, p.reason])).toEqual([
      [1, 'segment', 'NOT_FOUND'],
      [2, 'segment', 'INVALID'],
    ]);
  });

  it('the database refuses a customer pointing at a segment of another workspace', async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [customerRow('a')]);
    const [foreign] = await server.dataSource.query(`SELECT id FROM segment WHERE workspace_id = $1 AND key = 'SMB'`, [other.id]);
    await expect(
      server.dataSource.query(`UPDATE customer SET segment_id = $1 WHERE workspace_id = $2`, [foreign.id, ws.id]),
    ).rejects.toThrow(/foreign key/);
  });

  it('filters, groups and lists customers by their own segments; an unquoted name still reads as a key', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_SEGMENTS, [{ key: 'loyal_shoppers', name: 'Loyal shoppers', rank: 4 }]);
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [
      customerRow('a', { segment: 'loyal_shoppers' }),
      customerRow('b', { segment: 'loyal_shoppers' }),
      customerRow('c', { segment: 'SMB' }),
    ]);
    await ingest(server, ws.adminKey, RECORD_REVENUE, [
      { customer: 'a', month: '2025-01-01', type: 'RECURRING', amount: 100 },
      { customer: 'b', month: '2025-01-01', type: 'RECURRING', amount: 50 },
      { customer: 'c', month: '2025-01-01', type: 'RECURRING', amount: 20 },
    ]);
    const kpis = await server.gql(
      `{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, groupBy: [SEGMENT]) { group { segment } points { value } } }`,
      {},
      ws.adminKey,
    );
    expect(kpis.errors).toBeUndefined();
    const bySegment = Object.fromEntries(kpis.data!.kpis.map((s: any) => [s.group.segment, s.points[0].value]));
    expect(bySegment).toEqual({ loyal_shoppers: 150, SMB: 20 });
    // Written as before segments were the workspace's own: an enum-style literal, and a variable of type [Segment!].
    const literal = await server.gql(
      `{ kpis(metrics: [MRR], period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, filter: { segment: [SMB] }) { points { value } } }`,
      {},
      ws.adminKey,
    );
    expect(literal.data!.kpis[0].points[0].value).toBe(20);
    const variable = await server.gql(
      `query($s: [Segment!]) { customers(filter: { segment: $s }) { edges { node { externalId segment } } } }`,
      { s: ['loyal_shoppers'] },
      ws.adminKey,
    );
    expect(variable.data!.customers.edges.map((e: any) => e.node)).toEqual([
      { externalId: 'a', segment: 'loyal_shoppers' },
      { externalId: 'b', segment: 'loyal_shoppers' },
    ]);
  });

  it('deletes an unused segment; one with customers is CONFLICT; an unknown one NOT_FOUND', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [customerRow('a', { segment: 'SMB' })]);
    const inUse = await server.gql(`mutation { deleteSegment(key: "SMB") }`, {}, ws.adminKey);
    expect(codeOf(inUse)).toBe('CONFLICT');
    expect(inUse.errors![0].message).toBe('Segment "SMB" still has 1 customer(s); move them to another segment with upsertCustomers first.');
    const unused = await server.gql(`mutation { deleteSegment(key: "ENTERPRISE") }`, {}, ws.adminKey);
    expect(unused.data!.deleteSegment).toBe('ENTERPRISE');
    expect((await segments(ws.adminKey)).map((s) => s.key)).toEqual(['MID_MARKET', 'SMB']);
    expect(codeOf(await server.gql(`mutation { deleteSegment(key: "ENTERPRISE") }`, {}, ws.adminKey))).toBe('NOT_FOUND');
  });

  it('a VIEWER reads segments but may not write them', async () => {
    const ws = await server.workspace();
    const viewer = await server.key(ws.adminKey, 'VIEWER');
    expect((await segments(viewer)).length).toBe(3);
    expect(codeOf(await server.gql(UPSERT_SEGMENTS, { rows: [{ key: 'x', name: 'X', rank: 1 }] }, viewer))).toBe('FORBIDDEN');
  });
});

describe('region and country', () => {
  it('are optional; a country is an assigned ISO 3166-1 alpha-2 code in capitals', async () => {
    const ws = await server.workspace();
    const { region: _r, country: _c, ...bare } = customerRow('shopper-1');
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [bare, customerRow('shopper-2', { region: null, country: 'FR' })]);
    const res = await server.gql(`{ customers { edges { node { externalId region country } } } }`, {}, ws.adminKey);
    expect(res.data!.customers.edges.map((e: any) => e.node)).toEqual([
      { externalId: 'shopper-1', region: null, country: null },
      { externalId: 'shopper-2', region: null, country: 'FR' },
    ]);
    const bad = await server.gql(UPSERT_CUSTOMERS, { rows: [customerRow('x', { country: 'XX' }), customerRow('y', { country: 'de' }), customerRow('z', { country: 'GB' })] }, ws.adminKey);
    expect(problems(bad).map((p) => [p.index, p.field, p.reason])).toEqual([
      [0, 'country', 'INVALID'],
      [1, 'country', 'INVALID'],
    ]);
  });

  it('a customer without a region falls in the null REGION group and passes no REGION filter', async () => {
    const ws = await server.workspace();
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [customerRow('a', { region: 'EMEA' }), customerRow('b', { region: null })]);
    await ingest(server, ws.adminKey, RECORD_REVENUE, [
      { customer: 'a', month: '2025-01-01', type: 'RECURRING', amount: 100 },
      { customer: 'b', month: '2025-01-01', type: 'RECURRING', amount: 30 },
    ]);
    const res = await server.gql(
      `{ kpis(metrics: [ACTIVE_CUSTOMERS], period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }, groupBy: [REGION]) { group { region } points { value } } }`,
      {},
      ws.adminKey,
    );
    expect(Object.fromEntries(res.data!.kpis.map((s: any) => [String(s.group.region), s.points[0].value]))).toEqual({ EMEA: 1, null: 1 });
  });
});
