import type { DataSource } from 'typeorm';
import { EventType, FactKind, SurveyKind } from './fact.enums';
import {
  BatchReport,
  IngestionResult,
  assertBatchSize,
  sortedByKey,
  checkDuplicateKeys,
  checkRowRules,
  idsByExternalId,
  counted,
  type IngestedRows,
  inBatchTransaction,
  resolveReferences,
  moneyText,
  upsertRows,
  resolveCustomers,
  guardForeignFacts,
  factCustomerSql,
  changedRows,
  type UpsertSpec,
  type CustomerFactTable,
} from './ingestion';
import type { FactDeletion } from './fact.types';
import type { DataScope } from '../../core/data-scope';
import type {
  CostRowInput,
  EventRowInput,
  InvoiceRowInput,
  RevenueKeyInput,
  RevenueRowInput,
  SurveyRowInput,
} from './dtos/fact-rows.inputs';
import { maintainedWrite, touchedByExternalIds, touchedByRows, touchedOf } from '../kpi/aggregates/kpi-aggregates';

const SCORE_RANGE: Record<SurveyKind, [number, number]> = { [SurveyKind.CSAT]: [1, 5], [SurveyKind.NPS]: [0, 10] };

const TABLE_OF: Record<FactKind, CustomerFactTable> = {
  [FactKind.COST]: 'cost',
  [FactKind.INVOICE]: 'invoice',
  [FactKind.SURVEY]: 'survey',
  [FactKind.EVENT]: 'event',
  [FactKind.ORDER]: 'order',
  [FactKind.REFUND]: 'refund',
};

const NUL = '\u0000';

