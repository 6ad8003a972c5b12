import { AsyncLocalStorage } from 'node:async_hooks';

/** Counts the SQL statements issued on behalf of one unit of work (a GraphQL request, a test block). */
export class StatementCounter {
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly keepText = false) {}
  record(sql: string): void {
    this.count += 1;
    if (this.keepText) this.statements.push(sql);
  }
}

const storage = new AsyncLocalStorage<StatementCounter>();

export function runWithStatementCounter<T>(counter: StatementCounter, fn: () => T): T {
  return storage.run(counter, fn);
}

export function currentStatementCounter(): StatementCounter | undefined {
  return storage.getStore();
}

/** Runs work that is not part of the current request (best-effort bookkeeping) without counting its statements. */
export function withoutCounting<T>(fn: () => T): T {
  return storage.run(new StatementCounter(), fn);
}
