import 'reflect-metadata';
import pino from 'pino';
import { createDataSource } from '../src/db/data-source';
import { createApp } from '../src/server/app';
import { scratchDatabase } from './scratch-database';
import { appEntities, appModules } from '../src/app.modules';

/**
 * Rows per second of `recordRevenue` and `recordEvents` with 10,000-row batches, over HTTP, against a fresh database:
 *   npm run build && node scripts/run.cjs scripts/measure-ingestion.js
 * With DATABASE_URL it makes (and drops) a scratch database on that server; without, a throwaway embedded cluster.
 */
const ROWS = 10_000;
const REPEATS = 3;

async function run(): Promise<void> {
  const database = await scratchDatabase();
  const dataSource = createDataSource({ url: database.url, entities: appEntities });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const app = await createApp({ modules: appModules, dataSource, logger: pino({ level: 'silent' }), production: false });
  const url = await app.listen(0);
  try {
    const { adminKey } = await app.services.workspaces.createWorkspace({ name: 'Measurement' });
    const gql = async (query: string, rows: unknown[]) => {
      const started = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ query, variables: { rows } }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 1000));
      return { ms, result: Object.values(body.data!)[0], statements: res.headers.get('x-sql-statements') };
    };

    const customers = Array.from({ length: ROWS }, (_, i) => ({
      externalId: `cust-${String(i).padStart(5, '0')}`,
      name: `Customer ${i}`,
      tier: ['strategic', 'enterprise', 'growth', 'scale'][i % 4],
      segment: ['ENTERPRISE', 'MID_MARKET', 'SMB'][i % 3],
      region: 'EMEA',
      country: 'DE',
      channel: 'DIRECT',
    }));
    const upsertCustomers = `mutation($rows: [CustomerRowInput!]!) { upsertCustomers(rows: $rows) { inserted updated unchanged } }`;
    const c = await gql(upsertCustomers, customers);
    console.log(`upsertCustomers  ${ROWS} rows: ${c.ms.toFixed(0)} ms (${JSON.stringify(c.result)})`);

    const revenue = (round: number) =>
      customers.map((cu, i) => ({ customer: cu.externalId, month: `2025-0${(round % 9) + 1}-01`, type: 'RECURRING', amount: 100 + (i % 50) + 0.25 }));
    const events = (round: number) =>
      customers.map((cu, i) => ({
        externalId: `evt-${round}-${i}`,
        customer: cu.externalId,
        type: i % 10 === 0 ? 'WEBINAR_ATTENDED' : 'EMAIL_OPEN',
        occurredAt: `2025-0${(round % 9) + 1}-15T10:00:00Z`,
      }));

    const measure = async (label: string, document: string, batch: (round: number) => unknown[]) => {
      for (let round = 0; round < REPEATS; round += 1) {
        const rows = batch(round);
        const fresh = await gql(document, rows);
        const again = await gql(document, rows);
        const rate = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en');
        console.log(
          `${label} ${ROWS} new rows: ${fresh.ms.toFixed(0)} ms = ${rate(fresh.ms)} rows/s, ${fresh.statements} SQL statements; ` +
            `same batch again (unchanged): ${again.ms.toFixed(0)} ms = ${rate(again.ms)} rows/s`,
        );
      }
    };
    await measure('recordRevenue', `mutation($rows: [RevenueRowInput!]!) { recordRevenue(rows: $rows) { inserted updated unchanged } }`, revenue);
    await measure('recordEvents ', `mutation($rows: [EventRowInput!]!) { recordEvents(rows: $rows) { inserted updated unchanged } }`, events);
  } finally {
    await app.close();
    await dataSource.destroy();
    await database.drop();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
