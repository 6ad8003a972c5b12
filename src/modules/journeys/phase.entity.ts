import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Journey } from './journey.entity';
import { Owner } from './owner.entity';

@ObjectType({
  description:
    'One phase of a journey: what customer success means in it, who is accountable, the processes behind it and its touchpoints.',
})
@Entity()
@Unique(['workspaceId', 'key'])
@Index(['journeyId', 'position'])
export class Phase {
  @Field(() => ID, { description: 'Id of the phase.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Column({ type: 'uuid' })
  journeyId!: string;

  @ManyToOne(() => Journey, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'journey_id', referencedColumnName: 'id' },
  ])
  journey?: Journey;

  @Field({ description: 'Stable key, unique in the workspace; facts name phases by it (e.g. `PHASE_ENTERED` events).' })
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Field({ description: 'Display name, e.g. "Purchase and implementation".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'Position in the journey, from 1; positions are dense and ordered.' })
  @Column({ type: 'int' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'What happens in this phase, in plain words.' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'What customer success means in this phase, in plain words.' })
  @Column({ type: 'text', nullable: true })
  successDefinition!: string | null;

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
