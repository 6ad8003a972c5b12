import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('an unexpected error', () => {
  it('reaches the client masked, with a request id, while the log keeps the whole error under that id', async () => {
    const { adminKey } = await server.workspace();
    const journeys = server.app.services.journeys;
    const original = journeys.listOwners;
    // A fault injected into the service (not the database): a bug that leaks SQL in its message.
    journeys.listOwners = async () => {
      throw new Error('relation "owner_secret" does not exist: SELECT * FROM owner_secret');
    };
    try {
      const res = await server.gql(`{ owners { id } }`, {}, adminKey);
      expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
      const requestId = res.headers.get('x-request-id')!;
      expect(res.errors![0].extensions.requestId).toBe(requestId);
      expect(res.errors![0].message).toBe(`Internal server error. Quote request id ${requestId} when reporting it.`);
      expect(JSON.stringify(res)).not.toMatch(/owner_secret|SELECT|stack/i);
      const logged = server.logs.find((l) => l.requestId === requestId && l.msg === 'unexpected error');
      expect(logged?.err.message).toContain('owner_secret');
      expect(logged?.err.stack).toContain('errors.test.ts');
    } finally {
      journeys.listOwners = original;
    }
  });

  it('keeps a request id a proxy sent', async () => {
    const { adminKey } = await server.workspace();
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, 'x-request-id': 'proxy-123' },
      body: JSON.stringify({ query: '{ journeys { id } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('proxy-123');
    const line = server.logs.find((l) => l.requestId === 'proxy-123' && l.msg === 'graphql request');
    expect(line).toMatchObject({ keyId: adminKey.split('_')[1], outcome: 'ok', sqlStatements: 2 });
  });

  it('never logs the key or its secret', async () => {
    const { adminKey } = await server.workspace();
    await server.gql(`{ journeys { id } }`, {}, adminKey);
    // The whole secret: it is base64url, so it may itself contain "_" (split('_')[2] was then a fragment as short as "1a",
    // found by chance in a logged id).
    expect(JSON.stringify(server.logs)).not.toContain(adminKey.split('_').slice(2).join('_'));
  });

  it('of the database, such as a NUL byte in text, is a clear BAD_USER_INPUT, not a masked crash', async () => {
    const { adminKey } = await server.workspace();
    const res = await server.gql(`mutation($n: String!) { createJourney(input: { name: $n }) { id } }`, { n: 'a\u0000b' }, adminKey);
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
  });
});
