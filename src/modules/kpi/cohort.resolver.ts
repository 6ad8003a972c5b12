import { Args, Authorized, Ctx, Extensions, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { Roles } from '../../core/role.enum';
import { Customer } from '../customers/customer.entity';
import { CohortsArgs, KpiCustomersArgs } from './dtos/cohort.args';
import { kpiSizeExtension } from './kpi.size';
import { partnerScoped } from './kpi.resolver';
import { Cohort, KpiCustomer, KpiCustomerConnection } from './cohort.types';

/**
 * Cohorts and drill-down: the customers behind the customer KPIs. A partner portal too: a PARTNER key reads them over its own
 * partner's customers (partnerScoped), like the KPIs.
 */
@Resolver()
export class CohortResolver {
  @Authorized(...Roles.KPI_READ)
  @Extensions(kpiSizeExtension({ groupByArg: 'groupBy', periodArgs: true, agesArg: 'ages' }))
  @Query(() => [Cohort], {
    description:
      "Acquisition cohorts: per period of `grain` starting in [from, to] (and per group), the customers whose first month with a monthly value above 0 lies in it, and per age 0 … `ages` their active customers, logo retention, MRR, net revenue retention and cumulative revenue per customer. Only complete periods count: a cohort whose own period is not complete is not listed, nor is an age whose period is not complete, nor a cohort (or group) without customers. Cohorts in period order, then groups. A PARTNER key gets them over its own partner's customers only. Costs cohorts × (ages + 1) × groups against the query cost limit; more cells than MAX_KPI_ROWS is QUERY_TOO_COMPLEX.",
  })
  async cohorts(@Args() args: CohortsArgs, @Ctx() ctx: GraphQLContext): Promise<Cohort[]> {
    return ctx.services.cohorts.cohorts(ctx.loaders, { ...args, filter: await partnerScoped(ctx, args.filter ?? null) });
  }

  @Authorized(...Roles.KPI_READ)
  @Extensions(kpiSizeExtension({ pageArg: 'first' }))
  @Query(() => KpiCustomerConnection, {
    description:
      'The customers behind a customer count of one period (drill-down), each with its monthly value at the base month and at the end, its movement and its term of the MRR bridge, largest change first (then by customer id), a page at a time. `totalCount` is the matching KPI for the same period and filter, and the changes of a set add up to its MRR movements. A period in progress is computed to date, like the KPIs. A PARTNER key sees only its own partner\'s customers. Costs its page size against the query cost limit.',
  })
  async kpiCustomers(@Args() args: KpiCustomersArgs, @Ctx() ctx: GraphQLContext): Promise<KpiCustomerConnection> {
    return ctx.services.cohorts.kpiCustomers(ctx.loaders, { ...args, filter: await partnerScoped(ctx, args.filter ?? null) });
  }
}

@Resolver(() => KpiCustomer)
export class KpiCustomerResolver {
  @FieldResolver(() => Customer, { description: 'The customer (batched: one statement per page).' })
  async customer(@Root() row: KpiCustomer, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return (await ctx.loaders.customer.load(row.customerId))!;
  }
}
