import type { StatementCounter } from '../db/statement-counter';
import type { RequestReads } from '../db/read-routing';
import { currentRequestStore, runWithRequestStore } from '../db/request-store';

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

/** The scope is the database layer's request store itself (one AsyncLocalStorage for both). */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return runWithRequestStore(scope, fn);
}

/** Undefined outside a request, and inside work run apart from it (`withoutCounting`). */
export function currentRequestScope(): RequestScope | undefined {
  const store = currentRequestStore();
  return store && 'requestId' in store ? (store as RequestScope) : undefined;
}
