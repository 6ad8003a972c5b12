import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/free-port';
import { ROOT } from '../helpers/paths';

/*
 * The real built server (`node dist/src/main.js`) on its own embedded PostgreSQL, stopped the ways it is in production.
 * The request in flight is slow because its client is: it sends its body in small pieces over ~1.5 s, as a client on a
 * poor network does. The server holds no test-only delay.
 */

const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

jest.setTimeout(180_000);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist is missing or older than any source it is built from. */
function ensureBuilt(): void {
  const sources = Math.max(...['src', 'migrations', 'scripts'].map((d) => newestMtime(path.join(ROOT, d))), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs >= sources) return;
  console.log('[shutdown test] dist is missing or stale: npm run build');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

interface RunningServer {
  child: ChildProcess;
  origin: string;
  viewerKey: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let workDir: string;
let dataDir: string;
let pgPort: number;
const children: ChildProcess[] = [];

async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_WORKSPACE: 'true',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '10000',
    ...extraEnv,
  };
  // Always the embedded PostgreSQL, even in the test pass that runs against a PostgreSQL server.
  delete env.DATABASE_URL;
  delete env.JG_TEST_DATABASE_URL;
  const child = spawn(process.execPath, [MAIN], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not get ready:\n${output}`);
    const viewerKey = /VIEWER key: +(\S+)/.exec(output)?.[1];
    if (viewerKey) {
      const ready = await fetch(`${origin}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) return { child, origin, viewerKey, output: () => output, exited };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function journeyNames(server: RunningServer): Promise<string[]> {
  const res = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.viewerKey}` },
    body: JSON.stringify({ query: '{ journeys { name } }' }),
  });
  const body = (await res.json()) as { data: { journeys: { name: string }[] } };
  return body.data.journeys.map((j) => j.name);
}

/** The pid in the cluster's lock file, or undefined when there is none (a clean stop removes it). */
function postmasterPid(): number | undefined {
  const file = path.join(dataDir, 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A GraphQL request whose client sends the body in `pieces` parts, one every `gapMs`; `onFirstPiece` runs once the
 * server has the headers and the first part, i.e. once the request is in flight. A failure says whether the client was
 * still sending (`whileSending`).
 */
function dripRequest(server: RunningServer, pieces: number, gapMs: number, onFirstPiece: () => void) {
  const body = Buffer.from(JSON.stringify({ query: '{ journeys { name } }' }) + ' '.repeat(pieces * 16));
  const size = Math.ceil(body.length / pieces);
  return new Promise<{ status: number; body: any; at: number }>((resolve, reject: (err: Error & { at?: number }) => void) => {
    const url = new URL('/graphql', server.origin);
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        authorization: `Bearer ${server.viewerKey}`,
      },
    });
    req.on('error', (err: Error & { at?: number; whileSending?: boolean }) => {
      err.at = Date.now();
      err.whileSending = sent < body.length;
      reject(err);
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), at: Date.now() }));
    });
    let sent = 0;
    const sendNext = () => {
      const piece = body.subarray(sent, sent + size);
      sent += piece.length;
      if (req.destroyed) return;
      if (sent >= body.length) req.end(piece);
      else {
        req.write(piece);
        setTimeout(sendNext, gapMs);
      }
      if (sent === piece.length) void inFlight(server).then(onFirstPiece);
    };
    sendNext();
  });
}

/**
 * Resolves once the server has read what was sent before: it answers a request sent after it on another connection (one
 * event loop reads its sockets in turn). A fixed pause would not do on a loaded machine: a request whose headers the server
 * has not read yet is an idle connection, which a shutdown closes at once.
 */
async function inFlight(server: RunningServer): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  await fetch(`${server.origin}/healthz`).then((res) => res.arrayBuffer());
}

beforeAll(async () => {
  ensureBuilt();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-shutdown-'));
  // As root, PostgreSQL runs as the postgres OS user, which must reach the data directory.
  fs.chmodSync(workDir, 0o755);
  dataDir = path.join(workDir, 'pg');
  pgPort = await freePort();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const pid = postmasterPid();
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  }
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('graceful shutdown of the built server', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, stops PostgreSQL cleanly and exits 0; the next start serves', async () => {
    const server = await startServer();
    expect(await journeyNames(server)).toEqual(['B2B customer lifecycle']);
    const pgPid = postmasterPid()!;
    expect(alive(pgPid)).toBe(true);

    let sigtermAt = 0;
    let newConnection: Promise<string> | undefined;
    const response = dripRequest(server, 15, 100, () => {
      sigtermAt = Date.now();
      server.child.kill('SIGTERM');
      newConnection = new Promise<void>((r) => setTimeout(r, 200)).then(() =>
        fetch(`${server.origin}/healthz`).then(
          (res) => `answered ${res.status}`,
          (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
        ),
      );
    });

    const answered = await response;
    const exit = await server.exited;
    expect(await newConnection).toBe('ECONNREFUSED');
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ data: { journeys: [{ name: 'B2B customer lifecycle' }] } });
    expect(answered.at).toBeGreaterThan(sigtermAt + 1000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(server.output()).toContain('"msg":"shut down cleanly"');
    expect(postmasterPid()).toBeUndefined();
    expect(alive(pgPid)).toBe(false);
    const steps = Object.fromEntries(
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"shutdown step done"'))
        .map((line) => JSON.parse(line) as { step: string; elapsedMs: number })
        .map((line) => [line.step, line.elapsedMs]),
    );
    expect(Object.keys(steps)).toEqual(['http', 'database']);
    console.log(
      `[shutdown test] SIGTERM with a request in flight: the process exited ${exit.at - sigtermAt} ms after SIGTERM; ` +
        `the request was answered after ${answered.at - sigtermAt} ms, the HTTP server had drained at ${steps.http} ms, ` +
        `the pool was closed and PostgreSQL stopped at ${steps.database} ms (server clock)`,
    );

    const again = await startServer();
    expect(again.viewerKey).toBe(server.viewerKey);
    expect(await journeyNames(again)).toEqual(['B2B customer lifecycle']);
    again.child.kill('SIGINT');
    expect(await again.exited).toMatchObject({ code: 0, signal: null });
    expect(postmasterPid()).toBeUndefined();
  });

  it('after kill -9 the next start shuts down the orphaned PostgreSQL by itself and serves', async () => {
    const server = await startServer();
    const pgPid = postmasterPid()!;
    server.child.kill('SIGKILL');
    expect(await server.exited).toMatchObject({ signal: 'SIGKILL' });
    // PostgreSQL outlives its parent and still holds the data directory.
    expect(alive(pgPid)).toBe(true);
    expect(postmasterPid()).toBe(pgPid);

    const next = await startServer();
    expect(next.output()).toMatch(/starting embedded PostgreSQL/);
    expect(alive(pgPid)).toBe(false);
    expect(postmasterPid()).not.toBe(pgPid);
    expect(await journeyNames(next)).toEqual(['B2B customer lifecycle']);
    next.child.kill('SIGTERM');
    expect(await next.exited).toMatchObject({ code: 0, signal: null });
    expect(postmasterPid()).toBeUndefined();
  });

  it('bounds the wait by SHUTDOWN_TIMEOUT_MS: a request still in flight then is cut, and the process still exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '500' });
    let sigtermAt = 0;
    const response = dripRequest(server, 40, 100, () => {
      sigtermAt = Date.now();
      server.child.kill('SIGTERM');
    });
    const failure = await response.then(
      () => undefined,
      (err: Error & { code?: string; at?: number; whileSending?: boolean }) => err,
    );
    const exit = await server.exited;
    expect(failure?.code).toBe('ECONNRESET');
    expect(failure!.at! - sigtermAt).toBeGreaterThanOrEqual(500);
    // Cut by the timeout, not ended by its client: it was still sending its body (4 s of it), however slow the machine.
    expect(failure!.whileSending).toBe(true);
    console.log(`[shutdown test] SHUTDOWN_TIMEOUT_MS=500: the request in flight was cut ${failure!.at! - sigtermAt} ms after SIGTERM`);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(postmasterPid()).toBeUndefined();
  });
});
