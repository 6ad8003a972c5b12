import type { DataSource, EntityManager } from 'typeorm';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { AppError, ErrorCode } from '../../../core/errors';
import { addMonths, type Period } from '../../../core/period.calculator';
import { derivedWatermarkSql } from '../../facts/data-completeness';
import { BusinessModel } from '../../workspaces/workspace.enums';
import { MEASURES, type Measure } from '../catalogue/measures';
import type { SourceName } from '../catalogue/row-sources';
import { transactionOn } from '../../../db/transaction';
import { kpiAggregateTuning } from './tuning';
import { AGGREGATE_GROUP_KEYS, AGGREGATE_MEASURES, compileKpiQuery, groupColumn, rowCountColumns, type BusinessModelSettings } from '../compiler/kpi.compiler';

/**
 * The KPI aggregates (kpi-aggregate.entity.ts): kept exact in the transaction of every write that changes them, with work
 * proportional to what the write touched.
 *
 * A write names the customers it touches (their rows before and after it) and the first month it touches. Under the workspace's
 * aggregate lock, the contributions of those customers to every kept period ending in or after that month are subtracted, the
 * write runs, and their contributions are added again: the measures are sums over customers, so the difference is exact, and a
 * customer's contribution is computed by the same compiled SQL that computes a KPI from the facts (compileKpiQuery, restricted to
 * those customers). A period ending before the first month touched cannot change: every source reads months up to e only.
 * When a write brings revenue or orders of a month after the horizon, the periods of the new months are computed for every
 * customer (the months open), and the horizon moves; in a workspace of KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS customers or
 * more, the write leaves that to the background build instead (the aggregates become `building`), which computes them a month
 * per step beside the writes.
 *
 * Writes that go around this (SQL by hand, a generator) bump the workspace's facts_version without maintaining: the aggregates
 * are then not current, KPIs are computed from the facts, and rebuildKpiAggregates makes them current again.
 */

/** What a write touches: its customers (before and after), whether cost rows without a customer, and the months. */
export interface Touched {
  customers: string[];
  /** Cost rows that name no customer are written. */
  customerless: boolean;
  /** The first month the write touches (a first day): periods ending before it are unchanged. Null: every period. */
  from: string | null;
  /** The latest month of revenue or orders written (the horizon follows it); null when it writes none. */
  latest: string | null;
  /** The row sources whose measures the write can change (catalogue/row-sources.ts); undefined: every one. */
  sources?: SourceName[];
}

/**
 * The row sources a write of each fact table changes the rows of: revenue and orders make the monthly value (the MRR source)
 * and the revenue; the other facts only their own source. A customer's dimensions change every source. A measure of another
 * source that reads the monthly value (the EVENTS source's active_e: content_engaged_customers) changes with the MRR source:
 * see storedOf.
 */
export const SOURCES_OF: Record<FactTable, SourceName[]> = {
  revenue: ['MRR', 'REVENUE'],
  order: ['MRR', 'REVENUE', 'ORDERS'],
  refund: ['MRR', 'REVENUE', 'ORDERS'],
  cost: ['COSTS'],
  invoice: ['INVOICES'],
  survey: ['SURVEYS'],
  event: ['EVENTS'],
};

/** The row columns, per source, that carry the customer's monthly value: a measure filtering on one changes with the MRR source. */
const MONTHLY_VALUE_COLUMNS: Partial<Record<SourceName, string[]>> = { EVENTS: ['active_e'] };

/** Several touches as one. */
export function touchedOf(parts: Touched[]): Touched {
  const months = (values: (string | null)[]) => values.filter((v): v is string => v !== null).sort();
  return {
    customers: [...new Set(parts.flatMap((p) => p.customers))],
    customerless: parts.some((p) => p.customerless),
    from: parts.some((p) => p.from === null && (p.customers.length || p.customerless)) ? null : (months(parts.map((p) => p.from))[0] ?? null),
    latest: months(parts.map((p) => p.latest)).at(-1) ?? null,
    sources: parts.some((p) => p.sources === undefined) ? undefined : [...new Set(parts.flatMap((p) => p.sources!))].sort(),
  };
}

interface Settings extends BusinessModelSettings {
  fiscalYearStartMonth: number;
}

