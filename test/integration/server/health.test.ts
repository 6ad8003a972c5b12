import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { createApp, type App } from '../../../src/server/app';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { appEntities, appModules } from '../../../src/app.modules';

const silent = pino({ level: 'silent' });

function testDatabaseUrl(database?: string): string {
  const url = new URL(process.env.JG_TEST_DATABASE_URL!);
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

describe('GET /healthz and GET /readyz', () => {
  let server: TestServer;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server.close();
  });

  it('/healthz says the process is alive, without a key', async () => {
    const { status, body } = await getJson(`${origin}/healthz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('/readyz is ready when the database answers and every migration has run, without a key', async () => {
    expect(await getJson(`${origin}/readyz`)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});

/** An app over a database of its own, which the test migrates and then drops under it. */
describe('/readyz on a database that is not ready', () => {
  const database = `journeygraph_readyz_${randomBytes(4).toString('hex')}`;
  let admin: DataSource;
  let dataSource: DataSource;
  let app: App;
  let origin: string;

  beforeAll(async () => {
    admin = createDataSource({ url: testDatabaseUrl(), entities: appEntities, poolSize: 1 });
    await admin.initialize();
    await admin.query(`CREATE DATABASE "${database}"`);
    dataSource = createDataSource({ url: testDatabaseUrl(database), entities: appEntities, poolSize: 2 });
    await dataSource.initialize();
    app = await createApp({ modules: appModules, dataSource, logger: silent, production: false });
    origin = new URL(await app.listen(0)).origin;
  });
  afterAll(async () => {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.destroy();
  });

  it('answers 503 naming the migrations not applied, then 200 once they have run, then 503 when the database is gone', async () => {
    const names = dataSource.migrations.map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await getJson(`${origin}/readyz`)).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: `Migrations not applied: ${names.join(', ')}.` },
    });

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await getJson(`${origin}/readyz`)).toEqual({ status: 200, body: { status: 'ready' } });

    await admin.query(`DROP DATABASE "${database}" WITH (FORCE)`);
    const gone = await getJson(`${origin}/readyz`);
    expect(gone.status).toBe(503);
    expect(gone.body.status).toBe('unavailable');
    expect(gone.body.reason).toMatch(/^The database does not answer: /);
    // The process itself is still alive.
    expect((await getJson(`${origin}/healthz`)).status).toBe(200);
  });
});
