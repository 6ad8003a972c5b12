import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';

/** One CSV record with where it stands in the file: `line` is its first line (header = line 1), `endLine` its last. */
export interface CsvRecord {
  cells: string[];
  line: number;
  endLine: number;
  /** Bytes of the file read up to the end of this record (for progress). */
  bytes: number;
}

/**
 * Counts line breaks in the bytes the parser has consumed, to give each record the line it starts on.
 *
 * csv-parse's own `info.lines` is the line a record ends on, and counts a CRLF inside a quoted cell as two lines; its
 * `info.bytes` (bytes consumed up to the end of the record) is exact, so the lines are counted here from the bytes.
 */
export class LineTracker {
  private chunks: Buffer[] = [];
  /** Absolute offset of chunks[0][0]. */
  private chunkStart = 0;
  /** Absolute offset of the cursor, and the line it is on. */
  private pos = 0;
  private line = 1;
  private lastByte = -1;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  private byteAt(offset: number): number {
    let start = this.chunkStart;
    for (const chunk of this.chunks) {
      if (offset < start + chunk.length) return chunk[offset - start];
      start += chunk.length;
    }
    return -1;
  }

  /** Moves the cursor to `offset`, counting the `\n` passed; drops the chunks behind it. */
  advanceTo(offset: number): void {
    while (this.pos < offset && this.chunks.length > 0) {
      const chunk = this.chunks[0];
      const end = Math.min(offset, this.chunkStart + chunk.length);
      for (let i = this.pos - this.chunkStart; i < end - this.chunkStart; i++) if (chunk[i] === 0x0a) this.line += 1;
      this.lastByte = chunk[end - this.chunkStart - 1];
      this.pos = end;
      if (end === this.chunkStart + chunk.length) {
        this.chunkStart += chunk.length;
        this.chunks.shift();
      }
    }
  }

  /** Skips the line breaks of empty lines (which the parser skips) up to `limit`; returns the line the cursor is on. */
  skipLineBreaks(limit: number): number {
    for (;;) {
      if (this.pos >= limit) break;
      const b = this.byteAt(this.pos);
      if (b !== 0x0a && b !== 0x0d) break;
      this.advanceTo(this.pos + 1);
    }
    return this.line;
  }

  /** The line of the last byte before the cursor that is not a line break (the end of a record). */
  lineBeforeBreak(): number {
    return this.lastByte === 0x0a ? this.line - 1 : this.line;
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Streams the records of a CSV file (comma-separated, `"` quotes, LF or CRLF, UTF-8 with or without BOM), the header
 * included, each with its line numbers. Empty lines are skipped; records of only empty cells are skipped too (spreadsheets
 * export them as `,,,`), and counted in `skipped`.
 */
export async function* readCsv(file: string, stats: { skipped: number } = { skipped: 0 }): AsyncGenerator<CsvRecord> {
  const tracker = new LineTracker();
  let first = true;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // The BOM is dropped here rather than by the parser, so that the parser's byte offsets are the tracker's.
      if (first) {
        first = false;
        if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
      }
      tracker.push(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  // Settles with the stream's error (a missing file, a CSV syntax error): the loop below sees it too and rethrows it.
  const flowing = pipeline(fs.createReadStream(file), tap, parser).then(
    () => undefined,
    (err: Error) => err,
  );
  let previousEnd = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      tracker.advanceTo(previousEnd);
      const line = tracker.skipLineBreaks(info.bytes);
      tracker.advanceTo(info.bytes);
      previousEnd = info.bytes;
      if (record.every((cell) => cell === '')) {
        stats.skipped += 1;
        continue;
      }
      yield { cells: record, line, endLine: tracker.lineBeforeBreak(), bytes: info.bytes };
    }
    const failed = await flowing;
    if (failed) throw failed;
  } finally {
    // Leaving early (a fatal error, --stop-on-error) stops reading the file.
    parser.destroy();
    await flowing;
  }
}
