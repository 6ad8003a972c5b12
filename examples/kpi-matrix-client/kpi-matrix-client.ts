import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { KpiMatrixTableDocument, type KpiMatrixTableQuery, type KpiMatrixTableQueryVariables } from './generated/graphql';

/** Sends a typed operation to JourneyGraph: the result and the variables are typed from schema/schema.graphql. */
export async function request<Result, Variables>(
  url: string,
  key: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) {
    throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
  }
  return body.data as Result;
}

export function fetchKpiMatrix(url: string, key: string, variables: KpiMatrixTableQueryVariables): Promise<KpiMatrixTableQuery> {
  return request(url, key, KpiMatrixTableDocument, variables);
}

type Matrix = KpiMatrixTableQuery['kpiMatrix'];
type Cell = Matrix['rows'][number]['cells'][number];

/** The KPIs the example prints. */
export const EXAMPLE_KPIS: KpiMatrixTableQueryVariables['kpis'] = ['ACTIVE_CUSTOMERS', 'MRR', 'NRR', 'GRR', 'LOGO_CHURN_RATE', 'ARPA'];

const firstOfMonth = (date: Date, monthsLater: number) =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsLater, 1)).toISOString().slice(0, 10);

/**
 * The range of the last four quarters that have ended by the last complete month before `today`: quarters that start from
 * 14 to 3 months before this month. Whatever the workspace's fiscal year, that is four quarters, the last one complete.
 */
export function lastFourQuarters(today = new Date()): { from: string; to: string } {
  return { from: firstOfMonth(today, -14), to: firstOfMonth(today, -3) };
}

function formatValue(value: number | null, unit: Matrix['columns'][number]['unit']): string {
  if (value === null) return '—';
  if (unit === 'PERCENT') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'CURRENCY') return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

const LABELS = { TOTAL: 'TOTAL', UNASSIGNED: '(unassigned)' } as const;
const STATUS_MARKS: Partial<Record<Cell['status'], string>> = { ON_TRACK: '✓', AT_RISK: '~', OFF_TRACK: '✗' };

/** A period in progress is computed to date; one that has not started yet has no values. */
function coverageNote(cell: Cell | undefined): string {
  if (!cell || cell.complete) return '';
  return cell.dataThrough ? ` (to date, through ${cell.dataThrough})` : ' (no data yet)';
}

function table(title: string, header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/**
 * The matrix as plain-text tables: a row per tier, the facts without one, and the total; a column per KPI or metric. The
 * values carry their status against the approved target (✓ on track, ~ at risk, ✗ off track); a second table lists those
 * targets when there are any. The title says when the period is computed to date or has no data yet.
 */
export function formatKpiMatrix(matrix: Matrix): string {
  const header = ['tier', ...matrix.columns.map((c) => c.key)];
  const label = (row: Matrix['rows'][number]) => (row.kind === 'GROUP' ? row.key! : LABELS[row.kind]);
  const hasTargets = matrix.rows.some((row) => row.cells.some((cell) => cell.target !== null));
  const values = matrix.rows.map((row) => [
    label(row),
    ...row.cells.map((cell, i) => formatValue(cell.value, matrix.columns[i].unit) + (hasTargets ? ` ${STATUS_MARKS[cell.status] ?? ' '}` : '')),
  ]);
  const title = `KPI matrix ${matrix.periodStart} – ${matrix.periodEnd}${coverageNote(matrix.rows[matrix.rows.length - 1]?.cells[0])}`;
  const lines = table(title, header, values);
  if (hasTargets) {
    const targets = matrix.rows.map((row) => [label(row), ...row.cells.map((cell, i) => formatValue(cell.target, matrix.columns[i].unit))]);
    lines.push('', ...table('Approved targets (✓ on track, ~ at risk, ✗ off track)', header, targets));
  }
  return lines.join('\n');
}
