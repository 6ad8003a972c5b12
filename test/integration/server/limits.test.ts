import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
let production: TestServer;
let adminKey: string;
beforeAll(async () => {
  server = await startTestServer();
  production = await startTestServer({ production: true });
  ({ adminKey } = await server.workspace());
});
afterAll(async () => {
  await server.close();
  await production.close();
});

/** journeys → phases → journey → phases → … nested to the given depth. */
function deepQuery(depth: number): string {
  let selection = 'id';
  for (let level = 2; level < depth; level += 2) selection = `phases { journey { ${selection} } }`;
  return `{ journeys { ${selection} } }`;
}

async function post(body: string | object, headers: Record<string, string> = {}) {
  const started = process.hrtime.bigint();
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { res, ms, body: (await res.json()) as any };
}

describe('limits checked before execution', () => {
  it('let the README query run', async () => {
    const res = await server.gql(`{ journeys { name phases { position key name owner { name } touchpoints { name channel mode } } } }`, {}, adminKey);
    expect(res.errors).toBeUndefined();
  });

  it('refuse a depth-20 query as QUERY_TOO_COMPLEX, saying by how much, without any SQL statement', async () => {
    const { res, body, ms } = await post({ query: deepQuery(20) });
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12 });
    expect(body.errors[0].message).toMatch(/depth limit: \d+ where at most 12 is allowed \(\d+ over\)/);
    expect(res.headers.get('x-sql-statements')).toBe('0');
    console.log(`depth-20 query refused in ${ms.toFixed(1)} ms`);
  });

  it('refuse too many aliases, directives and tokens, each naming its limit', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: journeys { id }`).join(' ')} }`;
    const directives = `{ journeys ${Array.from({ length: 21 }, () => '@include(if: true)').join(' ')} { id } }`;
    const tokens = `{ journeys { ${Array.from({ length: 6000 }, () => 'id').join(' ')} } }`;
    const repeated = `{ journeys { ${Array.from({ length: 1000 }, () => 'id').join(' ')} } }`;
    const cases = [[aliases, 'aliases'], [directives, 'directives'], [tokens, 'tokens'], [repeated, 'fieldMerging']];
    for (const [query, limit] of cases) {
      const { res, body } = await post({ query });
      expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
      expect(res.headers.get('x-sql-statements') ?? '0').toBe('0');
    }
  });

  it('refuse a query over the cost limit, which counts every selected field', async () => {
    const cheap = await startTestServer({ limits: { maxCost: 5 } });
    try {
      const { adminKey: key } = await cheap.workspace();
      const ok = await cheap.gql(`{ journeys { id } }`, {}, key);
      expect(ok.errors).toBeUndefined();
      const res = await cheap.gql(`{ journeys { id name phases { id key name } } }`, {}, key);
      expect(res.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 5, found: 7 });
      expect(res.headers.get('x-sql-statements')).toBe('0');
    } finally {
      await cheap.close();
    }
  });
});

describe('HTTP rules', () => {
  it('refuse a body over 1 MB with HTTP 413 before parsing it', async () => {
    const big = JSON.stringify({ query: `{ journeys { id } }`, variables: { pad: 'x'.repeat(1024 * 1024) } });
    const { res, body, ms } = await post(big);
    expect(res.status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    console.log(`1 MB document refused in ${ms.toFixed(1)} ms`);
  });

  it('answer malformed JSON with 400 and a clear message', async () => {
    const { res, body } = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(body.errors[0].message).toBe('The request body is not valid JSON.');
  });

  it('do not batch: an array of operations is refused', async () => {
    const { res } = await post([{ query: '{ journeys { id } }' }, { query: '{ journeys { id } }' }]);
    expect(res.status).toBe(400);
  });

  it('take mutations only by POST, and refuse a simple GET without a CSRF-safe header', async () => {
    const mutation = encodeURIComponent('mutation { createOwner(input: { name: "x", function: SALES }) { id } }');
    const viaGet = await fetch(`${server.url}?query=${mutation}`, {
      headers: { authorization: `Bearer ${adminKey}`, 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.status).toBe(405);
    const csrf = await fetch(`${server.url}?query=${encodeURIComponent('{ journeys { id } }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toContain('CSRF');
  });
});

describe('in production', () => {
  it('refuse introspection and give no "did you mean" suggestions', async () => {
    const { adminKey: key } = await production.workspace();
    const introspection = await production.gql(`{ __schema { types { name } } }`, {}, key);
    expect(introspection.errors![0].message).toMatch(/introspection/i);
    const typo = await production.gql(`{ journey { id } journeys { nam } }`, {}, key);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/i);
    const dev = await server.gql(`{ journeys { nam } }`, {}, adminKey);
    expect(JSON.stringify(dev.errors)).toMatch(/Did you mean/i);
  });
});
