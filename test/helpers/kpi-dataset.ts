import type { DataSource } from 'typeorm';

export interface GeneratedDataset {
  customers: number;
  months: number;
  /** First month, `YYYY-MM-01`. */
  start: string;
}

/**
 * A deterministic pseudo-random dataset written with generate_series (no facts pass through Node), for identity tests and
 * benchmarks. Customer i (1…n) starts paying in month start_i = (17 i) mod (months − 2), with an amount that moves ±20% from
 * month to month (expansions, contractions) and these patterns:
 *   i ≡ 0 (mod 7): a three-month gap from start_i + 3 (churn, then reactivation)
 *   i ≡ 0 (mod 9): churns for good from start_i + 8
 *   i ≡ 0 (mod 11): a one-month gap at start_i + 1
 *   i ≡ 0 (mod 13): pays in start_i only (acquired and churned at once)
 * plus ONE_TIME and SERVICES revenue, costs with and without a customer or campaign, PHASE_ENTERED events through the phases,
 * reference calls, support tickets, surveys and invoices. Dimensions: tier i mod 4, three segments and regions, a partner
 * for every fifth customer, an acquisition campaign for every third.
 */
export async function generateDataset(
  dataSource: DataSource,
  workspaceId: string,
  options: GeneratedDataset & { phaseIds: string[]; /** Write no revenue rows (a business that sells by order: see generateOrders). */ withoutRevenue?: boolean },
): Promise<void> {
  const q = (sql: string, params: unknown[]) => dataSource.query(sql, params);
  const { customers: n, months, start } = options;
  const tiers: { id: string }[] = await q('SELECT id FROM tier WHERE workspace_id = $1 ORDER BY rank', [workspaceId]);
  const partners: { id: string }[] = await q(
    `INSERT INTO partner (workspace_id, external_id, name) SELECT $1::uuid, 'gen-partner-' || i, 'Partner ' || i FROM generate_series(1, 2) i RETURNING id`,
    [workspaceId],
  );
  const campaigns: { id: string }[] = await q(
    `INSERT INTO campaign (workspace_id, external_id, name) SELECT $1::uuid, 'gen-campaign-' || i, 'Campaign ' || i FROM generate_series(1, 3) i RETURNING id`,
    [workspaceId],
  );
  await q(
    `INSERT INTO customer (workspace_id, external_id, name, tier_id, segment_id, region, country, channel, partner_id,
       acquisition_campaign_id, acquired_on)
     SELECT $1::uuid, 'gen-' || i, 'Generated ' || i, ($2::uuid[])[1 + i % 4],
       (SELECT s.id FROM segment s WHERE s.workspace_id = $1::uuid AND s.key = (ARRAY['ENTERPRISE', 'MID_MARKET', 'SMB'])[1 + (i * 7) % 3]),
       (ARRAY['EMEA', 'NA', 'APAC'])[1 + (i * 11) % 3], 'DE',
       (CASE WHEN i % 5 = 0 THEN 'PARTNER' ELSE 'DIRECT' END)::sales_channel,
       CASE WHEN i % 5 = 0 THEN ($3::uuid[])[1 + (i / 5) % 2] END,
       CASE WHEN i % 3 = 0 THEN ($4::uuid[])[1 + (i / 3) % 3] END,
       CASE WHEN i % 4 <> 0 THEN ($5::date + make_interval(months => (i * 17) % ($6 - 2)) - make_interval(days => i % 20))::date END
     FROM generate_series(1, $7::int) i`,
    [workspaceId, tiers.map((t) => t.id), partners.map((p) => p.id), campaigns.map((c) => c.id), start, months, n],
  );
  // One row per (customer, month) that pays: the patterns above.
  const paying = `
    SELECT c.id AS customer_id, i, m, ($2::date + make_interval(months => m))::date AS month, (i * 17) % ($3 - 2) AS first
    FROM customer c
    CROSS JOIN LATERAL (SELECT substr(c.external_id, 5)::int AS i) ii
    CROSS JOIN generate_series(0, $3::int - 1) m
    WHERE c.workspace_id = $1 AND c.external_id LIKE 'gen-%'
      AND m >= (i * 17) % ($3 - 2)
      AND NOT (i % 7 = 0 AND m BETWEEN (i * 17) % ($3 - 2) + 3 AND (i * 17) % ($3 - 2) + 5)
      AND NOT (i % 9 = 0 AND m >= (i * 17) % ($3 - 2) + 8)
      AND NOT (i % 11 = 0 AND m = (i * 17) % ($3 - 2) + 1)
      AND NOT (i % 13 = 0 AND m > (i * 17) % ($3 - 2))`;
  if (!options.withoutRevenue) await q(
    `INSERT INTO revenue (workspace_id, customer_id, month, type, amount)
     SELECT $1::uuid, customer_id, month, 'RECURRING'::revenue_type, round((40 + (i * 29) % 400) * (1 + (((i * 3 + m * 7) % 9) - 4) * 0.05), 2)
     FROM (${paying}) p
     UNION ALL
     SELECT $1::uuid, customer_id, month, 'SERVICES'::revenue_type, 75.25 FROM (${paying}) p WHERE (i + m) % 6 = 0
     UNION ALL
     SELECT $1::uuid, customer_id, month, 'ONE_TIME'::revenue_type, 500 FROM (${paying}) p WHERE m = first AND i % 2 = 0`,
    [workspaceId, start, months],
  );
  await q(
    `INSERT INTO cost (workspace_id, external_id, category, month, amount, customer_id, campaign_id)
     SELECT $1::uuid, 'gen-acq-' || m, 'ACQUISITION'::cost_category, ($2::date + make_interval(months => m))::date, 1000, NULL::uuid, NULL::uuid FROM generate_series(0, $3::int - 1) m
     UNION ALL
     SELECT $1::uuid, 'gen-acq-campaign-' || m, 'ACQUISITION'::cost_category, ($2::date + make_interval(months => m))::date, 333.33, NULL::uuid, ($4::uuid[])[1 + m % 3]
       FROM generate_series(0, $3::int - 1) m
     UNION ALL
     SELECT $1::uuid, 'gen-ret-' || m, 'RETENTION'::cost_category, ($2::date + make_interval(months => m))::date, 120.5, NULL::uuid, NULL::uuid FROM generate_series(0, $3::int - 1) m
     UNION ALL
     SELECT $1::uuid, 'gen-srv-' || m, 'SERVICING'::cost_category, ($2::date + make_interval(months => m))::date, 55, NULL::uuid, NULL::uuid FROM generate_series(0, $3::int - 1) m`,
    [workspaceId, start, months, campaigns.map((c) => c.id)],
  );
  await q(
    `INSERT INTO cost (workspace_id, external_id, category, month, amount, customer_id, campaign_id)
     SELECT $1::uuid, 'gen-cac-' || i, 'ACQUISITION'::cost_category, month, 150, customer_id, CASE WHEN i % 6 = 1 THEN ($4::uuid[])[1] END
       FROM (${paying}) p WHERE m = first AND i % 2 = 1
     UNION ALL
     SELECT $1::uuid, 'gen-cogs-' || i || '-' || m, 'COGS'::cost_category, month, 10.10, customer_id, NULL::uuid FROM (${paying}) p WHERE (i + m) % 4 = 0
     UNION ALL
     SELECT $1::uuid, 'gen-crc-' || i || '-' || m, 'RETENTION'::cost_category, month, 20, customer_id, NULL::uuid FROM (${paying}) p WHERE (i * m) % 10 = 3`,
    [workspaceId, start, months, campaigns.map((c) => c.id)],
  );
  await q(
    `INSERT INTO event (workspace_id, external_id, customer_id, type, occurred_at, phase_id)
     SELECT $1::uuid, 'gen-phase-' || c.id || '-' || ph.pos, c.id, 'PHASE_ENTERED',
       ($2::date + make_interval(months => (i * 17) % ($3 - 2), days => (ph.pos - 1) * (i % 5 + 1) * 20, hours => i % 24))::timestamp AT TIME ZONE 'UTC',
       ($4::uuid[])[ph.pos]
     FROM customer c
     CROSS JOIN LATERAL (SELECT substr(c.external_id, 5)::int AS i) ii
     CROSS JOIN generate_series(1, 5) ph(pos)
     WHERE c.workspace_id = $1 AND c.external_id LIKE 'gen-%' AND ph.pos <= 1 + i % 5`,
    [workspaceId, start, months, options.phaseIds],
  );
  await q(
    `INSERT INTO event (workspace_id, external_id, customer_id, type, occurred_at)
     SELECT $1::uuid, 'gen-ref-' || i || '-' || m, customer_id, 'REFERENCE_CALL'::event_type, (month + 5)::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE (i + m) % 10 = 0
     UNION ALL
     SELECT $1::uuid, 'gen-ticket-' || i || '-' || m, customer_id, 'SUPPORT_TICKET'::event_type, (month + 12)::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE (i * m) % 7 = 1
     UNION ALL
     SELECT $1::uuid, 'gen-content-' || i || '-' || m, customer_id, 'CONTENT_DOWNLOAD'::event_type, (month + 3)::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE (i + 2 * m) % 5 = 0
     UNION ALL
     SELECT $1::uuid, 'gen-fv-' || i, customer_id, 'FIRST_VALUE'::event_type, (month + (i % 40))::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE m = first AND i % 3 <> 2`,
    [workspaceId, start, months],
  );
  await q(
    `INSERT INTO survey (workspace_id, external_id, customer_id, kind, score, responded_at)
     SELECT $1::uuid, 'gen-csat-' || i || '-' || m, customer_id, 'CSAT'::survey_kind, 1 + (i + m) % 5, (month + 8)::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE (i + m) % 3 = 0
     UNION ALL
     SELECT $1::uuid, 'gen-nps-' || i || '-' || m, customer_id, 'NPS'::survey_kind, (i * 3 + m) % 11, (month + 9)::timestamp AT TIME ZONE 'UTC'
       FROM (${paying}) p WHERE (i + m) % 4 = 0`,
    [workspaceId, start, months],
  );
  await q(
    `INSERT INTO invoice (workspace_id, external_id, customer_id, issued_on, due_on, paid_on, amount)
     SELECT $1::uuid, 'gen-inv-' || i || '-' || m, customer_id, month, month + 30,
       CASE WHEN (i + m) % 8 <> 0 THEN month + 10 + (i % 45) END, 100 + (i % 50)
     FROM (${paying}) p`,
    [workspaceId, start, months],
  );
  await q('ANALYZE customer, revenue, cost, event, survey, invoice', []);
}

