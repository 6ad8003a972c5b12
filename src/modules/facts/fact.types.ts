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

@ObjectType({ description: "One month of a customer's MRR: its monthly value under the workspace's business model." })
export class MrrPoint {
  @Field(() => LocalDateResolver, { description: 'The month, named by its first day.' })
  month!: string;

  @Field(() => Float, { description: 'The monthly value in the workspace currency, to the cent (RECURRING revenue, or the run rate of a TRANSACTIONAL workspace); 0 in a month without one.' })
  amount!: number;
}
