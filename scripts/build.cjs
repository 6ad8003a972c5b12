'use strict';
/**
 * Compiles the project with swc into a build that is never changed or deleted under a process running from it.
 *
 *   node scripts/build.cjs              (npm run build) compile into .build/<hash of the sources>/ and point `dist` at it
 *   node scripts/build.cjs --out DIR    compile into the plain folder DIR, replacing it (the Docker image: nothing runs yet)
 *
 * Why: every npm script builds before it runs, and a server may be running from the previous build meanwhile. So a build
 * is named by a hash of its inputs (an unchanged tree is not compiled again), it is complete before `dist` points at it,
 * and `dist` is a symbolic link switched by one rename. A process started through scripts/run.cjs leases its build for its
 * lifetime. A build that `dist` no longer points at is deleted by a later build once no live process leases it and it has
 * been out of use for the grace period (so that a process that read the link just before a switch can take its lease).
 * Plain JavaScript: it has to run before anything is compiled.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const buildsDir = path.join(root, '.build');
const distLink = path.join(root, 'dist');
/**
 * The folders swc compiles, relative to the root (missing ones are skipped: the Docker image has no bench/ or examples/).
 * test/helpers: the benchmark writes its workspaces with the set-wise generators the tests use (kpi-dataset.ts).
 */
const SOURCES = ['src', 'migrations', 'scripts', 'bench', 'examples', 'test/helpers'];
const COMPLETE = '.complete';
const RETIRED = '.retired';
const LEASES = '.leases';
const DEFAULT_GRACE_SECONDS = 600;

function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // bench/postgraphile/ is a package of its own (the benchmark's PostGraphile): its node_modules is no source.
      if (entry.isDirectory() && entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const dir of SOURCES) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return files.sort();
}

