import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { openDatabase } from '../src/db/database';
import { WorkspaceService } from '../src/modules/workspaces/workspace.service';
import { appEntities } from '../src/app.modules';

/**
 * npm run workspace:create -- --name Acme [--currency EUR] [--fiscal-year-start-month 4]
 * Writes into DATABASE_URL's database, or the embedded one of npm start: the running server's when it runs (joined, not
 * stopped), else started for the moment.
 */
async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      currency: { type: 'string', default: 'USD' },
      'fiscal-year-start-month': { type: 'string', default: '1' },
    },
  });
  const month = Number(values['fiscal-year-start-month']);
  if (!values.name || !values.name.trim()) throw new Error('Give the workspace a name: npm run workspace:create -- --name Acme');
  if (!/^[A-Z]{3}$/.test(values.currency!)) throw new Error('--currency must be an ISO 4217 code such as USD or EUR');
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error('--fiscal-year-start-month must be 1 to 12');

  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false), appEntities, {
    joinRunningServer: true,
  });
  try {
    const { workspace, adminKey } = await new WorkspaceService(database.dataSource).createWorkspace({
      name: values.name.trim(),
      currency: values.currency,
      fiscalYearStartMonth: month,
    });
    console.log(`Workspace "${workspace.name}" created (id ${workspace.id}).`);
    console.log(`ADMIN key (shown once, store it now): ${adminKey}`);
  } finally {
    await database.close();
  }
}

run().catch((err: Error) => {
  console.error(`workspace:create failed: ${err.message}`);
  process.exit(1);
});
