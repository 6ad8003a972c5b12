import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { createDataSource } from './data-source';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';
import { ReadReplica } from './read-replica';

export interface Database {
  dataSource: DataSource;
  /** Set when this process runs its own embedded PostgreSQL. */
  embedded?: EmbeddedPostgresHandle;
  /** The read replica of DATABASE_READ_URL, when set (servers only: scripts read and write the primary). */
  readReplica?: ReadReplica;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * For command-line scripts: when a running server already has the embedded PostgreSQL of EMBEDDED_PG_DATA_DIR up, connect
   * to it (the server keeps owning it) instead of refusing to start a second one. Its migrations are the server's business:
   * pending ones are refused with what to do.
   */
  joinRunningServer?: boolean;
  /** Connect to DATABASE_READ_URL too, when it is set (the server does; command-line scripts do not need it). */
  readReplica?: boolean;
}

/** The embedded database's name inside its cluster. */
const EMBEDDED_DATABASE = 'journeygraph';

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under EMBEDDED_PG_DATA_DIR. Runs pending migrations. */
export async function openDatabase(
  config: AppConfig,
  logger: Logger,
  entities: Function[],
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (!config.databaseUrl && options.joinRunningServer) {
    const running = runningEmbeddedPostgres(config.embeddedPgDataDir);
    if (running) return joinRunningServer(config, logger, running, entities);
  }
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.embeddedPgDataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPgDataDir,
      port: config.embeddedPgPort,
      persistent: true,
      database: EMBEDDED_DATABASE,
      log: (line) => logger.debug({ postgres: line }),
    });
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    entities,
    poolSize: config.dbPoolSize,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  // A replica that is down does not stop the start: reads go to the primary until it answers.
  const readReplica =
    options.readReplica && config.databaseReadUrl
      ? new ReadReplica({
          url: config.databaseReadUrl,
          entities,
          poolSize: config.dbPoolSize,
          statementTimeoutMs: config.dbStatementTimeoutMs,
          connectTimeoutMs: config.dbConnectTimeoutMs,
          logger,
        })
      : undefined;
  await readReplica?.connected;
  return {
    dataSource,
    embedded,
    readReplica,
    async close() {
      await readReplica?.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

async function joinRunningServer(
  config: AppConfig,
  logger: Logger,
  running: NonNullable<ReturnType<typeof runningEmbeddedPostgres>>,
  entities: Function[],
): Promise<Database> {
  logger.info({ dataDir: config.embeddedPgDataDir, port: running.port, pid: running.pid }, 'using the embedded PostgreSQL of the running server');
  const dataSource = createDataSource({
    url: running.url(EMBEDDED_DATABASE),
    entities,
    poolSize: Math.min(config.dbPoolSize, 4),
    applicationName: 'journeygraph-script',
    statementTimeoutMs: config.dbStatementTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
  });
  try {
    await dataSource.initialize();
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
    const applied = new Set(rows.map((r) => r.name));
    const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
    if (pending.length) {
      throw new Error(
        `The server running on ${config.embeddedPgDataDir} has not applied ${pending.join(', ')} (its code is older than this ` +
          `command's). Restart it (npm start) so that it migrates its database, then run this command again.`,
      );
    }
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw err;
  }
  return {
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
