import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type ArgumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../core/errors';

export interface RateLimitConfig {
  /** GraphQL requests per key (or per client address without a key) per window. 0 turns the limit off. */
  requests: number;
  /** Ingested rows (the `rows` of batch mutations) per key per window. 0 turns the limit off. */
  rows: number;
  windowSeconds: number;
  /** Shared budget across instances when set; this instance's memory otherwise, and whenever Redis is unreachable. */
  redisUrl?: string;
  /** Prefix of the Redis keys (lets tests and several deployments share one Redis). */
  keyPrefix?: string;
}

export interface RateLimiter {
  requestLimit: RequestHandler;
  rowLimitPlugin: ApolloServerPlugin;
  close(): Promise<void>;
}

const KEY_ID = /^Bearer\s+jg_([0-9a-f-]{36})_/i;

/** Who a budget belongs to: the API key's id (from the header, without a database lookup), else the client address. */
export function budgetOwner(authorization: string | undefined, ip: string | undefined): string {
  const match = KEY_ID.exec(authorization ?? '');
  return match ? `key:${match[1].toLowerCase()}` : `ip:${ip ?? 'unknown'}`;
}

function tooMany(res: RateLimiterRes, what: string): { message: string; retryAfter: number } {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { message: `Rate limit reached: too many ${what}. Retry after ${retryAfter} s.`, retryAfter };
}

/** Sums the rows of the batch mutations in the operation, whether sent as variables or inline. */
export function rowsInOperation(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown>): number {
  if (!operation || operation.operation !== 'mutation') return 0;
  const count = (value: ValueNode): number => {
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return Array.isArray(v) ? v.length : 0;
    }
    return 0;
  };
  let rows = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const arg = selection.arguments?.find((a: ArgumentNode) => a.name.value === 'rows');
    if (arg) rows += count(arg.value);
  }
  return rows;
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

  const requestLimit: RequestHandler = (req, res, next) => {
    if (!requests) return next();
    requests.consume(budgetOwner(req.header('authorization'), req.ip), 1).then(
      (result) => {
        res.setHeader('RateLimit-Limit', String(config.requests));
        res.setHeader('RateLimit-Remaining', String(result.remainingPoints));
        next();
      },
      (result: unknown) => {
        if (!(result instanceof RateLimiterRes)) {
          // Neither Redis nor memory answered: serve rather than refuse everyone.
          logger.error({ err: result }, 'rate limiter failed');
          return next();
        }
        const { message, retryAfter } = tooMany(result, 'requests');
        res.setHeader('Retry-After', String(retryAfter));
        res.status(429).json({ errors: [{ message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfter } }] });
      },
    );
  };

  const rowLimitPlugin: ApolloServerPlugin = {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ operation }) {
          if (!rows) return;
          const count = rowsInOperation(operation, request.variables ?? {});
          if (count === 0) return;
          // Without a key the request is refused as UNAUTHENTICATED anyway; only keys have a row budget.
          const owner = budgetOwner(request.http?.headers.get('authorization'), undefined);
          if (!owner.startsWith('key:')) return;
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
