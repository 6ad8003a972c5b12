import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the GraphQL-over-HTTP spec (graphql-http server audits)', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: server.url, fetchFn: fetch });
    const must = audits.filter((a) => a.name.startsWith('MUST'));
    const failures: string[] = [];
    let passed = 0;
    for (const audit of must) {
      const result = await audit.fn();
      if (result.status === 'ok') passed += 1;
      else failures.push(`${audit.name}: ${result.reason}`);
    }
    const others = audits.filter((a) => !a.name.startsWith('MUST'));
    let othersPassed = 0;
    for (const audit of others) if ((await audit.fn()).status === 'ok') othersPassed += 1;
    console.log(`graphql-http audits: ${passed}/${must.length} MUST passed; ${othersPassed}/${others.length} SHOULD/MAY passed`);
    expect(failures).toEqual([]);
    expect(passed).toBe(must.length);
  });
});
