import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from '../../core/scalars';
import { PageInfo } from '../../core/pagination';
import { MrrMovement } from './catalogue/kpi.enums';
import { KpiGroup } from './kpi.types';

@ObjectType({
  description:
    'One age of a cohort: the period `age` periods after the cohort\'s own (age 0 is the cohort\'s own period), measured at its last month. Only ages whose period is complete (ends on or before the data-completeness watermark) are listed.',
})
export class CohortCell {
  @Field(() => Int, { description: 'Periods after the cohort\'s own period (0 = its own).' })
  age!: number;

  @Field(() => LocalDateResolver, { description: 'First day of the period of this age.' })
  periodStart!: string;

  @Field(() => Int, { description: 'Customers of the cohort with a monthly value above 0 in the last month of the period.' })
  activeCustomers!: number;

  @Field(() => Float, { description: 'activeCustomers ÷ size (0 to 1).' })
  logoRetention!: number;

  @Field(() => Float, { description: "The cohort's MRR in the last month of the period: the sum of its customers' monthly values." })
  mrr!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Net revenue retention: mrr at this age ÷ mrr at age 0 (expansion can lift it above 1); null when mrr at age 0 is 0.',
  })
  revenueRetention!: number | null;

  @Field(() => Float, {
    description:
      "All revenue of the cohort's customers from the first day of its own period to the last day of this age's period (every kind of revenue the REVENUE KPI counts), divided by its size: the lifetime value realised to date.",
  })
  cumulativeRevenuePerCustomer!: number;
}

@ObjectType({
  description:
    'An acquisition cohort: the customers (of one group) whose first month with a monthly value above 0 lies in one period, followed over the periods after it.',
})
export class Cohort {
  @Field(() => LocalDateResolver, { description: "First day of the cohort's own period (age 0)." })
  periodStart!: string;

  @Field(() => LocalDateResolver, { description: "Last day of the cohort's own period." })
  periodEnd!: string;

  @Field(() => KpiGroup, {
    description:
      "The group the cohort is cut by (fields not grouped on are null). CAMPAIGN is the customers' acquisition campaign; PHASE their phase at the end of the cohort's own period.",
  })
  group!: KpiGroup;

  @Field(() => Int, { description: 'Customers in the cohort (of this group).' })
  size!: number;

  @Field(() => [CohortCell], { description: 'Age 0, 1, … up to the requested age, each complete period only, oldest age last.' })
  cells!: CohortCell[];
}

@ObjectType({ description: 'One customer behind a customer count of a period, with its part of the MRR movements.' })
export class KpiCustomer {
  /** Resolved through the customer loader (batched). */
  customerId!: string;

  @Field(() => Float, { description: 'Its monthly value in the base month (the month before the period); 0 without one.' })
  mrrAtBase!: number;

  @Field(() => Float, { description: 'Its monthly value in the last month of the period (the watermark month for a period to date); 0 without one.' })
  mrrAtEnd!: number;

  @Field(() => MrrMovement, { description: 'How it moved the MRR from the base month to the last month.' })
  movement!: MrrMovement;

  @Field(() => Float, {
    description:
      'Its term of the MRR bridge: NEW +mrrAtEnd, EXPANSION and CONTRACTION mrrAtEnd − mrrAtBase, CHURN −mrrAtBase, REACTIVATION +mrrAtEnd, FLAT 0. Summed over a set, these are the MRR movements of the same period and filter (e.g. the CHURNED set sums to −CHURNED_MRR).',
  })
  mrrChange!: number;
}

@ObjectType({ description: 'An edge of a KpiCustomerConnection.' })
export class KpiCustomerEdge {
  @Field({ description: 'Pass as `after` to continue after this customer.' })
  cursor!: string;

  @Field(() => KpiCustomer, { description: 'The customer and its movement.' })
  node!: KpiCustomer;
}

@ObjectType({ description: 'The customers behind a customer count, largest MRR change first (then by customer id), a page at a time.' })
export class KpiCustomerConnection {
  @Field(() => Int, {
    description:
      'Customers in the set: the value of the matching KPI for the same period and filter (ACTIVE_CUSTOMERS, NEW_CUSTOMERS, CHURNED_CUSTOMERS, RETAINED_CUSTOMERS; REACTIVATED: the customers behind REACTIVATION_MRR). 0 for a period that starts after the data-completeness watermark.',
  })
  totalCount!: number;

  @Field(() => [KpiCustomerEdge], { description: 'The customers of this page, largest change first.' })
  edges!: KpiCustomerEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to ask for the next one.' })
  pageInfo!: PageInfo;
}
