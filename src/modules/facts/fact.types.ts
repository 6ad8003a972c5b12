import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';

@ObjectType({ description: 'What a deletion of facts did.' })
export class FactDeletion {
  @Field(() => Int, { description: 'Rows deleted.' })
  deleted!: number;

  @Field(() => [String], {
    description:
      'The requested external ids (for revenue: "customer month type") that matched no row the caller may see; nothing was deleted for them.',
  })
  notFound!: string[];
}

@ObjectType({ description: "One month of a customer's MRR: the sum of its RECURRING revenue rows of that month." })
export class MrrPoint {
  @Field(() => LocalDateResolver, { description: 'The month, named by its first day.' })
  month!: string;

  @Field(() => Float, { description: 'Monthly recurring revenue in the workspace currency; 0 in a month without recurring revenue.' })
  amount!: number;
}
