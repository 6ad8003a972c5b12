import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createDataSource, DEFAULT_CONNECT_TIMEOUT_MS, type DataSourceOptions } from './data-source';

export interface ReadReplicaOptions extends Omit<DataSourceOptions, 'readReplica' | 'applicationName'> {
  logger: Logger;
  /** While the replica is down, how often it is tried again (default 2 s). */
  probeIntervalMs?: number;
}

export type ReadReplicaState = 'connecting' | 'up' | 'down' | 'closed';

const DEFAULT_PROBE_INTERVAL_MS = 2_000;

/** Where the url's password would show in a log line. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable url)';
  }
}

/**
 * The connection pool of a read replica (DATABASE_READ_URL), which may be down at any time without failing a request: the
 * server starts without it, a read that finds it down goes to the primary, and while it is down it is tried again every
 * `probeIntervalMs` in the background (a request never waits for it). Each change of state is logged once.
 */
export class ReadReplica {
  private dataSource: DataSource | undefined;
  private status: ReadReplicaState = 'connecting';
  private probe: NodeJS.Timeout | undefined;
  private attempt: Promise<void> | undefined;
  private readonly logger: Logger;
  private readonly probeIntervalMs: number;
  readonly url: string;

  /** Connects in the background; `connected` resolves once the first attempt is over, whatever its outcome. */
  readonly connected: Promise<void>;

  constructor(private readonly options: ReadReplicaOptions) {
    this.logger = options.logger;
    this.probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.url = redacted(options.url);
    this.connected = this.tryConnect();
  }

  get state(): ReadReplicaState {
    return this.status;
  }

  /**
   * Fails a quick question to the replica (its data version) that it has not answered within the connect timeout: a replica
   * behind a network partition answers nothing, and a read must not wait for it.
   */
  async quickly<T>(question: Promise<T>): Promise<T> {
    const limit = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        question,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the read replica did not answer within ${limit} ms`)), limit);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The replica's DataSource while it is up; undefined while it is down or connecting (reads go to the primary). */
  get current(): DataSource | undefined {
    return this.status === 'up' ? this.dataSource : undefined;
  }

  /** A read failed for want of the replica: reads go to the primary until a probe reaches it again. */
  markDown(error: unknown): void {
    if (this.status !== 'up') return;
    this.status = 'down';
    this.logger.warn({ replica: this.url, err: error }, 'read replica unavailable: reads go to the primary until it answers again');
    this.scheduleProbe();
  }

  /**
   * How far the replica's data is behind, in seconds: 0 when it has replayed all the WAL it received, else the age of the last
   * transaction it replayed. Null when it cannot be asked.
   */
  async lagSeconds(): Promise<number | null> {
    const db = this.current;
    if (!db) return null;
    try {
      const [row]: { lag: string | null }[] = await db.query(
        `SELECT CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END AS lag`,
      );
      return row?.lag === null || row?.lag === undefined ? null : Number(row.lag);
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    this.status = 'closed';
    clearTimeout(this.probe);
    await this.attempt?.catch(() => undefined);
    if (this.dataSource?.isInitialized) await this.dataSource.destroy().catch(() => undefined);
    this.dataSource = undefined;
  }

  private scheduleProbe(): void {
    clearTimeout(this.probe);
    if (this.status === 'closed') return;
    this.probe = setTimeout(() => void this.tryConnect(), this.probeIntervalMs);
    this.probe.unref();
  }

  /** Opens the pool when there is none, then checks the replica answers the freshness check's query. */
  private tryConnect(): Promise<void> {
    this.attempt = (async () => {
      try {
        if (!this.dataSource?.isInitialized) {
          const dataSource = createDataSource({ ...this.options, readReplica: true, applicationName: 'journeygraph-read' });
          await dataSource.initialize();
          if (this.status === 'closed') {
            await dataSource.destroy();
            return;
          }
          this.dataSource = dataSource;
        }
        const [{ standby, migrated }]: { standby: boolean; migrated: boolean }[] = await this.dataSource.query(
          `SELECT pg_is_in_recovery() AS standby, to_regclass('workspace') IS NOT NULL AS migrated`,
        );
        if (!migrated) throw new Error('it has no workspace table: is it a replica of the database of DATABASE_URL?');
        if (this.status === 'closed') return;
        const was = this.status;
        this.status = 'up';
        if (!standby) {
          this.logger.warn({ replica: this.url }, 'DATABASE_READ_URL is not a standby (pg_is_in_recovery() is false); reads it serves are still checked against the data version');
        }
        this.logger.info({ replica: this.url }, was === 'down' ? 'read replica answers again: reads go to it when it is current' : 'read replica connected');
      } catch (err) {
        if (this.status === 'closed') return;
        if (this.status !== 'down') {
          this.logger.warn({ replica: this.url, err }, 'read replica unavailable: reads go to the primary until it answers again');
        }
        this.status = 'down';
        this.scheduleProbe();
      }
    })();
    return this.attempt;
  }
}
