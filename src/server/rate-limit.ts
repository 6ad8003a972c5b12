import type { RequestHandler, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../core/errors';
import type { Authentication, GraphQLContext } from '../core/context';

export interface RateLimitConfig {
  /** GraphQL requests per key (or per client address without a key) per window. 0 turns the limit off. */
  requests: number;
  /** Ingested rows (the `rows` of batch mutations) per key per window. 0 turns the limit off. */
  rows: number;
  /**
   * Failed authentications (a key sent that is malformed, unknown, revoked or has a wrong secret) per client address per window.
   * Past it, requests from that address whose key does not verify get 429 instead of UNAUTHENTICATED; valid keys from the same
   * address (e.g. behind one NAT) are not held up. 0 turns the limit off.
   */
  failedAuth?: number;
  windowSeconds: number;
  /** Shared budget across instances when set; this instance's memory otherwise, and whenever Redis is unreachable. */
  redisUrl?: string;
  /** Prefix of the Redis keys (lets tests and several deployments share one Redis). */
  keyPrefix?: string;
}

/** Failed authentications per client address per window, unless configured. */
export const DEFAULT_FAILED_AUTH = 30;

export interface RateLimiter {
  /**
   * Verifies the request's key (the one lookup of the request: the GraphQL context reuses it, see `authenticationOf`) and charges
   * the request to the verified key's budget, or to the client address when there is no valid key.
   */
  requestLimit(authenticate: (authorization: string | undefined) => Promise<Authentication>): RequestHandler;
  rowLimitPlugin: ApolloServerPlugin<GraphQLContext>;
  close(): Promise<void>;
}

/** The authentication the rate limiter started for a request, for the GraphQL context to reuse (one key lookup per request). */
export function authenticationOf(res: Response): Promise<Authentication> | undefined {
  return res.locals.authentication as Promise<Authentication> | undefined;
}

function tooMany(res: RateLimiterRes, what: string): { message: string; retryAfter: number } {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { message: `Rate limit reached: too many ${what}. Retry after ${retryAfter} s.`, retryAfter };
}

/**
 * Sums the rows of the batch mutations in the operation, whether sent as variables or inline, wherever the field is selected:
 * at the root, in inline fragments (`... on Mutation { … }`) and in named fragments, under every alias.
 */
export function rowsInOperation(
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown>,
  document?: DocumentNode,
): number {
  if (!operation || operation.operation !== 'mutation') return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document?.definitions ?? []) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const count = (value: ValueNode): number => {
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return Array.isArray(v) ? v.length : 0;
    }
    return 0;
  };
  // A fragment spread twice is selected twice (GraphQL merges equal fields, but aliases make them distinct calls); a fragment is
  // never expanded inside itself (validation forbids cycles; the guard keeps this function total anyway).
  const walk = (set: SelectionSetNode, expanding: Set<string>): number => {
    let rows = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const arg = selection.arguments?.find((a) => a.name.value === 'rows');
        if (arg) rows += count(arg.value);
        if (selection.selectionSet) rows += walk(selection.selectionSet, expanding);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        rows += walk(selection.selectionSet, expanding);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || expanding.has(fragment.name.value)) continue;
        rows += walk(fragment.selectionSet, new Set([...expanding, fragment.name.value]));
      }
    }
    return rows;
  };
  return walk(operation.selectionSet, new Set());
}

/**
 * Per-key budgets with rate-limiter-flexible: in memory on one instance, in Redis when REDIS_URL is set so that
 * instances behind a load balancer share one budget. When Redis goes away the in-memory limiter takes over (its
 * "insurance" limiter) and the loss is logged once; the API keeps serving.
 */
