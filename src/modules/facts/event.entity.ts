import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { Campaign } from '../customers/campaign.entity';
import { Phase } from '../journeys/phase.entity';
import { Touchpoint } from '../journeys/touchpoint.entity';
import { EventType } from './fact.enums';

@ObjectType('Event', { description: 'An engagement event of a customer, optionally at a touchpoint and within a campaign.' })
@Entity('event')
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'type', 'occurredAt'])
@Index(['customerId', 'occurredAt'])
export class CustomerEvent {
  @Field(() => ID, { description: 'Stable id of the event in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Your system\'s id for the event; its natural key.' })
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'customer_id', referencedColumnName: 'id' },
  ])
  customer?: Customer;

  @Field(() => EventType, { description: 'Kind of engagement event.' })
  @Column({ type: 'enum', enum: EventType, enumName: 'event_type' })
  type!: EventType;

  @Field(() => DateTimeResolver, { description: 'When it happened.' })
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  touchpointId!: string | null;

  @ManyToOne(() => Touchpoint)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'touchpoint_id', referencedColumnName: 'id' },
  ])
  touchpoint?: Touchpoint;

  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;

  @ManyToOne(() => Campaign)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'campaign_id', referencedColumnName: 'id' },
  ])
  campaign?: Campaign;

  @Column({ type: 'uuid', nullable: true })
  phaseId!: string | null;

  // Journey structure never takes facts with it: a phase that events still name cannot be deleted (the service says which).
  @ManyToOne(() => Phase, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'phase_id', referencedColumnName: 'id' },
  ])
  phase?: Phase;
}
