import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import type { ColumnSpec, KindSpec } from './kinds';

/** A problem with one row, found by the importer before sending or reported by the server. */
export interface RowProblem {
  /** First and last CSV line of the row (header = line 1); they differ for a row with a quoted multi-line cell. */
  line: number;
  endLine: number;
  field: string;
  /** The server's reasons (INVALID, NOT_FOUND, DUPLICATE, FORBIDDEN); the importer's own checks use INVALID. */
  reason: string;
  message: string;
}

/** Which CSV column feeds which field. */
export interface HeaderMap {
  columns: ColumnSpec[];
}

/** Thrown for a header that cannot be imported: the import does not start. */
export class HeaderError extends Error {}

/**
 * Reads the header row: its cells are field names of the kind, in any order. Every required field needs a column;
 * optional ones may be left out; an unknown or repeated column is refused (a typo would otherwise drop data silently).
 */
export function mapHeader(spec: KindSpec, header: string[]): HeaderMap {
  const expected = spec.columns.map((c) => (c.optional ? `${c.name}?` : c.name)).join(', ');
  const seen = new Set<string>();
  const columns = header.map((name) => {
    const column = spec.columns.find((c) => c.name === name);
    if (!column) throw new HeaderError(`Unknown column "${name}" for --kind ${spec.kind}; the columns are: ${expected} (? = optional).`);
    if (seen.has(name)) throw new HeaderError(`Column "${name}" appears twice in the header.`);
    seen.add(name);
    return column;
  });
  const missing = spec.columns.filter((c) => !c.optional && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new HeaderError(`The header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for --kind ${spec.kind}; the columns are: ${expected} (? = optional).`);
  }
  return { columns };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;

/** What the cell should look like, when it does not (undefined when it is fine). */
function refusalOf(column: ColumnSpec, cell: string): string | undefined {
  switch (column.type) {
    case 'string':
      return undefined;
    case 'number':
      return DECIMAL.test(cell) ? undefined : 'a number with a dot for decimals and no thousands separator, e.g. 1250.5';
    case 'integer':
      return INTEGER.test(cell) ? undefined : 'a whole number, e.g. 3';
    case 'enum':
      return column.values!.includes(cell) ? undefined : `one of ${column.values!.join(', ')}`;
    case 'date':
    case 'datetime':
      // The server's own scalars (graphql-scalars) decide, so that the importer accepts exactly what the API accepts.
      try {
        (column.type === 'date' ? LocalDateResolver : DateTimeResolver).parseValue(cell);
        return undefined;
      } catch {
        return column.type === 'date' ? 'a date as YYYY-MM-DD, e.g. 2025-03-01' : 'a time in ISO 8601 with a zone, e.g. 2025-03-14T09:30:00Z';
      }
  }
}

/**
 * One CSV record as a mutation row: strings as they are, numbers for `number`/`integer` columns, an empty optional cell
 * left out. Returns the problems instead when a cell cannot become its type, a required cell is empty, or the record has
 * another number of cells than the header. Rules about the values themselves (ranges, dates, enums, unknown
 * customers) are the server's to check.
 */
export function convertRecord(
  header: HeaderMap,
  cells: string[],
  where: { line: number; endLine: number },
): { row: Record<string, string | number> } | { problems: RowProblem[] } {
  const problem = (field: string, message: string): RowProblem => ({ ...where, field, reason: 'INVALID', message });
  if (cells.length !== header.columns.length) {
    return { problems: [problem('(row)', `the row has ${cells.length} cells; the header has ${header.columns.length}`)] };
  }
  const row: Record<string, string | number> = {};
  const problems: RowProblem[] = [];
  header.columns.forEach((column, i) => {
    const cell = cells[i];
    if (cell === '') {
      if (!column.optional) problems.push(problem(column.name, `${column.name} is required; the cell is empty`));
      return;
    }
    const refusal = refusalOf(column, cell);
    if (refusal) problems.push(problem(column.name, `${column.name} must be ${refusal}; got "${cell}"`));
    else row[column.name] = column.type === 'number' || column.type === 'integer' ? Number(cell) : cell;
  });
  return problems.length > 0 ? { problems } : { row };
}
