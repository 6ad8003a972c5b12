import { Field, Float, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Metric } from './metric.entity';

@ObjectType({
  description: 'A link of a metric chain: the child metric drives the parent metric (of a strictly higher level), with a weight.',
})
@Entity()
@Unique(['workspaceId', 'childId', 'parentId'])
@Index(['parentId'])
@Check(`"weight" > 0`)
export class MetricLink {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  childId!: string;

  // Deleting a linked metric is refused by the service unless forced; the cascade is what `force` relies on.
  @ManyToOne(() => Metric, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'child_id', referencedColumnName: 'id' },
  ])
  child?: Metric;

  @Column({ type: 'uuid' })
  parentId!: string;

  @ManyToOne(() => Metric, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'parent_id', referencedColumnName: 'id' },
  ])
  parent?: Metric;

  @Field(() => Float, { description: "The weight of the child in the parent's chainScore (> 0; default 1)." })
  @Column({ type: 'double precision', default: 1 })
  weight!: number;

  @Field(() => DateTimeResolver, { description: 'When the link was made.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
