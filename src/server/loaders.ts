import type { DataSource } from 'typeorm';
import { createJourneyLoaders } from '../modules/journeys/journey.loaders';
import { createCustomerLoaders } from '../modules/customers/customer.loaders';
import { createFactLoaders } from '../modules/facts/fact.loaders';
import { createKpiLoaders, type KpiLoaderOptions } from '../kpi/kpi.loaders';
import { createTargetLoaders } from '../modules/targets/target.loaders';
import { createMetricLoaders } from '../modules/metrics/metric.loaders';

export { isUuid } from './loader-factories';

/**
 * The one loader factory, called once per request in the context function. Loaders are never shared between requests
 * or workspaces: each is bound to the caller's workspace (and, for a PARTNER key, its partner). Each module contributes its own
 * `*.loaders.ts`.
 */
export type LoaderOptions = KpiLoaderOptions;

export function createLoaders(dataSource: DataSource, workspaceId: string, partnerId: string | null = null, options: LoaderOptions = {}) {
  const kpiLoaders = createKpiLoaders(dataSource, workspaceId, options);
  return {
    ...createJourneyLoaders(dataSource, workspaceId),
    ...createCustomerLoaders(dataSource, workspaceId, partnerId),
    ...createFactLoaders(dataSource, workspaceId),
    ...kpiLoaders,
    ...createTargetLoaders(dataSource, workspaceId),
    ...createMetricLoaders(dataSource, workspaceId, kpiLoaders),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
