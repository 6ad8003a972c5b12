import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import {
  RECORD_COSTS,
  RECORD_EVENTS,
  RECORD_INVOICES,
  RECORD_REVENUE,
  RECORD_SURVEYS,
  UPSERT_CAMPAIGNS,
  UPSERT_CUSTOMERS,
  UPSERT_PARTNERS,
  UPSERT_TIERS,
  countRows,
  createLifecycleJourney,
  customerRow,
  ingest,
} from '../../helpers/facts';

let server: TestServer;
beforeAll(async () => {
  // 10,000 customers or events (about 1.5 MB of JSON) need more than the default 1 MB body limit: MAX_BODY_BYTES.
  server = await startTestServer({ maxBodyBytes: 8 * 1024 * 1024 });
});
afterAll(async () => {
  await server.close();
});

/** A workspace with customers c1…c3, campaign "spring", partner "p1" and the lifecycle journey. */
async function seeded() {
  const ws = await server.workspace();
  await createLifecycleJourney(server, ws.adminKey);
  await ingest(server, ws.adminKey, UPSERT_CAMPAIGNS, [{ externalId: 'spring', name: 'Spring launch' }]);
  await ingest(server, ws.adminKey, UPSERT_PARTNERS, [{ externalId: 'p1', name: 'Partner One' }]);
  await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [customerRow('c1'), customerRow('c2'), customerRow('c3')]);
  return ws;
}

