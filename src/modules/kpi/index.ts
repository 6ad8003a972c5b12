import type { ModuleManifest } from '../../core/module';
import { KpiResolver, PhaseFunnelStepResolver } from './kpi.resolver';
import { KpiService } from './kpi.service';
import { KpiResultCache } from './kpi.cache';
import { createKpiLoaders } from './kpi.loaders';
import { KpiGate } from './kpi.gate';
import { CohortService } from './cohort.service';
import { CohortResolver, KpiCustomerResolver } from './cohort.resolver';
import { DEFAULT_MAX_KPI_ROWS } from '../../config/config';
import { KpiAggregate, KpiAggregatePending, KpiAggregateState, KpiCustomerContribution } from './aggregates/kpi-aggregate.entity';

declare module '../../core/context' {
  interface Services {
    kpi: KpiService;
    cohorts: CohortService;
  }
  interface Loaders extends ReturnType<typeof createKpiLoaders> {}
}

/** KPIs computed in PostgreSQL on demand, with the app's result cache and its slots for KPI statements. */
export const kpiModule: ModuleManifest = {
  name: 'kpi',
  entities: [KpiAggregate, KpiAggregateState, KpiCustomerContribution, KpiAggregatePending],
  resolvers: [KpiResolver, PhaseFunnelStepResolver, CohortResolver, KpiCustomerResolver],
  services: ({ dataSource, registry, kpiLimits }) => {
    const cache = new KpiResultCache(registry);
    return {
      kpi: new KpiService(dataSource, cache, kpiLimits && new KpiGate(kpiLimits.concurrency), kpiLimits?.maxRows, kpiLimits?.aggregates ?? true),
      cohorts: new CohortService(cache, kpiLimits?.maxRows ?? DEFAULT_MAX_KPI_ROWS),
    };
  },
  loaders: ({ dataSource, workspaceId, keyId, services, reads }) =>
    createKpiLoaders(dataSource, workspaceId, services.kpi.cache, { maxKpiRows: services.kpi.maxRows, gate: services.kpi.gate, keyId, reads, aggregates: services.kpi.aggregates }),
};
