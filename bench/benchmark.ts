import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { createDataSource } from '../src/db/data-source';
import { startEmbeddedPostgres, throwawayDataDir } from '../src/db/embedded-postgres';
import { Registry } from 'prom-client';
import { createServices } from '../src/core/module';
import { Role } from '../src/core/role.enum';
import { ServiceSink, seedWorkspace, type SeedSummary } from '../src/demo/generator/writer';
import { createDemoChain } from '../src/demo/demo-chain';
import { addMonths, customerExternalId, startMonthOf, type DatasetOptions } from '../src/demo/generator/dataset';
import { HAND_WRITTEN_KPIS, type Unit } from './hand-written-kpis';
import { benchCohorts, cohortTableLines } from './cohorts.bench';
import { benchOrders } from './order-ingestion';
import { freePort } from '../scripts/free-port';
import { projectRoot } from '../scripts/project-root';
import { appEntities, appModules } from '../src/app.modules';
import { readPathTable, runReadPath, type ReadPathResult } from './read-path';
import { createBusinessModelPair } from './business-model-workspaces';
import { commitOf, elapsedMs, gql, percentile, ServerProcess, stats } from './bench-kit';
import { MODELS, runScale, SCALE_GOALS, scaleGrowth, scaleTable, type Model, type ScaleCase } from './scale';

/**
 * npm run bench [-- --quick] [--customers N --months M --seed S --runs R --out FILE]
 * npm run bench -- --only read-path [--rounds N --seconds S --jg-port P --pg-port P]   (5,000 customers × 36 months by default)
 * npm run bench -- --only scale [--sizes 10000,100000,1000000 --models SUBSCRIPTION,TRANSACTIONAL --runs R --fresh --drop
 *   --reuse-aggregates --skip-open-month --quarter-ends-only]   (bench/scale.ts; needs DATABASE_URL)
 *
 * Generates a workspace (src/demo/generator, written in-process through the ingestion services), starts the server as a child
 * process on it, and measures over HTTP: the 12-KPI × 12-quarter × 4-tier kpiMatrix (recomputed, against one hand-written SQL
 * statement per KPI run with pg, and warm from the cache; then on a SUBSCRIPTION and a TRANSACTIONAL workspace of the same size
 * written set-wise by one generator, bench/business-model-workspaces.ts), the nested journey query under load (autocannon), the ingestion
 * mutations with 10,000-row batches, the server's peak RSS, and the read path side by side with PostGraphile (read-path.ts). Prints a table and writes it as JSON (bench/results/).
 * Uses the PostgreSQL server of DATABASE_URL (a database it creates and drops) or else a throwaway embedded cluster.
 */

const TWELVE = ['ACTIVE_CUSTOMERS', 'NEW_CUSTOMERS', 'LOGO_CHURN_RATE', 'MRR', 'NRR', 'GRR', 'ARPA', 'REVENUE', 'GROSS_MARGIN', 'CAC', 'CLV', 'CUSTOMER_EQUITY'];
const PERIOD = { grain: 'QUARTER', from: '2023-01-01', to: '2025-12-31' };
/** The matrix's 12 quarters and the one before, whose values give the first quarter's change. */
const QUARTER_STARTS = Array.from({ length: 13 }, (_, i) => addMonths('2022-10-01', 3 * i));
const MATRIX = `query Matrix($m: [KpiKey!]!, $p: PeriodInput!) { kpiMatrix(metrics: $m, period: $p, rows: TIER) {
  rows { total key cells { kpi value previousValue change series { periodStart value } } } } }`;
/** The month before this one: the period the phases' scorecards are read for (the demo chain records the last 12 months). */
const SCORECARD_MONTH = (() => {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 10);
})();
const NESTED =
  `query Nested { journeys { name phases { key name owner { name function } processes { name } touchpoints { key name channel mode } ` +
  `successMetrics { key } scorecard(period: { grain: MONTH, from: "${SCORECARD_MONTH}", to: "${SCORECARD_MONTH}" }) ` +
  `{ meanAttainment entries { metric { key } value target attainment status } } } } }`;
