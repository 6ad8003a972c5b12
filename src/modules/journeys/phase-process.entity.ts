import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import { Phase } from './phase.entity';

@ObjectType('Process', {
  description: "A process of a phase: the customer's view of it, the internal process behind it, and the systems used.",
})
@Entity('process')
@Index(['phaseId', 'position'])
export class PhaseProcess {
  @Field(() => ID, { description: 'Id of the process.' })
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

  @Field({ description: 'Display name, e.g. "Contract and onboard".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the customer experiences, in their words.' })
  @Column({ type: 'text', nullable: true })
  customerView!: string | null;

  @Field(() => String, { nullable: true, description: 'The internal process behind it.' })
  @Column({ type: 'text', nullable: true })
  internalProcess!: string | null;

  @Field(() => [String], { description: 'Systems used, e.g. "Salesforce", "Marketo".' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  systems!: string[];

  @Field(() => Int, { description: 'Order of the process within its phase, from 1.' })
  @Column({ type: 'int' })
  position!: number;
}
