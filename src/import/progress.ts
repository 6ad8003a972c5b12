import cliProgress from 'cli-progress';
import type { ImportProgress } from './importer';

/** Where the importer's progress goes: a bar on a terminal, plain lines in a log, or nowhere. */
export interface ProgressView {
  update(progress: ImportProgress): void;
  /** A line that must not be overdrawn by the bar (a retry, a rejected batch). */
  log(line: string): void;
  stop(): void;
}

const n = (x: number) => Math.round(x).toLocaleString('en');
/** `1 row`, `2 rows`, `5,000 rows`. */
export const count = (x: number, noun: string, plural = `${noun}s`) => `${n(x)} ${x === 1 ? noun : plural}`;

export function rowsPerSecond(rows: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (rows / elapsedMs) * 1000 : 0;
}

/** Seconds left, from the share of the file's bytes done so far (rows are not counted ahead: the file is streamed). */
export function etaSeconds(progress: Pick<ImportProgress, 'bytes' | 'fileBytes' | 'elapsedMs'>): number | undefined {
  if (progress.bytes <= 0 || progress.fileBytes <= 0) return undefined;
  return Math.max(0, ((progress.fileBytes - progress.bytes) / progress.bytes) * (progress.elapsedMs / 1000));
}

/**
 * A cli-progress bar on the terminal: done share of the file, rows, rows/s and ETA (cli-progress estimates it from the
 * bytes done over a moving window, so it follows the current speed).
 */
export function barView(stream: NodeJS.WriteStream, fileBytes: number): ProgressView {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: ' {bar} {percentage}% | {rows} | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 20,
      // Narrow enough for an 80-column terminal with the text (cli-progress cuts a line at the terminal's width).
      barsize: 24,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(Math.max(fileBytes, 1), 0, { rows: count(0, 'row'), rate: '0' });
  let logged = false;
  return {
    update(p) {
      bar.update(Math.min(p.bytes, Math.max(fileBytes, 1)), { rows: count(p.rows, 'row'), rate: n(rowsPerSecond(p.rows, p.elapsedMs)) });
    },
    log(line) {
      multi.log(`${line}\n`);
      logged = true;
    },
    stop() {
      // cli-progress writes logged lines at its next redraw, and stop() does not redraw: the last ones would be lost.
      if (logged) multi.update();
      multi.stop();
    },
  };
}

/** Plain lines for logs and pipes: one after a batch at most every `everyMs` (0: after every batch). */
export function linesView(write: (line: string) => void, everyMs: number): ProgressView {
  let last = 0;
  return {
    update(p) {
      if (everyMs > 0 && p.elapsedMs - last < everyMs && p.bytes < p.fileBytes) return;
      last = p.elapsedMs;
      const share = p.fileBytes > 0 ? Math.floor((p.bytes / p.fileBytes) * 100) : 100;
      const eta = etaSeconds(p);
      write(
        `progress: ${count(p.rows, 'row')} (${share}%), ${n(rowsPerSecond(p.rows, p.elapsedMs))} rows/s, ` +
          `ETA ${eta === undefined ? '?' : `${Math.ceil(eta)} s`}; ` +
          `inserted ${n(p.totals.inserted)}, updated ${n(p.totals.updated)}, unchanged ${n(p.totals.unchanged)}`,
      );
    },
    log: write,
    stop() {},
  };
}

export function silentView(write: (line: string) => void): ProgressView {
  return { update() {}, log: write, stop() {} };
}
