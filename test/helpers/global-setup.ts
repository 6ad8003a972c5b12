import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres, throwawayDataDir, type EmbeddedPostgresHandle } from '../../src/db/embedded-postgres';
import { createDataSource } from '../../src/db/data-source';
import { freePort } from '../../scripts/free-port';
import { appEntities } from '../../src/app.modules';

declare global {
  var __JG_TEST_DB__: { embedded?: EmbeddedPostgresHandle; serverUrl?: string; database?: string } | undefined;
}

/**
 * The database of the `integration` and `slow` projects (the `unit` project has none). Without DATABASE_URL: a throwaway
 * embedded cluster on a free port. With it: a fresh database of our own on that server, so that the tests never write into a
 * database they do not own. Either way the migrations run once, here. Both projects name this setup: the first one that runs
 * makes the database, the other finds it made.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__JG_TEST_DB__) return;
  const database = `journeygraph_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  let testUrl: string;
  if (process.env.DATABASE_URL) {
    const serverUrl = process.env.DATABASE_URL;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    testUrl = url.toString();
    globalThis.__JG_TEST_DB__ = { serverUrl, database };
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: throwawayDataDir(),
      port: await freePort(),
      persistent: false,
      database,
    });
    testUrl = embedded.url;
    globalThis.__JG_TEST_DB__ = { embedded };
  }
  const dataSource = createDataSource({ url: testUrl, entities: appEntities });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.JG_TEST_DATABASE_URL = testUrl;
  console.log(`\n[test database] ${globalThis.__JG_TEST_DB__.embedded ? 'embedded cluster' : 'server'}: ${database}`);
}
