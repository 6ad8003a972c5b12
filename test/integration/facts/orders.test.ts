import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import {
  RECORD_ORDERS,
  RECORD_REFUNDS,
  RECORD_REVENUE,
  UPSERT_CAMPAIGNS,
  UPSERT_CUSTOMERS,
  UPSERT_PARTNERS,
  countRows,
  createLifecycleJourney,
  customerRow,
  ingest,
} from '../../helpers/facts';
import { WATERMARK_SOURCES } from '../../../src/modules/facts/data-completeness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Customers c1, c2 (direct) and a1 (of partner p1), campaign "spring", the lifecycle journey (touchpoint contact_webinar …). */
async function seeded() {
  const ws = await server.workspace();
  await createLifecycleJourney(server, ws.adminKey);
  await ingest(server, ws.adminKey, UPSERT_CAMPAIGNS, [{ externalId: 'spring', name: 'Spring launch' }]);
  await ingest(server, ws.adminKey, UPSERT_PARTNERS, [{ externalId: 'p1', name: 'Partner One' }, { externalId: 'p2', name: 'Partner Two' }]);
  await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, [
    customerRow('c1'),
    customerRow('c2'),
    customerRow('a1', { channel: 'PARTNER', partner: 'p1' }),
    customerRow('b1', { channel: 'PARTNER', partner: 'p2' }),
  ]);
  return ws;
}

const order = (externalId: string, customer: string, orderedAt: string, amount: number, extra: Record<string, unknown> = {}) => ({
  externalId,
  customer,
  orderedAt,
  amount,
  ...extra,
});
const refund = (externalId: string, orderId: string, refundedAt: string, amount: number) => ({ externalId, order: orderId, refundedAt, amount });

