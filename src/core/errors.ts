import { GraphQLError } from 'graphql';
import type { ValidationError } from 'class-validator';

/** The codes every error carries in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid field of an input: where it is and what is wrong, in words a person understands. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A domain error: thrown by services, passed to clients as it is. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

export const unauthenticated = (message = 'Send an API key as "Authorization: Bearer jg_<id>_<secret>".') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);

export const notFound = (what: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `No ${what} with id "${id}" in this workspace.`, { id });

export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);

export function badInput(problems: FieldProblem[]): AppError {
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input. ${summary}`, { fields: problems });
}

/** Flattens class-validator's tree into `path: message` pairs, e.g. `input.phases[2].key`. */
export function validationProblems(errors: ValidationError[], prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const path = isIndex ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...validationProblems(error.children, path));
  }
  return out;
}
