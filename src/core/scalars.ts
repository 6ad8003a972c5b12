import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateTimeResolver as ScalarsDateTime, LocalDateResolver as ScalarsLocalDate } from 'graphql-scalars';

/**
 * The dates the API takes: every date and time sent in lies in this range. Outside it, the answer is BAD_USER_INPUT in the
 * API's own words, before anything runs (was: a masked internal error, or PostgreSQL's own message, for a year 0000 or 9999).
 * Periods computed from a date (the period before, the evidence periods of a chain, the next period) stay far inside what
 * PostgreSQL and the period calculator can represent.
 */
export const DATE_RANGE = { first: '1900-01-01', last: '2199-12-31' } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A refused input value; the error formatter answers it as BAD_USER_INPUT. */
export class InputValueError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

const outOfRange = (what: string, value: string) =>
  new InputValueError(`${what} "${value}" is outside the dates this API takes: from ${DATE_RANGE.first} to ${DATE_RANGE.last}.`);

function checkDate(value: unknown): string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  const shown = typeof value === 'string' ? value.slice(0, 40) : String(value).slice(0, 40);
  if (!match) throw new InputValueError(`"${shown}" is not a date: write it YYYY-MM-DD, e.g. 2025-01-31.`);
  const date = value as string;
  if (date < DATE_RANGE.first || date > DATE_RANGE.last) throw outOfRange('The date', shown);
  const [, y, m, d] = match.map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
    throw new InputValueError(`"${shown}" is not a day of the calendar.`);
  }
  return date;
}

const literalString = (ast: ValueNode, scalar: string): string => {
  if (ast.kind !== Kind.STRING) throw new InputValueError(`A ${scalar} is written as a string.`);
  return ast.value;
};

/** `LocalDate` (YYYY-MM-DD) within DATE_RANGE. */
export const LocalDateResolver = new GraphQLScalarType({
  name: ScalarsLocalDate.name,
  description: `A calendar day written YYYY-MM-DD, from ${DATE_RANGE.first} to ${DATE_RANGE.last}.`,
  serialize: (value) => ScalarsLocalDate.serialize(value),
  parseValue: (value) => checkDate(value),
  parseLiteral: (ast) => checkDate(literalString(ast, 'LocalDate')),
});

function checkDateTime(value: unknown): Date {
  let parsed: Date;
  try {
    parsed = ScalarsDateTime.parseValue(value) as Date;
  } catch {
    throw new InputValueError(`"${String(value).slice(0, 40)}" is not a time: write it ISO 8601 with a zone, e.g. 2025-03-14T09:30:00Z.`);
  }
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) throw outOfRange('The time', String(value).slice(0, 40));
  const day = parsed.toISOString().slice(0, 10);
  if (!(day >= DATE_RANGE.first && day <= DATE_RANGE.last)) throw outOfRange('The time', String(value).slice(0, 40));
  return parsed;
}

/** `DateTime` (ISO 8601 with a zone) within DATE_RANGE. */
export const DateTimeResolver = new GraphQLScalarType({
  name: ScalarsDateTime.name,
  description: `A moment written in ISO 8601 with a zone (e.g. 2025-03-14T09:30:00Z), from ${DATE_RANGE.first} to ${DATE_RANGE.last}.`,
  serialize: (value) => ScalarsDateTime.serialize(value),
  parseValue: (value) => checkDateTime(value),
  parseLiteral: (ast) => checkDateTime(literalString(ast, 'DateTime')),
});
