import path from 'node:path';
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { compileProject, removeBuild, startServerProcess, type ServerProcess } from '../helpers/compiled';
import { freePort } from '../../scripts/free-port';
import { ROOT } from '../helpers/paths';

/**
 * A batch killed midway leaves nothing: the real server runs as a child process (compiled with swc) on the test database; a
 * 10,000-row `recordRevenue` batch is sent and the server is SIGKILLed while PostgreSQL is executing that batch's INSERT — seen
 * in pg_stat_activity, the test's own connection polling for an active `INSERT INTO "revenue"` of the child's connections (the
 * child's DATABASE_URL sets an application_name of its own, so that other tests' servers on the same database never count).
 * Then none of the batch's rows exist; after a restart the same batch reports exactly 10,000 inserted.
 */

const ROWS = 10_000;
const MAX_ATTEMPTS = 6;

let build: string;
let db: Client;
let databaseUrl: string;
let appName: string;

beforeAll(async () => {
  build = compileProject();
  appName = `journeygraph-kill-${process.pid}`;
  const url = new URL(process.env.JG_TEST_DATABASE_URL!);
  url.searchParams.set('application_name', appName);
  databaseUrl = url.toString();
  db = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await db?.end();
  if (build) removeBuild(build);
});

type Server = ServerProcess;

function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    DEMO_WORKSPACE: 'false',
    MAX_BODY_BYTES: String(20 * 1024 * 1024),
    RATE_LIMIT_REQUESTS: '0',
    RATE_LIMIT_ROWS: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
}

async function startServer(): Promise<Server> {
  return startServerProcess(build, serverEnv(await freePort()));
}

async function gql(server: Server, key: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

const RECORD_REVENUE = `mutation($rows: [RevenueRowInput!]!) { recordRevenue(rows: $rows) { inserted updated unchanged } }`;

/** The child server's backends currently executing an INSERT into revenue. */
async function activeRevenueInserts(): Promise<{ pid: number; ms: number }[]> {
  const { rows } = await db.query(
    `SELECT pid, (extract(epoch FROM clock_timestamp() - query_start) * 1000)::int AS ms FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = $1 AND state = 'active' AND query LIKE '%INSERT INTO "revenue"%'`,
    [appName],
  );
  return rows;
}

async function revenueRows(workspaceId: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM revenue WHERE workspace_id = $1`, [workspaceId]);
  return rows[0].n;
}

/** Waits until no backend of the child server is left (PostgreSQL notices the dead client and rolls its transaction back). */
async function childBackendsGone(timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [appName]);
    if (rows[0].n === 0) return;
    if (Date.now() > until) throw new Error(`${rows[0].n} backends of the killed server are still there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a batch killed midway', () => {
  it('leaves none of its rows, and the same batch after a restart inserts exactly 10,000', async () => {
    // The workspace and its first key, the way `npm run workspace:create` makes them.
    const made = await new Promise<{ stdout: string; code: number | null }>((resolve) => {
      const child = spawn(process.execPath, [path.join(build, 'scripts', 'workspace-create.js'), '--name', 'Kill test'], { cwd: ROOT, env: { ...process.env, ...serverEnv(4000) } });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ stdout, code }));
    });
    expect({ code: made.code, out: made.code === 0 ? '' : made.stdout }).toEqual({ code: 0, out: '' });
    const adminKey = /ADMIN key[^:]*: (jg_\S+)/.exec(made.stdout)![1];
    const workspaceId = /\(id ([0-9a-f-]{36})\)/.exec(made.stdout)![1];

    let server = await startServer();
    const customers = Array.from({ length: ROWS }, (_, i) => ({
      externalId: `k${i}`,
      name: `Customer ${i}`,
      tier: 'growth',
      segment: 'SMB',
      region: 'EMEA',
      country: 'DE',
      channel: 'DIRECT',
    }));
    const upserted = await gql(server, adminKey, `mutation($rows: [CustomerRowInput!]!) { upsertCustomers(rows: $rows) { inserted } }`, { rows: customers });
    expect(upserted).toEqual({ data: { upsertCustomers: { inserted: ROWS } } });
    const batch = customers.map((c, i) => ({ customer: c.externalId, month: '2025-01-01', type: 'RECURRING', amount: 100 + (i % 500) + 0.25 }));

    const attempts: string[] = [];
    let landed = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && landed === 0; attempt += 1) {
      await db.query(`DELETE FROM revenue WHERE workspace_id = $1`, [workspaceId]); // a fresh start for every attempt
      let answered = false;
      const pending = gql(server, adminKey, RECORD_REVENUE, { rows: batch }).then(
        () => (answered = true),
        () => undefined, // the connection dies with the server
      );
      // Poll for the batch's INSERT; kill the server the moment it is seen running.
      let seen: { pid: number; ms: number } | undefined;
      const until = Date.now() + 60_000;
      while (!seen && !answered && Date.now() < until) {
        [seen] = await activeRevenueInserts();
      }
      if (seen) server.child.kill('SIGKILL');
      await pending;
      if (!seen) {
        // Too fast to see (or no answer at all): undo a committed batch and try again.
        attempts.push(`attempt ${attempt}: the INSERT was not seen running (${answered ? 'the batch was answered' : 'timeout'})`);
        await db.query(`DELETE FROM revenue WHERE workspace_id = $1`, [workspaceId]);
        continue;
      }
      await server.exited;
      // Proof that the kill landed mid-write: with the server process dead, its backend is still executing that INSERT.
      const { rows: after } = await db.query(
        `SELECT state, (extract(epoch FROM clock_timestamp() - query_start) * 1000)::int AS ms FROM pg_stat_activity
          WHERE pid = $1 AND state = 'active' AND query LIKE '%INSERT INTO "revenue"%'`,
        [seen.pid],
      );
      const midWrite = after.length > 0;
      await childBackendsGone();
      const left = await revenueRows(workspaceId);
      attempts.push(
        `attempt ${attempt}: SIGKILL when backend ${seen.pid} had run the batch's INSERT for ${seen.ms} ms; ` +
          (midWrite ? `after the process died the INSERT was still running (${after[0].ms} ms in)` : 'the INSERT had ended by the time the process was gone') +
          `; the response ${answered ? 'had arrived' : 'never arrived'}; ${left} revenue rows left`,
      );
      // All or nothing, whatever the timing: never a part of the batch.
      expect([0, ROWS]).toContain(left);
      if (midWrite) expect(left).toBe(0);
      if (left === ROWS) {
        // The commit beat the kill: not the case under test; start over.
        await db.query(`DELETE FROM revenue WHERE workspace_id = $1`, [workspaceId]);
        server = await startServer();
        continue;
      }
      expect(answered).toBe(false);
      if (midWrite) landed += 1;

      server = await startServer();
      expect(await revenueRows(workspaceId)).toBe(0);
      const again = await gql(server, adminKey, RECORD_REVENUE, { rows: batch });
      expect(again).toEqual({ data: { recordRevenue: { inserted: ROWS, updated: 0, unchanged: 0 } } });
      expect(await revenueRows(workspaceId)).toBe(ROWS);
    }
    console.log(`SIGKILL during a ${ROWS}-row batch:\n  ${attempts.join('\n  ')}`);
    expect(landed).toBe(1);

    server.child.kill('SIGTERM');
    await server.exited;
  }, 300_000);
});
