import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config/config';
import { createLogger } from './server/logger';
import { openDatabase, type Database } from './db/database';
import { createApp, type App } from './server/app';
import { ensureDemoWorkspaces } from './demo/demo-workspace';
import { handleShutdownSignals } from './server/shutdown';
import { appEntities, appModules } from './app.modules';
import { kpiAggregateTuning } from './modules/kpi/aggregates/tuning';

/** Start: config → database (embedded unless DATABASE_URL) → migrations → createApp(modules) → demo workspace → HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.nodeEnv !== 'production' && process.stdout.isTTY === true);
  let database: Database | undefined;
  let app: App | undefined;

  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  handleShutdownSignals({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    started,
    steps: () => [
      { name: 'http', run: async () => app?.close() },
      { name: 'database', run: async () => database?.close() },
    ],
  });

  try {
    kpiAggregateTuning.sharesMinCustomers = config.kpiAggregateSharesMinCustomers;
    kpiAggregateTuning.backgroundMonthMinCustomers = config.kpiAggregateBackgroundMonthMinCustomers;
    kpiAggregateTuning.reconciledSteps = config.kpiAggregateReconciledSteps;
    database = await openDatabase(config, logger, appEntities, { readReplica: true });
    app = await createApp({
      modules: appModules,
      dataSource: database.dataSource,
      readReplica: database.readReplica,
      logger,
      production: config.nodeEnv === 'production',
      limits: config.limits,
      rateLimit: { ...config.rateLimit, redisUrl: config.redisUrl },
      maxBodyBytes: config.maxBodyBytes,
      maxResponseBytes: config.maxResponseBytes,
      maxKpiRows: config.maxKpiRows,
      apiKeyCacheSeconds: config.apiKeyCacheSeconds,
      kpiAggregates: config.kpiAggregates,
      aggregateBuilder: {},
      kpiConcurrency: config.kpiConcurrency,
      trustProxy: config.trustProxy === undefined ? undefined : /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy,
      metrics: { enabled: config.metricsEnabled, token: config.metricsToken },
      shutdownTimeoutMs: config.shutdownTimeoutMs,
    });
    const demos = config.demoWorkspace
      ? await ensureDemoWorkspaces(database.dataSource, app.services, path.resolve('.data', 'demo-keys.json'))
      : [];
    const url = await app.listen(config.port, config.host);
    const lines = [`JourneyGraph is serving GraphQL at ${url}`];
    if (config.nodeEnv !== 'production') lines.push(`Open ${url} in a browser for GraphiQL.`);
    lines.push(`The dashboard is at ${url.replace(/graphql$/, '')} (sign in with an API key).`);
    for (const { demo, workspaceId, adminKey, viewerKey, months } of demos) {
      lines.push(
        `${demo.name} (${demo.model.name}, ${demo.model.settings.businessModel}), workspace ${workspaceId}:`,
        `  ADMIN key:  ${adminKey}`,
        `  VIEWER key: ${viewerKey}`,
        `  data: ${months.first.slice(0, 7)} to ${months.last.slice(0, 7)}, with metric values and approved targets per month, quarter and year`,
      );
    }
    const [b2b] = demos;
    if (b2b) {
      lines.push(
        `Try: npm run example:kpi-matrix -- --url ${url} --key ${b2b.viewerKey}`,
        `     curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${b2b.viewerKey}' -d '{"query":"{ journeys { name phases { position name } } }"}'`,
      );
    }
    console.log(`\n${lines.join('\n')}\n`);
    markStarted();
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    console.error(`\nJourneyGraph could not start: ${(err as Error).message}\n`);
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    markStarted();
    process.exit(1);
  }
}

void main();
