import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { OwnerFunction } from './journey.enums';

@ObjectType({
  description:
    'A person or team accountable for phases of the journey and their success metrics: the basis for variable compensation.',
})
@Entity()
@Unique(['workspaceId', 'name'])
export class Owner {
  @Field(() => ID, { description: 'Id of the owner.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Name of the person or team; unique in the workspace.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => OwnerFunction, { description: 'The business function the owner belongs to.' })
  @Column({ type: 'enum', enum: OwnerFunction, enumName: 'owner_function' })
  function!: OwnerFunction;

  @Field(() => String, { nullable: true, description: 'Contact address of the owner.' })
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
