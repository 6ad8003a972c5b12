import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '../../core/scalars';
import { PageInfo } from '../../core/pagination';
import { Customer } from './customer.entity';

@ObjectType({ description: 'One customer of a `CustomerConnection` page and its cursor.' })
export class CustomerEdge {
  @Field({ description: 'Pass as `after` to get the customers after this one.' })
  cursor!: string;

  @Field(() => Customer, { description: 'The customer.' })
  node!: Customer;
}

@ObjectType({ description: 'A page of customers, ordered by name (then id), with the total of the filter.' })
export class CustomerConnection {
  @Field(() => [CustomerEdge], { description: 'The customers of this page, in order.' })
  edges!: CustomerEdge[];

  @Field(() => PageInfo, { description: 'Where this page is: cursors and whether more pages follow.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many customers match the filter, over all pages.' })
  totalCount!: number;
}

@ObjectType({ description: 'One step of a customer\'s journey: a phase it entered (from a `PHASE_ENTERED` event) and when.' })
export class PhaseEntry {
  /** Resolved by `PhaseEntryResolver.phase` through the phase loader. */
  phaseId!: string;

  @Field(() => DateTimeResolver, { description: 'When the customer entered the phase.' })
  enteredAt!: Date;

  @Field({ description: 'External id of the `PHASE_ENTERED` event that recorded it.' })
  eventExternalId!: string;
}

@ObjectType({ description: 'What `deleteCustomer` erased: the customer and how many of its facts.' })
export class CustomerErasure {
  @Field(() => ID, { description: 'Id of the deleted customer.' })
  id!: string;

  @Field({ description: 'External id of the deleted customer.' })
  externalId!: string;

  @Field(() => Int, { description: 'Revenue rows deleted.' })
  revenue!: number;

  @Field(() => Int, { description: 'Costs attributed to the customer, deleted.' })
  costs!: number;

  @Field(() => Int, { description: 'Invoices deleted.' })
  invoices!: number;

  @Field(() => Int, { description: 'Survey responses deleted.' })
  surveys!: number;

  @Field(() => Int, { description: 'Events deleted.' })
  events!: number;

  @Field(() => Int, { description: 'Orders deleted.' })
  orders!: number;

  @Field(() => Int, { description: 'Refunds of those orders, deleted.' })
  refunds!: number;
}