/** Facts: revenue, costs, invoices, surveys and events, written in validated, idempotent, set-wise batches. */
export class FactService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestedRows: IngestedRows,
  ) {}

  async recordRevenue(scope: DataScope, rows: RevenueRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordRevenue', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      checkDuplicateKeys(rows, (r) => [r.customer, r.month, r.type].join(NUL), 'month', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(
        rows.map((r) => ({ customerId: customers.get(r.customer)!, month: r.month, type: r.type, amount: moneyText(r.amount) })),
        (r) => [r.customerId, r.month, r.type].join(NUL),
      );
      const spec: UpsertSpec = {
        table: 'revenue',
        workspaceId: scope.workspaceId,
        key: ['customer_id', 'month', 'type'],
        columns: [
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => r.customerId) },
          { name: 'month', type: 'date', values: sorted.map((r) => r.month) },
          { name: 'type', type: 'revenue_type', values: sorted.map((r) => r.type) },
          { name: 'amount', type: 'numeric', values: sorted.map((r) => r.amount) },
        ],
      };
      // The aggregates recompute the customers of the rows that change; every row's month still moves the horizon.
      const touched = async () => {
        const only = await changedRows(em, spec, sorted);
        const latest = touchedByRows('revenue', [], sorted.map((r) => r.month)).latest;
        return { ...touchedByRows('revenue', only.map((r) => r.customerId), only.map((r) => r.month)), latest };
      };
      return maintainedWrite(em, scope.workspaceId, touched, () => upsertRows(em, spec));
    }));
  }

  async recordCosts(scope: DataScope, rows: CostRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordCosts', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      const campaigns = await resolveReferences(em, 'campaign', scope.workspaceId, rows, 'campaign', 'campaign', report);
      await guardForeignFacts(em, 'cost', scope, rows, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const spec: UpsertSpec = {
        table: 'cost',
        workspaceId: scope.workspaceId,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'category', type: 'cost_category', values: sorted.map((r) => r.category) },
          { name: 'month', type: 'date', values: sorted.map((r) => r.month) },
          { name: 'amount', type: 'numeric', values: sorted.map((r) => moneyText(r.amount)) },
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => (r.customer ? customers.get(r.customer)! : null)) },
          { name: 'campaign_id', type: 'uuid', values: sorted.map((r) => (r.campaign ? campaigns.get(r.campaign)! : null)) },
        ],
      };
      const touched = async () => {
        const only = await changedRows(em, spec, sorted);
        return touchedOf([
          await touchedByExternalIds(em, 'cost', scope.workspaceId, only.map((r) => r.externalId)),
          touchedByRows('cost', only.map((r) => (r.customer ? customers.get(r.customer)! : null)), only.map((r) => r.month)),
        ]);
      };
      return maintainedWrite(em, scope.workspaceId, touched, () => upsertRows(em, spec));
    }));
  }

  async recordInvoices(scope: DataScope, rows: InvoiceRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordInvoices', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      rows.forEach((r, i) => {
        if (r.dueOn < r.issuedOn) report.invalid(i, 'dueOn', `dueOn (${r.dueOn}) must not be before issuedOn (${r.issuedOn})`);
        if (r.paidOn && r.paidOn < r.issuedOn) report.invalid(i, 'paidOn', `paidOn (${r.paidOn}) must not be before issuedOn (${r.issuedOn})`);
      });
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      await guardForeignFacts(em, 'invoice', scope, rows, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const spec: UpsertSpec = {
        table: 'invoice',
        workspaceId: scope.workspaceId,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => customers.get(r.customer)!) },
          { name: 'issued_on', type: 'date', values: sorted.map((r) => r.issuedOn) },
          { name: 'due_on', type: 'date', values: sorted.map((r) => r.dueOn) },
          { name: 'paid_on', type: 'date', values: sorted.map((r) => r.paidOn ?? null) },
          { name: 'amount', type: 'numeric', values: sorted.map((r) => moneyText(r.amount)) },
        ],
      };
      const touched = async () => {
        const only = await changedRows(em, spec, sorted);
        return touchedOf([
          await touchedByExternalIds(em, 'invoice', scope.workspaceId, only.map((r) => r.externalId)),
          touchedByRows('invoice', only.map((r) => customers.get(r.customer)!), only.map((r) => r.issuedOn)),
        ]);
      };
      return maintainedWrite(em, scope.workspaceId, touched, () => upsertRows(em, spec));
    }));
  }

  async recordSurveys(scope: DataScope, rows: SurveyRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordSurveys', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      rows.forEach((r, i) => {
        const [low, high] = SCORE_RANGE[r.kind];
        if (!(r.score >= low && r.score <= high)) report.invalid(i, 'score', `a ${r.kind} score must be between ${low} and ${high}; got ${r.score}`);
      });
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      await guardForeignFacts(em, 'survey', scope, rows, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const spec: UpsertSpec = {
        table: 'survey',
        workspaceId: scope.workspaceId,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => customers.get(r.customer)!) },
          { name: 'kind', type: 'survey_kind', values: sorted.map((r) => r.kind) },
          { name: 'score', type: 'smallint', values: sorted.map((r) => r.score) },
          { name: 'responded_at', type: 'timestamptz', values: sorted.map((r) => r.respondedAt.toISOString()) },
        ],
      };
      const touched = async () => {
        const only = await changedRows(em, spec, sorted);
        return touchedOf([
          await touchedByExternalIds(em, 'survey', scope.workspaceId, only.map((r) => r.externalId)),
          touchedByRows('survey', only.map((r) => customers.get(r.customer)!), only.map((r) => r.respondedAt.toISOString())),
        ]);
      };
      return maintainedWrite(em, scope.workspaceId, touched, () => upsertRows(em, spec));
    }));
  }

  async recordEvents(scope: DataScope, rows: EventRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordEvents', inBatchTransaction(this.dataSource, async (em) => {
      const report = new BatchReport();
      checkRowRules(rows, report);
      rows.forEach((r, i) => {
        if (r.type === EventType.PHASE_ENTERED && !r.phase) {
          report.invalid(i, 'phase', 'a PHASE_ENTERED event needs the key of the phase entered');
        }
      });
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      const ws = scope.workspaceId;
      const touchpoints = await resolveReferences(em, 'touchpoint', ws, rows, 'touchpoint', 'touchpoint key', report);
      const campaigns = await resolveReferences(em, 'campaign', ws, rows, 'campaign', 'campaign', report);
      const phases = await resolveReferences(em, 'phase', ws, rows, 'phase', 'phase key', report);
      await guardForeignFacts(em, 'event', scope, rows, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const idOf = (map: Map<string, string>, ref: string | null | undefined) => (ref ? map.get(ref)! : null);
      const spec: UpsertSpec = {
        table: 'event',
        workspaceId: ws,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => customers.get(r.customer)!) },
          { name: 'type', type: 'event_type', values: sorted.map((r) => r.type) },
          { name: 'occurred_at', type: 'timestamptz', values: sorted.map((r) => r.occurredAt.toISOString()) },
          { name: 'touchpoint_id', type: 'uuid', values: sorted.map((r) => idOf(touchpoints, r.touchpoint)) },
          { name: 'campaign_id', type: 'uuid', values: sorted.map((r) => idOf(campaigns, r.campaign)) },
          { name: 'phase_id', type: 'uuid', values: sorted.map((r) => idOf(phases, r.phase)) },
        ],
      };
      const touched = async () => {
        const only = await changedRows(em, spec, sorted);
        return touchedOf([
          await touchedByExternalIds(em, 'event', ws, only.map((r) => r.externalId)),
          touchedByRows('event', only.map((r) => customers.get(r.customer)!), only.map((r) => r.occurredAt.toISOString())),
        ]);
      };
      return maintainedWrite(em, ws, touched, () => upsertRows(em, spec));
    }));
  }

  /**
   * Deletes facts by external id; a PARTNER key deletes only facts of its partner's customers. Deleting an order deletes its
   * refunds with it (they refund nothing any more).
   */
  async deleteFacts(scope: DataScope, kind: FactKind, externalIds: string[]): Promise<FactDeletion> {
    assertBatchSize(externalIds);
    const table = TABLE_OF[kind];
    const wanted = [...new Set(externalIds)];
    const partnerOnly = scope.partnerId
      ? `AND ${factCustomerSql(table)} IN (SELECT id FROM customer WHERE workspace_id = $1 AND partner_id = $3)`
      : '';
    const params: unknown[] = [scope.workspaceId, wanted];
    if (scope.partnerId) params.push(scope.partnerId);
    const deleted = await inBatchTransaction(this.dataSource, (em) =>
      maintainedWrite(
        em,
        scope.workspaceId,
        () => touchedByExternalIds(em, table, scope.workspaceId, wanted),
        async () =>
          (await em.query(
            `DELETE FROM "${table}" f WHERE f.workspace_id = $1 AND f.external_id = ANY($2::varchar[]) ${partnerOnly} RETURNING f.external_id`,
            params,
          )) as [{ external_id: string }[], number],
      ),
    );
    const gone = new Set(deleted[0].map((r) => r.external_id));
    return { deleted: gone.size, notFound: wanted.filter((id) => !gone.has(id)) };
  }

  /** Deletes revenue rows by (customer, month, type); a PARTNER key deletes only rows of its partner's customers. */
  async deleteRevenue(scope: DataScope, keys: RevenueKeyInput[]): Promise<FactDeletion> {
    assertBatchSize(keys);
    const label = (k: { customer: string; month: string; type: string }) => `${k.customer} ${k.month} ${k.type}`;
    const visible = await idsByExternalId(this.dataSource.manager, 'customer', scope.workspaceId, keys.map((k) => k.customer));
    const customerIds = new Map(
      [...visible].filter(([, c]) => !scope.partnerId || c.partnerId === scope.partnerId).map(([ext, c]) => [ext, c.id]),
    );
    const known = keys.filter((k) => customerIds.has(k.customer));
    const ids = known.map((k) => customerIds.get(k.customer)!);
    const deleted = await inBatchTransaction(this.dataSource, (em) =>
      maintainedWrite(em, scope.workspaceId, async () => touchedByRows('revenue', ids, known.map((k) => k.month)), async () => (await em.query(
      `DELETE FROM revenue r USING unnest($2::uuid[], $3::date[], $4::revenue_type[]) AS k(customer_id, month, type)
        WHERE r.workspace_id = $1 AND r.customer_id = k.customer_id AND r.month = k.month AND r.type = k.type
        RETURNING r.customer_id, to_char(r.month, 'YYYY-MM-DD') AS month, r.type`,
      [scope.workspaceId, ids, known.map((k) => k.month), known.map((k) => k.type)],
    )) as [{ customer_id: string; month: string; type: string }[], number]));
    const gone = new Set(deleted[0].map((r) => [r.customer_id, r.month, r.type].join(NUL)));
    const missing = keys.filter((k) => !gone.has([customerIds.get(k.customer), k.month, k.type].join(NUL)));
    return { deleted: gone.size, notFound: [...new Set(missing.map(label))] };
  }
}
