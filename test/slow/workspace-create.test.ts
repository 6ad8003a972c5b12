import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { throwawayDataDir } from '../../src/db/embedded-postgres';
import { freePort } from '../../scripts/free-port';
import { compileProject, removeBuild, runNode, startServerProcess, type ServerProcess } from '../helpers/compiled';
import { startTestServer, type TestServer } from '../helpers/test-server';

jest.setTimeout(120_000);

let server: TestServer;
let build: string;
beforeAll(async () => {
  server = await startTestServer();
  build = compileProject();
});
afterAll(async () => {
  removeBuild(build);
  await server.close();
});

const cli = () => path.join(build, 'scripts', 'workspace-create.js');
const run = (args: string[]) =>
  runNode(`process.argv.push(...${JSON.stringify(args)}); require(${JSON.stringify(cli())});`, {
    DATABASE_URL: process.env.JG_TEST_DATABASE_URL,
    LOG_LEVEL: 'warn',
  });

describe('npm run workspace:create', () => {
  it('creates a workspace and prints its first ADMIN key, which works', async () => {
    const { code, stdout } = await run(['--name', 'Acme', '--currency', 'EUR', '--fiscal-year-start-month', '4']);
    expect(code).toBe(0);
    const key = /ADMIN key \(shown once, store it now\): (jg_\S+)/.exec(stdout)?.[1];
    expect(key).toBeDefined();
    const res = await server.gql(`{ workspace { name currency fiscalYearStartMonth } viewer { role } }`, {}, key);
    expect(res.data).toEqual({ workspace: { name: 'Acme', currency: 'EUR', fiscalYearStartMonth: 4 }, viewer: { role: 'ADMIN' } });
    const tiers = await server.dataSource.query(
      `SELECT t.key FROM tier t JOIN api_key k ON k.workspace_id = t.workspace_id WHERE k.id = $1 ORDER BY t.rank`,
      [key!.split('_')[1]],
    );
    expect(tiers.map((t: { key: string }) => t.key)).toEqual(['strategic', 'enterprise', 'growth', 'scale']);
  });

  it('says what is missing instead of creating a nameless workspace', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(1);
    expect(stderr).toContain('npm run workspace:create -- --name Acme');
  });
});

describe('npm run workspace:create beside a server on the embedded PostgreSQL', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let running: ServerProcess | undefined;
  const startServer = async () => (running = await startServerProcess(build, { ...env, PORT: String(await freePort()) }));
  const stopServer = async () => {
    running!.child.kill('SIGTERM');
    expect(await running!.exited).toBe(0);
    running = undefined;
  };
  const createWorkspace = (name: string) =>
    runNode(`process.argv.push('--name', ${JSON.stringify(name)}); require(${JSON.stringify(cli())});`, env);
  const keyOf = (stdout: string) => /ADMIN key \(shown once, store it now\): (jg_\S+)/.exec(stdout)?.[1];
  const workspaceName = async (url: string, key: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ workspace { name } }' }),
    });
    return ((await res.json()) as { data?: { workspace: { name: string } } }).data?.workspace.name;
  };

  beforeAll(async () => {
    dataDir = throwawayDataDir();
    // The server's own settings, as a person would have them in the shell where they type both commands.
    env = {
      DATABASE_URL: undefined,
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DEMO_WORKSPACE: 'false',
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    if (running) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('creates the workspace in the running server’s database, which answers to its key at once', async () => {
    const { url } = await startServer();
    const { code, stdout, stderr } = await createWorkspace('Beside the server');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await workspaceName(url, keyOf(stdout)!)).toBe('Beside the server');
  });

  it('starts the embedded PostgreSQL itself while no server runs, and leaves it stopped for the next start', async () => {
    await stopServer();
    const { code, stdout } = await createWorkspace('While stopped');
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    const { url } = await startServer();
    expect(await workspaceName(url, keyOf(stdout)!)).toBe('While stopped');
  });

  it('refuses, saying what to do, when the running server has not applied a migration this command knows', async () => {
    const { url } = running ?? (await startServer());
    const client = new Client({ connectionString: `postgres://postgres:journeygraph@127.0.0.1:${env.EMBEDDED_PG_PORT}/journeygraph` });
    await client.connect();
    // What a server of older code looks like to a newer command: its migrations table lacks the newest one.
    const { rows } = await client.query('DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING *');
    try {
      const { code, stderr } = await createWorkspace('Too new');
      expect(code).toBe(1);
      expect(stderr).toContain(`has not applied ${rows[0].name}`);
      expect(stderr).toContain('Restart it (npm start)');
      const count = await client.query(`SELECT count(*)::int AS n FROM workspace WHERE name = 'Too new'`);
      expect(count.rows[0].n).toBe(0);
    } finally {
      await client.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [rows[0].id, rows[0].timestamp, rows[0].name]);
      await client.end();
    }
    expect(await fetch(url.replace('/graphql', '/readyz')).then((r) => r.status)).toBe(200);
  });
});
