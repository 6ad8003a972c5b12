import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { throwawayDataDir } from '../../src/db/embedded-postgres';
import { freePort } from '../../scripts/free-port';
import { ROOT } from '../helpers/paths';

/*
 * npm run build and the npm scripts that build before they run, with real processes in a copy of the project: a server
 * started as `npm start` starts it, then rebuilds and a workspace:create beside it. The copy sits under .test-build/ so
 * that it finds the project's node_modules.
 */

jest.setTimeout(180_000);

let project: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  project = path.join(ROOT, '.test-build', `project-${process.pid}-${Date.now()}`);
  for (const entry of ['package.json', '.swcrc', 'src', 'migrations', 'scripts']) {
    fs.cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
  }
  dataDir = throwawayDataDir();
  env = {
    ...process.env,
    DATABASE_URL: undefined,
    EMBEDDED_PG_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DEMO_WORKSPACE: 'false',
    LOG_LEVEL: 'warn',
  };
});
afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/** `node scripts/build.cjs` in the copy, with no grace period, so that a build out of use goes on the second build after. */
function build(): string {
  const result = spawnSync(process.execPath, ['scripts/build.cjs', '--grace-seconds', '0'], { cwd: project, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return current();
}
const current = () => fs.realpathSync(path.join(project, 'dist'));
const builds = () => fs.readdirSync(path.join(project, '.build')).sort();
const changeSource = (comment: string) => fs.appendFileSync(path.join(project, 'src', 'main.ts'), `\n// ${comment}\n`);

async function graphql(query: string, key?: string) {
  const res = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
}

describe('builds under a running server', () => {
  it('are kept while a server runs from them, reused when the sources are the same, and pruned when nothing uses them', async () => {
    const first = build();
    expect(fs.lstatSync(path.join(project, 'dist')).isSymbolicLink()).toBe(true);
    expect(path.relative(project, first)).toBe(path.join('.build', path.basename(first)));
    expect(build()).toBe(first); // same sources: no second compile

    // What npm start runs.
    const server = spawn(process.execPath, ['scripts/run.cjs', 'src/main.js'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    try {
      await waitFor(() => output.includes('serving GraphQL at'), () => output);
      expect(fs.existsSync(path.join(first, '.leases', String(server.pid)))).toBe(true);

      // A changed source and a rebuild: dist moves on, the server's build stays whole.
      changeSource('second build');
      const second = build();
      expect(second).not.toBe(first);
      expect(fs.existsSync(path.join(first, 'src', 'main.js'))).toBe(true);

      // An npm script beside the running server: it builds (the same sources: nothing to do) and runs from that build.
      const created = spawnSync('npm', ['run', '--silent', 'workspace:create', '--', '--name', 'Built beside'], { cwd: project, env, encoding: 'utf8' });
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const key = /ADMIN key \(shown once, store it now\): (jg_\S+)/.exec(created.stdout)![1];
      expect(current()).toBe(second);

      // A third build: the second, out of use and leased by no process any more, goes (after its grace period of 0 s);
      // the first stays, since the server still runs from it.
      changeSource('third build');
      const third = build();
      build();
      expect(builds()).toEqual([path.basename(first), path.basename(third)].sort());
      expect(fs.existsSync(path.join(first, 'src', 'main.js'))).toBe(true);

      // The server never noticed: it answers, with the workspace the script created in its database.
      expect((await graphql('{ workspace { name } }', key)).data).toEqual({ workspace: { name: 'Built beside' } });
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(first, '.leases', String(server.pid)))).toBe(false);

    // With the server gone, its build goes too: marked out of use by one build, deleted by the next.
    build();
    build();
    expect(builds()).toEqual([path.basename(current())]);
  });

  it('--out writes a plain folder for an image', () => {
    const out = path.join(project, 'image-dist');
    const result = spawnSync(process.execPath, ['scripts/build.cjs', '--out', out], { cwd: project, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(fs.lstatSync(out).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(out, 'src', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'scripts', 'workspace-create.js'))).toBe(true);
  });
});

async function waitFor(condition: () => boolean, describe: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
