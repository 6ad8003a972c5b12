import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, notFound } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import { ZERO_UUID } from '../../core/sql';
import {
  BatchReport,
  IngestionResult,
  RowProblemReason,
  assertBatchSize,
  sortedByKey,
  checkDuplicateKeys,
  checkRowRules,
  idsByExternalId,
  counted,
  type IngestedRows,
  inBatchTransaction,
  resolveReferences,
  upsertRows,
} from '../facts/ingestion';
import type { DataScope } from '../../core/data-scope';
import { primaryReads, type ReplicaReads } from '../../core/reads';
import type { Selection } from '../../core/selection';
import { EntityTrees, type Embeddable, type Embeddables } from '../../db/entity-json';
import { PreparedStatements } from '../../db/prepared';
import { Customer } from './customer.entity';
import { Tier } from './tier.entity';
import { Segment } from './segment.entity';
import { Campaign } from './campaign.entity';
import { Partner } from './partner.entity';
import { SalesChannel } from './customer.enums';
import type { CustomerConnection, CustomerErasure } from './customer.types';
import type { CustomerFilter, CustomerRowInput, NamedRowInput, SegmentRowInput, TierRowInput } from './dtos/customer.inputs';
import { lockKpiAggregates, maintainedWrite, type Touched } from '../kpi/aggregates/kpi-aggregates';

/** Tiers and segments: the workspace's own ranked lists that customers are in, upserted and deleted the same way. */
const RANKED_LISTS = {
  tier: { entity: Tier, column: 'tierId', mutation: 'upsertTiers', what: 'Tier' },
  segment: { entity: Segment, column: 'segmentId', mutation: 'upsertSegments', what: 'Segment' },
} as const;
type RankedList = keyof typeof RANKED_LISTS;

export const MAX_PAGE_SIZE = 500;

/** An edge whose cursor is made only when read: most pages are read without every edge's cursor. */
class PageEdge {
  constructor(readonly node: Customer) {}

  get cursor(): string {
    return encodeCursor([this.node.name, this.node.id]);
  }
}

/** What a page of customers is asked for: the selection of each node, and whether the filter's total is. */
export interface CustomerPageSelection {
  node: Selection;
  totalCount: boolean;
}

/** The columns a cursor is made of, read whatever the query selects. */
const CURSOR_FIELDS = ['name'];

/** Every column of a customer, no relation embedded (callers without a GraphQL selection). */
const FULL_CUSTOMER: Selection = {
  fields: new Map(['externalId', 'name', 'region', 'country', 'channel', 'acquiredOn', 'createdAt', 'updatedAt'].map((f) => [f, { fields: new Map() }])),
};

/** Relations of a customer a page embeds when the query selects them. */
const CUSTOMER_EMBEDDABLES: Embeddables = new Map<Function, Record<string, Embeddable>>([
  [
    Customer,
    {
      tier: { entity: Tier, many: false, on: (p, c) => `${c}.id = ${p}.tier_id` },
      partner: { entity: Partner, many: false, on: (p, c) => `${c}.id = ${p}.partner_id` },
      acquisitionCampaign: { entity: Campaign, many: false, on: (p, c) => `${c}.id = ${p}.acquisition_campaign_id` },
    },
  ],
]);

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const nonEmpty = <T>(list: T[] | null | undefined): list is T[] => Array.isArray(list) && list.length > 0;

/**
 * Customers and the reference data they point at (tiers, campaigns, partners): queries, batch upserts and erasure. Their lists
 * are under the workspace's data version, so a read replica serves them while it is current (`reads`).
 */
