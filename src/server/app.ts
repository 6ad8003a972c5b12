import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { buildAppSchema } from './schema';
import { createErrorFormatter, ErrorCode } from './errors';
import { createRateLimiter, type RateLimitConfig } from './rate-limit';
import { DEFAULT_QUERY_LIMITS, queryLimitProtections, type QueryLimits } from './query-limits';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildContext, type GraphQLContext } from './context';
import { createServices, type Services } from './services';
import { currentRequestScope, runInRequestScope } from './request-scope';
import { StatementCounter } from '../db/statement-counter';

export interface AppOptions {
  dataSource: DataSource;
  logger: Logger;
  production: boolean;
  /** Query limits; the defaults of DEFAULT_QUERY_LIMITS where not given. */
  limits?: Partial<Omit<QueryLimits, 'production'>>;
  /** Rate limits per key; none when not given. */
  rateLimit?: RateLimitConfig;
  /** Largest request body accepted (HTTP 413 above); 1 MB by default. */
  maxBodyBytes?: number;
  /** Express's `trust proxy`: set behind a load balancer so that client addresses are the real ones. */
  trustProxy?: boolean | number | string;
}

export interface App {
  httpServer: http.Server;
  services: Services;
  /** Listens on the port (0: a free one) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Errors of the HTTP layer (body too large, malformed JSON) answered as GraphQL errors with the right status. */
function httpErrorHandler(logger: Logger, maxBodyBytes: number): express.ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(res.getHeader('x-request-id') ?? '');
    const status = Number(err?.status ?? err?.statusCode ?? 500);
    let code = ErrorCode.BAD_USER_INPUT;
    let message: string;
    if (err?.type === 'entity.too.large') message = `The request body is over the limit of ${maxBodyBytes} bytes. Send large batches in several requests.`;
    else if (status >= 400 && status < 500) message = 'The request body is not valid JSON.';
    else {
      code = ErrorCode.INTERNAL_SERVER_ERROR;
      message = `Internal server error. Quote request id ${requestId} when reporting it.`;
      logger.error({ requestId, err }, 'unexpected HTTP error');
    }
    res.status(code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : status).json({ errors: [{ message, extensions: { code, requestId } }] });
    logger.info({ requestId, method: req.method, status: res.statusCode, outcome: 'error', errorCodes: [code] }, 'http request refused');
  };
}

/** One line per GraphQL request: id, operation, duration, workspace, key, outcome and SQL statements issued. */
function requestLogPlugin(logger: Logger, production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const scope = currentRequestScope();
          // The database is down: say so with 503 and a hint when to retry, as proxies and clients expect.
          if (result && !result.data && result.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          }
          // Outside production the statement count is returned too, so that N+1 regressions show in any client.
          if (!production && scope) response.http.headers.set('x-sql-statements', String(scope.statements.count));
          const codes = (errors ?? []).map((e) => e.extensions?.code).filter(Boolean);
          const failed = (errors?.length ?? 0) > 0 || (result?.errors?.length ?? 0) > 0;
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              workspaceId: contextValue.auth.caller?.workspaceId ?? null,
              keyId: contextValue.auth.caller?.keyId ?? null,
              outcome: failed ? 'error' : 'ok',
              errorCodes: codes.length ? codes : (result?.errors ?? []).map((e) => e.extensions?.code),
              sqlStatements: scope?.statements.count ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

export async function createApp(options: AppOptions): Promise<App> {
  const { dataSource, logger } = options;
  const schema = await buildAppSchema();
  const services = createServices(dataSource);
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit, logger) : undefined;
  const httpServer = http.createServer(app);

  const limits = queryLimitProtections(schema, { ...DEFAULT_QUERY_LIMITS, ...options.limits, production: options.production });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: createErrorFormatter(logger),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      ...(rateLimiter ? [rateLimiter.rowLimitPlugin] : []),
      requestLogPlugin(logger, options.production),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    cors(),
    (req, res, next) => {
      const header = req.header('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', requestId);
      runInRequestScope({ requestId, statements: new StatementCounter() }, next);
    },
    ...(rateLimiter ? [rateLimiter.requestLimit] : []),
    // A body over the limit (1 MB by default) is refused from its Content-Length, or once that much has streamed in,
    // before any parsing.
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const scope = currentRequestScope()!;
        return buildContext(dataSource, services, scope.requestId, req.header('authorization'));
      },
    }),
  );

  app.use('/graphql', httpErrorHandler(logger, maxBodyBytes));

  return {
    httpServer,
    services,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${actual}/graphql`);
        });
      });
    },
    async close() {
      await apollo.stop();
      await rateLimiter?.close();
    },
  };
}