const SCALES: Record<Unit, number> = { COUNT: 0.5, CURRENCY: 0.005, PERCENT: 5e-10 };

async function createDatabase(): Promise<{ url: string; mode: string; drop(): Promise<void> }> {
  const name = `journeygraph_bench_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      mode: `PostgreSQL server of DATABASE_URL (${url.host}), database ${name} created and dropped by the benchmark`,
      async drop() {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: throwawayDataDir(), port: await freePort(), persistent: false, database: name });
  return { url: embedded.url, mode: 'embedded PostgreSQL (a throwaway cluster; set DATABASE_URL to use a server)', drop: () => embedded.stop() };
}

interface MatrixCell {
  kpi: string;
  value: number | null;
  series: { periodStart: string; value: number | null }[];
}

/** Compares the API's matrix with the hand-written results: every KPI, quarter, tier row and total, to the unit's precision. */
function compareCells(matrix: { rows: { total: boolean; key: string | null; cells: MatrixCell[] }[] }, hand: Map<string, Map<string, number | null>>) {
  let cells = 0;
  const mismatches: string[] = [];
  for (const kpi of HAND_WRITTEN_KPIS) {
    const values = hand.get(kpi.kpi)!;
    for (const row of matrix.rows) {
      const cell = row.cells.find((c) => c.kpi === kpi.kpi)!;
      for (const point of cell.series) {
        const key = `${point.periodStart}|${row.total ? 'TOTAL' : (row.key ?? 'NULL')}`;
        const expected = values.has(key) ? values.get(key)! : kpi.additive ? 0 : null;
        cells += 1;
        const same = expected === null || point.value === null ? expected === point.value : Math.abs(expected - point.value) <= SCALES[kpi.unit];
        if (!same) mismatches.push(`${kpi.kpi} ${key}: API ${point.value}, hand-written ${expected}`);
      }
    }
  }
  return { cells, mismatches };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      customers: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string' },
      only: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      'jg-port': { type: 'string' },
      'pg-port': { type: 'string' },
      // --only scale: the sizes (customers), a new generation even of a matching kept database, dropping the databases after
      sizes: { type: 'string' },
      models: { type: 'string' },
      'reuse-aggregates': { type: 'boolean', default: false },
      'skip-open-month': { type: 'boolean', default: false },
      'quarter-ends-only': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      // Leaves the database and prints its URL and keys (for profiling a server against it).
      'keep-database': { type: 'boolean', default: false },
    },
  });
  if (args.only !== undefined && args.only !== 'read-path' && args.only !== 'scale') throw new Error(`--only takes read-path or scale; got ${args.only}`);
  if (args.only === 'scale') return scale(args);
  const readPathOnly = args.only === 'read-path';
  const quick = args.quick! || readPathOnly;
  const dataset: DatasetOptions = {
    customers: Number(args.customers ?? (quick ? 5_000 : 100_000)),
    months: Number(args.months ?? 36),
    seed: Number(args.seed),
    // Fixed, not the default (up to last month): the measured periods and the results stay comparable from run to run.
    endMonth: '2025-12-01',
  };
  const runs = Number(args.runs ?? (quick ? 11 : 7));
  const loadSeconds = quick ? 4 : 15;
  const out = path.resolve(
    args.out ?? path.join(projectRoot(), 'bench', 'results', readPathOnly ? 'latest-read-path.json' : quick ? 'latest-quick.json' : 'latest.json'),
  );
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const loadBefore = os.loadavg();

  const database = await createDatabase();
  log(`database: ${database.mode}`);
  const server = new ServerProcess();
  // No statement limit worth the name: the set-wise twins of 100,000 customers insert millions of rows in one statement.
  const dataSource = createDataSource({ url: database.url, entities: appEntities, poolSize: 4, statementTimeoutMs: 3_600_000 });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const [{ server_version: pgVersion }] = await dataSource.query('SHOW server_version');
    const services = createServices(appModules, { dataSource, registry: new Registry() });
    const { workspace, adminKey } = await services.workspaces.createWorkspace({ name: 'Benchmark' });
    const viewerKey = (await services.workspaces.createKey(workspace.id, { name: 'Benchmark viewer', role: Role.VIEWER })).key;

    log(`generating ${dataset.customers.toLocaleString('en')} customers × ${dataset.months} months (seed ${dataset.seed}) through the ingestion services …`);
    let lastReport = 0;
    const generation: SeedSummary = await seedWorkspace(new ServiceSink(dataSource, services, workspace.id), dataset, {
      onProgress: (s) => {
        if (Date.now() - lastReport > 15_000) {
          lastReport = Date.now();
          log(`  ${s.rows.customers.toLocaleString('en')} customers, ${s.total.toLocaleString('en')} rows, ${Math.round(s.total / (s.ms / 1000)).toLocaleString('en')} rows/s`);
        }
      },
    });
    log(`generated ${generation.total.toLocaleString('en')} rows in ${(generation.ms / 1000).toFixed(1)} s: ${JSON.stringify(generation.rows)}`);
    // The demo metric chain: success metrics on the phases, with recorded values and approved targets, for the scorecards.
    await createDemoChain(dataSource, services, workspace.id, {
      start: startMonthOf(dataset),
      end: dataset.endMonth!,
      current: addMonths(dataset.endMonth!, 1),
    });
    await dataSource.query('ANALYZE');

    const readPath = (): Promise<ReadPathResult> =>
      runReadPath({
        databaseUrl: database.url,
        viewerKey,
        workspaceId: workspace.id,
        rounds: Number(args.rounds ?? (readPathOnly ? 5 : 3)),
        secondsPerCell: Number(args.seconds ?? 5),
        jgPort: args['jg-port'] ? Number(args['jg-port']) : undefined,
        pgPort: args['pg-port'] ? Number(args['pg-port']) : undefined,
        log,
      });
    if (args['keep-database']) {
      log(`keeping the database: ${database.url}; viewer key ${viewerKey}; admin key ${adminKey}`);
      database.drop = async () => undefined;
      if (readPathOnly && args.rounds === '0') return;
    }
    if (readPathOnly) {
      const result = await readPath();
      const table = readPathTable(result);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(
        out,
        JSON.stringify(
          { command: 'npm run bench -- --only read-path', when: new Date().toISOString(), commit: commitOf(), dataset: { ...dataset, totalRows: generation.total },
            machine: { cpus: os.cpus().length, node: process.version }, database: { mode: database.mode, version: pgVersion }, readPath: result },
          null,
          2,
        ) + '\n',
      );
      console.log(`\n${table}\n`);
      log(`written to ${path.relative(process.cwd(), out)}`);
      return;
    }

    await server.start(database.url);
    log(`server (child process ${server.url}) ready`);
    const pg = new Client({ connectionString: database.url });
    pg.on('error', () => undefined); // the database is dropped at the end, also after a failure
    await pg.connect();

    // ---- kpiMatrix: hand-written SQL, one statement per KPI, run directly with pg
    const handRuns: number[] = [];
    const perKpi = new Map<string, number[]>(HAND_WRITTEN_KPIS.map((k) => [k.kpi, []]));
    const hand = new Map<string, Map<string, number | null>>();
    for (let run = 0; run <= runs; run += 1) {
      let total = 0;
      for (const kpi of HAND_WRITTEN_KPIS) {
        const started = process.hrtime.bigint();
        const { rows } = await pg.query(kpi.sql, [workspace.id, QUARTER_STARTS]);
        const ms = elapsedMs(started);
        total += ms;
        if (run > 0) perKpi.get(kpi.kpi)!.push(ms);
        hand.set(
          kpi.kpi,
          new Map(
            rows.map((r: { s: Date | string; tier: string | null; total: boolean; value: string | null }) => [
              `${typeof r.s === 'string' ? r.s : r.s.toISOString().slice(0, 10)}|${r.total ? 'TOTAL' : (r.tier ?? 'NULL')}`,
              r.value === null ? null : Number(r.value),
            ]),
          ),
        );
      }
      if (run > 0) handRuns.push(total); // the first run warms the caches, for both sides
    }
    const handStats = stats(handRuns);
    log(`hand-written SQL, 12 statements: median ${handStats.median} ms, p95 ${handStats.p95} ms`);

    // ---- kpiMatrix through HTTP, recomputed (the data version bumped before each run, as an ingestion write would) and warm
    const timeMatrix = async (workspaceId: string, key: string) => {
      const coldRuns: number[] = [];
      let matrix: any;
      let coldStatements = 0;
      for (let run = 0; run <= runs; run += 1) {
        await pg.query('UPDATE workspace SET data_version = data_version + 1 WHERE id = $1', [workspaceId]);
        const res = await gql(server.url, key, MATRIX, { m: TWELVE, p: PERIOD });
        if (run > 0) coldRuns.push(res.ms);
        matrix = res.data.kpiMatrix;
        coldStatements = res.statements;
      }
      // ---- the same request again: warm, from the cache
      const warmRuns: number[] = [];
      let warmStatements = 0;
      for (let run = 0; run < Math.max(runs, 20); run += 1) {
        const res = await gql(server.url, key, MATRIX, { m: TWELVE, p: PERIOD });
        warmRuns.push(res.ms);
        warmStatements = res.statements;
      }
      return { matrix, cold: { ...stats(coldRuns), sqlStatements: coldStatements }, warm: { ...stats(warmRuns), sqlStatements: warmStatements } };
    };
    const subscription = await timeMatrix(workspace.id, viewerKey);
    const { matrix, cold: coldStats, warm: warmStats } = subscription;
    const coldStatements = coldStats.sqlStatements;
    const warmStatements = warmStats.sqlStatements;
    const check = compareCells(matrix, hand);
    log(`kpiMatrix recomputed: median ${coldStats.median} ms, p95 ${coldStats.p95} ms; ${check.cells} cells compared, ${check.mismatches.length} differ`);
    for (const m of check.mismatches.slice(0, 20)) log(`  MISMATCH ${m}`);
    log(`kpiMatrix warm: median ${warmStats.median} ms, p95 ${warmStats.p95} ms`);

    // ---- cohorts and drill-down (bench/cohorts.bench.ts), beside the matrix
    const cohorts = await benchCohorts({ gql: (query) => gql(server.url, viewerKey, query), pg, workspaceId: workspace.id, runs, stats, log });

    // ---- the business models on like data: a SUBSCRIPTION and a TRANSACTIONAL workspace of the same size, written set-wise by one
    // generator (bench/business-model-workspaces.ts), the matrix recomputed and warm on each
    log(`generating a SUBSCRIPTION and a TRANSACTIONAL workspace of ${dataset.customers.toLocaleString('en')} customers × ${dataset.months} months (set-wise) …`);
    const pair = await createBusinessModelPair(dataSource, services, { customers: dataset.customers, months: dataset.months, start: startMonthOf(dataset) });
    log(`generated: subscription ${JSON.stringify(pair.subscription.rows)} in ${pair.subscription.generationSeconds} s; transactional ${JSON.stringify(pair.transactional.rows)} in ${pair.transactional.generationSeconds} s`);
    const pairTimes = { subscription: await timeMatrix(pair.subscription.workspaceId, pair.subscription.viewerKey), transactional: await timeMatrix(pair.transactional.workspaceId, pair.transactional.viewerKey) };
    const businessModels = {
      request: 'the same kpiMatrix on two set-wise workspaces of the same size: SUBSCRIPTION (revenue rows) and TRANSACTIONAL (orders and refunds, W = 12)',
      subscription: { dataset: pair.subscription.rows, api: pairTimes.subscription.cold, warm: pairTimes.subscription.warm },
      transactional: { dataset: pair.transactional.rows, api: pairTimes.transactional.cold, warm: pairTimes.transactional.warm },
      ratioTransactionalToSubscription: Math.round((pairTimes.transactional.cold.median / pairTimes.subscription.cold.median) * 100) / 100,
    };
    log(`kpiMatrix recomputed, set-wise SUBSCRIPTION: median ${businessModels.subscription.api.median} ms; TRANSACTIONAL: median ${businessModels.transactional.api.median} ms (${businessModels.ratioTransactionalToSubscription}×); warm ${businessModels.subscription.warm.median} / ${businessModels.transactional.warm.median} ms`);

    // ---- the nested journey query under load
    const nestedStatements = (await gql(server.url, viewerKey, NESTED)).statements;
    const nested: { connections: number; requestsPerSecond: number; p50: number; p95: number; p99: number; errors: number; non2xx: number }[] = [];
    for (const connections of [2, 10, 50]) {
      const latencies: number[] = [];
      const instance = autocannon({
        url: server.url,
        method: 'POST',
        connections,
        duration: loadSeconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerKey}` },
        body: JSON.stringify({ query: NESTED }),
      });
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
      const result = await instance;
      const s = stats(latencies);
      const sorted = [...latencies].sort((a, b) => a - b);
      nested.push({
        connections,
        requestsPerSecond: Math.round(result.requests.total / (result.duration || loadSeconds)),
        p50: s.median,
        p95: s.p95,
        p99: Math.round(percentile(sorted, 0.99) * 100) / 100,
        errors: result.errors,
        non2xx: result.non2xx,
      });
      log(`nested journey query, ${connections} connections: ${nested[nested.length - 1].requestsPerSecond} req/s, p95 ${s.p95} ms`);
    }

    // ---- ingestion over HTTP, 10,000-row batches of new rows
    const batch = 10_000;
    const width = Math.min(dataset.customers, batch);
    const ingestion: Record<string, { batches: number[]; rowsPerSecond: number; statements: number; loadAverage: number[] }> = {};
    const measureIngestion = async (name: string, type: string, rowsOf: (round: number) => unknown[]) => {
      const times: number[] = [];
      let statements = 0;
      for (let round = 0; round < 3; round += 1) {
        const res = await gql(server.url, adminKey, `mutation($rows: [${type}!]!) { ${name}(rows: $rows) { inserted updated unchanged } }`, { rows: rowsOf(round) });
        if (res.data[name].inserted !== batch) throw new Error(`${name} inserted ${JSON.stringify(res.data[name])}`);
        times.push(res.ms);
        statements = res.statements;
      }
      const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
      ingestion[name] = { batches: times.map((ms) => Math.round(ms)), rowsPerSecond: Math.round(batch / (stats(times).median / 1000)), statements, loadAverage };
      log(`${name}: ${ingestion[name].rowsPerSecond.toLocaleString('en')} rows/s (${times.map((t) => t.toFixed(0)).join(', ')} ms per 10,000 rows; load average ${loadAverage.join(' ')})`);
    };
    const end = addMonths('2023-01-01', 36 + dataset.months);
    await measureIngestion('recordRevenue', 'RevenueRowInput', (round) =>
      Array.from({ length: batch }, (_, i) => ({
        customer: customerExternalId(i % width),
        month: addMonths(end, round * Math.ceil(batch / width) + Math.floor(i / width)),
        type: 'RECURRING',
        amount: 100 + (i % 50) + 0.25,
      })),
    );
    await measureIngestion('recordEvents', 'EventRowInput', (round) =>
      Array.from({ length: batch }, (_, i) => ({
        externalId: `bench-ev-${round}-${i}`,
        customer: customerExternalId(i % width),
        type: i % 3 === 0 ? 'WEBINAR_ATTENDED' : 'CONTENT_DOWNLOAD',
        occurredAt: `2025-12-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
        touchpoint: 'contact_content',
      })),
    );
    await measureIngestion('recordOrders', 'OrderRowInput', (round) => benchOrders(round, batch, width));
    await pg.end();
    await server.stop();
    const readPathResult = await readPath();

    const commit = commitOf();
    const result = {
      label: args.label ?? null,
      command: `npm run bench${quick ? ' -- --quick' : ''}`,
      when: new Date().toISOString(),
      commit,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
        loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
        node: process.version,
      },
      database: { mode: database.mode, version: pgVersion },
      dataset: { ...dataset, rows: generation.rows, totalRows: generation.total, generationSeconds: Math.round(generation.ms / 100) / 10,
        generationRowsPerSecond: Math.round(generation.total / (generation.ms / 1000)) },
      kpiMatrix: {
        request: '12 KPIs × 12 quarters × 4 tiers (+ costs without a customer, + total)',
        handWrittenSql: { ...handStats, perKpiMedianMs: Object.fromEntries([...perKpi].map(([k, v]) => [k, stats(v).median])) },
        api: { ...coldStats, sqlStatements: coldStatements },
        ratioApiToHandWritten: Math.round((coldStats.median / handStats.median) * 100) / 100,
        warm: { ...warmStats, sqlStatements: warmStatements },
        cellsCompared: check.cells,
        cellsDiffering: check.mismatches.length,
        mismatches: check.mismatches.slice(0, 50),
        businessModels,
      },
      cohorts,
      nestedJourneyQuery: { query: NESTED, sqlStatementsPerRequest: nestedStatements, secondsPerLevel: loadSeconds, load: nested },
      ingestion,
      server: { peakRssMiB: server.peakRssMb },
      readPath: readPathResult,
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    printTable(result);
    console.log(`${readPathTable(readPathResult)}\n`);
    log(`written to ${path.relative(process.cwd(), out)}`);
    if (check.mismatches.length > 0) process.exitCode = 2;
  } finally {
    await server.stop().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

/** `--only scale` (bench/scale.ts): the matrix, ingestion, storage and rebuild at 10k, 100k and 1M customers, from the facts and from the aggregates. */
async function scale(args: { sizes?: string; models?: string; 'reuse-aggregates'?: boolean; 'skip-open-month'?: boolean; 'quarter-ends-only'?: boolean; runs?: string; fresh?: boolean; drop?: boolean; out?: string; label?: string }): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    throw new Error('--only scale needs DATABASE_URL: a PostgreSQL server on which it keeps a database per size and model (jg_scale_<model>_<size>) between runs');
  }
  const sizes = (args.sizes ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes customer counts such as 10000,100000; got ${args.sizes}`);
  const models = (args.models ?? MODELS.join(',')).split(',').map((m) => m.trim().toUpperCase()) as Model[];
  if (!models.length || models.some((m) => !MODELS.includes(m))) throw new Error(`--models takes ${MODELS.join(',')} or one of them; got ${args.models}`);
  const runs = Number(args.runs ?? 7);
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const out = path.resolve(args.out ?? path.join(projectRoot(), 'bench', 'results', 'scale.json'));
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const [{ server_version: pgVersion }] = await new Promise<{ server_version: string }[]>((resolve, reject) => {
    const c = new Client({ connectionString: adminUrl });
    c.connect()
      .then(() => c.query('SHOW server_version'))
      .then((r) => resolve(r.rows))
      .catch(reject)
      .finally(() => void c.end());
  });
  log(`scale: ${sizes.map((n) => n.toLocaleString('en')).join(', ')} customers × 36 months, ${models.join(' and ')}, ${runs} runs; load average ${loadBefore.join(' ')}`);
  const commit = commitOf(); // the build this run started from, whatever the worktree's HEAD is when the results are written
  const write = (cases: ScaleCase[], aggregatesInBuild: boolean, whyNoAggregates: string | undefined, complete: boolean) => {
    const json = {
      label: args.label ?? null,
      command: `npm run bench -- --only scale --sizes ${sizes.join(',')} --models ${models.join(',')} --runs ${runs}${args['reuse-aggregates'] ? ' --reuse-aggregates' : ''}${args['skip-open-month'] ? ' --skip-open-month' : ''}${args['quarter-ends-only'] ? ' --quarter-ends-only' : ''}`,
      complete,
      when: new Date().toISOString(),
      commit,
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
        node: process.version,
      },
      database: { mode: `PostgreSQL server of DATABASE_URL (${new URL(adminUrl).host}), a database per size and model kept between runs`, version: pgVersion },
      goals: SCALE_GOALS,
      aggregatesInBuild,
      whyNoAggregates: whyNoAggregates ?? null,
      cases,
      growth: scaleGrowth(cases),
    };
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(json, null, 2) + '\n');
    return json;
  };
  const result = await runScale({
    adminUrl, sizes, models, reuseAggregates: args['reuse-aggregates'] ?? false, skipOpenMonth: args['skip-open-month'] ?? false, quarterEndsOnly: args['quarter-ends-only'] ?? false, runs, fresh: args.fresh ?? false, drop: args.drop ?? false, log,
    onCase: (cases, aggregates) => {
      write(cases, aggregates.inBuild, aggregates.why, false);
      console.log(`\n${scaleTable(cases)}\n`);
    },
  });
  const table = scaleTable(result.cases);
  const json = write(result.cases, result.aggregatesInBuild, result.whyNoAggregates, true);
  console.log(`\n${table}\n`);
  log(`growth (ratio of medians): ${JSON.stringify(json.growth)}`);
  log(`written to ${path.relative(process.cwd(), out)}`);
}

