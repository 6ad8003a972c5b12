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

function formatValue(value: number | null, unit: Matrix['columns'][number]['unit']): string {
  if (value === null) return '—';
  if (unit === 'PERCENT') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'CURRENCY') return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

const LABELS = { TOTAL: 'TOTAL', UNASSIGNED: '(unassigned)' } as const;

/** A period in progress is computed to date; one that has not started yet has no values. */
function coverageNote(cell: Matrix['rows'][number]['cells'][number] | undefined): string {
  if (!cell || cell.complete) return '';
  return cell.dataThrough ? ` (to date, through ${cell.dataThrough})` : ' (no data yet)';
}

/** The matrix as a plain-text table: a row per tier, the facts without one, and the total; a column per KPI or metric. */
export function formatKpiMatrix(matrix: Matrix): string {
  const header = ['tier', ...matrix.columns.map((c) => c.key)];
  const rows = matrix.rows.map((row) => [
    row.kind === 'GROUP' ? row.key! : LABELS[row.kind],
    ...row.cells.map((cell, i) => formatValue(cell.value, matrix.columns[i].unit)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [
    `KPI matrix ${matrix.periodStart} – ${matrix.periodEnd}${coverageNote(matrix.rows[matrix.rows.length - 1]?.cells[0])}`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
