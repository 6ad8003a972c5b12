import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { DASHBOARD_CSP } from '../../../src/server/dashboard';

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
