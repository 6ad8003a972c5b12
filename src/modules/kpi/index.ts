import type { ModuleManifest } from '../../core/module';
import { KpiResolver, PhaseFunnelStepResolver } from './kpi.resolver';
import { KpiService } from './kpi.service';
import { KpiResultCache } from './kpi.cache';
import { createKpiLoaders } from './kpi.loaders';

declare module '../../core/context' {
  interface Services {
    kpi: KpiService;
  }
  interface Loaders extends ReturnType<typeof createKpiLoaders> {}
}

/** KPIs computed in PostgreSQL on demand, with the app's result cache. */
export const kpiModule: ModuleManifest = {
  name: 'kpi',
  entities: [],
  resolvers: [KpiResolver, PhaseFunnelStepResolver],
  services: ({ dataSource, registry }) => ({ kpi: new KpiService(dataSource, new KpiResultCache(registry)) }),
  loaders: ({ dataSource, workspaceId, services }) => createKpiLoaders(dataSource, workspaceId, services.kpi.cache),
};