export class CustomerService {
  private readonly statements = new PreparedStatements();
  private readonly trees: EntityTrees;
  private readonly jsonOf = new WeakMap<Selection, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestedRows: IngestedRows,
    private readonly reads: ReplicaReads = primaryReads(dataSource),
  ) {
    this.trees = new EntityTrees(dataSource, CUSTOMER_EMBEDDABLES);
  }

  // ---- queries

  /**
   * A page of customers (by name, then id) with the columns the query selects and, when selected, their tier, partner and
   * acquisition campaign, in one statement sent as a named prepared statement; the filter's total only when `totalCount` is
   * selected (a second statement).
   */
  async listCustomers(
    scope: DataScope,
    first: number,
    after: string | null,
    filter: CustomerFilter | null,
    selection: CustomerPageSelection = { node: FULL_CUSTOMER, totalCount: true },
  ): Promise<CustomerConnection> {
    if (first < 0 || first > MAX_PAGE_SIZE) throw badInput([{ path: 'first', message: `first must be between 0 and ${MAX_PAGE_SIZE}` }]);
    return this.reads.read(scope.workspaceId, (db) => this.customerPage(db, scope, first, after, filter, selection));
  }

  private async customerPage(
    db: DataSource,
    scope: DataScope,
    first: number,
    after: string | null,
    filter: CustomerFilter | null,
    selection: CustomerPageSelection,
  ): Promise<CustomerConnection> {
    const params: unknown[] = [scope.workspaceId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['c.workspace_id = $1'];
    if (scope.partnerId) where.push(`c.partner_id = ${param(scope.partnerId)}`);
    const f = filter ?? {};
    if (nonEmpty(f.tier)) where.push(`c.tier_id IN (SELECT t.id FROM tier t WHERE t.workspace_id = $1 AND t.key = ANY(${param(f.tier)}))`);
    if (nonEmpty(f.segment)) where.push(`c.segment_id IN (SELECT s.id FROM segment s WHERE s.workspace_id = $1 AND s.key = ANY(${param(f.segment)}))`);
    if (nonEmpty(f.region)) where.push(`c.region = ANY(${param(f.region)})`);
    if (nonEmpty(f.country)) where.push(`c.country = ANY(${param(f.country)})`);
    if (nonEmpty(f.channel)) where.push(`c.channel = ANY(CAST(${param(f.channel)} AS sales_channel[]))`);
    if (nonEmpty(f.partner)) {
      where.push(`c.partner_id IN (SELECT p.id FROM partner p WHERE p.workspace_id = $1 AND p.external_id = ANY(${param(f.partner)}))`);
    }
    if (nonEmpty(f.campaign)) {
      where.push(`c.acquisition_campaign_id IN (SELECT k.id FROM campaign k WHERE k.workspace_id = $1 AND k.external_id = ANY(${param(f.campaign)}))`);
    }
    if (f.acquiredFrom) where.push(`c.acquired_on >= ${param(f.acquiredFrom)}`);
    if (f.acquiredTo) where.push(`c.acquired_on <= ${param(f.acquiredTo)}`);
    if (f.search) {
      const search = param(likePattern(f.search));
      where.push(`(c.name ILIKE ${search} OR c.external_id ILIKE ${search})`);
    }
    const filtered = where.join(' AND ');
    const count = selection.totalCount
      ? this.statements.query<{ n: number }>(db, `SELECT count(*)::int AS n FROM customer c WHERE ${filtered}`, [...params])
      : undefined;
    const pageWhere = [...where];
    if (after) {
      const [name, id] = decodeCursor(after, 2) as [string, string];
      pageWhere.push(`(c.name, c.id) > (${param(name)}, CAST(${param(isUuid(id) ? id : ZERO_UUID)} AS uuid))`);
    }
    const node = selection.node;
    let columns = this.jsonOf.get(node);
    if (!columns) this.jsonOf.set(node, (columns = this.trees.json(Customer, node, 'c', '$1', CURSOR_FIELDS)));
    const sql =
      `SELECT ${columns} AS r FROM customer c WHERE ${pageWhere.join(' AND ')} ` +
      `ORDER BY c.name, c.id LIMIT ${param(first + 1)}`;
    const [rows, total] = await Promise.all([this.statements.query<{ r: Record<string, unknown> }>(db, sql, params), count]);
    const nodes = rows.slice(0, first).map((row) => this.trees.hydrate<Customer>(Customer, node, row.r, CURSOR_FIELDS));
    const edges = nodes.map((n) => new PageEdge(n));
    return {
      edges,
      // Not selected: never read.
      totalCount: total ? total[0].n : (undefined as unknown as number),
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: Boolean(after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  async customerByExternalId(scope: DataScope, externalId: string): Promise<Customer> {
    const customer = await this.dataSource.getRepository(Customer).findOne({
      where: { workspaceId: scope.workspaceId, externalId, ...(scope.partnerId ? { partnerId: scope.partnerId } : {}) },
    });
    if (!customer) throw notFound('customer', externalId);
    return customer;
  }

  listTiers(workspaceId: string): Promise<Tier[]> {
    return this.reads.read(workspaceId, (db) => db.getRepository(Tier).find({ where: { workspaceId }, order: { rank: 'ASC', key: 'ASC' } }));
  }

  listSegments(workspaceId: string): Promise<Segment[]> {
    return this.reads.read(workspaceId, (db) => db.getRepository(Segment).find({ where: { workspaceId }, order: { rank: 'ASC', key: 'ASC' } }));
  }

  listCampaigns(workspaceId: string): Promise<Campaign[]> {
    return this.reads.read(workspaceId, (db) =>
      db.getRepository(Campaign).find({ where: { workspaceId }, order: { name: 'ASC', externalId: 'ASC' } }),
    );
  }

  /** A PARTNER key sees only its own partner. */
  listPartners(scope: DataScope): Promise<Partner[]> {
    return this.reads.read(scope.workspaceId, (db) =>
      db.getRepository(Partner).find({
        where: { workspaceId: scope.workspaceId, ...(scope.partnerId ? { id: scope.partnerId } : {}) },
        order: { name: 'ASC', externalId: 'ASC' },
      }),
    );
  }

  // ---- batch upserts

  async upsertCustomers(scope: DataScope, rows: CustomerRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'upsertCustomers', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      rows.forEach((r, i) => {
        if (r.channel === SalesChannel.PARTNER && !r.partner) report.invalid(i, 'partner', 'a customer of the PARTNER channel must name its partner');
      });
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const ws = scope.workspaceId;
      if (scope.partnerId) await this.guardPartnerField(em, scope, rows, report);
      const tiers = await resolveReferences(em, 'tier', ws, rows, 'tier', 'tier with key', report);
      const segments = await resolveReferences(em, 'segment', ws, rows, 'segment', 'segment with key', report);
      const partners = await resolveReferences(em, 'partner', ws, rows, 'partner', 'partner with external id', report);
      const campaigns = await resolveReferences(em, 'campaign', ws, rows, 'acquisitionCampaign', 'campaign with external id', report);
      if (scope.partnerId) await this.guardPartnerCustomers(em, scope, rows, partners, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const idOf = (map: Map<string, string>, ref: string | null | undefined) => (ref ? map.get(ref)! : null);
      // The KPI aggregates count a customer under its dimensions: an existing customer whose dimensions change moves, in every
      // period; a new one has no facts yet, and a change of name or country changes no number.
      const touched = async (): Promise<Touched> => {
        const moved: { id: string }[] = await em.query(
          `SELECT c.id FROM customer c
             JOIN unnest($2::varchar[], $3::uuid[], $4::uuid[], $5::varchar[], $6::sales_channel[], $7::uuid[], $8::uuid[])
               AS i(external_id, tier_id, segment_id, region, channel, partner_id, campaign_id) ON c.external_id = i.external_id
            WHERE c.workspace_id = $1
              AND ROW(c.tier_id, c.segment_id, c.region, c.channel, c.partner_id, c.acquisition_campaign_id)
                  IS DISTINCT FROM ROW(i.tier_id, i.segment_id, i.region, i.channel, i.partner_id, i.campaign_id)`,
          [
            ws,
            sorted.map((r) => r.externalId),
            sorted.map((r) => tiers.get(r.tier)!),
            sorted.map((r) => segments.get(r.segment)!),
            sorted.map((r) => r.region ?? null),
            sorted.map((r) => r.channel),
            sorted.map((r) => idOf(partners, r.partner)),
            sorted.map((r) => idOf(campaigns, r.acquisitionCampaign)),
          ],
        );
        return { customers: moved.map((m) => m.id), customerless: false, from: null, latest: null };
      };
      return maintainedWrite(em, ws, touched, () => upsertRows(em, {
        table: 'customer',
        workspaceId: ws,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'name', type: 'varchar', values: sorted.map((r) => r.name) },
          { name: 'tier_id', type: 'uuid', values: sorted.map((r) => tiers.get(r.tier)!) },
          { name: 'segment_id', type: 'uuid', values: sorted.map((r) => segments.get(r.segment)!) },
          { name: 'region', type: 'varchar', values: sorted.map((r) => r.region ?? null) },
          { name: 'country', type: 'char(2)', values: sorted.map((r) => r.country ?? null) },
          { name: 'channel', type: 'sales_channel', values: sorted.map((r) => r.channel) },
          { name: 'partner_id', type: 'uuid', values: sorted.map((r) => idOf(partners, r.partner)) },
          { name: 'acquisition_campaign_id', type: 'uuid', values: sorted.map((r) => idOf(campaigns, r.acquisitionCampaign)) },
          { name: 'acquired_on', type: 'date', values: sorted.map((r) => r.acquiredOn ?? null) },
        ],
        touch: ['updated_at = now()'],
      }));
    }));
  }

  /**
   * A PARTNER key's rows must name its own partner. Any other value is FORBIDDEN before it is looked up, so that the answer is
   * the same for another partner's external id and for one that does not exist.
   */
  private async guardPartnerField(em: EntityManager, scope: DataScope, rows: CustomerRowInput[], report: BatchReport): Promise<void> {
    const [own] = (await em.query(`SELECT external_id FROM partner WHERE id = $1 AND workspace_id = $2`, [scope.partnerId, scope.workspaceId])) as {
      external_id: string;
    }[];
    rows.forEach((r, i) => {
      if (report.has(i, 'partner') || (own && r.partner === own.external_id)) return;
      report.add(i, 'partner', RowProblemReason.FORBIDDEN, "a PARTNER key may only upsert customers of its own partner; name that partner's external id");
    });
  }

  /**
   * A PARTNER key upserts only customers of its own partner: an existing customer of another partner (or a direct one) cannot be
   * taken over by sending its external id. External ids are unique in the workspace, so such a row is refused; the message says
   * only that the id is taken, not whose it is.
   */
  private async guardPartnerCustomers(
    em: EntityManager,
    scope: DataScope,
    rows: CustomerRowInput[],
    _partners: Map<string, string>,
    report: BatchReport,
  ): Promise<void> {
    const existing = await idsByExternalId(em, 'customer', scope.workspaceId, rows.map((r) => r.externalId));
    rows.forEach((r, i) => {
      const customer = existing.get(r.externalId);
      if (customer && customer.partnerId !== scope.partnerId) {
        report.add(i, 'externalId', RowProblemReason.FORBIDDEN, `the external id "${r.externalId}" is already used in this workspace by a customer this key cannot write; choose another`);
      }
    });
  }

  upsertTiers(workspaceId: string, rows: TierRowInput[]): Promise<IngestionResult> {
    return this.upsertRanked('tier', workspaceId, rows);
  }

  upsertSegments(workspaceId: string, rows: SegmentRowInput[]): Promise<IngestionResult> {
    return this.upsertRanked('segment', workspaceId, rows);
  }

  /** Deletes a tier no customer is in; a tier in use is `CONFLICT` (move its customers first). Returns the key. */
  deleteTier(workspaceId: string, key: string): Promise<string> {
    return this.deleteRanked('tier', workspaceId, key);
  }

  /** Deletes a segment no customer is in; a segment in use is `CONFLICT` (move its customers first). Returns the key. */
  deleteSegment(workspaceId: string, key: string): Promise<string> {
    return this.deleteRanked('segment', workspaceId, key);
  }

  private async upsertRanked(list: RankedList, workspaceId: string, rows: (TierRowInput | SegmentRowInput)[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, RANKED_LISTS[list].mutation, inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      checkDuplicateKeys(rows, (r) => r.key, 'key', report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.key);
      return upsertRows(em, {
        table: list,
        workspaceId,
        key: ['key'],
        columns: [
          { name: 'key', type: 'varchar', values: sorted.map((r) => r.key) },
          { name: 'name', type: 'varchar', values: sorted.map((r) => r.name) },
          { name: 'rank', type: 'int', values: sorted.map((r) => r.rank) },
        ],
      });
    }));
  }

  private async deleteRanked(list: RankedList, workspaceId: string, key: string): Promise<string> {
    const { entity, column, what } = RANKED_LISTS[list];
    return this.dataSource.transaction(async (em) => {
      const found = await em.getRepository<Tier | Segment>(entity).findOne({ where: { workspaceId, key }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw notFound(list, key);
      const inUse = await em.getRepository(Customer).count({ where: { workspaceId, [column]: found.id } });
      if (inUse > 0) throw conflict(`${what} "${key}" still has ${inUse} customer(s); move them to another ${list} with upsertCustomers first.`);
      await em.getRepository<Tier | Segment>(entity).delete({ workspaceId, id: found.id });
      return key;
    });
  }

  upsertCampaigns(workspaceId: string, rows: NamedRowInput[]): Promise<IngestionResult> {
    return counted(this.ingestedRows, 'upsertCampaigns', this.upsertNamed('campaign', workspaceId, rows));
  }

  upsertPartners(workspaceId: string, rows: NamedRowInput[]): Promise<IngestionResult> {
    return counted(this.ingestedRows, 'upsertPartners', this.upsertNamed('partner', workspaceId, rows));
  }

  private async upsertNamed(table: 'campaign' | 'partner', workspaceId: string, rows: NamedRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      return upsertRows(em, {
        table,
        workspaceId,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'name', type: 'varchar', values: sorted.map((r) => r.name) },
        ],
      });
    });
  }

  // ---- erasure

  /** GDPR erasure: the customer and every fact about it, in one transaction. A PARTNER key erases only its own customers. */
  async deleteCustomer(scope: DataScope, id: string): Promise<CustomerErasure> {
    return inBatchTransaction(this.dataSource, async (em) => {
      // The aggregates' lock before the customer's row lock, in the order every maintained write takes them.
      await lockKpiAggregates(em, scope.workspaceId);
      const customer = isUuid(id)
        ? await em.getRepository(Customer).findOne({
            where: { workspaceId: scope.workspaceId, id, ...(scope.partnerId ? { partnerId: scope.partnerId } : {}) },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!customer) throw notFound('customer', id);
      const found = customer;
      return maintainedWrite(
        em,
        scope.workspaceId,
        async () => ({ customers: [found.id], customerless: false, from: null, latest: null }),
        () => this.erase(em, scope, found),
      );
    });
  }

  private async erase(em: EntityManager, scope: DataScope, customer: Customer): Promise<CustomerErasure> {
    {
      const count = async (deletion: Promise<unknown>) => ((await deletion) as [unknown, number])[1];
      const erase = (table: string) =>
        count(em.query(`DELETE FROM "${table}" WHERE workspace_id = $1 AND customer_id = $2`, [scope.workspaceId, customer.id]));
      const erasure = {
        id: customer.id,
        externalId: customer.externalId,
        revenue: await erase('revenue'),
        costs: await erase('cost'),
        invoices: await erase('invoice'),
        surveys: await erase('survey'),
        events: await erase('event'),
        // Refunds first: they belong to the customer through its orders.
        refunds: await count(em.query(
          `DELETE FROM refund r USING "order" o
            WHERE r.workspace_id = $1 AND o.workspace_id = $1 AND o.id = r.order_id AND o.customer_id = $2`,
          [scope.workspaceId, customer.id],
        )),
        orders: await erase('order'),
      };
      // Its kept share of the latest KPI aggregates (numbers under its id) goes with it, whether or not they are kept current.
      await em.query(`DELETE FROM kpi_customer_contribution WHERE workspace_id = $1 AND customer_id = $2`, [scope.workspaceId, customer.id]);
      await em.getRepository(Customer).delete({ workspaceId: scope.workspaceId, id: customer.id });
      return erasure;
    }
  }

}
