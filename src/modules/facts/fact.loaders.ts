import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Revenue } from './revenue.entity';
import { Cost } from './cost.entity';
import { Invoice } from './invoice.entity';
import { Survey } from './survey.entity';
import { CustomerEvent } from './event.entity';
import { Order } from './order.entity';
import { Refund } from './refund.entity';
import { EventType } from './fact.enums';
import { MAX_MRR_MONTHS, addMonths, monthsBetween } from './months';
import { monthlyValueSql } from './monthly-value.sql';
import { badInput } from '../../core/errors';

type CustomerFact = ObjectLiteral & { customerId: string | null };

/** How one fact table is read newest first: its table, its row identity and its order (allow-listed SQL, never input). */
interface NewestFirst<T> {
  entity: EntityTarget<T>;
  table: string;
  identity: string[];
  /** Order inside one customer, as SQL over alias `x`, and the same as TypeORM property paths for the outer query. */
  sqlOrder: string;
  order: [string, 'ASC' | 'DESC'][];
}

/**
 * Each customer's newest `first` rows of one fact table, for a whole set of customers in one statement: a LATERAL subquery per
 * customer id keeps the limit per customer. One loader per distinct `first` in the request (usually one).
 */
function newestPerCustomer<T extends CustomerFact>(dataSource: DataSource, workspaceId: string, spec: NewestFirst<T>) {
  const loaders = new Map<number, DataLoader<string, T[]>>();
  return (first: number): DataLoader<string, T[]> => {
    let loader = loaders.get(first);
    if (!loader) {
      loader = new DataLoader<string, T[]>(async (customerIds) => {
        const identity = spec.identity.map((c) => `f.${c}`).join(', ');
        const qb = dataSource
          .getRepository(spec.entity)
          .createQueryBuilder('f')
          .where('f.workspace_id = :workspaceId', { workspaceId })
          .andWhere(
            `(${identity}) IN (SELECT ${spec.identity.map((c) => `l.${c}`).join(', ')} FROM unnest(CAST(:customerIds AS uuid[])) AS c(id)
              CROSS JOIN LATERAL (SELECT ${spec.identity.map((c) => `x.${c}`).join(', ')} FROM "${spec.table}" x
                WHERE x.workspace_id = :workspaceId AND x.customer_id = c.id ORDER BY ${spec.sqlOrder} LIMIT :first) l)`,
            { customerIds: [...customerIds], first },
          );
        spec.order.forEach(([path, direction], i) => (i === 0 ? qb.orderBy(path, direction) : qb.addOrderBy(path, direction)));
        const rows = await qb.getMany();
        const groups = new Map<string, T[]>(customerIds.map((id) => [id, []]));
        for (const row of rows) groups.get(row.customerId as string)?.push(row);
        return customerIds.map((id) => groups.get(id)!);
      });
      loaders.set(first, loader);
    }
    return loader;
  };
}

/** One month of a customer's MRR: its monthly value (monthly-value.sql.ts) under the workspace's business model. */
export interface MrrPointValue {
  month: string;
  amount: number;
}

/**
 * Each customer's MRR series, oldest month first, with months without a monthly value as 0. Bounds are first days of months;
 * without bounds the series runs from the customer's first to its last month with a value. The statement reads the workspace's
 * business model itself (monthly-value.sql.ts).
 */
function mrrSeries(dataSource: DataSource, workspaceId: string) {
  const loaders = new Map<string, DataLoader<string, MrrPointValue[]>>();
  return (from: string | null, to: string | null): DataLoader<string, MrrPointValue[]> => {
    const cacheKey = `${from ?? ''}|${to ?? ''}`;
    let loader = loaders.get(cacheKey);
    if (!loader) {
      loader = new DataLoader<string, MrrPointValue[]>(async (customerIds): Promise<(MrrPointValue[] | Error)[]> => {
        const rows = (await dataSource.query(
          `SELECT mv.customer_id, to_char(mv.month, 'YYYY-MM-DD') AS month, round(mv.value, 2)::text AS amount
             FROM (${monthlyValueSql({ workspace: '$1::uuid', customers: '$2::uuid[]' })}) mv
            WHERE ($3::date IS NULL OR mv.month >= $3::date) AND ($4::date IS NULL OR mv.month <= $4::date)
            ORDER BY mv.customer_id, mv.month`,
          [workspaceId, [...customerIds], from, to],
        )) as { customer_id: string; month: string; amount: string }[];
        const sums = new Map<string, Map<string, number>>(customerIds.map((id) => [id, new Map()]));
        for (const row of rows) sums.get(row.customer_id)?.set(row.month, Number(row.amount));
        return customerIds.map((id) => {
          const months = sums.get(id)!;
          const present = [...months.keys()];
          const start = from ?? present[0];
          const end = to ?? present[present.length - 1];
          if (!start || !end) return [];
          // With one bound only, the span is known only now: a bound far from the data must not build a huge series.
          if (monthsBetween(start, end) >= MAX_MRR_MONTHS) {
            return badInput([{ path: to ? 'to' : 'from', message: `a series spans at most ${MAX_MRR_MONTHS} months; give both from and to` }]);
          }
          const series: MrrPointValue[] = [];
          for (let month = start; month <= end; month = addMonths(month, 1)) series.push({ month, amount: months.get(month) ?? 0 });
          return series;
        });
      });
      loaders.set(cacheKey, loader);
    }
    return loader;
  };
}

