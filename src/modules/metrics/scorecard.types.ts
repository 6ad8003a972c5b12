import { Field, Float, ObjectType } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { MetricEvaluation } from './metric.types';

@ObjectType({ description: 'One metric on a scorecard: its value in the period against its approved target.' })
export class ScorecardEntry extends MetricEvaluation {}

/**
 * What every scorecard shows; PhaseScorecard and OwnerScorecard add whose it is. Registered as an object type so that they inherit
 * its fields, and never emitted itself: no field returns it.
 */
@ObjectType({ description: 'A scorecard: metrics against their approved targets in one period.' })
export abstract class Scorecard {
  @Field(() => LocalDateResolver, { description: 'First day of the period (the last period of the requested range).' })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period.' })
  periodEnd!: string;

  @Field({
    description:
      "True when the period ends on or before the workspace's data-completeness watermark. When false, every metric computed from a KPI is INCOMPLETE, without attainment; metrics with recorded (OBSERVED) values are judged on them, as recorded for the whole period.",
  })
  complete!: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The last day KPI values are computed through: the last day of the period when complete, of the watermark month when in progress; null when the period starts after the watermark.',
  })
  dataThrough!: string | null;

  @Field(() => String, { nullable: true, description: 'The tier the scorecard is for; null for the whole workspace.' })
  tier!: string | null;

  @Field(() => [ScorecardEntry], { description: 'Each metric of the scorecard once, highest level first, then by key.' })
  entries!: ScorecardEntry[];

  @Field(() => Float, { nullable: true, description: 'The mean attainment over the entries that have one; null when none has.' })
  meanAttainment!: number | null;
}

@ObjectType({ description: "A phase's success metrics (the metrics whose phase it is) in one period: the last period of the requested range." })
export class PhaseScorecard extends Scorecard {
  @Field(() => Phase, { description: 'The phase.' })
  phase!: Phase;
}

@ObjectType({
  description:
    'Everything an owner is accountable for in one period: the metrics it owns directly and the success metrics of the phases it owns — the numbers variable compensation can be tied to.',
})
export class OwnerScorecard extends Scorecard {
  @Field(() => Owner, { description: 'The owner.' })
  owner!: Owner;
}
