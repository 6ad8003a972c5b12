import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { freePort } from '../scripts/free-port';
import { projectRoot } from '../scripts/project-root';

/**
 * The read path side by side with PostGraphile v4 (which compiles each GraphQL request into one SQL statement), on the same
 * database, the same two queries and the same results: the nested journey query and the first 100 customers with their tier and
 * partner, at 1, 10 and 50 connections, in interleaved rounds. For each cell: requests per second, p95 latency, and CPU time per
 * request of the server process plus the PostgreSQL backends serving it (from /proc), with the machine's load average.
 *
 * JourneyGraph runs as in production (NODE_ENV=production, request log at info, query limits, the per-key rate limiter with a
 * budget the bench cannot reach) with a VIEWER key. PostGraphile runs from bench/postgraphile/ (its own package and lockfile,
 * installed there on first use; never a dependency of the server), without its query log, on the same database.
 * The load comes from wrk when it is on the PATH (Debian: apt-get install wrk), else from autocannon (in this process).
 */

export const JG_JOURNEYS = `query Journeys { journeys { name phases { key name owner { name function } processes { name } touchpoints { key name channel mode } } } }`;
/**
 * PostGraphile's queries, scoped to the bench workspace by a condition on its workspace id (JourneyGraph's scope comes from the
 * key): the bench database also holds the business-model twin workspaces.
 */
export const pgJourneys = (workspaceId: string) =>
  `query Journeys { allJourneys(condition: { workspaceId: "${workspaceId}" }, orderBy: [CREATED_AT_ASC, NAME_ASC]) { nodes { name phases: phasesByJourneyId(orderBy: POSITION_ASC) { nodes { key name ` +
  `owner: ownerByOwnerId { name function } processes: processesByPhaseId(orderBy: POSITION_ASC) { nodes { name } } ` +
  `touchpoints: touchpointsByPhaseId(orderBy: NAME_ASC) { nodes { key name channel mode } } } } } } }`;
export const JG_CUSTOMERS = `query Customers { customers(first: 100) { edges { node { externalId name tier { key name } partner { name } } } pageInfo { hasNextPage } } }`;
export const pgCustomers = (workspaceId: string) =>
  `query Customers { allCustomers(condition: { workspaceId: "${workspaceId}" }, first: 100, orderBy: [NAME_ASC, ID_ASC]) { nodes { externalId name tier: tierByTierId { key name } ` +
  `partner: partnerByPartnerId { name } } pageInfo { hasNextPage } } }`;

type ServerName = 'JourneyGraph' | 'PostGraphile';
type QueryName = 'journeys' | 'customers';

export interface ReadPathCell {
  query: QueryName;
  server: ServerName;
  connections: number;
  round: number;
  requestsPerSecond: number;
  p95: number;
  /** CPU milliseconds per request: the server process, PostgreSQL's backends of the bench database, and both. */
  cpuServerMs: number;
  cpuPostgresMs: number;
  cpuMsPerRequest: number;
  errors: number;
  loadAverage: number;
}

export interface ReadPathResult {
  loadGenerator: string;
  secondsPerCell: number;
  rounds: number;
  cells: ReadPathCell[];
  /** Per query, server and connections: the median over the rounds. */
  summary: { query: QueryName; connections: number; jg: Summary; pg: Summary; ratio: number }[];
  loadAverage: { before: number[]; after: number[]; min: number; max: number };
}

interface Summary {
  requestsPerSecond: number;
  p95: number;
  cpuMsPerRequest: number;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** user + system CPU of a process in milliseconds, from /proc/<pid>/stat; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** A server as a child process: started, waited for, its pid for /proc, stopped. */
class Child {
  private child!: ChildProcess;
  private log = '';
  constructor(readonly name: ServerName) {}

  get pid(): number {
    return this.child.pid!;
  }

