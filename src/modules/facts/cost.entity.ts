import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { LocalDateResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { Campaign } from '../customers/campaign.entity';
import { CostCategory } from './fact.enums';
import { money } from './money.transformer';

@ObjectType({ description: 'A cost of one month, optionally attributed to a customer and/or a campaign.' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'month'])
@Index(['customerId'])
export class Cost {
  @Field(() => ID, { description: 'Stable id of the cost in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Your system\'s id for the cost; its natural key.' })
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Field(() => CostCategory, { description: 'What the cost was spent on.' })
  @Column({ type: 'enum', enum: CostCategory, enumName: 'cost_category' })
  category!: CostCategory;

  @Field(() => LocalDateResolver, { description: 'The month, named by its first day.' })
  @Column({ type: 'date' })
  month!: string;

  @Field(() => Float, { description: 'Amount in the workspace currency.' })
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: money })
  amount!: number;

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'customer_id', referencedColumnName: 'id' },
  ])
  customer?: Customer;

  @Column({ type: 'uuid', nullable: true })
  campaignId!: string | null;

  @ManyToOne(() => Campaign)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'campaign_id', referencedColumnName: 'id' },
  ])
  campaign?: Campaign;
}
