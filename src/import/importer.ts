import fs from 'node:fs';
import { Batcher, DEFAULT_BATCH_ROWS, DEFAULT_MAX_BODY_BYTES, MAX_BATCH_ROWS, requestBody, type Batch } from './batches';
import { FatalImportError, IngestionClient, type RetryNotice, type Totals } from './client';
import { readCsv } from './csv-reader';
import { kindSpec, KINDS, mutationDocument } from './kinds';
import { convertRecord, HeaderError, mapHeader, type HeaderMap, type RowProblem } from './rows';

export interface ImportOptions {
  url: string;
  key: string;
  kind: string;
  file: string;
  /** Rows per request, 1 to 10,000 (default 5,000). */
  batchSize?: number;
  /** Largest request body the importer sends (default 1,000,000 bytes); a batch is cut earlier to stay under it. */
  maxBodyBytes?: number;
  /** Stop at the first rejected batch instead of going on with the next ones (default false). */
  stopOnError?: boolean;
  retries?: number;
  retryBaseMs?: number;
  rateLimitRetries?: number;
  onProgress?: (progress: ImportProgress) => void;
  onRetry?: (notice: RetryNotice & { batch: string }) => void;
  /** Called for each rejected batch as soon as it is known. */
  onRejected?: (batch: { label: string; rows: number; problems: RowProblem[] }) => void;
}

export interface ImportProgress {
  /** Data rows handled so far (written, or in a rejected batch). */
  rows: number;
  /** Bytes of the file behind those rows, and the file's size. */
  bytes: number;
  fileBytes: number;
  elapsedMs: number;
  totals: Totals;
}

export interface ImportReport extends Totals {
  kind: string;
  mutation: string;
  /** Data rows read (header and empty lines not counted). */
  rows: number;
  /** Rows of the batches the server wrote. */
  writtenRows: number;
  /** Requests that wrote their batch, and batches that wrote nothing because of bad rows. */
  batches: number;
  rejectedBatches: number;
  /** Rows of the rejected batches: none of them was written. */
  rejectedRows: number;
  /** Every bad row, in file order. */
  problems: RowProblem[];
  /** Records of only empty cells, skipped. */
  skippedRecords: number;
  /** Batches cut in two after the server answered HTTP 413. */
  splits: number;
  retries: { rateLimited: number; unavailable: number; network: number };
  elapsedMs: number;
  /** Set when the import stopped before the end of the file. */
  fatal?: string;
  /** True when --stop-on-error stopped the import at a rejected batch. */
  stoppedOnError: boolean;
}

/** Checks the options a user gives; the message says what to change. */
export function checkOptions(options: ImportOptions): void {
  if (!kindSpec(options.kind)) {
    throw new HeaderError(`Unknown --kind "${options.kind}"; one of: ${KINDS.map((k) => k.kind).join(', ')}.`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ROWS) {
    throw new HeaderError(`--batch-size must be a whole number from 1 to ${MAX_BATCH_ROWS}; got ${options.batchSize}.`);
  }
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBody) || maxBody < 1000) throw new HeaderError(`--max-body-bytes must be a whole number of at least 1000; got ${options.maxBodyBytes}.`);
}

/**
 * Imports a CSV file through the kind's batch mutation. Batches go one after the other, in file order (so that a later
 * row of the same natural key wins, as in the file), while the next batch is read and converted. A rejected batch wrote
 * nothing (the server guarantees it); the import goes on with the next batches unless `stopOnError`, and reports every
 * bad row with its CSV line. Never throws for what happens during the import: a fatal problem ends up in `report.fatal`
 * with the totals so far.
 */
