import { buildAppSchema } from '../../../src/server/schema';
import { sampleOperations } from '../../helpers/schema-walker';
import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';
import { appResolvers } from '../../../src/app.modules';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('every field of the schema', () => {
  it('refuses a request without a key, and one with a revoked key, as UNAUTHENTICATED — walking the schema itself', async () => {
    const operations = sampleOperations(await buildAppSchema(appResolvers), { id: '00000000-0000-4000-8000-000000000000' });
    expect(operations.length).toBeGreaterThan(20);
    const { adminKey } = await server.workspace();
    const revoked = await server.key(adminKey, 'ADMIN');
    await server.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: revoked.split('_')[1] }, adminKey);

    const unguarded: string[] = [];
    for (const op of operations) {
      for (const key of [undefined, revoked]) {
        const res = await server.gql(op.query, op.variables, key);
        if (res.errors === undefined) throw new Error(`${op.field} answered without errors: ${JSON.stringify(res.data)}`);
        if (codeOf(res) !== 'UNAUTHENTICATED') unguarded.push(`${op.kind} ${op.field} (${key ? 'revoked' : 'no'} key): ${JSON.stringify(res.errors)}`);
      }
    }
    expect(unguarded).toEqual([]);
  });
});
