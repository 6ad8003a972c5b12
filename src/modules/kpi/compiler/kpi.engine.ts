import type { DataSource } from 'typeorm';
import { compileKpiQuery, groupColumn, type GroupKey, type KpiQuery, type OutputName } from './kpi.compiler';

/** One computed row: a period (index into the query's periods), its group's keys and the requested values. */
export interface KpiRow {
  period: number;
  /** The ungrouped total of a query `withTotal`. */
  total: boolean;
  group: Partial<Record<GroupKey, string | null>>;
  values: Partial<Record<OutputName, number | null>>;
}

/** numeric and bigint arrive from pg as strings; every value was rounded in SQL, so a JS number holds it. */
export const toNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Runs compiled KPI queries: one SQL statement per query, whatever the number of outputs, periods and groups. */
export class KpiEngine {
  constructor(private readonly dataSource: DataSource) {}

  async run(query: KpiQuery, options: { denseGrid?: boolean } = {}): Promise<KpiRow[]> {
    const { sql, params } = compileKpiQuery(query, options);
    const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
    return rows.map((row) => ({
      period: Number(row.p),
      total: row.g_total === true,
      group: Object.fromEntries(query.groupBy.map((d) => [d, (row[groupColumn(d)] as string | null) ?? null])),
      values: Object.fromEntries(query.outputs.map((name) => [name, toNumber(row[name])])),
    }));
  }
}
