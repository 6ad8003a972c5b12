import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from 'graphql-scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { OwnerFunction } from './journey.enums';

@ObjectType({
  description:
    'A person or team accountable for phases of the journey and their success metrics: the basis for variable compensation.',
})
@Entity()
@Unique(['workspaceId', 'name'])
export class Owner {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Name of the person or team; unique in the workspace.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => OwnerFunction)
  @Column({ type: 'enum', enum: OwnerFunction, enumName: 'owner_function' })
  function!: OwnerFunction;

  @Field(() => String, { nullable: true, description: 'Contact address of the owner.' })
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Field(() => DateTimeResolver)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