/** The `extensions.rows` report of a refused batch, as `index field reason` lines. */
async function rejected(key: string, document: string, rows: unknown[]) {
  const res = await server.gql(document, { rows }, key);
  expect(res.data).toEqual({ [document.match(/\{ (\w+)\(/)![1]]: null }); // the mutation answers null: nothing was written
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  return (res.errors![0].extensions.rows as { index: number; field: string; reason: string; message: string }[]).map(
    (p) => `${p.index} ${p.field} ${p.reason}`,
  );
}

describe('a batch is validated row by row before anything is written', () => {
  it('names every bad revenue row: unknown customer, month not the first day, negative amount, more than two decimals', async () => {
    const ws = await seeded();
    const rows = [
      { customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: 100 },
      { customer: 'nobody', month: '2025-01-01', type: 'RECURRING', amount: 100 },
      { customer: 'c1', month: '2025-01-15', type: 'ONE_TIME', amount: 100 },
      { customer: 'c2', month: '2025-01-01', type: 'RECURRING', amount: -5 },
      { customer: 'c3', month: '2025-01-01', type: 'RECURRING', amount: 10.005 },
      { customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: 200 },
    ];
    const res = await server.gql(RECORD_REVENUE, { rows }, ws.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/^5 of 6 rows are invalid; nothing was written/);
    expect(res.errors![0].extensions.rows).toEqual([
      { index: 1, field: 'customer', reason: 'NOT_FOUND', message: 'no customer with external id "nobody" in this workspace' },
      { index: 2, field: 'month', reason: 'INVALID', message: 'month must be the first day of a month, e.g. "2025-03-01" (got "2025-01-15")' },
      { index: 3, field: 'amount', reason: 'INVALID', message: 'amount must not be negative' },
      { index: 4, field: 'amount', reason: 'INVALID', message: 'amount must have at most two decimals' },
      { index: 5, field: 'month', reason: 'DUPLICATE', message: 'same natural key as rows[0]; send each key once per batch' },
    ]);
    expect(res.errors![0].extensions.fields[0]).toEqual({ path: 'rows[1].customer', message: 'no customer with external id "nobody" in this workspace' });
    expect(await countRows(server, 'revenue', ws.id)).toBe(0);
  });

  it('checks survey scores against their scale: CSAT 1-5, NPS 0-10', async () => {
    const ws = await seeded();
    const at = '2025-02-01T10:00:00Z';
    const report = await rejected(ws.adminKey, RECORD_SURVEYS, [
      { externalId: 's1', customer: 'c1', kind: 'CSAT', score: 5, respondedAt: at },
      { externalId: 's2', customer: 'c1', kind: 'CSAT', score: 0, respondedAt: at },
      { externalId: 's3', customer: 'c1', kind: 'CSAT', score: 6, respondedAt: at },
      { externalId: 's4', customer: 'c1', kind: 'NPS', score: 0, respondedAt: at },
      { externalId: 's5', customer: 'c1', kind: 'NPS', score: 11, respondedAt: at },
      { externalId: 's1', customer: 'c2', kind: 'NPS', score: 10, respondedAt: at },
    ]);
    expect(report).toEqual(['1 score INVALID', '2 score INVALID', '4 score INVALID', '5 externalId DUPLICATE']);
    expect(await countRows(server, 'survey', ws.id)).toBe(0);
  });

  it('refuses invoices paid or due before they were issued', async () => {
    const ws = await seeded();
    const report = await rejected(ws.adminKey, RECORD_INVOICES, [
      { externalId: 'i1', customer: 'c1', issuedOn: '2025-03-10', dueOn: '2025-04-09', paidOn: '2025-03-20', amount: 500 },
      { externalId: 'i2', customer: 'c1', issuedOn: '2025-03-10', dueOn: '2025-03-09', amount: 500 },
      { externalId: 'i3', customer: 'c1', issuedOn: '2025-03-10', dueOn: '2025-04-09', paidOn: '2025-03-01', amount: 500 },
    ]);
    expect(report).toEqual(['1 dueOn INVALID', '2 paidOn INVALID']);
  });

  it('needs a known phase for PHASE_ENTERED and known touchpoints and campaigns', async () => {
    const ws = await seeded();
    const at = '2025-03-01T08:00:00+01:00';
    const report = await rejected(ws.adminKey, RECORD_EVENTS, [
      { externalId: 'e1', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: at, phase: 'purchase' },
      { externalId: 'e2', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: at },
      { externalId: 'e3', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: at, phase: 'nirvana' },
      { externalId: 'e4', customer: 'c1', type: 'WEBINAR_ATTENDED', occurredAt: at, touchpoint: 'contact_webinar', campaign: 'spring' },
      { externalId: 'e5', customer: 'c1', type: 'WEBINAR_ATTENDED', occurredAt: at, touchpoint: 'no_such_touchpoint' },
      { externalId: 'e6', customer: 'c1', type: 'EMAIL_OPEN', occurredAt: at, campaign: 'winter' },
    ]);
    expect(report).toEqual(['1 phase INVALID', '2 phase NOT_FOUND', '4 touchpoint NOT_FOUND', '5 campaign NOT_FOUND']);
  });

  it('refuses costs naming an unknown campaign or customer', async () => {
    const ws = await seeded();
    const report = await rejected(ws.adminKey, RECORD_COSTS, [
      { externalId: 'k1', category: 'ACQUISITION', month: '2025-01-01', amount: 1000, campaign: 'spring' },
      { externalId: 'k2', category: 'ACQUISITION', month: '2025-01-01', amount: 1000, campaign: 'autumn' },
      { externalId: 'k3', category: 'SERVICING', month: '2025-01-01', amount: 99.99, customer: 'ghost' },
    ]);
    expect(report).toEqual(['1 campaign NOT_FOUND', '2 customer NOT_FOUND']);
  });

  it('refuses customers with an unknown tier, partner or campaign, a PARTNER channel without partner, or a bad country', async () => {
    const ws = await seeded();
    const report = await rejected(ws.adminKey, UPSERT_CUSTOMERS, [
      customerRow('n1', { tier: 'platinum' }),
      customerRow('n2', { channel: 'PARTNER' }),
      customerRow('n3', { channel: 'PARTNER', partner: 'p9' }),
      customerRow('n4', { acquisitionCampaign: 'winter' }),
      customerRow('n5', { country: 'Germany' }),
      customerRow('n6', { channel: 'PARTNER', partner: 'p1', acquisitionCampaign: 'spring', acquiredOn: '2024-11-05' }),
    ]);
    expect(report).toEqual(['0 tier NOT_FOUND', '1 partner INVALID', '2 partner NOT_FOUND', '3 acquisitionCampaign NOT_FOUND', '4 country INVALID']);
    expect(await countRows(server, 'customer', ws.id)).toBe(3);
  });

  it('refuses a tier key that is not a key and a rank below 1', async () => {
    const ws = await server.workspace();
    const report = await rejected(ws.adminKey, UPSERT_TIERS, [
      { key: 'Gold Tier', name: 'Gold', rank: 1 },
      { key: 'gold', name: 'Gold', rank: 0 },
    ]);
    expect(report).toEqual(['0 key INVALID', '1 rank INVALID']);
  });

  it('leaves malformed values (an impossible date, an unknown enum value) to GraphQL, which names the row', async () => {
    const ws = await seeded();
    const res = await server.gql(RECORD_REVENUE, { rows: [{ customer: 'c1', month: '2025-02-30', type: 'RECURRING', amount: 1 }] }, ws.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toContain('at "rows[0].month"');
    const bad = await server.gql(RECORD_REVENUE, { rows: [{ customer: 'c1', month: '2025-02-01', type: 'MONTHLY', amount: 1 }] }, ws.adminKey);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].message).toContain('at "rows[0].type"');
  });

  it('refuses more than 10,000 rows', async () => {
    const ws = await seeded();
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: i }));
    const res = await server.gql(RECORD_REVENUE, { rows }, ws.adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions.fields).toEqual([{ path: 'rows', message: 'at most 10,000 rows per batch; got 10001' }]);
  });
});

