import type { DataSource } from 'typeorm';
import type { Registry, Counter } from 'prom-client';
import type { Logger } from 'pino';
import { counterIn } from '../core/counters';
import type { ReplicaReads } from '../core/reads';
import { isDatabaseUnavailable, isRecoveryConflict } from './connection-errors';
import type { ReadReplica } from './read-replica';
import { currentRequestStore, runWithRequestStore } from './request-store';

export type ReadPool = 'primary' | 'replica';

/**
 * Why a routed read ran where it ran: `current`, the replica had replayed the workspace's data version; `behind`, it had not yet
 * (the primary served); `unavailable`, the replica did not answer (the primary served); `conflict`, the replica cancelled the
 * statement to replay the primary's changes (the primary ran it again).
 */
export type ReadReason = 'current' | 'behind' | 'unavailable' | 'conflict';

/** The data versions one request has seen, per workspace; and where its routed reads ran (the x-read-pool header, the log). */
export class RequestReads {
  private readonly served: string[] = [];
  private readonly versions = new Map<string, { primary?: Promise<bigint | null>; replica?: Promise<bigint | null> }>();

  record(pool: ReadPool, reason: ReadReason): void {
    const label = pool === 'replica' ? 'replica' : `primary (replica ${reason})`;
    if (!this.served.includes(label)) this.served.push(label);
  }

  /** `replica`, `primary (replica behind)`, … in the order they first happened; undefined when nothing was routed. */
  get summary(): string | undefined {
    return this.served.length ? this.served.join(', ') : undefined;
  }

  versionsOf(workspaceId: string): { primary?: Promise<bigint | null>; replica?: Promise<bigint | null> } {
    let versions = this.versions.get(workspaceId);
    if (!versions) this.versions.set(workspaceId, (versions = {}));
    return versions;
  }
}

export function runWithRequestReads<T>(reads: RequestReads, fn: () => T): T {
  return runWithRequestStore({ statements: currentRequestStore()?.statements, reads }, fn);
}

export function currentRequestReads(): RequestReads | undefined {
  return currentRequestStore()?.reads as RequestReads | undefined;
}

const WORKSPACE_VERSION = 'SELECT data_version FROM workspace WHERE id = $1';

async function dataVersion(db: DataSource, workspaceId: string): Promise<bigint | null> {
  const rows: { data_version: string }[] = await db.query(WORKSPACE_VERSION, [workspaceId]);
  return rows[0] ? BigInt(rows[0].data_version) : null;
}

/**
 * The app's routing of replica-eligible reads (see `ReplicaReads`). Without a replica, `read` runs its work on the primary and
 * does nothing else. With one, a read runs on the replica when the replica's copy of the workspace row has the data version the
 * primary has (or the one the caller read from the primary): every write bumps that version in its own transaction, so the
 * replica then holds every write committed before the read began, whoever made it and on whatever instance. Otherwise, or when
 * the replica fails, the read runs on the primary. One request checks the versions once per workspace.
 */
export class ReadRouter implements ReplicaReads {
  private readonly reads: Counter<'pool' | 'reason'> | undefined;

  constructor(
    private readonly primary: DataSource,
    private readonly replica: ReadReplica | undefined,
    registry: Registry,
    private readonly logger?: Logger,
  ) {
    if (replica) {
      this.reads = counterIn(registry, 'journeygraph_db_reads_total', 'Reads a read replica may serve, by the pool that served them and why', [
        'pool',
        'reason',
      ]);
    }
  }

  async read<T>(workspaceId: string, work: (db: DataSource) => Promise<T>, options: { atLeastVersion?: string } = {}): Promise<T> {
    if (!this.replica) return work(this.primary);
    const request = currentRequestReads();
    const choice = await this.choose(workspaceId, options.atLeastVersion, request);
    if (choice.pool === 'primary') return this.served(request, 'primary', choice.reason, () => work(this.primary));
    try {
      return await this.served(request, 'replica', 'current', () => work(choice.db));
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        this.replica.markDown(err);
        return this.served(request, 'primary', 'unavailable', () => work(this.primary));
      }
      if (isRecoveryConflict(err)) {
        this.logger?.warn({ err }, 'a read on the replica was cancelled by a conflict with recovery: the primary answers it');
        return this.served(request, 'primary', 'conflict', () => work(this.primary));
      }
      throw err;
    }
  }

  private async served<T>(request: RequestReads | undefined, pool: ReadPool, reason: ReadReason, run: () => Promise<T>): Promise<T> {
    const result = await run();
    this.reads?.inc({ pool, reason });
    request?.record(pool, reason);
    return result;
  }

  private async choose(
    workspaceId: string,
    atLeastVersion: string | undefined,
    request: RequestReads | undefined,
  ): Promise<{ pool: 'replica'; db: DataSource } | { pool: 'primary'; reason: ReadReason }> {
    const db = this.replica!.current;
    if (!db) return { pool: 'primary', reason: 'unavailable' };
    const versions = request?.versionsOf(workspaceId) ?? {};
    let target: bigint | null;
    if (atLeastVersion !== undefined) target = BigInt(atLeastVersion);
    else target = await (versions.primary ??= dataVersion(this.primary, workspaceId));
    if (target === null) return { pool: 'primary', reason: 'behind' };
    try {
      const ask = () => this.replica!.quickly(dataVersion(db, workspaceId));
      let replicaVersion = await (versions.replica ??= ask());
      if (replicaVersion === null || replicaVersion < target) replicaVersion = await (versions.replica = ask());
      return replicaVersion !== null && replicaVersion >= target ? { pool: 'replica', db } : { pool: 'primary', reason: 'behind' };
    } catch (err) {
      versions.replica = undefined;
      if (isDatabaseUnavailable(err)) this.replica!.markDown(err);
      else this.logger?.warn({ err }, 'the read replica could not be asked for its data version: the primary answers');
      return { pool: 'primary', reason: 'unavailable' };
    }
  }
}
