import { randomBytes } from 'node:crypto';
import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { RECORD_EVENTS, RECORD_REVENUE, UPSERT_CUSTOMERS, countRows, customerRow, ingest } from '../../helpers/facts';
import { inBatchTransaction } from '../../../src/modules/facts/ingestion';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A workspace with customers c000…c499 and, for each, January revenue of 1.00. */
async function withRevenue() {
  const ws = await server.workspace();
  const customers = Array.from({ length: 500 }, (_, i) => `c${String(i).padStart(3, '0')}`);
  await ingest(server, ws.adminKey, UPSERT_CUSTOMERS, customers.map((c) => customerRow(c)));
  await ingest(server, ws.adminKey, RECORD_REVENUE, customers.map((c) => ({ customer: c, month: '2025-01-01', type: 'RECURRING', amount: 1 })));
  return { ws, customers };
}

async function revenueState(workspaceId: string) {
  const [state] = await server.dataSource.query(
    `SELECT count(*)::int AS rows, sum(amount)::text AS total, count(*) FILTER (WHERE month = '2025-02-01')::int AS february
       FROM revenue WHERE workspace_id = $1`,
    [workspaceId],
  );
  return state;
}

describe('a batch the database fails halfway through writes nothing', () => {
  it('when a database constraint that validation cannot see refuses the last row', async () => {
    const { ws, customers } = await withRevenue();
    const constraint = `jg_test_${randomBytes(4).toString('hex')}`;
    // Only this test's workspace is affected; NOT VALID leaves existing rows unchecked.
    await server.dataSource.query(
      `ALTER TABLE revenue ADD CONSTRAINT ${constraint} CHECK (workspace_id <> '${ws.id}' OR amount <> 777.77) NOT VALID`,
    );
    try {
      const rows = customers.flatMap((c, i) => [
        { customer: c, month: '2025-01-01', type: 'RECURRING', amount: 2 },
        { customer: c, month: '2025-02-01', type: 'RECURRING', amount: i === customers.length - 1 ? 777.77 : 2 },
      ]);
      const res = await server.gql(RECORD_REVENUE, { rows }, ws.adminKey);
      expect(res.data).toEqual({ recordRevenue: null });
      expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await server.dataSource.query(`ALTER TABLE revenue DROP CONSTRAINT ${constraint}`);
    }
    // Neither the 500 updates nor the 499 good inserts before the failing row remain.
    expect(await revenueState(ws.id)).toEqual({ rows: 500, total: '500.00', february: 0 });
  });

  it('when its database connection is killed in the middle of the write', async () => {
    const { ws, customers } = await withRevenue();
    const name = `jg_test_${randomBytes(4).toString('hex')}`;
    // A trigger that stalls on the batch's last row (by external id order) of this workspace only, so that the
    // transaction has written the rows before it when the connection dies.
    await server.dataSource.query(`
      CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.workspace_id = '${ws.id}' AND NEW.external_id = 'zz-stall' THEN PERFORM pg_sleep(30); END IF;
        RETURN NEW;
      END $$`);
    await server.dataSource.query(`CREATE TRIGGER ${name} BEFORE INSERT OR UPDATE ON event FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    try {
      const rows = customers.map((c, i) => ({ externalId: `ev-${i}`, customer: c, type: 'EMAIL_OPEN', occurredAt: '2025-01-05T00:00:00Z' }));
      rows.push({ externalId: 'zz-stall', customer: 'c000', type: 'EMAIL_OPEN', occurredAt: '2025-01-06T00:00:00Z' });
      const pending = server.gql(RECORD_EVENTS, { rows }, ws.adminKey);
      let killed = false;
      for (let attempt = 0; attempt < 100 && !killed; attempt += 1) {
        const found = await server.dataSource.query(
          `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event = 'PgSleep' AND query LIKE '%INSERT INTO "event"%'`,
        );
        killed = found.length > 0;
        if (!killed) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(killed).toBe(true);
      const res = await pending;
      expect(res.data).toEqual({ recordEvents: null });
      expect(codeOf(res)).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await server.dataSource.query(`DROP TRIGGER ${name} ON event`);
      await server.dataSource.query(`DROP FUNCTION ${name}()`);
    }
    expect(await countRows(server, 'event', ws.id)).toBe(0);
    // The server recovers: the same batch (without the stalling row) goes through afterwards.
    const again = customers.map((c, i) => ({ externalId: `ev-${i}`, customer: c, type: 'EMAIL_OPEN', occurredAt: '2025-01-05T00:00:00Z' }));
    expect(await ingest(server, ws.adminKey, RECORD_EVENTS, again)).toEqual({ inserted: 500, updated: 0, unchanged: 0 });
  });
});

describe('a deadlock between two batch transactions', () => {
  it('is retried, so that both finish without an error', async () => {
    const { ws } = await withRevenue();
    const [a, b] = (await server.dataSource.query(
      `SELECT id FROM customer WHERE workspace_id = $1 AND external_id IN ('c001', 'c002') ORDER BY external_id`,
      [ws.id],
    )).map((r: { id: string }) => r.id);
    const attempts = { first: 0, second: 0 };
    const anotherWaitsForALock = async () =>
      ((await server.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as { n: number }[])[0].n > 0;
    // Each locks one row, waits until the other has locked its row, then wants the other's: PostgreSQL fails one with 40P01.
    const both = { locked: 0 };
    const lockInOrder = (order: string[], counter: keyof typeof attempts) =>
      inBatchTransaction(server.dataSource, async (em) => {
        attempts[counter] += 1;
        await em.query(`UPDATE customer SET region = region WHERE id = $1`, [order[0]]);
        both.locked += 1;
        // Until the other has its row too, or waits for one of ours (the customer trigger's update of the workspace row):
        // however slow the machine, the two then cross. A retry finds both counted and goes on.
        while (both.locked < 2 && !(await anotherWaitsForALock())) await new Promise((resolve) => setTimeout(resolve, 10));
        await em.query(`UPDATE customer SET region = region WHERE id = $1`, [order[1]]);
        return counter;
      });
    const results = await Promise.all([lockInOrder([a, b], 'first'), lockInOrder([b, a], 'second')]);
    expect(results).toEqual(['first', 'second']);
    // At least one of them ran again. On a loaded machine PostgreSQL may pick both as the victim (each backend checks for the
    // deadlock on its own): then both run again, 4 attempts, and still both finish.
    expect(attempts.first + attempts.second).toBeGreaterThanOrEqual(3);
  });
});
