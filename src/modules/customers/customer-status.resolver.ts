import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { LocalDateResolver } from '../../core/scalars';
import { Customer } from './customer.entity';
import { CustomerStatus } from './customer-status.loaders';

/**
 * A customer's standing in the current month — the workspace's data-completeness watermark month — from the same monthly value
 * every KPI stands on; one statement per batch of customers (a dashboard opening a customer from a drill-down, or a page of them).
 */
@Resolver(() => Customer)
export class CustomerStatusResolver {
  @FieldResolver(() => CustomerStatus, {
    description:
      "ACTIVE, CHURNED or NEVER_ACTIVE in the current month: the workspace's data-completeness watermark month (`statusMonth`). Facts after it are not counted.",
  })
  async status(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<CustomerStatus> {
    return (await ctx.loaders.customerStanding.load(customer.id)).status;
  }

  @FieldResolver(() => Float, {
    description: 'Its monthly value (as in its `mrr` series) in the current month (`statusMonth`); 0 without one.',
  })
  async currentMrr(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.loaders.customerStanding.load(customer.id)).monthlyValue;
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description:
      'Its first month with a monthly value above 0, up to the current month (`statusMonth`): the month that puts it in an acquisition cohort and makes it NEW. Null when it has none.',
  })
  async firstMonth(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return (await ctx.loaders.customerStanding.load(customer.id)).firstMonth;
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description:
      "The current month that `status`, `currentMrr` and `firstMonth` are taken at: the workspace's data-completeness watermark month (set with `updateWorkspace`, else the latest month with revenue). Null when the workspace has no data yet.",
  })
  async statusMonth(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return (await ctx.loaders.customerStanding.load(customer.id)).month;
  }
}
