import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import { KpiGroup, KpiPoint } from '../kpi/kpi.types';
import { KpiStatus } from '../kpi/catalogue/kpi.enums';
import { Metric } from './metric.entity';
import { ChainSignal } from './metric.enums';

@ObjectType({ description: 'A metric for one group over every period of the range, oldest first.' })
export class MetricSeries {
  @Field(() => KpiGroup, { description: 'The group the values are for (for an OBSERVED metric: the tier, or none for the whole workspace).' })
  group!: KpiGroup;

  @Field(() => [KpiPoint], { description: 'One point per period of the range, oldest first, with the approved target and attainment.' })
  points!: KpiPoint[];
}

@ObjectType({
  description:
    "How strongly a link is borne out by the data: Pearson's correlation between the child's values and the parent's values `lag` periods later, over the last `periods` periods up to the evaluated one.",
})
export class LinkEvidence {
  @Field(() => Float, {
    nullable: true,
    description: "Pearson's r between the child's values and the parent's values `lag` periods later; null under 3 pairs or when either side has no variance.",
  })
  r!: number | null;

  @Field(() => Int, {
    description:
      "The number of (child, parent) pairs where both had a value. A KPI's value in a period that is not complete (after the data-completeness watermark) does not pair.",
  })
  pairs!: number;

  @Field(() => Int, { description: 'The number of parent periods looked at (the last n periods up to the evaluated one).' })
  periods!: number;

  @Field(() => Int, { description: 'How many periods the child leads the parent by.' })
  lag!: number;
}

/** A metric in one period against its approved target: a node of a chain, an entry of a scorecard. */
@ObjectType({ description: 'A metric in one period against its approved target.' })
export class MetricEvaluation {
  @Field(() => Metric, { description: 'The metric.' })
  metric!: Metric;

  @Field(() => Float, { nullable: true, description: 'Its value in the period (for the tier asked for, or the whole workspace).' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The approved target in that period; null when none.' })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: 'Its own attainment, in [0, 2]; null without target or value, and null when the period is not complete.' })
  attainment!: number | null;

  @Field(() => KpiStatus, { description: 'INCOMPLETE, NO_TARGET, NO_VALUE, or from its own attainment (see KpiStatus).' })
  status!: KpiStatus;
}

@ObjectType({ description: 'One metric of a chain in the evaluated period.' })
export class MetricChainNode extends MetricEvaluation {
  @Field(() => Int, { description: 'Links between it and the root along the shortest path (0 for the root).' })
  depth!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Its own attainment when it has no children, else the weighted mean of its children's chainScore over the children that have one.",
  })
  chainScore!: number | null;

  @Field(() => ChainSignal, { nullable: true, description: 'DISCONNECT, UNDERPOWERED or ALIGNED; null when attainment or chainScore is null.' })
  signal!: ChainSignal | null;
}

@ObjectType({ description: 'One link of a chain: the child drives the parent.' })
export class MetricChainEdge {
  @Field(() => Metric, { description: 'The child (lower level).' })
  child!: Metric;

  @Field(() => Metric, { description: 'The parent (higher level).' })
  parent!: Metric;

  @Field(() => Float, { description: "The child's weight in the parent's chainScore." })
  weight!: number;

  @Field(() => LinkEvidence, { description: 'Correlation of the child with the parent over the recent periods.' })
  evidence!: LinkEvidence;
}

@ObjectType({
  description:
    'A metric chain evaluated in one period: the root and every metric below it (its children, their children, …) with the links between them.',
})
export class MetricChain {
  @Field(() => Metric, { description: 'The root metric.' })
  root!: Metric;

  @Field(() => LocalDateResolver, { description: 'First day of the evaluated period (the last period of the requested range).' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the evaluated period.' })
  periodEnd!: string;

  @Field({
    description:
      "True when the evaluated period ends on or before the workspace's data-completeness watermark. When false, every metric computed from a KPI is INCOMPLETE, without attainment (so without chainScore or signal where it counts); metrics with recorded (OBSERVED) values are judged on them, as recorded for the whole period.",
  })
  complete!: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The last day KPI values are computed through: the last day of the period when complete, of the watermark month when in progress; null when the period starts after the watermark.',
  })
  dataThrough!: string | null;


  @Field(() => String, { nullable: true, description: 'The tier the chain is evaluated for; null for the whole workspace.' })
  tier!: string | null;

  @Field(() => [MetricChainNode], { description: 'The root first, then by depth, level (highest first) and key.' })
  nodes!: MetricChainNode[];

  @Field(() => [MetricChainEdge], { description: 'Every link between two nodes of the chain, by parent then child key.' })
  edges!: MetricChainEdge[];
}

@ObjectType({ description: 'What deleting a metric removed.' })
export class MetricDeletion {
  @Field({ description: 'The key of the deleted metric.' })
  key!: string;

  @Field(() => Int, { description: 'Links that held it and were removed with it (only with force: true).' })
  linksRemoved!: number;
}
