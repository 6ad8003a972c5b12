import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Tier } from '../customers/tier.entity';
import { Grain } from '../kpi/catalogue/kpi.enums';
import { Metric } from './metric.entity';
import { decimal } from './decimal.transformer';

/**
 * A recorded value of an OBSERVED metric for one grain, period and tier (no tier: the whole workspace).
 * Natural key (workspace, metric, grain, period start, tier), a unique index over COALESCE(tier_id, zero uuid) written by hand in
 * the migration (a plain unique constraint would let two rows without a tier coexist on PostgreSQL < 15).
 */
@Entity()
@Index('UQ_metric_value_natural_key', { synchronize: false })
export class MetricValue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  metricId!: string;

  @ManyToOne(() => Metric, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'metric_id', referencedColumnName: 'id' },
  ])
  metric?: Metric;

  @Column({ type: 'enum', enum: Grain, enumName: 'grain' })
  grain!: Grain;

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

  @Column({ type: 'numeric', transformer: decimal })
  value!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
