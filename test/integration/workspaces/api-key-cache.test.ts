import { Client } from 'pg';
import { startTestServer, codeOf, type TestServer } from '../../helpers/test-server';

/**
 * Verified API keys are cached for API_KEY_CACHE_SECONDS, only while the app listens to the api_key trigger's notifications: a
 * revocation through one instance is refused by another sharing the database as soon as the notification arrives. How long
 * that takes is printed; on an idle machine it has arrived before the revoking request has returned, under heavy load (a full
 * test run) a request sent to the other instance at once can come first, so the tests wait for the notification itself.
 */
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  // Long enough that only a notification, never the expiry, can drop a key during the test.
  a = await startTestServer({ apiKeyCacheSeconds: 600 });
  b = await startTestServer({ apiKeyCacheSeconds: 600 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const JOURNEYS = '{ journeys { name } }';
const statements = (res: { headers: Headers }) => Number(res.headers.get('x-sql-statements'));

/** Waits until an instance has dropped a key (it heard the notification), bounded: a notification is one message. */
async function dropped(server: TestServer, keyId: string): Promise<number> {
  const started = Date.now();
  while (server.app.services.apiKeys.holds(keyId)) {
    if (Date.now() - started > 30_000) throw new Error(`the instance still holds key ${keyId} 30 s after it changed: no notification`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Date.now() - started;
}

/** Waits for an instance's listener to be up (or down), bounded: its connection is one round trip of this machine. */
async function listening(server: TestServer, up: boolean): Promise<number> {
  const started = Date.now();
  while (server.app.services.apiKeys.caching !== up) {
    if (Date.now() - started > 30_000) throw new Error(`the api_key listener did not come ${up ? 'up' : 'down'} in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe('the cache of verified API keys', () => {
  it('serves a key from memory on the second request, and a second instance refuses it right after another revoked it', async () => {
    const { adminKey } = await a.workspace();
    const viewer = await a.key(adminKey, 'VIEWER');
    const keyId = viewer.split('_')[1];

    expect(codeOf(await b.gql(JOURNEYS, {}, viewer))).toBeUndefined(); // starts b's listener
    console.log(`api_key listener up after ${await listening(b, true)} ms`);
    const first = await b.gql(JOURNEYS, {}, viewer);
    const second = await b.gql(JOURNEYS, {}, viewer);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    // key lookup + journeys, then journeys alone: the key came from the cache
    expect([statements(first), statements(second)]).toEqual([2, 1]);
    expect(b.app.services.apiKeys.holds(keyId)).toBe(true);

    const revoked = await a.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: keyId }, adminKey);
    expect(revoked.errors).toBeUndefined();
    console.log(`the other instance dropped the revoked key ${await dropped(b, keyId)} ms after the revocation returned`);
    const after = await b.gql(JOURNEYS, {}, viewer);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect(after.errors![0].message).toContain('revoked');
  });

  it('caches nothing while its listener is down, and starts again empty once it is back', async () => {
    const { adminKey } = await b.workspace();
    const viewer = await b.key(adminKey, 'VIEWER');
    await b.gql(JOURNEYS, {}, viewer);
    await listening(b, true);
    await b.gql(JOURNEYS, {}, viewer);
    expect(statements(await b.gql(JOURNEYS, {}, viewer))).toBe(1);

    // The listening connections are cut (as a restart of PostgreSQL or a network failure would).
    const admin = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "api_key_changed"'`,
      );
      expect(rowCount).toBeGreaterThanOrEqual(1);
      await listening(b, false);
      // Down: every request reads its key (and so sees a revocation made meanwhile by SQL, which notified no one here).
      expect(statements(await b.gql(JOURNEYS, {}, viewer))).toBe(2);
      expect(statements(await b.gql(JOURNEYS, {}, viewer))).toBe(2);
      await admin.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [viewer.split('_')[1]]);
      console.log(`api_key listener back after ${await listening(b, true)} ms`);
      expect(codeOf(await b.gql(JOURNEYS, {}, viewer))).toBe('UNAUTHENTICATED');
    } finally {
      await admin.end();
    }
  });

  it('does not cache a key whose last use alone changed, and drops a key whose role changed by SQL', async () => {
    const { adminKey } = await a.workspace();
    const editor = await a.key(adminKey, 'EDITOR');
    await b.gql(JOURNEYS, {}, editor);
    await listening(b, true);
    await b.gql(JOURNEYS, {}, editor);
    const editorId = editor.split('_')[1];
    expect(b.app.services.apiKeys.holds(editorId)).toBe(true);
    const admin = new Client({ connectionString: process.env.JG_TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`UPDATE api_key SET last_used_at = now() - interval '1 day' WHERE id = $1`, [editorId]);
      // A notification would arrive within a round trip: one to this database after it, and the key is still held.
      await admin.query('SELECT 1');
      await b.dataSource.query('SELECT 1');
      expect(b.app.services.apiKeys.holds(editorId)).toBe(true);
      await admin.query(`UPDATE api_key SET role = 'VIEWER' WHERE id = $1`, [editorId]);
      await dropped(b, editorId);
    } finally {
      await admin.end();
    }
    // The role change notified b: the next request reads the key again, as a VIEWER (which may not edit).
    const res = await b.gql(`mutation { createOwner(input: { name: "Owner", function: MARKETING }) { id } }`, {}, editor);
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
