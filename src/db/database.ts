import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres';

export interface Database {
  dataSource: DataSource;
  /** Set when the server runs its own embedded PostgreSQL. */
  embedded?: EmbeddedPostgresHandle;
  close(): Promise<void>;
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under EMBEDDED_PG_DATA_DIR. Runs pending migrations. */
export async function openDatabase(config: AppConfig, logger: Logger, entities: Function[]): Promise<Database> {
  let embedded: EmbeddedPostgresHandle | undefined;
  let url = config.databaseUrl;
  if (!url) {
    logger.info({ dataDir: config.embeddedPgDataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPgDataDir,
      port: config.embeddedPgPort,
      persistent: true,
      database: 'journeygraph',
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
  return {
    dataSource,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
