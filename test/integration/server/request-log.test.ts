import { startTestServer, type TestServer } from '../../helpers/test-server';
import { parseKey } from '../../../src/modules/workspaces/api-key.secret';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** The one log line of the request answered with this id (the line is written when the response finishes). */
async function logLineOf(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 50; i += 1) {
    const lines = server.logs.filter((l) => l.msg === 'graphql request' && l.requestId === requestId);
    if (lines.length) {
      expect(lines).toHaveLength(1);
      return lines[0];
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line for request ${requestId}`);
}

describe('the request log', () => {
  it('writes one line per request with its id, operation, workspace, key, outcome and SQL statement count, never the key', async () => {
    const { id: workspaceId, adminKey } = await server.workspace();
    const res = await post(JSON.stringify({ query: 'query JourneyNames { journeys { name } }' }), {
      authorization: `Bearer ${adminKey}`,
      'x-request-id': 'proxy-id.42',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('proxy-id.42');
    expect(await res.json()).toEqual({ data: { journeys: [] } });

    const line = await logLineOf('proxy-id.42');
    expect(line).toMatchObject({
      level: 30,
      operation: 'JourneyNames',
      workspaceId,
      keyId: parseKey(adminKey)!.id,
      outcome: 'ok',
      status: 200,
      errorCode: null,
      errorCodes: [],
      sqlStatements: Number(res.headers.get('x-sql-statements')),
    });
    expect(line.sqlStatements).toBeGreaterThan(0);
    expect(line.durationMs).toBeGreaterThan(0);
    const text = JSON.stringify(line);
    expect(text).not.toContain(parseKey(adminKey)!.secret);
    expect(text.toLowerCase()).not.toContain('authorization');
  });

  it('generates a request id when none is sent, or when the one sent is not a sane token', async () => {
    const generated = await post(JSON.stringify({ query: '{ journeys { name } }' }));
    const id = generated.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect((await logLineOf(id)).operation).toBeNull();

    const unsafe = await post(JSON.stringify({ query: '{ journeys { name } }' }), { 'x-request-id': 'has spaces\tand tabs' });
    expect(unsafe.headers.get('x-request-id')).toMatch(UUID);
  });

  it('logs the error code of a refused request, with no workspace and no key', async () => {
    const res = await post(JSON.stringify({ query: 'query Refused { journeys { name } }' }), { authorization: 'Bearer jg_nope' });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const line = await logLineOf(res.headers.get('x-request-id')!);
    expect(line).toMatchObject({
      operation: 'Refused',
      workspaceId: null,
      keyId: null,
      outcome: 'error',
      errorCode: 'UNAUTHENTICATED',
      errorCodes: ['UNAUTHENTICATED'],
    });
  });

  it('logs a request that fails before GraphQL runs (malformed JSON) and answers it as a GraphQL error', async () => {
    const res = await post('{"query": "{ journeys { name } }"', { 'x-request-id': 'broken-json-1' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('broken-json-1');
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/^The request body is not valid JSON/);
    expect(await logLineOf('broken-json-1')).toMatchObject({
      operation: null,
      outcome: 'error',
      status: 400,
      errorCode: 'BAD_USER_INPUT',
      sqlStatements: 0,
    });
  });

  it('logs a request Apollo refuses at the HTTP level (no query) as BAD_USER_INPUT', async () => {
    const res = await post(JSON.stringify({ variables: {} }), { 'x-request-id': 'no-query-1' });
    expect(res.status).toBe(400);
    expect(await logLineOf('no-query-1')).toMatchObject({ outcome: 'error', status: 400, errorCode: 'BAD_USER_INPUT' });
  });
});
