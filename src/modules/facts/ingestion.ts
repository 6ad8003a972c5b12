import { Field, Int, ObjectType } from 'type-graphql';
import { validateSync } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, badInput } from '../../core/errors';
import type { Counter, Registry } from 'prom-client';
import { counterIn } from '../../core/counters';
import { retriedTransaction } from '../../db/transaction';
import type { DataScope } from '../../core/data-scope';

/** The most rows one ingestion mutation accepts. */
export const MAX_BATCH_ROWS = 10_000;

/**
 * The options of the `rows` argument of every ingestion mutation: `@Arg('rows', () => [RowInput], rowsArg('invoices'))`. Rows are
 * validated by the service (checkRowRules), together with the checks that need the database, so that one report names every bad row.
 */
export const rowsArg = (what: string) => ({ validate: false, description: `The ${what} to write, up to ${MAX_BATCH_ROWS.toLocaleString('en')}.` }) as const;

/** Shared by every batch mutation: how a batch is validated, written and reported. */
export const BATCH_CONTRACT =
  'Takes up to 10,000 rows. Every row is checked first; if any row is invalid nothing is written and the mutation fails with ' +
  '`BAD_USER_INPUT` whose `extensions.rows` lists every problem as `{ index, field, reason, message }` (`index` is the row\'s ' +
  'position in `rows`, from 0; `reason` is INVALID (a value breaks a rule), NOT_FOUND (an unknown customer, tier, segment, campaign, partner, ' +
  'phase or touchpoint; for a PARTNER key also a customer outside its partner, in the same words), DUPLICATE (an earlier row has ' +
  'the same natural key) or FORBIDDEN (a PARTNER key naming a partner other than its own, or an external id already used by an ' +
  'object it cannot write)). A valid batch is written in one transaction, all or nothing. ' +
  'Idempotent on the natural key: sending the same batch again reports every row `unchanged`. Values that are not of the declared ' +
  'type (a malformed date, an unknown enum value) are refused by GraphQL itself, before the batch is looked at. Several mutation ' +
  'fields in one request run in order, each in its own transaction: one that fails answers null with its error, the others their results. ' +
  'Batches of one workspace are written one after another; a batch that waits more than 20 s for the one before it (or for the server ' +
  'recomputing the workspace\'s KPI sums after a settings change) is refused with `RATE_LIMITED` (`limit: workspaceWrites`, ' +
  '`retryAfter`), nothing written: send it again.';

@ObjectType({
  description:
    'What one ingestion batch did, row by row on its natural key: `inserted` rows were new, `updated` rows existed with other values, ' +
    '`unchanged` rows existed with the same values and were not touched. The three add up to the number of rows sent.',
})
export class IngestionResult {
  @Field(() => Int, { description: 'Rows whose natural key was new.' })
  inserted!: number;

  @Field(() => Int, { description: 'Rows whose natural key existed with at least one different value; those values were replaced.' })
  updated!: number;

  @Field(() => Int, { description: 'Rows that existed with exactly the same values: nothing was written for them.' })
  unchanged!: number;
}

/** Why a row of a batch was rejected (`extensions.rows[].reason`; listed in BATCH_CONTRACT). */
export enum RowProblemReason {
  INVALID = 'INVALID',
  NOT_FOUND = 'NOT_FOUND',
  DUPLICATE = 'DUPLICATE',
  FORBIDDEN = 'FORBIDDEN',
}

/** One rejected field of one row: `rows[index].field`. */
export interface RowProblem {
  index: number;
  field: string;
  reason: RowProblemReason;
  message: string;
}

const SUMMARY_LIMIT = 10;

/** Collects every problem of a batch before anything is written; `throwIfAny` turns them into one `BAD_USER_INPUT`. */
export class BatchReport {
  private readonly problems: RowProblem[] = [];
  private readonly reported = new Set<string>();

  add(index: number, field: string, reason: RowProblemReason, message: string): void {
    this.problems.push({ index, field, reason, message });
    this.reported.add(`${index}.${field}`);
  }

  invalid(index: number, field: string, message: string): void {
    this.add(index, field, RowProblemReason.INVALID, message);
  }