/** Per-request loaders of facts, keyed by customer id: every nested list of a customer list costs one statement per field. */
export function createFactLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    revenueByCustomer: newestPerCustomer<Revenue>(dataSource, workspaceId, {
      entity: Revenue,
      table: 'revenue',
      identity: ['customer_id', 'month', 'type'],
      sqlOrder: 'x.month DESC, x.type ASC',
      order: [['f.month', 'DESC'], ['f.type', 'ASC']],
    }),
    costsByCustomer: newestPerCustomer<Cost>(dataSource, workspaceId, {
      entity: Cost,
      table: 'cost',
      identity: ['id'],
      sqlOrder: 'x.month DESC, x.external_id ASC',
      order: [['f.month', 'DESC'], ['f.externalId', 'ASC']],
    }),
    invoicesByCustomer: newestPerCustomer<Invoice>(dataSource, workspaceId, {
      entity: Invoice,
      table: 'invoice',
      identity: ['id'],
      sqlOrder: 'x.issued_on DESC, x.external_id ASC',
      order: [['f.issuedOn', 'DESC'], ['f.externalId', 'ASC']],
    }),
    surveysByCustomer: newestPerCustomer<Survey>(dataSource, workspaceId, {
      entity: Survey,
      table: 'survey',
      identity: ['id'],
      sqlOrder: 'x.responded_at DESC, x.external_id ASC',
      order: [['f.respondedAt', 'DESC'], ['f.externalId', 'ASC']],
    }),
    eventsByCustomer: newestPerCustomer<CustomerEvent>(dataSource, workspaceId, {
      entity: CustomerEvent,
      table: 'event',
      identity: ['id'],
      sqlOrder: 'x.occurred_at DESC, x.external_id ASC',
      order: [['f.occurredAt', 'DESC'], ['f.externalId', 'ASC']],
    }),
    ordersByCustomer: newestPerCustomer<Order>(dataSource, workspaceId, {
      entity: Order,
      table: 'order',
      identity: ['id'],
      sqlOrder: 'x.ordered_at DESC, x.external_id ASC',
      order: [['f.orderedAt', 'DESC'], ['f.externalId', 'ASC']],
    }),
    /** Each order's refunds, oldest first (an order has few). */
    refundsByOrder: new DataLoader<string, Refund[]>(async (orderIds) => {
      const rows = await dataSource
        .getRepository(Refund)
        .createQueryBuilder('r')
        .where('r.workspace_id = :workspaceId AND r.order_id = ANY(CAST(:orderIds AS uuid[]))', { workspaceId, orderIds: [...orderIds] })
        .orderBy('r.refundedAt', 'ASC')
        .addOrderBy('r.externalId', 'ASC')
        .getMany();
      const groups = new Map<string, Refund[]>(orderIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.orderId)?.push(row);
      return orderIds.map((id) => groups.get(id)!);
    }),
    mrrByCustomer: mrrSeries(dataSource, workspaceId),
    /** Each customer's PHASE_ENTERED events, oldest first: its phase history; the last one is its current phase. */
    phaseEntriesByCustomer: new DataLoader<string, CustomerEvent[]>(async (customerIds) => {
      const rows = await dataSource
        .getRepository(CustomerEvent)
        .createQueryBuilder('e')
        .where('e.workspace_id = :workspaceId AND e.customer_id = ANY(CAST(:customerIds AS uuid[]))', {
          workspaceId,
          customerIds: [...customerIds],
        })
        .andWhere('e.type = :type AND e.phase_id IS NOT NULL', { type: EventType.PHASE_ENTERED })
        .orderBy('e.occurredAt', 'ASC')
        .addOrderBy('e.externalId', 'ASC')
        .getMany();
      const groups = new Map<string, CustomerEvent[]>(customerIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.customerId)?.push(row);
      return customerIds.map((id) => groups.get(id)!);
    }),
  };
}
