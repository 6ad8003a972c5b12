import { Field, Float, InputType } from 'type-graphql';
import { IsOptional, Matches } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { Grain } from '../../kpi/catalogue/kpi.enums';
import { KpiKey } from '../../kpi/catalogue/kpi.definitions';
import { KEY_PATTERN, KEY_RULE } from '../../journeys/dtos/key.rule';
import { TargetStatus } from '../target.enums';

@InputType({
  description:
    'Which target: a KPI or an OBSERVED metric (exactly one of the two), a grain, a period start and optionally a tier. A metric whose source is a KPI has no targets of its own: target its KPI.',
})
export class TargetKeyInput {
  @Field(() => String, { nullable: true, description: 'Key of an OBSERVED metric; omit when `kpi` is given.' })
  @IsOptional()
  @Matches(KEY_PATTERN, KEY_RULE)
  metric?: string | null;

  @Field(() => KpiKey, { nullable: true, description: 'The KPI; omit when `metric` is given.' })
  @IsOptional()
  kpi?: KpiKey | null;

  @Field(() => Grain, { description: 'The grain of the period.' })
  grain!: Grain;

  @Field(() => LocalDateResolver, { description: 'First day of the period, aligned to the grain and the workspace fiscal year.' })
  periodStart!: string;

  @Field(() => String, { nullable: true, description: 'Tier key; omit for the target of the whole workspace.' })
  @IsOptional()
  @Matches(KEY_PATTERN, KEY_RULE)
  tier?: string | null;
}

@InputType({
  description:
    'One row of `upsertTargets`. Natural key: (metric or kpi, grain, periodStart, tier). A new row is a DRAFT; a changed value of an APPROVED target makes it a DRAFT again.',
})
export class TargetRowInput extends TargetKeyInput {
  @Field(() => Float, {
    description:
      'The target value, in the unit of the KPI or metric: a PERCENT is a fraction from 0 to 1 (0.95 for 95 %: 95 is refused), except NRR (up to 10) and the margins (which may be negative); COUNT, DAYS and MONTHS are not negative; NPS lies from -100 to 100.',
  })
  value!: number;
}

@InputType({ description: 'Narrows `targets`; omitted fields do not filter.' })
export class TargetFilter {
  @Field(() => String, { nullable: true, description: 'Only targets of this OBSERVED metric.' })
  @IsOptional()
  metric?: string | null;

  @Field(() => KpiKey, { nullable: true, description: 'Only targets of this KPI.' })
  @IsOptional()
  kpi?: KpiKey | null;

  @Field(() => Grain, { nullable: true, description: 'Only targets of this grain.' })
  @IsOptional()
  grain?: Grain | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only periods starting on or after this day.' })
  @IsOptional()
  from?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only periods starting on or before this day.' })
  @IsOptional()
  to?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only targets of this tier key; the empty string "" selects the targets of the whole workspace (no tier).',
  })
  @IsOptional()
  tier?: string | null;

  @Field(() => TargetStatus, { nullable: true, description: 'Only DRAFT or only APPROVED targets.' })
  @IsOptional()
  status?: TargetStatus | null;
}