/** What the output depends on: every source file (path and bytes), .swcrc and the compiler's version. */
function inputsHash() {
  const hash = crypto.createHash('sha256');
  hash.update(`swc ${require('@swc/core/package.json').version}\0`);
  hash.update(fs.readFileSync(path.join(root, '.swcrc')));
  for (const file of sourceFiles()) {
    hash.update(`\0${path.relative(root, file).split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function compile(outDir) {
  const cliPackage = require.resolve('@swc/cli/package.json');
  const bin = require(cliPackage).bin;
  const swc = path.join(path.dirname(cliPackage), typeof bin === 'string' ? bin : bin.swc);
  const dirs = SOURCES.filter((dir) => fs.existsSync(path.join(root, dir)));
  const result = spawnSync(process.execPath, [swc, ...dirs, '-d', outDir, '--quiet', '--ignore', '**/node_modules/**'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`swc failed (exit code ${result.status ?? result.signal})`);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The start time of a process (Linux: field 22 of /proc/<pid>/stat), to tell a live lease from a reused pid; '' elsewhere. */
function startTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function liveLeases(dir) {
  let names;
  try {
    names = fs.readdirSync(path.join(dir, LEASES));
  } catch {
    return [];
  }
  return names.filter((name) => {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return false;
    let recorded = '';
    try {
      recorded = fs.readFileSync(path.join(dir, LEASES, name), 'utf8').trim();
    } catch {
      return false;
    }
    return !recorded || !startTicks(pid) || recorded === startTicks(pid);
  });
}

function currentBuild() {
  try {
    return path.resolve(root, fs.readlinkSync(distLink));
  } catch {
    return undefined;
  }
}

function remove(dir) {
  // Renamed first, so that a half-deleted folder is never taken for a build.
  const trash = path.join(buildsDir, `trash-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.renameSync(dir, trash);
  } catch {
    return;
  }
  fs.rmSync(trash, { recursive: true, force: true });
}

/** Deletes the builds nothing runs from any more (see the file comment). Returns the names of those it deleted. */
function prune(graceSeconds = DEFAULT_GRACE_SECONDS) {
  if (!fs.existsSync(buildsDir)) return [];
  const current = currentBuild();
  const deleted = [];
  for (const name of fs.readdirSync(buildsDir)) {
    const dir = path.join(buildsDir, name);
    if (dir === current) continue;
    const owner = /^(?:tmp|trash)-(\d+)-/.exec(name);
    if (owner) {
      // A compile in progress, or one (or a deletion) interrupted: its process is gone.
      if (!processAlive(Number(owner[1]))) {
        fs.rmSync(dir, { recursive: true, force: true });
        deleted.push(name);
      }
      continue;
    }
    if (liveLeases(dir).length > 0) continue;
    const marker = path.join(dir, RETIRED);
    let retiredAt;
    try {
      retiredAt = fs.statSync(marker).mtimeMs;
    } catch {
      // First seen out of use now: the grace period starts.
      try {
        fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
      } catch {
        // not a folder we can write in: leave it
      }
      continue;
    }
    if (Date.now() - retiredAt >= graceSeconds * 1000 && liveLeases(dir).length === 0) {
      remove(dir);
      deleted.push(name);
    }
  }
  return deleted;
}

/** Points `dist` at a build with one rename of a symbolic link: a reader sees the old build or the new one, never a mix. */
function switchDist(dir) {
  const target = path.relative(root, dir);
  let stat;
  try {
    stat = fs.lstatSync(distLink);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isSymbolicLink()) {
    // A plain dist folder from before builds were kept apart: set aside, and deleted later like any old build.
    fs.renameSync(distLink, path.join(buildsDir, `dist-${Date.now()}`));
  } else if (stat && fs.readlinkSync(distLink) === target) {
    return;
  }
  const temporary = path.join(root, `.dist-${process.pid}`);
  fs.rmSync(temporary, { force: true });
  if (process.platform === 'win32') {
    fs.symlinkSync(dir, temporary, 'junction');
    fs.rmSync(distLink, { force: true, recursive: false });
  } else {
    fs.symlinkSync(target, temporary);
  }
  fs.renameSync(temporary, distLink);
}

/** Compiles (unless a build of the same sources exists), switches `dist` to it, and prunes old builds. Returns its folder. */
function build({ graceSeconds = DEFAULT_GRACE_SECONDS } = {}) {
  fs.mkdirSync(buildsDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    const dir = path.join(buildsDir, inputsHash());
    fs.rmSync(path.join(dir, RETIRED), { force: true });
    if (!fs.existsSync(path.join(dir, COMPLETE))) {
      const temporary = path.join(buildsDir, `tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      try {
        compile(temporary);
        fs.writeFileSync(path.join(temporary, COMPLETE), `${new Date().toISOString()}\n`);
        fs.renameSync(temporary, dir);
      } catch (err) {
        fs.rmSync(temporary, { recursive: true, force: true });
        // Another build of the same sources finished first: use it.
        if (!fs.existsSync(path.join(dir, COMPLETE))) throw err;
      }
    }
    switchDist(dir);
    // A concurrent prune may have taken a build that was out of use an instant ago: then compile it again.
    if (fs.existsSync(path.join(dir, COMPLETE)) || attempt === 2) {
      prune(graceSeconds);
      return dir;
    }
  }
}

/** `--out DIR`: a plain folder, replaced whole (for an image, where nothing runs from it yet). */
function buildInto(out) {
  const outDir = path.resolve(out);
  const temporary = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(temporary, { recursive: true, force: true });
  compile(temporary);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(temporary, outDir);
  return outDir;
}

/**
 * For scripts/run.cjs: the folder of the build `dist` points at, leased for as long as this process lives. A plain `dist`
 * folder (an image) is used as it is.
 */
function leaseCurrentBuild() {
  let dir;
  try {
    dir = fs.realpathSync(distLink);
  } catch {
    throw new Error('There is no build yet: run npm run build first.');
  }
  if (!fs.existsSync(buildsDir)) return dir;
  if (path.dirname(dir) !== fs.realpathSync(buildsDir)) return dir;
  const leases = path.join(dir, LEASES);
  const lease = path.join(leases, String(process.pid));
  fs.mkdirSync(leases, { recursive: true });
  fs.writeFileSync(lease, `${startTicks(process.pid)}\n`);
  process.on('exit', () => fs.rmSync(lease, { force: true }));
  if (!fs.existsSync(path.join(dir, COMPLETE))) {
    throw new Error(`The build ${path.relative(root, dir)} was removed as this process started: run the command again.`);
  }
  return dir;
}

module.exports = { build, buildInto, prune, leaseCurrentBuild, inputsHash, buildsDir, distLink };

if (require.main === module) {
  const { parseArgs } = require('node:util');
  try {
    const { values } = parseArgs({
      options: { out: { type: 'string' }, 'grace-seconds': { type: 'string' }, help: { type: 'boolean', default: false } },
    });
    if (values.help) {
      console.log('node scripts/build.cjs [--out DIR] [--grace-seconds N]   (see the comment at the top of this file)');
    } else if (values.out) {
      buildInto(values.out);
    } else {
      const grace = values['grace-seconds'] === undefined ? DEFAULT_GRACE_SECONDS : Number(values['grace-seconds']);
      if (!Number.isFinite(grace) || grace < 0) throw new Error('--grace-seconds must be a number of seconds, 0 or more');
      build({ graceSeconds: grace });
    }
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exit(1);
  }
}
