import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const NESTED = `{ journeys { name phases { key owner { name phases { key } } processes { name } touchpoints { key } } } }`;

async function workspaceWithJourneys(count: number): Promise<string> {
  const { adminKey } = await server.workspace();
  const owner = await server.gql(`mutation { createOwner(input: { name: "Owner", function: MARKETING }) { id } }`, {}, adminKey);
  for (let i = 0; i < count; i++) {
    const res = await server.gql(
      `mutation($input: CreateJourneyInput!) { createJourney(input: $input) { phases { id } } }`,
      { input: { name: `Journey ${i}`, template: 'B2B_LIFECYCLE', keyPrefix: `j${i}_` } },
      adminKey,
    );
    await server.gql(
      `mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`,
      { id: res.data!.createJourney.phases[0].id, o: owner.data!.createOwner.id },
      adminKey,
    );
  }
  return adminKey;
}

async function statementsFor(key: string): Promise<{ statements: number; phases: number }> {
  await server.gql(NESTED, {}, key); // the first request of a key also records its last use; count the second
  const res = await server.gql(NESTED, {}, key);
  expect(res.errors).toBeUndefined();
  const phases = res.data!.journeys.reduce((n: number, j: { phases: unknown[] }) => n + j.phases.length, 0);
  return { statements: Number(res.headers.get('x-sql-statements')), phases };
}

describe('the nested journey query', () => {
  it('issues the same small number of SQL statements for 2 journeys as for 40 (per-request loaders, no N+1)', async () => {
    const small = await statementsFor(await workspaceWithJourneys(2));
    const large = await statementsFor(await workspaceWithJourneys(40));
    expect(small.phases).toBe(10);
    expect(large.phases).toBe(200);
    console.log(`nested journey query: ${small.statements} SQL statements for 2 journeys, ${large.statements} for 40`);
    // the key lookup and the whole tree in one statement (one per level would be 7: key, journeys, phases, owners, owners'
    // phases, processes, touchpoints)
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBe(2);
  });
});
