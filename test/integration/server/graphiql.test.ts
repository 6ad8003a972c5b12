import { startTestServer, type TestServer } from '../../helpers/test-server';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GET /graphql from a browser, outside production', () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves the GraphiQL page with scripts and styles from this server only, under a self-only content security policy', async () => {
    const res = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      'data:,',
      '/graphiql/graphiql.min.css',
      '/graphiql/react.production.min.js',
      '/graphiql/react-dom.production.min.js',
      '/graphiql/graphiql.min.js',
      '/graphiql/journeygraph.js',
    ]);
    expect(html).toContain('<input id="api-key"');

    for (const source of sources.slice(1)) {
      const asset = await fetch(`${origin}${source}`);
      expect([source, asset.status]).toEqual([source, 200]);
      expect(asset.headers.get('content-type')).toMatch(source.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(`${origin}/graphiql/constructor`)).status).toBe(404);
    expect((await fetch(`${origin}/graphiql/..%2Fpackage.json`)).status).toBe(404);
  });

  it('leaves API clients to GraphQL: a GET that asks for JSON, or carries a query, is an operation', async () => {
    const json = await fetch(server.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const query = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GET /graphql from a browser, in production', () => {
  it('serves no IDE (and no CDN landing page): the page and its assets are absent', async () => {
    const server = await startTestServer({ production: true });
    try {
      const res = await fetch(server.url, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
      const body = await res.text();
      expect(body).not.toContain('<html');
      expect(body).not.toMatch(/cdn|apollographql\.com/i);
      expect((await fetch(`${new URL(server.url).origin}/graphiql/graphiql.min.js`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
