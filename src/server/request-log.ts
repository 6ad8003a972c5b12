import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from './context';
import { currentRequestScope, runInRequestScope, type RequestScope } from './request-scope';
import { StatementCounter } from '../db/statement-counter';
import { RequestReads } from '../db/read-routing';
import type { AppMetrics } from './metrics';
import { ErrorCode } from '../core/errors';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function scopeOf(res: Response): RequestScope | undefined {
  return res.locals.requestScope as RequestScope | undefined;
}

/**
 * Opens the request scope (the id from `x-request-id` when a proxy sends a sane one, else a new one, echoed in the
 * response) and, when the response is done, writes the request's one log line and records its metrics. Runs before the
 * body is parsed, so that requests which never reach GraphQL are logged too. Headers are never logged: no key secret.
 */
export function requestScopeMiddleware(logger: Logger, metrics: AppMetrics | undefined): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    const scope: RequestScope = { requestId, statements: new StatementCounter(), reads: new RequestReads() };
    res.locals.requestScope = scope;

    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const graphql = scope.graphql;
      const errorCodes = graphql?.errorCodes ?? [];
      // 'close' without 'finish': the client went away before the response was complete.
      const completed = res.writableFinished;
      const outcome = completed && res.statusCode < 400 && errorCodes.length === 0 ? 'ok' : 'error';
      const line = {
        requestId,
        operation: graphql?.operation ?? null,
        durationMs: Math.round(durationMs * 10) / 10,
        workspaceId: graphql?.workspaceId ?? null,
        keyId: graphql?.keyId ?? null,
        outcome,
        status: res.statusCode,
        errorCode: errorCodes[0] ?? null,
        errorCodes,
        sqlStatements: scope.statements.count,
        ...(scope.reads.summary ? { readPool: scope.reads.summary } : {}),
        ...(completed ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500 || errorCodes.includes('INTERNAL_SERVER_ERROR')) logger.warn(line, 'graphql request');
      else logger.info(line, 'graphql request');
      metrics?.observeRequest({
        field: graphql?.rootField ?? null,
        outcome,
        durationSeconds: durationMs / 1000,
        errorCodes,
        sqlStatements: line.sqlStatements,
      });
    };
    res.once('finish', record);
    res.once('close', record);
    runInRequestScope(scope, next);
  };
}

/**
 * Answers a body the JSON parser refused (malformed, or over the size limit: HTTP 413) as a GraphQL error response,
 * instead of Express' HTML error page.
 */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

export function requestBodyErrorHandler(maxBodyBytes: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    const status = Number((err as { status?: number }).status);
    if (res.headersSent || !(status >= 400 && status < 500)) return next(err);
    if ((err as { type?: string }).type === 'entity.too.large') {
      // The body was refused unread. Discard what the client still sends, and close afterwards, so that it reads the
      // 413 instead of a connection reset; a body far beyond the limit is cut off instead of drained.
      res.setHeader('connection', 'close');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > DRAIN_LIMIT_BYTES) res.once('finish', () => req.destroy());
      else req.resume();
    }
    const scope = scopeOf(res);
    if (scope) scope.graphql = { operation: null, workspaceId: null, keyId: null, errorCodes: [ErrorCode.BAD_USER_INPUT] };
    const type = (err as { type?: string }).type;
    const message =
      type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : type === 'entity.too.large'
          ? `The request body is over the limit of ${maxBodyBytes} bytes. Send large batches in several requests.`
          : (err as Error).message;
    res.status(status).json({ errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, requestId: scope?.requestId } }] });
  };
}

/**
 * No answer over `maxBytes` leaves the server: it is replaced by QUERY_TOO_COMPLEX (limit `responseBytes`, with the size found).
 * The query limits and MAX_KPI_ROWS keep answers far below it; this is the last guard. A mutation refused this way has been
 * carried out: the message says so, and the client reads what it wrote with a smaller query.
 */
