import 'reflect-metadata';
import path from 'node:path';
import { DataSource, type Logger } from 'typeorm';
import { currentStatementCounter } from './statement-counter';
import { SnakeNamingStrategy } from './naming-strategy';

/** Feeds every statement TypeORM sends to the statement counter of the current request; logs failures at debug level. */
class CountingLogger implements Logger {
  logQuery(query: string): void {
    currentStatementCounter()?.record(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface DataSourceOptions {
  url: string;
  /** Every entity of the app: `appEntities`, from the module manifests. */
  entities: Function[];
  poolSize?: number;
  applicationName?: string;
  /** Per-statement limit (PostgreSQL `statement_timeout`); a runaway query is cancelled after it. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection, new or from a busy pool, before giving up (SERVICE_UNAVAILABLE). */
  connectTimeoutMs?: number;
  /** A read replica (a hot standby): read-only, so no extension is installed and no migration is known. */
  readReplica?: boolean;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;

const root = path.resolve(__dirname, '..', '..');

/** The one DataSource definition, for the server, the CLI scripts and the tests. `synchronize` stays off: migrations only. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.readReplica ? [] : [path.join(root, 'migrations', '*.{ts,js}').replace(/\\/g, '/')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: !options.readReplica,
    logging: true,
    logger: new CountingLogger(),
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'journeygraph',
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      // A replica that stops answering (a network partition sends no reset) fails the read instead of hanging it: the primary
      // then answers it.
      ...(options.readReplica
        ? { query_timeout: (options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS) + (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) }
        : {}),
      // No JIT: compiling a KPI statement took seconds (measured: 3.5 s of a 4.4 s kpiMatrix), more than it ever saved.
      options: '-c jit=off',
      // Dead connections are noticed by TCP keepalive instead of hanging a request.
      keepAlive: true,
    },
  });
}
