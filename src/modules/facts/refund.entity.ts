import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Order } from './order.entity';
import { money } from './money.transformer';

/**
 * A refund of (part of) an order. The order is referenced by (workspace_id, order_id): the database refuses a refund of another
 * workspace's order, and deleting the order (or erasing its customer) deletes its refunds. The refund's customer is its order's.
 */
@ObjectType({ description: 'A refund (or return) of part or all of an order; it counts in the month of `refundedAt`.' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'refundedAt'])
@Index(['workspaceId', 'orderId'])
@Check(`"amount" > 0`)
export class Refund {
  @Field(() => ID, { description: 'Stable id of the refund in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: "Your system's id for the refund; its natural key." })
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'order_id', referencedColumnName: 'id' },
  ])
  order?: Order;

  @Field(() => DateTimeResolver, { description: 'When the money was returned; never before the order.' })
  @Column({ type: 'timestamptz' })
  refundedAt!: Date;

  @Field(() => Float, { description: 'Amount refunded in the workspace currency; more than 0. The refunds of an order never add up to more than its amount.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: money })
  amount!: number;
}