/** The `extensions.rows` report of a refused batch, as `index field reason` lines, after checking nothing was written. */
async function rejected(key: string, document: string, rows: unknown[]) {
  const res = await server.gql(document, { rows }, key);
  expect(res.data).toEqual({ [document.match(/\{ (\w+)\(/)![1]]: null });
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  return res.errors![0].extensions.rows as { index: number; field: string; reason: string; message: string }[];
}

const lines = (problems: { index: number; field: string; reason: string }[]) => problems.map((p) => `${p.index} ${p.field} ${p.reason}`);

/** A customer's orders and refunds as the API reads them back, newest order first. */
async function ordersOf(key: string, externalId: string) {
  const res = await server.gql(
    `query($id: String!) { customerByExternalId(externalId: $id) { orders(first: 10) {
        externalId orderedAt amount campaign { externalId } touchpoint { key } refunds { externalId refundedAt amount } } } }`,
    { id: externalId },
    key,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.customerByExternalId?.orders as any[];
}

/**
 * Holds the workspace row until `release()`: a batch, however far it gets alone, stops at its first write (the key check of its
 * rows on the workspace, or the data-version trigger), so that two batches are under way at once, whatever the machine's speed.
 */
async function holdWorkspace(workspaceId: string) {
  const runner = server.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT id FROM workspace WHERE id = $1 FOR UPDATE`, [workspaceId]);
  return {
    release: async () => {
      await runner.commitTransaction();
      await runner.release();
    },
  };
}

/** Until `n` sessions of the test database wait on a lock: bounded by the requests themselves, not by a time. */
async function untilWaiting(n: number) {
  const waiting = async () =>
    ((await server.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as { n: number }[])[0].n;
  while ((await waiting()) < n) await new Promise((resolve) => setTimeout(resolve, 20));
}

const dataVersion = async (workspaceId: string) =>
  BigInt((await server.dataSource.query(`SELECT data_version::text AS v FROM workspace WHERE id = $1`, [workspaceId]))[0].v);

describe('recordOrders', () => {
  it('writes any number of orders per customer and month, idempotent on the external id', async () => {
    const ws = await seeded();
    const rows = [
      order('o1', 'c1', '2025-03-02T10:00:00Z', 120.5, { campaign: 'spring', touchpoint: 'contact_webinar' }),
      order('o2', 'c1', '2025-03-20T16:30:00+02:00', 0),
      order('o3', 'c2', '2025-04-01T00:00:00Z', 80),
    ];
    expect(await ingest(server, ws.adminKey, RECORD_ORDERS, rows)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await ingest(server, ws.adminKey, RECORD_ORDERS, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = [...rows.slice(0, 2), { ...rows[2], amount: 85.25 }];
    expect(await ingest(server, ws.adminKey, RECORD_ORDERS, changed)).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await ordersOf(ws.adminKey, 'c1')).toEqual([
      { externalId: 'o2', orderedAt: '2025-03-20T14:30:00.000Z', amount: 0, campaign: null, touchpoint: null, refunds: [] },
      {
        externalId: 'o1',
        orderedAt: '2025-03-02T10:00:00.000Z',
        amount: 120.5,
        campaign: { externalId: 'spring' },
        touchpoint: { key: 'contact_webinar' },
        refunds: [],
      },
    ]);
    expect((await ordersOf(ws.adminKey, 'c2'))[0].amount).toBe(85.25);
    expect(await countRows(server, 'order', ws.id)).toBe(3);
  });

  it('names every bad row and writes nothing: unknown customer, campaign, touchpoint, negative amount, three decimals, duplicate', async () => {
    const ws = await seeded();
    const at = '2025-03-02T10:00:00Z';
    const problems = await rejected(ws.adminKey, RECORD_ORDERS, [
      order('ok', 'c1', at, 10),
      order('x1', 'nobody', at, 10),
      order('x2', 'c1', at, 10, { campaign: 'autumn' }),
      order('x3', 'c1', at, 10, { touchpoint: 'no_such_touchpoint' }),
      order('x4', 'c1', at, -1),
      order('x5', 'c1', at, 10.005),
      order('ok', 'c2', at, 10),
    ]);
    expect(problems).toEqual([
      { index: 1, field: 'customer', reason: 'NOT_FOUND', message: 'no customer with external id "nobody" in this workspace' },
      { index: 2, field: 'campaign', reason: 'NOT_FOUND', message: 'no campaign "autumn" in this workspace' },
      { index: 3, field: 'touchpoint', reason: 'NOT_FOUND', message: 'no touchpoint key "no_such_touchpoint" in this workspace' },
      { index: 4, field: 'amount', reason: 'INVALID', message: 'amount must not be negative' },
      { index: 5, field: 'amount', reason: 'INVALID', message: 'amount must have at most two decimals' },
      { index: 6, field: 'externalId', reason: 'DUPLICATE', message: 'same natural key as rows[0]; send each key once per batch' },
    ]);
    expect(await countRows(server, 'order', ws.id)).toBe(0);
  });

  it('refuses to change an order so that its refunds would exceed it or predate it', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-05T00:00:00Z', 40)]);
    const problems = await rejected(ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-06T00:00:00Z', 39.99)]);
    expect(problems).toEqual([
      { index: 0, field: 'amount', reason: 'INVALID', message: 'order "o1" has refunds of 40.00; its amount must not be less' },
      {
        index: 0,
        field: 'orderedAt',
        reason: 'INVALID',
        message: 'order "o1" has a refund dated 2025-03-05T00:00:00.000Z; the order must not be dated after it',
      },
    ]);
    // Down to exactly the refunds, and up to the refund's very time, is fine.
    expect(await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-05T00:00:00Z', 40)])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
  });
});

describe('recordRefunds', () => {
  it('writes refunds of an order, idempotent on the external id, read back under the order oldest first', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    const rows = [refund('r2', 'o1', '2025-04-10T09:00:00Z', 15.5), refund('r1', 'o1', '2025-03-02T10:00:00Z', 30)];
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, rows)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, [{ ...rows[0], amount: 20 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await ordersOf(ws.adminKey, 'c1'))[0].refunds).toEqual([
      { externalId: 'r1', refundedAt: '2025-03-02T10:00:00.000Z', amount: 30 },
      { externalId: 'r2', refundedAt: '2025-04-10T09:00:00.000Z', amount: 20 },
    ]);
  });

  it('refuses a refund of an unknown order, dated before its order, of 0, or with a duplicate id, and writes nothing', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    const problems = await rejected(ws.adminKey, RECORD_REFUNDS, [
      refund('r1', 'o1', '2025-03-03T00:00:00Z', 10),
      refund('r2', 'o9', '2025-03-03T00:00:00Z', 10),
      refund('r3', 'o1', '2025-03-02T09:59:59Z', 10),
      refund('r4', 'o1', '2025-03-03T00:00:00Z', 0),
      refund('r1', 'o1', '2025-03-04T00:00:00Z', 10),
    ]);
    expect(problems).toEqual([
      { index: 1, field: 'order', reason: 'NOT_FOUND', message: 'no order with external id "o9" in this workspace' },
      {
        index: 2,
        field: 'refundedAt',
        reason: 'INVALID',
        message: 'refundedAt (2025-03-02T09:59:59.000Z) must not be before its order "o1" (2025-03-02T10:00:00.000Z)',
      },
      { index: 3, field: 'amount', reason: 'INVALID', message: 'amount must be more than 0' },
      { index: 4, field: 'externalId', reason: 'DUPLICATE', message: 'same natural key as rows[0]; send each key once per batch' },
    ]);
    expect(await countRows(server, 'refund', ws.id)).toBe(0);
  });

  it('never lets the refunds of an order exceed it within one batch: the row that crosses the amount is named', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100), order('o2', 'c2', '2025-03-02T10:00:00Z', 50)]);
    // o1: 60 + 30 = 90, then + 20 = 110 > 100 at row 3; o2's 50 fits exactly.
    const problems = await rejected(ws.adminKey, RECORD_REFUNDS, [
      refund('r1', 'o1', '2025-03-03T00:00:00Z', 60),
      refund('r2', 'o2', '2025-03-03T00:00:00Z', 50),
      refund('r3', 'o1', '2025-03-04T00:00:00Z', 30),
      refund('r4', 'o1', '2025-03-05T00:00:00Z', 20),
    ]);
    expect(problems).toEqual([
      { index: 3, field: 'amount', reason: 'INVALID', message: 'the refunds of order "o1" would add up to 110.00, more than its amount 100.00' },
    ]);
    expect(await countRows(server, 'refund', ws.id)).toBe(0);
    // Without the last row the batch is fine: a refund may take an order to exactly 0.
    expect(
      await ingest(server, ws.adminKey, RECORD_REFUNDS, [
        refund('r1', 'o1', '2025-03-03T00:00:00Z', 60),
        refund('r2', 'o2', '2025-03-03T00:00:00Z', 50),
        refund('r3', 'o1', '2025-03-04T00:00:00Z', 30),
      ]),
    ).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
  });

  it('never lets them exceed it across batches; a refund sent again counts with its new amount, not twice', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 60)]);
    expect(await rejected(ws.adminKey, RECORD_REFUNDS, [refund('r2', 'o1', '2025-03-10T00:00:00Z', 40.01)])).toEqual([
      {
        index: 0,
        field: 'amount',
        reason: 'INVALID',
        message: 'the refunds of order "o1" would add up to 100.01, more than its amount 100.00 (60.00 of it refunded by earlier refunds)',
      },
    ]);
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r2', 'o1', '2025-03-10T00:00:00Z', 40)])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    // r1 again, unchanged: 60 + 40 = 100, fine. r1 raised to 61: 61 + 40 > 100. r1 lowered to 50: fine.
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 60)])).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    expect(lines(await rejected(ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 61)]))).toEqual(['0 amount INVALID']);
    expect(await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 50)])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    const [{ total }] = await server.dataSource.query(`SELECT sum(amount)::text AS total FROM refund WHERE workspace_id = $1`, [ws.id]);
    expect(total).toBe('90.00');
  });

  it('lets exactly one of two truly concurrent batches win when together they would exceed the order', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    const ingestKey = await server.key(ws.adminKey, 'INGEST');
    // Without the order's lock both would have read "nothing refunded yet" before their write, and both would commit.
    const blocker = await holdWorkspace(ws.id);
    const a = server.gql(RECORD_REFUNDS, { rows: [refund('ra', 'o1', '2025-03-03T00:00:00Z', 60)] }, ws.adminKey);
    const b = server.gql(RECORD_REFUNDS, { rows: [refund('rb', 'o1', '2025-03-04T00:00:00Z', 60)] }, ingestKey);
    await untilWaiting(2);
    await blocker.release();
    const results = await Promise.all([a, b]);
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(won[0].data!.recordRefunds).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(lost).toHaveLength(1);
    expect(codeOf(lost[0])).toBe('BAD_USER_INPUT');
    expect(lost[0].errors![0].extensions.rows).toEqual([
      {
        index: 0,
        field: 'amount',
        reason: 'INVALID',
        message: 'the refunds of order "o1" would add up to 120.00, more than its amount 100.00 (60.00 of it refunded by earlier refunds)',
      },
    ]);
    const [{ n, total }] = await server.dataSource.query(`SELECT count(*)::int AS n, sum(amount)::text AS total FROM refund WHERE workspace_id = $1`, [ws.id]);
    expect([n, total]).toEqual([1, '60.00']);
  });
});

describe('an order lowered while a refund of it is being written', () => {
  it('is refused once the refund commits: the order batch looks at the refunds again after its write', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    const blocker = await holdWorkspace(ws.id);
    // The refund batch first: it locks o1, finds 60 <= 100, and stops at its write.
    const refunding = server.gql(RECORD_REFUNDS, { rows: [refund('r1', 'o1', '2025-03-03T00:00:00Z', 60)] }, ws.adminKey);
    await untilWaiting(1);
    // Then the order batch: it sees no refund yet (not committed), and stops at its write, behind the refund batch's lock on o1.
    const lowering = server.gql(RECORD_ORDERS, { rows: [order('o1', 'c1', '2025-03-02T10:00:00Z', 50)] }, ws.adminKey);
    await untilWaiting(2);
    await blocker.release();
    const [refunded, lowered] = await Promise.all([refunding, lowering]);
    expect(refunded.data!.recordRefunds).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(codeOf(lowered)).toBe('BAD_USER_INPUT');
    expect(lowered.errors![0].extensions.rows).toEqual([
      { index: 0, field: 'amount', reason: 'INVALID', message: 'order "o1" has refunds of 60.00; its amount must not be less' },
    ]);
    const [{ amount }] = await server.dataSource.query(`SELECT amount::text FROM "order" WHERE workspace_id = $1`, [ws.id]);
    expect(amount).toBe('100.00');
  });
});

describe('a PARTNER key', () => {
  it("writes orders and refunds of its own customers only, and cannot reach another's by external id", async () => {
    const ws = await seeded();
    const partnerKey = await server.key(ws.adminKey, 'PARTNER', { partner: 'p1' });
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('od', 'c1', '2025-03-02T10:00:00Z', 100), order('ob', 'b1', '2025-03-02T10:00:00Z', 100)]);
    expect(lines(await rejected(partnerKey, RECORD_ORDERS, [
      order('oa', 'a1', '2025-03-02T10:00:00Z', 70),
      order('ox', 'c1', '2025-03-02T10:00:00Z', 10),
      order('ob', 'a1', '2025-03-02T10:00:00Z', 10),
    ]))).toEqual(['1 customer NOT_FOUND', '2 externalId FORBIDDEN']);
    expect(await ingest(server, partnerKey, RECORD_ORDERS, [order('oa', 'a1', '2025-03-02T10:00:00Z', 70)])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('rd', 'od', '2025-03-03T00:00:00Z', 10)]);
    const problems = await rejected(partnerKey, RECORD_REFUNDS, [
      refund('ra', 'oa', '2025-03-03T00:00:00Z', 20),
      refund('rx', 'ob', '2025-03-03T00:00:00Z', 20),
      refund('rd', 'oa', '2025-03-03T00:00:00Z', 20),
    ]);
    // Another partner's order reads as unknown, in the same words as one that does not exist.
    expect(problems).toEqual([
      { index: 1, field: 'order', reason: 'NOT_FOUND', message: 'no order with external id "ob" in this workspace' },
      {
        index: 2,
        field: 'externalId',
        reason: 'FORBIDDEN',
        message: 'the external id "rd" is already used in this workspace by a fact this key cannot write; choose another',
      },
    ]);
    expect(await ingest(server, partnerKey, RECORD_REFUNDS, [refund('ra', 'oa', '2025-03-03T00:00:00Z', 20)])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    // It reads its own customer's orders and not the others'; it deletes its own facts only.
    expect((await ordersOf(partnerKey, 'a1')).map((o) => [o.externalId, o.refunds.length])).toEqual([['oa', 1]]);
    const other = await server.gql(`{ customerByExternalId(externalId: "c1") { orders(first: 10) { externalId } } }`, {}, partnerKey);
    expect([codeOf(other), other.data!.customerByExternalId]).toEqual(['NOT_FOUND', null]);
    const del = await server.gql(
      `mutation { r: deleteFacts(kind: REFUND, externalIds: ["rd", "ra"]) { deleted notFound } o: deleteFacts(kind: ORDER, externalIds: ["od", "ob"]) { deleted notFound } }`,
      {},
      partnerKey,
    );
    expect(del.data).toEqual({ r: { deleted: 1, notFound: ['rd'] }, o: { deleted: 0, notFound: ['od', 'ob'] } });
    expect(await countRows(server, 'order', ws.id)).toBe(3);
    expect(await countRows(server, 'refund', ws.id)).toBe(1);
  });
});

describe('deleting', () => {
  it('deleteFacts deletes refunds by external id, and orders with their refunds', async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100), order('o2', 'c1', '2025-03-05T10:00:00Z', 100)]);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [
      refund('r1', 'o1', '2025-03-03T00:00:00Z', 10),
      refund('r2', 'o1', '2025-03-04T00:00:00Z', 10),
      refund('r3', 'o2', '2025-03-06T00:00:00Z', 10),
    ]);
    const deleteFacts = (kind: string, ids: string[]) =>
      server.gql(`mutation($ids: [String!]!) { deleteFacts(kind: ${kind}, externalIds: $ids) { deleted notFound } }`, { ids }, ws.adminKey);
    expect((await deleteFacts('REFUND', ['r3', 'nope'])).data!.deleteFacts).toEqual({ deleted: 1, notFound: ['nope'] });
    expect((await deleteFacts('ORDER', ['o1'])).data!.deleteFacts).toEqual({ deleted: 1, notFound: [] });
    expect(await countRows(server, 'order', ws.id)).toBe(1);
    expect(await countRows(server, 'refund', ws.id)).toBe(0);
  });

  it("erasing a customer erases its orders and their refunds, and nobody else's", async () => {
    const ws = await seeded();
    await ingest(server, ws.adminKey, RECORD_ORDERS, [
      order('o1', 'c1', '2025-03-02T10:00:00Z', 100),
      order('o2', 'c1', '2025-04-02T10:00:00Z', 100),
      order('o3', 'c2', '2025-04-02T10:00:00Z', 100),
    ]);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 10), refund('r3', 'o3', '2025-04-03T00:00:00Z', 5)]);
    const [{ id }] = await server.dataSource.query(`SELECT id FROM customer WHERE workspace_id = $1 AND external_id = 'c1'`, [ws.id]);
    const res = await server.gql(`mutation($id: ID!) { deleteCustomer(id: $id) { externalId orders refunds } }`, { id }, ws.adminKey);
    expect(res.data!.deleteCustomer).toEqual({ externalId: 'c1', orders: 2, refunds: 1 });
    expect(await server.dataSource.query(`SELECT external_id FROM "order" WHERE workspace_id = $1`, [ws.id])).toEqual([{ external_id: 'o3' }]);
    expect(await server.dataSource.query(`SELECT external_id FROM refund WHERE workspace_id = $1`, [ws.id])).toEqual([{ external_id: 'r3' }]);
  });
});

describe('the database itself', () => {
  it("refuses an order of another workspace's customer and a refund of another workspace's order", async () => {
    const mine = await seeded();
    const theirs = await seeded();
    await ingest(server, theirs.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    const [{ customer_id, id: orderId }] = await server.dataSource.query(`SELECT customer_id, id FROM "order" WHERE workspace_id = $1`, [theirs.id]);
    const violation = (sql: string, params: unknown[]) => server.dataSource.query(sql, params).then(() => 'written', (e) => e.code);
    expect(
      await violation(`INSERT INTO "order" (workspace_id, external_id, customer_id, ordered_at, amount) VALUES ($1, 'x', $2, now(), 1)`, [mine.id, customer_id]),
    ).toBe('23503');
    expect(
      await violation(`INSERT INTO refund (workspace_id, external_id, order_id, refunded_at, amount) VALUES ($1, 'x', $2, now(), 1)`, [mine.id, orderId]),
    ).toBe('23503');
    expect(await violation(`UPDATE "order" SET amount = -1 WHERE id = $1`, [orderId])).toBe('23514');
  });

  it('moves the data version on every write of orders and refunds, so that no cached KPI outlives them', async () => {
    const ws = await seeded();
    let before = await dataVersion(ws.id);
    const moved = async () => {
      const now = await dataVersion(ws.id);
      const result = now > before;
      before = now;
      return result;
    };
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-03-02T10:00:00Z', 100)]);
    expect(await moved()).toBe(true);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 10)]);
    expect(await moved()).toBe(true);
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-03-03T00:00:00Z', 10)]);
    expect(await moved()).toBe(false); // unchanged: nothing written
    await server.gql(`mutation { deleteFacts(kind: REFUND, externalIds: ["r1"]) { deleted } }`, {}, ws.adminKey);
    expect(await moved()).toBe(true);
    await server.gql(`mutation { deleteFacts(kind: ORDER, externalIds: ["o1"]) { deleted } }`, {}, ws.adminKey);
    expect(await moved()).toBe(true);
  });
});

describe('the derived data-completeness watermark', () => {
  it('is the latest month holding a revenue row or an order (in UTC); refunds do not move it', async () => {
    const ws = await seeded();
    const watermark = async () =>
      (await server.gql(`{ workspace { effectiveDataCompleteThrough } }`, {}, ws.adminKey)).data!.workspace.effectiveDataCompleteThrough;
    expect(await watermark()).toBeNull();
    await ingest(server, ws.adminKey, RECORD_REVENUE, [{ customer: 'c1', month: '2025-02-01', type: 'RECURRING', amount: 10 }]);
    expect(await watermark()).toBe('2025-02-01');
    // 23:30 on 30 April in New York is 03:30 on 1 May UTC: the order falls in May.
    await ingest(server, ws.adminKey, RECORD_ORDERS, [order('o1', 'c1', '2025-04-30T23:30:00-04:00', 10)]);
    expect(await watermark()).toBe('2025-05-01');
    await ingest(server, ws.adminKey, RECORD_REFUNDS, [refund('r1', 'o1', '2025-09-01T00:00:00Z', 5)]);
    expect(await watermark()).toBe('2025-05-01');
  });

  it("reads the orders' source from the index on (workspace_id, ordered_at), not the table", async () => {
    const ws = await seeded();
    const rows = Array.from({ length: 2000 }, (_, i) => order(`o${i}`, i % 2 ? 'c1' : 'c2', new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(), 10));
    await ingest(server, ws.adminKey, RECORD_ORDERS, rows);
    await server.dataSource.query(`ANALYZE "order"`);
    const source = WATERMARK_SOURCES.map((s) => s('$1::uuid')).find((sql) => sql.includes('"order"'))!;
    const plan = (await server.dataSource.query(`EXPLAIN (FORMAT JSON) SELECT ${source}`, [ws.id]))[0]['QUERY PLAN'];
    const nodes = JSON.stringify(plan);
    expect(nodes).toMatch(/"Node Type":"Index Only Scan"/);
    expect(nodes).not.toMatch(/"Node Type":"Seq Scan"/);
  });
});
