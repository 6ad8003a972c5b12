import { badInput } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import { MAX_PERIODS, countPeriods, coverageOf, periodsBetween, shiftPeriod, type Period } from '../../core/period.calculator';
import { CustomerSet, Dimension, Grain } from './catalogue/kpi.enums';
import { canonicalRequest, type KpiLoaders } from './kpi.loaders';
import type { KpiResultCache } from './kpi.cache';
import { filterValues, toGroup } from './kpi.service';
import type { SegmentFilter } from './dtos/kpi.inputs';
import type { SqlRunner } from './queries/sql-runner';
import { cohortsQuery, type CohortRow } from './queries/cohorts.query';
import { kpiCustomersQuery, rowsAfter, type KpiCustomerRows } from './queries/kpi-customers.query';
import type { Cohort, KpiCustomerConnection } from './cohort.types';

/** The largest drill-down page. */
export const MAX_KPI_CUSTOMERS_PAGE = 500;
/** A drill-down set of at most this many customers (and MAX_KPI_ROWS) is computed once and paged from the cache. */
export const WHOLE_SET_ROWS = 10_000;

export interface CohortArgs {
  grain: Grain;
  from: string;
  to: string;
  ages: number;
  groupBy?: Dimension[] | null;
  filter?: SegmentFilter | null;
}

export interface KpiCustomersArgs {
  set: CustomerSet;
  grain: Grain;
  periodStart: string;
  filter?: SegmentFilter | null;
  first: number;
  after?: string | null;
}

/**
 * Cohorts and drill-down: who the customer KPIs count, followed over time (cohorts) or listed for one period (kpiCustomers). Both
 * stand on the same monthly value, watermark and dimension keys as the KPIs, run in the request's KPI statement slots (on the
 * read replica while it is current), and are cached like KPI results: by data version and watermark.
 */
export class CohortService {
  constructor(
    private readonly cache: KpiResultCache,
    /** The most rows one KPI statement may return (MAX_KPI_ROWS): here, cohort cells (cohorts × groups × ages). */
    private readonly maxRows: number,
  ) {}

  private statementsIn(loaders: KpiLoaders): SqlRunner {
    return (sql, params) => loaders.kpiStatement(() => loaders.kpiRead((db) => db.query(sql, params)));
  }

  /**
   * The app's cache for the request's workspace: values are kept while the data version, the watermark and the business model
   * are those they were computed at (all are in every key, as for KPI results).
   */
  private async cacheOf(loaders: KpiLoaders) {
    const [version, watermark, model] = await Promise.all([loaders.kpiDataVersion(), loaders.kpiDataCompleteThrough(), loaders.kpiBusinessModel()]);
    const keyOf = (key: unknown[]) => JSON.stringify([watermark, model, ...key]);
    return {
      get: <T>(key: unknown[]) => this.cache.lookup<T>(loaders.kpiWorkspaceId, version, keyOf(key)),
      set: (key: unknown[], value: unknown) => this.cache.set(loaders.kpiWorkspaceId, version, keyOf(key), value),
    };
  }

  private async cached<T>(loaders: KpiLoaders, key: unknown[], compute: () => Promise<T>): Promise<T> {
    const cache = await this.cacheOf(loaders);
    const hit = cache.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    cache.set(key, value);
    return value;
  }

  async cohorts(loaders: KpiLoaders, args: CohortArgs): Promise<Cohort[]> {
    const problems: { path: string; message: string }[] = [];
    if (args.grain === Grain.YEAR) problems.push({ path: 'grain', message: 'cohorts are by MONTH or QUARTER' });
    if (args.from > args.to) problems.push({ path: 'to', message: 'to must be on or after from' });
    if (!Number.isInteger(args.ages) || args.ages < 0 || args.ages > MAX_PERIODS) {
      problems.push({ path: 'ages', message: `ages must be between 0 and ${MAX_PERIODS}` });
    }
    if (problems.length) throw badInput(problems);
    const [fiscalYearStartMonth, watermark] = await Promise.all([loaders.kpiFiscalYearStart.load('workspace'), loaders.kpiDataCompleteThrough()]);
    const count = countPeriods(args.grain, args.from, args.to, fiscalYearStartMonth);
    if (count > MAX_PERIODS) throw badInput([{ path: 'from', message: `at most ${MAX_PERIODS} cohorts per request; this range has more` }]);
    // Complete periods only, in order: the cohorts listed, then the ages they reach (a complete period follows a complete one).
    const complete = (p: Period) => coverageOf(p, watermark).complete;
    const own = periodsBetween(args.grain, args.from, args.to, fiscalYearStartMonth).filter(complete);
    if (own.length === 0) return [];
    const periods = [...own];
    for (let q = own.length; q < own.length + args.ages; q += 1) {
      const next = shiftPeriod(own[0], q);
      if (!complete(next)) break;
      periods.push(next);
    }
    const request = canonicalRequest({ periods: [], outputs: [], groupBy: args.groupBy ?? [], filter: filterValues(args.filter), denseGrid: false });
    const model = await loaders.kpiBusinessModel();
    const rows = await this.cached(loaders, ['cohorts', periods, own.length, args.ages, request.groupBy, request.filter], () =>
      cohortsQuery(this.statementsIn(loaders), {
        workspaceId: loaders.kpiWorkspaceId,
        periods,
        cohorts: own.length,
        ages: args.ages,
        groupBy: request.groupBy,
        filter: request.filter,
        maxRows: this.maxRows,
        model,
      }),
    );
    return assembleCohorts(rows, periods);
  }

