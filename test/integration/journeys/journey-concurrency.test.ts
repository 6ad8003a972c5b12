import { Client } from 'pg';
import { startTestServer, type GraphQLResponse, type TestServer } from '../../helpers/test-server';

/*
 * Journey edits under concurrency. Every write to `phase` bumps its workspace's data version (a statement trigger updates the
 * workspace row), so an edit that holds one phase row and waits for the workspace row can meet an edit that holds the workspace
 * row and waits for that phase: PostgreSQL breaks the deadlock by failing one of them. The service retries such a failure
 * (as batch ingestion does), so the client never sees it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ poolSize: 8 });
});
afterAll(() => server.close());

const PHASES = `query($id: ID!) { journey(id: $id) { phases { id key name position } } }`;
type PhaseRow = { id: string; key: string; name: string; position: number };

async function journeyWithPhases(adminKey: string, keys: string[]): Promise<{ journeyId: string; phases: PhaseRow[] }> {
  const created = await server.gql(`mutation { createJourney(input: { name: "Concurrent" }) { id } }`, {}, adminKey);
  const journeyId = created.data!.createJourney.id as string;
  for (const key of keys) {
    const res = await server.gql(`mutation($j: ID!, $key: String!) { addPhase(journeyId: $j, input: { key: $key, name: $key }) { id } }`, { j: journeyId, key }, adminKey);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  return { journeyId, phases: await phasesOf(adminKey, journeyId) };
}

async function phasesOf(adminKey: string, journeyId: string): Promise<PhaseRow[]> {
  return (await server.gql(PHASES, { id: journeyId }, adminKey)).data!.journey.phases;
}

/** Backends of the test database waiting for a lock, other than `except`. */
async function waitingBackends(client: Client): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The internal errors among the responses, each with the error the server logged under its request id. */
const internalErrors = (responses: GraphQLResponse[]) =>
  responses.flatMap((r) =>
    (r.errors ?? [])
      .filter((e) => e.extensions.code === 'INTERNAL_SERVER_ERROR')
      .map((e) => server.logs.find((l) => l.requestId === e.extensions.requestId && l.err)?.err?.message ?? e.message),
  );

describe('journey edits under concurrency', () => {
  it('retry the deadlock of updatePhase against removePhase: both succeed, the positions stay dense', async () => {
    const { id: workspaceId, adminKey } = await server.workspace();
    const { journeyId, phases } = await journeyWithPhases(adminKey, ['a', 'b', 'c']);
    const [a, b] = phases;

    // Order the two transactions by hand: a third one holds the workspace row while they line up behind it.
    const blocker = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM workspace WHERE id = $1 FOR UPDATE', [workspaceId]);
      // removePhase(a) deletes a, then waits for the workspace row (its trigger) — before it shifts b and c up.
      const removal = server.gql(`mutation($id: ID!) { removePhase(id: $id) { id } }`, { id: a.id }, adminKey);
      await until('removePhase waits for the workspace row', async () => (await waitingBackends(blocker)) === 1);
      // updatePhase(b) updates b, then waits for the workspace row too, behind removePhase.
      const update = server.gql(`mutation($id: ID!) { updatePhase(id: $id, input: { name: "Renamed" }) { id name } }`, { id: b.id }, adminKey);
      await until('updatePhase waits for the workspace row', async () => (await waitingBackends(blocker)) === 2);
      // Released: removePhase gets the workspace row and waits for b, which updatePhase holds while it waits for the workspace row.
      await blocker.query('COMMIT');
      const [removed, updated] = await Promise.all([removal, update]);
      expect(internalErrors([removed, updated])).toEqual([]);
      expect(removed.errors).toBeUndefined();
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.updatePhase.name).toBe('Renamed');
    } finally {
      await blocker.end();
    }
    expect((await phasesOf(adminKey, journeyId)).map(({ key, name, position }) => ({ key, name, position }))).toEqual([
      { key: 'b', name: 'Renamed', position: 1 },
      { key: 'c', name: 'c', position: 2 },
    ]);
  });

  it('answer a burst of concurrent adds, updates, moves and removes without an internal error, and keep positions 1..n', async () => {
    const { adminKey } = await server.workspace();
    const keys = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const { journeyId, phases } = await journeyWithPhases(adminKey, keys);
    const ids = phases.map((p) => p.id);
    const edits: { kind: string; run: () => Promise<GraphQLResponse> }[] = [];
    for (let i = 0; i < 48; i += 1) {
      const id = ids[(i * 5) % ids.length];
      const kind = ['updatePhase', 'movePhase', 'addPhase', 'removePhase'][i % 4];
      const run = {
        updatePhase: () => server.gql(`mutation($id: ID!, $n: String!) { updatePhase(id: $id, input: { name: $n }) { id } }`, { id, n: `name ${i}` }, adminKey),
        movePhase: () => server.gql(`mutation($id: ID!, $p: Int!) { movePhase(id: $id, position: $p) { id } }`, { id, p: 1 + (i % 3) }, adminKey),
        addPhase: () =>
          server.gql(`mutation($j: ID!, $k: String!, $p: Int!) { addPhase(journeyId: $j, input: { key: $k, name: $k, position: $p }) { id } }`, { j: journeyId, k: `new${i}`, p: 1 + (i % 2) }, adminKey),
        removePhase: () => server.gql(`mutation($id: ID!) { removePhase(id: $id) { id } }`, { id: ids[(i * 3) % ids.length] }, adminKey),
      }[kind]!;
      edits.push({ kind, run });
    }
    const responses = await Promise.all(edits.map((e) => e.run()));
    expect(internalErrors(responses)).toEqual([]);
    // A phase removed by another edit of the burst is NOT_FOUND, a position beyond the shrunk journey BAD_USER_INPUT: both the client's.
    for (const r of responses) for (const e of r.errors ?? []) expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(e.extensions.code);
    const added = responses.filter((r, i) => edits[i].kind === 'addPhase' && r.data?.addPhase).length;
    const removed = responses.filter((r, i) => edits[i].kind === 'removePhase' && r.data?.removePhase).length;
    const after = await phasesOf(adminKey, journeyId);
    expect(after.length).toBe(keys.length + added - removed);
    expect(after.map((p) => p.position)).toEqual(after.map((_, i) => i + 1));
  });
});
