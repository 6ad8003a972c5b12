import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../../workspaces/workspace.entity';
import { BusinessModel } from '../../workspaces/workspace.enums';
import { AGGREGATE_MEASURES, rowCountColumns } from '../compiler/kpi.compiler';

/**
 * What a KPI aggregate row and a customer's share of one have in common: the workspace, the combination of the customer
 * dimensions the row is counted under (tier, segment, region, channel, partner, and the campaign: a cost row's own, else the
 * customer's acquisition campaign), and one numeric column per additive measure (catalogue/measures.ts) and one count per row
 * source (and narrowed value), declared below from the catalogue, so that a new measure is a new column (and a generated
 * migration). The period and the key are each table's own.
 */
abstract class AggregateColumns {
  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  // No foreign keys on the dimension ids: a row keeps the id it was counted under; reads join the dimension tables for their keys,
  // so an id that no longer exists reads as no key, exactly as a customer without one does.
  @Column({ type: 'uuid', nullable: true })
  tierId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  segmentId!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;
}

for (const measure of AGGREGATE_MEASURES) Column({ type: 'numeric', default: 0, name: measure })(AggregateColumns.prototype, measure);
for (const { column } of rowCountColumns()) Column({ type: 'bigint', default: 0, name: column })(AggregateColumns.prototype, column);

/**
 * The KPI aggregates of a workspace: per period (its first month s and the last month e it is computed through) and combination
 * of the customer dimensions, the sum over its customers of every additive measure, and how many per-customer rows each source
 * had. A KPI statement adds up the rows of its periods and groups instead of reading the facts.
 *
 * The periods kept: for every month e up to the workspace's horizon, the month itself, and the fiscal quarter and the fiscal year
 * that contain e, each through e (a quarter or year to date, or whole when e is its last month): three (s, e) pairs per month.
 * Maintained in the transaction of every write that changes them (kpi-aggregates.ts); not an API type.
 */
@Entity()
export class KpiAggregate extends AggregateColumns {
  /** s: the first month of the period (a first day). */
  @PrimaryColumn({ type: 'date' })
  periodStart!: string;

  /** e: the last month the period is computed through (a first day). */
  @PrimaryColumn({ type: 'date' })
  periodEnd!: string;

  /** The combination of the dimension columns, as one key (md5 of their row text: nulls and values told apart). */
  @PrimaryColumn({ type: 'uuid' })
  combination!: string;
}

/**
 * One customer's share of the KPI aggregates of the workspace's latest periods: per period ending at the horizon (the month, the
 * quarter to date and the year to date) and combination of its dimensions, the same measures and row counts as a KpiAggregate
 * row, for this customer alone (cost rows that name no customer under the nil uuid). A write of the latest month subtracts a
 * customer's share from the aggregates by reading it here instead of computing it from the facts again, then stores the new
 * one: half the work of the most common write. Kept exact with the aggregates (kpi-aggregates.ts); not an API type.
 */
@Entity()
export class KpiCustomerContribution extends AggregateColumns {
  /** The customer; the nil uuid for cost rows that name none. No foreign key: an erased customer's rows go with its erasure. */
  @PrimaryColumn({ type: 'uuid' })
  customerId!: string;

  @PrimaryColumn({ type: 'date' })
  periodStart!: string;

  @PrimaryColumn({ type: 'date' })
  periodEnd!: string;

  @PrimaryColumn({ type: 'uuid' })
  combination!: string;
}

/**
 * Whether a workspace's aggregates are current, and under which settings they were computed. They are current when
 * `factsVersion` equals the workspace's `facts_version` (bumped by a trigger on every write to a table they are computed from,
 * whatever writes it) and the settings equal the workspace's; otherwise KPIs are computed from the facts until a rebuild.
 */
@Entity()
export class KpiAggregateState {
  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @OneToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  /** The last month e kept (null: none yet, the workspace has no facts). */
  @Column({ type: 'date', nullable: true })
  horizon!: string | null;

  /** The workspace's facts_version the aggregates are current with. */
  @Column({ type: 'bigint' })
  factsVersion!: string;

  @Column({ type: 'int' })
  fiscalYearStartMonth!: number;

  @Column({ type: 'enum', enum: BusinessModel, enumName: 'business_model' })
  businessModel!: BusinessModel;

  @Column({ type: 'int' })
  activityWindowMonths!: number;

  /**
   * The aggregates are being built, a month at a time up to the watermark (after a change of the business model, the window or
   * the fiscal year, or on request): the months after `horizon` are not built yet, and a write keeps the months built without
   * opening later ones.
   */
  @Column({ type: 'boolean', default: false })
  building!: boolean;

  /**
   * The month whose periods' per-customer shares are kept (KpiCustomerContribution); a write reads them only when it is the
   * horizon. Null: none kept (during a build, and until the first month opens after one that ended on no month).
   */
  @Column({ type: 'date', nullable: true })
  contributionsThrough!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/**
 * The customers a write touched while the workspace's aggregates were being built: a step that computed its month from a
 * snapshot computes again, before recording the month, the customers of the writes committed after that snapshot (one row per
 * write; the step that records its month deletes them).
 */
@Entity()
export class KpiAggregatePending {
  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  /** In the order the writes were made. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  /** The customers whose rows the write changed. */
  @Column({ type: 'uuid', array: true })
  customers!: string[];

  /** Whether it changed cost rows that name no customer. */
  @Column({ type: 'boolean' })
  customerless!: boolean;
}
