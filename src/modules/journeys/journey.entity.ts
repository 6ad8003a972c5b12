import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';

@ObjectType({
  description: 'An ordered list of phases the customer goes through. A workspace may keep several, e.g. one per product line.',
})
@Entity()
@Unique(['workspaceId', 'name'])
export class Journey {
  @Field(() => ID, { description: 'Id of the journey.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Name of the journey; unique in the workspace.' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free text describing the journey.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
