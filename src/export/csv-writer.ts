/** CSV as spreadsheets read it: RFC 4180 quoting, CRLF-free (\n) lines, and text that could run as a formula made inert. */

export type Cell = string | number | null | undefined;

/** A text cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe. */
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]): string => `${cells.map(csvCell).join(',')}\n`;
