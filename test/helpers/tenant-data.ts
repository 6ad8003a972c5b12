import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TestServer } from './test-server';
import {
  RECORD_COSTS,
  RECORD_EVENTS,
  RECORD_ORDERS,
  RECORD_REFUNDS,
  RECORD_INVOICES,
  RECORD_REVENUE,
  RECORD_SURVEYS,
  UPSERT_CAMPAIGNS,
  UPSERT_CUSTOMERS,
  UPSERT_PARTNERS,
  UPSERT_SEGMENTS,
  UPSERT_TIERS,
  ingest,
} from './facts';

/** A short lowercase token that fits every key and external-id rule, unique per call: `zz` + label + random. */
export const token = (label: string) => `zz${label}${randomBytes(4).toString('hex')}`;

/**
 * A workspace filled through the API with data of every kind. Every text value is stamped with one of four tokens, so that a test
 * can search any response for it: `ws` for workspace-level objects (journey, phases' keys, owner, tier, campaign, keys), `direct`
 * for the direct customer and its facts, `p1` and `p2` for the customers (and facts) of partners P1 and P2 and the partners.
 */
export interface TenantData {
  workspaceId: string;
  adminKey: string;
  tokens: { ws: string; direct: string; p1: string; p2: string };
  partnerIds: { p1: string; p2: string };
  /** A PARTNER key of P1. */
  p1Key: string;
}

async function gqlOk(server: TestServer, key: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await server.gql(query, variables, key);
  if (res.errors) throw new Error(`setup request failed: ${JSON.stringify(res.errors).slice(0, 1000)}`);
  return res.data;
}

