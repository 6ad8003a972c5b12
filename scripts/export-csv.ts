import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { checkExportOptions, DIMENSION_FIELDS, EXPORT_KINDS, exportCsv, MAX_PAGE_SIZE, type DimensionName, type ExportKind, type ExportOptions } from '../src/export/exporter';

const USAGE = `Usage: npm run export -- --url URL --key KEY --kind KIND [options]

Writes a cohort table or the customers behind a customer count as CSV, reading the GraphQL API.
  --url URL               the GraphQL endpoint, e.g. http://localhost:4000/graphql
  --key KEY               an API key that reads KPIs (ADMIN, EDITOR, FINANCE, VIEWER, or PARTNER for its own customers);
                          or set JOURNEYGRAPH_API_KEY
  --kind KIND             ${EXPORT_KINDS.join(' or ')}
  --grain GRAIN           MONTH or QUARTER (cohorts); MONTH, QUARTER or YEAR (kpi-customers)
  --filter DIM=V1,V2      keep only these customers (repeatable; DIM is one of ${Object.keys(DIMENSION_FIELDS).join(', ')})
  --out FILE              write the CSV to FILE (default: standard output)
  --progress MODE         lines or none (default lines, on standard error)
cohorts:
  --from DATE --to DATE   the cohorts whose period starts in [from, to]
  --ages N                ages 0 … N (default 12)
  --group-by DIM,DIM      cut every cohort by these dimensions
kpi-customers:
  --set SET               ACTIVE, NEW, CHURNED, RETAINED or REACTIVATED
  --period-start DATE     the first day of the period
  --page-size N           customers per request, 1 to ${MAX_PAGE_SIZE} (default ${MAX_PAGE_SIZE})
Exit code: 0 when the whole table was written, 1 when the export failed, 2 for a usage error.`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function dimension(name: string): DimensionName {
  const upper = name.trim().toUpperCase();
  if (!(upper in DIMENSION_FIELDS)) usageError(`Unknown dimension "${name}": use ${Object.keys(DIMENSION_FIELDS).join(', ')}.`);
  return upper as DimensionName;
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number; got "${value}".`);
  return Number(value);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        kind: { type: 'string' },
        grain: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        ages: { type: 'string' },
        'group-by': { type: 'string' },
        filter: { type: 'string', multiple: true },
        set: { type: 'string' },
        'period-start': { type: 'string' },
        'page-size': { type: 'string' },
        out: { type: 'string' },
        progress: { type: 'string', default: 'lines' },
        retries: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    usageError((err as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const key = values.key ?? process.env.JOURNEYGRAPH_API_KEY;
  if (!values.url) usageError('Give the GraphQL endpoint with --url.');
  if (!key) usageError('Give an API key with --key or JOURNEYGRAPH_API_KEY.');
  if (!values.kind) usageError(`Say what to export with --kind (${EXPORT_KINDS.join(' or ')}).`);
  if (!['lines', 'none'].includes(values.progress!)) usageError('--progress must be lines or none.');
  const filter: Record<string, string[]> = {};
  for (const entry of values.filter ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(entry);
    if (!match) usageError(`--filter takes DIM=V1,V2; got "${entry}".`);
    filter[DIMENSION_FIELDS[dimension(match[1])]] = match[2].split(',').map((v) => v.trim()).filter(Boolean);
  }
  const err = (line: string) => process.stderr.write(`${line}\n`);
  // npm runs scripts in the project folder; a relative path is meant from where `npm run export` was typed.
  const out = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : null;
  const stream = out ? fs.createWriteStream(out) : process.stdout;
  const options: Omit<ExportOptions, 'write'> = {
    url: values.url,
    key,
    kind: values.kind as ExportKind,
    grain: (values.grain ?? '').toUpperCase(),
    filter,
    from: values.from,
    to: values.to,
    ages: wholeNumber(values.ages, 'ages'),
    groupBy: values['group-by'] ? values['group-by'].split(',').filter(Boolean).map(dimension) : [],
    set: values.set?.toUpperCase(),
    periodStart: values['period-start'],
    pageSize: wholeNumber(values['page-size'], 'page-size'),
    retries: wholeNumber(values.retries, 'retries'),
    onRetry: (cause, attempt, delayMs) => err(`${cause}; retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s`),
    onProgress:
      values.progress === 'none'
        ? undefined
        : (p) => {
            const share = p.total ? ` of ${p.total.toLocaleString('en')} (${Math.floor((p.rows / p.total) * 100)}%)` : '';
            err(`progress: ${p.rows.toLocaleString('en')} rows${share}, ${p.pages} ${p.pages === 1 ? 'request' : 'requests'}, ${(p.elapsedMs / 1000).toFixed(1)} s`);
          },
  };
  try {
    checkExportOptions(options);
  } catch (e) {
    usageError((e as Error).message);
  }
  const write = async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  err(`Exporting ${options.kind} from ${options.url}${out ? ` to ${out}` : ''}`);
  const report = await exportCsv({ ...options, write });
  if (out) {
    stream.end();
    await once(stream, 'finish');
  }
  err(`exported ${report.rows.toLocaleString('en')} rows in ${report.pages} ${report.pages === 1 ? 'request' : 'requests'}, ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`export failed: ${error.message}`);
    process.exit(1);
  },
);
