import type { ModuleManifest } from '../../core/module';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { MetricValue } from './metric-value.entity';
import { MetricResolver } from './metric.resolver';
import { MetricLinkResolver } from './metric-link.resolver';
import { OwnerMetricsResolver, PhaseMetricsResolver } from './scorecard.resolver';
import { MetricDefinitionService } from './metric-definition.service';
import { MetricLinkService } from './metric-link.service';
import { MetricValueService } from './metric-value.service';
import { MetricChainService } from './metric-chain.service';
import { ScorecardService } from './scorecard.service';
import { createMetricLoaders } from './metric.loaders';
import { metricMatrixColumns } from './metric.matrix-columns';

declare module '../../core/context' {
  interface Services {
    /** Metric definitions: reading, creating, changing, deleting. */
    metrics: MetricDefinitionService;
    metricLinks: MetricLinkService;
    metricValues: MetricValueService;
    metricChains: MetricChainService;
    scorecards: ScorecardService;
  }
  interface Loaders extends ReturnType<typeof createMetricLoaders> {}
}

/** Metrics, the links of their chains, their recorded values, chains and scorecards; built on the KPI and target modules. */
export const metricsModule: ModuleManifest = {
  name: 'metrics',
  entities: [Metric, MetricLink, MetricValue],
  resolvers: [MetricResolver, MetricLinkResolver, PhaseMetricsResolver, OwnerMetricsResolver],
  services: ({ dataSource }, { kpi }) => {
    // The KPI matrix shows the workspace's metrics as columns through this port (the KPI module never imports this one).
    kpi.useMetricColumns(metricMatrixColumns);
    const metrics = new MetricDefinitionService(dataSource);
    return {
      metrics,
      metricLinks: new MetricLinkService(dataSource),
      metricValues: new MetricValueService(dataSource, kpi),
      metricChains: new MetricChainService(kpi),
      scorecards: new ScorecardService(kpi, metrics),
    };
  },
  loaders: ({ dataSource, workspaceId, loaders }) => createMetricLoaders(dataSource, workspaceId, loaders),
};
