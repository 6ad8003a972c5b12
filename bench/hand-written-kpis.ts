/**
 * The physical limit the KPI engine is measured against: each of the matrix's 12 KPIs written by hand as ONE plain SQL statement
 * over the base tables (revenue, cost, customer, tier), per quarter and tier plus the total (GROUPING SETS), exactly as
 * docs/kpis.md defines it. $1 is the workspace, $2 the first days of the quarters. Each returns (s, tier, total, value).
 * The formulas are written out again here on purpose, independently of src/modules/kpi/catalogue/kpi.definitions.ts, so that the benchmark
 * also checks the engine's numbers cell by cell.
 */

export type Unit = 'COUNT' | 'CURRENCY' | 'PERCENT';

export interface HandWrittenKpi {
  kpi: string;
  unit: Unit;
  /** The groups' values add up (an absent group is 0); otherwise an absent group is null. */
  additive: boolean;
  sql: string;
}

const QUARTERS = `quarters AS (
    SELECT s::date AS s, (s + interval '2 months')::date AS e, (s - interval '1 month')::date AS b, (s + interval '3 months')::date AS next_s
    FROM unnest($2::date[]) AS s)`;
/** The customer's tier key; a row without a customer (a cost) has none. */
const TIER_OF = (customer: string) => `LEFT JOIN customer cu ON cu.id = ${customer} LEFT JOIN tier t ON t.id = cu.tier_id`;
const BY_TIER = `GROUP BY GROUPING SETS ((q.s, t.key), (q.s))`;
const OUT = `q.s, t.key AS tier, GROUPING(t.key) = 1 AS total`;
/** Customers paying in the base month b, with MRR(c, b) and MRR(c, e). */
const BASE = `JOIN revenue rb ON rb.workspace_id = $1 AND rb.type = 'RECURRING' AND rb.month = q.b AND rb.amount > 0
    LEFT JOIN revenue re ON re.workspace_id = $1 AND re.customer_id = rb.customer_id AND re.type = 'RECURRING' AND re.month = q.e`;
const FIRST_MONTH = `first_month AS (
    SELECT customer_id, min(month) AS first FROM revenue WHERE workspace_id = $1 AND type = 'RECURRING' AND amount > 0 GROUP BY customer_id)`;
const ratio = (a: string, b: string) => `((${a})::numeric / NULLIF((${b})::numeric, 0))`;

