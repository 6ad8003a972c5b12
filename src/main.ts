import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config/config';
import { createLogger } from './server/logger';
import { openDatabase, type Database } from './db/database';
import { createApp, type App } from './server/app';
import { ensureDemoWorkspace } from './demo/demo-workspace';

/** Start: config → database (embedded unless DATABASE_URL) → migrations → demo workspace → HTTP server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, config.nodeEnv !== 'production' && process.stdout.isTTY === true);
  let database: Database | undefined;
  let app: App | undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app?.close();
      await database?.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    database = await openDatabase(config, logger);
    app = await createApp({
      dataSource: database.dataSource,
      logger,
      production: config.nodeEnv === 'production',
      limits: config.limits,
      rateLimit: { ...config.rateLimit, redisUrl: config.redisUrl },
      maxBodyBytes: config.maxBodyBytes,
      trustProxy: config.trustProxy === undefined ? undefined : /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy,
    });
    const keys = config.demoWorkspace
      ? await ensureDemoWorkspace(database.dataSource, app.services, path.resolve('.data', 'demo-keys.json'))
      : undefined;
    const url = await app.listen(config.port, config.host);
    const lines = [`JourneyGraph is serving GraphQL at ${url}`];
    if (keys) {
      lines.push(
        `Demo workspace ${keys.workspaceId}:`,
        `  ADMIN key:  ${keys.adminKey}`,
        `  VIEWER key: ${keys.viewerKey}`,
        `Try: curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${keys.viewerKey}' -d '{"query":"{ journeys { name phases { position name } } }"}'`,
      );
    }
    console.log(`\n${lines.join('\n')}\n`);
  } catch (err) {
    logger.fatal({ err }, 'could not start');
    console.error(`\nJourneyGraph could not start: ${(err as Error).message}\n`);
    await app?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
