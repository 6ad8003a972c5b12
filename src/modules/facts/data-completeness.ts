/**
 * The data-completeness watermark of a workspace: the last month whose facts are complete. Set explicitly on the workspace
 * (`data_complete_through`), or derived: the latest month that holds a fact the watermark is derived from.
 *
 * The derivation looks at the money facts that define a customer's monthly value — revenue rows and orders — never at refunds,
 * surveys, events, costs or invoices, which may run ahead of billing.
 * Each source is a `max` over an index that leads with (workspace_id, month or time), so PostgreSQL reads one index entry
 * per source (an index-only scan backwards): the derivation costs the same on ten rows and on ten million.
 */

/**
 * The latest month (a date, first day) that holds a row of each source, for the workspace bound as `ws`; null without rows.
 * Keep the aggregate over the bare indexed column (truncate outside it), or PostgreSQL cannot read it from the index. An order
 * falls in the month of its `ordered_at` in UTC, as everywhere.
 */
export const WATERMARK_SOURCES: readonly ((ws: string) => string)[] = [
  (ws) => `(SELECT date_trunc('month', max(r.month))::date FROM revenue r WHERE r.workspace_id = ${ws})`,
  // The index on "order" (workspace_id, ordered_at).
  (ws) => `(SELECT date_trunc('month', max(o.ordered_at) AT TIME ZONE 'UTC')::date FROM "order" o WHERE o.workspace_id = ${ws})`,
];

/** The derived watermark of the workspace bound as `ws`: the latest month over every source (GREATEST skips a null source). */
export function derivedWatermarkSql(ws: string): string {
  return `greatest(${WATERMARK_SOURCES.map((source) => source(ws)).join(', ')})`;
}

/**
 * The watermark in effect for the workspace row `w` (columns id, data_complete_through): the explicit one when set, else the
 * derived one; as `YYYY-MM-DD` text, or null when the workspace has neither.
 */
export function effectiveWatermarkSql(w: string): string {
  return `to_char(coalesce(${w}.data_complete_through, ${derivedWatermarkSql(`${w}.id`)}), 'YYYY-MM-DD')`;
}
