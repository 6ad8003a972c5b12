import { AppError, ErrorCode } from '../../core/errors';
import type { KpiConcurrency } from '../../core/kpi-limits';

/** Who runs a KPI statement: a workspace, a key, and the request (its statements count once in the queue length). */
export interface KpiRunner {
  workspaceId: string;
  keyId: string;
  request: object;
}

interface Waiter {
  runner: KpiRunner;
  start: () => void;
  timer: NodeJS.Timeout;
}

function rateLimited(message: string, retryAfter: number): AppError {
  return new AppError(ErrorCode.RATE_LIMITED, `${message} Retry after ${retryAfter} s.`, { limit: 'kpiConcurrency', retryAfter });
}

/**
 * Slots for KPI statements (the heavy ones): at most `total` at once, `perWorkspace` of one workspace and `perKey` of one key; the
 * rest wait in a queue bounded per workspace in length and in time, then RATE_LIMITED with `retryAfter`. A statement waits only for
 * its own limits: a workspace at its limit never holds up another one. State of one app instance.
 */
export class KpiGate {
  private running = 0;
  private readonly byWorkspace = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  private readonly queue: Waiter[] = [];

  constructor(readonly limits: KpiConcurrency) {}

  /** Runs `statement` in a slot, waiting for one if need be. */
  async run<T>(runner: KpiRunner, statement: () => Promise<T>): Promise<T> {
    await this.acquire(runner);
    try {
      return await statement();
    } finally {
      this.release(runner);
    }
  }

  /** KPI statements running and waiting, for the metrics and the tests. */
  get state() {
    return { running: this.running, waiting: this.queue.length };
  }

  private fits(runner: KpiRunner): boolean {
    return (
      this.running < this.limits.total &&
      (this.byWorkspace.get(runner.workspaceId) ?? 0) < this.limits.perWorkspace &&
      (this.byKey.get(runner.keyId) ?? 0) < this.limits.perKey
    );
  }

  private take(runner: KpiRunner): void {
    this.running += 1;
    this.byWorkspace.set(runner.workspaceId, (this.byWorkspace.get(runner.workspaceId) ?? 0) + 1);
    this.byKey.set(runner.keyId, (this.byKey.get(runner.keyId) ?? 0) + 1);
  }

  private acquire(runner: KpiRunner): Promise<void> {
    if (this.fits(runner)) {
      this.take(runner);
      return Promise.resolve();
    }
    // Requests waiting, not statements: the statements of one request (aliases, shapes) never crowd each other out.
    const waiting = new Set(this.queue.filter((w) => w.runner.workspaceId === runner.workspaceId && w.runner.request !== runner.request).map((w) => w.runner.request)).size;
    const retryAfter = Math.max(1, Math.ceil(this.limits.queueWaitMs / 1000));
    if (waiting >= this.limits.queueLength) {
      return Promise.reject(
        rateLimited(
          `This workspace already has ${waiting} requests waiting to compute KPIs (it may run ${this.limits.perWorkspace} KPI computations at once).`,
          retryAfter,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        runner,
        start: () => {
          clearTimeout(waiter.timer);
          this.take(runner);
          resolve();
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(rateLimited(`The KPI computation waited ${this.limits.queueWaitMs} ms for a free slot (the server is busy with this workspace's or key's other KPI requests).`, retryAfter));
        }, this.limits.queueWaitMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(runner: KpiRunner): void {
    this.running -= 1;
    const left = (map: Map<string, number>, key: string) => {
      const n = (map.get(key) ?? 1) - 1;
      if (n > 0) map.set(key, n);
      else map.delete(key);
    };
    left(this.byWorkspace, runner.workspaceId);
    left(this.byKey, runner.keyId);
    // The first waiter whose own limits allow it, in arrival order.
    for (let i = 0; i < this.queue.length && this.running < this.limits.total; ) {
      const waiter = this.queue[i];
      if (this.fits(waiter.runner)) {
        this.queue.splice(i, 1);
        waiter.start();
      } else {
        i += 1;
      }
    }
  }
}