export const HAND_WRITTEN_KPIS: HandWrittenKpi[] = [
  {
    kpi: 'ACTIVE_CUSTOMERS', unit: 'COUNT', additive: true,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, count(*) AS value
      FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.type = 'RECURRING' AND r.month = q.e AND r.amount > 0 ${TIER_OF('r.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'NEW_CUSTOMERS', unit: 'COUNT', additive: true,
    sql: `WITH ${QUARTERS}, ${FIRST_MONTH}
      SELECT ${OUT}, count(*) AS value
      FROM quarters q JOIN first_month fm ON fm.first BETWEEN q.s AND q.e ${TIER_OF('fm.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'LOGO_CHURN_RATE', unit: 'PERCENT', additive: false,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, round(${ratio(`count(*) FILTER (WHERE coalesce(re.amount, 0) = 0)`, 'count(*)')}, 10) AS value
      FROM quarters q ${BASE} ${TIER_OF('rb.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'MRR', unit: 'CURRENCY', additive: true,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, sum(r.amount) AS value
      FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.type = 'RECURRING' AND r.month = q.e ${TIER_OF('r.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'NRR', unit: 'PERCENT', additive: false,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, round(${ratio('sum(coalesce(re.amount, 0))', 'sum(rb.amount)')}, 10) AS value
      FROM quarters q ${BASE} ${TIER_OF('rb.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'GRR', unit: 'PERCENT', additive: false,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, round(${ratio('sum(least(coalesce(re.amount, 0), rb.amount))', 'sum(rb.amount)')}, 10) AS value
      FROM quarters q ${BASE} ${TIER_OF('rb.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'ARPA', unit: 'CURRENCY', additive: false,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, round(${ratio('sum(r.amount)', 'count(*)')}, 2) AS value
      FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.type = 'RECURRING' AND r.month = q.e AND r.amount > 0 ${TIER_OF('r.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'REVENUE', unit: 'CURRENCY', additive: true,
    sql: `WITH ${QUARTERS}
      SELECT ${OUT}, sum(r.amount) AS value
      FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.month >= q.s AND r.month < q.next_s ${TIER_OF('r.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'GROSS_MARGIN', unit: 'PERCENT', additive: false,
    sql: `WITH ${QUARTERS}, x AS (
        SELECT q.s, r.customer_id, r.amount AS revenue, 0 AS cost
        FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.month >= q.s AND r.month < q.next_s
        UNION ALL
        SELECT q.s, c.customer_id, 0, c.amount
        FROM quarters q JOIN cost c ON c.workspace_id = $1 AND c.category IN ('COGS', 'SERVICING') AND c.month >= q.s AND c.month < q.next_s)
      SELECT ${OUT}, round(${ratio('sum(q.revenue) - sum(q.cost)', 'sum(q.revenue)')}, 10) AS value
      FROM x q ${TIER_OF('q.customer_id')}
      ${BY_TIER}`,
  },
  {
    kpi: 'CAC', unit: 'CURRENCY', additive: false,
    sql: `WITH ${QUARTERS}, ${FIRST_MONTH}, x AS (
        SELECT q.s, fm.customer_id, 1 AS new_customer, 0 AS cost FROM quarters q JOIN first_month fm ON fm.first BETWEEN q.s AND q.e
        UNION ALL
        SELECT q.s, c.customer_id, 0, c.amount
        FROM quarters q JOIN cost c ON c.workspace_id = $1 AND c.category = 'ACQUISITION' AND c.month >= q.s AND c.month < q.next_s)
      SELECT ${OUT}, round(${ratio('sum(q.cost)', 'sum(q.new_customer)')}, 2) AS value
      FROM x q ${TIER_OF('q.customer_id')}
      ${BY_TIER}`,
  },
  {
    // ARPA × GROSS_MARGIN / max(1 − (1 − LOGO_CHURN_RATE)^(1/3), 1/120), each from the group's own sums; null without a base.
    kpi: 'CLV', unit: 'CURRENCY', additive: false,
    sql: `WITH ${QUARTERS}, x AS (
        SELECT q.s, r.customer_id, CASE WHEN r.month = q.e AND r.type = 'RECURRING' THEN r.amount ELSE 0 END AS mrr,
          CASE WHEN r.month = q.e AND r.type = 'RECURRING' AND r.amount > 0 THEN 1 ELSE 0 END AS active,
          r.amount AS revenue, 0 AS cost, 0 AS base, 0 AS churned
        FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.month >= q.s AND r.month < q.next_s
        UNION ALL
        SELECT q.s, c.customer_id, 0, 0, 0, c.amount, 0, 0
        FROM quarters q JOIN cost c ON c.workspace_id = $1 AND c.category IN ('COGS', 'SERVICING') AND c.month >= q.s AND c.month < q.next_s
        UNION ALL
        SELECT q.s, rb.customer_id, 0, 0, 0, 0, 1, CASE WHEN coalesce(re.amount, 0) = 0 THEN 1 ELSE 0 END
        FROM quarters q ${BASE})
      SELECT ${OUT}, round(
          ${ratio('sum(q.mrr)', 'sum(q.active)')} * ${ratio('sum(q.revenue) - sum(q.cost)', 'sum(q.revenue)')}
          / CASE WHEN sum(q.base) > 0 THEN greatest(1 - power(1 - ${ratio('sum(q.churned)', 'sum(q.base)')}, 1.0 / 3), 1.0 / 120) END, 2) AS value
      FROM x q ${TIER_OF('q.customer_id')}
      ${BY_TIER}`,
  },
  {
    // (newRevenue − acquisitionCost) + (existingRevenue − servicing − retention) − CHURNED_MRR × 3
    kpi: 'CUSTOMER_EQUITY', unit: 'CURRENCY', additive: true,
    sql: `WITH ${QUARTERS}, ${FIRST_MONTH}, x AS (
        SELECT q.s, r.customer_id, r.amount AS amount
        FROM quarters q JOIN revenue r ON r.workspace_id = $1 AND r.month >= q.s AND r.month < q.next_s
        JOIN first_month fm ON fm.customer_id = r.customer_id AND fm.first <= q.e
        UNION ALL
        SELECT q.s, c.customer_id, -c.amount
        FROM quarters q JOIN cost c ON c.workspace_id = $1 AND c.category IN ('ACQUISITION', 'SERVICING', 'RETENTION') AND c.month >= q.s AND c.month < q.next_s
        UNION ALL
        SELECT q.s, rb.customer_id, -3 * rb.amount
        FROM quarters q ${BASE} WHERE coalesce(re.amount, 0) = 0)
      SELECT ${OUT}, sum(q.amount) AS value
      FROM x q ${TIER_OF('q.customer_id')}
      ${BY_TIER}`,
  },
];
