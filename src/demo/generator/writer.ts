import type { DataSource } from 'typeorm';
import type { Services } from '../../core/context';
import type { DataScope } from '../../core/data-scope';
import type { IngestionResult } from '../../modules/facts/ingestion';
import { MAX_BATCH_ROWS } from '../../modules/facts/ingestion';
import { AppError, ErrorCode } from '../../core/errors';
import { CustomerRowInput, NamedRowInput, SegmentRowInput, TierRowInput } from '../../modules/customers/dtos/customer.inputs';
import {
  CostRowInput,
  EventRowInput,
  InvoiceRowInput,
  OrderRowInput,
  RefundRowInput,
  RevenueRowInput,
  SurveyRowInput,
} from '../../modules/facts/dtos/fact-rows.inputs';
import { JourneyTemplate, OwnerFunction } from '../../modules/journeys/journey.enums';
import { BusinessModel } from '../../modules/workspaces/workspace.enums';
import { DEFAULT_SEGMENTS, DEFAULT_TIERS } from '../../modules/workspaces/workspace.service';
import {
  SAAS_MODEL,
  withFixedStart,
  type CostRow,
  type CustomerRow,
  type DatasetChunk,
  type DatasetModel,
  type DatasetOptions,
  type EventRow,
  type InvoiceRow,
  type NamedRow,
  type OrderRow,
  type RefundRow,
  type RevenueRow,
  type SurveyRow,
  type TierRow,
} from './dataset';

/**
 * Where generated rows go: the API's own ingestion code, either in-process (the services the resolvers call, with the same
 * validation and set-wise transactions) or over HTTP (the GraphQL batch mutations).
 */
export interface IngestionSink {
  /** Sets the workspace's business model and activity window. */
  configure(settings: DatasetModel['settings']): Promise<void>;
  /** Makes sure the workspace has the journey whose phase and touchpoint keys the events name, each phase with its owner. */
  ensureJourney(journey: DatasetModel['journey']): Promise<void>;
  upsertTiers(rows: TierRow[]): Promise<IngestionResult>;
  upsertSegments(rows: TierRow[]): Promise<IngestionResult>;
  /** Deletes tiers or segments by key; one that is already gone is no error. */
  deleteUnused(list: 'tier' | 'segment', keys: string[]): Promise<void>;
  upsertPartners(rows: NamedRow[]): Promise<IngestionResult>;
  upsertCampaigns(rows: NamedRow[]): Promise<IngestionResult>;
  upsertCustomers(rows: CustomerRow[]): Promise<IngestionResult>;
  recordRevenue(rows: RevenueRow[]): Promise<IngestionResult>;
  recordCosts(rows: CostRow[]): Promise<IngestionResult>;
  recordInvoices(rows: InvoiceRow[]): Promise<IngestionResult>;
  recordSurveys(rows: SurveyRow[]): Promise<IngestionResult>;
  recordEvents(rows: EventRow[]): Promise<IngestionResult>;
  recordOrders(rows: OrderRow[]): Promise<IngestionResult>;
  recordRefunds(rows: RefundRow[]): Promise<IngestionResult>;
  /** After the last batch: makes the data ready to be queried. */
  finish(): Promise<void>;
}

/** Rows as the class instances the resolvers receive, so that the services run their class-validator rules on them. */
const as = <T extends object>(type: new () => T, rows: object[]): T[] => rows.map((row) => Object.assign(new type(), row));

/** In-process: the services' ingestion methods, as the resolvers call them for an ADMIN key of the workspace. */
export class ServiceSink implements IngestionSink {
  private readonly scope: DataScope;

  constructor(
    private readonly dataSource: DataSource,
    private readonly services: Services,
    private readonly workspaceId: string,
  ) {
    this.scope = { workspaceId, partnerId: null };
  }

  async configure(settings: DatasetModel['settings']): Promise<void> {
    await this.services.workspaces.update(this.workspaceId, {
      businessModel: BusinessModel[settings.businessModel],
      activityWindowMonths: settings.activityWindowMonths,
    });
  }

