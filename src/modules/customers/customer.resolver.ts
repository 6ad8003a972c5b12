import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectionAt, selectionOf } from '../../core/selection';
import { LocalDateResolver } from '../../core/scalars';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { badInput, notFound } from '../../core/errors';
import { Roles } from '../../core/role.enum';
import { Phase } from '../journeys/phase.entity';
import { Revenue } from '../facts/revenue.entity';
import { Cost } from '../facts/cost.entity';
import { Invoice } from '../facts/invoice.entity';
import { Survey } from '../facts/survey.entity';
import { CustomerEvent } from '../facts/event.entity';
import { Order } from '../facts/order.entity';
import { MrrPoint } from '../facts/fact.types';
import { BATCH_CONTRACT, IngestionResult, rowsArg } from '../facts/ingestion';
import { dataScopeOf } from '../../core/data-scope';
import { monthOf, monthsBetween, MAX_MRR_MONTHS } from '../facts/months';
import { Customer } from './customer.entity';
import { Tier } from './tier.entity';
import { Segment } from './segment.entity';
import { SegmentKeyScalar } from './segment.scalar';
import { Partner } from './partner.entity';
import { Campaign } from './campaign.entity';
import { CustomerConnection, CustomerErasure, PhaseEntry } from './customer.types';
import { CustomerFilter, CustomerRowInput, NamedRowInput, SegmentRowInput, TierRowInput } from './dtos/customer.inputs';
import { MAX_PAGE_SIZE } from './customer.service';

const MAX_NESTED = 1000;

function limit(first: number): number {
  if (first < 0 || first > MAX_NESTED) throw badInput([{ path: 'first', message: `first must be between 0 and ${MAX_NESTED}` }]);
  return first;
}

