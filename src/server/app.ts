import http from 'node:http';
import path from 'node:path';
import express from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import { Registry } from 'prom-client';
import type { Logger } from 'pino';
import { buildAppSchema } from './schema';
import { createErrorFormatter } from './error-formatter';
import { buildContext, type ContextSources, type GraphQLContext } from './context';
import type { Services } from '../core/context';
import { createLoaders, createServices, resolversOf, type ModuleManifest } from '../core/module';
import { currentRequestScope } from './request-scope';
import { requestBodyErrorHandler, requestScopeMiddleware, requestSummaryPlugin, responseSizeLimit, unexpectedHttpErrorHandler } from './request-log';
import { AppMetrics, mountMetrics } from './metrics';
import { mountHealth } from './health';
import { mountGraphiQL } from './graphiql';
import { mountDashboard } from './dashboard';
import { authenticationOf, createRateLimiter, type RateLimitConfig } from './rate-limit';
import { DEFAULT_QUERY_LIMITS, queryLimitProtections, type QueryLimits } from './query-limits';
import { ReadRouter } from '../db/read-routing';
import type { ReadReplica } from '../db/read-replica';
import { CardinalityCache } from '../modules/kpi/kpi.size';
import { KpiAggregateBuilder } from '../modules/kpi/aggregates/kpi-aggregates';
import { DEFAULT_API_KEY_CACHE_SECONDS, DEFAULT_KPI_CONCURRENCY, DEFAULT_MAX_KPI_ROWS, defaultKpiTotal, type KpiConcurrency } from '../config/config';

export interface AppOptions {
  /** The features the app serves: `appModules` (src/app.modules.ts). */
  modules: readonly ModuleManifest[];
  dataSource: DataSource;
  /** A read replica (DATABASE_READ_URL) for the reads it may serve while it is current; the app does not close it. */
  readReplica?: ReadReplica;
  logger: Logger;
  production: boolean;
  /** Prometheus metrics at GET /metrics (default: on, without a token). */
  metrics?: { enabled: boolean; token?: string };
  /** On close, how long requests in flight may take before their connections are cut (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Query limits; the defaults of DEFAULT_QUERY_LIMITS where not given. */
  limits?: Partial<Omit<QueryLimits, 'production'>>;
  /** Rate limits per key; none when not given. */
  rateLimit?: RateLimitConfig;
  /** Largest request body accepted (HTTP 413 above); 1 MB by default. */
  maxBodyBytes?: number;
  /** Largest response body sent; a larger answer is replaced by QUERY_TOO_COMPLEX (16 MiB by default). */
  maxResponseBytes?: number;
  /** The most rows one KPI statement may return (MAX_KPI_ROWS). */
  maxKpiRows?: number;
  /** KPI statements at once (in all, per workspace, per key) and their queue; in all: the pool size minus 3 unless given. */
  kpiConcurrency?: Partial<KpiConcurrency>;
  /** How long a verified API key is cached, revoked at once on every instance (API_KEY_CACHE_SECONDS; default 10, 0: off). */
  apiKeyCacheSeconds?: number;
  /** KPI statements read the KPI aggregates where they serve (default true; KPI_AGGREGATES). */
  kpiAggregates?: boolean;
  /** Express's `trust proxy`: set behind a load balancer so that client addresses are the real ones. */
  trustProxy?: boolean | number | string;
  /** The built dashboard served at `/` (default: web/dist under the working directory). */
  dashboardDir?: string;
  /**
   * Carry the KPI aggregate builds under way forward in the background (after a change of a workspace's settings): a step of
   * each every `intervalMs` (default 2 s), each with `stepTimeoutMs` as its statement limit (default 30 minutes). Off when
   * omitted: the server (main.ts) turns it on; a test app when it tests it.
   */
  aggregateBuilder?: { intervalMs?: number; stepTimeoutMs?: number };
}