  async ensureJourney(spec: DatasetModel['journey']): Promise<void> {
    const journeys = await this.services.journeys.listJourneys(this.workspaceId);
    if (journeys.length > 0) return;
    const journey = await this.services.journeys.createJourney(this.workspaceId, {
      name: spec.name,
      description: spec.description,
      template: JourneyTemplate[spec.template],
    });
    const phases: { id: string; key: string }[] = await this.dataSource.query('SELECT id, key FROM phase WHERE workspace_id = $1 AND journey_id = $2', [
      this.workspaceId,
      journey.id,
    ]);
    for (const o of spec.owners) {
      const owner = await this.services.journeys.createOwner(this.workspaceId, { name: o.name, function: OwnerFunction[o.function], email: o.email });
      const phase = phases.find((p) => p.key === o.phaseKey);
      if (phase) await this.services.journeys.updatePhase(this.workspaceId, phase.id, { ownerId: owner.id });
    }
  }

  upsertTiers(rows: TierRow[]) {
    return this.services.customers.upsertTiers(this.workspaceId, as(TierRowInput, rows));
  }
  upsertSegments(rows: TierRow[]) {
    return this.services.customers.upsertSegments(this.workspaceId, as(SegmentRowInput, rows));
  }
  async deleteUnused(list: 'tier' | 'segment', keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await (list === 'tier' ? this.services.customers.deleteTier(this.workspaceId, key) : this.services.customers.deleteSegment(this.workspaceId, key));
      } catch (err) {
        if (!(err instanceof AppError && err.extensions.code === ErrorCode.NOT_FOUND)) throw err;
      }
    }
  }
  upsertPartners(rows: NamedRow[]) {
    return this.services.customers.upsertPartners(this.workspaceId, as(NamedRowInput, rows));
  }
  upsertCampaigns(rows: NamedRow[]) {
    return this.services.customers.upsertCampaigns(this.workspaceId, as(NamedRowInput, rows));
  }
  upsertCustomers(rows: CustomerRow[]) {
    return this.services.customers.upsertCustomers(this.scope, as(CustomerRowInput, rows));
  }
  recordRevenue(rows: RevenueRow[]) {
    return this.services.facts.recordRevenue(this.scope, as(RevenueRowInput, rows));
  }
  recordCosts(rows: CostRow[]) {
    return this.services.facts.recordCosts(this.scope, as(CostRowInput, rows));
  }
  recordInvoices(rows: InvoiceRow[]) {
    return this.services.facts.recordInvoices(this.scope, as(InvoiceRowInput, rows));
  }
  recordSurveys(rows: SurveyRow[]) {
    return this.services.facts.recordSurveys(this.scope, as(SurveyRowInput, rows.map((r) => ({ ...r, respondedAt: new Date(r.respondedAt) }))));
  }
  recordEvents(rows: EventRow[]) {
    return this.services.facts.recordEvents(this.scope, as(EventRowInput, rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt) }))));
  }
  recordOrders(rows: OrderRow[]) {
    return this.services.orders.recordOrders(this.scope, as(OrderRowInput, rows.map((r) => ({ ...r, orderedAt: new Date(r.orderedAt) }))));
  }
  recordRefunds(rows: RefundRow[]) {
    return this.services.orders.recordRefunds(this.scope, as(RefundRowInput, rows.map((r) => ({ ...r, refundedAt: new Date(r.refundedAt) }))));
  }
  /**
   * Statistics of the tables just filled (autovacuum takes a minute to come): without them the planner picks nested loops, and the
   * first KPI statements take seconds instead of tens of milliseconds.
   */
  async finish(): Promise<void> {
    await this.dataSource.query('ANALYZE customer, revenue, cost, invoice, survey, event, "order", refund');
  }
}

const MUTATIONS: Record<string, string> = {
  upsertTiers: 'TierRowInput',
  upsertSegments: 'SegmentRowInput',
  upsertPartners: 'NamedRowInput',
  upsertCampaigns: 'NamedRowInput',
  upsertCustomers: 'CustomerRowInput',
  recordRevenue: 'RevenueRowInput',
  recordCosts: 'CostRowInput',
  recordInvoices: 'InvoiceRowInput',
  recordSurveys: 'SurveyRowInput',
  recordEvents: 'EventRowInput',
  recordOrders: 'OrderRowInput',
  recordRefunds: 'RefundRowInput',
};