  async start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: () => Promise<boolean>): Promise<void> {
    this.child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000)));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited: ${this.log}`);
      if (await ready().catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`${this.name} did not get ready: ${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** bench/postgraphile/ with its node_modules: installed from its own lockfile on first use. */
function postgraphileCli(log: (line: string) => void): string {
  const dir = path.join(projectRoot(), 'bench', 'postgraphile');
  const cli = path.join(dir, 'node_modules', 'postgraphile', 'cli.js');
  if (!fs.existsSync(cli)) {
    log('installing PostGraphile into bench/postgraphile (npm ci, its own lockfile) …');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci in bench/postgraphile failed');
  }
  return cli;
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

const WRK_SCRIPT = (body: string, authorization: string | undefined) => `
wrk.method = "POST"
wrk.body = ${JSON.stringify(body)}
wrk.headers["Content-Type"] = "application/json"
${authorization ? `wrk.headers["Authorization"] = ${JSON.stringify(authorization)}` : ''}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"errors":%d,"status":%d,"p95Us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(95)))
end
`;

interface Load {
  requests: number;
  seconds: number;
  p95: number;
  errors: number;
}

async function load(url: string, body: string, authorization: string | undefined, connections: number, seconds: number, wrk: boolean): Promise<Load> {
  if (wrk) {
    const script = path.join(os.tmpdir(), `jg-read-path-${process.pid}-${Math.random().toString(36).slice(2)}.lua`);
    fs.writeFileSync(script, WRK_SCRIPT(body, authorization));
    try {
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, url], { stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
        child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
        child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk failed: ${text}`))));
      });
      const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
      if (!line) throw new Error(`wrk printed no summary: ${out}`);
      const r = JSON.parse(line) as { requests: number; durationUs: number; errors: number; status: number; p95Us: number };
      return { requests: r.requests, seconds: r.durationUs / 1e6, p95: r.p95Us / 1000, errors: r.errors + r.status };
    } finally {
      fs.rmSync(script, { force: true });
    }
  }
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
  const result = await instance;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    seconds: result.duration || seconds,
    p95: sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0,
    errors: result.errors + result.non2xx,
  };
}

/** The PostgreSQL backends connected to the bench database (the servers' pools), and their CPU so far. */
async function backendsCpu(pg: Client, database: string): Promise<Map<number, number>> {
  const { rows } = await pg.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
}

async function post(url: string, query: string, authorization?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (!res.ok || body.errors) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 2000)}`);
  return body.data;
}

/** Both answers in one shape: the bench refuses to compare servers that do not return the same thing. */
function sameResults(jg: { journeys: any; customers: any }, pg: { journeys: any; customers: any }): void {
  const journeysOf = (list: any[]) => JSON.stringify(list);
  const pgJourneys = pg.journeys.allJourneys.nodes.map((j: any) => ({
    name: j.name,
    phases: j.phases.nodes.map((p: any) => ({
      key: p.key,
      name: p.name,
      owner: p.owner,
      processes: p.processes.nodes,
      touchpoints: p.touchpoints.nodes,
    })),
  }));
  if (journeysOf(jg.journeys.journeys) !== journeysOf(pgJourneys)) {
    throw new Error(`the journeys differ:\n JourneyGraph ${journeysOf(jg.journeys.journeys).slice(0, 500)}\n PostGraphile ${journeysOf(pgJourneys).slice(0, 500)}`);
  }
  const jgCustomers = JSON.stringify({ nodes: jg.customers.customers.edges.map((e: any) => e.node), pageInfo: jg.customers.customers.pageInfo });
  const pgCustomers = JSON.stringify(pg.customers.allCustomers);
  if (jgCustomers !== pgCustomers) throw new Error(`the customers differ:\n JourneyGraph ${jgCustomers.slice(0, 500)}\n PostGraphile ${pgCustomers.slice(0, 500)}`);
}

export interface ReadPathOptions {
  databaseUrl: string;
  /** A VIEWER key of the bench workspace. */
  viewerKey: string;
  /** The bench workspace, whose journeys and customers both servers read. */
  workspaceId: string;
  rounds: number;
  secondsPerCell: number;
  connections?: number[];
  jgPort?: number;
  pgPort?: number;
  log(line: string): void;
}

export async function runReadPath(options: ReadPathOptions): Promise<ReadPathResult> {
  const { log, rounds, secondsPerCell } = options;
  const connectionLevels = options.connections ?? [1, 10, 50];
  const database = new URL(options.databaseUrl).pathname.slice(1);
  const wrk = hasWrk();
  const loadGenerator = wrk ? 'wrk (1 thread)' : 'autocannon (in the bench process: wrk is not on the PATH)';
  const loadBefore = os.loadavg();
  const cli = postgraphileCli(log);

  const jg = new Child('JourneyGraph');
  const pgServer = new Child('PostGraphile');
  const jgPort = options.jgPort ?? (await freePort());
  const pgPort = options.pgPort ?? (await freePort());
  const jgUrl = `http://127.0.0.1:${jgPort}/graphql`;
  const pgUrl = `http://127.0.0.1:${pgPort}/graphql`;
  const authorization = `Bearer ${options.viewerKey}`;
  const pg = new Client({ connectionString: options.databaseUrl });
  pg.on('error', () => undefined);
  await pg.connect();
  try {
    await jg.start(
      process.execPath,
      // The V8 flag npm start and the container image start the server with (docs/operations.md, Deployment).
      ['--max-semi-space-size=64', path.resolve(__dirname, '..', 'src', 'main.js')],
      {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(jgPort),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        DEMO_WORKSPACE: 'false',
        LOG_LEVEL: 'info',
        // The limiter runs on every request, with a budget the bench does not reach.
        RATE_LIMIT_REQUESTS: '1000000000',
      },
      async () => (await fetch(`http://127.0.0.1:${jgPort}/readyz`)).ok,
    );
    await pgServer.start(
      process.execPath,
      [cli, '--connection', options.databaseUrl, '--schema', 'public', '--host', '127.0.0.1', '--port', String(pgPort), '--disable-query-log'],
      { ...process.env, NODE_ENV: 'production' },
      async () => (await fetch(pgUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' })).ok,
    );
    log(`read path: JourneyGraph ${jgUrl} (production), PostGraphile ${pgUrl}; load from ${loadGenerator}`);
    const answers = {
      jg: { journeys: await post(jgUrl, JG_JOURNEYS, authorization), customers: await post(jgUrl, JG_CUSTOMERS, authorization) },
      pg: { journeys: await post(pgUrl, pgJourneys(options.workspaceId)), customers: await post(pgUrl, pgCustomers(options.workspaceId)) },
    };
    sameResults(answers.jg, answers.pg);
    const phases = answers.jg.journeys.journeys.reduce((n: number, j: any) => n + j.phases.length, 0);
    log(`read path: the same results from both (${answers.jg.journeys.journeys.length} journey(s), ${phases} phases; 100 customers)`);

    const servers = {
      JourneyGraph: { child: jg, url: jgUrl, authorization, queries: { journeys: JG_JOURNEYS, customers: JG_CUSTOMERS } },
      PostGraphile: { child: pgServer, url: pgUrl, authorization: undefined, queries: { journeys: pgJourneys(options.workspaceId), customers: pgCustomers(options.workspaceId) } },
    } as const;
    // Warm-up: JIT, plans, pools at their size.
    for (const s of Object.values(servers)) for (const q of ['journeys', 'customers'] as const) await load(s.url, JSON.stringify({ query: s.queries[q] }), s.authorization, 10, 2, wrk);

    const cells: ReadPathCell[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      for (const query of ['journeys', 'customers'] as const) {
        for (const connections of connectionLevels) {
          // Interleaved, and the order alternates each round: neither server always runs first.
          const order: ServerName[] = (round + connections) % 2 ? ['JourneyGraph', 'PostGraphile'] : ['PostGraphile', 'JourneyGraph'];
          for (const name of order) {
            const s = servers[name];
            const body = JSON.stringify({ query: s.queries[query] });
            const serverBefore = cpuMs(s.child.pid);
            const backendsBefore = await backendsCpu(pg, database);
            const result = await load(s.url, body, s.authorization, connections, secondsPerCell, wrk);
            const serverMs = cpuMs(s.child.pid) - serverBefore;
            const backendsAfter = await backendsCpu(pg, database);
            let postgresMs = 0;
            for (const [pid, after] of backendsAfter) postgresMs += after - (backendsBefore.get(pid) ?? 0);
            const requests = Math.max(1, result.requests);
            const cell: ReadPathCell = {
              query,
              server: name,
              connections,
              round,
              requestsPerSecond: Math.round(result.requests / result.seconds),
              p95: round2(result.p95),
              cpuServerMs: round2(serverMs / requests),
              cpuPostgresMs: round2(postgresMs / requests),
              cpuMsPerRequest: round2((serverMs + postgresMs) / requests),
              errors: result.errors,
              loadAverage: round2(os.loadavg()[0]),
            };
            cells.push(cell);
            log(
              `  round ${round} ${query} ${connections} conn. ${name}: ${cell.requestsPerSecond} req/s, p95 ${cell.p95} ms, ` +
                `CPU ${cell.cpuMsPerRequest} ms/request (server ${cell.cpuServerMs} + PostgreSQL ${cell.cpuPostgresMs})` +
                `${cell.errors ? `, ${cell.errors} ERRORS` : ''}; load ${cell.loadAverage}`,
            );
          }
        }
      }
    }
    const of = (query: QueryName, connections: number, server: ServerName): Summary => {
      const mine = cells.filter((c) => c.query === query && c.connections === connections && c.server === server);
      return {
        requestsPerSecond: Math.round(median(mine.map((c) => c.requestsPerSecond))),
        p95: round1(median(mine.map((c) => c.p95))),
        cpuMsPerRequest: round2(median(mine.map((c) => c.cpuMsPerRequest))),
      };
    };
    const summary = (['journeys', 'customers'] as const).flatMap((query) =>
      connectionLevels.map((connections) => {
        const a = of(query, connections, 'JourneyGraph');
        const b = of(query, connections, 'PostGraphile');
        return { query, connections, jg: a, pg: b, ratio: round2(a.requestsPerSecond / b.requestsPerSecond) };
      }),
    );
    const loads = cells.map((c) => c.loadAverage);
    return {
      loadGenerator,
      secondsPerCell,
      rounds,
      cells,
      summary,
      loadAverage: { before: loadBefore.map(round2), after: os.loadavg().map(round2), min: Math.min(...loads), max: Math.max(...loads) },
    };
  } finally {
    await pg.end().catch(() => undefined);
    await jg.stop().catch(() => undefined);
    await pgServer.stop().catch(() => undefined);
  }
}

/** The table of docs/performance.md: medians over the rounds. */
export function readPathTable(r: ReadPathResult): string {
  const label = { journeys: 'journeys → phases → owner, processes, touchpoints', customers: 'first 100 customers with tier and partner' };
  const lines = [
    '| query | connections | JourneyGraph req/s | PostGraphile req/s | ratio | p95 JourneyGraph / PostGraphile | CPU per request (server + PostgreSQL) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.summary.map(
      (s) =>
        `| ${label[s.query]} | ${s.connections} | ${s.jg.requestsPerSecond.toLocaleString('en')} | ${s.pg.requestsPerSecond.toLocaleString('en')} | ` +
        `${s.ratio} | ${s.jg.p95} / ${s.pg.p95} ms | ${s.jg.cpuMsPerRequest} vs ${s.pg.cpuMsPerRequest} ms |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${r.rounds} interleaved rounds of ${r.secondsPerCell} s per cell, medians; load from ${r.loadGenerator}; ` +
    `load average ${r.loadAverage.before[0]} before, ${r.loadAverage.min}–${r.loadAverage.max} during, ${r.loadAverage.after[0]} after.`;
}