describe('ingestion is idempotent on the natural key', () => {
  it('reports inserted, then unchanged for the same batch, then updated for changed rows', async () => {
    const ws = await seeded();
    const rows = [
      { customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: 1000 },
      { customer: 'c1', month: '2025-02-01', type: 'RECURRING', amount: 1000.5 },
      { customer: 'c2', month: '2025-01-01', type: 'SERVICES', amount: 250.25 },
    ];
    expect(await ingest(server, ws.adminKey, RECORD_REVENUE, rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await ingest(server, ws.adminKey, RECORD_REVENUE, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = [{ ...rows[1], amount: 1200 }, rows[2], { customer: 'c3', month: '2025-01-01', type: 'RECURRING', amount: 10 }];
    expect(await ingest(server, ws.adminKey, RECORD_REVENUE, changed)).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    const stored = await server.dataSource.query(
      `SELECT c.external_id, to_char(r.month, 'YYYY-MM') AS month, r.type, r.amount::text FROM revenue r JOIN customer c ON c.id = r.customer_id
        WHERE r.workspace_id = $1 ORDER BY 1, 2, 3`,
      [ws.id],
    );
    expect(stored).toEqual([
      { external_id: 'c1', month: '2025-01', type: 'RECURRING', amount: '1000.00' },
      { external_id: 'c1', month: '2025-02', type: 'RECURRING', amount: '1200.00' },
      { external_id: 'c2', month: '2025-01', type: 'SERVICES', amount: '250.25' },
      { external_id: 'c3', month: '2025-01', type: 'RECURRING', amount: '10.00' },
    ]);
  });

  it('holds for every batch mutation', async () => {
    const ws = await seeded();
    const at = '2025-03-01T09:00:00Z';
    const batches: [string, Record<string, unknown>[], Record<string, unknown>][] = [
      [UPSERT_TIERS, [{ key: 'strategic', name: 'Strategic', rank: 1 }, { key: 'smb', name: 'Small business', rank: 5 }], { name: 'Key accounts' }],
      [UPSERT_CAMPAIGNS, [{ externalId: 'spring', name: 'Spring launch' }, { externalId: 'fall', name: 'Fall' }], { name: 'Spring 2025' }],
      [UPSERT_PARTNERS, [{ externalId: 'p1', name: 'Partner One' }, { externalId: 'p2', name: 'Partner Two' }], { name: 'P-One' }],
      [UPSERT_CUSTOMERS, [customerRow('c1'), customerRow('c4', { channel: 'PARTNER', partner: 'p1' })], { region: 'NA' }],
      [RECORD_COSTS, [{ externalId: 'k1', category: 'ACQUISITION', month: '2025-01-01', amount: 10, campaign: 'spring' }, { externalId: 'k2', category: 'COGS', month: '2025-01-01', amount: 20, customer: 'c1' }], { amount: 11 }],
      [RECORD_INVOICES, [{ externalId: 'i1', customer: 'c1', issuedOn: '2025-01-05', dueOn: '2025-02-04', amount: 10 }, { externalId: 'i2', customer: 'c2', issuedOn: '2025-01-05', dueOn: '2025-02-04', amount: 20 }], { paidOn: '2025-01-20' }],
      [RECORD_SURVEYS, [{ externalId: 's1', customer: 'c1', kind: 'NPS', score: 9, respondedAt: at }, { externalId: 's2', customer: 'c2', kind: 'CSAT', score: 4, respondedAt: at }], { score: 10 }],
      [RECORD_EVENTS, [{ externalId: 'e1', customer: 'c1', type: 'PHASE_ENTERED', occurredAt: at, phase: 'contact' }, { externalId: 'e2', customer: 'c2', type: 'EMAIL_OPEN', occurredAt: at, campaign: 'spring' }], { occurredAt: '2025-03-02T09:00:00Z' }],
    ];
    for (const [document, rows, change] of batches) {
      const first = await ingest(server, ws.adminKey, document, rows);
      expect(first.inserted + first.updated + first.unchanged).toBe(2);
      expect(await ingest(server, ws.adminKey, document, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
      expect(await ingest(server, ws.adminKey, document, [{ ...rows[0], ...change }, rows[1]])).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    }
  });

  it('treats the same instant in another zone as unchanged', async () => {
    const ws = await seeded();
    const row = { externalId: 'e1', customer: 'c1', type: 'EMAIL_OPEN', occurredAt: '2025-03-01T10:00:00+01:00' };
    await ingest(server, ws.adminKey, RECORD_EVENTS, [row]);
    expect(await ingest(server, ws.adminKey, RECORD_EVENTS, [{ ...row, occurredAt: '2025-03-01T09:00:00Z' }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });
});

describe('two clients sending overlapping batches at the same time', () => {
  it('end with every row once, no duplicates and no error, round after round', async () => {
    const ws = await seeded();
    const ingestKey = await server.key(ws.adminKey, 'INGEST');
    const customers = Array.from({ length: 200 }, (_, i) => customerRow(`k${String(i).padStart(3, '0')}`));
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, customers);
    for (let round = 0; round < 5; round += 1) {
      // Client A sends customers 0-149, client B 50-199 in reverse order: 100 keys overlap.
      const rowsFor = (from: number, to: number) =>
        customers.slice(from, to).flatMap((c) => [
          { customer: c.externalId, month: '2025-01-01', type: 'RECURRING', amount: 100 + round },
          { customer: c.externalId, month: '2025-02-01', type: 'RECURRING', amount: 100 + round },
        ]);
      const [a, b] = await Promise.all([
        server.gql(RECORD_REVENUE, { rows: rowsFor(0, 150) }, ws.adminKey),
        server.gql(RECORD_REVENUE, { rows: rowsFor(50, 200).reverse() }, ingestKey),
      ]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      const sa = a.data!.recordRevenue;
      const sb = b.data!.recordRevenue;
      // Every key is written by exactly one of them; the overlap is unchanged for whichever came second.
      expect(sa.inserted + sa.updated + sb.inserted + sb.updated).toBe(400);
      expect(sa.unchanged + sb.unchanged).toBe(200);
      const [{ rows, amounts }] = await server.dataSource.query(
        `SELECT count(*)::int AS rows, array_agg(DISTINCT amount::text) AS amounts FROM revenue WHERE workspace_id = $1`,
        [ws.id],
      );
      expect(rows).toBe(400);
      expect(amounts).toEqual([`${100 + round}.00`]);
    }
    // Events too, where the natural key is the external id.
    for (let round = 0; round < 3; round += 1) {
      const events = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => ({
          externalId: `ev-${from + i}`,
          customer: customers[(from + i) % 200].externalId,
          type: 'EMAIL_OPEN',
          occurredAt: `2025-04-0${round + 1}T10:00:00Z`,
        }));
      const [a, b] = await Promise.all([
        server.gql(RECORD_EVENTS, { rows: events(0, 600) }, ws.adminKey),
        server.gql(RECORD_EVENTS, { rows: events(300, 900).reverse() }, ingestKey),
      ]);
      expect([a.errors, b.errors]).toEqual([undefined, undefined]);
      expect(await countRows(server, 'event', ws.id)).toBe(900);
    }
  }, 180_000); // a correctness test under concurrency: on a loaded machine its rounds take longer than the default 60 s
});

describe('roles', () => {
  it('lets INGEST and ADMIN write facts, FINANCE write costs only, VIEWER and EDITOR write nothing', async () => {
    const ws = await seeded();
    const keys = {
      INGEST: await server.key(ws.adminKey, 'INGEST'),
      FINANCE: await server.key(ws.adminKey, 'FINANCE'),
      VIEWER: await server.key(ws.adminKey, 'VIEWER'),
      EDITOR: await server.key(ws.adminKey, 'EDITOR'),
    };
    const revenue = [{ customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: 1 }];
    const cost = [{ externalId: 'k1', category: 'COGS', month: '2025-01-01', amount: 1 }];
    expect(codeOf(await server.gql(RECORD_REVENUE, { rows: revenue }, keys.INGEST))).toBeUndefined();
    expect(codeOf(await server.gql(RECORD_REVENUE, { rows: revenue }, keys.FINANCE))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(RECORD_COSTS, { rows: cost }, keys.FINANCE))).toBeUndefined();
    expect(codeOf(await server.gql(RECORD_COSTS, { rows: cost }, keys.VIEWER))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(UPSERT_CUSTOMERS, { rows: [customerRow('x')] }, keys.EDITOR))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(UPSERT_TIERS, { rows: [{ key: 'gold', name: 'Gold', rank: 9 }] }, keys.VIEWER))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(`{ customers { totalCount } }`, {}, keys.VIEWER))).toBeUndefined();
    const deleteCost = `mutation { deleteFacts(kind: COST, externalIds: ["k1"]) { deleted notFound } }`;
    expect(codeOf(await server.gql(`mutation { deleteFacts(kind: EVENT, externalIds: ["e1"]) { deleted } }`, {}, keys.FINANCE))).toBe('FORBIDDEN');
    expect((await server.gql(deleteCost, {}, keys.FINANCE)).data).toEqual({ deleteFacts: { deleted: 1, notFound: [] } });
  });
});

describe('deleting facts', () => {
  it('removes a batch by external ids and revenue by (customer, month, type)', async () => {
    const ws = await seeded();
    const at = '2025-03-01T09:00:00Z';
    await ingest(server, ws.adminKey, RECORD_EVENTS, [
      { externalId: 'e1', customer: 'c1', type: 'EMAIL_OPEN', occurredAt: at },
      { externalId: 'e2', customer: 'c1', type: 'EMAIL_OPEN', occurredAt: at },
      { externalId: 'e3', customer: 'c2', type: 'EMAIL_OPEN', occurredAt: at },
    ]);
    const res = await server.gql(`mutation { deleteFacts(kind: EVENT, externalIds: ["e1", "e3", "e9"]) { deleted notFound } }`, {}, ws.adminKey);
    expect(res.data).toEqual({ deleteFacts: { deleted: 2, notFound: ['e9'] } });
    expect(await countRows(server, 'event', ws.id)).toBe(1);

    await ingest(server, ws.adminKey, RECORD_REVENUE, [
      { customer: 'c1', month: '2025-01-01', type: 'RECURRING', amount: 100 },
      { customer: 'c1', month: '2025-01-01', type: 'SERVICES', amount: 50 },
    ]);
    const rev = await server.gql(
      `mutation($keys: [RevenueKeyInput!]!) { deleteRevenue(keys: $keys) { deleted notFound } }`,
      { keys: [{ customer: 'c1', month: '2025-01-01', type: 'SERVICES' }, { customer: 'c1', month: '2025-02-01', type: 'RECURRING' }] },
      ws.adminKey,
    );
    expect(rev.data).toEqual({ deleteRevenue: { deleted: 1, notFound: ['c1 2025-02-01 RECURRING'] } });
    expect(await countRows(server, 'revenue', ws.id)).toBe(1);
  });
});

describe('10,000-row batches', () => {
  it('are written set-wise: a bounded number of SQL statements, whatever the number of rows', async () => {
    const ws = await seeded();
    const ids = Array.from({ length: 10_000 }, (_, i) => `big-${String(i).padStart(5, '0')}`);
    await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, ids.map((id) => customerRow(id)));
    const timed = async (document: string, rows: unknown[]) => {
      const started = performance.now();
      const res = await server.gql(document, { rows }, ws.adminKey);
      const ms = performance.now() - started;
      expect(res.errors).toBeUndefined();
      return { ms, result: Object.values(res.data!)[0], statements: Number(res.headers.get('x-sql-statements')) };
    };
    const revenue = ids.map((id, i) => ({ customer: id, month: '2025-01-01', type: 'RECURRING', amount: 100 + (i % 7) }));
    const events = ids.map((id, i) => ({ externalId: `ev-${i}`, customer: id, type: 'WEBINAR_ATTENDED', occurredAt: '2025-01-09T15:00:00Z', touchpoint: 'contact_webinar', campaign: 'spring' }));
    const r = await timed(RECORD_REVENUE, revenue);
    const e = await timed(RECORD_EVENTS, events);
    console.log(
      `10,000 rows over HTTP: recordRevenue ${r.ms.toFixed(0)} ms (${Math.round(10_000_000 / r.ms)} rows/s, ${r.statements} statements), ` +
        `recordEvents ${e.ms.toFixed(0)} ms (${Math.round(10_000_000 / e.ms)} rows/s, ${e.statements} statements)`,
    );
    expect(r.result).toEqual({ inserted: 10_000, updated: 0, unchanged: 0 });
    expect(e.result).toEqual({ inserted: 10_000, updated: 0, unchanged: 0 });
    // Transaction, lookups and one upsert: never one statement per row. The KPI aggregates add a fixed number: their state (read,
    // locked, read again, saved), the touched customers' contributions before and after the write, the rows left empty, and the
    // months the batch opens (whether the workspace keeps its customers' shares, then the months computed for every customer,
    // with the planner's nested loops off and on again).
    expect(r.statements).toBeLessThanOrEqual(17);
    expect(e.statements).toBeLessThanOrEqual(18);
    expect(await countRows(server, 'revenue', ws.id)).toBe(10_000);
  });
});
