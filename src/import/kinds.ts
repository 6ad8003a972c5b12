/**
 * What the CSV importer can import: one entry per ingestion mutation. The columns are the row fields of its mutation,
 * so a CSV header is the list of field names (`customer,month,type,amount`). Adding a kind is one
 * entry here.
 *
 * This folder is the client side of the API: it talks to a server over HTTP only and imports nothing of the server.
 */

/**
 * How a cell becomes a JSON value: `number` a decimal (amounts), `integer` a whole number, the others are sent as the
 * text they are, after a check of their form — `date` as GraphQL's LocalDate (`2025-03-01`), `datetime` as DateTime
 * (`2025-03-14T09:30:00Z`), `enum` one of `values`. The check is the importer's, so that every bad value of a file is
 * reported at once (GraphQL refuses a batch at its first value of the wrong type). test/unit/import/csv-reading.test.ts
 * checks this table against schema/schema.graphql.
 */
export type CellType = 'string' | 'number' | 'integer' | 'date' | 'datetime' | 'enum';

export interface ColumnSpec {
  name: string;
  type: CellType;
  /** An optional column may be missing from the header, and an empty cell omits the field from the row. */
  optional: boolean;
  /** The values of an `enum` column. */
  values?: string[];
}

export interface KindSpec {
  /** The value of `--kind`. */
  kind: string;
  /** The batch mutation that takes the rows. */
  mutation: string;
  /** The GraphQL input type of one row. */
  rowType: string;
  columns: ColumnSpec[];
}

const req = (name: string, type: CellType = 'string'): ColumnSpec => ({ name, type, optional: false });
const opt = (name: string, type: CellType = 'string'): ColumnSpec => ({ name, type, optional: true });
const oneOf = (name: string, values: string[]): ColumnSpec => ({ name, type: 'enum', optional: false, values });

const GRAIN = ['MONTH', 'QUARTER', 'YEAR'];
const SALES_CHANNEL = ['DIRECT', 'PARTNER'];
const REVENUE_TYPE = ['RECURRING', 'ONE_TIME', 'SERVICES'];
const COST_CATEGORY = ['ACQUISITION', 'RETENTION', 'SERVICING', 'COGS'];
const SURVEY_KIND = ['CSAT', 'NPS'];
const EVENT_TYPE = [
  'CONTENT_DOWNLOAD',
  'CONTENT_SHARE',
  'EMAIL_OPEN',
  'EVENT_ATTENDED',
  'FIRST_VALUE',
  'PHASE_ENTERED',
  'REFERENCE_CALL',
  'SUPPORT_TICKET',
  'WEBINAR_ATTENDED',
];

/** The kinds, in the order a workspace is usually filled (the things facts name come first). */
export const KINDS: KindSpec[] = [
  { kind: 'tiers', mutation: 'upsertTiers', rowType: 'TierRowInput', columns: [req('key'), req('name'), req('rank', 'integer')] },
  { kind: 'segments', mutation: 'upsertSegments', rowType: 'SegmentRowInput', columns: [req('key'), req('name'), req('rank', 'integer')] },
  { kind: 'campaigns', mutation: 'upsertCampaigns', rowType: 'NamedRowInput', columns: [req('externalId'), req('name')] },
  { kind: 'partners', mutation: 'upsertPartners', rowType: 'NamedRowInput', columns: [req('externalId'), req('name')] },
  {
    kind: 'customers',
    mutation: 'upsertCustomers',
    rowType: 'CustomerRowInput',
    columns: [
      req('externalId'),
      req('name'),
      req('tier'),
      req('segment'),
      opt('region'),
      opt('country'),
      oneOf('channel', SALES_CHANNEL),
      opt('partner'),
      opt('acquisitionCampaign'),
      opt('acquiredOn', 'date'),
    ],
  },
  {
    kind: 'revenue',
    mutation: 'recordRevenue',
    rowType: 'RevenueRowInput',
    columns: [req('customer'), req('month', 'date'), oneOf('type', REVENUE_TYPE), req('amount', 'number')],
  },
  {
    kind: 'costs',
    mutation: 'recordCosts',
    rowType: 'CostRowInput',
    columns: [req('externalId'), oneOf('category', COST_CATEGORY), req('month', 'date'), req('amount', 'number'), opt('customer'), opt('campaign')],
  },
  {
    kind: 'invoices',
    mutation: 'recordInvoices',
    rowType: 'InvoiceRowInput',
    columns: [req('externalId'), req('customer'), req('issuedOn', 'date'), req('dueOn', 'date'), opt('paidOn', 'date'), req('amount', 'number')],
  },
  {
    kind: 'surveys',
    mutation: 'recordSurveys',
    rowType: 'SurveyRowInput',
    columns: [req('externalId'), req('customer'), oneOf('kind', SURVEY_KIND), req('score', 'integer'), req('respondedAt', 'datetime')],
  },
  {
    kind: 'events',
    mutation: 'recordEvents',
    rowType: 'EventRowInput',
    columns: [
      req('externalId'),
      req('customer'),
      oneOf('type', EVENT_TYPE),
      req('occurredAt', 'datetime'),
      opt('touchpoint'),
      opt('campaign'),
      opt('phase'),
    ],
  },
  {
    kind: 'orders',
    mutation: 'recordOrders',
    rowType: 'OrderRowInput',
    columns: [req('externalId'), req('customer'), req('orderedAt', 'datetime'), req('amount', 'number'), opt('campaign'), opt('touchpoint')],
  },
  {
    kind: 'refunds',
    mutation: 'recordRefunds',
    rowType: 'RefundRowInput',
    columns: [req('externalId'), req('order'), req('refundedAt', 'datetime'), req('amount', 'number')],
  },
  {
    kind: 'metric-values',
    mutation: 'recordMetricValues',
    rowType: 'MetricValueRowInput',
    columns: [req('metric'), oneOf('grain', GRAIN), req('periodStart', 'date'), opt('tier'), req('value', 'number')],
  },
];

export function kindSpec(kind: string): KindSpec | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/** The mutation document of a kind; the operation name (`ImportRevenue`) shows in the server's request log. */
export function mutationDocument(spec: KindSpec): string {
  const name = spec.kind.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
  return `mutation Import${name}($rows: [${spec.rowType}!]!) { ${spec.mutation}(rows: $rows) { inserted updated unchanged } }`;
}
