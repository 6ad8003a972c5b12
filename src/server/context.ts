import type { DataSource } from 'typeorm';
import type { Authentication, Caller } from './auth';
import { createLoaders, type Loaders } from './loaders';
import { unauthenticated } from './errors';
import type { Services } from './services';

export interface GraphQLContext {
  requestId: string;
  auth: Authentication;
  services: Services;
  /** The caller's per-request loaders, bound to its workspace (absent without a caller: `@Authorized` stops those requests first). */
  loaders: Loaders;
}

const NO_LOADERS = new Proxy(
  {},
  {
    get() {
      throw unauthenticated();
    },
  },
);

export function buildContext(dataSource: DataSource, services: Services, requestId: string, auth: Authentication): GraphQLContext {
  return {
    requestId,
    auth,
    services,
    loaders: auth.caller ? createLoaders(dataSource, auth.caller.workspaceId, auth.caller.partnerId) : (NO_LOADERS as Loaders),
  };
}

export type { Caller };
