import fs from 'node:fs';
import path from 'node:path';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../scripts/free-port';

/** What the benchmark's modes share: statistics, the server as a child process, a GraphQL request over HTTP, the commit. */

export interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { median: r(percentile(sorted, 0.5)), p95: r(percentile(sorted, 0.95)), min: r(sorted[0]), max: r(sorted[sorted.length - 1]), runs: sorted.length };
}
export const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** The server as a child process (so that the load generator does not share its heap), with its RSS sampled from /proc. */
export class ServerProcess {
  private child!: ChildProcess;
  private sampler?: NodeJS.Timeout;
  peakRssMb = 0;
  url = '';
  private log = '';

  /** `env` is added to (and overrides) the server's environment below: e.g. DB_STATEMENT_TIMEOUT_MS, KPI_AGGREGATES. */
  async start(databaseUrl: string, env: Record<string, string> = {}): Promise<void> {
    const port = await freePort();
    this.child = spawn(process.execPath, [path.resolve(__dirname, '..', 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'development', // keeps the x-sql-statements header
        DEMO_WORKSPACE: 'false',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_REQUESTS: '0',
        RATE_LIMIT_ROWS: '0',
        MAX_BODY_BYTES: String(32 * 1024 * 1024),
        DB_STATEMENT_TIMEOUT_MS: '300000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the server exited: ${this.log}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`the server did not get ready: ${this.log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.sampler = setInterval(() => this.sample(), 100);
  }

  /** VmHWM is the kernel's own peak of the resident set; VmRSS sampled as a cross-check. */
  private sample(): void {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      for (const field of ['VmHWM', 'VmRSS']) {
        const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
        this.peakRssMb = Math.max(this.peakRssMb, Math.round(kb / 1024));
      }
    } catch {
      // not on Linux, or the process is gone
    }
  }

  async stop(): Promise<void> {
    this.sample();
    if (this.sampler) clearInterval(this.sampler);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A GraphQL request over HTTP; its errors, if any, are returned (not thrown) with the time it took. */
export async function gqlRaw(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string; limit?: string } }[] };
  return { ms: elapsedMs(started), data: body.data, errors: body.errors, statements: Number(res.headers.get('x-sql-statements')) };
}

export async function gql(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await gqlRaw(url, key, query, variables);
  if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors).slice(0, 2000)}`);
  return { ms: res.ms, data: res.data, statements: res.statements };
}

export function commitOf(): string | null {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