export interface App {
  httpServer: http.Server;
  services: Services;
  /** The app's Prometheus registry: its own counters, its modules' (rows ingested, KPI cache), never another app's. */
  registry: Registry;
  /** Listens on the port (0: a free one) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export async function createApp(options: AppOptions): Promise<App> {
  const { dataSource, logger } = options;
  const schema = await buildAppSchema(resolversOf(options.modules));
  const registry = new Registry();
  const poolSize = Number((dataSource.options.extra as { max?: number } | undefined)?.max ?? 10);
  const kpiLimits = {
    maxRows: options.maxKpiRows ?? DEFAULT_MAX_KPI_ROWS,
    aggregates: options.kpiAggregates ?? true,
    concurrency: { total: defaultKpiTotal(poolSize), ...DEFAULT_KPI_CONCURRENCY, ...options.kpiConcurrency },
  };
  const reads = new ReadRouter(dataSource, options.readReplica, registry, logger);
  const services = createServices(options.modules, {
    dataSource,
    registry,
    kpiLimits,
    reads,
    apiKeyCacheSeconds: options.apiKeyCacheSeconds ?? DEFAULT_API_KEY_CACHE_SECONDS,
  });
  const authenticator = services.apiKeys;
  const builder = options.aggregateBuilder
    ? new KpiAggregateBuilder(dataSource, logger, {
        intervalMs: options.aggregateBuilder.intervalMs ?? 2_000,
        stepTimeoutMs: options.aggregateBuilder.stepTimeoutMs ?? 30 * 60_000,
        registry,
      })
    : undefined;
  builder?.start();
  const contextSources: ContextSources = {
    services,
    authenticate: (authorization) => authenticator.authenticate(authorization),
    createLoaders: (caller) =>
      createLoaders(options.modules, { dataSource, reads, services, workspaceId: caller.workspaceId, partnerId: caller.partnerId, keyId: caller.keyId }),
  };
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  const httpServer = http.createServer(app);
  const rootFields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => Object.keys(t?.getFields() ?? {}));
  const metrics = options.metrics?.enabled === false ? undefined : new AppMetrics(dataSource, registry, rootFields, options.readReplica);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit, logger) : undefined;
  const cardinalities = new CardinalityCache(dataSource);
  const limits = queryLimitProtections<GraphQLContext>(
    schema,
    { ...DEFAULT_QUERY_LIMITS, ...options.limits, production: options.production },
    async (context) => {
      const auth = await context.authenticate();
      return auth.caller ? cardinalities.of(auth.caller.workspaceId) : null;
    },
  );
  let shuttingDown = false;

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries are off: one way to send a query (its text), no server-side cache of documents to fill.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    formatError: createErrorFormatter(logger),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Its own SIGTERM handler stops and re-raises the signal; the server's shutdown handler owns the order instead.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.shutdownTimeoutMs ?? 10_000 }),
      // The default landing page loads from a CDN; outside production GET /graphql serves our own GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default cache-control plugin would wrap every field's resolver (thousands in a kpiMatrix).
      ApolloServerPluginCacheControlDisabled(),
      ...limits.plugins,
      ...(rateLimiter ? [rateLimiter.rowLimitPlugin] : []),
      requestSummaryPlugin(options.production),
    ],
  });
  await apollo.start();

  mountHealth(app, dataSource, () => shuttingDown);
  if (metrics && options.production && !options.metrics?.token) {
    // The metrics show every workspace's traffic: in production they are served only to whoever holds METRICS_TOKEN.
    logger.warn('GET /metrics is off: in production it is served only with METRICS_TOKEN set (send it as "Authorization: Bearer <token>")');
  } else if (metrics) {
    mountMetrics(app, metrics, options.metrics?.token);
  }
  if (!options.production) mountGraphiQL(app);
  mountDashboard(app, options.dashboardDir ?? path.resolve('web', 'dist'));

  app.use(
    '/graphql',
    requestScopeMiddleware(logger, metrics),
    cors(),
    ...(rateLimiter ? [rateLimiter.requestLimit((authorization) => authenticator.authenticate(authorization))] : []),
    responseSizeLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
    // A body over the limit is refused from its Content-Length, or once that much has streamed in, before any parsing.
    express.json({ limit: maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const scope = currentRequestScope()!;
        return buildContext(contextSources, scope.requestId, req.header('authorization'), authenticationOf(res));
      },
    }),
    requestBodyErrorHandler(maxBodyBytes),
    unexpectedHttpErrorHandler(logger),
  );

  return {
    httpServer,
    services,
    registry,
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
      shuttingDown = true;
      // Stops accepting, lets requests in flight finish (up to shutdownTimeoutMs), then closes what is left.
      await apollo.stop();
      await rateLimiter?.close();
      await authenticator.close();
      await builder?.close();
    },
  };
}
