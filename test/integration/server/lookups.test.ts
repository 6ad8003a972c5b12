import { buildSchema, getNamedType, isListType, isNonNullType, isObjectType } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { ROOT } from '../../helpers/paths';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Every root lookup of one object, with an argument that names nothing in the workspace. */
const LOOKUPS: [field: string, call: string][] = [
  ['customer', `customer(id: "${UNKNOWN_ID}") { name }`],
  ['customerByExternalId', 'customerByExternalId(externalId: "nobody") { name }'],
  ['journey', `journey(id: "${UNKNOWN_ID}") { name }`],
  ['phase', `phase(id: "${UNKNOWN_ID}") { name }`],
  ['process', `process(id: "${UNKNOWN_ID}") { name }`],
  ['touchpoint', `touchpoint(id: "${UNKNOWN_ID}") { name }`],
  ['owner', `owner(id: "${UNKNOWN_ID}") { name }`],
  ['metric', 'metric(key: "no_such_metric") { name }'],
  ['metricChain', 'metricChain(rootKey: "no_such_metric", period: { grain: MONTH, from: "2025-01-01", to: "2025-01-01" }) { nodes { metric { key } } }'],
];

describe('one unknown id does not wipe the answer', () => {
  it('{ journeys { name } customer(id: unknown) { name } } answers the journeys, customer null and a NOT_FOUND error at its path', async () => {
    const { adminKey } = await server.workspace();
    await server.gql(`mutation { createJourney(input: { name: "Lifecycle", template: B2B_LIFECYCLE }) { id } }`, {}, adminKey);
    const res = await server.gql(`{ journeys { name } customer(id: "${UNKNOWN_ID}") { name } }`, {}, adminKey);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ journeys: [{ name: 'Lifecycle' }], customer: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['customer'], extensions: { code: 'NOT_FOUND' } });
    expect(res.errors![0].message).toContain(UNKNOWN_ID);
  });

  it.each(LOOKUPS)('%s: null with NOT_FOUND, beside the rest of the query', async (field, call) => {
    const { adminKey } = await server.workspace();
    const res = await server.gql(`{ workspace { name } ${call} }`, {}, adminKey);
    expect(res.data).toMatchObject({ workspace: { name: expect.any(String) }, [field]: null });
    expect(res.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[[field], 'NOT_FOUND']]);
  });

  it('every root field that looks one object up by id is nullable in the published schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const fields = Object.values(schema.getQueryType()!.getFields());
    const byId = fields.filter((f) => {
      const type = isNonNullType(f.type) ? f.type.ofType : f.type;
      return !isListType(type) && isObjectType(getNamedType(f.type)) && f.args.some((a) => getNamedType(a.type).name === 'ID');
    });
    expect(byId.map((f) => f.name).sort()).toEqual(['customer', 'journey', 'owner', 'phase', 'process', 'touchpoint']);
    for (const [name] of LOOKUPS) expect([name, isNonNullType(schema.getQueryType()!.getFields()[name].type)]).toEqual([name, false]);
  });
});