const firstArg = (what: string) => ({
  defaultValue: 100,
  description: `How many ${what} to return, newest first (0 to ${MAX_NESTED}).`,
});

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized(...Roles.READ_FACTS)
  @Query(() => CustomerConnection, {
    description:
      'The customers of the workspace, by name, a page at a time (Relay connection), filtered and searched. A PARTNER key sees only ' +
      "its partner's customers.",
  })
  customers(
    @Arg('first', () => Int, { defaultValue: 50, description: `Page size, 0 to ${MAX_PAGE_SIZE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
    @Arg('filter', () => CustomerFilter, { nullable: true, description: 'Which customers to list; omitted: all.' })
    filter: CustomerFilter | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CustomerConnection> {
    // One statement for the page with what the query selects of each customer (tier, partner … embedded in its row).
    const selection = selectionOf(info);
    return ctx.services.customers.listCustomers(dataScopeOf(ctx), first, after ?? null, filter ?? null, {
      node: selectionAt(selection, 'edges', 'node') ?? { fields: new Map() },
      totalCount: selection.fields.has('totalCount'),
    });
  }

  @Authorized(...Roles.READ_FACTS)
  @Query(() => Customer, {
    nullable: true,
    description: 'One customer by id. Null, with a `NOT_FOUND` error, when it is not a customer the caller may see (the other fields of the query still answer).',
  })
  async customer(@Arg('id', () => ID, { description: 'The customer\'s id (`Customer.id`).' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    dataScopeOf(ctx);
    const customer = await ctx.loaders.customer.load(id);
    if (!customer) throw notFound('customer', id);
    return customer;
  }

  @Authorized(...Roles.READ_FACTS)
  @Query(() => Customer, {
    nullable: true,
    description: "One customer by your system's id (`externalId`). Null, with a `NOT_FOUND` error, when it is not a customer the caller may see.",
  })
  customerByExternalId(@Arg('externalId', { description: "Your system's id for the customer." }) externalId: string, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    return ctx.services.customers.customerByExternalId(dataScopeOf(ctx), externalId);
  }

  @FieldResolver(() => Tier, { description: "The customer's tier." })
  async tier(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Tier> {
    return (await ctx.loaders.tier.load(customer.tierId))!;
  }

  @FieldResolver(() => SegmentKeyScalar, { description: "The key of the customer's segment (`segments` lists their names)." })
  async segment(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<string> {
    return (await ctx.loaders.segment.load(customer.segmentId))!.key;
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner that serves the customer, if any.' })
  partner(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Partner | null> | null {
    return customer.partnerId ? ctx.loaders.partner.load(customer.partnerId) : null;
  }

  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign that acquired the customer, if recorded.' })
  acquisitionCampaign(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> | null {
    return customer.acquisitionCampaignId ? ctx.loaders.campaign.load(customer.acquisitionCampaignId) : null;
  }

  @FieldResolver(() => [MrrPoint], {
    description:
      "The customer's monthly value (MRR) per month, oldest month first, as every customer KPI reads it: in a SUBSCRIPTION " +
      'workspace the sum of its RECURRING revenue of the month; in a TRANSACTIONAL one its run rate (its revenue, orders net of ' +
      'refunds included, over the activity window ending with the month, divided by the window). 0 in months without a value. ' +
      "Without bounds the series runs from the customer's first to its last month with a value.",
  })
  mrr(
    @Root() customer: Customer,
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'First month of the series (any day of it).' }) from?: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Last month of the series (any day of it).' }) to?: string | null,
  ): Promise<MrrPoint[]> {
    for (const [path, value] of [['from', from], ['to', to]] as const) {
      // LocalDate lets a five-digit year through; months here are YYYY-MM.
      if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badInput([{ path, message: `${path} must be a date YYYY-MM-DD with a four-digit year` }]);
    }
    const start = from ? monthOf(from) : null;
    const end = to ? monthOf(to) : null;
    if (start && end && start > end) throw badInput([{ path: 'from', message: 'from must not be after to' }]);
    if (start && end && monthsBetween(start, end) >= MAX_MRR_MONTHS) {
      throw badInput([{ path: 'to', message: `a series spans at most ${MAX_MRR_MONTHS} months` }]);
    }
    return ctx.loaders.mrrByCustomer(start, end).load(customer.id);
  }

  @FieldResolver(() => [Revenue], { description: 'Revenue rows, newest month first.' })
  revenue(
    @Root() customer: Customer,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArg('rows')) first: number,
  ): Promise<Revenue[]> {
    return ctx.loaders.revenueByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => [Cost], { description: 'Costs attributed to the customer, newest month first.' })
  costs(@Root() customer: Customer, @Ctx() ctx: GraphQLContext, @Arg('first', () => Int, firstArg('costs')) first: number): Promise<Cost[]> {
    return ctx.loaders.costsByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => [Invoice], { description: 'Invoices, newest issue date first.' })
  invoices(
    @Root() customer: Customer,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArg('invoices')) first: number,
  ): Promise<Invoice[]> {
    return ctx.loaders.invoicesByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => [Survey], { description: 'Survey responses, newest first.' })
  surveys(
    @Root() customer: Customer,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArg('responses')) first: number,
  ): Promise<Survey[]> {
    return ctx.loaders.surveysByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => [CustomerEvent], { description: 'Engagement events, newest first.' })
  events(
    @Root() customer: Customer,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArg('events')) first: number,
  ): Promise<CustomerEvent[]> {
    return ctx.loaders.eventsByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => [Order], { description: 'Orders, newest first, each with its refunds.' })
  orders(@Root() customer: Customer, @Ctx() ctx: GraphQLContext, @Arg('first', () => Int, firstArg('orders')) first: number): Promise<Order[]> {
    return ctx.loaders.ordersByCustomer(limit(first)).load(customer.id);
  }

  @FieldResolver(() => Phase, {
    nullable: true,
    description: 'The journey phase the customer is in: the phase of its latest `PHASE_ENTERED` event; null before the first.',
  })
  async currentPhase(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Phase | null> {
    const entries = await ctx.loaders.phaseEntriesByCustomer.load(customer.id);
    const latest = entries[entries.length - 1];
    return latest?.phaseId ? ctx.loaders.phase.load(latest.phaseId) : null;
  }

  @FieldResolver(() => [PhaseEntry], { description: 'Every phase the customer entered, oldest first (its `PHASE_ENTERED` events).' })
  async phaseHistory(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<PhaseEntry[]> {
    const entries = await ctx.loaders.phaseEntriesByCustomer.load(customer.id);
    return entries.map((e) => ({ phaseId: e.phaseId!, enteredAt: e.occurredAt, eventExternalId: e.externalId }));
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Create or update customers. Natural key: externalId. Tiers, partners and campaigns are named by key / external id and must ' +
      'exist. A PARTNER key may only send customers of its own partner (other rows are rejected with reason FORBIDDEN). ' +
      BATCH_CONTRACT,
  })
  upsertCustomers(@Arg('rows', () => [CustomerRowInput], rowsArg('customers')) rows: CustomerRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.customers.upsertCustomers(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => CustomerErasure, { nullable: true,
    description:
      'Erase a customer and every fact about it (revenue, costs attributed to it, invoices, surveys, events, orders and their ' +
      'refunds), e.g. for a GDPR ' +
      "request, in one transaction. Returns what was deleted. A PARTNER key may erase only its partner's customers.",
  })
  deleteCustomer(@Arg('id', () => ID, { description: 'The id of the customer to erase (`Customer.id`).' }) id: string, @Ctx() ctx: GraphQLContext): Promise<CustomerErasure> {
    return ctx.services.customers.deleteCustomer(dataScopeOf(ctx), id);
  }
}

@Resolver(() => PhaseEntry)
export class PhaseEntryResolver {
  @FieldResolver(() => Phase, { description: 'The phase entered.' })
  async phase(@Root() entry: PhaseEntry, @Ctx() ctx: GraphQLContext): Promise<Phase> {
    return (await ctx.loaders.phase.load(entry.phaseId))!;
  }
}

@Resolver()
export class ReferenceDataResolver {
  @Authorized(...Roles.READ_FACTS)
  @Query(() => [Tier], { description: 'The customer tiers of the workspace, by rank (1 = the most valuable first).' })
  tiers(@Ctx() ctx: GraphQLContext): Promise<Tier[]> {
    return ctx.services.customers.listTiers(callerOf(ctx).workspaceId);
  }

  @Authorized(...Roles.READ_FACTS)
  @Query(() => [Segment], { description: 'The customer segments of the workspace, by rank (ENTERPRISE, MID_MARKET and SMB by default).' })
  segments(@Ctx() ctx: GraphQLContext): Promise<Segment[]> {
    return ctx.services.customers.listSegments(callerOf(ctx).workspaceId);
  }

  @Authorized(...Roles.READ_FACTS)
  @Query(() => [Campaign], { description: 'The campaigns of the workspace, by name.' })
  campaigns(@Ctx() ctx: GraphQLContext): Promise<Campaign[]> {
    return ctx.services.customers.listCampaigns(callerOf(ctx).workspaceId);
  }

  @Authorized(...Roles.READ_FACTS)
  @Query(() => [Partner], { description: 'The partners of the workspace, by name. A PARTNER key sees only its own partner.' })
  partners(@Ctx() ctx: GraphQLContext): Promise<Partner[]> {
    return ctx.services.customers.listPartners(dataScopeOf(ctx));
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => IngestionResult, { nullable: true,
    description: 'Create or rename tiers and set their rank. Natural key: key. ' + BATCH_CONTRACT,
  })
  upsertTiers(@Arg('rows', () => [TierRowInput], rowsArg('tiers')) rows: TierRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.customers.upsertTiers(callerOf(ctx).workspaceId, rows);
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => String, { nullable: true,
    description: 'Delete a tier that no customer is in; returns its key. A tier still in use is `CONFLICT`; an unknown key `NOT_FOUND`.',
  })
  deleteTier(@Arg('key', { description: 'The key of the tier to delete.' }) key: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.customers.deleteTier(callerOf(ctx).workspaceId, key);
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Create or rename customer segments and set their order. Natural key: key (letters, digits and _, e.g. "SMB" or ' +
      '"loyal_shoppers"). Customers, filters and KPI groups name a segment by its key. ' + BATCH_CONTRACT,
  })
  upsertSegments(@Arg('rows', () => [SegmentRowInput], rowsArg('segments')) rows: SegmentRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.customers.upsertSegments(callerOf(ctx).workspaceId, rows);
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => String, { nullable: true,
    description: 'Delete a segment that no customer is in; returns its key. A segment still in use is `CONFLICT`; an unknown key `NOT_FOUND`.',
  })
  deleteSegment(@Arg('key', { description: 'The key of the segment to delete.' }) key: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.customers.deleteSegment(callerOf(ctx).workspaceId, key);
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => IngestionResult, { nullable: true, description: 'Create or rename campaigns. Natural key: externalId. ' + BATCH_CONTRACT })
  upsertCampaigns(@Arg('rows', () => [NamedRowInput], rowsArg('campaigns')) rows: NamedRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.customers.upsertCampaigns(callerOf(ctx).workspaceId, rows);
  }

  @Authorized(...Roles.WRITE_REFERENCE_DATA)
  @Mutation(() => IngestionResult, { nullable: true, description: 'Create or rename partners. Natural key: externalId. ' + BATCH_CONTRACT })
  upsertPartners(@Arg('rows', () => [NamedRowInput], rowsArg('partners')) rows: NamedRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.customers.upsertPartners(callerOf(ctx).workspaceId, rows);
  }
}
