import { Client } from 'pg';
import { startEmbeddedPostgres, throwawayDataDir, type EmbeddedPostgresHandle } from '../src/db/embedded-postgres';
import { freePort } from './free-port';

/** For the measurement scripts: a fresh database on DATABASE_URL's server (dropped after), or a throwaway embedded cluster. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `journeygraph_measure_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const embedded: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: throwawayDataDir(),
    port: await freePort(),
    persistent: false,
    database: name,
  });
  return { url: embedded.url, drop: () => embedded.stop() };
}