/** Over HTTP: the GraphQL batch mutations of a running server, with an ADMIN key (rows as variables). */
export class GraphQLSink implements IngestionSink {
  constructor(
    private readonly url: string,
    private readonly key: string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: { data?: T; errors?: unknown[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`HTTP ${res.status} from ${this.url}: ${text.slice(0, 300)}`);
    }
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 2000)}`);
    return body.data as T;
  }

  private mutate(name: string, rows: object[]): Promise<IngestionResult> {
    const query = `mutation($rows: [${MUTATIONS[name]}!]!) { ${name}(rows: $rows) { inserted updated unchanged } }`;
    return this.request<Record<string, IngestionResult>>(query, { rows }).then((data) => data[name]);
  }

  async configure(settings: DatasetModel['settings']): Promise<void> {
    await this.request(`mutation($input: UpdateWorkspaceInput!) { updateWorkspace(input: $input) { id } }`, { input: settings });
  }

  async ensureJourney(spec: DatasetModel['journey']): Promise<void> {
    const { journeys } = await this.request<{ journeys: { id: string }[] }>('{ journeys { id } }');
    if (journeys.length > 0) return;
    const { createJourney } = await this.request<{ createJourney: { phases: { id: string; key: string }[] } }>(
      `mutation($input: CreateJourneyInput!) { createJourney(input: $input) { phases { id key } } }`,
      { input: { name: spec.name, description: spec.description, template: spec.template } },
    );
    for (const o of spec.owners) {
      const { createOwner } = await this.request<{ createOwner: { id: string } }>(
        `mutation($input: CreateOwnerInput!) { createOwner(input: $input) { id } }`,
        { input: { name: o.name, function: o.function, email: o.email } },
      );
      const phase = createJourney.phases.find((p) => p.key === o.phaseKey);
      if (phase) {
        await this.request(`mutation($id: ID!, $o: ID!) { updatePhase(id: $id, input: { ownerId: $o }) { id } }`, { id: phase.id, o: createOwner.id });
      }
    }
  }

  upsertTiers(rows: TierRow[]) {
    return this.mutate('upsertTiers', rows);
  }
  upsertSegments(rows: TierRow[]) {
    return this.mutate('upsertSegments', rows);
  }
  async deleteUnused(list: 'tier' | 'segment', keys: string[]): Promise<void> {
    const mutation = list === 'tier' ? 'deleteTier' : 'deleteSegment';
    for (const key of keys) {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify({ query: `mutation($key: String!) { ${mutation}(key: $key) }`, variables: { key } }),
      });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      if (body.errors?.length && body.errors[0].extensions?.code !== 'NOT_FOUND') throw new Error(`${mutation} "${key}": ${JSON.stringify(body.errors)}`);
    }
  }
  upsertPartners(rows: NamedRow[]) {
    return this.mutate('upsertPartners', rows);
  }
  upsertCampaigns(rows: NamedRow[]) {
    return this.mutate('upsertCampaigns', rows);
  }
  upsertCustomers(rows: CustomerRow[]) {
    return this.mutate('upsertCustomers', rows);
  }
  recordRevenue(rows: RevenueRow[]) {
    return this.mutate('recordRevenue', rows);
  }
  recordCosts(rows: CostRow[]) {
    return this.mutate('recordCosts', rows);
  }
  recordInvoices(rows: InvoiceRow[]) {
    return this.mutate('recordInvoices', rows);
  }
  recordSurveys(rows: SurveyRow[]) {
    return this.mutate('recordSurveys', rows);
  }
  recordEvents(rows: EventRow[]) {
    return this.mutate('recordEvents', rows);
  }
  recordOrders(rows: OrderRow[]) {
    return this.mutate('recordOrders', rows);
  }
  recordRefunds(rows: RefundRow[]) {
    return this.mutate('recordRefunds', rows);
  }
  /** The server's autovacuum analyzes the tables. */
  async finish(): Promise<void> {}
}

export type RowKind = keyof DatasetChunk;

export interface SeedSummary {
  rows: Record<RowKind, number>;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  ms: number;
}

type FactKind = Exclude<RowKind, 'customers' | 'refunds'>;
const FACT_KINDS: FactKind[] = ['revenue', 'costs', 'invoices', 'surveys', 'events', 'orders'];

/** The facts of one kind of a chunk, in batches, each through its own mutation. */
function factWriter(sink: IngestionSink, chunk: DatasetChunk, kind: FactKind): (from: number, to: number) => Promise<IngestionResult> {
  switch (kind) {
    case 'revenue':
      return (from, to) => sink.recordRevenue(chunk.revenue.slice(from, to));
    case 'costs':
      return (from, to) => sink.recordCosts(chunk.costs.slice(from, to));
    case 'invoices':
      return (from, to) => sink.recordInvoices(chunk.invoices.slice(from, to));
    case 'surveys':
      return (from, to) => sink.recordSurveys(chunk.surveys.slice(from, to));
    case 'events':
      return (from, to) => sink.recordEvents(chunk.events.slice(from, to));
    case 'orders':
      return (from, to) => sink.recordOrders(chunk.orders.slice(from, to));
  }
}

/**
 * Generates the dataset of a model (the B2B SaaS workspace by default) and writes it through the sink: the settings, the journey
 * and the reference data (the model's own tiers and segments replace the defaults), then per chunk of customers their records
 * and then their facts, in batches of up to 10,000 rows (refunds after the orders they name). Idempotent: writing the same seed
 * again reports every row unchanged.
 */
export async function seedWorkspace(
  sink: IngestionSink,
  datasetOptions: DatasetOptions,
  settings: { batchSize?: number; onProgress?: (summary: SeedSummary) => void; model?: DatasetModel } = {},
): Promise<SeedSummary> {
  const model = settings.model ?? SAAS_MODEL;
  const started = Date.now();
  const options = withFixedStart(datasetOptions);
  const batchSize = Math.min(settings.batchSize ?? MAX_BATCH_ROWS, MAX_BATCH_ROWS);
  const summary: SeedSummary = {
    rows: { customers: 0, revenue: 0, costs: 0, invoices: 0, surveys: 0, events: 0, orders: 0, refunds: 0 },
    total: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    ms: 0,
  };
  const count = (result: IngestionResult) => {
    summary.inserted += result.inserted;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
  };
  await sink.configure(model.settings);
  await sink.ensureJourney(model.journey);
  const reference = model.referenceData(options);
  count(await sink.upsertTiers(reference.tiers));
  if (reference.segments) count(await sink.upsertSegments(reference.segments));
  count(await sink.upsertPartners(reference.partners));
  count(await sink.upsertCampaigns(reference.campaigns));
  // A model with tiers and segments of its own keeps only those (the defaults are unused: nothing names them).
  await sink.deleteUnused('tier', DEFAULT_TIERS.map((t) => t.key).filter((key) => !reference.tiers.some((t) => t.key === key)));
  if (reference.segments) {
    const own = reference.segments;
    await sink.deleteUnused('segment', DEFAULT_SEGMENTS.map((s) => s.key).filter((key) => !own.some((s) => s.key === key)));
  }

  for (const chunk of model.generateDataset(options, Math.max(1, Math.floor(batchSize / 5)))) {
    for (let from = 0; from < chunk.customers.length; from += batchSize) count(await sink.upsertCustomers(chunk.customers.slice(from, from + batchSize)));
    summary.rows.customers += chunk.customers.length;
    // The fact tables of a chunk are independent of each other: two writers at a time keep Node and PostgreSQL both busy.
    const queue = FACT_KINDS.filter((kind) => chunk[kind].length > 0);
    const worker = async () => {
      for (let kind = queue.shift(); kind; kind = queue.shift()) {
        const write = factWriter(sink, chunk, kind);
        for (let from = 0; from < chunk[kind].length; from += batchSize) count(await write(from, from + batchSize));
        summary.rows[kind] += chunk[kind].length;
      }
    };
    await Promise.all([worker(), worker()]);
    for (let from = 0; from < chunk.refunds.length; from += batchSize) count(await sink.recordRefunds(chunk.refunds.slice(from, from + batchSize)));
    summary.rows.refunds += chunk.refunds.length;
    summary.total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    summary.ms = Date.now() - started;
    settings.onProgress?.({ ...summary, rows: { ...summary.rows } });
  }
  await sink.finish();
  summary.ms = Date.now() - started;
  return summary;
}
