import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { LocalDateResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { money } from './money.transformer';

@ObjectType({ description: 'An invoice to a customer; open until `paidOn` is set (DSO).' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'issuedOn'])
@Index(['customerId'])
export class Invoice {
  @Field(() => ID, { description: 'Stable id of the invoice in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Your system\'s id for the invoice; its natural key.' })
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

  @Field(() => LocalDateResolver, { description: 'The day the invoice was issued.' })
  @Column({ type: 'date' })
  issuedOn!: string;

  @Field(() => LocalDateResolver, { description: 'The day payment is due.' })
  @Column({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day it was paid; null while open.' })
  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Field(() => Float, { description: 'Amount in the workspace currency.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: money })
  amount!: number;
}
