import type { RowProblem } from './rows';

/** The most rows one ingestion mutation takes. */
export const MAX_BATCH_ROWS = 10_000;
export const DEFAULT_BATCH_ROWS = 5_000;
/** Under the server's default MAX_BODY_BYTES (1 MiB = 1,048,576), with room to spare. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export interface BatchRow {
  /** The row as JSON, serialised once. */
  json: string;
  line: number;
  endLine: number;
  /** Bytes of the file read up to the end of the row. */
  bytes: number;
}

export interface Batch {
  /** 1, 2, … in file order; the halves of a batch split after HTTP 413 are numbered 3a, 3b, … */
  label: string;
  rows: BatchRow[];
  /** Problems the importer found itself: such a batch is not sent and writes nothing. */
  problems: RowProblem[];
  /** Rows of the CSV in this batch, sent or not. */
  rowCount: number;
  /** Bytes of the file read up to the end of the batch's last row. */
  bytes: number;
}

/** The request body of a batch, built from the rows' JSON without serialising them again. */
export function requestBody(query: string, rows: BatchRow[]): string {
  return `{"query":${JSON.stringify(query)},"variables":{"rows":[${rows.map((r) => r.json).join(',')}]}}`;
}

/**
 * Cuts the rows into batches of at most `maxRows` rows whose request body stays within `maxBodyBytes`: a batch is closed
 * early when the next row would make its JSON bigger. A row that alone would exceed the limit is reported as a problem.
 */
export class Batcher {
  private rows: BatchRow[] = [];
  private problems: RowProblem[] = [];
  private rowCount = 0;
  private bodyBytes: number;
  private bytes = 0;
  private count = 0;
  private readonly emptyBodyBytes: number;

  constructor(
    query: string,
    private readonly maxRows: number,
    private readonly maxBodyBytes: number,
  ) {
    this.emptyBodyBytes = Buffer.byteLength(requestBody(query, []));
    this.bodyBytes = this.emptyBodyBytes;
  }

  /** Adds a row; returns the batches it closed (none, or one; two only with maxRows 1 after a byte-limit cut). */
  add(row: BatchRow): Batch[] {
    const rowBytes = Buffer.byteLength(row.json);
    if (this.emptyBodyBytes + rowBytes > this.maxBodyBytes) {
      const message = `the row alone makes a request of more than ${this.maxBodyBytes} bytes (--max-body-bytes)`;
      return this.addProblems([{ line: row.line, endLine: row.endLine, field: '(row)', reason: 'INVALID', message }], row.bytes);
    }
    const closed: Batch[] = [];
    if (this.rows.length > 0 && this.bodyBytes + 1 + rowBytes > this.maxBodyBytes) closed.push(this.close());
    this.bodyBytes += rowBytes + (this.rows.length > 0 ? 1 : 0);
    this.rows.push(row);
    this.rowCount += 1;
    this.bytes = row.bytes;
    if (this.rowCount >= this.maxRows) closed.push(this.close());
    return closed;
  }

  /** Adds a row the importer rejected itself: it counts in its batch, which then is not sent. */
  addProblems(problems: RowProblem[], bytes: number): Batch[] {
    this.problems.push(...problems);
    this.rowCount += 1;
    this.bytes = bytes;
    return this.rowCount >= this.maxRows ? [this.close()] : [];
  }

  /** The last, partial batch. */
  flush(): Batch[] {
    return this.rowCount > 0 ? [this.close()] : [];
  }

  private close(): Batch {
    this.count += 1;
    const batch: Batch = { label: String(this.count), rows: this.rows, problems: this.problems, rowCount: this.rowCount, bytes: this.bytes };
    this.rows = [];
    this.problems = [];
    this.rowCount = 0;
    this.bodyBytes = this.emptyBodyBytes;
    return batch;
  }
}