export function responseSizeLimit(maxBytes: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // Characters never outnumber bytes; a body short enough in characters needs no byte count.
      if (typeof body !== 'string' || body.length * 3 <= maxBytes) return send(body);
      const bytes = Buffer.byteLength(body);
      if (bytes <= maxBytes) return send(body);
      const scope = scopeOf(res);
      const mutation = scope?.graphql?.operationType === 'mutation';
      if (scope?.graphql) scope.graphql.errorCodes = [ErrorCode.QUERY_TOO_COMPLEX];
      const message =
        `The answer is ${bytes} bytes, over the limit of ${maxBytes} (MAX_RESPONSE_BYTES), and was not sent. ` +
        (mutation
          ? 'The mutation was carried out: read its result with a smaller selection.'
          : 'Ask for fewer fields, periods, groups or KPIs at once.');
      res.status(400);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      return send(
        JSON.stringify({
          errors: [{ message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'responseBytes', max: maxBytes, found: bytes, requestId: scope?.requestId } }],
        }),
      );
    };
    next();
  };
}

/** Anything else that escaped the HTTP layer: logged whole, answered masked with the request id. */
export function unexpectedHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const scope = scopeOf(res);
    if (scope) scope.graphql = { operation: null, workspaceId: null, keyId: null, errorCodes: [ErrorCode.INTERNAL_SERVER_ERROR] };
    logger.error({ requestId: scope?.requestId, err }, 'unexpected HTTP error');
    const message = `Internal server error. Quote request id ${scope?.requestId ?? 'unknown'} when reporting it.`;
    res.status(500).json({ errors: [{ message, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId: scope?.requestId } }] });
  };
}

/** The first root field an operation selects (through fragments too), when it is a field of the schema; null otherwise. */
function firstRootField(schema: GraphQLSchema, document: DocumentNode | undefined, operation: OperationDefinitionNode | undefined): string | null {
  if (!operation) return null;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const fragments = new Map((document?.definitions ?? []).filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const first = (set: SelectionSetNode, depth: number): string | null => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        return root?.getFields()[selection.name.value] ? selection.name.value : null;
      }
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const found = inner && depth < 10 ? first(inner, depth + 1) : null;
      if (found) return found;
    }
    return null;
  };
  return first(operation.selectionSet, 0);
}

/** Hands what GraphQL made of the request to the request log; outside production returns the SQL statement count. */
export function requestSummaryPlugin(production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response, operationName, operation, document, schema }) {
          const scope = currentRequestScope();
          if (!scope) return;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // A request refused before execution for bad input (e.g. a variable of the wrong type) is the client's 400, not a 500.
          const badInputOnly = result?.errors?.length && result.errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT);
          if (result && result.data === undefined && badInputOnly && (response.http.status ?? 500) >= 500) {
            response.http.status = 400;
          }
          // Nothing of the request was answered: no data, or every root field null (mutation fields are nullable).
          const nothingAnswered = !result?.data || Object.values(result.data).every((v) => v === null);
          // The database is down: say so with 503 and a hint when to retry, as proxies and clients expect.
          if (result && nothingAnswered && result.errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          }
          // Told to come back later (KPI statement slots): say when, and with 429 when nothing of the request was answered.
          const retryAfter = Math.max(
            0,
            ...(result?.errors ?? []).filter((e) => e.extensions?.code === ErrorCode.RATE_LIMITED).map((e) => Number(e.extensions?.retryAfter) || 1),
          );
          if (result && retryAfter > 0) {
            response.http.headers.set('retry-after', String(retryAfter));
            if (nothingAnswered) response.http.status = 429;
          }
          // Outside production the statement count is returned too, so that N+1 regressions show in any client.
          if (!production) response.http.headers.set('x-sql-statements', String(scope.statements.count));
          // With a read replica: where the reads it may serve ran (`replica`, or `primary (replica behind)` and the like).
          const readPool = scope.reads.summary;
          if (!production && readPool) response.http.headers.set('x-read-pool', readPool);
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          const caller = contextValue?.auth?.caller;
          scope.graphql = {
            operation: operationName ?? null,
            operationType: operation?.operation ?? null,
            rootField: firstRootField(schema, document, operation),
            workspaceId: caller?.workspaceId ?? null,
            keyId: caller?.keyId ?? null,
            errorCodes: (errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
          };
        },
      };
    },
  };
}
