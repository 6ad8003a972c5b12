import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from '../src/db/data-source';
import { createServices } from '../src/core/module';
import { Role } from '../src/core/role.enum';
import { BusinessModel } from '../src/modules/workspaces/workspace.enums';
import { appEntities, appModules } from '../src/app.modules';
import { addMonths } from '../src/demo/generator/dataset';
import { createSetWiseWorkspace } from './business-model-workspaces';
import { gqlRaw, ServerProcess, stats, type Stats } from './bench-kit';

/**
 * npm run bench -- --only scale [--sizes 10000,100000,1000000] [--models SUBSCRIPTION,TRANSACTIONAL] [--runs R] [--fresh] [--drop]
 *
 * The KPI matrix at scale, from the facts (the aggregate read path off: KPI_AGGREGATES=off) and from the incremental
 * aggregates (src/modules/kpi/aggregates, when the build has them), side by side on the same data and the same batches.
 *
 * For each size and business model, a database of its own on the PostgreSQL server of DATABASE_URL, `jg_scale_<model>_<size>`,
 * holds ONE workspace of `size` customers × 36 months written set-wise in SQL (INSERT … SELECT … FROM generate_series, the
 * generators of test/helpers/kpi-dataset.ts: the ingestion path would take hours at 1,000,000 customers). A database is kept
 * between runs and reused while its recorded generator version, size, months and model match (`--fresh` generates it again,
 * `--drop` drops it after the run). One workspace per database makes the storage figures exact: pg_total_relation_size of
 * the aggregate tables against the facts' tables.
 *
 * Per size and model:
 *   (a) kpiMatrix 12 KPIs × 12 quarters × 4 tiers through the GraphQL API right after a 10,000-row batch pushed through the real
 *       mutation for the latest month (recordRevenue on SUBSCRIPTION, recordOrders on TRANSACTIONAL), median and p95 over the runs;
 *   (b) the ingestion rate of those batches in rows/s, and beside it the same batches with the aggregates not kept (the baseline);
 *   (c) the storage of the aggregate tables against the facts' tables;
 *   (d) the time to build the workspace's aggregates from scratch, a month per transaction as the server builds them after a
 *       settings change (startKpiAggregateBuild, finishKpiAggregateBuild), and the longest month: the longest a write waits;
 *   (e) a 10,000-row batch of the month after the generated ones, which opens a month: on a server that computes the new month
 *       in the write (KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS above the size: how every workspace opened a month before
 *       the background build took it over) and on the server as configured by default, with the time its background build
 *       took to compute the month; each undone after (the new month's facts, aggregate rows and the shares as they were).
 * Both paths are served by two server processes on the same database (the one with KPI_AGGREGATES=off), each with the default
 * statement timeout of 30 s: a matrix that runs longer is recorded as such (it is the point), not retried with a larger one.
 * The batches are undone before the next run (the recorded revenue rows restored, the bench's orders deleted), and the
 * aggregates rebuilt, so that every run starts from the generated data.
 */

export const SCALE_GOALS = {
  /** kpiMatrix right after a 10,000-row batch, aggregate path, median. */
  matrixMs: { 100_000: 300, 1_000_000: 1_000 } as Record<number, number>,
  /** Ingestion with the aggregates maintained, at 1,000,000 customers. */
  ingestionRowsPerSecond: { 1_000_000: 15_000 } as Record<number, number>,
  /** Aggregate tables / facts' tables, every size. */
  storageRatio: 0.5,
};
/** Bump when the generated data changes: a kept database of another version is generated again. */
const GENERATOR_VERSION = 2;
const MONTHS = 36;
const START = '2023-01-01';
const LATEST_MONTH = addMonths(START, MONTHS - 1);
/** The month after the generated ones: (e)'s batch opens it. */
const NEXT_MONTH = addMonths(START, MONTHS);
/** How long (f) writes while the new month is built, at most (then it waits for the build without writing). */
const F_WRITES_MS = 10 * 60_000;
/** How long (e) waits for the background build of the new month. */
const OPEN_MONTH_BUILD_WAIT_MS = 4 * 3_600_000;
const BATCH = 10_000;
const TWELVE = ['ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE', 'MRR', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'GROSS_MARGIN', 'CAC', 'CLV', 'CUSTOMER_EQUITY'];
const PERIOD = { grain: 'QUARTER', from: '2023-01-01', to: '2025-12-31' };
/** (e)'s matrix: the same quarters and the one (e)'s batch opens. */
const PERIOD_WITH_NEXT = { grain: 'QUARTER', from: '2023-01-01', to: '2026-03-31' };
const MATRIX = `query Matrix($m: [KpiKey!]!, $p: PeriodInput!) { kpiMatrix(metrics: $m, period: $p, rows: TIER) {
  rows { total key cells { kpi value previousValue change series { periodStart value } } } } }`;
/** The facts' tables: what the aggregates summarise. */
const FACT_TABLES = ['revenue', 'order', 'refund', 'cost', 'event', 'survey', 'invoice'];
const GENERATION_HOW =
  'set-wise in SQL: one INSERT … SELECT … FROM generate_series per fact table (test/helpers/kpi-dataset.ts: generateDataset, generateOrders), ' +
  'triggers and foreign-key checks skipped (session_replication_role = replica), the indexes of the facts\' tables built after the rows, ' +
  'in a database of its own per size and model, kept between runs';
/** Generation may run long at 1,000,000 customers (tens of millions of rows in one statement): its own statement timeout. */
const GENERATION_STATEMENT_TIMEOUT_MS = 6 * 3_600_000;
/** The servers' statement timeout: the default of DB_STATEMENT_TIMEOUT_MS, not raised for the baseline. */
const SERVER_STATEMENT_TIMEOUT_MS = 30_000;

export type Model = 'SUBSCRIPTION' | 'TRANSACTIONAL';
export const MODELS: Model[] = ['SUBSCRIPTION', 'TRANSACTIONAL'];
type PathName = 'facts' | 'aggregates';

