import { useMemo } from 'react';
import { useQuery } from 'urql';
import { pendingOperations } from '../generated/schema-capabilities';
import { humanize } from '../format';

/** One KPI as the API's catalogue describes it (pending: shown once the schema has `kpiCatalog`). */
export interface KpiDefinition {
  key: string;
  name: string;
  description: string;
  formula: string;
  unit: string;
  direction: string;
  indicator: 'LEADING' | 'TRAILING';
  additive: boolean;
  section: string;
}

export interface Catalog {
  /** False while the API has no catalogue: the dashboard then names KPIs by their keys and does not split its columns. */
  available: boolean;
  byKey: Map<string, KpiDefinition>;
  name(key: string): string;
}

export function useKpiCatalog(): Catalog {
  const op = pendingOperations.KpiCatalog;
  const [result] = useQuery<{ kpiCatalog: KpiDefinition[] }>({ query: op.document, pause: !op.available, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const byKey = new Map((result.data?.kpiCatalog ?? []).map((d) => [d.key, d]));
    return { available: byKey.size > 0, byKey, name: (key: string) => byKey.get(key)?.name ?? humanize(key) };
  }, [result.data]);
}

/** The counts whose customers the drill-down lists, and the set that makes each. */
export const DRILL_DOWN_SETS: Record<string, string> = {
  ACTIVE_CUSTOMERS: 'ACTIVE',
  NEW_CUSTOMERS: 'NEW',
  CHURNED_CUSTOMERS: 'CHURNED',
  RETAINED_CUSTOMERS: 'RETAINED',
};

export const drillDownAvailable = pendingOperations.KpiCustomers.available;
