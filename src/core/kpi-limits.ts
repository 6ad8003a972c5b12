/** How many KPI statements may run at once, and how many may wait, before a request is told to come back later. */
export interface KpiConcurrency {
  /** KPI statements running at once on this instance: below the database pool size, so that light requests find a connection. */
  total: number;
  /** … of one workspace. */
  perWorkspace: number;
  /** … of one API key. */
  perKey: number;
  /** Requests of one workspace waiting for a slot for their KPI statements; one more is refused at once. */
  queueLength: number;
  /** How long a KPI statement may wait for a slot before its request is refused. */
  queueWaitMs: number;
}

/** What the KPI engine may spend per statement and at once (MAX_KPI_ROWS, KPI_CONCURRENCY…): settings of one app. */
export interface KpiLimits {
  /** The most rows (periods × groups) one KPI statement may return. */
  maxRows: number;
  concurrency: KpiConcurrency;
  /** KPI statements read the KPI aggregates where they serve (KPI_AGGREGATES); false: always from the facts. */
  aggregates?: boolean;
}
