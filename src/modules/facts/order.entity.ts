import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { Campaign } from '../customers/campaign.entity';
import { Touchpoint } from '../journeys/touchpoint.entity';
import { money } from './money.transformer';

/**
 * A customer's order (table "order": quote it in SQL). The customer is referenced by (workspace_id, customer_id), so the
 * database itself refuses an order of another workspace's customer; erasing the customer erases its orders and their refunds.
 */
@ObjectType({ description: 'One order of a customer: what the workspace counts as the revenue of one purchase, before refunds.' })
@Entity('order')
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'orderedAt'])
@Index(['workspaceId', 'customerId', 'orderedAt'])
@Check(`"amount" >= 0`)
export class Order {
  @Field(() => ID, { description: 'Stable id of the order in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: "Your system's id for the order; its natural key. Refunds name the order by it." })
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

  @Field(() => DateTimeResolver, { description: 'When the order was placed; it counts in the month of this time (UTC).' })
  @Column({ type: 'timestamptz' })
  orderedAt!: Date;

  @Field(() => Float, { description: 'Amount in the workspace currency, before refunds; 0 or more.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: money })
  amount!: number;

  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;

  @ManyToOne(() => Campaign)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'campaign_id', referencedColumnName: 'id' },
  ])
  campaign?: Campaign;

  @Column({ type: 'uuid', nullable: true })
  touchpointId!: string | null;

  @ManyToOne(() => Touchpoint)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'touchpoint_id', referencedColumnName: 'id' },
  ])
  touchpoint?: Touchpoint;
}
