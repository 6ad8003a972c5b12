import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateTimeResolver, LocalDateResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Tier } from '../customers/tier.entity';
import { Metric } from '../metrics/metric.entity';
import { decimal } from '../metrics/decimal.transformer';
import { Grain } from '../kpi/catalogue/kpi.enums';
import { KpiKey } from '../kpi/catalogue/kpi.definitions';
import { TargetStatus } from './target.enums';

/**
 * A target for a KPI or an OBSERVED metric, one grain, one period and optionally one tier (none: the whole workspace).
 * Natural key (workspace, metric or KPI, grain, period start, tier): a unique index over COALESCEs written by hand in the migration,
 * so that rows without a metric, KPI or tier collide as they should on every PostgreSQL version.
 */
@ObjectType({
  description:
    'A target for a KPI or an OBSERVED metric in one period, for one tier or the whole workspace. DRAFT until a FINANCE or ADMIN key approves it; changing its value makes it a DRAFT again.',
})
@Entity()
@Index('UQ_target_natural_key', { synchronize: false })
@Index(['workspaceId', 'status', 'grain', 'periodStart'])
@Check(`("metric_id" IS NULL) <> ("kpi" IS NULL)`)
export class Target {
  @Field(() => ID, { description: 'Id of the target.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Column({ type: 'uuid', nullable: true })
  metricId!: string | null;

  @ManyToOne(() => Metric, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'metric_id', referencedColumnName: 'id' },
  ])
  metric?: Metric;

  @Field(() => KpiKey, { nullable: true, description: 'The KPI the target is for; null for a metric target.' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  kpi!: KpiKey | null;

  @Field(() => Grain, { description: 'The grain of the period.' })
  @Column({ type: 'enum', enum: Grain, enumName: 'grain' })
  grain!: Grain;

  @Field(() => LocalDateResolver, { description: 'First day of the period.' })
  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'uuid', nullable: true })
  tierId!: string | null;

  @ManyToOne(() => Tier)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'tier_id', referencedColumnName: 'id' },
  ])
  tier?: Tier;

  @Field(() => Float, { description: 'The target value, in the unit of the KPI or metric.' })
  @Column({ type: 'numeric', transformer: decimal })
  value!: number;

  @Field(() => TargetStatus, { description: 'DRAFT or APPROVED.' })
  @Column({ type: 'enum', enum: TargetStatus, enumName: 'target_status', default: TargetStatus.DRAFT })
  status!: TargetStatus;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was approved; null for a draft.' })
  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  approvedByKeyId!: string | null;

  @Field(() => String, { nullable: true, description: 'The name of the API key that approved it; null for a draft.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  approvedBy!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was first drafted.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When its value or status last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