export async function importCsv(options: ImportOptions): Promise<ImportReport> {
  checkOptions(options);
  const spec = kindSpec(options.kind)!;
  const query = mutationDocument(spec);
  const started = Date.now();
  const client = new IngestionClient({
    url: options.url,
    key: options.key,
    retries: options.retries,
    retryBaseMs: options.retryBaseMs,
    rateLimitRetries: options.rateLimitRetries,
    onRetry: (notice) => options.onRetry?.({ ...notice, batch: current }),
  });
  const report: ImportReport = {
    kind: spec.kind,
    mutation: spec.mutation,
    rows: 0,
    writtenRows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    batches: 0,
    rejectedBatches: 0,
    rejectedRows: 0,
    problems: [],
    skippedRecords: 0,
    splits: 0,
    retries: client.retried,
    elapsedMs: 0,
    stoppedOnError: false,
  };
  let fileBytes = 0;
  let handledRows = 0;
  let current = '';
  let stop = false;

  const progress = (bytes: number) =>
    options.onProgress?.({
      rows: handledRows,
      bytes,
      fileBytes,
      elapsedMs: Date.now() - started,
      totals: { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged },
    });

  const reject = (batch: Batch, problems: RowProblem[]) => {
    report.batches += 1;
    report.rejectedBatches += 1;
    report.rejectedRows += batch.rowCount;
    report.problems.push(...problems);
    options.onRejected?.({ label: batch.label, rows: batch.rowCount, problems });
    if (options.stopOnError) {
      report.stoppedOnError = true;
      stop = true;
    }
  };

  const sendBatch = async (batch: Batch): Promise<void> => {
    current = batch.label;
    const outcome = await client.send(requestBody(query, batch.rows));
    if (outcome.kind === 'written') {
      report.batches += 1;
      report.writtenRows += batch.rows.length;
      report.inserted += outcome.totals.inserted;
      report.updated += outcome.totals.updated;
      report.unchanged += outcome.totals.unchanged;
    } else if (outcome.kind === 'rejected') {
      const problems = outcome.problems.map((p) => {
        const row = batch.rows[p.index];
        if (!row) throw new FatalImportError(`the server reported a problem with rows[${p.index}] of a batch of ${batch.rows.length}: ${outcome.message}`);
        return { line: row.line, endLine: row.endLine, field: p.field, reason: p.reason, message: p.message };
      });
      reject(batch, problems.sort((a, b) => a.line - b.line));
    } else {
      // Over the server's body limit (lower than --max-body-bytes): nothing was written, so send it in two halves.
      if (batch.rows.length < 2) throw new FatalImportError(`a single row is over the server's request size limit: ${outcome.message}`);
      report.splits += 1;
      const half = Math.ceil(batch.rows.length / 2);
      for (const [suffix, rows] of [['a', batch.rows.slice(0, half)], ['b', batch.rows.slice(half)]] as const) {
        if (stop) return;
        await sendBatch({ label: `${batch.label}${suffix}`, rows, problems: [], rowCount: rows.length, bytes: rows[rows.length - 1].bytes });
      }
      return;
    }
  };

  const handle = async (batch: Batch): Promise<void> => {
    if (stop) return;
    try {
      if (batch.problems.length > 0) reject(batch, batch.problems);
      else await sendBatch(batch);
    } catch (err) {
      stop = true;
      report.fatal = err instanceof FatalImportError ? err.message : `${(err as Error).message}`;
      return;
    }
    handledRows += batch.rowCount;
    progress(batch.bytes);
  };

  let inFlight: Promise<void> = Promise.resolve();
  /** One batch is sent at a time; the next one is read meanwhile, and waits for it. */
  const dispatch = async (batches: Batch[]) => {
    for (const batch of batches) {
      await inFlight;
      if (stop) return;
      inFlight = handle(batch);
    }
  };

  try {
    fileBytes = (await fs.promises.stat(options.file)).size;
    const stats = { skipped: 0 };
    let header: HeaderMap | undefined;
    const batcher = new Batcher(query, options.batchSize ?? DEFAULT_BATCH_ROWS, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    for await (const record of readCsv(options.file, stats)) {
      if (!header) {
        header = mapHeader(spec, record.cells);
        continue;
      }
      report.rows += 1;
      const converted = convertRecord(header, record.cells, record);
      const closed =
        'row' in converted
          ? batcher.add({ json: JSON.stringify(converted.row), line: record.line, endLine: record.endLine, bytes: record.bytes })
          : batcher.addProblems(converted.problems, record.bytes);
      if (closed.length > 0) await dispatch(closed);
      if (stop) break;
    }
    if (!header) throw new HeaderError('The file is empty: the first line must be the header, e.g. ' + spec.columns.map((c) => c.name).join(',') + '.');
    if (!stop) await dispatch(batcher.flush());
    await inFlight;
    report.skippedRecords = stats.skipped;
  } catch (err) {
    await inFlight;
    stop = true;
    const e = err as NodeJS.ErrnoException & { code?: string };
    report.fatal =
      err instanceof HeaderError || err instanceof FatalImportError
        ? err.message
        : e.code === 'ENOENT'
          ? `Cannot read ${options.file}: no such file.`
          : e.code?.startsWith('CSV_')
            ? `The file is not valid CSV: ${e.message}`
            : e.message;
  }
  report.problems.sort((a, b) => a.line - b.line);
  report.elapsedMs = Date.now() - started;
  return report;
}
