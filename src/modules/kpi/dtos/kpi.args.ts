import { ArgsType, Field } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { Dimension } from '../catalogue/kpi.enums';
import { PeriodInput, SegmentFilter } from './kpi.inputs';

/*
 * The argument sets of the fields that compute over periods, written once: a field takes them with `@Args()` beside its own
 * `@Arg`s, and GraphQL sees plain arguments (`period`, `filter`, `groupBy`). Nested inputs are validated through
 * @ValidateNested, so a wrong filter is BAD_USER_INPUT with paths such as `filter.tier`.
 */

@ArgsType()
export class PeriodArgs {
  @Field(() => PeriodInput, { description: 'The periods: grain and range of first days.' })
  @ValidateNested()
  period!: PeriodInput;
}

@ArgsType()
export class FilteredPeriodArgs extends PeriodArgs {
  @Field(() => SegmentFilter, { nullable: true, description: 'Keep only these customers and fact rows; omitted: all of them.' })
  @IsOptional()
  @ValidateNested()
  filter?: SegmentFilter | null;
}

@ArgsType()
export class SeriesArgs extends FilteredPeriodArgs {
  @Field(() => [Dimension], { nullable: true, description: 'Dimensions to group by; omitted or empty: one ungrouped series.' })
  groupBy?: Dimension[] | null;
}
