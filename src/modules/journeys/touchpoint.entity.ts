import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Phase } from './phase.entity';
import { TouchpointChannel, TouchpointMode } from './journey.enums';

@ObjectType({ description: 'A point where the phase meets the customer, on one channel, by technology or by a person.' })
@Entity()
@Unique(['workspaceId', 'key'])
@Index(['phaseId'])
export class Touchpoint {
  @Field(() => ID, { description: 'Id of the touchpoint.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  phaseId!: string;

  @ManyToOne(() => Phase, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'phase_id', referencedColumnName: 'id' },
  ])
  phase?: Phase;

  @Field({ description: 'Stable key, unique in the workspace; events name their touchpoint by it.' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field({ description: 'Display name, e.g. "Onboarding sessions".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => TouchpointChannel, { description: 'The channel it uses.' })
  @Column({ type: 'enum', enum: TouchpointChannel, enumName: 'touchpoint_channel' })
  channel!: TouchpointChannel;

  @Field(() => TouchpointMode, { description: 'Delivered by technology or by a person.' })
  @Column({ type: 'enum', enum: TouchpointMode, enumName: 'touchpoint_mode' })
  mode!: TouchpointMode;

  @Field(() => String, { nullable: true, description: 'Free text describing it.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