  async kpiCustomers(loaders: KpiLoaders, args: KpiCustomersArgs): Promise<KpiCustomerConnection> {
    if (!Number.isInteger(args.first) || args.first < 0 || args.first > MAX_KPI_CUSTOMERS_PAGE) {
      throw badInput([{ path: 'first', message: `first must be between 0 and ${MAX_KPI_CUSTOMERS_PAGE}` }]);
    }
    const after = args.after ? (decodeCursor(args.after, 2) as [string, string]) : null;
    if (after && !(/^\d+(\.\d+)?$/.test(after[0]) && /^[0-9a-f-]{36}$/i.test(after[1]))) {
      throw badInput([{ path: 'after', message: 'after must be a cursor returned by this connection (pageInfo.endCursor)' }]);
    }
    const fiscalYearStartMonth = await loaders.kpiFiscalYearStart.load('workspace');
    const [period] = periodsBetween(args.grain, args.periodStart, args.periodStart, fiscalYearStartMonth);
    if (!period || period.start !== args.periodStart) {
      throw badInput([
        { path: 'periodStart', message: `periodStart must be the first day of a ${args.grain.toLowerCase()} (fiscal year starting in month ${fiscalYearStartMonth})` },
      ]);
    }
    const filter = canonicalRequest({ periods: [], outputs: [], groupBy: [], filter: filterValues(args.filter), denseGrid: false }).filter;
    const watermark = await loaders.kpiDataCompleteThrough();
    // A set of up to WHOLE_SET_ROWS customers is computed once and paged from the cache (an export reads it page by page);
    // a larger one is computed for each page, which the statement cuts to the page.
    const cache = await this.cacheOf(loaders);
    const setKey = ['kpiCustomers', args.set, period, filter];
    const pageKey = [...setKey, args.first, after];
    let answer = cache.get<KpiCustomerRows>(setKey) ?? cache.get<KpiCustomerRows>(pageKey);
    if (!answer) {
      answer = await kpiCustomersQuery(this.statementsIn(loaders), {
        workspaceId: loaders.kpiWorkspaceId,
        set: args.set,
        period,
        dataCompleteThrough: watermark,
        filter,
        first: args.first,
        after: after && { size: after[0], customerId: after[1] },
        wholeUpTo: Math.min(this.maxRows, WHOLE_SET_ROWS),
        model: await loaders.kpiBusinessModel(),
      });
      cache.set(answer.whole ? setKey : pageKey, answer);
    }
    const following = answer.whole ? rowsAfter(answer.rows, after && { size: after[0], customerId: after[1] }) : answer.rows;
    const page = { totalCount: answer.totalCount, rows: following.slice(0, args.first), hasNextPage: following.length > args.first };
    const edges = page.rows.map((row) => ({ cursor: encodeCursor([Math.abs(row.mrrChange).toFixed(2), row.customerId]), node: row }));
    return {
      totalCount: page.totalCount,
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}

/** Rows (one per cohort, group and age, in that order) into cohorts with their cells. */
function assembleCohorts(rows: CohortRow[], periods: Period[]): Cohort[] {
  const cohorts: Cohort[] = [];
  let current: Cohort | null = null;
  let currentKey = '';
  for (const row of rows) {
    const key = JSON.stringify([row.cohort, row.group]);
    if (!current || key !== currentKey) {
      const own = periods[row.cohort];
      current = { periodStart: own.start, periodEnd: own.end, group: toGroup(row.group), size: row.size, cells: [] };
      currentKey = key;
      cohorts.push(current);
    }
    current.cells.push({
      age: row.age,
      periodStart: periods[row.cohort + row.age].start,
      activeCustomers: row.activeCustomers,
      logoRetention: row.logoRetention ?? 0,
      mrr: row.mrr,
      revenueRetention: row.revenueRetention,
      cumulativeRevenuePerCustomer: row.cumulativeRevenuePerCustomer ?? 0,
    });
  }
  return cohorts;
}
