import type { Comparison, Condition, Measure, Operand, ValueExpr } from '../catalogue/measures';

/**
 * Compiles the measure declarations of the catalogue (measures.ts) to SQL over their source's rows: one function for every
 * measure, so that no measure is written as SQL by hand. Column names come from the declarations (typed against their
 * source's columns) and are checked again here; constants are SQL literals, checked to be plain words or numbers.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const WORD = /^[A-Za-z0-9_]+$/;

function column(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column name: ${name}`);
  return name;
}

function literal(value: string | number | boolean): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!WORD.test(value)) throw new Error(`a measure constant is a plain word: ${value}`);
  return `'${value}'`;
}

function operand(value: Operand<string>): string {
  return typeof value === 'object' ? column(value.column) : literal(value);
}

export function valueSql(expr: ValueExpr<string>): string {
  if (typeof expr === 'number') return literal(expr);
  if (typeof expr === 'string') return column(expr);
  if ('minus' in expr) return `${valueSql(expr.minus[0])} - ${valueSql(expr.minus[1])}`;
  if ('greatest' in expr) return `greatest(${expr.greatest.map(valueSql).join(', ')})`;
  return `least(${expr.least.map(valueSql).join(', ')})`;
}

function comparisonSql(name: string, comparison: Comparison<string>): string[] {
  const c = column(name);
  const parts: string[] = [];
  if (comparison.gt !== undefined) parts.push(`${c} > ${operand(comparison.gt)}`);
  if (comparison.gte !== undefined) parts.push(`${c} >= ${operand(comparison.gte)}`);
  if (comparison.lt !== undefined) parts.push(`${c} < ${operand(comparison.lt)}`);
  if (comparison.lte !== undefined) parts.push(`${c} <= ${operand(comparison.lte)}`);
  if (comparison.in !== undefined) parts.push(`${c} IN (${comparison.in.map(literal).join(', ')})`);
  if (comparison.between !== undefined) parts.push(`${c} BETWEEN ${operand(comparison.between[0])} AND ${operand(comparison.between[1])}`);
  return parts;
}

/** A condition as SQL; `true` when it has no entry. */
export function conditionSql(condition: Condition<string> | undefined): string {
  if (!condition) return 'true';
  const parts: string[] = [];
  for (const [name, test] of Object.entries(condition)) {
    if (name === 'or') {
      parts.push(`(${(test as Condition<string>[]).map(conditionSql).join(' OR ')})`);
    } else if (test === null) {
      parts.push(`${column(name)} IS NULL`);
    } else if (test === true) {
      parts.push(column(name));
    } else if (typeof test === 'object') {
      parts.push(...comparisonSql(name, test as Comparison<string>));
    } else if (test !== undefined) {
      parts.push(`${column(name)} = ${literal(test as string | number | boolean)}`);
    }
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/** The measure of one customer (and campaign) in one period: an aggregate over that customer's rows of the source. */
export function perCustomerSql(measure: Measure): string {
  const filter = measure.filter ? conditionSql(measure.filter as Condition<string>) : null;
  const where = filter ? ` FILTER (WHERE ${filter})` : '';
  const value = measure.value === undefined ? null : valueSql(measure.value as ValueExpr<string>);
  switch (measure.aggregate) {
    case 'sum':
      if (value === null) throw new Error('a sum names its value');
      return `coalesce(sum(${value})${where}, 0)`;
    case 'count':
      return `count(*)${where}`;
    case 'countCustomers':
      if (measure.positiveSums?.length) {
        const sums = measure.positiveSums.map((c) => `coalesce(sum(${column(c)})${where}, 0) > 0`);
        return `CASE WHEN ${sums.join(' AND ')} THEN 1 ELSE 0 END`;
      }
      if (measure.atLeast !== undefined) return `CASE WHEN count(*)${where} >= ${literal(measure.atLeast)} THEN 1 ELSE 0 END`;
      return `max(CASE WHEN ${filter ?? 'true'} THEN 1 ELSE 0 END)`;
    case 'median':
      if (value === null) throw new Error('a median names its value');
      return `min(${value})${where}`;
  }
}

/** How the per-customer values of a group roll up into the group's value (`f.<name>` is the per-customer column). */
export function rollupSql(measure: Measure, perCustomerColumn: string): string {
  return measure.aggregate === 'median'
    ? `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${perCustomerColumn})`
    : `sum(${perCustomerColumn})`;
}

/**
 * The values a measure's filter restricts `name` to at its top level (equality or `in`), or undefined when it does not: the
 * source then reads only those rows (e.g. the event types a query's measures count).
 */
export function valuesOf(measure: Measure, name: string): string[] | undefined {
  const test = (measure.filter as Condition<string> | undefined)?.[name];
  if (typeof test === 'string') return [test];
  if (test && typeof test === 'object' && !Array.isArray(test) && (test as Comparison<string>).in) return [...(test as Comparison<string>).in!];
  return undefined;
}

/** `column IN (…)` over the union of values, or `true` when some measure reads every value. */
export function narrowedSql(columnSql: string, perMeasure: (string[] | undefined)[]): string {
  if (perMeasure.length === 0 || perMeasure.some((values) => values === undefined)) return 'true';
  const values = [...new Set(perMeasure.flat() as string[])].sort();
  return `${columnSql} IN (${values.map(literal).join(', ')})`;
}
