import type { Authentication, Caller } from '../core/auth';
import type { GraphQLContext, Loaders, Services } from '../core/context';
import { unauthenticated } from '../core/errors';

export type { GraphQLContext };

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

/** What the context of a request needs from its app: who a key belongs to, and the loaders of a caller. */
export interface ContextSources {
  services: Services;
  authenticate(authorization: string | undefined): Promise<Authentication>;
  createLoaders(caller: Caller): Loaders;
}

export function buildContext(
  app: ContextSources,
  requestId: string,
  authorization: string | undefined,
  /** The lookup of this request's key when the rate limiter already started it (one lookup per request). */
  started?: Promise<Authentication>,
): GraphQLContext {
  let pending: Promise<Authentication> | undefined = started;
  return {
    requestId,
    services: app.services,
    auth: NOT_YET,
    loaders: NO_LOADERS,
    // `this`, not a captured variable: Apollo hands resolvers a copy of the object this function returns.
    async authenticate(this: GraphQLContext) {
      pending ??= app.authenticate(authorization);
      const auth = await pending;
      if (this.auth !== auth) {
        this.auth = auth;
        const caller = auth.caller;
        // Made on first use: a request answered from one tree read (journeys, a customers page) needs none.
        if (caller) {
          Object.defineProperty(this, 'loaders', {
            configurable: true,
            enumerable: true,
            get(this: GraphQLContext) {
              const loaders = app.createLoaders(caller);
              Object.defineProperty(this, 'loaders', { value: loaders, writable: true, configurable: true, enumerable: true });
              return loaders;
            },
          });
        }
      }
      return auth;
    },
  };
}
