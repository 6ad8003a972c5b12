/**
 * The cohort table and the drill-down in `npm run bench` (called by bench/benchmark.ts on its workspace and server): a
 * 12-cohort × 12-age quarterly cohort table and a page of the CHURNED drill-down, each recomputed (the workspace's data version
 * bumped before each run, as an ingestion write does) and warm (repeated, from the KPI cache), through HTTP.
 */
import type { Client } from 'pg';

export const COHORT_TABLE = `query Cohorts { cohorts(grain: QUARTER, from: "2023-01-01", to: "2025-12-31", ages: 12) {
  periodStart size cells { age activeCustomers logoRetention mrr revenueRetention cumulativeRevenuePerCustomer } } }`;
export const CHURNED_PAGE = `query Churned { kpiCustomers(set: CHURNED, grain: QUARTER, periodStart: "2025-10-01", first: 100) {
  totalCount edges { cursor node { mrrAtBase mrrAtEnd movement mrrChange customer { externalId name tier { key } status currentMrr firstMonth } } }
  pageInfo { hasNextPage endCursor } } }`;
const CHURNED_KPI = `query ChurnedKpi { kpis(metrics: [CHURNED_CUSTOMERS, CHURNED_MRR], period: { grain: QUARTER, from: "2025-10-01", to: "2025-10-01" }) {
  kpi points { value } } }`;

type Gql = (query: string) => Promise<{ ms: number; data: any; statements: number }>;
type Stats = { median: number; p95: number; min: number; max: number; runs: number };

export interface CohortBenchResult {
  cohortTable: { request: string; cohorts: number; cells: number; recomputed: Stats & { sqlStatements: number }; warm: Stats & { sqlStatements: number } };
  churnedPage: {
    request: string;
    totalCount: number;
    churnedCustomersKpi: number;
    pageChangeSum: number;
    recomputed: Stats & { sqlStatements: number };
    warm: Stats & { sqlStatements: number };
  };
}

export async function benchCohorts(options: { gql: Gql; pg: Client; workspaceId: string; runs: number; stats: (samples: number[]) => Stats; log: (line: string) => void }): Promise<CohortBenchResult> {
  const { gql, pg, workspaceId, runs, stats, log } = options;
  const measure = async (query: string, recompute: boolean, count: number) => {
    const times: number[] = [];
    let last: { data: any; statements: number } | undefined;
    for (let run = 0; run <= count; run += 1) {
      if (recompute) await pg.query('UPDATE workspace SET data_version = data_version + 1 WHERE id = $1', [workspaceId]);
      const res = await gql(query);
      if (run > 0) times.push(res.ms); // the first run warms PostgreSQL's and the server's caches
      last = res;
    }
    return { ...stats(times), sqlStatements: last!.statements, data: last!.data };
  };
  const { data: tableData, ...tableCold } = await measure(COHORT_TABLE, true, runs);
  log(`cohort table 12 × 12 quarterly, recomputed: median ${tableCold.median} ms, p95 ${tableCold.p95} ms`);
  const { data: _t, ...tableWarm } = await measure(COHORT_TABLE, false, Math.max(runs, 20));
  log(`cohort table warm: median ${tableWarm.median} ms, p95 ${tableWarm.p95} ms`);
  const { data: pageData, ...pageCold } = await measure(CHURNED_PAGE, true, runs);
  log(`CHURNED drill-down page of 100, recomputed: median ${pageCold.median} ms, p95 ${pageCold.p95} ms`);
  const { data: _p, ...pageWarm } = await measure(CHURNED_PAGE, false, Math.max(runs, 20));
  log(`CHURNED drill-down page warm: median ${pageWarm.median} ms, p95 ${pageWarm.p95} ms`);
  const kpi = (await gql(CHURNED_KPI)).data.kpis as { kpi: string; points: { value: number }[] }[];
  const churned = kpi.find((s) => s.kpi === 'CHURNED_CUSTOMERS')!.points[0].value;
  const totalCount = pageData.kpiCustomers.totalCount as number;
  if (totalCount !== churned) throw new Error(`the drill-down lists ${totalCount} churned customers, the KPI counts ${churned}`);
  const cohorts = tableData.cohorts as { cells: unknown[] }[];
  return {
    cohortTable: {
      request: 'cohorts(grain: QUARTER, 2023-01-01 … 2025-12-31, ages: 12): 12 cohorts, the complete ages of each (a triangle)',
      cohorts: cohorts.length,
      cells: cohorts.reduce((n, c) => n + c.cells.length, 0),
      recomputed: tableCold,
      warm: tableWarm,
    },
    churnedPage: {
      request: 'kpiCustomers(set: CHURNED, grain: QUARTER, periodStart: 2025-10-01, first: 100) with each customer and its standing',
      totalCount,
      churnedCustomersKpi: churned,
      pageChangeSum: Math.round(pageData.kpiCustomers.edges.reduce((t: number, e: any) => t + e.node.mrrChange, 0) * 100) / 100,
      recomputed: pageCold,
      warm: pageWarm,
    },
  };
}

/** The benchmark table's lines for the result. */
export function cohortTableLines(r: CohortBenchResult): string[] {
  const { cohortTable: t, churnedPage: p } = r;
  return [
    `| cohort table, 12 quarterly cohorts × ages 0–12 (${t.cells} cells), recomputed | median ${t.recomputed.median} ms, p95 ${t.recomputed.p95} ms, ${t.recomputed.sqlStatements} SQL statements |`,
    `| cohort table, warm repeat | median ${t.warm.median} ms, p95 ${t.warm.p95} ms, ${t.warm.sqlStatements} SQL statements |`,
    `| CHURNED drill-down, a page of 100 of ${p.totalCount.toLocaleString('en')} (= CHURNED_CUSTOMERS), recomputed | median ${p.recomputed.median} ms, p95 ${p.recomputed.p95} ms, ${p.recomputed.sqlStatements} SQL statements |`,
    `| CHURNED drill-down page, warm repeat | median ${p.warm.median} ms, p95 ${p.warm.p95} ms, ${p.warm.sqlStatements} SQL statements |`,
  ];
}
