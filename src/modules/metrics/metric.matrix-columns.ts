import type { Loaders } from '../../core/context';
import { badInput } from '../../core/errors';
import type { MetricColumn, MetricColumnSource, RecordedValueLookup } from '../kpi/kpi.matrix-columns';
import { MetricSource } from './metric.enums';

/**
 * The workspace's metrics as columns of the KPI matrix (the KPI module's port, plugged in by this module's manifest): a metric
 * is found by its key among the request's metrics, and recorded values are read through the request's batched loader.
 */
export const metricMatrixColumns: MetricColumnSource = {
  async columns(loaders: Loaders, keys: string[], path: string): Promise<MetricColumn[]> {
    const metrics = await loaders.workspaceMetrics.load('all');
    const byKey = new Map(metrics.map((metric) => [metric.key, metric]));
    const unknown = keys.flatMap((key, index) => (byKey.has(key) ? [] : [{ path: `${path}[${index}]`, message: `no metric "${key}" in this workspace` }]));
    if (unknown.length) throw badInput(unknown);
    return [...new Set(keys)].map((key) => {
      const metric = byKey.get(key)!;
      return {
        key,
        name: metric.name,
        metricId: metric.id,
        kpi: metric.source === MetricSource.KPI ? metric.kpi : null,
        unit: metric.unit,
        direction: metric.direction,
      };
    });
  },

  async recorded(loaders: Loaders, lookups: RecordedValueLookup[]): Promise<(number | null)[]> {
    const values = await loaders.observedValue.loadMany(lookups);
    return values.map((value) => {
      if (value instanceof Error) throw value;
      return value;
    });
  },
};
