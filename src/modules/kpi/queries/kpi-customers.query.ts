import type { SqlRunner } from './sql-runner';
import { compileKpiQuery, ParamAllocator, type BusinessModelSettings, type OutputName, type SegmentFilterValues } from '../compiler/kpi.compiler';
import { CustomerSet, MrrMovement } from '../catalogue/kpi.enums';
import type { Period } from '../../../core/period.calculator';

/** One customer of a drill-down: its monthly value at the base month and at the end, its movement and its part of the MRR bridge. */
export interface KpiCustomerRow {
  customerId: string;
  mrrAtBase: number;
  mrrAtEnd: number;
  movement: MrrMovement;
  mrrChange: number;
}

/**
 * What one statement answers: the set's size and its customers in order, largest change first, then by customer id — all of
 * them (`whole`) when the set has at most `wholeUpTo` customers, else the requested page and the customer after it.
 */
export interface KpiCustomerRows {
  totalCount: number;
  whole: boolean;
  rows: KpiCustomerRow[];
}

/**
 * Which customers of a period each set keeps, over the engine's own per-customer measures: a customer is in the set exactly
 * when it counts 1 in the matching KPI (or, for REACTIVATED, adds to REACTIVATION_MRR), so the list and the KPI cannot disagree.
 */
const SET_CONDITION: Record<CustomerSet, string> = {
  [CustomerSet.ACTIVE]: 'pc."active_customers" = 1',
  [CustomerSet.NEW]: 'pc."new_customers" = 1',
  [CustomerSet.CHURNED]: 'pc."churned_customers" = 1',
  [CustomerSet.RETAINED]: 'pc."retained_customers" = 1',
  [CustomerSet.REACTIVATED]: 'pc."reactivation_mrr" > 0',
};

/** The per-customer measures the drill-down reads: the MRR bridge's terms, one customer at a time. */
const OUTPUTS: OutputName[] = [
  'mrr',
  'mrr_at_base',
  'active_customers',
  'new_customers',
  'churned_customers',
  'retained_customers',
  'new_mrr',
  'expansion_mrr',
  'contraction_mrr',
  'churned_mrr',
  'reactivation_mrr',
];

/**
 * The customers behind a customer count, a page at a time, in one statement. The KPI engine computes the period's measures per
 * customer (grouped by customer, under the same filter, watermark and dimension keys as the KPI), so each customer's movement is
 * its own term of the MRR bridge: NEW adds new_mrr, CHURN takes away churned_mrr, EXPANSION and CONTRACTION their amounts,
 * REACTIVATION adds reactivation_mrr. Ordered by the size of that change, largest first, then by customer id (the cursor).
 */
export async function kpiCustomersQuery(
  query: SqlRunner,
  request: {
    workspaceId: string;
    set: CustomerSet;
    period: Period;
    dataCompleteThrough: string | null;
    filter: SegmentFilterValues;
    first: number;
    /** The sort key of the last customer of the previous page: the size of its change and its id. */
    after: { size: string; customerId: string } | null;
    /** A set of at most this many customers comes whole (to be paged from the cache), whatever `first` and `after` say. */
    wholeUpTo: number;
    /** The workspace's business model, which decides a customer's monthly value; omitted, the statement reads it. */
    model?: BusinessModelSettings;
  },
): Promise<KpiCustomerRows> {
  const params = new ParamAllocator();
  const perCustomer = compileKpiQuery(
    {
      workspaceId: request.workspaceId,
      periods: [request.period],
      dataCompleteThrough: request.dataCompleteThrough,
      outputs: OUTPUTS,
      groupBy: ['CUSTOMER'],
      filter: request.filter,
      model: request.model,
    },
    { denseGrid: false },
    params,
  );
  const whole = params.bind(request.wholeUpTo, 'int');
  const after = request.after
    ? `abs(s.mrr_change) < ${params.bind(request.after.size, 'numeric')}
        OR (abs(s.mrr_change) = ${params.bind(request.after.size, 'numeric')} AND s.customer_id > ${params.bind(request.after.customerId, 'uuid')})`
    : 'true';
  const sql = `WITH pc AS (${perCustomer.sql}),
  members AS (
    SELECT pc.g_customer::uuid AS customer_id, pc."mrr_at_base" AS mrr_at_base, pc."mrr" AS mrr_at_end,
      CASE WHEN pc."new_customers" = 1 THEN '${MrrMovement.NEW}'
           WHEN pc."churned_customers" = 1 THEN '${MrrMovement.CHURN}'
           WHEN pc."expansion_mrr" > 0 THEN '${MrrMovement.EXPANSION}'
           WHEN pc."contraction_mrr" > 0 THEN '${MrrMovement.CONTRACTION}'
           WHEN pc."reactivation_mrr" > 0 THEN '${MrrMovement.REACTIVATION}'
           ELSE '${MrrMovement.FLAT}' END AS movement,
      pc."new_mrr" + pc."expansion_mrr" - pc."contraction_mrr" - pc."churned_mrr" + pc."reactivation_mrr" AS mrr_change
    FROM pc
    WHERE ${SET_CONDITION[request.set]})
SELECT (SELECT count(*) FROM members)::int AS total, page.*
FROM (SELECT 1) one
LEFT JOIN LATERAL (
  SELECT s.customer_id, s.mrr_at_base::text, s.mrr_at_end::text, s.movement, s.mrr_change::text
  FROM members s
  WHERE (SELECT count(*) FROM members) <= ${whole} OR ${after}
  ORDER BY abs(s.mrr_change) DESC, s.customer_id
  LIMIT CASE WHEN (SELECT count(*) FROM members) <= ${whole} THEN ${whole} ELSE ${params.bind(request.first + 1, 'int')} END) page ON true`;
  const rows: { total: number; customer_id: string | null; mrr_at_base: string; mrr_at_end: string; movement: MrrMovement; mrr_change: string }[] =
    await query(sql, params.values);
  const totalCount = rows[0]?.total ?? 0;
  return {
    totalCount,
    whole: totalCount <= request.wholeUpTo,
    rows: rows
      .filter((row) => row.customer_id !== null)
      .map((row) => ({
        customerId: row.customer_id!,
        mrrAtBase: Number(row.mrr_at_base),
        mrrAtEnd: Number(row.mrr_at_end),
        movement: row.movement,
        mrrChange: Number(row.mrr_change),
      })),
  };
}

/** The sort key of a customer of a drill-down, as its cursor holds it: the size of its change in cents, and its id. */
export const sortKeyOf = (row: KpiCustomerRow): [number, string] => [Math.round(Math.abs(row.mrrChange) * 100), row.customerId];

/** The customers of a whole, ordered set after a cursor: the same order and comparison as the statement's. */
export function rowsAfter(rows: KpiCustomerRow[], after: { size: string; customerId: string } | null): KpiCustomerRow[] {
  if (!after) return rows;
  const cents = Math.round(Number(after.size) * 100);
  // uuids compare in PostgreSQL byte by byte: the order of their lower-case hex text.
  const id = after.customerId.toLowerCase();
  const next = rows.findIndex((row) => {
    const [size, rowId] = sortKeyOf(row);
    return size < cents || (size === cents && rowId > id);
  });
  return next === -1 ? [] : rows.slice(next);
}
