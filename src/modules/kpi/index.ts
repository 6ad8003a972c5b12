import type { ModuleManifest } from '../../core/module';
import { KpiResolver, PhaseFunnelStepResolver } from './kpi.resolver';
import { KpiService } from './kpi.service';
import { KpiResultCache } from './kpi.cache';
import { createKpiLoaders } from './kpi.loaders';
import { KpiGate } from './kpi.gate';

declare module '../../core/context' {
  interface Services {
    kpi: KpiService;
  }
  interface Loaders extends ReturnType<typeof createKpiLoaders> {}
}

/** KPIs computed in PostgreSQL on demand, with the app's result cache and its slots for KPI statements. */
export const kpiModule: ModuleManifest = {
  name: 'kpi',
  entities: [],
  resolvers: [KpiResolver, PhaseFunnelStepResolver],
  services: ({ dataSource, registry, kpiLimits }) => ({
    kpi: new KpiService(dataSource, new KpiResultCache(registry), kpiLimits && new KpiGate(kpiLimits.concurrency), kpiLimits?.maxRows),
  }),
  loaders: ({ dataSource, workspaceId, keyId, services, reads }) =>
    createKpiLoaders(dataSource, workspaceId, services.kpi.cache, { maxKpiRows: services.kpi.maxRows, gate: services.kpi.gate, keyId, reads }),
};
