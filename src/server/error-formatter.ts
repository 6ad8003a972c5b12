import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import type { Logger } from 'pino';
import { AppError, ErrorCode, validationProblems } from '../core/errors';
import { currentRequestScope } from './request-scope';
import { DATE_RANGE, InputValueError } from '../core/scalars';
import { asQueryTooComplex } from './query-limits';
import { isDatabaseUnavailable } from '../db/connection-errors';

/** Apollo's codes for errors in the request itself (its text, its variables): safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js's messages for variables that do not fit their declared types. */
const VARIABLE_COERCION = /^(Variable "\$\w+" |Too many errors processing variables, error limit reached)/;

/** PostgreSQL's data exceptions (SQLSTATE class 22), in words a person can act on. */
function dataExceptionMessage(sqlState: string): string {
  if (sqlState === '22021' || sqlState === '22P05') return 'A text value cannot be stored: send valid UTF-8 text without NUL characters (\\u0000).';
  if (sqlState === '22008' || sqlState === '22007') return `A date or time is out of range: every date lies between ${DATE_RANGE.first} and ${DATE_RANGE.last}.`;
  if (sqlState === '22003') return 'A number is out of range: amounts have at most 12 digits before the decimal point and 2 after.';
  if (sqlState === '22001') return 'A text value is too long for its field.';
  return 'A value in the input cannot be stored: check its type, range and text.';
}

/** Constraint names TypeORM generates are opaque; say which key is taken from the detail PostgreSQL gives. */
function conflictMessage(detail: string | undefined): string {
  const match = detail?.match(/Key \((.+)\)=\((.+)\) already exists/);
  if (!match) return 'An object with the same key already exists.';
  const columns = match[1].split(', ').filter((c) => c !== 'workspace_id');
  const values = match[2].split(', ').slice(match[1].split(', ').length - columns.length);
  return `An object with ${columns.map((c, i) => `${c} "${values[i]}"`).join(' and ')} already exists in this workspace.`;
}

/**
 * The one error mapper: domain errors pass through, validation and database errors get their code,
 * anything unexpected is logged whole under the request id and reaches the client masked.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    const requestId = currentRequestScope()?.requestId;
    const code = formatted.extensions?.code as string | undefined;

    if (error instanceof AppError) return formatted;

    // A date or time outside the API's range (core/scalars.ts), in a literal: graphql-js reports it as a validation error.
    const cause = raw instanceof GraphQLError ? raw.originalError : undefined;
    if (cause instanceof InputValueError) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }

    const tooComplex = asQueryTooComplex(formatted.message);
    if (tooComplex) return { message: tooComplex.message, locations: formatted.locations, extensions: tooComplex.extensions };
    if (code === ErrorCode.QUERY_TOO_COMPLEX) return formatted;

    // type-graphql's ArgumentValidationError: class-validator failures on an input.
    const validationErrors = (error as { extensions?: { validationErrors?: ValidationError[] | Error } })?.extensions?.validationErrors;
    if (validationErrors && !Array.isArray(validationErrors)) {
      // type-graphql wraps anything a validator throws the same way: e.g. class-validator's IsEmail throws "URI malformed" on a
      // lone UTF-16 surrogate. The value is the client's and cannot be checked, so it is refused.
      logger.warn({ requestId, err: validationErrors, path: formatted.path }, 'a validator threw on an input value');
      return {
        message: 'Invalid input: a value could not be checked. Send well-formed text (no lone UTF-16 surrogates).',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [] },
      };
    }
    if (validationErrors) {
      const problems = validationProblems(validationErrors, '');
      const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      return {
        message: `Invalid input. ${summary}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: problems },
      };
    }

    if (error instanceof QueryFailedError) {
      const driverError = (error as QueryFailedError & { driverError: { code?: string; detail?: string } }).driverError;
      if (driverError?.code === '23505') {
        return { ...formatted, message: conflictMessage(driverError.detail), extensions: { code: ErrorCode.CONFLICT } };
      }
      // Class 22 (data exception): a value the client sent that PostgreSQL cannot store, e.g. a NUL byte in text. Answered in
      // the API's words (PostgreSQL's own message names internals), the whole error in the log.
      if (driverError?.code?.startsWith('22')) {
        logger.info({ requestId, err: error, path: formatted.path }, 'a value the database cannot store');
        return {
          message: dataExceptionMessage(driverError.code),
          locations: formatted.locations,
          path: formatted.path,
          extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [] },
        };
      }
      if (driverError?.code === '57014') {
        return {
          ...formatted,
          message:
            'The query ran longer than the database statement timeout and was cancelled. Ask for fewer periods, groups or KPIs at once.',
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'statementTimeout', requestId },
        };
      }
      if (driverError?.code === '23503') {
        return {
          ...formatted,
          message: 'The object is still referenced by other objects, or refers to one that does not exist.',
          extensions: { code: ErrorCode.CONFLICT },
        };
      }
    }

    if (isDatabaseUnavailable(error)) {
      logger.warn({ requestId, err: error }, 'database unavailable');
      return {
        message: 'The database is unavailable. Try again shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId },
      };
    }

    // Apollo's HTTP-level refusals (no query, bad method) use its BAD_REQUEST; the API speaks BAD_USER_INPUT.
    if (code === 'BAD_REQUEST') return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    // GraphQL's own errors (parse, validation, variable coercion) are about the request and are safe to show.
    if (code && REQUEST_ERROR_CODES.has(code)) return formatted;
    // graphql-js's variable coercion errors ("Variable "$rows" got invalid value … at "rows[0].month"") reach here
    // without a code: they name the offending path and are the client's to fix. After 50 of them graphql-js stops with
    // "Too many errors processing variables, …", which is just as much the client's.
    if (error instanceof GraphQLError && !formatted.path && VARIABLE_COERCION.test(error.message)) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }

    logger.error({ requestId, err: error, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal server error. Quote request id ${requestId ?? 'unknown'} when reporting it.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
    };
  };
}
