import path from 'node:path';
import { cleanEnv, num, port, str, url, bool } from 'envalid';
import type { KpiConcurrency } from '../core/kpi-limits';

/**
 * From how many customers a workspace keeps its customers' shares of the latest periods (kpi_customer_contribution). Keeping
 * them saves a write of the latest month one contribution statement, but the statement that stores them groups by customer and
 * writes a row per customer and period: measured at 10,000 customers, that cost more than it saved (docs/performance.md), so
 * smaller workspaces compute both statements instead.
 */
export const DEFAULT_SHARES_MIN_CUSTOMERS = 100_000;

/**
 * From how many customers a write that brings revenue or orders of a new month leaves that month's KPI aggregates to the
 * background build (a step of KpiAggregateBuilder, beside the writes) instead of computing them itself. Computing a month
 * reads every customer's facts: measured at about 1–2 s at 10,000 customers, 20–50 s at 100,000 and minutes at 1,000,000,
 * past the statement limit, so that in a large workspace the first batch of a month could never be written
 * (docs/performance.md). Until the build has the month, KPIs of the periods ending in it are computed from the facts.
 */
export const DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS = 25_000;

export type { KpiConcurrency };

/** Limits every document is checked against before execution (and before any SQL). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** `production`: no "did you mean" suggestions in validation errors. */
  production: boolean;
}

export const DEFAULT_QUERY_LIMITS: Omit<QueryLimits, 'production'> = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 20,
  maxCost: 250_000,
};

/** Failed authentications per client address per window, unless configured (RATE_LIMIT_FAILED_AUTH). */
export const DEFAULT_FAILED_AUTH = 30;

/** How long a verified API key is cached, unless configured (API_KEY_CACHE_SECONDS); revocations reach every instance at once. */
export const DEFAULT_API_KEY_CACHE_SECONDS = 10;

/** The most rows one KPI statement may return, unless configured (MAX_KPI_ROWS). */
export const DEFAULT_MAX_KPI_ROWS = 10_000;

export const DEFAULT_KPI_CONCURRENCY: Omit<KpiConcurrency, 'total'> = { perWorkspace: 3, perKey: 2, queueLength: 10, queueWaitMs: 10_000 };

/** The light requests' share of the pool: KPI statements may use at most the pool size minus this many connections. */
export const CONNECTIONS_KEPT_FOR_LIGHT_REQUESTS = 3;

export const defaultKpiTotal = (poolSize: number) => Math.max(1, poolSize - CONNECTIONS_KEPT_FOR_LIGHT_REQUESTS);

