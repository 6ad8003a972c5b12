import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@ObjectType({ description: 'A reseller or referral partner; customers of the PARTNER channel name theirs, and PARTNER keys are bound to one.' })
@Entity()
@Unique(['workspaceId', 'externalId'])
export class Partner {
  @Field(() => ID, { description: 'Stable id of the partner in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Your system\'s id for it; facts name it by this id.' })
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Field({ description: 'Display name of the partner.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
