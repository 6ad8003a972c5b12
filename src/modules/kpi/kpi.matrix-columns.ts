import type { Loaders } from '../../core/context';
import type { Grain, KpiDirection, KpiUnit } from './catalogue/kpi.enums';
import type { KpiKey } from './catalogue/kpi.definitions';

/**
 * The KPI matrix shows a workspace's own metrics as columns too. The metrics live in a module built on this one, so the
 * matrix asks for them through this port, which the metrics module plugs in when the app is made (its manifest's services):
 * the KPI module never imports the metrics module.
 */
export interface MetricColumn {
  /** The metric's key. */
  key: string;
  name: string;
  metricId: string;
  /** For a metric whose source is a KPI: the KPI (its cells are the KPI's, with the KPI's targets); null for an OBSERVED one. */
  kpi: KpiKey | null;
  unit: KpiUnit;
  direction: KpiDirection;
}

/** One recorded value of an OBSERVED metric: for a tier, or (tier null) for the whole workspace. */
export interface RecordedValueLookup {
  metricId: string;
  grain: Grain;
  periodStart: string;
  tier: string | null;
}

export interface MetricColumnSource {
  /** The workspace's metrics of these keys, in that order; BAD_USER_INPUT naming every key that is not a metric of the workspace. */
  columns(loaders: Loaders, keys: string[], path: string): Promise<MetricColumn[]>;
  /** The recorded values, in the order of the lookups (null where none is recorded), read in one batch. */
  recorded(loaders: Loaders, lookups: RecordedValueLookup[]): Promise<(number | null)[]>;
}
