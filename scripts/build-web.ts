import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';

/**
 * Builds the dashboard (web/) with Vite when its sources changed since the last build, and does nothing otherwise, so that a
 * second `npm start` is as fast as before. The fingerprint covers every file the build reads: web/src, index.html, the Vite
 * config, web/package.json and the lockfile (dependency versions); it is kept beside the build in web/dist/.source-hash.
 *
 *   node scripts/run.cjs scripts/build-web.js            build if changed (npm start does it)
 *   node scripts/run.cjs scripts/build-web.js --force    build anyway (npm run build:web)
 * `npm start` runs it through scripts/start.js, in the server's own process.
 */
export const WEB_DIR = path.resolve(findRoot(), 'web');
export const DASHBOARD_DIR = path.join(WEB_DIR, 'dist');
const STAMP = path.join(DASHBOARD_DIR, '.source-hash');

function findRoot(): string {
  // dist/scripts/build-web.js when compiled, scripts/build-web.ts under jest: the root is the folder with the web app.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'web', 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** A hash of the build's inputs: file names and contents. */
export function sourceFingerprint(webDir = WEB_DIR): string {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...filesUnder(path.join(webDir, 'src')),
    ...['index.html', 'vite.config.ts', 'package.json'].map((f) => path.join(webDir, f)),
    path.join(webDir, '..', 'package-lock.json'),
  ];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(webDir, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export interface DashboardBuild {
  built: boolean;
  /** Why it was not built when it should have been (e.g. Vite is not installed). */
  problem?: string;
  ms: number;
}

export function ensureDashboardBuilt(options: { force?: boolean; quiet?: boolean } = {}): DashboardBuild {
  const started = Date.now();
  const fingerprint = sourceFingerprint();
  const current = fs.existsSync(path.join(DASHBOARD_DIR, 'index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === fingerprint;
  if (current && !options.force) return { built: false, ms: Date.now() - started };

  let vite: string;
  try {
    vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [WEB_DIR] })), 'bin', 'vite.js');
  } catch {
    return { built: false, problem: 'Vite is not installed (run npm install, with dev dependencies)', ms: Date.now() - started };
  }
  if (!options.quiet) console.log('Building the dashboard (web/) …');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', options.quiet ? 'error' : 'warn'], {
    cwd: WEB_DIR,
    stdio: 'inherit',
    // A production build whatever the caller's NODE_ENV (jest sets `test`, which would bundle React's development build).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) return { built: false, problem: `vite build exited with ${result.status ?? result.signal}`, ms: Date.now() - started };
  fs.writeFileSync(STAMP, fingerprint);
  return { built: true, ms: Date.now() - started };
}

/** The built app's files and their gzipped sizes, as a browser downloads them. */
export function dashboardSize(): { files: { file: string; bytes: number; gzipBytes: number }[]; gzipBytes: number } {
  const files = filesUnder(DASHBOARD_DIR)
    .filter((f) => !f.endsWith('.source-hash'))
    .map((f) => {
      const content = fs.readFileSync(f);
      return { file: path.relative(DASHBOARD_DIR, f), bytes: content.length, gzipBytes: zlib.gzipSync(content, { level: 9 }).length };
    });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

/** Builds if needed and says what happened; the API starts either way (without a build, / says how to make one). */
export function buildDashboardAndReport(force = false): void {
  const result = ensureDashboardBuilt({ force });
  if (result.problem) console.warn(`The dashboard was not built: ${result.problem}.`);
  else if (result.built) console.log(`Dashboard built in ${(result.ms / 1000).toFixed(1)} s: ${(dashboardSize().gzipBytes / 1024).toFixed(0)} KB gzipped.`);
}

if (require.main === module || process.argv[1] === __filename) buildDashboardAndReport(process.argv.includes('--force'));