interface MatrixRun {
  ms: number;
  /** The error code when the request failed (QUERY_TOO_COMPLEX with limit statementTimeout: the 30 s statement timeout). */
  error?: string;
}
interface PathResult {
  /** kpiMatrix right after each batch. `stats` is over every run; a run that failed counts with its time (a lower bound). */
  matrix: Stats & { failed: number; errors: string[]; sqlStatements: number; runs: number };
  ingestion: { batchesMs: number[]; rowsPerSecond: number; median: number; results: { inserted: number; updated: number; unchanged: number }[] };
  warmUp: MatrixRun;
}
export interface ScaleCase {
  customers: number;
  model: Model;
  database: string;
  generated: { reused: boolean; at: string; seconds: number; rows: Record<string, number>; totalRows: number; how: string };
  aggregates: {
    available: boolean;
    why?: string;
    rebuildSeconds?: number;
    rebuildResult?: unknown;
    /** When the build has month-by-month builds: how (d) was built, and each month's step (a transaction each), in ms. */
    how?: string;
    stepsMs?: number[];
    /** `--reuse-aggregates`: the aggregates of an earlier run, current, were measured as they were (no (d) in this run). */
    reused?: boolean;
    /** `--quarter-ends-only`: the months built (each a step) and each one's time, in ms (no (d) in this run). */
    quarterEnds?: { months: string[]; stepsMs: number[]; seconds: number };
  };
  storage: { facts: Record<string, number>; factsBytes: number; customerBytes: number; aggregates: Record<string, number>; aggregatesBytes: number; ratio: number | null; how: string };
  paths: Partial<Record<PathName, PathResult>>;
  comparison?: { cells: number; differing: number; examples: string[] } | { skipped: string };
  /**
   * The baseline of (b): the same batches, on the same server and data, with the aggregates not kept (made not current, so
   * that a write only writes), measured after the rounds above.
   */
  withoutAggregates?: { batchesMs: number[]; median: number; rowsPerSecond: number; results: ({ inserted: number; updated: number; unchanged: number } | null)[]; how: string };
  /** (e): the first batch of a new month, the month computed in the write (`inWrite`) and left to the background build (`background`). */
  openMonth?: {
    inWrite: { ms: number; error?: string };
    /** `building`: the batch left the month to the build; `horizon`: the aggregates' horizon once built (the new month). */
    background: { ms: number; error?: string; building: boolean; builtMs: number | null; horizon: string; whileBuilding?: MatrixRun; onceBuilt?: MatrixRun };
    how: string;
  };
  /**
   * (f): the month of (e) built while 10,000-row batches of the latest month arrive back to back, with build steps that hold the
   * writes after three overtaken attempts (`held`, KPI_AGGREGATE_RECONCILED_STEPS off) and reconciled with them (`reconciled`).
   */
  writesDuringBuild?: Partial<
    Record<
      'held' | 'reconciled',
      { opened: { ms: number; error?: string }; builtMs: number | null; writesStoppedMs: number | null; batches: number; refused: number; errors: string[]; accepted: Stats | null; batchesMs: number[] }
    >
  >;
  loadAverage: { before: number[]; during: number[][]; after: number[] };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const load = () => os.loadavg().map(round2);

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

type Rebuild = (em: EntityManager, workspaceId: string) => Promise<unknown>;
type StartBuild = (em: EntityManager, workspaceId: string) => Promise<boolean>;
type FinishBuild = (ds: DataSource, workspaceId: string, onStep?: (step: { building: boolean; horizon: string | null; periods: number }) => void) => Promise<unknown>;
type BuildStep = (em: EntityManager, workspaceId: string, options: { mode: 'holding' }) => Promise<{ building: boolean; horizon: string | null; periods: number }>;

/**
 * The build's aggregates, if it has them: rebuildKpiAggregates(entityManager, workspaceId), exported by a module of
 * src/modules/kpi/aggregates/ (loaded at run time, so that the bench builds and runs before the aggregates exist).
 */
function loadAggregates(): { rebuild?: Rebuild; startBuild?: StartBuild; finishBuild?: FinishBuild; step?: BuildStep; why?: string } {
  const dir = path.resolve(__dirname, '..', 'src', 'modules', 'kpi', 'aggregates');
  if (!fs.existsSync(dir)) return { why: 'this build has no src/modules/kpi/aggregates/' };
  const requireBuilt = createRequire(__filename);
  const files = [path.join(dir, 'index.js'), ...fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f))];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const mod = requireBuilt(file) as Record<string, unknown>;
    if (typeof mod.rebuildKpiAggregates === 'function') {
      const steps = typeof mod.startKpiAggregateBuild === 'function' && typeof mod.finishKpiAggregateBuild === 'function';
      return {
        rebuild: mod.rebuildKpiAggregates as Rebuild,
        ...(steps ? { startBuild: mod.startKpiAggregateBuild as StartBuild, finishBuild: mod.finishKpiAggregateBuild as FinishBuild } : {}),
        ...(typeof mod.buildKpiAggregatesStep === 'function' ? { step: mod.buildKpiAggregatesStep as BuildStep } : {}),
      };
    }
  }
  return { why: 'src/modules/kpi/aggregates/ exports no rebuildKpiAggregates' };
}

/** Tells this run's orders from an earlier run's (one kept with --reuse-aggregates): each batch's orders are new. */
const RUN_TAG = Date.now().toString(36);

