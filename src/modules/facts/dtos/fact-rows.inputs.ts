import { Field, Float, InputType, Int } from 'type-graphql';
import { IsOptional, Matches } from 'class-validator';
import { DateTimeResolver, LocalDateResolver } from '../../../core/scalars';
import { CostCategory, EventType, RevenueType, SurveyKind } from '../fact.enums';
import { EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE, IsFirstOfMonth, IsMoney } from './row.rules';

const AMOUNT = 'Amount in the workspace currency: not negative, at most two decimals (e.g. 1250.5).';
const CUSTOMER = "The customer's external id (`Customer.externalId`); it must exist (send `upsertCustomers` first).";

@InputType({ description: 'One revenue row of `recordRevenue`. Natural key: (customer, month, type).' })
export class RevenueRowInput {
  @Field({ description: CUSTOMER })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer!: string;

  @Field(() => LocalDateResolver, { description: 'The month, named by its first day: "2025-03-01".' })
  @IsFirstOfMonth()
  month!: string;

  @Field(() => RevenueType, { description: 'Kind of revenue: RECURRING (counts as MRR), ONE_TIME or SERVICES.' })
  type!: RevenueType;

  @Field(() => Float, { description: AMOUNT })
  @IsMoney()
  amount!: number;
}

@InputType({ description: 'One cost row of `recordCosts`. Natural key: externalId.' })
export class CostRowInput {
  @Field({ description: "Your system's id for the cost (e.g. the ledger entry id)." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field(() => CostCategory, { description: 'What the cost was spent on: ACQUISITION, RETENTION, SERVICING or COGS.' })
  category!: CostCategory;

  @Field(() => LocalDateResolver, { description: 'The month, named by its first day: "2025-03-01".' })
  @IsFirstOfMonth()
  month!: string;

  @Field(() => Float, { description: AMOUNT })
  @IsMoney()
  amount!: number;

  @Field(() => String, { nullable: true, description: 'The external id of the customer the cost is attributed to, if any.' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer?: string | null;

  @Field(() => String, { nullable: true, description: 'The external id of the campaign the cost belongs to, if any.' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  campaign?: string | null;
}

@InputType({ description: 'One invoice row of `recordInvoices`. Natural key: externalId. `dueOn` and `paidOn` are not before `issuedOn`.' })
export class InvoiceRowInput {
  @Field({ description: "Your system's id for the invoice (e.g. the invoice number)." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: CUSTOMER })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer!: string;

  @Field(() => LocalDateResolver, { description: 'The day the invoice was issued.' })
  issuedOn!: string;

  @Field(() => LocalDateResolver, { description: 'The day payment is due; not before `issuedOn`.' })
  dueOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day it was paid; not before `issuedOn`. Null or omitted while open.' })
  paidOn?: string | null;

  @Field(() => Float, { description: AMOUNT })
  @IsMoney()
  amount!: number;
}

@InputType({ description: 'One survey response of `recordSurveys`. Natural key: externalId. CSAT scores 1-5, NPS scores 0-10.' })
export class SurveyRowInput {
  @Field({ description: "Your system's id for the response." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: CUSTOMER })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer!: string;

  @Field(() => SurveyKind, { description: 'CSAT (scores 1-5) or NPS (scores 0-10).' })
  kind!: SurveyKind;

  @Field(() => Int, { description: 'The score: 1 to 5 for CSAT, 0 to 10 for NPS.' })
  score!: number;

  @Field(() => DateTimeResolver, { description: 'When the customer responded, ISO 8601 with a zone: "2025-03-14T09:30:00Z".' })
  respondedAt!: Date;
}

@InputType({
  description:
    'One engagement event of `recordEvents`. Natural key: externalId. A `PHASE_ENTERED` event names the phase entered (`phase`).',
})
export class EventRowInput {
  @Field({ description: "Your system's id for the event." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: CUSTOMER })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer!: string;

  @Field(() => EventType, { description: 'Kind of event; PHASE_ENTERED needs `phase`.' })
  type!: EventType;

  @Field(() => DateTimeResolver, { description: 'When it happened, ISO 8601 with a zone: "2025-03-14T09:30:00Z".' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The key of the touchpoint where it happened (`Touchpoint.key`), if any.' })
  @IsOptional()
  touchpoint?: string | null;

  @Field(() => String, { nullable: true, description: 'The external id of the campaign it belongs to, if any.' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  campaign?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key of a journey phase (`Phase.key`, e.g. "purchase"): required for `PHASE_ENTERED`, optional context otherwise.',
  })
  @IsOptional()
  phase?: string | null;
}

@InputType({ description: 'The natural key of one revenue row, to delete it with `deleteRevenue`.' })
export class RevenueKeyInput {
  @Field({ description: "The customer's external id." })
  customer!: string;

  @Field(() => LocalDateResolver, { description: 'The month, named by its first day.' })
  month!: string;

  @Field(() => RevenueType, { description: 'Kind of revenue of the row to delete.' })
  type!: RevenueType;
}

@InputType({ description: 'One order of `recordOrders`. Natural key: externalId. A customer may have any number of orders in a month.' })
export class OrderRowInput {
  @Field({ description: "Your system's id for the order (e.g. the order number); refunds name the order by it." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: CUSTOMER })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  customer!: string;

  @Field(() => DateTimeResolver, { description: 'When the order was placed, ISO 8601 with a zone: "2025-03-14T09:30:00Z". It counts in the month of this time (UTC).' })
  orderedAt!: Date;

  @Field(() => Float, {
    description: 'What the order counts as revenue, before refunds (e.g. net of tax and shipping, as you report revenue): ' +
      'not negative (an order of 0 counts as an order), at most two decimals.',
  })
  @IsMoney()
  amount!: number;

  @Field(() => String, { nullable: true, description: 'The external id of the campaign the order came from, if any. It describes the order; KPIs group customers by their acquisition campaign.' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  campaign?: string | null;

  @Field(() => String, { nullable: true, description: 'The key of the touchpoint where the order was placed (`Touchpoint.key`), if any.' })
  @IsOptional()
  touchpoint?: string | null;
}

@InputType({
  description:
    'One refund (or return) of `recordRefunds`. Natural key: externalId. It names its order, is not dated before it, and the ' +
    "refunds of an order never add up to more than the order's amount.",
})
export class RefundRowInput {
  @Field({ description: "Your system's id for the refund (e.g. the credit note or return number)." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: "The order's external id (`Order.externalId`); it must exist (send `recordOrders` first)." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  order!: string;

  @Field(() => DateTimeResolver, { description: 'When the money was returned, ISO 8601 with a zone; not before the order. It counts in the month of this time (UTC).' })
  refundedAt!: Date;

  @Field(() => Float, { description: 'Amount refunded in the workspace currency: more than 0, at most two decimals.' })
  @IsMoney()
  amount!: number;
}