  /** Whether the field of that row is already reported (a later check then stays quiet about it). */
  has(index: number, field: string): boolean {
    return this.reported.has(`${index}.${field}`);
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /**
   * The error names each bad row in `extensions.rows: [{ index, field, reason, message }]` (sorted by index) and, like every
   * `BAD_USER_INPUT`, in `extensions.fields: [{ path: "rows[3].amount", message }]`.
   */
  throwIfAny(total: number): void {
    if (this.isEmpty) return;
    const rows = [...this.problems].sort((a, b) => a.index - b.index);
    const badRows = new Set(rows.map((p) => p.index)).size;
    const shown = rows.slice(0, SUMMARY_LIMIT).map((p) => `rows[${p.index}].${p.field}: ${p.message}`);
    const more = rows.length > SUMMARY_LIMIT ? `; and ${rows.length - SUMMARY_LIMIT} more problems` : '';
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `${badRows} of ${total} rows are invalid; nothing was written. ${shown.join('; ')}${more}`,
      { rows, fields: rows.map((p) => ({ path: `rows[${p.index}].${p.field}`, message: p.message })) },
    );
  }
}

/** Refuses an over-long batch up front; an empty one is fine and does nothing. */
export function assertBatchSize(rows: unknown[]): void {
  if (rows.length > MAX_BATCH_ROWS) {
    throw badInput([{ path: 'rows', message: `at most ${MAX_BATCH_ROWS.toLocaleString('en')} rows per batch; got ${rows.length}` }]);
  }
}

/** Runs each row's class-validator rules (the decorators of its input class) into the report. */
export function checkRowRules(rows: object[], report: BatchReport): void {
  rows.forEach((row, index) => {
    for (const error of validateSync(row, { forbidUnknownValues: false })) {
      for (const message of Object.values(error.constraints ?? {})) report.invalid(index, error.property, message);
    }
  });
}

/** Reports the second and later rows whose natural key an earlier row of the batch already has. */
export function checkDuplicateKeys<T>(rows: T[], keyOf: (row: T) => string, field: string, report: BatchReport): void {
  const firstIndex = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = keyOf(row);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else report.add(index, field, RowProblemReason.DUPLICATE, `same natural key as rows[${first}]; send each key once per batch`);
  });
}

/** Amounts travel as JSON numbers; stored as numeric(14,2), so a value with more than two decimals is refused, not rounded. */
export function moneyProblem(value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < 0) return 'must not be negative';
  if (Number(value.toFixed(2)) !== value) return 'must have at most two decimals';
  if (value >= 1e12) return 'must be less than 1,000,000,000,000';
  return null;
}

/** The exact decimal text of an amount already checked by `moneyProblem`. */
export const moneyText = (value: number): string => value.toFixed(2);

export const isFirstOfMonth = (date: string): boolean => date.endsWith('-01');

/**
 * The rows ordered by their natural key (each key computed once), so that concurrent batches lock the same rows in the same
 * order and do not deadlock.
 */
