import fs from 'node:fs';

/**
 * Reads the statements a test run recorded (JG_SQL_AUDIT=<file> npx jest …; test/helpers/sql-audit.ts) and lists those of the
 * API (every statement not sent by a test file itself) that read or write a workspace-owned table without naming its workspace_id: every table of a statement,
 * joined ones included, must be narrowed to the caller's workspace for a database distributed by workspace to send the statement
 * to one server (docs/operations.md, "Distributing by workspace"). Exits 1 when it finds one.
 *
 *   node scripts/run.cjs scripts/sql-audit.js /tmp/statements.jsonl
 */

/** The tables of one workspace (they have a workspace_id column; the test of the keys reads the same from the catalog). */
export const WORKSPACE_TABLES = new Set([
  'api_key', 'campaign', 'cost', 'customer', 'event', 'invoice', 'journey', 'kpi_aggregate', 'kpi_aggregate_state',
  'kpi_customer_contribution', 'metric', 'metric_link', 'metric_value', 'order', 'owner', 'partner', 'phase', 'process', 'refund',
  'revenue', 'segment', 'survey', 'target', 'tier', 'touchpoint',
]);

/** Statements that cannot name the workspace, each with its reason. */
export const EXCEPTIONS: { sql: RegExp; reason: string }[] = [
  {
    sql: /^SELECT id, workspace_id, role, partner_id, secret_hash, revoked_at FROM api_key WHERE id = \$1$/,
    reason: 'authentication: a key jg_<id>_<secret> is found by its id before its workspace is known',
  },
];

const WORDS = new Set(['where', 'join', 'left', 'right', 'inner', 'full', 'cross', 'on', 'group', 'order', 'limit', 'set', 'using', 'union',
  'as', 'returning', 'values', 'select', 'for', 'natural', 'lateral', 'with', 'having', 'window', 'offset', 'default']);

/** The workspace tables (with their alias) that the statement reads or writes without their workspace_id. */
export function unscopedTables(sql: string): string[] {
  const s = sql.replace(/\s+/g, ' ');
  if (/^\s*(CREATE|ALTER|DROP|COMMENT)\b/i.test(s)) return [];
  const found: string[] = [];
  const reference = /\b(FROM|JOIN|UPDATE|INTO)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?([a-z_]+)"?(?:\s+(?:AS\s+)?"?([A-Za-z_]\w*)"?)?/gi;
  const references = [...s.matchAll(reference)].filter((m) => WORKSPACE_TABLES.has(m[2].toLowerCase()));
  const named = /workspace_id/.test(s);
  // One workspace table in the statement: an unqualified workspace_id is its own.
  if (references.length === 1) return named ? [] : [references[0][2]];
  for (const [, verb, table, rawAlias] of references) {
    const alias = rawAlias && !WORDS.has(rawAlias.toLowerCase()) && verb.toUpperCase() !== 'INTO' ? rawAlias : null;
    if (alias ? !new RegExp(`"?\\b${alias}"?\\."?workspace_id\\b`).test(s) : !named) found.push(alias ? `${table} ${alias}` : table);
  }
  return found;
}

function main(file: string) {
  const seen = new Map<string, Set<string>>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const { sql, origin } = JSON.parse(line) as { sql: string; origin: string };
    // A test's own SQL is not the API's. Statements queued by a pool (the prepared hot reads) lose their stack: kept.
    if (/^test[/\\]/.test(origin)) continue;
    if (!seen.has(sql)) seen.set(sql, new Set());
    seen.get(sql)!.add(origin);
  }
  const problems = [...seen]
    .filter(([sql]) => !EXCEPTIONS.some((e) => e.sql.test(sql.replace(/\s+/g, ' ').trim())))
    .map(([sql, origins]) => ({ sql, origins: [...origins], tables: unscopedTables(sql) }))
    .filter((p) => p.tables.length > 0);
  for (const p of problems) console.log(`${p.tables.join(', ')} — from ${p.origins.join(', ')}\n  ${p.sql.replace(/\s+/g, ' ').slice(0, 600)}\n`);
  console.log(`${seen.size} distinct statements of the API, ${problems.length} with a workspace table not narrowed to its workspace.`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

// Run as a script (node scripts/run.cjs scripts/sql-audit.js FILE), not when a test imports it.
if (process.argv.slice(1, 3).some((arg) => /sql-audit\.[jt]s$/.test(arg))) {
  if (!process.argv[2]) {
    console.error('Usage: node scripts/run.cjs scripts/sql-audit.js <file written by JG_SQL_AUDIT>');
    process.exitCode = 2;
  } else main(process.argv[2]);
}
