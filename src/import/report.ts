import type { ImportReport } from './importer';
import { count, rowsPerSecond } from './progress';
import type { RowProblem } from './rows';

const n = (x: number) => Math.round(x).toLocaleString('en');

/** `line 7, tier: NOT_FOUND: no tier "platinum"` (or `lines 3-4, …` for a row with a multi-line cell). */
export function formatProblem(p: RowProblem): string {
  const where = p.endLine > p.line ? `lines ${p.line}-${p.endLine}` : `line ${p.line}`;
  return `${where}, ${p.field}: ${p.reason}: ${p.message}`;
}

/** The closing lines: what was read, what was written, what was rejected, and the verdict. */
export function summaryLines(report: ImportReport): string[] {
  const seconds = report.elapsedMs / 1000;
  // The rate counts the rows that went through (written, or checked and rejected), not those a failure left unsent.
  const handled = report.writtenRows + report.rejectedRows;
  const lines = [
    `${report.kind} (${report.mutation}): ${count(report.rows, 'row')} in ${count(report.batches, 'batch', 'batches')}, ${seconds.toFixed(1)} s ` +
      `(${n(rowsPerSecond(handled, report.elapsedMs))} rows/s)`,
    `inserted ${n(report.inserted)}, updated ${n(report.updated)}, unchanged ${n(report.unchanged)}`,
  ];
  if (report.skippedRecords > 0) lines.push(`skipped ${count(report.skippedRecords, 'record')} with only empty cells`);
  const retries = report.retries.rateLimited + report.retries.unavailable + report.retries.network;
  if (retries > 0) {
    lines.push(
      `retried ${count(retries, 'request')} (rate-limited ${report.retries.rateLimited}, unavailable ${report.retries.unavailable}, network ${report.retries.network})`,
    );
  }
  if (report.splits > 0) lines.push(`split ${count(report.splits, 'batch', 'batches')} in two after HTTP 413 (the server's body limit is lower than --max-body-bytes)`);
  if (report.rejectedBatches > 0) {
    const bad = new Set(report.problems.map((p) => p.line)).size;
    lines.push(
      `REJECTED: ${report.rejectedBatches} of ${count(report.batches, 'batch', 'batches')} wrote nothing: ${count(bad, 'bad row')}, ${count(report.rejectedRows, 'row')} not written. ` +
        'Fix the lines listed above and run the same file again (rows already written come back unchanged).',
    );
  }
  if (report.stoppedOnError) lines.push('Stopped at the first rejected batch (--stop-on-error); the rest of the file was not sent.');
  if (report.fatal) lines.push(`FAILED: ${report.fatal}`);
  return lines;
}

/** 0 when every batch was written, 1 otherwise. */
export function exitCodeOf(report: ImportReport): number {
  return report.fatal || report.rejectedBatches > 0 ? 1 : 0;
}
