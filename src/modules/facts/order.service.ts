import type { DataSource, EntityManager } from 'typeorm';
import type { DataScope } from '../../core/data-scope';
import {
  BatchReport,
  IngestionResult,
  RowProblemReason,
  assertBatchSize,
  checkDuplicateKeys,
  checkRowRules,
  counted,
  guardForeignFacts,
  inBatchTransaction,
  moneyText,
  resolveCustomers,
  resolveReferences,
  sortedByKey,
  upsertRows,
  type IngestedRows,
} from './ingestion';
import type { OrderRowInput, RefundRowInput } from './dtos/fact-rows.inputs';
import { lockKpiAggregates, maintainedWrite, touchedByExternalIds, touchedByRows, touchedOf } from '../kpi/aggregates/kpi-aggregates';

/** An amount in cents, exact: amounts are numeric(14,2) (as text from PostgreSQL) or JSON numbers checked to two decimals. */
const cents = (amount: number | string): number => Math.round(Number(amount) * 100);
const money = (amountInCents: number): string => (amountInCents / 100).toFixed(2);

/** An order of the batch's refunds, locked for the batch: its refunds cannot change until the batch commits. */
interface LockedOrder {
  id: string;
  amountCents: number;
  orderedAt: Date;
  partnerId: string | null;
}

/**
 * Orders and refunds, written in validated, idempotent, set-wise batches like the other facts. What makes them different: the
 * refunds of an order never add up to more than its amount and are never dated before it, whichever batches (concurrent ones
 * included) wrote the order and its refunds. A refund batch locks the orders it names (in external id order, as an order batch's
 * upsert does) before it reads their refunds; an order batch that changes an order checks its refunds again once the write holds
 * the order's lock.
 */
