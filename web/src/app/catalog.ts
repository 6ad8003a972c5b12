import { useMemo } from 'react';
import { useQuery } from 'urql';
import { KpiCatalogDocument, type CustomerSet, type KpiCatalogQuery } from '../generated/graphql';
import { humanize } from '../format';

/** One KPI as the API's catalogue (`kpiCatalog`) describes it: name, definition, unit, direction, leading or trailing. */
export type KpiDefinition = KpiCatalogQuery['kpiCatalog'][number];

export interface Catalog {
  /** False until the catalogue has arrived (or when it failed): the dashboard then names KPIs by their keys and does not split its columns. */
  available: boolean;
  byKey: Map<string, KpiDefinition>;
  name(key: string): string;
}

export function useKpiCatalog(): Catalog {
  const [result] = useQuery({ query: KpiCatalogDocument, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const byKey = new Map<string, KpiDefinition>((result.data?.kpiCatalog ?? []).map((d) => [d.key, d]));
    return { available: byKey.size > 0, byKey, name: (key: string) => byKey.get(key)?.name ?? humanize(key) };
  }, [result.data]);
}

/** The counts whose customers the drill-down lists (`kpiCustomers`), and the set that makes each. */
export const DRILL_DOWN_SETS: Record<string, CustomerSet> = {
  ACTIVE_CUSTOMERS: 'ACTIVE',
  NEW_CUSTOMERS: 'NEW',
  CHURNED_CUSTOMERS: 'CHURNED',
  RETAINED_CUSTOMERS: 'RETAINED',
};
