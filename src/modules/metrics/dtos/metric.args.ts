import { ArgsType, Field, Int } from 'type-graphql';
import { PeriodArgs } from '../../kpi/dtos/kpi.args';

/** A chain or a scorecard: evaluated in the LAST period of `period`, for one tier or the whole workspace. */
@ArgsType()
export class EvaluationArgs extends PeriodArgs {
  @Field(() => String, { nullable: true, description: 'A tier key: the values and targets of that tier; omitted: the whole workspace.' })
  tier?: string | null;
}

@ArgsType()
export class MetricChainArgs extends EvaluationArgs {
  @Field({ defaultValue: 'customer_equity', description: 'Key of the root metric.' })
  rootKey!: string;

  @Field(() => Int, { defaultValue: 8, description: 'n: link evidence pairs the parent over the last n periods up to the evaluated one (3 to 60).' })
  evidencePeriods!: number;

  @Field(() => Int, { defaultValue: 1, description: 'How many periods the child leads the parent by in link evidence (0 to 12).' })
  lag!: number;
}
