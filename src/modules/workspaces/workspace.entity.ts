import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { CurrencyResolver } from 'graphql-scalars';
import { DateTimeResolver, LocalDateResolver } from '../../core/scalars';

@ObjectType({ description: 'A tenant. Every object belongs to exactly one workspace, and nothing crosses workspaces.' })
@Entity()
@Check('CHK_workspace_data_complete_through_month', `EXTRACT(DAY FROM "data_complete_through") = 1`)
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

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last month whose facts are complete, as set with `updateWorkspace` (the first day of the month); null when not set, and then derived: see `effectiveDataCompleteThrough`. KPIs leave out every fact dated after it (revenue and costs of later months, invoices issued, surveys answered and events occurring later); a period ending on or before it is complete, a period in progress at it is computed to date, and a period starting after it has no values.',
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

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
