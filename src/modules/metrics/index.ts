import type { ModuleManifest } from '../../core/module';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { MetricValue } from './metric-value.entity';
import { MetricLinkResolver, MetricResolver, OwnerMetricsResolver, PhaseMetricsResolver } from './metric.resolver';
import { MetricService } from './metric.service';
import { createMetricLoaders } from './metric.loaders';
import { metricMatrixColumns } from './metric.matrix-columns';

declare module '../../core/context' {
  interface Services {
    metrics: MetricService;
  }
  interface Loaders extends ReturnType<typeof createMetricLoaders> {}
}

/** Metrics, the links of their chains, their recorded values and scorecards; built on the KPI and target modules. */
export const metricsModule: ModuleManifest = {
  name: 'metrics',
  entities: [Metric, MetricLink, MetricValue],
  resolvers: [MetricResolver, MetricLinkResolver, PhaseMetricsResolver, OwnerMetricsResolver],
  services: ({ dataSource }, { kpi }) => {
    // The KPI matrix shows the workspace's metrics as columns through this port (the KPI module never imports this one).
    kpi.useMetricColumns(metricMatrixColumns);
    return { metrics: new MetricService(dataSource, kpi) };
  },
  loaders: ({ dataSource, workspaceId, loaders }) => createMetricLoaders(dataSource, workspaceId, loaders),
};