export class OrderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ingestedRows: IngestedRows,
  ) {}

  async recordOrders(scope: DataScope, rows: OrderRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordOrders', inBatchTransaction(this.dataSource, async (em) => {
      const ws = scope.workspaceId;
      const report = new BatchReport();
      checkRowRules(rows, report);
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      const customers = await resolveCustomers(em, scope, rows, 'customer', report);
      const campaigns = await resolveReferences(em, 'campaign', ws, rows, 'campaign', 'campaign', report);
      const touchpoints = await resolveReferences(em, 'touchpoint', ws, rows, 'touchpoint', 'touchpoint key', report);
      await guardForeignFacts(em, 'order', scope, rows, report);
      await this.checkOrdersKeepTheirRefunds(em, ws, rows, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const touched = async () =>
        touchedOf([
          await touchedByExternalIds(em, 'order', ws, sorted.map((r) => r.externalId)),
          touchedByRows('order', sorted.map((r) => customers.get(r.customer)!), sorted.map((r) => r.orderedAt.toISOString())),
        ]);
      return maintainedWrite(em, ws, touched, () => this.writeOrders(em, ws, rows, sorted, customers, campaigns, touchpoints, report));
    }));
  }

  private async writeOrders(
    em: EntityManager,
    ws: string,
    rows: OrderRowInput[],
    sorted: OrderRowInput[],
    customers: Map<string, string>,
    campaigns: Map<string, string>,
    touchpoints: Map<string, string>,
    report: BatchReport,
  ): Promise<IngestionResult> {
    {
      const idOf = (map: Map<string, string>, ref: string | null | undefined) => (ref ? map.get(ref)! : null);
      const result = await upsertRows(em, {
        table: 'order',
        workspaceId: ws,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'customer_id', type: 'uuid', values: sorted.map((r) => customers.get(r.customer)!) },
          { name: 'ordered_at', type: 'timestamptz', values: sorted.map((r) => r.orderedAt.toISOString()) },
          { name: 'amount', type: 'numeric', values: sorted.map((r) => moneyText(r.amount)) },
          { name: 'campaign_id', type: 'uuid', values: sorted.map((r) => idOf(campaigns, r.campaign)) },
          { name: 'touchpoint_id', type: 'uuid', values: sorted.map((r) => idOf(touchpoints, r.touchpoint)) },
        ],
      });
      // A refund batch may have committed between the check and the write; the write now holds the changed orders' locks,
      // so this second look is final. A new order has no refunds, an unchanged one changed nothing.
      if (result.updated > 0) {
        await this.checkOrdersKeepTheirRefunds(em, ws, rows, report);
        report.throwIfAny(rows.length);
      }
      return result;
    }
  }

  async recordRefunds(scope: DataScope, rows: RefundRowInput[]): Promise<IngestionResult> {
    assertBatchSize(rows);
    return counted(this.ingestedRows, 'recordRefunds', inBatchTransaction(this.dataSource, async (em) => {
      const ws = scope.workspaceId;
      const report = new BatchReport();
      checkRowRules(rows, report);
      rows.forEach((r, i) => {
        if (r.amount === 0 && !report.has(i, 'amount')) report.invalid(i, 'amount', 'amount must be more than 0');
      });
      checkDuplicateKeys(rows, (r) => r.externalId, 'externalId', report);
      // The aggregates' lock first, as every maintained write takes it, then the orders' row locks: no two batches wait on each other crosswise.
      await lockKpiAggregates(em, ws);
      const orders = await this.lockOrders(em, scope, rows, report);
      await guardForeignFacts(em, 'refund', scope, rows, report);
      rows.forEach((r, i) => {
        const order = orders.get(r.order);
        if (order && r.refundedAt.getTime() < order.orderedAt.getTime() && !report.has(i, 'refundedAt')) {
          report.invalid(i, 'refundedAt', `refundedAt (${r.refundedAt.toISOString()}) must not be before its order "${r.order}" (${order.orderedAt.toISOString()})`);
        }
      });
      await this.checkRefundTotals(em, ws, rows, orders, report);
      report.throwIfAny(rows.length);
      const sorted = sortedByKey(rows, (r) => r.externalId);
      const touched = async () => {
        const orderIds = [...new Set(sorted.map((r) => orders.get(r.order)!.id))];
        const owners: { customer_id: string }[] = await em.query(
          `SELECT DISTINCT customer_id FROM "order" WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
          [ws, orderIds],
        );
        return touchedOf([
          await touchedByExternalIds(em, 'refund', ws, sorted.map((r) => r.externalId)),
          touchedByRows('refund', owners.map((o) => o.customer_id), sorted.map((r) => r.refundedAt.toISOString())),
        ]);
      };
      return maintainedWrite(em, ws, touched, () => upsertRows(em, {
        table: 'refund',
        workspaceId: ws,
        key: ['external_id'],
        columns: [
          { name: 'external_id', type: 'varchar', values: sorted.map((r) => r.externalId) },
          { name: 'order_id', type: 'uuid', values: sorted.map((r) => orders.get(r.order)!.id) },
          { name: 'refunded_at', type: 'timestamptz', values: sorted.map((r) => r.refundedAt.toISOString()) },
          { name: 'amount', type: 'numeric', values: sorted.map((r) => moneyText(r.amount)) },
        ],
      }));
    }));
  }

  /**
   * The orders the refunds name, locked until the batch commits (FOR UPDATE returns each order as last committed). An unknown
   * order is NOT_FOUND, and for a PARTNER key so is another partner's, in the same words.
   */
  private async lockOrders(em: EntityManager, scope: DataScope, rows: RefundRowInput[], report: BatchReport): Promise<Map<string, LockedOrder>> {
    const wanted = [...new Set(rows.map((r) => r.order).filter((ref) => typeof ref === 'string'))];
    const found = wanted.length
      ? ((await em.query(
          `SELECT o.id, o.external_id, o.amount::text AS amount, o.ordered_at, c.partner_id
             FROM "order" o JOIN customer c ON c.workspace_id = o.workspace_id AND c.id = o.customer_id
            WHERE o.workspace_id = $1 AND o.external_id = ANY($2::varchar[])
            ORDER BY o.external_id FOR UPDATE OF o`,
          [scope.workspaceId, wanted],
        )) as { id: string; external_id: string; amount: string; ordered_at: Date; partner_id: string | null }[])
      : [];
    const visible = new Map(
      found
        .filter((o) => !scope.partnerId || o.partner_id === scope.partnerId)
        .map((o) => [o.external_id, { id: o.id, amountCents: cents(o.amount), orderedAt: o.ordered_at, partnerId: o.partner_id }]),
    );
    rows.forEach((r, i) => {
      if (!visible.has(r.order) && !report.has(i, 'order')) {
        report.add(i, 'order', RowProblemReason.NOT_FOUND, `no order with external id "${r.order}" in this workspace`);
      }
    });
    return visible;
  }

  /**
   * The refunds of each order, after the batch, must not add up to more than the order: the order's other refunds (read under its
   * lock; a refund the batch re-sends counts with its new values) plus the batch's, in row order. Each row that takes an order over
   * its amount is reported.
   */
  private async checkRefundTotals(
    em: EntityManager,
    workspaceId: string,
    rows: RefundRowInput[],
    orders: Map<string, LockedOrder>,
    report: BatchReport,
  ): Promise<void> {
    if (orders.size === 0) return;
    const others = (await em.query(
      `SELECT r.order_id, sum(r.amount)::text AS refunded FROM refund r
        WHERE r.workspace_id = $1 AND r.order_id = ANY($2::uuid[]) AND NOT (r.external_id = ANY($3::varchar[]))
        GROUP BY r.order_id`,
      [workspaceId, [...orders.values()].map((o) => o.id), rows.map((r) => r.externalId)],
    )) as { order_id: string; refunded: string }[];
    const before = new Map(others.map((o) => [o.order_id, cents(o.refunded)]));
    const running = new Map<string, number>();
    rows.forEach((r, i) => {
      const order = orders.get(r.order);
      if (!order || report.has(i, 'amount')) return;
      const total = (running.get(order.id) ?? before.get(order.id) ?? 0) + cents(r.amount);
      running.set(order.id, total);
      if (total > order.amountCents) {
        const already = before.get(order.id) ?? 0;
        report.invalid(
          i,
          'amount',
          `the refunds of order "${r.order}" would add up to ${money(total)}, more than its amount ${money(order.amountCents)}` +
            (already > 0 ? ` (${money(already)} of it refunded by earlier refunds)` : ''),
        );
      }
    });
  }

  /**
   * An order sent again must keep its refunds valid: its amount not below what they add up to, its time not after the first of them.
   */
  private async checkOrdersKeepTheirRefunds(em: EntityManager, workspaceId: string, rows: OrderRowInput[], report: BatchReport): Promise<void> {
    if (rows.length === 0) return;
    const refunded = (await em.query(
      `SELECT o.external_id, sum(r.amount)::text AS refunded, min(r.refunded_at) AS first_refund
         FROM "order" o JOIN refund r ON r.workspace_id = o.workspace_id AND r.order_id = o.id
        WHERE o.workspace_id = $1 AND o.external_id = ANY($2::varchar[])
        GROUP BY o.external_id`,
      [workspaceId, rows.map((r) => r.externalId)],
    )) as { external_id: string; refunded: string; first_refund: Date }[];
    if (refunded.length === 0) return;
    const byOrder = new Map(refunded.map((o) => [o.external_id, o]));
    rows.forEach((r, i) => {
      const refunds = byOrder.get(r.externalId);
      if (!refunds) return;
      if (!report.has(i, 'amount') && cents(r.amount) < cents(refunds.refunded)) {
        report.invalid(i, 'amount', `order "${r.externalId}" has refunds of ${money(cents(refunds.refunded))}; its amount must not be less`);
      }
      if (!report.has(i, 'orderedAt') && r.orderedAt.getTime() > refunds.first_refund.getTime()) {
        report.invalid(
          i,
          'orderedAt',
          `order "${r.externalId}" has a refund dated ${refunds.first_refund.toISOString()}; the order must not be dated after it`,
        );
      }
    });
  }
}
