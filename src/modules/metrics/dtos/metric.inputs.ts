import { Field, Float, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { Grain, KpiDirection, KpiUnit } from '../../kpi/catalogue/kpi.enums';
import { KpiKey } from '../../kpi/catalogue/kpi.definitions';
import { KEY_PATTERN, KEY_RULE } from '../../journeys/dtos/key.rule';
import { IndicatorKind, MetricLevel, MetricSource } from '../metric.enums';

@InputType({
  description:
    "A new metric. A KPI source names the KPI and takes its unit, direction and indicator kind from the catalogue; an OBSERVED one needs a unit, a direction and an indicator kind. EQUITY is reserved for `customer_equity`.",
})
export class CreateMetricInput {
  @Field({ description: 'Unique in the workspace: lowercase letters, digits and _, starting with a letter. Cannot be changed later.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field({ description: 'Display name.' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it measures and how.' })
  @IsOptional()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => MetricLevel, { description: 'OUTCOME, OUTPUT or ACTIVITY.' })
  level!: MetricLevel;

  @Field(() => IndicatorKind, {
    nullable: true,
    description:
      "LEADING or TRAILING; required for OBSERVED. A KPI source takes its KPI's kind from the catalogue (`kpiCatalog`): omit it, or give the same (another is BAD_USER_INPUT).",
  })
  @IsOptional()
  indicatorKind?: IndicatorKind | null;

  @Field(() => MetricSource, { description: 'KPI or OBSERVED. Cannot be changed later.' })
  source!: MetricSource;

  @Field(() => KpiKey, { nullable: true, description: 'The KPI, for a KPI source (required then, refused otherwise).' })
  @IsOptional()
  kpi?: KpiKey | null;

  @Field(() => KpiUnit, { nullable: true, description: "The unit; required for OBSERVED; for a KPI source omit it or give the KPI's." })
  @IsOptional()
  unit?: KpiUnit | null;

  @Field(() => KpiDirection, {
    nullable: true,
    description: "Which way it improves; required for OBSERVED; for a KPI source omit it or give the KPI's.",
  })
  @IsOptional()
  direction?: KpiDirection | null;

  @Field(() => ID, { nullable: true, description: 'The phase whose success metric it is.' })
  @IsOptional()
  phaseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The owner accountable for it (besides the owner of its phase).' })
  @IsOptional()
  ownerId?: string | null;
}

@InputType({
  description:
    'Changes to a metric; omitted fields stay as they are, null clears an optional one. Key and source stay; a level change must keep every link of the metric within the level rule.',
})
export class UpdateMetricInput {
  @Field({ nullable: true, description: 'New display name.' })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'What it measures and how; null clears it.' })
  @IsOptional()
  @Length(0, 5000)
  description?: string | null;

  @Field(() => MetricLevel, { nullable: true, description: 'New level: OUTCOME, OUTPUT or ACTIVITY.' })
  @IsOptional()
  level?: MetricLevel;

  @Field(() => IndicatorKind, {
    nullable: true,
    description: "New kind, LEADING or TRAILING (OBSERVED metrics only: a KPI source keeps its KPI's kind from the catalogue).",
  })
  @IsOptional()
  indicatorKind?: IndicatorKind;

  @Field(() => KpiUnit, { nullable: true, description: 'New unit (OBSERVED metrics only); the recorded values and targets must fit it (a PERCENT: 0 to 1).' })
  @IsOptional()
  unit?: KpiUnit;

  @Field(() => KpiDirection, { nullable: true, description: 'New direction (OBSERVED metrics only).' })
  @IsOptional()
  direction?: KpiDirection;

  @Field(() => ID, { nullable: true, description: 'The phase whose success metric it is; null clears it.' })
  @IsOptional()
  phaseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The accountable owner; null clears it.' })
  @IsOptional()
  ownerId?: string | null;
}

@InputType({ description: 'Narrows `metrics`; omitted fields do not filter.' })
export class MetricFilter {
  @Field(() => [MetricLevel], { nullable: true, description: 'Only metrics of these levels.' })
  @IsOptional()
  level?: MetricLevel[] | null;

  @Field(() => ID, { nullable: true, description: 'Only success metrics of this phase.' })
  @IsOptional()
  phaseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only metrics this owner owns directly.' })
  @IsOptional()
  ownerId?: string | null;

  @Field(() => MetricSource, { nullable: true, description: 'Only metrics of this source.' })
  @IsOptional()
  source?: MetricSource | null;
}

@InputType({ description: 'A link of a chain: the child metric drives the parent metric, with a weight.' })
export class MetricLinkInput {
  @Field({ description: 'Key of the child metric.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  child!: string;

  @Field({ description: 'Key of the parent metric: of a strictly higher level than the child.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  parent!: string;

  @Field(() => Float, { nullable: true, description: "The child's weight in the parent's chainScore: > 0, at most 1,000,000; default 1." })
  @IsOptional()
  weight?: number | null;
}

@InputType({ description: 'One value of `recordMetricValues`. Natural key: (metric, grain, periodStart, tier).' })
export class MetricValueRowInput {
  @Field({ description: 'Key of an OBSERVED metric.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  metric!: string;

  @Field(() => Grain, { description: 'The grain of the period.' })
  grain!: Grain;

  @Field(() => LocalDateResolver, {
    description: "First day of the period: a month's first day for MONTH; for QUARTER and YEAR aligned to the workspace fiscal year.",
  })
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Tier key; omit for the value of the whole workspace.' })
  @IsOptional()
  @Matches(KEY_PATTERN, KEY_RULE)
  tier?: string | null;

  @Field(() => Float, {
    description:
      'The value, in the unit of the metric: a PERCENT is a fraction from 0 to 1 (0.25 for 25 %: 25 is refused); COUNT, DAYS and MONTHS are not negative.',
  })
  value!: number;
}
