import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CurrencyResolver } from 'graphql-scalars';
import { DateTimeResolver, LocalDateResolver } from '../../core/scalars';
import { BusinessModel, DEFAULT_ACTIVITY_WINDOW_MONTHS, MAX_ACTIVITY_WINDOW_MONTHS, MIN_ACTIVITY_WINDOW_MONTHS } from './workspace.enums';

@ObjectType({ description: 'A tenant. Every object belongs to exactly one workspace, and nothing crosses workspaces.' })
@Entity()
@Check('CHK_workspace_data_complete_through_month', `EXTRACT(DAY FROM "data_complete_through") = 1`)
@Check(
  'CHK_workspace_activity_window_months',
  `"activity_window_months" BETWEEN ${MIN_ACTIVITY_WINDOW_MONTHS} AND ${MAX_ACTIVITY_WINDOW_MONTHS}`,
)
export class Workspace {
  @Field(() => ID, { description: 'Id of the workspace.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Display name of the workspace, e.g. the company name.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => CurrencyResolver, { description: 'ISO 4217 code of the one currency all amounts of this workspace are in.' })
  @Column({ type: 'char', length: 3, default: 'USD' })
  currency!: string;

  @Field(() => Int, {
    description: 'First month (1-12) of the fiscal year; quarters and years of KPIs are aligned to it. 1 = calendar year.',
  })
  @Column({ type: 'smallint', default: 1 })
  fiscalYearStartMonth!: number;

  @Field(() => BusinessModel, {
    description:
      "How the workspace's customers pay: SUBSCRIPTION (the default; a customer's monthly value is its RECURRING revenue) or TRANSACTIONAL (by order; its monthly value is its run rate over `activityWindowMonths`). Changing it changes every KPI at once.",
  })
  @Column({ type: 'enum', enum: BusinessModel, enumName: 'business_model', default: BusinessModel.SUBSCRIPTION })
  businessModel!: BusinessModel;

  @Field(() => Int, {
    description: `The activity window W of a TRANSACTIONAL workspace, in months (${MIN_ACTIVITY_WINDOW_MONTHS}-${MAX_ACTIVITY_WINDOW_MONTHS}, default ${DEFAULT_ACTIVITY_WINDOW_MONTHS}): a customer's monthly value is its revenue of the last W months divided by W, so a shopper stays active for W months after a purchase. Not used by a SUBSCRIPTION workspace.`,
  })
  @Column({ type: 'smallint', default: DEFAULT_ACTIVITY_WINDOW_MONTHS })
  activityWindowMonths!: number;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last month whose facts are complete, as set with `updateWorkspace` (the first day of the month); null when not set, and then derived: see `effectiveDataCompleteThrough`. KPIs leave out every fact dated after it (revenue and costs of later months, orders placed, refunds paid, invoices issued, surveys answered and events occurring later); a period ending on or before it is complete, a period in progress at it is computed to date, and a period starting after it has no values.',
  })
  @Column({ type: 'date', nullable: true })
  dataCompleteThrough!: string | null;

  /**
   * Bumped by a trigger in the same transaction as every write to the data KPIs are computed from (customers, tiers, partners,
   * campaigns, phases and facts), so that a cached KPI result is valid exactly while the version it was computed at is current.
   * Internal: not part of the API. A bigint arrives from pg as a string.
   */
  @Column({ type: 'bigint', default: 0 })
  dataVersion!: string;

  /**
   * Bumped by a trigger in the same transaction as every write to a table the KPI aggregates are computed from (customers and
   * facts): the aggregates are current exactly while they were maintained up to this version (kpi/aggregates). Internal.
   */
  @Column({ type: 'bigint', default: 0 })
  factsVersion!: string;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
