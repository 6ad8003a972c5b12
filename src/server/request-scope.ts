import { AsyncLocalStorage } from 'node:async_hooks';
import { StatementCounter, runWithStatementCounter } from '../db/statement-counter';

/** What the server knows of the request being served, wherever in its async call chain the code runs. */
export interface RequestScope {
  requestId: string;
  statements: StatementCounter;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, () => runWithStatementCounter(scope.statements, fn));
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
