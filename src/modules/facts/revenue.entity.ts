import { Field, Float, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocalDateResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { RevenueType } from './fact.enums';
import { money } from './money.transformer';

@ObjectType({ description: "One customer's revenue of one type in one month. Natural key: (customer, month, type)." })
@Entity()
@Index(['workspaceId', 'month'])
export class Revenue {
  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @PrimaryColumn({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'customer_id', referencedColumnName: 'id' },
  ])
  customer?: Customer;

  @Field(() => LocalDateResolver, { description: 'The month, named by its first day.' })
  @PrimaryColumn({ type: 'date' })
  month!: string;

  @Field(() => RevenueType, { description: 'Kind of revenue; only RECURRING counts as MRR.' })
  @PrimaryColumn({ type: 'enum', enum: RevenueType, enumName: 'revenue_type' })
  type!: RevenueType;

  @Field(() => Float, { description: 'Amount in the workspace currency.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: money })
  amount!: number;
}
