import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { openDatabase } from '../src/db/database';
import { appEntities } from '../src/app.modules';
import { finishKpiAggregateBuild, startKpiAggregateBuild } from '../src/modules/kpi/aggregates/kpi-aggregates';

const USAGE = 'npm run aggregates:rebuild [-- --workspace <id>] [--all]';

/**
 * npm run aggregates:rebuild [-- --workspace <id>] [--all]
 * Computes the KPI aggregates of the workspaces whose aggregates are not current (never built, suspended for a bulk load,
 * written around by SQL, or still being built), or of one workspace, or of all with --all: a month per transaction, so that the
 * workspace's writes wait for one month's statement at most (they keep the months built meanwhile). Writes into DATABASE_URL's
 * database, or the embedded one of npm start (joined when it runs).
 */
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { workspace: { type: 'string' }, all: { type: 'boolean', default: false } } });
  if (values.workspace && values.all) throw new Error(`give either --workspace or --all\n\n${USAGE}`);
  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false), appEntities, {
    joinRunningServer: true,
  });
  try {
    const ds = database.dataSource;
    const rows: { id: string; name: string }[] = values.workspace
      ? await ds.query(`SELECT id, name FROM workspace WHERE id::text = $1`, [values.workspace])
      : await ds.query(
          `SELECT w.id, w.name FROM workspace w LEFT JOIN kpi_aggregate_state s ON s.workspace_id = w.id
            WHERE $1 OR s.workspace_id IS NULL OR s.building OR s.facts_version <> w.facts_version OR s.fiscal_year_start_month <> w.fiscal_year_start_month
               OR s.business_model <> w.business_model OR s.activity_window_months <> w.activity_window_months
            ORDER BY w.name`,
          [values.all === true],
        );
    if (values.workspace && rows.length === 0) throw new Error(`no workspace with id ${values.workspace}`);
    if (rows.length === 0) console.log('Every workspace’s KPI aggregates are current.');
    for (const w of rows) {
      const started = Date.now();
      await ds.transaction((em) => startKpiAggregateBuild(em, w.id));
      let months = 0;
      // No statement limit: a month of a large workspace reads all of its customers' facts of that month's periods.
      const done = await finishKpiAggregateBuild(ds, w.id, (step) => {
        if (step.periods > 0) months += 1;
        if (step.building && months % 6 === 0) console.log(`"${w.name}": built through ${step.horizon} …`);
      });
      console.log(`"${w.name}" (${w.id}): ${months} months up to ${done.horizon ?? 'no facts'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await database.close();
  }
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
