import type { TestServer } from './test-server';

/** GraphQL documents of the ingestion mutations, one per mutation name. */
export const INGEST = (mutation: string, rowType: string) =>
  `mutation($rows: [${rowType}!]!) { ${mutation}(rows: $rows) { inserted updated unchanged } }`;

export const UPSERT_CUSTOMERS = INGEST('upsertCustomers', 'CustomerRowInput');
export const UPSERT_CAMPAIGNS = INGEST('upsertCampaigns', 'NamedRowInput');
export const UPSERT_PARTNERS = INGEST('upsertPartners', 'NamedRowInput');
export const UPSERT_TIERS = INGEST('upsertTiers', 'TierRowInput');
export const UPSERT_SEGMENTS = INGEST('upsertSegments', 'SegmentRowInput');
export const RECORD_REVENUE = INGEST('recordRevenue', 'RevenueRowInput');
export const RECORD_COSTS = INGEST('recordCosts', 'CostRowInput');
export const RECORD_INVOICES = INGEST('recordInvoices', 'InvoiceRowInput');
export const RECORD_SURVEYS = INGEST('recordSurveys', 'SurveyRowInput');
export const RECORD_EVENTS = INGEST('recordEvents', 'EventRowInput');
export const RECORD_ORDERS = INGEST('recordOrders', 'OrderRowInput');
export const RECORD_REFUNDS = INGEST('recordRefunds', 'RefundRowInput');

export function customerRow(externalId: string, extra: Record<string, unknown> = {}) {
  return { externalId, name: `Customer ${externalId}`, tier: 'growth', segment: 'SMB', region: 'EMEA', country: 'DE', channel: 'DIRECT', ...extra };
}

/** Sends a batch and fails the test with the server's errors when it is refused. */
export async function ingest(server: TestServer, key: string, document: string, rows: unknown[]) {
  const res = await server.gql(document, { rows }, key);
  if (res.errors) throw new Error(`batch refused: ${JSON.stringify(res.errors).slice(0, 2000)}`);
  return Object.values(res.data!)[0] as { inserted: number; updated: number; unchanged: number };
}

/** The B2B lifecycle journey: phases contact … loyalty and their touchpoints (contact_webinar, purchase_onboarding, …). */
export async function createLifecycleJourney(server: TestServer, adminKey: string): Promise<void> {
  const res = await server.gql(`mutation { createJourney(input: { name: "Lifecycle", template: B2B_LIFECYCLE }) { id } }`, {}, adminKey);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}

/** Counts rows of a table in one workspace, straight from the database. */
export async function countRows(server: TestServer, table: string, workspaceId: string): Promise<number> {
  const [{ n }] = await server.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE workspace_id = $1`, [workspaceId]);
  return n;
}
