import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Pool } from 'pg';

/** What one GraphQL HTTP request came to, as the request log records it. */
export interface RequestObservation {
  operation: string | null;
  outcome: 'ok' | 'error';
  durationSeconds: number;
  errorCodes: string[];
  sqlStatements: number;
}

/** Operation names come from clients: past this many distinct ones, further names are counted as `other`. */
const MAX_OPERATION_LABELS = 200;

/** The metrics of one app instance, in a registry of its own (tests run several apps in one process). */
export class AppMetrics {
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly statements: Histogram;

  /** `registry`: the app's, where its modules have registered their own counters (rows ingested, KPI cache). */
  constructor(
    dataSource: DataSource,
    readonly registry: Registry,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'journeygraph_graphql_requests_total',
      help: 'GraphQL HTTP requests, by operation name and outcome',
      labelNames: ['operation', 'outcome'] as const,
      registers,
    });
    this.duration = new Histogram({
      name: 'journeygraph_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response, by operation name and outcome',
      labelNames: ['operation', 'outcome'] as const,
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
  }

  observeRequest(o: RequestObservation): void {
    const labels = { operation: this.operationLabel(o.operation), outcome: o.outcome };
    this.requests.inc(labels);
    this.duration.observe(labels, o.durationSeconds);
    for (const code of o.errorCodes) this.errors.inc({ code });
    this.statements.observe(o.sqlStatements);
  }

  private operationLabel(name: string | null): string {
    if (!name) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
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
