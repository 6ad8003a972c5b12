import type { Counter, Registry } from 'prom-client';
import { counterIn } from '../../core/counters';
import type { KpiRow } from './compiler/kpi.engine';

/**
 * KPI results by (workspace, data version, canonical request); the KPI loaders put the data-completeness watermark in the
 * request key, since results depend on it and setting it writes no fact. The data version is a column of the workspace that a trigger
 * bumps in the same transaction as every write to the data KPIs are read from; each request reads it (with the fiscal year,
 * one statement it makes anyway), so an entry is served only while nothing it was computed from has changed, on every
 * instance, and the cache needs no invalidation messages between instances. Least recently used entries go first.
 */
export class KpiResultCache {
  private readonly entries = new Map<string, unknown>();
  /** Per workspace, the newest data version seen: entries of older versions can never be asked for again. */
  private readonly newest = new Map<string, bigint>();

  private readonly hits: Counter;
  private readonly misses: Counter;

  /** One per app; its hits and misses are counted in the app's registry. */
  constructor(registry: Registry, private readonly maxEntries = 500) {
    this.hits = counterIn(registry, 'journeygraph_kpi_cache_hits_total', 'KPI computations answered from the cache');
    this.misses = counterIn(registry, 'journeygraph_kpi_cache_misses_total', 'KPI computations not found in the cache');
  }

  private static key(workspaceId: string, version: string, request: string): string {
    return `${workspaceId}\u0000${version}\u0000${request}`;
  }

  /** A KPI computation's rows; counted in the cache hit and miss metrics. */
  get(workspaceId: string, version: string, request: string): KpiRow[] | undefined {
    const rows = this.lookup<KpiRow[]>(workspaceId, version, request);
    (rows === undefined ? this.misses : this.hits).inc();
    return rows;
  }

  /** Any other value read from the data KPIs depend on (e.g. the tier list of the matrix rows); not counted. */
  lookup<T>(workspaceId: string, version: string, request: string): T | undefined {
    const key = KpiResultCache.key(workspaceId, version, request);
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key); // re-inserted last: the most recently used
    this.entries.set(key, value);
    return value as T;
  }

  set(workspaceId: string, version: string, request: string, rows: unknown): void {
    const current = BigInt(version);
    const newest = this.newest.get(workspaceId);
    if (newest !== undefined && current < newest) return; // computed while a write landed: a later request recomputes anyway
    if (newest === undefined || current > newest) {
      this.newest.set(workspaceId, current);
      const prefix = `${workspaceId}\u0000`;
      for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    }
    this.entries.set(KpiResultCache.key(workspaceId, version, request), rows);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
