import path from 'node:path';
import { compileProject, removeBuild, runNode } from './helpers/compiled';
import { startTestServer, type TestServer } from './helpers/test-server';

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