function printTable(r: any): void {
  const m = r.kpiMatrix;
  const lines = [
    `| measure | result |`,
    `| --- | --- |`,
    `| dataset | ${r.dataset.customers.toLocaleString('en')} customers × ${r.dataset.months} months, ${r.dataset.totalRows.toLocaleString('en')} rows (generated in-process through the ingestion services at ${r.dataset.generationRowsPerSecond.toLocaleString('en')} rows/s) |`,
    `| kpiMatrix, hand-written SQL (12 statements with pg) | median ${m.handWrittenSql.median} ms, p95 ${m.handWrittenSql.p95} ms |`,
    `| kpiMatrix through HTTP, recomputed | median ${m.api.median} ms, p95 ${m.api.p95} ms, ${m.api.sqlStatements} SQL statements |`,
    `| ratio API / hand-written (medians) | ${m.ratioApiToHandWritten} |`,
    `| kpiMatrix through HTTP, warm repeat | median ${m.warm.median} ms, p95 ${m.warm.p95} ms, ${m.warm.sqlStatements} SQL statements |`,
    `| cells compared with the hand-written SQL | ${m.cellsCompared}, ${m.cellsDiffering} differ |`,
    `| kpiMatrix recomputed on set-wise twins of the same size: SUBSCRIPTION (${m.businessModels.subscription.dataset.revenue.toLocaleString('en')} revenue rows) / TRANSACTIONAL (${m.businessModels.transactional.dataset.orders.toLocaleString('en')} orders, ${m.businessModels.transactional.dataset.refunds.toLocaleString('en')} refunds) | median ${m.businessModels.subscription.api.median} / ${m.businessModels.transactional.api.median} ms, p95 ${m.businessModels.subscription.api.p95} / ${m.businessModels.transactional.api.p95} ms: TRANSACTIONAL ${m.businessModels.ratioTransactionalToSubscription}× SUBSCRIPTION |`,
    `| the same, warm repeat | median ${m.businessModels.subscription.warm.median} / ${m.businessModels.transactional.warm.median} ms (${m.businessModels.transactional.warm.sqlStatements} SQL statements) |`,
    ...cohortTableLines(r.cohorts),
    ...r.nestedJourneyQuery.load.map(
      (l: any) => `| nested journey query, ${l.connections} connections | ${l.requestsPerSecond.toLocaleString('en')} req/s, p95 ${l.p95} ms (${r.nestedJourneyQuery.sqlStatementsPerRequest} SQL statements per request) |`,
    ),
    ...Object.entries(r.ingestion).map(([name, v]: [string, any]) => `| ${name}, 10,000-row batches over HTTP | ${v.rowsPerSecond.toLocaleString('en')} rows/s (load average ${v.loadAverage[0]}) |`),
    `| server peak RSS | ${r.server.peakRssMiB} MiB |`,
    `| machine | ${r.machine.cpus} cores, ${r.machine.memoryGiB} GiB, load average ${r.machine.loadAverageBefore[0]} before / ${r.machine.loadAverageAfter[0]} after; ${r.database.mode}, PostgreSQL ${r.database.version} |`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