/**
 * Orders and refunds for the generated customers of `generateDataset` (or any customers named `gen-<i>`), written with
 * generate_series, for a business that sells by order. Customer i shops from month first_i = (17 i) mod (months − 2):
 *   an order in its first month, then in about one month in four (a hash of i and the month), three orders a year or so;
 *   a second order in the same month when (i + m) ≡ 0 (mod 5);
 *   i ≡ 0 (mod 7): no orders for the 14 months after its first (a lapse longer than a year, then a return);
 *   i ≡ 0 (mod 9): no orders after its first six months (lapses for good);
 *   i ≡ 0 (mod 13): its first order is refunded in full the same month (it may never become active).
 * About one order in ten gets a refund 12 days later (so some fall in the next month), in full for about one in three of those,
 * else 40 % of it. Every amount is a multiple of 0.12, so a run rate over 1, 2, 3, 4, 6 or 12 months is exact to the cent.
 */
export async function generateOrders(dataSource: DataSource, workspaceId: string, options: { months: number; start: string }): Promise<void> {
  const { months, start } = options;
  await dataSource.query(
    `INSERT INTO "order" (workspace_id, external_id, customer_id, ordered_at, amount)
     SELECT $1::uuid, 'gen-o-' || i || '-' || m || '-' || k, c.id,
       ($2::date + make_interval(months => m, days => (i * 7 + k * 11) % 27, hours => (i + k) % 24))::timestamp AT TIME ZONE 'UTC',
       0.12 * (150 + (i * 29 + m * 13 + k * 7) % 1500)
     FROM customer c
     CROSS JOIN LATERAL (SELECT substr(c.external_id, 5)::int AS i) ii
     CROSS JOIN LATERAL (SELECT (i * 17) % ($3::int - 2) AS first) f
     CROSS JOIN generate_series(0, $3::int - 1) m
     CROSS JOIN generate_series(1, 2) k
     WHERE c.workspace_id = $1 AND c.external_id ~ '^gen-[0-9]+$'
       AND m >= first
       AND (m = first OR abs(hashtext(i || '/' || m)) % 100 < 27)
       AND (k = 1 OR (i + m) % 5 = 0)
       AND NOT (i % 7 = 0 AND m BETWEEN first + 1 AND first + 14)
       AND NOT (i % 9 = 0 AND m > first + 6)`,
    [workspaceId, start, months],
  );
  await dataSource.query(
    `INSERT INTO refund (workspace_id, external_id, order_id, refunded_at, amount)
     SELECT $1::uuid, 'gen-r-' || o.external_id, o.id,
       CASE WHEN first_refunded THEN o.ordered_at ELSE o.ordered_at + interval '12 days' END,
       CASE WHEN first_refunded OR h % 3 = 0 THEN o.amount ELSE 0.12 * round(o.amount * 0.4 / 0.12) END
     FROM "order" o
     CROSS JOIN LATERAL (SELECT abs(hashtext(o.external_id)) % 30 AS h) x
     CROSS JOIN LATERAL (SELECT split_part(o.external_id, '-', 3)::int AS i, split_part(o.external_id, '-', 4)::int AS m,
       split_part(o.external_id, '-', 5)::int AS k) ids
     CROSS JOIN LATERAL (SELECT i % 13 = 0 AND k = 1 AND m = (i * 17) % ($2::int - 2) AS first_refunded) fr
     WHERE o.workspace_id = $1 AND o.external_id LIKE 'gen-o-%' AND o.amount > 0 AND (first_refunded OR h < 3)`,
    [workspaceId, months],
  );
  await dataSource.query('ANALYZE "order", refund', []);
}
