import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__JG_TEST_DB__;
  if (!state) return;
  // Each project with a database names this teardown: the first one stops it.
  globalThis.__JG_TEST_DB__ = undefined;
  if (state.embedded) await state.embedded.stop();
  if (state.serverUrl && state.database) {
    const admin = new Client({ connectionString: state.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
    await admin.end();
  }
}