export async function buildTenant(server: TestServer, label: string): Promise<TenantData> {
  const { id: workspaceId, adminKey } = await server.workspace(`Workspace ${label}`);
  const tokens = { ws: token(`${label}w`), direct: token(`${label}d`), p1: token(`${label}p`), p2: token(`${label}q`) };
  const t = tokens;

  const { createJourney: journey } = await gqlOk(
    server,
    adminKey,
    `mutation($input: CreateJourneyInput!) { createJourney(input: $input) { id phases { id key } } }`,
    { input: { name: `Journey ${t.ws}`, description: `About ${t.ws}`, template: 'B2B_LIFECYCLE', keyPrefix: `${t.ws}_` } },
  );
  const { createOwner: owner } = await gqlOk(server, adminKey, `mutation($input: CreateOwnerInput!) { createOwner(input: $input) { id } }`, {
    input: { name: `Owner ${t.ws}`, function: 'MARKETING', email: `${t.ws}@example.com` },
  });
  const first = journey.phases[0];
  await gqlOk(server, adminKey, `mutation($id: ID!, $input: UpdatePhaseInput!) { updatePhase(id: $id, input: $input) { id } }`, {
    id: first.id,
    input: { ownerId: owner.id, successDefinition: `Success ${t.ws}` },
  });
  await gqlOk(server, adminKey, `mutation($id: ID!, $input: AddProcessInput!) { addProcess(phaseId: $id, input: $input) { id } }`, {
    id: first.id,
    input: { name: `Process ${t.ws}`, customerView: `View ${t.ws}`, internalProcess: `Internal ${t.ws}`, systems: [`System ${t.ws}`] },
  });
  await gqlOk(server, adminKey, `mutation($id: ID!, $input: AddTouchpointInput!) { addTouchpoint(phaseId: $id, input: $input) { id } }`, {
    id: first.id,
    input: { key: `${t.ws}_tp`, name: `Touchpoint ${t.ws}`, channel: 'WEB', mode: 'TECH_TOUCH', description: `At ${t.ws}` },
  });

  await ingest(server, adminKey, UPSERT_TIERS, [{ key: `${t.ws}_tier`, name: `Tier ${t.ws}`, rank: 5 }]);
  // A segment of its own: the default segments' keys exist in every workspace and prove nothing (which one a walk picks
  // first among them depends on the order rows are read in).
  await ingest(server, adminKey, UPSERT_SEGMENTS, [{ key: `${t.ws}_segment`, name: `Segment ${t.ws}`, rank: 5 }]);
  await ingest(server, adminKey, UPSERT_CAMPAIGNS, [{ externalId: `${t.ws}-cmp`, name: `Campaign ${t.ws}` }]);
  await ingest(server, adminKey, UPSERT_PARTNERS, [
    { externalId: `${t.p1}-partner`, name: `Partner ${t.p1}` },
    { externalId: `${t.p2}-partner`, name: `Partner ${t.p2}` },
  ]);

  // Two customers per owner token: direct ones, P1's and P2's.
  const owners = [
    { tok: t.direct, extra: { channel: 'DIRECT' } },
    { tok: t.p1, extra: { channel: 'PARTNER', partner: `${t.p1}-partner` } },
    { tok: t.p2, extra: { channel: 'PARTNER', partner: `${t.p2}-partner` } },
  ];
  const customers = owners.flatMap(({ tok, extra }) =>
    [1, 2].map((n) => ({
      externalId: `${tok}-c${n}`,
      name: `Customer ${tok} ${n}`,
      tier: `${t.ws}_tier`,
      segment: 'MID_MARKET',
      region: `Region ${tok}`,
      country: 'FR',
      acquisitionCampaign: `${t.ws}-cmp`,
      acquiredOn: '2024-06-15',
      ...extra,
    })),
  );
  await ingest(server, adminKey, UPSERT_CUSTOMERS, customers);
  const ext = customers.map((c) => c.externalId);
  const tokOf = (c: string) => c.replace(/-c\d$/, '');
  await ingest(
    server,
    adminKey,
    RECORD_REVENUE,
    ext.flatMap((c) => [
      { customer: c, month: '2025-01-01', type: 'RECURRING', amount: 1000.5 },
      { customer: c, month: '2025-02-01', type: 'SERVICES', amount: 250 },
    ]),
  );
  await ingest(server, adminKey, RECORD_COSTS, [
    ...ext.map((c) => ({ externalId: `${tokOf(c)}-cost-${c}`, category: 'RETENTION', month: '2025-01-01', amount: 99.99, customer: c, campaign: `${t.ws}-cmp` })),
    { externalId: `${t.direct}-cost-campaign`, category: 'ACQUISITION', month: '2025-01-01', amount: 5000, campaign: `${t.ws}-cmp` },
  ]);
  await ingest(
    server,
    adminKey,
    RECORD_INVOICES,
    ext.map((c) => ({ externalId: `${tokOf(c)}-inv-${c}`, customer: c, issuedOn: '2025-01-03', dueOn: '2025-02-02', paidOn: '2025-01-20', amount: 1000.5 })),
  );
  await ingest(
    server,
    adminKey,
    RECORD_SURVEYS,
    ext.map((c) => ({ externalId: `${tokOf(c)}-srv-${c}`, customer: c, kind: 'NPS', score: 9, respondedAt: '2025-01-10T10:00:00Z' })),
  );
  await ingest(
    server,
    adminKey,
    RECORD_EVENTS,
    ext.flatMap((c) => [
      { externalId: `${tokOf(c)}-evp-${c}`, customer: c, type: 'PHASE_ENTERED', occurredAt: '2025-01-02T09:00:00Z', phase: `${t.ws}_contact` },
      { externalId: `${tokOf(c)}-evw-${c}`, customer: c, type: 'WEBINAR_ATTENDED', occurredAt: '2025-01-04T09:00:00Z', touchpoint: `${t.ws}_tp`, campaign: `${t.ws}-cmp` },
    ]),
  );
  await ingest(
    server,
    adminKey,
    RECORD_ORDERS,
    ext.map((c) => ({ externalId: `${tokOf(c)}-ord-${c}`, customer: c, orderedAt: '2025-01-05T09:00:00Z', amount: 300.25, touchpoint: `${t.ws}_tp`, campaign: `${t.ws}-cmp` })),
  );
  await ingest(
    server,
    adminKey,
    RECORD_REFUNDS,
    ext.map((c) => ({ externalId: `${tokOf(c)}-ref-${c}`, order: `${tokOf(c)}-ord-${c}`, refundedAt: '2025-01-07T09:00:00Z', amount: 50 })),
  );
  // A small metric chain of the workspace's own: an observed activity under an outcome, with values and an approved target.
  await gqlOk(server, adminKey, `mutation($input: CreateMetricInput!) { createMetric(input: $input) { key } }`, {
    input: { key: `${t.ws}_outcome`, name: `Outcome ${t.ws}`, level: 'OUTCOME', indicatorKind: 'TRAILING', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER' },
  });
  await gqlOk(server, adminKey, `mutation($input: CreateMetricInput!) { createMetric(input: $input) { key } }`, {
    input: { key: `${t.ws}_webinars`, name: `Webinars ${t.ws}`, description: `Held by ${t.ws}`, level: 'ACTIVITY', indicatorKind: 'LEADING', source: 'OBSERVED', unit: 'COUNT', direction: 'HIGHER_IS_BETTER', phaseId: first.id, ownerId: owner.id },
  });
  await gqlOk(server, adminKey, `mutation($input: MetricLinkInput!) { linkMetrics(input: $input) { weight } }`, {
    input: { child: `${t.ws}_webinars`, parent: `${t.ws}_outcome`, weight: 2 },
  });
  await gqlOk(server, adminKey, `mutation($rows: [MetricValueRowInput!]!) { recordMetricValues(rows: $rows) { inserted } }`, {
    rows: ['2025-01-01', '2025-02-01'].flatMap((periodStart) => [
      { metric: `${t.ws}_webinars`, grain: 'MONTH', periodStart, value: 4 },
      { metric: `${t.ws}_outcome`, grain: 'MONTH', periodStart, tier: `${t.ws}_tier`, value: 10 },
    ]),
  });
  await gqlOk(server, adminKey, `mutation($rows: [TargetRowInput!]!) { upsertTargets(rows: $rows) { inserted } }`, {
    rows: [
      ...[`${t.ws}_webinars`, `${t.ws}_outcome`].flatMap((metric) => [
        { metric, grain: 'MONTH', periodStart: '2025-01-01', value: 5 },
        { metric, grain: 'MONTH', periodStart: '2025-01-01', tier: `${t.ws}_tier`, value: 3 },
      ]),
      { kpi: 'MRR', grain: 'MONTH', periodStart: '2025-01-01', tier: `${t.ws}_tier`, value: 7000 },
    ],
  });
  await gqlOk(server, adminKey, `mutation($keys: [TargetKeyInput!]) { approveTargets(keys: $keys) { id } }`, {
    keys: [{ metric: `${t.ws}_webinars`, grain: 'MONTH', periodStart: '2025-01-01' }],
  });

  await server.key(adminKey, 'VIEWER');
  const p1Key = await server.key(adminKey, 'PARTNER', { partner: `${t.p1}-partner` });
  const partners = (await server.dataSource.query(`SELECT id, external_id FROM partner WHERE workspace_id = $1`, [workspaceId])) as {
    id: string;
    external_id: string;
  }[];
  const partnerIds = {
    p1: partners.find((p) => p.external_id === `${t.p1}-partner`)!.id,
    p2: partners.find((p) => p.external_id === `${t.p2}-partner`)!.id,
  };
  return { workspaceId, adminKey, tokens, partnerIds, p1Key };
}

// ---- the database, read directly

/** Every table of the current schema that has a `workspace_id` column, with its columns: new tables are covered as they come. */
const DERIVED_TABLES = new Set(['kpi_aggregate', 'kpi_aggregate_state', 'kpi_customer_contribution']);

export async function workspaceTables(ds: DataSource): Promise<Map<string, Set<string>>> {
  const rows = (await ds.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = current_schema()
        AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'workspace_id')`,
  )) as { table_name: string; column_name: string }[];
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    // The KPI aggregates hold sums over the workspace's facts, kept by every write of them (a partner's own batch too): derived
    // data, no row of anyone's. Their reads are scoped like the facts' (the KPI tests compare both).
    if (DERIVED_TABLES.has(r.table_name)) continue;
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Set());
    tables.get(r.table_name)!.add(r.column_name);
  }
  return tables;
}

/** A row filter per table: `where` is SQL over alias `t` with `$1` = workspace id and `$2` = the extra parameter. */
export type RowScope = (table: string, columns: Set<string>) => string | null;

/** All of a workspace's rows. */
export const wholeWorkspace: RowScope = () => 'TRUE';

/**
 * The rows a PARTNER key of partner `$2` must never change: everything but its own customers (and their facts) and its own API
 * keys, so that another partner's customers, the direct customers and all workspace-level data are included.
 */
export const outsidePartner: RowScope = (table, columns) => {
  if (table === 'customer') return 't.partner_id IS DISTINCT FROM $2::uuid';
  if (columns.has('customer_id')) {
    return 't.customer_id IS NULL OR t.customer_id NOT IN (SELECT c.id FROM customer c WHERE c.workspace_id = $1 AND c.partner_id = $2::uuid)';
  }
  if (table === 'refund') {
    return `t.order_id NOT IN (SELECT o.id FROM "order" o JOIN customer c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id WHERE o.workspace_id = $1 AND c.partner_id = $2::uuid)`;
  }
  if (table === 'api_key') return 't.partner_id IS DISTINCT FROM $2::uuid';
  return 'TRUE';
};

/** md5 and row count of the scoped rows of every workspace table (and of the workspace row itself), by table. */
export async function checksums(ds: DataSource, workspaceId: string, scope: RowScope = wholeWorkspace, extra: string | null = null) {
  const out: Record<string, string> = {};
  // The workspace row without data_version and facts_version: counters the KPI cache and the KPI aggregates read, which any
  // write of the workspace bumps (a partner's own batch too); they hold no data of anyone's.
  const [ws] = await ds.query(`SELECT md5((to_jsonb(t) - 'data_version' - 'facts_version')::text) AS sum FROM workspace t WHERE id = $1`, [workspaceId]);
  out.workspace = ws.sum;
  for (const [table, columns] of await workspaceTables(ds)) {
    const where = scope(table, columns);
    if (where === null) continue;
    const [row] = await ds.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum
         FROM "${table}" t WHERE t.workspace_id = $1 AND (${where}) AND ($2::text IS NULL OR TRUE)`,
      [workspaceId, extra],
    );
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}

/** Every value of the scoped rows, as JSON objects: the material markers and fill-ins are taken from. */
export async function scopedRows(ds: DataSource, workspaceId: string, scope: RowScope, extra: string | null = null) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, columns] of await workspaceTables(ds)) {
    const where = scope(table, columns);
    if (where === null) continue;
    const rows = (await ds.query(
      `SELECT row_to_json(t) AS r FROM "${table}" t WHERE t.workspace_id = $1 AND (${where}) AND ($2::text IS NULL OR TRUE)`,
      [workspaceId, extra],
    )) as { r: Record<string, unknown> }[];
    out[table] = rows.map((x) => x.r);
  }
  return out;
}
