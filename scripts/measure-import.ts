import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createDataSource } from '../src/db/data-source';
import { createApp } from '../src/server/app';
import { importCsv, type ImportReport } from '../src/import/importer';
import { scratchDatabase } from './scratch-database';
import { appEntities, appModules } from '../src/app.modules';

/**
 * Rows per second of the CSV importer for a 100,000-row revenue file (10,000 customers × 10 months), over HTTP, against a
 * server with the default settings (1 MiB body limit) and no rate limits, on a fresh database:
 *   npm run build && node scripts/run.cjs scripts/measure-import.js [--batch-size N]
 * With DATABASE_URL it makes (and drops) a scratch database on that server; without, a throwaway embedded cluster.
 */
const CUSTOMERS = 10_000;
const MONTHS = 10;

async function run(): Promise<void> {
  const batchArg = process.argv.indexOf('--batch-size');
  const batchSize = batchArg > 0 ? Number(process.argv[batchArg + 1]) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-measure-import-'));
  const database = await scratchDatabase();
  const dataSource = createDataSource({ url: database.url, entities: appEntities });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const app = await createApp({ modules: appModules, dataSource, logger: pino({ level: 'silent' }), production: false });
  const url = await app.listen(0);
  try {
    const { adminKey } = await app.services.workspaces.createWorkspace({ name: 'Import measurement' });
    const id = (i: number) => `cust-${String(i).padStart(5, '0')}`;
    const customers = path.join(dir, 'customers.csv');
    const lines = ['externalId,name,tier,segment,region,country,channel'];
    for (let i = 0; i < CUSTOMERS; i++) {
      lines.push(`${id(i)},Customer ${i},${['strategic', 'enterprise', 'growth', 'scale'][i % 4]},${['ENTERPRISE', 'MID_MARKET', 'SMB'][i % 3]},EMEA,DE,DIRECT`);
    }
    fs.writeFileSync(customers, lines.join('\n') + '\n');
    const revenue = path.join(dir, 'revenue.csv');
    const out = fs.createWriteStream(revenue);
    out.write('customer,month,type,amount\n');
    for (let m = 1; m <= MONTHS; m++) {
      for (let i = 0; i < CUSTOMERS; i++) out.write(`${id(i)},2025-${String(m).padStart(2, '0')}-01,RECURRING,${100 + (i % 50)}.${String(m * 7).padStart(2, '0')}\n`);
    }
    await new Promise((resolve) => out.end(resolve));

    const show = (label: string, r: ImportReport) => {
      if (r.fatal || r.rejectedBatches > 0) throw new Error(`${label} failed: ${r.fatal ?? JSON.stringify(r.problems.slice(0, 5))}`);
      const rate = Math.round((r.rows / r.elapsedMs) * 1000).toLocaleString('en');
      console.log(
        `${label}: ${r.rows.toLocaleString('en')} rows in ${r.batches} batches, ${(r.elapsedMs / 1000).toFixed(2)} s = ${rate} rows/s ` +
          `(inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged})`,
      );
    };
    console.log(`revenue.csv: ${(fs.statSync(revenue).size / 1e6).toFixed(1)} MB, batch size ${batchSize ?? 'default (5,000)'}`);
    show('customers', await importCsv({ url, key: adminKey, kind: 'customers', file: customers, batchSize }));
    show('revenue, first run ', await importCsv({ url, key: adminKey, kind: 'revenue', file: revenue, batchSize }));
    show('revenue, second run', await importCsv({ url, key: adminKey, kind: 'revenue', file: revenue, batchSize }));
  } finally {
    await app.close();
    await dataSource.destroy();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
