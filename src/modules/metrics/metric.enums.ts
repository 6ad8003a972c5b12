import { registerEnumType } from 'type-graphql';

/** The levels of a metric chain, highest first. */
export enum MetricLevel {
  EQUITY = 'EQUITY',
  OUTCOME = 'OUTCOME',
  OUTPUT = 'OUTPUT',
  ACTIVITY = 'ACTIVITY',
}
registerEnumType(MetricLevel, {
  name: 'MetricLevel',
  description: 'Where a metric sits in a chain, highest first. A link runs from a child to a parent of a strictly higher level.',
  valuesConfig: {
    EQUITY: { description: 'Customer equity: one per workspace (`customer_equity`), the top of every chain.' },
    OUTCOME: { description: 'A business result, e.g. NRR, GRR, new customer revenue.' },
    OUTPUT: { description: 'What the activities produce, e.g. qualified opportunities, onboarding completion.' },
    ACTIVITY: { description: 'Work done, e.g. webinars held, content downloads.' },
  },
});

/** Height of each level: a child links only to a parent of a greater height. */
export const LEVEL_HEIGHT: Record<MetricLevel, number> = {
  [MetricLevel.ACTIVITY]: 1,
  [MetricLevel.OUTPUT]: 2,
  [MetricLevel.OUTCOME]: 3,
  [MetricLevel.EQUITY]: 4,
};

/** The levels a metric of `level` may link to as a child (strictly higher), highest first. */
export function parentLevelsOf(level: MetricLevel): MetricLevel[] {
  return Object.values(MetricLevel).filter((l) => LEVEL_HEIGHT[l] > LEVEL_HEIGHT[level]);
}

/** A metric's indicator kind is the KPI catalogue's notion: a KPI-source metric takes its KPI's. */
export { IndicatorKind } from '../kpi/catalogue/kpi.enums';

export enum MetricSource {
  KPI = 'KPI',
  OBSERVED = 'OBSERVED',
}
registerEnumType(MetricSource, {
  name: 'MetricSource',
  description: "Where a metric's values come from.",
  valuesConfig: {
    KPI: { description: 'Computed by the KPI engine from the facts: the metric names one KPI of the catalogue (`kpiCatalog`) and takes its unit, direction, indicator kind and targets.' },
    OBSERVED: { description: 'Recorded through `recordMetricValues`, per grain, period and optionally tier.' },
  },
});

export enum ChainSignal {
  DISCONNECT = 'DISCONNECT',
  UNDERPOWERED = 'UNDERPOWERED',
  ALIGNED = 'ALIGNED',
}
registerEnumType(ChainSignal, {
  name: 'ChainSignal',
  description: "How a node's own attainment compares with what its children deliver (its chainScore).",
  valuesConfig: {
    DISCONNECT: { description: 'chainScore ≥ 1 but own attainment < 0.9: the work is done, the outcome does not follow.' },
    UNDERPOWERED: { description: 'Own attainment ≥ 1 but chainScore < 0.9: the result is met without the chain below carrying it.' },
    ALIGNED: { description: 'Neither of the above.' },
  },
});