export function createRateLimiter(config: RateLimitConfig, logger: Logger): RateLimiter {
  let redis: Redis | undefined;
  const memory = (points: number, name: string) =>
    new RateLimiterMemory({ points, duration: config.windowSeconds, keyPrefix: `${config.keyPrefix ?? 'jg'}:${name}` });
  const limiter = (points: number, name: string): RateLimiterAbstract => {
    if (!redis) return memory(points, name);
    return new RateLimiterRedis({
      storeClient: redis,
      points,
      duration: config.windowSeconds,
      keyPrefix: `${config.keyPrefix ?? 'jg'}:${name}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory(points, name),
    });
  };

  if (config.redisUrl) {
    let healthy = true;
    redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    redis.on('error', (err) => {
      if (healthy) logger.warn({ err: err.message }, 'Redis unreachable: rate limits fall back to this instance\'s memory');
      healthy = false;
    });
    redis.on('ready', () => {
      if (!healthy) logger.info('Redis reachable again: rate limits are shared again');
      healthy = true;
    });
  }

  const requests = config.requests > 0 ? limiter(config.requests, 'requests') : undefined;
  const rows = config.rows > 0 ? limiter(config.rows, 'rows') : undefined;
  const failedAuthPoints = config.failedAuth ?? DEFAULT_FAILED_AUTH;
  const failures = failedAuthPoints > 0 ? limiter(failedAuthPoints, 'failed-auth') : undefined;

  const refuse = (res: Response, result: RateLimiterRes, what: string) => {
    const { message, retryAfter } = tooMany(result, what);
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({ errors: [{ message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfter } }] });
  };
  /** Charges `points` to `owner`; false (and the 429 sent) when over budget. A limiter that fails lets the request through. */
  const charge = async (budget: RateLimiterAbstract, owner: string, res: Response, what: string): Promise<boolean> => {
    try {
      const result = await budget.consume(owner, 1);
      if (budget === requests) {
        res.setHeader('RateLimit-Limit', String(config.requests));
        res.setHeader('RateLimit-Remaining', String(result.remainingPoints));
      }
      return true;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) {
        // Neither Redis nor memory answered: serve rather than refuse everyone.
        logger.error({ err: result }, 'rate limiter failed');
        return true;
      }
      refuse(res, result, what);
      return false;
    }
  };

  const requestLimit = (authenticate: (authorization: string | undefined) => Promise<Authentication>): RequestHandler =>
    (req, res, next) => {
      // No budget to charge: the key is looked up lazily, by the first root field (a request refused before then costs no SQL).
      if (!requests && !failures) return next();
      const authorization = req.header('authorization');
      const address = `ip:${req.ip ?? 'unknown'}`;
      void (async () => {
        // The one key lookup of the request, started here and reused by the GraphQL context.
        const authentication = authorization ? authenticate(authorization) : undefined;
        if (authentication) res.locals.authentication = authentication;
        const auth = await authentication?.catch(() => null);
        // Only a verified key has a budget of its own: no key, a malformed, unknown or revoked one, or a wrong secret is
        // charged to the client address (so that nobody can spend a victim's budget by sending its key id).
        if (auth?.caller) {
          if (requests && !(await charge(requests, `key:${auth.caller.keyId}`, res, 'requests'))) return;
        } else {
          if (authorization && auth && failures && !(await charge(failures, address, res, 'failed authentications from this address'))) return;
          if (requests && !(await charge(requests, address, res, 'requests'))) return;
        }
        next();
      })().catch(next);
    };

  const rowLimitPlugin: ApolloServerPlugin<GraphQLContext> = {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!rows) return;
          const count = rowsInOperation(operation, request.variables ?? {}, document);
          if (count === 0) return;
          // Rows are budgeted by verified key only; without one the request is refused as UNAUTHENTICATED anyway.
          const auth = await contextValue.authenticate().catch(() => null);
          if (!auth?.caller) return;
          const owner = `key:${auth.caller.keyId}`;
          try {
            await rows.consume(owner, count);
          } catch (result) {
            if (!(result instanceof RateLimiterRes)) {
              logger.error({ err: result }, 'rate limiter failed');
              return;
            }
            // consume() counted the refused rows too; a batch that is not written must not use up the budget.
            await rows.reward(owner, count).catch(() => undefined);
            const { message, retryAfter } = tooMany(result, `ingested rows (this batch has ${count}, the budget is ${config.rows} per ${config.windowSeconds} s)`);
            throw new AppError(ErrorCode.RATE_LIMITED, message, {
              retryAfter,
              http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
            });
          }
        },
      };
    },
  };

  return {
    requestLimit,
    rowLimitPlugin,
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
