import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the database layer keeps of the request being served, wherever in its async call chain the code runs: one
 * AsyncLocalStorage for all of it (each one is paid for on every promise of every request). The server's request scope is stored
 * here whole; the database layer reads only these two fields (`statements`: a StatementCounter, `reads`: a RequestReads).
 */
export interface RequestStore {
  statements?: { record(sql: string): void };
  reads?: object;
}

const storage = new AsyncLocalStorage<RequestStore>();

export function runWithRequestStore<T>(store: RequestStore, fn: () => T): T {
  return storage.run(store, fn);
}

export function currentRequestStore(): RequestStore | undefined {
  return storage.getStore();
}