/** The rows of one batch: `BATCH` rows for the latest month on the customers gen-1 … gen-BATCH; `round` makes every batch a change. */
function batchOf(model: Model, customers: number, label: string, round: number): { mutation: string; type: string; rows: unknown[] } {
  const width = Math.min(customers, BATCH);
  if (model === 'SUBSCRIPTION') {
    return {
      mutation: 'recordRevenue',
      type: 'RevenueRowInput',
      // Recurring revenue of the latest month: most of these customers pay then (an update of its amount), some had
      // churned or not started (a new row: a reactivation or a new customer).
      rows: Array.from({ length: width }, (_, i) => ({
        customer: `gen-${i + 1}`,
        month: LATEST_MONTH,
        type: 'RECURRING',
        amount: 40 + ((i + 1) * 29) % 400 + round + (label === 'facts' ? 0.37 : 0.73),
      })),
    };
  }
  return {
    mutation: 'recordOrders',
    type: 'OrderRowInput',
    rows: Array.from({ length: BATCH }, (_, i) => ({
      externalId: `scale-o-${label}-${RUN_TAG}-${round}-${i}`,
      customer: `gen-${1 + (i % width)}`,
      orderedAt: `${LATEST_MONTH.slice(0, 8)}${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
      amount: round2(0.12 * (150 + (i * 29 + round * 13) % 1500)),
    })),
  };
}

/** (e)'s batch: `BATCH` rows of NEXT_MONTH, revenue or orders, on the same customers as the other batches. */
function openMonthBatchOf(model: Model, customers: number, label: string): { mutation: string; type: string; rows: unknown[] } {
  const width = Math.min(customers, BATCH);
  if (model === 'SUBSCRIPTION') {
    return {
      mutation: 'recordRevenue',
      type: 'RevenueRowInput',
      rows: Array.from({ length: width }, (_, i) => ({ customer: `gen-${i + 1}`, month: NEXT_MONTH, type: 'RECURRING', amount: 40 + ((i + 1) * 31) % 400 })),
    };
  }
  return {
    mutation: 'recordOrders',
    type: 'OrderRowInput',
    rows: Array.from({ length: BATCH }, (_, i) => ({
      externalId: `scale-n-${label}-${RUN_TAG}-${i}`,
      customer: `gen-${1 + (i % width)}`,
      orderedAt: `${NEXT_MONTH.slice(0, 8)}${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
      amount: round2(0.12 * (150 + (i * 31) % 1500)),
    })),
  };
}

/** The revenue rows the SUBSCRIPTION batches overwrite, as generated: kept in the database, restored before each run. */
const SAVED_REVENUE = 'bench_scale_saved_revenue';
const BATCH_CUSTOMERS = `SELECT id FROM customer WHERE workspace_id = $1 AND external_id = ANY (SELECT 'gen-' || g FROM generate_series(1, $2::int) g)`;

async function saveBatchRows(ds: DataSource, workspaceId: string, customers: number): Promise<void> {
  await ds.query(`DROP TABLE IF EXISTS ${SAVED_REVENUE}`);
  await ds.query(
    `CREATE TABLE ${SAVED_REVENUE} AS SELECT workspace_id, customer_id, month, type, amount FROM revenue
     WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`,
    [workspaceId, Math.min(customers, BATCH), LATEST_MONTH],
  );
}

/** Whether the workspace's aggregates are current and built (an earlier run's, for --reuse-aggregates). */
async function aggregatesCurrent(ds: DataSource, workspaceId: string): Promise<boolean> {
  const rows: { current: boolean }[] = await ds.query(
    `SELECT s.facts_version = w.facts_version AND NOT s.building AND s.horizon IS NOT NULL AS current
       FROM workspace w JOIN kpi_aggregate_state s ON s.workspace_id = w.id WHERE w.id = $1`,
    [workspaceId],
  );
  return rows[0]?.current === true;
}

/** Undoes the batches of earlier runs: the generated revenue rows back, the bench's orders gone. */
async function restoreGenerated(ds: DataSource, workspaceId: string, model: Model, customers: number): Promise<void> {
  if (model === 'SUBSCRIPTION') {
    await ds.transaction(async (m) => {
      await m.query(`DELETE FROM revenue WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`, [
        workspaceId,
        Math.min(customers, BATCH),
        LATEST_MONTH,
      ]);
      await m.query(`INSERT INTO revenue (workspace_id, customer_id, month, type, amount) SELECT workspace_id, customer_id, month, type, amount FROM ${SAVED_REVENUE}`);
    });
  } else {
    await ds.query(`DELETE FROM "order" WHERE workspace_id = $1 AND external_id LIKE 'scale-o-%'`, [workspaceId]);
  }
  // The dead rows of earlier runs' batches, so that the storage figures are of the generated data (the visibility map keeps
  // this short: only the pages the batches touched are visited, and the indexes).
  await ds.query(model === 'SUBSCRIPTION' ? 'VACUUM ANALYZE revenue' : 'VACUUM ANALYZE "order"');
}

/**
 * The indexes of the facts' tables that no foreign key stands on (primary keys and unique constraints included), dropped
 * before the facts are written and built again after: one sort per index instead of a descent per row.
 */
async function dropFactIndexes(ds: DataSource): Promise<{ table: string; index: string; constraint: string | null; definition: string }[]> {
  const indexes: { table: string; index: string; constraint: string | null; definition: string }[] = await ds.query(
    `SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS index, c.conname AS constraint,
       CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid) ELSE pg_get_constraintdef(c.oid) END AS definition
     FROM pg_index i
     LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u')
     WHERE i.indrelid = ANY (SELECT to_regclass(quote_ident(t)) FROM unnest($1::text[]) t)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
     ORDER BY 1, 2`,
    [FACT_TABLES],
  );
  for (const ix of indexes) {
    await ds.query(ix.constraint ? `ALTER TABLE ${ix.table} DROP CONSTRAINT "${ix.constraint}"` : `DROP INDEX ${ix.index}`);
  }
  return indexes;
}

async function restoreFactIndexes(ds: DataSource, indexes: { table: string; constraint: string | null; definition: string }[]): Promise<void> {
  await ds.transaction(async (m) => {
    // One core for the builds (the machine is shared), and memory enough to sort the largest index at once.
    await m.query(`SET LOCAL max_parallel_maintenance_workers = 0`);
    await m.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    for (const ix of indexes) {
      await m.query(ix.constraint ? `ALTER TABLE ${ix.table} ADD CONSTRAINT "${ix.constraint}" ${ix.definition}` : ix.definition);
    }
  });
}

interface Meta {
  generator: number;
  customers: number;
  months: number;
  start: string;
  model: Model;
  workspace_id: string;
  generated_at: Date;
  generation_seconds: string;
  rows: Record<string, number>;
}

/** The database of one size and model: reused when it holds what this generator would write, else made afresh. */
async function ensureDatabase(
  adminUrl: string,
  customers: number,
  model: Model,
  fresh: boolean,
  log: (line: string) => void,
): Promise<{ name: string; url: string; meta: Meta | null }> {
  const name = `jg_scale_${model.toLowerCase()}_${customers}`;
  const url = databaseUrl(adminUrl, name);
  const exists = await withClient(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (exists && !fresh) {
    const meta = await withClient(url, async (c) => {
      const table = await c.query(`SELECT to_regclass('bench_scale') AS t`);
      if (!table.rows[0].t) return null;
      const { rows } = await c.query('SELECT * FROM bench_scale');
      return (rows[0] as Meta | undefined) ?? null;
    });
    if (meta && meta.generator === GENERATOR_VERSION && meta.customers === customers && meta.months === MONTHS && meta.model === model) {
      log(`${name}: reusing the data generated ${meta.generated_at.toISOString()} (generator ${meta.generator})`);
      return { name, url, meta };
    }
    log(`${name}: its data does not match this generator (${meta ? JSON.stringify({ ...meta, rows: undefined }) : 'no record'}); generating it again`);
  }
  await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return { name, url, meta: null };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function relationSizes(ds: DataSource, tables: string[]): Promise<Record<string, number>> {
  const rows: { t: string; bytes: string | null }[] = await ds.query(
    `SELECT t, pg_total_relation_size(to_regclass(quote_ident(t))) AS bytes FROM unnest($1::text[]) t`,
    [tables],
  );
  return Object.fromEntries(rows.filter((r) => r.bytes !== null).map((r) => [r.t, Number(r.bytes)]));
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(0.005, 1e-9 * Math.abs(a));
}

/** Every cell of two matrices: value, previous value, change and each quarter of the series, by row and KPI. */
function compareMatrices(a: any, b: any): { cells: number; differing: number; examples: string[] } {
  let cells = 0;
  const examples: string[] = [];
  let differing = 0;
  const rowKey = (r: any) => (r.total ? 'TOTAL' : (r.key ?? 'NULL'));
  const rowsB = new Map<string, any>(b.rows.map((r: any) => [rowKey(r), r]));
  if (a.rows.length !== b.rows.length) examples.push(`rows: ${a.rows.length} against ${b.rows.length}`);
  for (const rowA of a.rows) {
    const rowB = rowsB.get(rowKey(rowA));
    for (const cellA of rowA.cells) {
      const cellB = rowB?.cells.find((c: any) => c.kpi === cellA.kpi);
      const pairs: [string, number | null, number | null][] = [
        ['value', cellA.value, cellB?.value ?? null],
        ['previousValue', cellA.previousValue, cellB?.previousValue ?? null],
        ['change', cellA.change, cellB?.change ?? null],
        ...cellA.series.map((p: any, i: number): [string, number | null, number | null] => [p.periodStart, p.value, cellB?.series[i]?.value ?? null]),
      ];
      for (const [what, x, y] of pairs) {
        cells += 1;
        if (!rowB || !cellB || !sameNumber(x, y)) {
          differing += 1;
          if (examples.length < 20) examples.push(`${rowKey(rowA)} ${cellA.kpi} ${what}: facts ${x}, aggregates ${y}`);
        }
      }
    }
  }
  return { cells, differing, examples };
}

export async function runScale(options: {
  adminUrl: string;
  sizes: number[];
  /** The business models measured (both by default). */
  models?: Model[];
  /**
   * Measure on the aggregates an earlier run left current instead of building them again (hours at 1,000,000 customers): the
   * batches of earlier runs are then not undone, and (d) is not measured. The baseline of (b) leaves them current (see below).
   */
  reuseAggregates?: boolean;
  /** Leave (e) out (it builds a month of the workspace in the background: minutes at 1,000,000 customers). */
  skipOpenMonth?: boolean;
  /**
   * Build only the months that end a quarter instead of all 36 (for a size whose whole build does not fit the time at hand:
   * about three hours at 1,000,000 customers): each computed from the facts, as a step of the build computes it, the months
   * between them passed over by moving the build's horizon. The quarters, their year to date and the latest month's periods
   * are then exact (all that the quarterly matrix and the batches of the latest month read), the other months' own periods
   * are missing: the workspace serves this benchmark, nothing else. (d) is then not measured.
   */
  quarterEndsOnly?: boolean;
  runs: number;
  fresh: boolean;
  drop: boolean;
  log: (line: string) => void;
  /** Called after each size and model with the cases so far (the results are written as they come: a 1M run takes hours). */
  onCase?: (cases: ScaleCase[], aggregates: { inBuild: boolean; why?: string }) => void;
}): Promise<{ cases: ScaleCase[]; aggregatesInBuild: boolean; whyNoAggregates?: string }> {
  const { adminUrl, sizes, runs, fresh, drop, log } = options;
  const models = options.models ?? MODELS;
  const aggregates = loadAggregates();
  if (!aggregates.rebuild) log(`aggregates: ${aggregates.why}: measuring the path from the facts only`);
  const cases: ScaleCase[] = [];
  for (const customers of sizes) {
    for (const model of models) {
      const before = load();
      const during: number[][] = [];
      const db = await ensureDatabase(adminUrl, customers, model, fresh, log);
      const ds = createDataSource({ url: db.url, entities: appEntities, poolSize: 4, statementTimeoutMs: GENERATION_STATEMENT_TIMEOUT_MS });
      const servers: Partial<Record<PathName | 'inWrite', ServerProcess>> = {};
      try {
        await ds.initialize();
        await ds.runMigrations({ transaction: 'each' });
        const services = createServices(appModules, { dataSource: ds, registry: new Registry() });
        let meta = db.meta;
        if (!meta) {
          log(`${db.name}: generating ${customers.toLocaleString('en')} customers × ${MONTHS} months, ${model}, ${GENERATION_HOW} …`);
          const ticker = setInterval(() => {
            void ds
              .query('SELECT pg_database_size(current_database()) AS b')
              .then(([r]: { b: string }[]) => log(`  … ${(Number(r.b) / 2 ** 30).toFixed(1)} GiB written; load average ${load().join(' ')}`))
              .catch(() => undefined);
          }, 60_000);
          // The facts through connections that skip triggers, foreign-key checks included (session_replication_role = replica):
          // the rows are consistent by construction, and the checks would cost one index lookup per row and reference.
          const factsDs = createDataSource({
            url: `${db.url}?options=${encodeURIComponent('-c session_replication_role=replica')}`,
            entities: appEntities,
            poolSize: 2,
            statementTimeoutMs: GENERATION_STATEMENT_TIMEOUT_MS,
          });
          const started = Date.now();
          let generated;
          try {
            await factsDs.initialize();
            const indexes = await dropFactIndexes(ds);
            generated = await createSetWiseWorkspace(ds, services, `Scale ${model.toLowerCase()} ${customers}`, BusinessModel[model], { customers, months: MONTHS, start: START }, factsDs);
            log(`${db.name}: facts written in ${Math.round((Date.now() - started) / 1000)} s; building their ${indexes.length} indexes …`);
            await restoreFactIndexes(ds, indexes);
            generated.generationSeconds = Math.round((Date.now() - started) / 100) / 10;
            if (model === 'SUBSCRIPTION') await saveBatchRows(ds, generated.workspaceId, customers);
            log(`${db.name}: generated in ${generated.generationSeconds} s: ${JSON.stringify(generated.rows)}; VACUUM ANALYZE …`);
            await ds.query('VACUUM ANALYZE');
          } finally {
            clearInterval(ticker);
            if (factsDs.isInitialized) await factsDs.destroy();
          }
          await ds.query(
            `CREATE TABLE bench_scale (generator int, customers int, months int, start date, model text, workspace_id uuid, generated_at timestamptz,
               generation_seconds numeric, rows jsonb)`,
          );
          await ds.query('INSERT INTO bench_scale VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8)', [
            GENERATOR_VERSION, customers, MONTHS, START, model, generated.workspaceId, generated.generationSeconds, JSON.stringify(generated.rows),
          ]);
          [meta] = await ds.query('SELECT * FROM bench_scale');
        }
        const workspaceId = meta!.workspace_id;
        const rows = meta!.rows;
        const generatedInfo = {
          reused: db.meta !== null,
          at: new Date(meta!.generated_at).toISOString(),
          seconds: Number(meta!.generation_seconds),
          rows,
          totalRows: Object.values(rows).reduce((s, n) => s + n, 0),
          how: GENERATION_HOW,
        };
        // (d) the aggregates from scratch, when the build has them and the database has their tables
        const [{ t: aggregateTable }] = await ds.query(`SELECT to_regclass('kpi_aggregate') AS t`);
        const aggregatesHere = aggregates.rebuild && aggregateTable !== null;
        const aggregateInfo: ScaleCase['aggregates'] = { available: Boolean(aggregatesHere) };
        const reuse = Boolean(aggregatesHere && options.reuseAggregates && (await aggregatesCurrent(ds, workspaceId)));
        if (!reuse) await restoreGenerated(ds, workspaceId, model, customers);
        if (reuse) {
          aggregateInfo.reused = true;
          log(`${db.name}: the aggregates of an earlier run are current: measured as they are (--reuse-aggregates)`);
        } else if (aggregatesHere && options.quarterEndsOnly) {
          if (!aggregates.startBuild || !aggregates.step) throw new Error('--quarter-ends-only needs a build with startKpiAggregateBuild and buildKpiAggregatesStep');
          const months = Array.from({ length: MONTHS / 3 }, (_, i) => addMonths(START, 3 * i + 2));
          log(`${db.name}: building the ${months.length} quarter-end months only (--quarter-ends-only) …`);
          const started = Date.now();
          const stepsMs: number[] = [];
          await ds.transaction((em) => aggregates.startBuild!(em, workspaceId));
          for (const month of months) {
            const t0 = Date.now();
            const step = await ds.transaction(async (em) => {
              // The build's next step computes the month after the horizon: the horizon is moved to the month before this one.
              await em.query(`UPDATE kpi_aggregate_state SET horizon = $2 WHERE workspace_id = $1 AND (horizon IS NULL OR horizon < $2)`, [workspaceId, addMonths(month, -1)]);
              return aggregates.step!(em, workspaceId, { mode: 'holding' });
            });
            stepsMs.push(Date.now() - t0);
            log(`  … ${month} built in ${fmtMs(stepsMs[stepsMs.length - 1])}`);
            if (step.horizon !== month) throw new Error(`the step after ${addMonths(month, -1)} built ${step.horizon}, not ${month}`);
            if (month === LATEST_MONTH && step.building) throw new Error('the build did not end with the latest month');
          }
          aggregateInfo.quarterEnds = { months, stepsMs, seconds: Math.round(Date.now() - started) / 1000 };
          aggregateInfo.how = 'startKpiAggregateBuild, then a step (buildKpiAggregatesStep) per quarter-end month, the horizon moved to the month before each (--quarter-ends-only)';
          await ds.query('ANALYZE');
        } else if (aggregatesHere) {
          log(`${db.name}: building the aggregates from scratch …`);
          const started = Date.now();
          if (aggregates.startBuild && aggregates.finishBuild) {
            // As the server and the script build them: a month per transaction (the longest step is the longest a write waits).
            const stepsMs: number[] = [];
            let last = Date.now();
            await ds.transaction((em) => aggregates.startBuild!(em, workspaceId));
            aggregateInfo.rebuildResult =
              (await aggregates.finishBuild(ds, workspaceId, (step) => {
                if (step.periods > 0) stepsMs.push(Date.now() - last);
                last = Date.now();
              })) ?? null;
            aggregateInfo.stepsMs = stepsMs;
            aggregateInfo.how = 'startKpiAggregateBuild, then finishKpiAggregateBuild: a month per transaction';
          } else {
            aggregateInfo.rebuildResult = (await ds.transaction((em) => aggregates.rebuild!(em, workspaceId))) ?? null;
            aggregateInfo.how = 'rebuildKpiAggregates in one transaction';
          }
          aggregateInfo.rebuildSeconds = Math.round(Date.now() - started) / 1000;
          await ds.query('ANALYZE');
          log(`${db.name}: aggregates built in ${aggregateInfo.rebuildSeconds} s`);
        } else {
          aggregateInfo.why = aggregates.rebuild ? 'the migrations made no kpi_aggregate table' : aggregates.why;
        }

        // (c) storage: one workspace per database, so the tables' sizes are the workspace's
        const aggregateTables: string[] = (await ds.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE 'kpi\\_aggregate%' OR tablename = 'kpi_customer_contribution') ORDER BY 1`)).map(
          (r: { tablename: string }) => r.tablename,
        );
        // What the aggregate tables hold, not the dead rows of earlier runs' batches and builds on a kept database (rewritten by
        // every batch, they would otherwise grow with every run): compacted first.
        for (const table of aggregateTables) await ds.query(`VACUUM (FULL, ANALYZE) ${table}`);
        const facts = await relationSizes(ds, FACT_TABLES);
        const aggregateSizes = await relationSizes(ds, aggregateTables);
        const factsBytes = Object.values(facts).reduce((s, n) => s + n, 0);
        const aggregatesBytes = Object.values(aggregateSizes).reduce((s, n) => s + n, 0);
        const storage = {
          facts,
          factsBytes,
          customerBytes: (await relationSizes(ds, ['customer'])).customer ?? 0,
          aggregates: aggregateSizes,
          aggregatesBytes,
          ratio: aggregatesHere ? Math.round((aggregatesBytes / factsBytes) * 1000) / 1000 : null,
          how: 'pg_total_relation_size (heap, TOAST and indexes) in a database holding this workspace only; the aggregate tables compacted first (VACUUM FULL)',
        };

        // the servers: the same build and database, the aggregate read path off on the one
        const paths: PathName[] = aggregatesHere ? ['facts', 'aggregates'] : ['facts'];
        const startServers = async () => {
          for (const p of paths) {
            servers[p] = new ServerProcess();
            await servers[p]!.start(db.url, {
              DB_STATEMENT_TIMEOUT_MS: String(SERVER_STATEMENT_TIMEOUT_MS),
              ...(p === 'facts' ? { KPI_AGGREGATES: 'off' } : {}),
            });
          }
          // (e)'s other server: one that computes a new month in the write, whatever the workspace's size.
          if (aggregatesHere && !options.skipOpenMonth) {
            servers.inWrite = new ServerProcess();
            await servers.inWrite.start(db.url, {
              DB_STATEMENT_TIMEOUT_MS: String(SERVER_STATEMENT_TIMEOUT_MS),
              KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS: String(2 ** 31 - 1),
            });
          }
        };
        const stopServers = async () => {
          for (const [name, server] of Object.entries(servers)) {
            await server?.stop();
            delete servers[name as keyof typeof servers];
          }
        };
        await startServers();
        const adminKey = (await services.workspaces.createKey(workspaceId, { name: `scale ${new Date().toISOString()}`, role: Role.ADMIN })).key;
        const viewerKey = (await services.workspaces.createKey(workspaceId, { name: `scale viewer ${new Date().toISOString()}`, role: Role.VIEWER })).key;

        const matrixOn = async (p: PathName, period = PERIOD): Promise<MatrixRun & { data?: any; statements: number }> => {
          const res = await gqlRaw(servers[p]!.url, viewerKey, MATRIX, { m: TWELVE, p: period });
          const err = res.errors?.[0];
          return {
            ms: round2(res.ms),
            statements: res.statements,
            data: res.data?.kpiMatrix,
            ...(err ? { error: `${err.extensions?.code ?? 'ERROR'}${err.extensions?.limit ? ` (${err.extensions.limit})` : ''}` } : {}),
          };
        };
        const push = async (p: PathName, round: number) => {
          const batch = batchOf(model, customers, p, round);
          const res = await gqlRaw(servers[p]!.url, adminKey, `mutation($rows: [${batch.type}!]!) { ${batch.mutation}(rows: $rows) { inserted updated unchanged } }`, {
            rows: batch.rows,
          });
          // A batch refused or cut (the statement or lock limit) is recorded with its time and its code, as a matrix is: a run of
          // hours is not lost to one batch.
          const err = res.errors?.[0];
          if (err) log(`${batch.mutation} failed: ${JSON.stringify(res.errors).slice(0, 500)}`);
          return {
            ms: res.ms,
            rows: batch.rows.length,
            result: (res.data?.[batch.mutation] ?? null) as { inserted: number; updated: number; unchanged: number } | null,
            ...(err ? { error: String(err.extensions?.code ?? 'ERROR') } : {}),
          };
        };

        const samples = new Map<PathName, { matrix: MatrixRun[]; statements: number; batches: { ms: number; rows: number; result: any }[]; warmUp?: MatrixRun }>(
          paths.map((p) => [p, { matrix: [], statements: 0, batches: [] }]),
        );
        // round 0 warms up (a batch and a matrix on each path, not counted); then `runs` rounds, the paths taking turns
        for (let round = 0; round <= runs; round += 1) {
          for (const p of round % 2 === 0 ? paths : [...paths].reverse()) {
            const s = samples.get(p)!;
            const batch = await push(p, round);
            const m = await matrixOn(p);
            if (round === 0) {
              s.warmUp = { ms: m.ms, ...(m.error ? { error: m.error } : {}) };
              continue;
            }
            s.batches.push({ ms: batch.ms, rows: batch.rows, result: batch.result ?? { error: batch.error } });
            s.matrix.push({ ms: m.ms, ...(m.error ? { error: m.error } : {}) });
            s.statements = m.statements;
            log(
              `${db.name} ${p} round ${round}: ${batch.rows.toLocaleString('en')} rows in ${Math.round(batch.ms)} ms (${JSON.stringify(batch.result)}), ` +
                `kpiMatrix ${Math.round(m.ms)} ms${m.error ? ` ${m.error}` : ''}`,
            );
          }
          during.push(load());
        }
        const result: ScaleCase['paths'] = {};
        for (const p of paths) {
          const s = samples.get(p)!;
          const matrixStats = stats(s.matrix.map((m) => m.ms));
          const batchStats = stats(s.batches.map((b) => b.ms));
          result[p] = {
            matrix: { ...matrixStats, failed: s.matrix.filter((m) => m.error).length, errors: [...new Set(s.matrix.flatMap((m) => (m.error ? [m.error] : [])))], sqlStatements: s.statements },
            ingestion: {
              batchesMs: s.batches.map((b) => Math.round(b.ms)),
              median: batchStats.median,
              rowsPerSecond: Math.round(s.batches[0].rows / (batchStats.median / 1000)),
              results: s.batches.map((b) => b.result),
            },
            warmUp: s.warmUp!,
          };
        }
        // the two paths on the same data: no write between the two requests
        let comparison: ScaleCase['comparison'];
        if (paths.length === 2) {
          const [f, a] = [await matrixOn('facts'), await matrixOn('aggregates')];
          comparison = f.error || a.error ? { skipped: `facts: ${f.error ?? 'ok'}, aggregates: ${a.error ?? 'ok'}` } : compareMatrices(f.data, a.data);
          log(`${db.name}: facts and aggregates compared: ${JSON.stringify(comparison).slice(0, 500)}`);
        }
        // (e) the first batch of a new month, on a server that computes the month in the write and on the default one, and (f)
        // below, each undone after: the aggregates, the shares, the state and the facts the batches changed put back as they were.
        let openMonth: ScaleCase['openMonth'];
        let writesDuringBuild: ScaleCase['writesDuringBuild'];
        if (aggregatesHere && !options.skipOpenMonth) {
          const saved = { aggregates: 'bench_scale_saved_aggregates', shares: 'bench_scale_saved_shares', revenue: 'bench_scale_saved_latest' };
          for (const table of Object.values(saved)) await ds.query(`DROP TABLE IF EXISTS ${table}`);
          await ds.query(`CREATE TABLE ${saved.aggregates} AS SELECT * FROM kpi_aggregate WHERE workspace_id = $1`, [workspaceId]);
          await ds.query(`CREATE TABLE ${saved.shares} AS SELECT * FROM kpi_customer_contribution WHERE workspace_id = $1`, [workspaceId]);
          if (model === 'SUBSCRIPTION') {
            await ds.query(
              `CREATE TABLE ${saved.revenue} AS SELECT workspace_id, customer_id, month, type, amount FROM revenue
                WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`,
              [workspaceId, Math.min(customers, BATCH), LATEST_MONTH],
            );
          }
          const [kept]: { horizon: string; contributions_through: string | null }[] = await ds.query(
            `SELECT to_char(horizon, 'YYYY-MM-DD') AS horizon, to_char(contributions_through, 'YYYY-MM-DD') AS contributions_through
               FROM kpi_aggregate_state WHERE workspace_id = $1`,
            [workspaceId],
          );
          const stateNow = async () =>
            ((await ds.query(`SELECT building, to_char(horizon, 'YYYY-MM-DD') AS horizon FROM kpi_aggregate_state WHERE workspace_id = $1`, [workspaceId])) as {
              building: boolean;
              horizon: string;
            }[])[0];
          const undo = () =>
            ds.transaction(async (m) => {
              // The aggregates' lock (kpi-aggregates.ts), so that no build step runs meanwhile.
              await m.query(`SELECT pg_advisory_xact_lock(7413, hashtext($1::text))`, [workspaceId]);
              if (model === 'SUBSCRIPTION') {
                await m.query(`DELETE FROM revenue WHERE workspace_id = $1 AND month = $2`, [workspaceId, NEXT_MONTH]);
                await m.query(`DELETE FROM revenue WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`, [
                  workspaceId,
                  Math.min(customers, BATCH),
                  LATEST_MONTH,
                ]);
                await m.query(`INSERT INTO revenue (workspace_id, customer_id, month, type, amount) SELECT * FROM ${saved.revenue}`);
              } else {
                await m.query(`DELETE FROM "order" WHERE workspace_id = $1 AND (external_id LIKE 'scale-n-%' OR external_id LIKE 'scale-o-f-%')`, [workspaceId]);
              }
              await m.query(`DELETE FROM kpi_aggregate WHERE workspace_id = $1`, [workspaceId]);
              await m.query(`INSERT INTO kpi_aggregate SELECT * FROM ${saved.aggregates}`);
              await m.query(`DELETE FROM kpi_customer_contribution WHERE workspace_id = $1`, [workspaceId]);
              await m.query(`INSERT INTO kpi_customer_contribution SELECT * FROM ${saved.shares}`);
              await m.query(`DELETE FROM kpi_aggregate_pending WHERE workspace_id = $1`, [workspaceId]);
              await m.query(
                `UPDATE kpi_aggregate_state s SET horizon = $2::date, contributions_through = $3::date, building = false, facts_version = w.facts_version
                   FROM workspace w WHERE w.id = $1 AND s.workspace_id = w.id`,
                [workspaceId, kept.horizon, kept.contributions_through],
              );
            });
          /** A batch through its mutation: its time, and the error code (and limit) when it was refused. */
          const send = async (url: string, batch: { mutation: string; type: string; rows: unknown[] }) => {
            const res = await gqlRaw(url, adminKey, `mutation($rows: [${batch.type}!]!) { ${batch.mutation}(rows: $rows) { inserted updated unchanged } }`, {
              rows: batch.rows,
            });
            const err = res.errors?.[0];
            const out = { ms: Math.round(res.ms), ...(err ? { error: `${err.extensions?.code ?? 'ERROR'}${err.extensions?.limit ? ` (${err.extensions.limit})` : ''}` } : {}) };
            return { out, errors: res.errors };
          };
          const pushOpen = async (server: 'inWrite' | 'aggregates') => {
            const { out, errors } = await send(servers[server]!.url, openMonthBatchOf(model, customers, server));
            log(`${db.name} (e) a batch of ${NEXT_MONTH} on the ${server} server: ${JSON.stringify(out)}${errors ? ` ${JSON.stringify(errors).slice(0, 300)}` : ''}`);
            return out;
          };
          const inWrite = await pushOpen('inWrite');
          // A write refused wrote nothing; one that went through opened the month in it.
          if (!inWrite.error) await undo();
          const pushed = await pushOpen('aggregates');
          const after = await stateNow();
          const started = Date.now();
          let builtMs: number | null = null;
          // The matrix with the new month's quarter, while it is being built (that quarter from the facts) and once built.
          let whileBuilding: MatrixRun | undefined;
          let onceBuilt: MatrixRun | undefined;
          const matrixWithNext = async () => {
            const m = await matrixOn('aggregates', PERIOD_WITH_NEXT);
            return { ms: m.ms, ...(m.error ? { error: m.error } : {}) };
          };
          if (!pushed.error && after.building) {
            whileBuilding = await matrixWithNext();
            // The servers' builders (every server process runs one) compute the month; waited for here.
            for (;;) {
              const now = await stateNow();
              if (!now.building) {
                builtMs = Date.now() - started;
                onceBuilt = await matrixWithNext();
                break;
              }
              if (Date.now() - started > OPEN_MONTH_BUILD_WAIT_MS) break;
              await new Promise((resolve) => setTimeout(resolve, 500));
            }
          }
          openMonth = {
            inWrite,
            background: { ...pushed, building: after.building, builtMs, horizon: (await stateNow()).horizon, whileBuilding, onceBuilt },
            how:
              `a ${BATCH.toLocaleString('en')}-row batch of ${NEXT_MONTH} (${model === 'SUBSCRIPTION' ? 'recordRevenue' : 'recordOrders'}) on a server with ` +
              'KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS above the size (the month computed in the write), then on the server as configured by default ' +
              '(builtMs: from the batch until its background build had the month, polled every 0.5 s); each undone after',
          };
          log(`${db.name} (e) ${JSON.stringify(openMonth)}`);
          if (!pushed.error) await undo();

          // (f) the same new month built while a partner tool keeps writing: 10,000-row batches of the latest month back to back
          // until the month is built, on a server whose build steps overtaken by a write hold the writes after three attempts
          // (KPI_AGGREGATE_RECONCILED_STEPS off, as before) and on the server as configured by default (the step reconciled with
          // the writes made meanwhile). Only that server runs (every server process runs a builder). Each undone after.
          await stopServers();
          writesDuringBuild = {};
          for (const variant of ['held', 'reconciled'] as const) {
            const server = new ServerProcess();
            await server.start(db.url, {
              DB_STATEMENT_TIMEOUT_MS: String(SERVER_STATEMENT_TIMEOUT_MS),
              ...(variant === 'held' ? { KPI_AGGREGATE_RECONCILED_STEPS: 'off' } : {}),
            });
            try {
              const opened = (await send(server.url, openMonthBatchOf(model, customers, `f-${variant}`))).out;
              const started = Date.now();
              const batches: { ms: number; error?: string }[] = [];
              let builtMs: number | null = null;
              let writesStoppedMs: number | null = null;
              for (let round = 0; ; round += 1) {
                if (!(await stateNow()).building) {
                  builtMs = Date.now() - started;
                  break;
                }
                if (Date.now() - started > OPEN_MONTH_BUILD_WAIT_MS) break;
                // A build that the writes keep from finishing: the writes stop after F_WRITES_MS, and the build is waited for.
                if (Date.now() - started > F_WRITES_MS) {
                  writesStoppedMs ??= Date.now() - started;
                  await new Promise((resolve) => setTimeout(resolve, 500));
                  continue;
                }
                batches.push((await send(server.url, batchOf(model, customers, `f-${variant}`, 1000 + round))).out);
              }
              const ok = batches.filter((b) => !b.error).map((b) => b.ms);
              writesDuringBuild[variant] = {
                opened,
                builtMs,
                writesStoppedMs,
                batches: batches.length,
                refused: batches.filter((b) => b.error).length,
                errors: [...new Set(batches.flatMap((b) => (b.error ? [b.error] : [])))],
                accepted: ok.length ? stats(ok) : null,
                batchesMs: batches.map((b) => b.ms),
              };
              log(`${db.name} (f) ${variant}: ${JSON.stringify(writesDuringBuild[variant])}`);
            } finally {
              await server.stop();
              await undo();
            }
          }
          for (const table of Object.values(saved)) await ds.query(`DROP TABLE IF EXISTS ${table}`);
          await startServers();
        }
        // (b)'s baseline: the same batches with the aggregates not kept. A write that goes around them (the facts_version bump
        // below) leaves them not current, and then a maintained write only writes; the next case or run rebuilds them.
        let withoutAggregates: ScaleCase['withoutAggregates'];
        if (aggregatesHere) {
          // The rows the baseline's batches overwrite or add, to put back after it: the facts are then as the aggregates were
          // computed from, and they are made current again, for a later run with --reuse-aggregates.
          await ds.query(`DROP TABLE IF EXISTS bench_scale_before_baseline`);
          await ds.query(
            `CREATE TABLE bench_scale_before_baseline AS SELECT * FROM revenue WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`,
            [workspaceId, Math.min(customers, BATCH), LATEST_MONTH],
          );
          await ds.query(`UPDATE workspace SET facts_version = facts_version + 1 WHERE id = $1`, [workspaceId]);
          const batches: { ms: number; rows: number; result: { inserted: number; updated: number; unchanged: number } | null }[] = [];
          for (let round = 1; round <= runs; round += 1) {
            const batch = await push('aggregates', runs + round);
            batches.push(batch);
            log(`${db.name} without the aggregates kept, round ${round}: ${batch.rows.toLocaleString('en')} rows in ${Math.round(batch.ms)} ms (${JSON.stringify(batch.result)})`);
          }
          const median = stats(batches.map((b) => b.ms)).median;
          withoutAggregates = {
            batchesMs: batches.map((b) => Math.round(b.ms)),
            median,
            rowsPerSecond: Math.round(batches[0].rows / (median / 1000)),
            results: batches.map((b) => b.result),
            how: 'the same batches on the server reading the aggregates, after its rounds, with the aggregates made not current (facts_version bumped): writes only',
          };
          await ds.transaction(async (m) => {
            if (model === 'SUBSCRIPTION') {
              await m.query(`DELETE FROM revenue WHERE workspace_id = $1 AND month = $3 AND type = 'RECURRING' AND customer_id IN (${BATCH_CUSTOMERS})`, [
                workspaceId,
                Math.min(customers, BATCH),
                LATEST_MONTH,
              ]);
              await m.query(`INSERT INTO revenue SELECT * FROM bench_scale_before_baseline`);
            } else {
              for (let round = 1; round <= runs; round += 1) {
                await m.query(`DELETE FROM "order" WHERE workspace_id = $1 AND external_id LIKE $2`, [workspaceId, `scale-o-aggregates-${RUN_TAG}-${runs + round}-%`]);
              }
            }
            await m.query(`UPDATE kpi_aggregate_state s SET facts_version = w.facts_version FROM workspace w WHERE w.id = $1 AND s.workspace_id = w.id`, [
              workspaceId,
            ]);
          });
          await ds.query(`DROP TABLE bench_scale_before_baseline`);
        }
        cases.push({
          customers,
          model,
          database: db.name,
          generated: generatedInfo,
          aggregates: aggregateInfo,
          storage,
          paths: result,
          comparison,
          withoutAggregates,
          openMonth,
          writesDuringBuild,
          loadAverage: { before, during, after: load() },
        });
        options.onCase?.(cases, { inBuild: Boolean(aggregates.rebuild), why: aggregates.why });
        // The generated data back (a run without --reuse-aggregates does this first anyway); not where the aggregates are kept
        // current for a later run.
        if (!aggregatesHere) await restoreGenerated(ds, workspaceId, model, customers);
      } finally {
        for (const s of Object.values(servers)) await s.stop().catch(() => undefined);
        if (ds.isInitialized) await ds.destroy();
      }
      if (drop) {
        await dropDatabase(adminUrl, db.name);
        log(`${db.name}: dropped (--drop)`);
      }
    }
  }
  return { cases, aggregatesInBuild: Boolean(aggregates.rebuild), whyNoAggregates: aggregates.why };
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en')} ms`);
const fmtBytes = (b: number) => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);
const sizeName = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** The table: a figure per line, a column per size and model, each figure with its goal where the issue states one. */
export function scaleTable(cases: ScaleCase[]): string {
  const header = `| figure | goal | ${cases.map((c) => `${sizeName(c.customers)} ${c.model === 'SUBSCRIPTION' ? 'SUB' : 'TRANS'}`).join(' | ')} |`;
  const line = (figure: string, goal: string, cell: (c: ScaleCase) => string) => `| ${figure} | ${goal} | ${cases.map(cell).join(' | ')} |`;
  const matrixCell = (p: PathName, withGoal: boolean) => (c: ScaleCase) => {
    const r = c.paths[p];
    if (!r) return '—';
    const m = r.matrix;
    const timedOut = m.failed > 0 ? `; ${m.failed}/${m.runs} failed: ${m.errors.join(', ')}` : '';
    const goal = SCALE_GOALS.matrixMs[c.customers];
    const mark = withGoal && goal !== undefined ? ` (${verdict(m.failed === 0 && m.median <= goal)})` : '';
    return `${fmtMs(m.median)} / p95 ${fmtMs(m.p95)}${timedOut}${mark}`;
  };
  const ingestCell = (p: PathName, withGoal: boolean) => (c: ScaleCase) => {
    const r = c.paths[p];
    if (!r) return '—';
    const goal = SCALE_GOALS.ingestionRowsPerSecond[c.customers];
    return `${r.ingestion.rowsPerSecond.toLocaleString('en')} rows/s${withGoal && goal !== undefined ? ` (${verdict(r.ingestion.rowsPerSecond >= goal)})` : ''}`;
  };
  const lines = [
    header,
    `| --- | --- | ${cases.map(() => '---').join(' | ')} |`,
    line('facts (rows generated)', '', (c) => `${c.generated.totalRows.toLocaleString('en')} in ${Math.round(c.generated.seconds)} s${c.generated.reused ? ' (kept)' : ''}`),
    line('(a) kpiMatrix after a 10,000-row batch, from the facts (aggregates off), median / p95', '—', matrixCell('facts', false)),
    line('(a) kpiMatrix after a 10,000-row batch, from the aggregates, median / p95', '≤ 300 ms at 100k, ≤ 1 s at 1M', matrixCell('aggregates', true)),
    line('(b) ingestion, 10,000-row batches, the server reading the facts (its writes keep the aggregates when the build has them)', '—', ingestCell('facts', false)),
    line('(b) ingestion, 10,000-row batches, the server reading the aggregates (its writes keep them)', '≥ 15,000 rows/s at 1M', ingestCell('aggregates', true)),
    line('(b) baseline: the same batches with the aggregates not kept', '—', (c) => (c.withoutAggregates ? `${c.withoutAggregates.rowsPerSecond.toLocaleString('en')} rows/s` : '—')),
    line('(c) facts\' tables (heap + indexes)', '', (c) => fmtBytes(c.storage.factsBytes)),
    line('(c) aggregate tables / facts\' tables', '≤ 50 %', (c) =>
      c.storage.ratio === null ? '—' : `${fmtBytes(c.storage.aggregatesBytes)} = ${(c.storage.ratio * 100).toFixed(1)} % (${verdict(c.storage.ratio <= SCALE_GOALS.storageRatio)})`,
    ),
    line('(d) aggregates built from scratch', '', (c) =>
      c.aggregates.rebuildSeconds !== undefined
        ? `${c.aggregates.rebuildSeconds} s`
        : c.aggregates.quarterEnds
          ? `— (only the ${c.aggregates.quarterEnds.months.length} quarter-end months: ${c.aggregates.quarterEnds.seconds} s, the longest ${fmtMs(Math.max(...c.aggregates.quarterEnds.stepsMs))})`
          : '—',
    ),
    line('(d) the longest month of the build (a write of the workspace waits at most this)', '', (c) =>
      c.aggregates.stepsMs?.length ? `${fmtMs(Math.max(...c.aggregates.stepsMs))} (median ${fmtMs(stats(c.aggregates.stepsMs).median)})` : '—',
    ),
    line('(e) the first 10,000-row batch of a new month, the month computed in the write', '', (c) =>
      c.openMonth ? `${fmtMs(c.openMonth.inWrite.ms)}${c.openMonth.inWrite.error ? ` (refused: ${c.openMonth.inWrite.error})` : ''}` : '—',
    ),
    line('(e) the same batch, the month left to the background build (as configured by default): the batch / the build of the month', '', (c) => {
      if (!c.openMonth) return '—';
      const b = c.openMonth.background;
      const batch = `${fmtMs(b.ms)}${b.error ? ` (refused: ${b.error})` : ''}`;
      if (!b.building) return `${batch} (computed in the write: below KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS)`;
      return `${batch} / ${b.builtMs === null ? 'not built in time' : fmtMs(b.builtMs)}`;
    }),
    line('(e) kpiMatrix with the new month\'s quarter (13 quarters), while the month is built / once built', '', (c) => {
      const b = c.openMonth?.background;
      if (!b?.whileBuilding) return '—';
      const cell = (m: MatrixRun | undefined) => (m ? `${fmtMs(m.ms)}${m.error ? ` (${m.error})` : ''}` : '—');
      return `${cell(b.whileBuilding)} / ${cell(b.onceBuilt)}`;
    }),
    ...(['held', 'reconciled'] as const).map((variant) =>
      line(
        `(f) 10,000-row batches of the latest month back to back while (e)'s month is built, steps ${variant === 'held' ? 'holding the writes after three attempts (before)' : 'reconciled with the writes (default)'}: the month built after / batches accepted (median, slowest) / refused`,
        '',
        (c) => {
          const f = c.writesDuringBuild?.[variant];
          if (!f) return '—';
          const accepted = f.accepted ? `${f.accepted.runs} (${fmtMs(f.accepted.median)}, ${fmtMs(f.accepted.max)})` : '0';
          const stopped = f.writesStoppedMs !== null ? ` (not while written to: the writes stopped after ${fmtMs(f.writesStoppedMs)})` : '';
          return `${f.builtMs === null ? 'not built in time' : fmtMs(f.builtMs)}${stopped} / ${accepted} / ${f.refused}${f.errors.length ? ` (${f.errors.join(', ')})` : ''}`;
        },
      ),
    ),
    line('facts and aggregates, same data, cells differing', '0', (c) =>
      !c.comparison ? '—' : 'skipped' in c.comparison ? `not compared (${c.comparison.skipped})` : `${c.comparison.differing} of ${c.comparison.cells}`,
    ),
    line('load average (1 min) before / max during / after', '', (c) => `${c.loadAverage.before[0]} / ${Math.max(0, ...c.loadAverage.during.map((l) => l[0]))} / ${c.loadAverage.after[0]}`),
  ];
  return lines.join('\n');
}

/**
 * How each figure grows from one size to the next (the ratio of medians), per model. A ratio whose larger size had runs cut
 * by the statement timeout is a lower bound, written `≥ r`.
 */
export function scaleGrowth(cases: ScaleCase[]): Record<string, Record<string, Record<string, number | string | null>>> {
  const out: Record<string, Record<string, Record<string, number | string | null>>> = {};
  for (const model of MODELS) {
    const sorted = cases.filter((c) => c.model === model).sort((a, b) => a.customers - b.customers);
    const figures: Record<string, (c: ScaleCase) => { value?: number; capped?: boolean }> = {
      matrixFromFactsMs: (c) => ({ value: c.paths.facts?.matrix.median, capped: (c.paths.facts?.matrix.failed ?? 0) > 0 }),
      matrixFromAggregatesMs: (c) => ({ value: c.paths.aggregates?.matrix.median, capped: (c.paths.aggregates?.matrix.failed ?? 0) > 0 }),
      ingestionRowsPerSecondAggregates: (c) => ({ value: c.paths.aggregates?.ingestion.rowsPerSecond }),
      ingestionRowsPerSecondFactsServer: (c) => ({ value: c.paths.facts?.ingestion.rowsPerSecond }),
      ingestionRowsPerSecondWithoutAggregates: (c) => ({ value: c.withoutAggregates?.rowsPerSecond }),
      factsBytes: (c) => ({ value: c.storage.factsBytes }),
      aggregatesBytes: (c) => ({ value: c.aggregates.available ? c.storage.aggregatesBytes : undefined }),
      rebuildSeconds: (c) => ({ value: c.aggregates.rebuildSeconds }),
    };
    out[model] = {};
    for (const [name, get] of Object.entries(figures)) {
      out[model][name] = {};
      for (let i = 1; i < sorted.length; i += 1) {
        const [a, b] = [get(sorted[i - 1]), get(sorted[i])];
        const ratio = a.value && b.value ? round2(b.value / a.value) : null;
        out[model][name][`${sizeName(sorted[i - 1].customers)}→${sizeName(sorted[i].customers)}`] = ratio !== null && b.capped ? `≥ ${ratio}` : ratio;
      }
    }
  }
  return out;
}
