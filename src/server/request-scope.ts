import { AsyncLocalStorage } from 'node:async_hooks';
import { StatementCounter, runWithStatementCounter } from '../db/statement-counter';
import { RequestReads, runWithRequestReads } from '../db/read-routing';

/** What the server knows of the request being served, wherever in its async call chain the code runs. */
export interface RequestScope {
  requestId: string;
  statements: StatementCounter;
  /** Where its reads that a read replica may serve ran. */
  reads: RequestReads;
  /** What GraphQL made of the request, once Apollo has handled it (absent when it failed before, e.g. malformed JSON). */
  graphql?: GraphQLRequestSummary;
}

export interface GraphQLRequestSummary {
  operation: string | null;
  /** `query` or `mutation` once the operation is known. */
  operationType?: string | null;
  /** The first root field the operation selects, once it is known to be a field of the schema. */
  rootField?: string | null;
  workspaceId: string | null;
  keyId: string | null;
  /** `extensions.code` of each error returned, as the client sees them. */
  errorCodes: string[];
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, () => runWithStatementCounter(scope.statements, () => runWithRequestReads(scope.reads, fn)));
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