/** Every setting the service reads from its environment, validated once at start. See the README's configuration table. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  embeddedPgPort: number;
  embeddedPgDataDir: string;
  logLevel: string;
  demoWorkspace: boolean;
  dbPoolSize: number;
  dbStatementTimeoutMs: number;
  dbConnectTimeoutMs: number;
  redisUrl: string | undefined;
  rateLimit: { requests: number; rows: number; failedAuth: number; windowSeconds: number };
  trustProxy: string | undefined;
  maxBodyBytes: number;
  maxResponseBytes: number;
  maxKpiRows: number;
  apiKeyCacheSeconds: number;
  /** KPI statements read the KPI aggregates where they serve (KPI_AGGREGATES); off: always from the facts. */
  kpiAggregates: boolean;
  /** From how many customers a workspace keeps its customers' shares of the latest aggregates (KPI_AGGREGATE_SHARES_MIN_CUSTOMERS). */
  kpiAggregateSharesMinCustomers: number;
  /** From how many customers a new month's aggregates are left to the background build (KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS). */
  kpiAggregateBackgroundMonthMinCustomers: number;
  /** Build steps overtaken by a write are reconciled with the writes made meanwhile (KPI_AGGREGATE_RECONCILED_STEPS). */
  kpiAggregateReconciledSteps: boolean;
  kpiConcurrency: KpiConcurrency;
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxDirectives: number; maxCost: number };
  metricsEnabled: boolean;
  metricsToken: string | undefined;
  shutdownTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
      HOST: str({ default: '0.0.0.0', desc: 'Interface the HTTP server listens on' }),
      PORT: port({ default: 4000, desc: 'HTTP port of the GraphQL API' }),
      DATABASE_URL: url({ default: undefined, desc: 'PostgreSQL server to use; unset starts an embedded PostgreSQL' }),
      DATABASE_READ_URL: url({ default: undefined, desc: 'A streaming replica of the database for KPI and list reads; unset: one database' }),
      EMBEDDED_PG_PORT: port({ default: 54329, desc: 'Port of the embedded PostgreSQL' }),
      EMBEDDED_PG_DATA_DIR: str({ default: '.data/postgres', desc: 'Data directory of the embedded PostgreSQL' }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      DEMO_WORKSPACE: bool({ default: undefined, desc: 'Create the demo workspace on first start (default: true, false when NODE_ENV=production)' }),
      DB_POOL_SIZE: num({ default: 10, desc: 'Maximum connections in the database pool' }),
      DB_STATEMENT_TIMEOUT_MS: num({ default: 30_000, desc: 'PostgreSQL statement_timeout: a longer statement is cancelled' }),
      DB_CONNECT_TIMEOUT_MS: num({ default: 2_000, desc: 'Wait for a database connection (new or from a busy pool)' }),
      REDIS_URL: url({ default: undefined, desc: 'Redis for rate-limit budgets shared by all instances; unset: per instance' }),
      RATE_LIMIT_REQUESTS: num({ default: 600, desc: 'GraphQL requests per key (or client address) per window; 0 = off' }),
      RATE_LIMIT_ROWS: num({ default: 500_000, desc: 'Ingested rows per key per window; 0 = off' }),
      RATE_LIMIT_FAILED_AUTH: num({
        default: DEFAULT_FAILED_AUTH,
        desc: 'Failed authentications (bad, unknown or revoked keys) per client address per window; past it keys from it are refused; 0 = off',
      }),
      RATE_LIMIT_WINDOW_SECONDS: num({ default: 60, desc: 'Length of the rate-limit window in seconds' }),
      MAX_BODY_BYTES: num({ default: 1024 * 1024, desc: 'Largest request body accepted; larger ones get HTTP 413' }),
      MAX_RESPONSE_BYTES: num({ default: 16 * 1024 * 1024, desc: 'Largest response body sent; a larger answer is QUERY_TOO_COMPLEX' }),
      API_KEY_CACHE_SECONDS: num({
        default: DEFAULT_API_KEY_CACHE_SECONDS,
        desc: 'How long a verified API key is cached; a revocation reaches every instance at once (LISTEN/NOTIFY); 0 = off',
      }),
      KPI_AGGREGATES: bool({ default: true, desc: 'KPI statements read the incrementally kept KPI aggregates where they serve; false: always from the facts' }),
      KPI_AGGREGATE_SHARES_MIN_CUSTOMERS: num({
        default: DEFAULT_SHARES_MIN_CUSTOMERS,
        desc: "From how many customers a workspace keeps each customer's share of the latest periods' KPI aggregates (faster writes of the latest month in large workspaces); 0 = every workspace",
      }),
      KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS: num({
        default: DEFAULT_BACKGROUND_MONTH_MIN_CUSTOMERS,
        desc: "From how many customers a write that brings a new month leaves that month's KPI aggregates to the background build instead of computing them itself; 0 = every workspace",
      }),
      KPI_AGGREGATE_RECONCILED_STEPS: bool({
        default: true,
        desc: "A build step of the KPI aggregates that a write overtook is reconciled with the writes made meanwhile; false: after three attempts it holds the workspace's writes for its whole length (kept for comparison)",
      }),
      MAX_KPI_ROWS: num({ default: DEFAULT_MAX_KPI_ROWS, desc: 'Most rows (periods × groups) one KPI statement may return; more is QUERY_TOO_COMPLEX' }),
      KPI_CONCURRENCY: num({ default: undefined, desc: 'KPI statements at once on this instance; below DB_POOL_SIZE (default: DB_POOL_SIZE - 3)' }),
      KPI_CONCURRENCY_PER_WORKSPACE: num({ default: DEFAULT_KPI_CONCURRENCY.perWorkspace, desc: 'KPI statements of one workspace at once' }),
      KPI_CONCURRENCY_PER_KEY: num({ default: DEFAULT_KPI_CONCURRENCY.perKey, desc: 'KPI statements of one API key at once' }),
      KPI_QUEUE_LENGTH: num({ default: DEFAULT_KPI_CONCURRENCY.queueLength, desc: 'KPI statements of one workspace waiting for a slot; more are RATE_LIMITED' }),
      KPI_QUEUE_WAIT_MS: num({ default: DEFAULT_KPI_CONCURRENCY.queueWaitMs, desc: 'How long a KPI statement waits for a slot before RATE_LIMITED' }),
      TRUST_PROXY: str({ default: undefined, desc: "Express 'trust proxy' setting behind a load balancer, e.g. 1 or loopback" }),
      MAX_QUERY_DEPTH: num({ default: DEFAULT_QUERY_LIMITS.maxDepth, desc: 'Deepest selection nesting a query may have' }),
      MAX_QUERY_ALIASES: num({ default: DEFAULT_QUERY_LIMITS.maxAliases, desc: 'Most aliases in one query' }),
      MAX_QUERY_TOKENS: num({ default: DEFAULT_QUERY_LIMITS.maxTokens, desc: 'Most lexical tokens in one document' }),
      MAX_QUERY_DIRECTIVES: num({ default: DEFAULT_QUERY_LIMITS.maxDirectives, desc: 'Most directives in one query' }),
      MAX_QUERY_COST: num({ default: DEFAULT_QUERY_LIMITS.maxCost, desc: 'Most cost units (fields × list sizes) in one query' }),
      METRICS_ENABLED: bool({ default: true, desc: 'Serve Prometheus metrics at GET /metrics' }),
      METRICS_TOKEN: str({ default: '', desc: 'When set, GET /metrics requires "Authorization: Bearer <token>"' }),
      SHUTDOWN_TIMEOUT_MS: num({ default: 10_000, desc: 'On SIGTERM/SIGINT, how long requests in flight may take to finish' }),
    },
    {
      reporter: ({ errors }) => {
        const names = Object.keys(errors);
        if (names.length > 0) {
          const lines = names.map((name) => `  ${name}: ${(errors as Record<string, Error>)[name].message}`);
          throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
        }
      },
    },
  );
  const kpiTotal = e.KPI_CONCURRENCY ?? defaultKpiTotal(e.DB_POOL_SIZE);
  const positive = { KPI_CONCURRENCY: kpiTotal, KPI_CONCURRENCY_PER_WORKSPACE: e.KPI_CONCURRENCY_PER_WORKSPACE, KPI_CONCURRENCY_PER_KEY: e.KPI_CONCURRENCY_PER_KEY };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`Invalid configuration:\n  ${name}: must be a whole number of at least 1`);
  }
  if (kpiTotal >= e.DB_POOL_SIZE) {
    throw new Error(
      `Invalid configuration:\n  KPI_CONCURRENCY: ${kpiTotal} must be below DB_POOL_SIZE (${e.DB_POOL_SIZE}), so that light requests keep connections`,
    );
  }
  return {
    nodeEnv: e.NODE_ENV as AppConfig['nodeEnv'],
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL || undefined,
    databaseReadUrl: e.DATABASE_READ_URL || undefined,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgDataDir: path.resolve(e.EMBEDDED_PG_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    // A demo workspace (and its ADMIN key printed on every start) is never made in production unless asked for.
    demoWorkspace: e.DEMO_WORKSPACE ?? e.NODE_ENV !== 'production',
    dbPoolSize: e.DB_POOL_SIZE,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    redisUrl: e.REDIS_URL || undefined,
    rateLimit: {
      requests: e.RATE_LIMIT_REQUESTS,
      rows: e.RATE_LIMIT_ROWS,
      failedAuth: e.RATE_LIMIT_FAILED_AUTH,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    },
    trustProxy: e.TRUST_PROXY || undefined,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxResponseBytes: e.MAX_RESPONSE_BYTES,
    maxKpiRows: e.MAX_KPI_ROWS,
    apiKeyCacheSeconds: e.API_KEY_CACHE_SECONDS,
    kpiAggregates: e.KPI_AGGREGATES,
    kpiAggregateSharesMinCustomers: e.KPI_AGGREGATE_SHARES_MIN_CUSTOMERS,
    kpiAggregateBackgroundMonthMinCustomers: e.KPI_AGGREGATE_BACKGROUND_MONTH_MIN_CUSTOMERS,
    kpiAggregateReconciledSteps: e.KPI_AGGREGATE_RECONCILED_STEPS,
    kpiConcurrency: {
      total: kpiTotal,
      perWorkspace: e.KPI_CONCURRENCY_PER_WORKSPACE,
      perKey: e.KPI_CONCURRENCY_PER_KEY,
      queueLength: e.KPI_QUEUE_LENGTH,
      queueWaitMs: e.KPI_QUEUE_WAIT_MS,
    },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxCost: e.MAX_QUERY_COST,
    },
    metricsEnabled: e.METRICS_ENABLED,
    metricsToken: e.METRICS_TOKEN || undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
