import type { DataSource } from 'typeorm';
import { AppError, ErrorCode } from '../../../core/errors';
import { DEFAULT_MAX_KPI_ROWS } from '../../../config/config';
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

/**
 * Runs compiled KPI queries: one SQL statement per query, whatever the number of outputs, periods and groups. A statement returns
 * at most `maxRows` rows (one per period and group): past that the request is refused, never silently cut short.
 */
export class KpiEngine {
  constructor(
    private readonly dataSource: Pick<DataSource, 'query'>,
    private readonly maxRows = DEFAULT_MAX_KPI_ROWS,
  ) {}

  async run(query: KpiQuery, options: { denseGrid?: boolean } = {}): Promise<KpiRow[]> {
    const compiled = compileKpiQuery(query, options);
    const params = [...compiled.params, this.maxRows + 1];
    const rows: Record<string, unknown>[] = await this.dataSource.query(`${compiled.sql}\nLIMIT $${params.length}::int`, params);
    if (rows.length > this.maxRows) {
      throw new AppError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `The KPI computation would return more than ${this.maxRows} rows (one per period and group): ask for a shorter range, a ` +
          'coarser grain or fewer group dimensions, or filter the customers.',
        { limit: 'kpiRows', max: this.maxRows, found: null },
      );
    }
    return rows.map((row) => ({
      period: Number(row.p),
      total: row.g_total === true,
      group: Object.fromEntries(query.groupBy.map((d) => [d, (row[groupColumn(d)] as string | null) ?? null])),
      values: Object.fromEntries(query.outputs.map((name) => [name, toNumber(row[name])])),
    }));
  }
}
