import type { DataSource } from 'typeorm';
import { authenticate, type Authentication, type Caller } from './auth';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders';
import { unauthenticated } from './errors';
import type { Services } from './services';

export interface GraphQLContext {
  requestId: string;
  services: Services;
  /**
   * Who is calling. Resolved lazily, by the `@Authorized` check of the first root field, so that a request refused
   * before execution (parse, validation, complexity limits) costs no SQL statement.
   */
  auth: Authentication;
  /** Looks the API key up once per request and binds `auth` and `loaders` to the caller's workspace. */
  authenticate(): Promise<Authentication>;
  /** The caller's per-request loaders, bound to its workspace; usable once `@Authorized` has let the request through. */
  loaders: Loaders;
}

const NOT_YET: Authentication = { caller: null, reason: 'No API key: send "Authorization: Bearer jg_<id>_<secret>".' };

const NO_LOADERS = new Proxy(
  {},
  {
    get(_target, property) {
      if (property === 'then') return undefined;
      throw unauthenticated();
    },
  },
) as Loaders;

export function buildContext(
  dataSource: DataSource,
  services: Services,
  requestId: string,
  authorization: string | undefined,
  /** The lookup of this request's key when the rate limiter already started it (one lookup per request). */
  started?: Promise<Authentication>,
  loaderOptions: LoaderOptions = {},
): GraphQLContext {
  let pending: Promise<Authentication> | undefined = started;
  return {
    requestId,
    services,
    auth: NOT_YET,
    loaders: NO_LOADERS,
    // `this`, not a captured variable: Apollo hands resolvers a copy of the object this function returns.
    async authenticate(this: GraphQLContext) {
      pending ??= authenticate(dataSource, authorization);
      const auth = await pending;
      if (this.auth !== auth) {
        this.auth = auth;
        if (auth.caller) this.loaders = createLoaders(dataSource, auth.caller.workspaceId, auth.caller.partnerId, { ...loaderOptions, keyId: auth.caller.keyId });
      }
      return auth;
    },
  };
}

export type { Caller };
