import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@ObjectType({ description: 'A marketing campaign; customers name the campaign that acquired them, costs and events may name one.' })
@Entity()
@Unique(['workspaceId', 'externalId'])
export class Campaign {
  @Field(() => ID, { description: 'Stable id of the campaign in JourneyGraph.' })
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

  @Field({ description: 'Display name of the campaign.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;
}
