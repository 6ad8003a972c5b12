import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Phase } from '../journeys/phase.entity';
import { Owner } from '../journeys/owner.entity';
import { KpiDirection, KpiUnit } from '../kpi/catalogue/kpi.enums';
import { KPIS, KpiKey } from '../kpi/catalogue/kpi.definitions';
import { IndicatorKind, MetricLevel, MetricSource } from './metric.enums';

/** The metric every workspace has, created with it, at the top of every chain: the catalogue's CUSTOMER_EQUITY, as it defines it. */
const EQUITY_KPI = KPIS.CUSTOMER_EQUITY;
export const CUSTOMER_EQUITY_METRIC = {
  key: 'customer_equity',
  name: EQUITY_KPI.name,
  description: `${EQUITY_KPI.description} ${EQUITY_KPI.formula}`,
  level: MetricLevel.EQUITY,
  indicatorKind: EQUITY_KPI.indicator,
  unit: EQUITY_KPI.unit,
  direction: EQUITY_KPI.direction,
  source: MetricSource.KPI,
  kpi: KpiKey.CUSTOMER_EQUITY,
} as const;

@ObjectType({
  description:
    'A metric of the chain from activities to customer equity: what it measures, its level, where its values come from, and who is accountable for it.',
})
@Entity()
@Unique(['workspaceId', 'key'])
@Check(`("source" = 'KPI') = ("kpi" IS NOT NULL)`)
export class Metric {
  @Field(() => ID, { description: 'Id of the metric.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Stable key, unique in the workspace; mutations, values and targets name the metric by it.' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field({ description: 'Display name, e.g. "Webinars held".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What it measures and how, in plain words.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => MetricLevel, { description: 'Its level in the chain.' })
  @Column({ type: 'enum', enum: MetricLevel, enumName: 'metric_level' })
  level!: MetricLevel;

  /** Read through MetricResolver.indicatorKind: a KPI source's kind is its KPI's in the catalogue, whatever is stored. */
  @Column({ type: 'enum', enum: IndicatorKind, enumName: 'indicator_kind' })
  indicatorKind!: IndicatorKind;

  @Field(() => KpiUnit, { description: 'The unit of its values (for a KPI source: the unit of the KPI).' })
  @Column({ type: 'enum', enum: KpiUnit, enumName: 'kpi_unit' })
  unit!: KpiUnit;

  @Field(() => KpiDirection, { description: 'Which way it improves; attainment follows it (for a KPI source: the direction of the KPI).' })
  @Column({ type: 'enum', enum: KpiDirection, enumName: 'kpi_direction' })
  direction!: KpiDirection;

  @Field(() => MetricSource, { description: 'KPI (computed by the engine) or OBSERVED (recorded with recordMetricValues).' })
  @Column({ type: 'enum', enum: MetricSource, enumName: 'metric_source' })
  source!: MetricSource;

  @Field(() => KpiKey, { nullable: true, description: 'The KPI the values come from when the source is KPI; null for OBSERVED.' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  kpi!: KpiKey | null;

  @Column({ type: 'uuid', nullable: true })
  phaseId!: string | null;

  @ManyToOne(() => Phase)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'phase_id', referencedColumnName: 'id' },
  ])
  phase?: Phase;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => Owner)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'owner_id', referencedColumnName: 'id' },
  ])
  owner?: Owner;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
