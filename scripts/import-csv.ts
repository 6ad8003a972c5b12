import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_ROWS, DEFAULT_MAX_BODY_BYTES } from '../src/import/batches';
import { checkOptions, importCsv, type ImportOptions } from '../src/import/importer';
import { KINDS } from '../src/import/kinds';
import { barView, count, linesView, silentView, type ProgressView } from '../src/import/progress';
import { exitCodeOf, formatProblem, summaryLines } from '../src/import/report';

const USAGE = `Usage: npm run import -- --url URL --key KEY --kind KIND [options] FILE.csv

Sends the rows of FILE.csv through the kind's GraphQL batch mutation. The header row names the fields.
  --url URL               the GraphQL endpoint, e.g. http://localhost:4000/graphql
  --key KEY               an API key: ADMIN or INGEST (FINANCE may import costs, PARTNER its own customers'
                          facts); or set JOURNEYGRAPH_API_KEY
  --kind KIND             ${KINDS.map((k) => k.kind).join(', ')}
  --batch-size N          rows per request, 1 to 10000 (default ${DEFAULT_BATCH_ROWS})
  --max-body-bytes N      largest request body to send (default ${DEFAULT_MAX_BODY_BYTES}); batches are cut to stay under it
  --stop-on-error         stop at the first rejected batch (default: go on, report every bad row, exit 1 at the end)
  --progress MODE         auto (a bar on a terminal, lines otherwise), bar, lines or none (default auto)
  --progress-every SEC    seconds between progress lines in lines mode; 0 = after every batch (default 5)
  --retries N             retries after HTTP 502/503/504 or a network error (default 5)
Exit code: 0 when every batch was written, 1 when a batch was rejected or the import failed, 2 for a usage error.`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number; got "${value}".`);
  return Number(value);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        kind: { type: 'string' },
        'batch-size': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'stop-on-error': { type: 'boolean', default: false },
        progress: { type: 'string', default: 'auto' },
        'progress-every': { type: 'string' },
        retries: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    usageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const key = values.key ?? process.env.JOURNEYGRAPH_API_KEY;
  if (!values.url) usageError('Give the GraphQL endpoint with --url.');
  if (!key) usageError('Give an API key with --key or JOURNEYGRAPH_API_KEY.');
  if (!values.kind) usageError('Say what the file holds with --kind.');
  if (positionals.length !== 1) usageError(`Give exactly one CSV file; got ${positionals.length}.`);
  if (!['auto', 'bar', 'lines', 'none'].includes(values.progress!)) usageError(`--progress must be auto, bar, lines or none.`);

  // npm runs scripts in the project folder; a relative path is meant from where `npm run import` was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  const options: ImportOptions = {
    url: values.url,
    key,
    kind: values.kind,
    file,
    batchSize: wholeNumber(values['batch-size'], 'batch-size', DEFAULT_BATCH_ROWS),
    maxBodyBytes: wholeNumber(values['max-body-bytes'], 'max-body-bytes', DEFAULT_MAX_BODY_BYTES),
    stopOnError: values['stop-on-error'],
    retries: wholeNumber(values.retries, 'retries', 5),
  };
  try {
    checkOptions(options);
  } catch (err) {
    usageError((err as Error).message);
  }
  if (!fs.existsSync(file)) usageError(`No such file: ${file}`);

  const err = (line: string) => process.stderr.write(`${line}\n`);
  const mode = values.progress === 'auto' ? (process.stderr.isTTY ? 'bar' : 'lines') : values.progress;
  const fileBytes = fs.statSync(file).size;
  const view: ProgressView =
    mode === 'bar'
      ? barView(process.stderr, fileBytes)
      : mode === 'lines'
        ? linesView(err, wholeNumber(values['progress-every'], 'progress-every', 5) * 1000)
        : silentView(err);

  err(`Importing ${path.basename(file)} as ${options.kind} into ${options.url}`);
  const report = await importCsv({
    ...options,
    onProgress: (p) => view.update(p),
    onRetry: (r) => view.log(`batch ${r.batch}: ${r.cause}; retry ${r.attempt} in ${(r.delayMs / 1000).toFixed(1)} s`),
    onRejected: (b) => {
      view.log(`batch ${b.label} (${count(b.rows, 'row')}) rejected, nothing of it was written:`);
      for (const p of b.problems) view.log(`  ${formatProblem(p)}`);
    },
  });
  view.stop();
  for (const line of summaryLines(report)) console.log(line);
  return exitCodeOf(report);
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`import failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
