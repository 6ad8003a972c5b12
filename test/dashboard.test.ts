import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { runNode } from './helpers/compiled';
import { startTestServer, type TestServer } from './helpers/test-server';
import { DASHBOARD_CSP } from '../src/server/dashboard';
import { sourceFingerprint } from '../scripts/build-web';

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'web');

describe("the dashboard's types", () => {
  it('are generated from the committed schema, pending operations included (run `npm run codegen` after an API change)', async () => {
    // In a Node process of its own: the generator's plugins load ESM-only packages, which jest's module system cannot.
    const source = fs.readFileSync(path.join(root, 'scripts', 'codegen-web.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true } }).outputText;
    const { code, stdout, stderr } = await runNode(`
      const module = { exports: {} }; const exports = module.exports;
      ${js}
      module.exports.generateWebTypes(${JSON.stringify(root)})
        .then((files) => process.stdout.write(JSON.stringify(files)))
        .catch((err) => { console.error(err); process.exit(1); });
    `);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const files = JSON.parse(stdout) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(['web/src/generated/graphql.ts', 'web/src/generated/schema-capabilities.ts']);
    for (const [file, content] of Object.entries(files)) expect({ file, content }).toEqual({ file, content: fs.readFileSync(path.join(root, file), 'utf8') });
  });

  it('tell which pending views the schema can answer: each pending operation is available exactly when it validates', async () => {
    const { pendingOperations, kpiKeys } = await import('../web/src/generated/schema-capabilities');
    const { buildSchema, parse, validate } = await import('graphql');
    const schema = buildSchema(fs.readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8'));
    const names = fs.readdirSync(path.join(webDir, 'src', 'operations', 'pending')).map((f) => f.replace(/\.graphql$/, '')).sort();
    expect(Object.keys(pendingOperations).sort()).toEqual(names);
    for (const [name, op] of Object.entries(pendingOperations)) {
      expect({ name, available: op.available }).toEqual({ name, available: validate(schema, parse(op.document)).length === 0 });
    }
    expect(kpiKeys).toContain('NRR');
  });
});

describe('the dashboard, served by the API server', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-dashboard-serve-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>JourneyGraph dashboard</title><script type="module" src="/assets/index-abc123.js"></script>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("dashboard");');
    server = await startTestServer({ dashboardDir: dir, production: true });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const origin = () => server.url.replace(/\/graphql$/, '');

  it('serves its page at / under a CSP that allows nothing but this server, also in production', async () => {
    const res = await fetch(`${origin()}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('/assets/index-abc123.js');
  });

  it('serves its hashed assets for a year, and 404 for anything else', async () => {
    const asset = await fetch(`${origin()}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("dashboard");');
    expect((await fetch(`${origin()}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin()}/assets/../index.html`)).status).not.toBe(500);
  });

  it('still answers GraphQL beside it', async () => {
    const res = await server.gql('{ viewer { role } }');
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('says how to build it when it is not built', async () => {
    fs.rmSync(path.join(dir, 'index.html'));
    try {
      const res = await fetch(`${origin()}/`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(await res.text()).toContain('npm run build:web');
    } finally {
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>JourneyGraph dashboard</title>');
    }
  });
});

describe('building the dashboard only when its sources changed', () => {
  it('fingerprints the same sources the same way, and a changed, added or renamed source file changes it', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-web-sources-'));
    try {
      const web = path.join(copy, 'web');
      fs.cpSync(path.join(webDir, 'src'), path.join(web, 'src'), { recursive: true });
      for (const file of ['index.html', 'vite.config.ts', 'package.json']) fs.copyFileSync(path.join(webDir, file), path.join(web, file));
      fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(copy, 'package-lock.json'));
      const original = sourceFingerprint(web);
      expect(original).toBe(sourceFingerprint(webDir));

      const styles = path.join(web, 'src', 'styles.css');
      fs.appendFileSync(styles, '\n.x { color: red; }\n');
      expect(sourceFingerprint(web)).not.toBe(original);
      fs.copyFileSync(path.join(webDir, 'src', 'styles.css'), styles);
      expect(sourceFingerprint(web)).toBe(original);

      fs.renameSync(styles, path.join(web, 'src', 'styles2.css'));
      expect(sourceFingerprint(web)).not.toBe(original);
      fs.renameSync(path.join(web, 'src', 'styles2.css'), styles);
      fs.appendFileSync(path.join(copy, 'package-lock.json'), ' ');
      expect(sourceFingerprint(web)).not.toBe(original);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
