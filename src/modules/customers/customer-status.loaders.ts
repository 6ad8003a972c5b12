import DataLoader from 'dataloader';
import { registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { monthlyValueSql } from '../facts/monthly-value.sql';
import { derivedWatermarkSql } from '../facts/data-completeness';

/** Where a customer stands in the current month (see CustomerStanding). */
export enum CustomerStatus {
  ACTIVE = 'ACTIVE',
  CHURNED = 'CHURNED',
  NEVER_ACTIVE = 'NEVER_ACTIVE',
}

registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description:
    "Where a customer stands in the workspace's current month: the data-completeness watermark month (`Workspace.effectiveDataCompleteThrough`, the latest month whose facts are complete). Facts after it are not counted, as in every KPI.",
  valuesConfig: {
    ACTIVE: { description: 'Its monthly value in the current month is above 0.' },
    CHURNED: { description: 'It had a monthly value above 0 in some month up to the current one, but not in the current month.' },
    NEVER_ACTIVE: { description: 'No month up to the current one has a monthly value above 0 (or the workspace has no data yet).' },
  },
});

/** A customer's standing: status, monthly value in the current month, first month; the current month it is taken at. */
export interface CustomerStanding {
  /** The current month (first day): the workspace's watermark month; null when the workspace has no data. */
  month: string | null;
  status: CustomerStatus;
  monthlyValue: number;
  firstMonth: string | null;
}

/**
 * Customers' standings, a batch of customers per statement: the workspace's watermark (set, else derived) and, over the monthly
 * value fragment cut at it, each customer's value in that month and its first month with a value above 0.
 */
export function createCustomerStatusLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    customerStanding: new DataLoader<string, CustomerStanding>(async (ids) => {
      const rows = (await dataSource.query(
        `WITH wm AS (
           SELECT coalesce(w.data_complete_through, ${derivedWatermarkSql('w.id')})::date AS month FROM workspace w WHERE w.id = $1::uuid),
         mv AS (${monthlyValueSql({
           workspace: '$1::uuid',
           customers: '$2::uuid[]',
           to: `(SELECT (month + interval '1 month')::date FROM wm)`,
         })})
         SELECT c.id AS customer_id, to_char(wm.month, 'YYYY-MM-DD') AS month,
           coalesce(sum(mv.value) FILTER (WHERE mv.month = wm.month), 0)::text AS monthly_value,
           to_char(min(mv.month) FILTER (WHERE mv.value > 0), 'YYYY-MM-DD') AS first_month
         FROM unnest($2::uuid[]) AS c(id)
         CROSS JOIN wm
         LEFT JOIN mv ON mv.customer_id = c.id
         GROUP BY c.id, wm.month`,
        [workspaceId, [...ids]],
      )) as { customer_id: string; month: string | null; monthly_value: string; first_month: string | null }[];
      const byId = new Map(rows.map((row) => [row.customer_id, row]));
      return ids.map((id): CustomerStanding => {
        const row = byId.get(id);
        const monthlyValue = Number(row?.monthly_value ?? 0);
        const firstMonth = row?.first_month ?? null;
        const status = monthlyValue > 0 ? CustomerStatus.ACTIVE : firstMonth ? CustomerStatus.CHURNED : CustomerStatus.NEVER_ACTIVE;
        return { month: row?.month ?? null, status, monthlyValue, firstMonth };
      });
    }),
  };
}
