import type { DataSource } from 'typeorm';

/**
 * Where the reads that a read replica may serve run (the app's implementation: src/db/read-routing.ts).
 *
 * Only for data the workspace's data version covers: the tables whose every write bumps `workspace.data_version` in the same
 * transaction (customers and their reference data, phases, facts, targets). The replica serves such a read when its copy of the
 * workspace has replayed the version the primary has (or `atLeastVersion`, a version the caller read from the primary); otherwise,
 * and whenever the replica fails, the primary does. So a read never misses a write committed before it started.
 */
export interface ReplicaReads {
  read<T>(workspaceId: string, work: (db: DataSource) => Promise<T>, options?: { atLeastVersion?: string }): Promise<T>;
}

/** Every read on the one database: without a replica (scripts, and servers without DATABASE_READ_URL). */
export function primaryReads(dataSource: DataSource): ReplicaReads {
  return { read: (_workspaceId, work) => work(dataSource) };
}
