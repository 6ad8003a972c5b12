import { ArgsType, Field, Int } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { CustomerSet, Dimension, Grain } from '../catalogue/kpi.enums';
import { SegmentFilter } from './kpi.inputs';

/** The arguments of `cohorts`. */
@ArgsType()
export class CohortsArgs {
  @Field(() => Grain, { description: "The cohort grain: MONTH or QUARTER (fiscal quarters, after the workspace's fiscalYearStartMonth)." })
  grain!: Grain;

  @Field(() => LocalDateResolver, { description: 'The cohorts whose own period starts on or after this day…' })
  from!: string;

  @Field(() => LocalDateResolver, { description: '…and on or before this day.' })
  to!: string;

  @Field(() => Int, { defaultValue: 12, description: 'The oldest age to compute: ages 0 … ages (0 to 120).' })
  ages!: number;

  @Field(() => [Dimension], {
    nullable: true,
    description: "Dimensions to cut every cohort by; omitted or empty: one row per cohort. CAMPAIGN is the acquisition campaign, PHASE the phase at the end of the cohort's own period.",
  })
  groupBy?: Dimension[] | null;

  @Field(() => SegmentFilter, { nullable: true, description: 'Keep only these customers (PHASE: as of the end of the cohort\'s own period); omitted: all.' })
  @IsOptional()
  @ValidateNested()
  filter?: SegmentFilter | null;
}

/** The arguments of `kpiCustomers`. */
@ArgsType()
export class KpiCustomersArgs {
  @Field(() => CustomerSet, { description: 'Which customers: the set behind one customer count.' })
  set!: CustomerSet;

  @Field(() => Grain, { description: 'The grain of the period.' })
  grain!: Grain;

  @Field(() => LocalDateResolver, { description: 'The first day of the period (a first day of a month, fiscal quarter or fiscal year).' })
  periodStart!: string;

  @Field(() => SegmentFilter, { nullable: true, description: 'Keep only these customers, as the KPIs filter them; omitted: all.' })
  @IsOptional()
  @ValidateNested()
  filter?: SegmentFilter | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 0 to 500.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}
