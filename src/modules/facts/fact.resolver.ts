import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { forbidden } from '../../core/errors';
import { Roles } from '../../core/role.enum';
import { Campaign } from '../customers/campaign.entity';
import { Phase } from '../journeys/phase.entity';
import { Touchpoint } from '../journeys/touchpoint.entity';
import { Cost } from './cost.entity';
import { CustomerEvent } from './event.entity';
import { FactKind } from './fact.enums';
import { FactDeletion } from './fact.types';
import { BATCH_CONTRACT, IngestionResult, rowsArg } from './ingestion';
import { dataScopeOf } from '../../core/data-scope';
import {
  CostRowInput,
  EventRowInput,
  InvoiceRowInput,
  OrderRowInput,
  RefundRowInput,
  RevenueKeyInput,
  RevenueRowInput,
  SurveyRowInput,
} from './dtos/fact-rows.inputs';
import { Order } from './order.entity';
import { Refund } from './refund.entity';

@Resolver()
export class FactIngestionResolver {
  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Record monthly revenue per customer and type. Natural key: (customer, month, type); a row for an existing key replaces its amount. ' +
      BATCH_CONTRACT,
  })
  recordRevenue(@Arg('rows', () => [RevenueRowInput], rowsArg('revenue rows')) rows: RevenueRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.facts.recordRevenue(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_COSTS)
  @Mutation(() => IngestionResult, { nullable: true, description: 'Record costs. Natural key: externalId. ' + BATCH_CONTRACT })
  recordCosts(@Arg('rows', () => [CostRowInput], rowsArg('costs')) rows: CostRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.facts.recordCosts(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true, description: 'Record invoices (and their payment). Natural key: externalId. ' + BATCH_CONTRACT })
  recordInvoices(@Arg('rows', () => [InvoiceRowInput], rowsArg('invoices')) rows: InvoiceRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.facts.recordInvoices(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true, description: 'Record CSAT and NPS survey responses. Natural key: externalId. ' + BATCH_CONTRACT })
  recordSurveys(@Arg('rows', () => [SurveyRowInput], rowsArg('survey responses')) rows: SurveyRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.facts.recordSurveys(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true,
    description: 'Record engagement events, `PHASE_ENTERED` events included. Natural key: externalId. ' + BATCH_CONTRACT,
  })
  recordEvents(@Arg('rows', () => [EventRowInput], rowsArg('events')) rows: EventRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.facts.recordEvents(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Record orders: any number per customer and month, each counted as revenue in the month of `orderedAt`, net of its refunds. ' +
      'Natural key: externalId. An order sent again must keep its refunds valid: its amount not below their total and its ' +
      '`orderedAt` not after the first of them (else INVALID on `amount` or `orderedAt`). ' + BATCH_CONTRACT,
  })
  recordOrders(@Arg('rows', () => [OrderRowInput], rowsArg('orders')) rows: OrderRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.orders.recordOrders(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => IngestionResult, { nullable: true,
    description:
      'Record refunds (and returns) of orders, each counted in the month of `refundedAt`. Natural key: externalId. A refund names ' +
      'its order by external id (NOT_FOUND if unknown, or for a PARTNER key if it is not an order of its own customers), is not ' +
      'dated before it (INVALID on `refundedAt`), and the refunds of an order, those recorded before and those of the batch, never ' +
      "add up to more than the order's amount (INVALID on `amount` for each row that would take it over, whatever batches, " +
      'concurrent ones included, sent them). ' + BATCH_CONTRACT,
  })
  recordRefunds(@Arg('rows', () => [RefundRowInput], rowsArg('refunds')) rows: RefundRowInput[], @Ctx() ctx: GraphQLContext): Promise<IngestionResult> {
    return ctx.services.orders.recordRefunds(dataScopeOf(ctx), rows);
  }

  @Authorized(...Roles.DELETE_FACTS)
  @Mutation(() => FactDeletion, { nullable: true,
    description:
      'Delete facts of one kind by external id (up to 10,000), e.g. to take back a batch sent by mistake. Costs need a role that ' +
      'writes costs, the other kinds one that writes facts; a PARTNER key deletes only facts of its own customers. Ids that match ' +
      'nothing are listed in `notFound`. Deleting an order deletes its refunds too.',
  })
  deleteFacts(
    @Arg('kind', () => FactKind, { description: 'Which kind of fact the external ids name.' }) kind: FactKind,
    @Arg('externalIds', () => [String], { description: 'External ids of the facts to delete.' }) externalIds: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<FactDeletion> {
    const { role } = callerOf(ctx);
    const allowed: readonly string[] = kind === FactKind.COST ? Roles.WRITE_COSTS : Roles.WRITE_FACTS;
    if (!allowed.includes(role)) throw forbidden(`A ${role} key may not delete ${kind} facts; it needs one of: ${allowed.join(', ')}.`);
    return ctx.services.facts.deleteFacts(dataScopeOf(ctx), kind, externalIds);
  }

  @Authorized(...Roles.WRITE_FACTS)
  @Mutation(() => FactDeletion, { nullable: true,
    description:
      'Delete revenue rows by their natural key (customer external id, month, type), up to 10,000. A PARTNER key deletes only rows ' +
      'of its own customers. Keys that match nothing are listed in `notFound` as "customer month type".',
  })
  deleteRevenue(
    @Arg('keys', () => [RevenueKeyInput], { description: 'The (customer, month, type) keys of the rows to delete.' }) keys: RevenueKeyInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<FactDeletion> {
    return ctx.services.facts.deleteRevenue(dataScopeOf(ctx), keys);
  }
}

@Resolver(() => CustomerEvent)
export class CustomerEventResolver {
  @FieldResolver(() => Touchpoint, { nullable: true, description: 'The touchpoint where it happened, if recorded.' })
  touchpoint(@Root() event: CustomerEvent, @Ctx() ctx: GraphQLContext): Promise<Touchpoint | null> | null {
    return event.touchpointId ? ctx.loaders.touchpoint.load(event.touchpointId) : null;
  }

  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign it belongs to, if recorded.' })
  campaign(@Root() event: CustomerEvent, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> | null {
    return event.campaignId ? ctx.loaders.campaign.load(event.campaignId) : null;
  }

  @FieldResolver(() => Phase, { nullable: true, description: 'The journey phase: the phase entered for `PHASE_ENTERED`, else context if recorded.' })
  phase(@Root() event: CustomerEvent, @Ctx() ctx: GraphQLContext): Promise<Phase | null> | null {
    return event.phaseId ? ctx.loaders.phase.load(event.phaseId) : null;
  }
}

@Resolver(() => Cost)
export class CostResolver {
  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign the cost belongs to, if any.' })
  campaign(@Root() cost: Cost, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> | null {
    return cost.campaignId ? ctx.loaders.campaign.load(cost.campaignId) : null;
  }
}

@Resolver(() => Order)
export class OrderResolver {
  @FieldResolver(() => [Refund], { description: 'Its refunds, oldest first; they never add up to more than `amount`.' })
  refunds(@Root() order: Order, @Ctx() ctx: GraphQLContext): Promise<Refund[]> {
    return ctx.loaders.refundsByOrder.load(order.id);
  }

  @FieldResolver(() => Campaign, { nullable: true, description: 'The campaign the order came from, if recorded.' })
  campaign(@Root() order: Order, @Ctx() ctx: GraphQLContext): Promise<Campaign | null> | null {
    return order.campaignId ? ctx.loaders.campaign.load(order.campaignId) : null;
  }

  @FieldResolver(() => Touchpoint, { nullable: true, description: 'The touchpoint where the order was placed, if recorded.' })
  touchpoint(@Root() order: Order, @Ctx() ctx: GraphQLContext): Promise<Touchpoint | null> | null {
    return order.touchpointId ? ctx.loaders.touchpoint.load(order.touchpointId) : null;
  }
}
