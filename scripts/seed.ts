import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { openDatabase } from '../src/db/database';
import { Registry } from 'prom-client';
import { createServices } from '../src/core/module';
import { Workspace } from '../src/modules/workspaces/workspace.entity';
import { Role } from '../src/core/role.enum';
import { GraphQLSink, ServiceSink, seedWorkspace, type IngestionSink, type SeedSummary } from '../src/demo/generator/writer';
import { SAAS_MODEL, startMonthOf, type DatasetModel, type DatasetOptions } from '../src/demo/generator/dataset';
import { CLOTHIER_MODEL } from '../src/demo/generator/clothier';
import { appEntities, appModules } from '../src/app.modules';
import { rebuildKpiAggregates, suspendKpiAggregates } from '../src/modules/kpi/aggregates/kpi-aggregates';

const MODELS: Record<string, DatasetModel> = { subscription: SAAS_MODEL, transactional: CLOTHIER_MODEL };

const USAGE = `npm run seed -- [--model subscription|transactional] --customers N --months M --seed S [--end YYYY-MM-01 | --start YYYY-MM-01] [--url URL --key KEY | --workspace NAME]

Generates a realistic workspace (src/demo/generator) and writes it through the API's own ingestion code:
  --model M          subscription (default): a B2B SaaS company, its customers paying monthly recurring revenue;
                     transactional: an online clothier, its shoppers buying by order (with returns), the workspace set to
                     businessModel TRANSACTIONAL; its own tiers and segments replace the defaults
  --workspace NAME   in-process: the ingestion services, on DATABASE_URL or the embedded PostgreSQL of npm start (that of
                     the running server when it runs); the workspace is created when no workspace has that name
  --url URL --key K  over HTTP: the GraphQL batch mutations of a running server, with an ADMIN key of the target workspace
                     (raise the server's MAX_BODY_BYTES to 16 MB and RATE_LIMIT_ROWS, or pass --batch 2000)
  --end MONTH        the last month of the data; default: the month before the current one, so that the data is current
  --start MONTH      the first month of the data instead
The same seed and months always write the same rows; writing them again reports them unchanged.`;

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: 'subscription' },
      customers: { type: 'string', default: '1000' },
      months: { type: 'string', default: '24' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string' },
      end: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
      workspace: { type: 'string' },
      batch: { type: 'string', default: '10000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: DatasetOptions = {
    customers: Number(values.customers),
    months: Number(values.months),
    seed: Number(values.seed),
    startMonth: values.start,
    endMonth: values.end,
  };
  const model = MODELS[values.model!];
  if (!model) throw new Error(`--model must be subscription or transactional\n\n${USAGE}`);
  const batchSize = Number(values.batch);
  for (const [name, value] of [['customers', options.customers], ['months', options.months], ['seed', options.seed], ['batch', batchSize]] as const) {
    if (!Number.isInteger(value) || value < (name === 'seed' ? 0 : 1)) throw new Error(`--${name} must be a whole number\n\n${USAGE}`);
  }
  for (const [name, month] of [['start', options.startMonth], ['end', options.endMonth]] as const) {
    if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-01$/.test(month)) throw new Error(`--${name} must be the first day of a month, e.g. 2025-06-01`);
  }
  if (options.startMonth && options.endMonth) throw new Error(`give either --start or --end\n\n${USAGE}`);
  if (Boolean(values.url) !== Boolean(values.key)) throw new Error(`--url and --key go together\n\n${USAGE}`);
  if (values.url && values.workspace) throw new Error(`give either --url/--key or --workspace\n\n${USAGE}`);

  const report = (s: SeedSummary) =>
    process.stdout.write(`\r${s.rows.customers.toLocaleString('en')} customers, ${s.total.toLocaleString('en')} rows, ${Math.round(s.total / (s.ms / 1000)).toLocaleString('en')} rows/s   `);
  const describe = `${model.name}: ${options.customers.toLocaleString('en')} customers × ${options.months} months from ${startMonthOf(options)}, seed ${options.seed}`;

  if (values.url) {
    const sink = new GraphQLSink(values.url, values.key!);
    console.log(`Writing ${describe} over HTTP to ${values.url} …`);
    const summary = await seedWorkspace(sink, options, { batchSize, onProgress: report, model });
    printSummary(summary);
    return;
  }

  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, false), appEntities, {
    joinRunningServer: true,
  });
  try {
    const services = createServices(appModules, { dataSource: database.dataSource, registry: new Registry() });
    const name = values.workspace ?? `Generated ${model === SAAS_MODEL ? '' : `${model.name} `}${options.customers}×${options.months} seed ${options.seed}`;
    const found = await database.dataSource.getRepository(Workspace).findOne({ where: { name } });
    const workspace = found ?? (await services.workspaces.createWorkspace({ name, currency: model === SAAS_MODEL ? 'USD' : 'EUR' })).workspace;
    const { key } = await services.workspaces.createKey(workspace.id, { name: 'Seed admin key', role: Role.ADMIN });
    const sink: IngestionSink = new ServiceSink(database.dataSource, services, workspace.id);
    console.log(`Writing ${describe} in-process into workspace "${name}" (${found ? 'existing' : 'new'}, id ${workspace.id}) …`);
    // A bulk load: the KPI aggregates are computed once at the end rather than kept batch by batch.
    await database.dataSource.transaction((em) => suspendKpiAggregates(em, workspace.id));
    const summary = await seedWorkspace(sink, options, { batchSize, onProgress: report, model });
    printSummary(summary);
    const started = Date.now();
    await database.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL statement_timeout = 0`);
      await rebuildKpiAggregates(em, workspace.id);
    });
    console.log(`KPI aggregates computed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`ADMIN key of "${name}" (shown once): ${key}`);
  } finally {
    await database.close();
  }
}

function printSummary(s: SeedSummary): void {
  const rows = Object.entries(s.rows).map(([kind, n]) => `${kind} ${n.toLocaleString('en')}`).join(', ');
  console.log(
    `\nWrote ${s.total.toLocaleString('en')} rows in ${(s.ms / 1000).toFixed(1)} s (${Math.round(s.total / (s.ms / 1000)).toLocaleString('en')} rows/s): ${rows}; ` +
      `inserted ${s.inserted.toLocaleString('en')}, updated ${s.updated.toLocaleString('en')}, unchanged ${s.unchanged.toLocaleString('en')}.`,
  );
}

run().catch((err: Error) => {
  console.error(`seed failed: ${err.message}`);
  process.exit(1);
});
