import { Field, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { Grain } from '../catalogue/kpi.enums';
import { SalesChannel } from '../../customers/customer.enums';
import { SegmentKeyScalar } from '../../customers/segment.scalar';

@InputType({
  description:
    "Which periods to compute: every period of `grain` whose first day lies in [from, to]. Quarters and years follow the workspace's fiscalYearStartMonth.",
})
export class PeriodInput {
  @Field(() => Grain, { description: 'MONTH, QUARTER or YEAR.' })
  grain!: Grain;

  @Field(() => LocalDateResolver, { description: 'First day of the range (YYYY-MM-DD); a period starting on or after it is included.' })
  from!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the range (YYYY-MM-DD); a period starting on or before it is included.' })
  to!: string;
}

const LIST_LIMIT = 1000;

@InputType({
  description:
    'Keeps only the customers and fact rows whose key for each given dimension is in its list (lists combine with AND; a customer or row without a key for a filtered dimension never passes). Omit a field to not filter on it.',
})
export class SegmentFilter {
  @Field(() => [String], { nullable: true, description: 'Tier keys.' })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 100, { each: true })
  tier?: string[] | null;

  @Field(() => [SegmentKeyScalar], { nullable: true, description: 'Segment keys, e.g. "SMB".' })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 100, { each: true })
  segment?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Sales regions, e.g. "EMEA".' })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 100, { each: true })
  region?: string[] | null;

  @Field(() => [SalesChannel], { nullable: true, description: 'Sales channels.' })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  channel?: SalesChannel[] | null;

  @Field(() => [String], { nullable: true, description: 'Partner external ids (direct customers have none and never pass).' })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 200, { each: true })
  partner?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Campaign external ids: a cost row's own campaign, else the customer's acquisition campaign.",
  })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 200, { each: true })
  campaign?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Phase keys: the customer's phase as of the last day of each period." })
  @IsOptional()
  @ArrayMaxSize(LIST_LIMIT)
  @Length(1, 100, { each: true })
  phase?: string[] | null;
}
