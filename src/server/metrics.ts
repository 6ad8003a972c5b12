import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Pool } from 'pg';
import type { ReadReplica } from '../db/read-replica';
import { ErrorCode } from '../core/errors';

/** What one GraphQL HTTP request came to, as the request log records it. */
export interface RequestObservation {
  /** The first root field the request selected (a name of the schema, never one the client chose); null when none ran. */
  field: string | null;
  outcome: 'ok' | 'error';
  durationSeconds: number;
  errorCodes: string[];
  sqlStatements: number;
}

/**
 * Label values come only from bounded sets the server owns: root fields of the schema and the error codes of the API. Operation
 * names are the client's to choose, so they stay in the request log and never become labels.
 */
const KNOWN_CODES = new Set([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** The metrics of one app instance, in a registry of its own (tests run several apps in one process). */
export class AppMetrics {
  private readonly fields: Set<string>;
  private readonly requests: Counter<'field' | 'outcome'>;
  private readonly duration: Histogram<'field' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly statements: Histogram;

  /** `registry`: the app's, where its modules have registered their own counters (rows ingested, KPI cache). */
  constructor(
    dataSource: DataSource,
    readonly registry: Registry,
    /** The root fields of the schema (queries and mutations): the only `field` label values besides `none` and `other`. */
    rootFields: Iterable<string>,
    replica?: ReadReplica,
  ) {
    this.fields = new Set(rootFields);
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'journeygraph_graphql_requests_total',
      help: 'GraphQL HTTP requests, by first root field (none: refused before execution) and outcome',
      labelNames: ['field', 'outcome'] as const,
      registers,
    });
    this.duration = new Histogram({
      name: 'journeygraph_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response, by first root field and outcome',
      labelNames: ['field', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'journeygraph_graphql_errors_total',
      help: 'Errors returned to clients, by extensions.code',
      labelNames: ['code'] as const,
      registers,
    });
    this.statements = new Histogram({
      name: 'journeygraph_sql_statements_per_request',
      help: 'SQL statements issued on behalf of one GraphQL request',
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144],
      registers,
    });
    const pool = () => poolOf(dataSource);
    new Gauge({
      name: 'journeygraph_db_pool_connections',
      help: 'Connections open in the database pool',
      registers,
      collect() {
        this.set(pool()?.totalCount ?? 0);
      },
    });
    new Gauge({
      name: 'journeygraph_db_pool_idle_connections',
      help: 'Open connections of the database pool not serving a query',
      registers,
      collect() {
        this.set(pool()?.idleCount ?? 0);
      },
    });
    new Gauge({
      name: 'journeygraph_db_pool_waiting_requests',
      help: 'Queries waiting for a free connection of the database pool',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    if (replica) {
      new Gauge({
        name: 'journeygraph_db_replica_up',
        help: 'The read replica (DATABASE_READ_URL) answers: 1, or 0 while reads go to the primary for want of it',
        registers,
        collect() {
          this.set(replica.state === 'up' ? 1 : 0);
        },
      });
      new Gauge({
        name: 'journeygraph_db_replica_lag_seconds',
        help: 'Age of the last transaction the read replica replayed while it has WAL left to replay; 0 when it has replayed all it received',
        registers,
        async collect() {
          const lag = await replica.lagSeconds();
          if (lag === null) this.reset();
          else this.set(lag);
        },
      });
    }
  }

  observeRequest(o: RequestObservation): void {
    const field = o.field === null ? 'none' : this.fields.has(o.field) ? o.field : 'other';
    const labels = { field, outcome: o.outcome };
    this.requests.inc(labels);
    this.duration.observe(labels, o.durationSeconds);
    for (const code of o.errorCodes) this.errors.inc({ code: KNOWN_CODES.has(code) ? code : 'OTHER' });
    this.statements.observe(o.sqlStatements);
  }
}

/** The pg Pool behind TypeORM (TypeORM types it `any`); absent before `initialize()` and after `destroy()`. */
function poolOf(dataSource: DataSource): Pool | undefined {
  if (!dataSource.isInitialized) return undefined;
  return (dataSource.driver as PostgresDriver).master as Pool | undefined;
}

function sendsToken(req: Request, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization')?.trim() ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** `GET /metrics` in Prometheus' text format; with a token configured, only for `Authorization: Bearer <token>`. */
export function mountMetrics(app: Express, metrics: AppMetrics, token: string | undefined): void {
  app.get('/metrics', async (req, res) => {
    if (token && !sendsToken(req, token)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'Send the metrics token as "Authorization: Bearer <token>".' });
      return;
    }
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
