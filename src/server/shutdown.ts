import type { Logger } from 'pino';
import { takeOverShutdownSignals } from '../db/embedded-postgres';

/** One thing to close on shutdown, in order: the HTTP server first (it drains requests), the database last. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** How long requests in flight may take; the HTTP step enforces it, this only bounds the whole with a margin. */
  timeoutMs: number;
  /** Settles when start-up has ended, either way: a signal during start-up waits for it, so nothing is left half-open. */
  started: Promise<unknown>;
  /** The steps, read when the signal comes (start-up may not have made them all). */
  steps(): ShutdownStep[];
  exit?: (code: number) => void;
}

/** Time for the steps after the HTTP drain (closing the pool, a clean PostgreSQL shutdown with its checkpoint). */
const CLOSE_MARGIN_MS = 20_000;

/**
 * SIGTERM and SIGINT: stop accepting, let requests in flight finish, close the pool, stop the embedded PostgreSQL,
 * exit 0. This handler alone decides the order (embedded-postgres' own signal hook would stop the database first).
 */
export function handleShutdownSignals(options: ShutdownOptions): void {
  const { logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  takeOverShutdownSignals();
  let stopping = false;

  const shutdown = async (signal: NodeJS.Signals) => {
    const began = Date.now();
    logger.info({ signal, timeoutMs }, 'shutting down: no new connections, finishing requests in flight');
    const deadline = setTimeout(() => {
      logger.error({ signal, elapsedMs: Date.now() - began }, 'shutdown did not finish in time; exiting anyway');
      exit(1);
    }, timeoutMs + CLOSE_MARGIN_MS);
    deadline.unref();
    try {
      await options.started.catch(() => undefined);
      for (const step of options.steps()) {
        await step.run();
        logger.info({ step: step.name, elapsedMs: Date.now() - began }, 'shutdown step done');
      }
      clearTimeout(deadline);
      logger.info({ signal, durationMs: Date.now() - began }, 'shut down cleanly');
      exit(0);
    } catch (err) {
      clearTimeout(deadline);
      logger.error({ err, signal }, 'shutdown failed');
      exit(1);
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, `already shutting down (at most ${Math.round((timeoutMs + CLOSE_MARGIN_MS) / 1000)} s)`);
      return;
    }
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