export function sortedByKey<T>(rows: T[], keyOf: (row: T) => string): T[] {
  return rows
    .map((row) => ({ row, key: keyOf(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.row);
}

/** One column of a set-wise upsert: its name, its PostgreSQL type (for the `unnest` cast) and one value per row. */
export interface UpsertColumn {
  name: string;
  type: string;
  values: unknown[];
}

export interface UpsertSpec {
  table: string;
  workspaceId: string;
  /** The natural key without `workspace_id` (which always leads the conflict target). */
  key: string[];
  columns: UpsertColumn[];
  /** Extra assignments made only when a row really changes, e.g. `updated_at = now()`. */
  touch?: string[];
  /**
   * The conflict target when the natural key is a unique index over expressions (e.g. `COALESCE(tier_id, …)` for an optional
   * part), written exactly as the index is; default: `workspace_id` and the key columns.
   */
  conflictTarget?: string;
}

/**
 * Writes a whole batch with one statement: `INSERT … SELECT FROM unnest(…) ON CONFLICT (natural key) DO UPDATE … WHERE the row
 * differs`. An unchanged row is not touched and not returned; `xmax = 0` tells a fresh insert from an update. Table and column names
 * come from the services' allow-lists only; every value is a bound parameter.
 */
export async function upsertRows(em: EntityManager, spec: UpsertSpec): Promise<IngestionResult> {
  if (!spec.columns.some((c) => !spec.key.includes(c.name))) throw new Error(`upsert of ${spec.table} needs a column outside its key`);
  const total = spec.columns[0]?.values.length ?? 0;
  if (total === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const names = spec.columns.map((c) => `"${c.name}"`);
  const casts = spec.columns.map((c, i) => `$${i + 2}::${c.type}[]`);
  const nonKey = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => `"${c.name}"`);
  const conflict = spec.conflictTarget ?? ['workspace_id', ...spec.key].map((c) => `"${c}"`).join(', ');
  const assignments = [...nonKey.map((c) => `${c} = EXCLUDED.${c}`), ...(spec.touch ?? [])].join(', ');
  const changed = `ROW(${nonKey.map((c) => `"${spec.table}".${c}`).join(', ')}) IS DISTINCT FROM ROW(${nonKey.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const sql = `
    WITH written AS (
      INSERT INTO "${spec.table}" ("workspace_id", ${names.join(', ')})
      SELECT $1::uuid, ${names.join(', ')} FROM unnest(${casts.join(', ')}) AS input(${names.join(', ')})
      ORDER BY ${spec.key.map((c) => `"${c}"`).join(', ')}
      ON CONFLICT (${conflict}) DO UPDATE SET ${assignments} WHERE ${changed}
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;
  const [counts] = (await em.query(sql, [spec.workspaceId, ...spec.columns.map((c) => c.values)])) as { inserted: number; updated: number }[];
  return { inserted: counts.inserted, updated: counts.updated, unchanged: total - counts.inserted - counts.updated };
}

/**
 * The rows of a batch (`rows`, in the order of the spec's values) that upsertRows would insert or change (the others are
 * `unchanged`), read before the write: what the KPI aggregates must recompute. Only for a spec whose conflict target is the
 * key columns.
 */
export async function changedRows<T>(em: EntityManager, spec: UpsertSpec, rows: T[]): Promise<T[]> {
  const changed = await changedRowIndexes(em, spec);
  return rows.filter((_, i) => changed.has(i));
}

async function changedRowIndexes(em: EntityManager, spec: UpsertSpec): Promise<Set<number>> {
  if (spec.conflictTarget) throw new Error(`changedRowIndexes of ${spec.table}: a conflict target over expressions is not supported`);
  const total = spec.columns[0]?.values.length ?? 0;
  if (total === 0) return new Set();
  const names = spec.columns.map((c) => `"${c.name}"`);
  const casts = spec.columns.map((c, i) => `$${i + 2}::${c.type}[]`);
  const nonKey = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => `"${c.name}"`);
  const rows: { i: number }[] = await em.query(
    `SELECT (input.ord - 1)::int AS i
       FROM unnest(${casts.join(', ')}) WITH ORDINALITY AS input(${names.join(', ')}, ord)
       LEFT JOIN "${spec.table}" t ON t.workspace_id = $1::uuid AND ${spec.key.map((c) => `t."${c}" = input."${c}"`).join(' AND ')}
      WHERE t.workspace_id IS NULL OR ROW(${nonKey.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM ROW(${nonKey.map((c) => `input.${c}`).join(', ')})`,
    [spec.workspaceId, ...spec.columns.map((c) => c.values)],
  );
  return new Set(rows.map((r) => r.i));
}

/** Rows written by an ingestion mutation, by mutation (`upsertCustomers`, `recordRevenue`, …): one counter per app. */
export type IngestedRows = Counter<'mutation'>;

export const ingestedRowsIn = (registry: Registry): IngestedRows =>
  counterIn(registry, 'journeygraph_ingested_rows_total', 'Rows received by the ingestion mutations and written, by mutation', ['mutation']);

/** Counts the rows of a committed batch in the `ingestedRows` metric (`/metrics`), under the mutation's name. */
export async function counted(ingestedRows: IngestedRows, mutation: string, batch: Promise<IngestionResult>): Promise<IngestionResult> {
  const result = await batch;
  ingestedRows.inc({ mutation }, result.inserted + result.updated + result.unchanged);
  return result;
}

/**
 * One transaction for the whole batch: validation reads, then the write. A deadlock or serialization failure (two clients writing
 * overlapping batches) is retried from the start a few times with jitter, so that it never reaches the client.
 */
export function inBatchTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return retriedTransaction(dataSource, work);
}

/** Looks up ids by external id (or key) for one batch, with one statement per referenced table. */
export async function idsByExternalId(
  em: EntityManager,
  table: 'customer' | 'campaign' | 'partner' | 'tier' | 'segment' | 'phase' | 'touchpoint',
  workspaceId: string,
  values: Iterable<string | null | undefined>,
): Promise<Map<string, { id: string; partnerId: string | null }>> {
  const wanted = [...new Set([...values].filter((v): v is string => typeof v === 'string'))];
  if (!wanted.length) return new Map();
  const column = table === 'tier' || table === 'segment' || table === 'phase' || table === 'touchpoint' ? 'key' : 'external_id';
  const partner = table === 'customer' ? 'partner_id' : 'NULL::uuid';
  const rows = (await em.query(
    `SELECT id, "${column}" AS ref, ${partner} AS partner_id FROM "${table}" WHERE workspace_id = $1 AND "${column}" = ANY($2::varchar[])`,
    [workspaceId, wanted],
  )) as { id: string; ref: string; partner_id: string | null }[];
  return new Map(rows.map((r) => [r.ref, { id: r.id, partnerId: r.partner_id }]));
}

/** Ids by external id or key for a reference field of the rows; an unknown one is NOT_FOUND, an empty optional one is skipped. */
export async function resolveReferences<T extends object>(
  em: EntityManager,
  table: 'campaign' | 'partner' | 'tier' | 'segment' | 'phase' | 'touchpoint',
  workspaceId: string,
  rows: T[],
  field: keyof T & string,
  what: string,
  report: BatchReport,
): Promise<Map<string, string>> {
  const refs = rows.map((r) => r[field] as unknown as string | null | undefined);
  const found = await idsByExternalId(em, table, workspaceId, refs);
  refs.forEach((ref, index) => {
    if (ref && !found.has(ref) && !report.has(index, field)) {
      report.add(index, field, RowProblemReason.NOT_FOUND, `no ${what} "${ref}" in this workspace`);
    }
  });
  return new Map([...found].map(([ref, r]) => [ref, r.id]));
}

/** The fact tables named by an external id, whose rows belong to one customer. */
export type CustomerFactTable = 'cost' | 'invoice' | 'survey' | 'event' | 'order' | 'refund';

/**
 * The customer of a row `f` of a fact table, as SQL (allow-listed, never input): its own column, or for a refund its order's.
 * A PARTNER key reaches a fact only through it.
 */
export function factCustomerSql(table: CustomerFactTable, f = 'f'): string {
  return table === 'refund'
    ? `(SELECT o.customer_id FROM "order" o WHERE o.workspace_id = ${f}.workspace_id AND o.id = ${f}.order_id)`
    : `${f}.customer_id`;
}

/**
 * Customer ids by external id for the rows' `field`: an unknown one is NOT_FOUND, and for a PARTNER key so is another partner's
 * (or a direct) customer, in the same words: the answer never tells that it exists. Optional fields that are empty are skipped.
 */
export async function resolveCustomers<T extends object>(
  em: EntityManager,
  scope: DataScope,
  rows: T[],
  field: keyof T & string,
  report: BatchReport,
): Promise<Map<string, string>> {
  const refs = rows.map((r) => r[field] as unknown as string | null | undefined);
  const found = await idsByExternalId(em, 'customer', scope.workspaceId, refs);
  refs.forEach((ref, index) => {
    if (!ref || report.has(index, field)) return;
    const customer = found.get(ref);
    if (!customer || (scope.partnerId && customer.partnerId !== scope.partnerId)) {
      report.add(index, field, RowProblemReason.NOT_FOUND, `no customer with external id "${ref}" in this workspace`);
    }
  });
  return new Map([...found].map(([ref, c]) => [ref, c.id]));
}

/**
 * A PARTNER key may not take over an existing fact of another partner's customer by sending its external id. External ids are
 * unique in the workspace, so the row is refused; the message says only that the id is taken, not whose it is.
 */
export async function guardForeignFacts(
  em: EntityManager,
  table: CustomerFactTable,
  scope: DataScope,
  rows: { externalId: string }[],
  report: BatchReport,
): Promise<void> {
  if (!scope.partnerId || rows.length === 0) return;
  const foreign = (await em.query(
    `SELECT f.external_id FROM "${table}" f LEFT JOIN customer c ON c.workspace_id = f.workspace_id AND c.id = ${factCustomerSql(table)}
      WHERE f.workspace_id = $1 AND f.external_id = ANY($2::varchar[]) AND c.partner_id IS DISTINCT FROM $3`,
    [scope.workspaceId, rows.map((r) => r.externalId), scope.partnerId],
  )) as { external_id: string }[];
  const taken = new Set(foreign.map((r) => r.external_id));
  rows.forEach((r, index) => {
    if (taken.has(r.externalId)) {
      report.add(index, 'externalId', RowProblemReason.FORBIDDEN, `the external id "${r.externalId}" is already used in this workspace by a fact this key cannot write; choose another`);
    }
  });
}
