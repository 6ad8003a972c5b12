import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@ObjectType('CustomerSegment', {
  description:
    'A customer segment of the workspace (its own list, like tiers; three by default: ENTERPRISE, MID_MARKET, SMB). A B2B ' +
    'workspace may keep company sizes, a retailer its own shopper segments.',
})
@Entity()
@Unique(['workspaceId', 'key'])
// The target of the customer's (workspace_id, segment_id) foreign key: the database refuses another workspace's segment.
export class Segment {
  @Field(() => ID, { description: 'Stable id of the segment in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Stable key; customers, filters and KPI groups name the segment by it (e.g. "SMB").' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field({ description: 'Display name of the segment.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'Order of the segments in lists, 1 first.' })
  @Column({ type: 'int' })
  rank!: number;
}
