import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@ObjectType({
  description:
    'A customer tier of the workspace (its own list; four by default: strategic, enterprise, growth, scale). Targets are set per tier.',
})
@Entity()
@Unique(['workspaceId', 'key'])
export class Tier {
  @Field(() => ID, { description: 'Stable id of the tier in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Stable key; customers, targets and KPI groups name the tier by it.' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field({ description: 'Display name of the tier.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'Order of the tiers, 1 = the most valuable.' })
  @Column({ type: 'int' })
  rank!: number;
}
