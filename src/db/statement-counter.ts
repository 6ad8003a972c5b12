import { currentRequestStore, runWithRequestStore } from './request-store';

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

export function runWithStatementCounter<T>(counter: StatementCounter, fn: () => T): T {
  return runWithRequestStore({ statements: counter, reads: currentRequestStore()?.reads }, fn);
}

export function currentStatementCounter(): StatementCounter | undefined {
  return currentRequestStore()?.statements as StatementCounter | undefined;
}

/** Runs work that is not part of the current request (best-effort bookkeeping) without counting its statements. */
export function withoutCounting<T>(fn: () => T): T {
  return runWithRequestStore({ statements: new StatementCounter(), reads: currentRequestStore()?.reads }, fn);
}
