/** Runs one SQL statement with its bound parameters (in the request's KPI statement slot: see KpiService). */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<any[]>;