interface State {
  current: boolean;
  horizon: string | null;
  /** Being built a month at a time (buildKpiAggregatesStep): the months after the horizon are not built yet. */
  building: boolean;
  /** The month whose periods' per-customer shares are kept (kpi_customer_contribution), or null. */
  contributionsThrough: string | null;
  settings: Settings;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const firstDayOf = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
const lastDayOf = (index: number) => {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * The kept periods ending in the months from `from` to `to` (first days): per month e, the month, and the fiscal quarter and the
 * fiscal year containing it, from their first month through e. As periods taken whole (their last month is e).
 */
export function aggregatePeriods(fiscalYearStartMonth: number, from: string, to: string): Period[] {
  const periods = new Map<string, Period>();
  for (let e = monthIndex(from); e <= monthIndex(to); e++) {
    const offset = (((e - (fiscalYearStartMonth - 1)) % 12) + 12) % 12;
    for (const start of [e, e - (offset % 3), e - offset]) {
      const months = e - start + 1;
      periods.set(`${start}:${e}`, { start: firstDayOf(start), end: lastDayOf(e), months });
    }
  }
  return [...periods.values()];
}

/**
 * Turns PostgreSQL's JIT compilation off for the rest of the transaction. The contribution statements are long (a CTE per source):
 * measured at 10,000 customers, compiling them took 0.45 s of a 3.5 s statement for a batch and 8.2 s of 23 s for six months of
 * a rebuild, and never paid for itself (the same statements ran in 1.9 s and 17.9 s without it).
 */
async function withoutJit(em: EntityManager): Promise<void> {
  await em.query(`SELECT set_config('jit', 'off', true)`);
}

/**
 * The memory each sort and hash of a write's maintenance may use before it spills to disk (PostgreSQL's work_mem, 4 MB by
 * default), for the rest of the write's transaction. Measured at 100,000 customers, a 10,000-customer batch's statement spilled
 * 70 MB of sorts and hashes to temporary files at 4 MB.
 */
const MAINTENANCE_WORK_MEM = '64MB';

/** The aggregates' lock of the workspace whose id is $1 (lockKpiAggregates). */
const LOCK_SQL = 'pg_advisory_xact_lock(7413, hashtext($1::text))';

/** How long a write waits for its workspace's aggregates (held by another write or a build step) before it is refused. */
export const WRITE_LOCK_WAIT_MS = 20_000;

/**
 * The aggregates' lock for a write, waited for at most WRITE_LOCK_WAIT_MS (and less than the statement limit, so that a long
 * wait is not reported as a slow query): past it the write is refused with RATE_LIMITED and `retryAfter`, having written
 * nothing, so that the client sends it again.
 */
async function lockForWrite(em: EntityManager, workspaceId: string): Promise<void> {
  // Also, for the transaction, JIT off (see withoutJit) and MAINTENANCE_WORK_MEM, in the same round trip; `previous` is the lock
  // timeout to restore.
  const [{ previous }]: { previous: string }[] = await em.query(
    `SELECT set_config('jit', 'off', true), set_config('work_mem', '${MAINTENANCE_WORK_MEM}', true), current_setting('lock_timeout') AS previous,
            set_config('lock_timeout', (CASE WHEN t.ms = 0 THEN $1 ELSE least($1, greatest(100, t.ms * 2 / 3)) END)::text || 'ms', true)
       FROM (SELECT setting::bigint AS ms FROM pg_settings WHERE name = 'statement_timeout') t`,
    [WRITE_LOCK_WAIT_MS],
  );
  try {
    // The lock, then the lock timeout as it was (evaluated left to right, once the lock is held).
    await em.query(`SELECT ${LOCK_SQL}, set_config('lock_timeout', $2, true)`, [workspaceId, previous]);
  } catch (err) {
    if ((err as { driverError?: { code?: string } }).driverError?.code === '55P03') {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        'The workspace is busy: another write, or a rebuild of its KPI aggregates, has held it longer than this write may wait. ' +
          'Nothing was written; send the batch again in a few seconds.',
        { limit: 'workspaceWrites', retryAfter: 5 },
      );
    }
    throw err;
  }
}

/** Serializes the aggregate maintenance of one workspace (a transaction-level advisory lock; other workspaces are not held). */
export async function lockKpiAggregates(em: EntityManager, workspaceId: string): Promise<void> {
  await em.query(`SELECT ${LOCK_SQL}`, [workspaceId]);
}

async function readState(em: EntityManager, workspaceId: string): Promise<State | null> {
  const rows: {
    horizon: string | null;
    building: boolean | null;
    contributions_through: string | null;
    state_version: string | null;
    facts_version: string;
    fiscal_year_start_month: number;
    business_model: BusinessModel;
    activity_window_months: number;
    same_settings: boolean | null;
  }[] = await em.query(
    `SELECT to_char(s.horizon, 'YYYY-MM-DD') AS horizon, s.building,
            to_char(s.contributions_through, 'YYYY-MM-DD') AS contributions_through, s.facts_version AS state_version, w.facts_version,
            w.fiscal_year_start_month, w.business_model, w.activity_window_months,
            (s.fiscal_year_start_month = w.fiscal_year_start_month AND s.business_model = w.business_model
              AND s.activity_window_months = w.activity_window_months) AS same_settings
       FROM workspace w LEFT JOIN kpi_aggregate_state s ON s.workspace_id = w.id
      WHERE w.id = $1`,
    [workspaceId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    current: row.state_version !== null && row.state_version === row.facts_version && row.same_settings === true,
    horizon: row.horizon,
    building: row.building === true,
    contributionsThrough: row.contributions_through,
    settings: { fiscalYearStartMonth: row.fiscal_year_start_month, businessModel: row.business_model, activityWindowMonths: row.activity_window_months },
  };
}

const quote = (name: string) => `"${name}"`;
/**
 * What a write of some sources (all when undefined) changes in an aggregate row: the measures of those sources, with the MRR
 * source also the measures of other sources that filter on the monthly value, and the row counts of those sources (a row count
 * counts a source's own rows, which a write of another table does not make or remove).
 */
function storedOf(sources: SourceName[] | undefined) {
  const kept = (source: SourceName) => sources === undefined || sources.includes(source);
  const readsMonthlyValue = (m: (typeof AGGREGATE_MEASURES)[number]) => {
    const measure: Measure = MEASURES[m];
    const filter: Record<string, unknown> = measure.filter ?? {};
    return (MONTHLY_VALUE_COLUMNS[measure.source] ?? []).some((column) => column in filter);
  };
  const measures = AGGREGATE_MEASURES.filter((m) => kept(MEASURES[m].source) || (kept('MRR') && readsMonthlyValue(m)));
  return { measures, columns: [...measures, ...rowCountColumns().filter((c) => kept(c.source)).map((c) => c.column)] };
}

/** The customer id under which the shares of cost rows that name no customer are kept. */
const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

/**
 * The customer ids under which the shares of `restrict` are kept: its customers, and NO_CUSTOMER when it names the cost rows
 * without one. One array, so that the shares can be found by their index, which an OR of the two conditions ruled out: the
 * planner then read every share of the workspace. (Where a batch's customers are a tenth of the workspace, as 10,000 of
 * 100,000, it still reads them all, by choice; at 1,000,000 they are a hundredth.)
 */
const shareIdsOf = (restrict: { customers: string[]; customerless: boolean }) =>
  restrict.customerless ? [...restrict.customers, NO_CUSTOMER] : restrict.customers;

/** The shares `k` of the customer ids `ids` (SQL of a uuid[]: shareIdsOf). */
const sharesOfSql = (ids: string) => `k.customer_id = ANY(${ids}::uuid[])`;

/** A row (of `alias`) that counts no row of any source: every contribution to it was taken back. */
const countsNoRowSql = (alias: string) =>
  `${rowCountColumns().filter((c) => c.value === null).map((c) => `${alias}.${quote(c.column)}`).join(' + ')} = 0`;

/** The last month e of a period taken whole. */
const endOf = (p: Period) => addMonths(p.start, p.months - 1);

/** The columns of a KPI aggregate row (and of a customer's share) besides the measures and counts. */
const DIMENSION_COLUMNS = ['tier_id', 'segment_id', 'region', 'channel', 'partner_id', 'campaign_id'];
const KEY_COLUMNS = ['period_start', 'period_end', 'combination', ...DIMENSION_COLUMNS].join(', ');
/** The dimension columns of rows `r`. */
const dimensionsOf = (r: string) => DIMENSION_COLUMNS.map((c) => `${r}.${c}`).join(', ');

/** Adds rows `r` (columns s, e, combination, the dimension columns and the stored columns) into kpi_aggregate, summed per key. */
function addIntoAggregatesSql(from: string, stored: string[], sign: 1 | -1 = 1): string {
  const value = (column: string) => `${sign === 1 ? '' : '-'}sum(r.${quote(column)})`;
  return `INSERT INTO kpi_aggregate (workspace_id, ${KEY_COLUMNS}, ${stored.map(quote).join(', ')})
    SELECT $1::uuid, r.s, r.e, r.combination, ${dimensionsOf('r')}, ${stored.map(value).join(', ')}
    FROM ${from} r
    GROUP BY r.s, r.e, r.combination, ${dimensionsOf('r')}
    ORDER BY 2, 3, 4
    ON CONFLICT (workspace_id, period_start, period_end, combination) DO UPDATE SET
      ${stored.map((column) => `${quote(column)} = kpi_aggregate.${quote(column)} + EXCLUDED.${quote(column)}`).join(',\n      ')}`;
}

/**
 * Adds (`sign` 1) or subtracts (-1) the contributions to `periods` of the customers of `restrict` (every customer when
 * undefined): one statement computing them and folding them into kpi_aggregate.
 *
 * With `keep` (adding, periods that all end in the month the per-customer shares are kept for), the same statement also stores
 * each customer's share (kpi_customer_contribution) in the measures computed, and takes them to 0 in the shares of the customers
 * read that no longer have that combination (their dimensions or a cost row's campaign changed); dropEmptyShares then drops the
 * shares left empty. Every customer (opening a month, a build's last month): the shares are new, inserted.
 */
async function applyContributions(
  em: EntityManager,
  workspaceId: string,
  settings: Settings,
  periods: Period[],
  restrict: { customers: string[]; customerless: boolean } | undefined,
  sign: 1 | -1,
  sources?: SourceName[],
  options: { keep?: boolean } = {},
): Promise<void> {
  if (!periods.length) return;
  const keep = options.keep === true;
  const { measures, columns: STORED } = storedOf(sources);
  const last = periods.map(endOf).sort().at(-1)!;
  const compiled = compileKpiQuery(
    {
      workspaceId,
      periods,
      dataCompleteThrough: last,
      outputs: measures,
      groupBy: keep ? [...AGGREGATE_GROUP_KEYS, 'CUSTOMER'] : AGGREGATE_GROUP_KEYS,
      filter: {},
      model: { businessModel: settings.businessModel, activityWindowMonths: settings.activityWindowMonths },
      restrict,
    },
    { contributions: true, denseGrid: false },
  );
  const g = (key: (typeof AGGREGATE_GROUP_KEYS)[number]) => `c.${groupColumn(key)}`;
  const dims = AGGREGATE_GROUP_KEYS.map(g);
  // $1 is the workspace id in every compiled statement.
  const rows = `SELECT c.s, c.e, md5(row(${dims.join(', ')})::text)::uuid AS combination,
        ${dims.map((d, i) => `${d} AS ${DIMENSION_COLUMNS[i]}`).join(', ')},
        ${STORED.map((column) => `coalesce(c.${quote(column)}, 0) AS ${quote(column)}`).join(', ')}
        ${keep ? `, coalesce(c.${groupColumn('CUSTOMER')}::uuid, '${NO_CUSTOMER}'::uuid) AS customer_id` : ''}
      FROM (${compiled.sql}) c`;
  if (!keep) return run(addIntoAggregatesSql(`(${rows})`, STORED, sign), compiled.params);
  if (sign !== 1) throw new Error('shares are only kept when adding');
  const columns = `workspace_id, customer_id, ${KEY_COLUMNS}, ${STORED.map(quote).join(', ')}`;
  const values = `$1::uuid, r.customer_id, r.s, r.e, r.combination, ${dimensionsOf('r')}, ${STORED.map((c) => `r.${quote(c)}`).join(', ')}`;
  const ctes = [
    `shares AS MATERIALIZED (${rows})`,
    `kept AS (INSERT INTO kpi_customer_contribution (${columns}) SELECT ${values} FROM shares r ORDER BY r.customer_id, r.s, r.e, r.combination
      ON CONFLICT (workspace_id, customer_id, period_start, period_end, combination) DO UPDATE SET
        ${STORED.map((column) => `${quote(column)} = EXCLUDED.${quote(column)}`).join(', ')})`,
  ];
  const params: unknown[] = [...compiled.params];
  if (restrict) {
    // A share of a customer read that the statement did not produce again: its measures computed here are now 0. (Every period
    // ends in `last`; none of the three keys is ever null. NOT IN, so that the shares produced are hashed once: with NOT EXISTS,
    // the planner, expecting few shares right after a month's were written, chose a nested loop that compared every pair,
    // 59 s for 10,000 customers.)
    params.push(shareIdsOf(restrict), periods.map((p) => p.start), last);
    const n = params.length;
    ctes.push(`gone AS (UPDATE kpi_customer_contribution k SET ${STORED.map((column) => `${quote(column)} = 0`).join(', ')}
      WHERE k.workspace_id = $1 AND k.period_end = $${n}::date AND k.period_start = ANY($${n - 1}::date[])
        AND ${sharesOfSql(`$${n - 2}`)}
        AND (k.customer_id, k.period_start, k.combination) NOT IN (SELECT r.customer_id, r.s, r.combination FROM shares r))`);
  }
  return run(`WITH ${ctes.join(',\n    ')}\n    ${addIntoAggregatesSql('shares', STORED)}`, params);

  async function run(sql: string, params: unknown[]): Promise<void> {
    if (restrict) {
      await em.query(sql, params);
      return;
    }
    // Every customer: hash joins over the month range read. Right after a bulk write the planner's statistics still describe
    // the tables before it (a handful of rows), and it chose nested loops that took 27 s where hash joins take 0.15 s (10,000
    // customers). (A failed statement rolls the transaction back, setting and all.)
    await em.query(`SELECT set_config('enable_nestloop', 'off', true)`);
    await em.query(sql, params);
    await em.query(`SELECT set_config('enable_nestloop', 'on', true)`);
  }
}

/**
 * Subtracts from the aggregates the kept shares (kpi_customer_contribution) of the customers of `restrict` in the periods ending
 * in `month`, in the measures of `sources`: what applyContributions would compute for them from the facts, read instead.
 */
async function subtractShares(
  em: EntityManager,
  workspaceId: string,
  month: string,
  restrict: { customers: string[]; customerless: boolean },
  sources?: SourceName[],
): Promise<void> {
  const { columns: STORED } = storedOf(sources);
  const shares = `(SELECT k.period_start AS s, k.period_end AS e, k.* FROM kpi_customer_contribution k
      WHERE k.workspace_id = $1 AND k.period_end = $2::date
        AND ${sharesOfSql('$3')})`;
  await em.query(addIntoAggregatesSql(shares, STORED, -1), [workspaceId, month, shareIdsOf(restrict)]);
}

/** Drops the kept shares of the customers of `restrict` in the periods ending in `month` that no longer count any row. */
async function dropEmptyShares(em: EntityManager, workspaceId: string, month: string, restrict: { customers: string[]; customerless: boolean }): Promise<void> {
  await em.query(
    `DELETE FROM kpi_customer_contribution k
      WHERE k.workspace_id = $1 AND k.period_end = $2::date AND ${sharesOfSql('$3')} AND ${countsNoRowSql('k')}`,
    [workspaceId, month, shareIdsOf(restrict)],
  );
}

/** Drops every kept share of the workspace (a new month's are about to be kept, or none will be). */
async function dropShares(em: EntityManager, workspaceId: string): Promise<void> {
  await em.query(`DELETE FROM kpi_customer_contribution WHERE workspace_id = $1`, [workspaceId]);
}

/** Empties the workspace's aggregates, their kept shares with them. */
async function dropAggregates(em: EntityManager, workspaceId: string): Promise<void> {
  await em.query(`DELETE FROM kpi_aggregate WHERE workspace_id = $1`, [workspaceId]);
  await dropShares(em, workspaceId);
  await dropPending(em, workspaceId);
}

/** Forgets the writes recorded for a step under way (kpi_aggregate_pending): the month recorded holds them, or none is built. */
async function dropPending(em: EntityManager, workspaceId: string): Promise<void> {
  await em.query(`DELETE FROM kpi_aggregate_pending WHERE workspace_id = $1`, [workspaceId]);
}

/**
 * Removes what an unfinished step left of the months from `from` on (their periods end after the horizon, which nothing else
 * writes): the rows and shares a reconciled step computed before it found it could not record its month.
 */
async function dropUnrecorded(em: EntityManager, workspaceId: string, from: string): Promise<void> {
  await em.query(`DELETE FROM kpi_aggregate WHERE workspace_id = $1 AND period_end >= $2::date`, [workspaceId, from]);
  await em.query(`DELETE FROM kpi_customer_contribution WHERE workspace_id = $1 AND period_end >= $2::date`, [workspaceId, from]);
}

/** Whether the workspace has at least `n` customers (reading at most n of them). */
async function hasCustomers(em: EntityManager, workspaceId: string, n: number): Promise<boolean> {
  if (n <= 0) return true;
  const [{ enough }]: { enough: boolean }[] = await em.query(
    `SELECT count(*) >= $2 AS enough FROM (SELECT 1 FROM customer WHERE workspace_id = $1 LIMIT $2) c`,
    [workspaceId, n],
  );
  return enough;
}

/** Whether the workspace is large enough to keep its customers' shares (kpiAggregateTuning). */
const keepsShares = (em: EntityManager, workspaceId: string) => hasCustomers(em, workspaceId, kpiAggregateTuning.sharesMinCustomers);

/** Whether the workspace is large enough for a new month to be left to the background build (kpiAggregateTuning). */
const opensInBackground = (em: EntityManager, workspaceId: string) => hasCustomers(em, workspaceId, kpiAggregateTuning.backgroundMonthMinCustomers);

/**
 * Computes the periods of the months `from` … `to` for every customer (months opening, a step of a build). With `keepLast`, in
 * a workspace large enough (keepsShares), the customers' shares of the periods ending in `to` are kept (replacing those kept
 * before: `kept`, the month they were kept for, or null), and `to` is returned as the month they are kept for; otherwise none
 * are kept and null is returned.
 */
async function computeMonths(
  em: EntityManager,
  workspaceId: string,
  settings: Settings,
  from: string,
  to: string,
  options: { keepLast: boolean; dropKept: boolean },
): Promise<string | null> {
  const periods = aggregatePeriods(settings.fiscalYearStartMonth, from, to);
  if (options.dropKept) await dropShares(em, workspaceId);
  if (!options.keepLast || !(await keepsShares(em, workspaceId))) {
    await applyContributions(em, workspaceId, settings, periods, undefined, 1);
    return null;
  }
  await applyContributions(em, workspaceId, settings, periods.filter((p) => endOf(p) !== to), undefined, 1);
  await applyContributions(em, workspaceId, settings, periods.filter((p) => endOf(p) === to), undefined, 1, undefined, { keep: true });
  return to;
}

/** Removes the rows of `periods` that no longer count any row (every contribution to them was taken back). */
async function dropEmpty(em: EntityManager, workspaceId: string, periods: Period[]): Promise<void> {
  if (!periods.length) return;
  await em.query(
    `DELETE FROM kpi_aggregate a USING unnest($2::date[], $3::date[]) AS p(s, e)
      WHERE a.workspace_id = $1 AND a.period_start = p.s AND a.period_end = p.e AND ${countsNoRowSql('a')}`,
    [workspaceId, periods.map((p) => p.start), periods.map(endOf)],
  );
}

async function saveState(
  em: EntityManager,
  workspaceId: string,
  settings: Settings,
  horizon: string | null,
  options: { building?: boolean; contributionsThrough?: string | null } = {},
): Promise<void> {
  await em.query(
    `INSERT INTO kpi_aggregate_state (workspace_id, horizon, building, contributions_through, facts_version, fiscal_year_start_month, business_model,
       activity_window_months, updated_at)
     SELECT w.id, $2::date, $6, $7::date, w.facts_version, $3, $4, $5, now() FROM workspace w WHERE w.id = $1
     ON CONFLICT (workspace_id) DO UPDATE SET horizon = EXCLUDED.horizon, building = EXCLUDED.building,
       contributions_through = EXCLUDED.contributions_through, facts_version = EXCLUDED.facts_version,
       fiscal_year_start_month = EXCLUDED.fiscal_year_start_month, business_model = EXCLUDED.business_model,
       activity_window_months = EXCLUDED.activity_window_months, updated_at = now()`,
    [workspaceId, horizon, settings.fiscalYearStartMonth, settings.businessModel, settings.activityWindowMonths, options.building ?? false,
      options.contributionsThrough ?? null],
  );
}

/** The first month with a fact of any kind the aggregates read (a period ending before it has no contribution at all). */
async function firstFactMonth(em: EntityManager, workspaceId: string): Promise<string | null> {
  const [row]: { first: string | null }[] = await em.query(
    `SELECT to_char(least(
        (SELECT min(month) FROM revenue WHERE workspace_id = $1),
        (SELECT min(month) FROM cost WHERE workspace_id = $1),
        (SELECT date_trunc('month', min(issued_on))::date FROM invoice WHERE workspace_id = $1),
        (SELECT (date_trunc('month', min(responded_at) AT TIME ZONE 'UTC'))::date FROM survey WHERE workspace_id = $1),
        (SELECT (date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC'))::date FROM event WHERE workspace_id = $1),
        (SELECT (date_trunc('month', min(ordered_at) AT TIME ZONE 'UTC'))::date FROM "order" WHERE workspace_id = $1),
        (SELECT (date_trunc('month', min(refunded_at) AT TIME ZONE 'UTC'))::date FROM refund WHERE workspace_id = $1)), 'YYYY-MM-DD') AS first`,
    [workspaceId],
  );
  return row.first;
}

/**
 * Runs `write` in the caller's transaction with the workspace's aggregates kept exact: `touched` (called under the lock, before
 * the write) names what it changes. When the aggregates are not current (never built, or a write went around them), the write
 * runs alone and they stay not current.
 */
export async function maintainedWrite<T>(em: EntityManager, workspaceId: string, touched: () => Promise<Touched>, write: () => Promise<T>): Promise<T> {
  // Not current (never built, suspended for a bulk load, or a write went around them): nothing to keep, and no lock to wait for.
  // Safe without the lock: this write bumps facts_version, so whatever a rebuild running beside it records, it is not current.
  if (!(await readState(em, workspaceId))?.current) return write();
  await lockForWrite(em, workspaceId);
  // Read again under the lock: a write that held it may have moved the horizon.
  const state = await readState(em, workspaceId);
  if (!state?.current) return write();
  const what = await touched();
  const anyone = what.customers.length > 0 || what.customerless;
  const restrict = { customers: what.customers, customerless: what.customerless };
  let periods: Period[] = [];
  if (anyone && state.horizon !== null) {
    // Every kept period ending in or after the first month touched (all of them when the write names none).
    const from = what.from ?? (await firstFactMonth(em, workspaceId));
    if (from !== null && from <= state.horizon) periods = aggregatePeriods(state.settings.fiscalYearStartMonth, from, state.horizon);
  }
  // The periods ending at the horizon, when the customers' shares of them are kept: subtracted as kept, not computed again.
  const sharesMonth = state.horizon !== null && state.contributionsThrough === state.horizon ? state.horizon : null;
  const shared = periods.filter((p) => endOf(p) === sharesMonth);
  const computed = periods.filter((p) => endOf(p) !== sharesMonth);
  // While the aggregates are being built, the months after the horizon are the build's to compute (from the facts, this write's
  // included); a write opens no month.
  const opens = !state.building && what.latest !== null && (state.horizon === null || what.latest > state.horizon);
  // A large workspace leaves the new months to the background build (below): the horizon, and the shares of its periods, stay.
  const background = opens && (await opensInBackground(em, workspaceId));
  const keepShares = !opens || background;
  if (state.building && anyone) {
    // A step of the build may be computing the next month from a snapshot taken before this write: it computes these customers
    // again before recording the month (reconciledStep).
    await em.query(`INSERT INTO kpi_aggregate_pending (workspace_id, customers, customerless) VALUES ($1, $2::uuid[], $3)`, [
      workspaceId,
      what.customers,
      what.customerless,
    ]);
  }
  await applyContributions(em, workspaceId, state.settings, computed, restrict, -1, what.sources);
  if (shared.length) await subtractShares(em, workspaceId, sharesMonth!, restrict, what.sources);
  const result = await write();
  await applyContributions(em, workspaceId, state.settings, computed, restrict, 1, what.sources);
  if (shared.length) {
    // A write that opens months keeps the shares of the new last month instead (computeMonths below).
    await applyContributions(em, workspaceId, state.settings, shared, restrict, 1, what.sources, { keep: keepShares });
    if (keepShares) await dropEmptyShares(em, workspaceId, sharesMonth!, restrict);
  }
  await dropEmpty(em, workspaceId, periods);
  let horizon = state.horizon;
  let building = state.building;
  // (Shares of another month than the horizon are not read, and are dropped when the next month opens.)
  let contributionsThrough = state.contributionsThrough;
  if (background) {
    // A large workspace: computing the new months reads every customer's facts (minutes at 1,000,000 customers, past the
    // statement limit), so the write leaves them to the background build (KpiAggregateBuilder, a month per step, beside the
    // writes), as after a settings change. The horizon stays: the periods ending after it are computed from the facts until
    // the build has them, and the writes meanwhile open no month.
    building = true;
  } else if (opens) {
    // New months open: their periods, for every customer, keeping the shares of the new last month's.
    const from = horizon === null ? await firstFactMonth(em, workspaceId) : addMonths(horizon, 1);
    contributionsThrough = from === null ? null : await computeMonths(em, workspaceId, state.settings, from, what.latest!, {
      keepLast: true,
      dropKept: state.contributionsThrough !== null,
    });
    horizon = what.latest;
  }
  await saveState(em, workspaceId, state.settings, horizon, { building, contributionsThrough });
  return result;
}

/** How many months of periods one statement of a rebuild computes (a bound on its size and its time). */
const REBUILD_MONTHS_PER_STATEMENT = 6;

/**
 * Computes a workspace's aggregates from its facts, under its current settings, and makes them current, in the caller's one
 * transaction (holding the workspace's writes until it commits): after a bulk load that suspended them (the demo workspaces, the
 * seed, the benchmarks). The API's own changes build them a month at a time instead (startKpiAggregateBuild).
 */
export async function rebuildKpiAggregates(em: EntityManager, workspaceId: string): Promise<{ horizon: string | null; periods: number }> {
  await startKpiAggregateBuild(em, workspaceId);
  let periods = 0;
  for (;;) {
    const step = await buildKpiAggregatesStep(em, workspaceId, { months: REBUILD_MONTHS_PER_STATEMENT });
    periods += step.periods;
    if (!step.building) return { horizon: step.horizon, periods };
  }
}

/**
 * Starts building a workspace's aggregates afresh under its current settings, a month at a time (buildKpiAggregatesStep), instead
 * of in one transaction: for a change of the business model, the activity window or the fiscal year (updateWorkspace), which
 * must not hold the workspace for the minutes a large workspace's rebuild takes. Until the build reaches the watermark, KPI
 * statements read the months built from the aggregates and the rest from the facts: exact all along. With `onlyIfKept`, a
 * workspace whose aggregates are suspended (a bulk load) is left alone. Returns whether a build was started.
 */
export async function startKpiAggregateBuild(em: EntityManager, workspaceId: string, options: { onlyIfKept?: boolean } = {}): Promise<boolean> {
  await lockKpiAggregates(em, workspaceId);
  if (options.onlyIfKept && (await em.query(`SELECT 1 FROM kpi_aggregate_state WHERE workspace_id = $1`, [workspaceId])).length === 0) return false;
  const state = await readState(em, workspaceId);
  if (!state) throw new Error(`workspace ${workspaceId} not found`);
  await dropAggregates(em, workspaceId);
  await saveState(em, workspaceId, state.settings, null, { building: true });
  return true;
}

/** How many months one step of a build computes: one month's periods for every customer (the month, its quarter and year to date). */
export const BUILD_MONTHS_PER_STEP = 1;

/** What a step of a build did: whether the build goes on, the horizon reached, and the periods it computed. */
export interface BuildStep {
  building: boolean;
  horizon: string | null;
  periods: number;
  /**
   * How runKpiAggregateBuildStep recorded it: `optimistic`, beside the writes; `reconciled` with the writes made during it;
   * `held`, holding the writes; `abandoned`, a reconciled step that found the state changed and recorded nothing.
   */
  how?: 'optimistic' | 'reconciled' | 'held' | 'abandoned';
}

/**
 * One step of a workspace's build (startKpiAggregateBuild), in the caller's transaction: the periods of the next month (or
 * `months` months) after the horizon, for every customer, from the facts as they are. A build that finds the aggregates not current (a write went
 * around the API) starts over.
 *
 * - `holding` (the default): it holds the workspace's writes for the whole step (they wait, up to WRITE_LOCK_WAIT_MS).
 * - `optimistic`: in a REPEATABLE READ transaction, it computes the month from its snapshot without holding anyone, then takes
 *   the workspace for an instant to record it; if a write committed meanwhile, recording fails with a serialization failure
 *   (40001) and the caller runs the step again (runKpiAggregateBuildStep).
 */
export async function buildKpiAggregatesStep(
  em: EntityManager,
  workspaceId: string,
  options: { mode?: 'holding' | 'optimistic'; months?: number } = {},
): Promise<BuildStep> {
  const mode = options.mode ?? 'holding';
  // The workspace row, which every write of facts updates (its versions' triggers): held, no write of the workspace commits
  // while the step reads the facts, so the facts_version it records is that of the facts it read (optimistic: taken at the
  // end, where a write committed since the snapshot makes it fail).
  const holdWrites = async () => {
    await lockKpiAggregates(em, workspaceId);
    await em.query(`SELECT id FROM workspace WHERE id = $1 FOR UPDATE`, [workspaceId]);
  };
  if (mode === 'holding') await holdWrites();
  await withoutJit(em);
  const state = await readState(em, workspaceId);
  if (!state?.building) return { building: false, horizon: state?.horizon ?? null, periods: 0 };
  let horizon = state.horizon;
  if (!state.current) {
    await dropAggregates(em, workspaceId);
    horizon = null;
  }
  const { target, from } = await nextToBuild(em, workspaceId, horizon);
  if (target === null || from === null || from > target) {
    // Nothing (more) to build: the horizon is the watermark, as after a rebuild (or stays where writes have taken it).
    const reached = horizon === null || (target !== null && target > horizon) ? target : horizon;
    const contributionsThrough = state.current ? state.contributionsThrough : null;
    await saveState(em, workspaceId, state.settings, reached, { contributionsThrough });
    return { building: false, horizon: reached, periods: 0 };
  }
  const to = [addMonths(from, (options.months ?? BUILD_MONTHS_PER_STEP) - 1), target].sort()[0];
  const building = to < target;
  await dropUnrecorded(em, workspaceId, from);
  // The month's rows are new (its periods end after the horizon, which no write keeps), so computing them holds no row a write
  // needs; the last step keeps the customers' shares of its last month. The shares kept before are the writes' until the
  // step is recorded: an optimistic step leaves them (runKpiAggregateBuildStep deletes them after), where deleting them
  // would lock rows the writes update.
  const contributionsThrough = await computeMonths(em, workspaceId, state.settings, from, to, {
    keepLast: !building,
    dropKept: mode === 'holding' && state.current && state.contributionsThrough !== null,
  });
  if (mode === 'optimistic') await holdWrites();
  // Every write recorded for the step was made before its snapshot (optimistic: else recording fails) or before it held them.
  await dropPending(em, workspaceId);
  await saveState(em, workspaceId, state.settings, to, { building, contributionsThrough });
  return { building, horizon: to, periods: aggregatePeriods(state.settings.fiscalYearStartMonth, from, to).length };
}

/** How many times a step is computed beside the workspace's writes (optimistic) before a step reconciles them (reconciledStep). */
const OPTIMISTIC_STEP_ATTEMPTS = 1;
/** Without reconciled steps (kpiAggregateTuning.reconciledSteps off): the optimistic attempts before a step holds the writes. */
const HELD_AFTER_ATTEMPTS = 3;

/** The target month of a build: the derived watermark. */
async function buildTarget(em: EntityManager, workspaceId: string): Promise<string | null> {
  const [{ target }]: { target: string | null }[] = await em.query(`SELECT to_char(${derivedWatermarkSql('$1::uuid')}, 'YYYY-MM-DD') AS target`, [
    workspaceId,
  ]);
  return target;
}

/** The build's target month, and the month its next step computes after `horizon` (null when there is nothing to build). */
async function nextToBuild(em: EntityManager, workspaceId: string, horizon: string | null): Promise<{ target: string | null; from: string | null }> {
  const target = await buildTarget(em, workspaceId);
  const from = target === null ? null : horizon === null ? await firstFactMonth(em, workspaceId) : addMonths(horizon, 1);
  return { target, from };
}

/** Test hooks of reconciledStep. */
export interface ReconciledStepHooks {
  /** Called once the month is computed from the snapshot (and committed), before the step takes the workspace to record it. */
  afterSnapshot?: () => Promise<void>;
}

/**
 * One month of a build computed beside the workspace's writes whatever they do meanwhile, holding them only for an instant: the
 * step for a workspace written to all the time, where an optimistic step fails because a write committed during its minutes.
 *
 * 1. In a `REPEATABLE READ` transaction, the month's periods are computed for every customer from the snapshot, with each
 *    customer's share (kpi_customer_contribution), and committed: rows of periods after the horizon, which no reader and no
 *    write reads. The writes recorded so far (kpi_aggregate_pending) are those the snapshot holds.
 * 2. Holding the workspace's writes, the customers of the writes recorded since are computed again, as a write does it: their
 *    shares from the snapshot are subtracted, their contributions now are added, their shares replaced. The horizon moves on.
 * 3. Without holding anyone, the shares no longer needed are deleted (the month's own, unless the build ends here in a
 *    workspace that keeps them).
 *
 * One connection carries the three transactions, and claims the workspace's build for the session, so that no other step of
 * it runs in between. Returns null when another step holds the claim, and undefined when this one cannot compute the month so
 * (nothing to build, or the aggregates not current): the ordinary step then does it.
 */
export async function reconciledStep(
  dataSource: DataSource,
  workspaceId: string,
  statementTimeoutMs: number,
  hooks: ReconciledStepHooks = {},
): Promise<BuildStep | null | undefined> {
  return withClaimedBuild(dataSource, workspaceId, statementTimeoutMs, (build) => reconcile(build, workspaceId, hooks));
}

async function reconcile(build: ClaimedBuild, workspaceId: string, hooks: ReconciledStepHooks = {}): Promise<BuildStep | undefined> {
  // 1. The month from the snapshot.
  const computed = await build.inTransaction('REPEATABLE READ', async (em) => {
    const state = await readState(em, workspaceId);
    if (!state?.building || !state.current) return undefined;
    const { target, from } = await nextToBuild(em, workspaceId, state.horizon);
    if (target === null || from === null || from > target) return undefined;
    const seen: { seq: string }[] = await em.query(`SELECT seq FROM kpi_aggregate_pending WHERE workspace_id = $1`, [workspaceId]);
    const periods = aggregatePeriods(state.settings.fiscalYearStartMonth, from, from);
    await dropUnrecorded(em, workspaceId, from);
    await applyContributions(em, workspaceId, state.settings, periods, undefined, 1, undefined, { keep: true });
    return { state, month: from, periods, seen: seen.map((r) => r.seq) };
  });
  if (!computed) return undefined;
  await hooks.afterSnapshot?.();
  const { state, month, periods, seen } = computed;
  // 2. Reconciled with the writes made since, holding them.
  const recorded = await build.inTransaction('READ COMMITTED', async (em) => {
    await lockKpiAggregates(em, workspaceId);
    await em.query(`SELECT id FROM workspace WHERE id = $1 FOR UPDATE`, [workspaceId]);
    const now = await readState(em, workspaceId);
    const abandon = async () => {
      // What it computed is no one's: the rows of periods after the horizon as it is now (none is legitimate).
      await dropUnrecorded(em, workspaceId, now?.horizon ? addMonths(now.horizon, 1) : '0001-01-01');
      return null;
    };
    // Another build started, a write went around the API, or a write brought facts of a month before the first one: the
    // month computed is not the next one to record. The next round starts again from the state as it is.
    if (!now?.current || !now.building || now.horizon !== state.horizon) return abandon();
    if (now.horizon === null && (await firstFactMonth(em, workspaceId)) !== month) return abandon();
    const [since]: { customers: string[] | null; customerless: boolean | null }[] = await em.query(
      `SELECT array_agg(DISTINCT c.id) FILTER (WHERE c.id IS NOT NULL) AS customers, bool_or(p.customerless) AS customerless
         FROM kpi_aggregate_pending p LEFT JOIN LATERAL unnest(p.customers) AS c(id) ON true
        WHERE p.workspace_id = $1 AND NOT (p.seq = ANY($2::bigint[]))`,
      [workspaceId, seen],
    );
    const restrict = { customers: since.customers ?? [], customerless: since.customerless === true };
    if (restrict.customers.length > 0 || restrict.customerless) {
      await subtractShares(em, workspaceId, month, restrict);
      await applyContributions(em, workspaceId, now.settings, periods, restrict, 1, undefined, { keep: true });
      await dropEmptyShares(em, workspaceId, month, restrict);
    }
    await dropEmpty(em, workspaceId, periods);
    const target = await buildTarget(em, workspaceId);
    const building = target !== null && month < target;
    const contributionsThrough = !building && (await keepsShares(em, workspaceId)) ? month : null;
    await dropPending(em, workspaceId);
    await saveState(em, workspaceId, now.settings, month, { building, contributionsThrough });
    return { building, horizon: month, periods: periods.length, how: 'reconciled' as const };
  });
  // 3. The shares no longer read: all but those of the month the state names (none while the build goes on).
  await build.inTransaction('READ COMMITTED', (em) => dropUnusedShares(em, workspaceId));
  return recorded ?? { building: true, horizon: state.horizon, periods: 0, how: 'abandoned' };
}

/**
 * One step of a build in transactions of its own, with `statementTimeoutMs` as the statement limit (0: none): computed beside the
 * workspace's writes (optimistic); when a write committed meanwhile, computed again and reconciled with the writes made during
 * it (reconciledStep), so that a workspace written to all the time is still built without holding its writes for a step's
 * length; holding them only where that cannot compute the step. Null when another transaction is computing a step of the
 * workspace (withClaimedBuild): nothing was done.
 */
export async function runKpiAggregateBuildStep(dataSource: DataSource, workspaceId: string, statementTimeoutMs: number): Promise<BuildStep | null> {
  return withClaimedBuild(dataSource, workspaceId, statementTimeoutMs, async (build) => {
    const reconciled = kpiAggregateTuning.reconciledSteps;
    for (let attempt = 1; attempt <= (reconciled ? OPTIMISTIC_STEP_ATTEMPTS : HELD_AFTER_ATTEMPTS); attempt += 1) {
      try {
        const step = await build.inTransaction('REPEATABLE READ', (em) => buildKpiAggregatesStep(em, workspaceId, { mode: 'optimistic' }));
        await build.inTransaction('READ COMMITTED', (em) => dropUnusedShares(em, workspaceId));
        return { ...step, how: 'optimistic' as const };
      } catch (err) {
        // Overtaken by a write (a serialization failure when it comes to record, or a deadlock with one).
        const code = (err as { driverError?: { code?: string } }).driverError?.code;
        if (code !== '40001' && code !== '40P01') throw err;
      }
    }
    if (reconciled) {
      const step = await reconcile(build, workspaceId);
      if (step !== undefined) return step;
    }
    const held = await build.inTransaction('READ COMMITTED', (em) => buildKpiAggregatesStep(em, workspaceId, { mode: 'holding' }));
    return { ...held, how: 'held' as const };
  });
}

/** A connection that holds the claim of a workspace's build (withClaimedBuild), and runs transactions under the step's limits. */
interface ClaimedBuild {
  inTransaction<T>(isolation: 'REPEATABLE READ' | 'READ COMMITTED', work: (em: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` on a connection of its own that claims the workspace's build for its session (an advisory lock), or returns null
 * when another one holds it (another instance's builder, the script): a step of a large workspace takes minutes, and two
 * instances computing the same month side by side would each take twice as long for one result; a reconciled step's
 * transactions must follow one another with no other step between them.
 */
async function withClaimedBuild<T>(
  dataSource: DataSource,
  workspaceId: string,
  statementTimeoutMs: number,
  work: (build: ClaimedBuild) => Promise<T>,
): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ claimed }]: { claimed: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(7414, hashtext($1::text)) AS claimed`, [workspaceId]);
    if (!claimed) return null;
    try {
      return await work({
        inTransaction: (isolation, fn) =>
          transactionOn(runner, `BEGIN ISOLATION LEVEL ${isolation}`, async (em) => {
            await em.query(`SELECT set_config('statement_timeout', $1, true), set_config('jit', 'off', true)`, [String(statementTimeoutMs)]);
            return fn(em);
          }),
      });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(7414, hashtext($1::text))`, [workspaceId]);
    }
  } finally {
    await runner.release();
  }
}

/** Deletes the shares no write reads any more: all but those of the month the state names (none while a build goes on). */
async function dropUnusedShares(em: EntityManager, workspaceId: string): Promise<void> {
  await em.query(
    `DELETE FROM kpi_customer_contribution k WHERE k.workspace_id = $1
        AND k.period_end IS DISTINCT FROM (SELECT s.contributions_through FROM kpi_aggregate_state s WHERE s.workspace_id = $1)`,
    [workspaceId],
  );
}

/** How long finishKpiAggregateBuild waits before trying again when another transaction is computing a step. */
const CLAIMED_STEP_WAIT_MS = 250;

/**
 * Runs a workspace's build to its end, a step at a time, without a statement limit: the script, the benchmark and the tests.
 * While another instance computes a step, it waits, then goes on from there.
 */
export async function finishKpiAggregateBuild(dataSource: DataSource, workspaceId: string, onStep?: (step: BuildStep) => void): Promise<BuildStep> {
  for (;;) {
    const step = await runKpiAggregateBuildStep(dataSource, workspaceId, 0);
    if (step === null) {
      await new Promise((resolve) => setTimeout(resolve, CLAIMED_STEP_WAIT_MS));
      continue;
    }
    onStep?.(step);
    if (!step.building) return step;
  }
}

/** The builds under way in the database (every workspace's: the builder's own statement, not a request's). */
async function buildsUnderWay(dataSource: DataSource): Promise<string[]> {
  const rows: { workspace_id: string }[] = await dataSource.query(`SELECT workspace_id FROM kpi_aggregate_state WHERE building ORDER BY updated_at`);
  return rows.map((r) => r.workspace_id);
}

/** The least a builder needs of a logger. */
interface BuilderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Carries the builds under way (startKpiAggregateBuild) forward in the background of a server: every `intervalMs`, one step of
 * each workspace being built (runKpiAggregateBuildStep), with `stepTimeoutMs` as its statement limit. Several instances may
 * step the same build: a step recorded by one makes the other's fail to record and compute the next month instead. A build
 * outlives a restart: its state is in the database.
 */
export class KpiAggregateBuilder {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  private readonly metrics?: { builds: Gauge; steps: Counter<'outcome'>; seconds: Histogram<'outcome'> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: BuilderLogger,
    private readonly options: { intervalMs: number; stepTimeoutMs: number; registry?: Registry },
  ) {
    const registers = options.registry ? [options.registry] : undefined;
    if (registers) {
      this.metrics = {
        builds: new Gauge({ name: 'journeygraph_kpi_aggregate_builds', help: 'Workspaces whose KPI aggregates are being built, as the last round of the builder found them', registers }),
        steps: new Counter({
          name: 'journeygraph_kpi_aggregate_build_steps_total',
          help: 'Build steps of the KPI aggregates this instance ran, by how they were recorded (optimistic, reconciled, held, abandoned, failed)',
          labelNames: ['outcome'],
          registers,
        }),
        seconds: new Histogram({
          name: 'journeygraph_kpi_aggregate_build_step_seconds',
          help: 'How long the build steps of the KPI aggregates took, by how they were recorded',
          labelNames: ['outcome'],
          buckets: [0.5, 2, 5, 15, 30, 60, 120, 300, 600, 1800],
          registers,
        }),
      };
    }
  }

  start(): void {
    this.timer = setInterval(() => {
      this.round ??= this.runRound().finally(() => {
        this.round = undefined;
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    let workspaces: string[];
    try {
      workspaces = await buildsUnderWay(this.dataSource);
      this.metrics?.builds.set(workspaces.length);
    } catch (err) {
      this.logger.warn({ err }, 'KPI aggregate builds: could not read the builds under way');
      return;
    }
    for (const workspaceId of workspaces) {
      if (this.stopped) return;
      const started = Date.now();
      try {
        const step = await runKpiAggregateBuildStep(this.dataSource, workspaceId, this.options.stepTimeoutMs);
        // Another instance is computing this workspace's step: its turn.
        if (step === null) continue;
        this.counted(step.how ?? 'optimistic', started);
        this.logger.info({ workspaceId, ...step, ms: Date.now() - started }, step.building ? 'KPI aggregates: a month built' : 'KPI aggregates built');
      } catch (err) {
        this.counted('failed', started);
        this.logger.warn({ err, workspaceId }, 'KPI aggregates: a build step failed; it is tried again in the next round');
      }
    }
  }

  private counted(outcome: string, started: number): void {
    this.metrics?.steps.inc({ outcome });
    this.metrics?.seconds.observe({ outcome }, (Date.now() - started) / 1000);
  }

  /** Stops starting steps and waits for the one under way. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round;
  }
}

/**
 * Takes a workspace's aggregates out of use (KPIs are computed from the facts) and stops keeping them: for a bulk load (a
 * generator, an import of history), after which rebuildKpiAggregates computes them once instead of once per batch.
 */
export async function suspendKpiAggregates(em: EntityManager, workspaceId: string): Promise<void> {
  await lockKpiAggregates(em, workspaceId);
  await em.query(`DELETE FROM kpi_aggregate_state WHERE workspace_id = $1`, [workspaceId]);
  await dropAggregates(em, workspaceId);
}

/** Makes a new (empty) workspace's aggregates current, so that its writes keep them from the first one. */
export async function startKpiAggregates(em: EntityManager, workspaceId: string): Promise<void> {
  await lockKpiAggregates(em, workspaceId);
  const state = await readState(em, workspaceId);
  if (!state) throw new Error(`workspace ${workspaceId} not found`);
  await saveState(em, workspaceId, state.settings, null);
}

/** The aggregates' read state: whether they are current, and the last month they hold (later periods are read from the facts). */
export interface AggregateReadState {
  current: boolean;
  horizon: string | null;
}

/** SQL of the read state for the workspace row `w`: `aggregates_current` and `aggregates_horizon` columns. */
export function aggregateReadSql(w: string): string {
  return `(SELECT s.facts_version = ${w}.facts_version AND s.fiscal_year_start_month = ${w}.fiscal_year_start_month
              AND s.business_model = ${w}.business_model AND s.activity_window_months = ${w}.activity_window_months
            FROM kpi_aggregate_state s WHERE s.workspace_id = ${w}.id) AS aggregates_current,
          (SELECT to_char(s.horizon, 'YYYY-MM-DD') FROM kpi_aggregate_state s WHERE s.workspace_id = ${w}.id) AS aggregates_horizon`;
}



/**
 * The aggregates' read state as the caller's own snapshot sees it, for a statement under the settings it was compiled with:
 * current only when the state is at the snapshot's facts and under these settings. A KPI statement that reads the aggregates
 * takes its horizon from here, in the transaction it runs in: a build step moves the horizon and writes the month's rows
 * without a write of facts (no new data version), so a replica that has not replayed the step, or a snapshot taken before it,
 * would otherwise read periods it does not hold yet.
 */
export async function aggregateStateInSnapshot(
  queryable: Pick<EntityManager, 'query'>,
  workspaceId: string,
  settings: { fiscalYearStartMonth: number; businessModel: string; activityWindowMonths: number },
): Promise<AggregateReadState> {
  const rows: { current: boolean; horizon: string | null }[] = await queryable.query(
    `SELECT s.facts_version = w.facts_version AND s.fiscal_year_start_month = $2 AND s.business_model::text = $3
            AND s.activity_window_months = $4 AS current, to_char(s.horizon, 'YYYY-MM-DD') AS horizon
       FROM workspace w JOIN kpi_aggregate_state s ON s.workspace_id = w.id WHERE w.id = $1`,
    [workspaceId, settings.fiscalYearStartMonth, settings.businessModel, settings.activityWindowMonths],
  );
  return rows[0]?.current === true ? { current: true, horizon: rows[0].horizon } : { current: false, horizon: null };
}

/** The fact tables a write touches the aggregates through, and how a row names its customer and its first month. */
const FACT_ROWS = {
  revenue: { from: 'revenue f', customer: 'f.customer_id', month: 'f.month' },
  cost: { from: 'cost f', customer: 'f.customer_id', month: 'f.month' },
  invoice: { from: 'invoice f', customer: 'f.customer_id', month: `date_trunc('month', f.issued_on)::date` },
  survey: { from: 'survey f', customer: 'f.customer_id', month: `(date_trunc('month', f.responded_at AT TIME ZONE 'UTC'))::date` },
  event: { from: 'event f', customer: 'f.customer_id', month: `(date_trunc('month', f.occurred_at AT TIME ZONE 'UTC'))::date` },
  // An order counts in its month, and its refunds (under its customer) in theirs.
  order: {
    from: '"order" f',
    customer: 'f.customer_id',
    month: `least((date_trunc('month', f.ordered_at AT TIME ZONE 'UTC'))::date,
      (SELECT (date_trunc('month', min(r.refunded_at) AT TIME ZONE 'UTC'))::date FROM refund r WHERE r.workspace_id = f.workspace_id AND r.order_id = f.id))`,
  },
  refund: {
    from: 'refund f JOIN "order" o ON o.workspace_id = f.workspace_id AND o.id = f.order_id',
    customer: 'o.customer_id',
    month: `(date_trunc('month', f.refunded_at AT TIME ZONE 'UTC'))::date`,
  },
} as const;
export type FactTable = keyof typeof FACT_ROWS;

/** What the stored rows of `table` with these external ids touch (before a write replaces or deletes them). */
export async function touchedByExternalIds(em: EntityManager, table: FactTable, workspaceId: string, externalIds: string[]): Promise<Touched> {
  const rows = FACT_ROWS[table];
  const [row]: { customers: string[] | null; customerless: boolean | null; first: string | null }[] = await em.query(
    `SELECT array_agg(DISTINCT ${rows.customer}) FILTER (WHERE ${rows.customer} IS NOT NULL) AS customers,
            bool_or(${rows.customer} IS NULL) AS customerless, to_char(min(${rows.month}), 'YYYY-MM-DD') AS first
       FROM ${rows.from} WHERE f.workspace_id = $1 AND f.external_id = ANY($2::varchar[])`,
    [workspaceId, externalIds],
  );
  return { customers: row.customers ?? [], customerless: row.customerless === true, from: row.first, latest: null, sources: SOURCES_OF[table] };
}

/** What new rows touch: their customers (null: a cost naming none) and months (first days, or times), and whether they are money that moves the horizon. */
export function touchedByRows(table: FactTable, customers: (string | null)[], months: string[]): Touched {
  const money = table === 'revenue' || table === 'order';
  const firstDays = months.map((m) => `${m.slice(0, 7)}-01`).sort();
  return {
    customers: [...new Set(customers.filter((c): c is string => c !== null))],
    customerless: customers.some((c) => c === null),
    from: firstDays[0] ?? null,
    latest: money ? (firstDays.at(-1) ?? null) : null,
    sources: SOURCES_OF[table],
  };
}
