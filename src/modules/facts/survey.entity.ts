import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { SurveyKind } from './fact.enums';

@ObjectType({ description: 'One survey response of a customer (CSAT 1-5 or NPS 0-10).' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'respondedAt'])
@Index(['customerId'])
export class Survey {
  @Field(() => ID, { description: 'Stable id of the survey response in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'Your system\'s id for the survey response; its natural key.' })
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

  @Field(() => SurveyKind, { description: 'CSAT (1-5) or NPS (0-10).' })
  @Column({ type: 'enum', enum: SurveyKind, enumName: 'survey_kind' })
  kind!: SurveyKind;

  @Field(() => Int, { description: 'The score on the scale of its kind.' })
  @Column({ type: 'smallint' })
  score!: number;

  @Field(() => DateTimeResolver, { description: 'When the customer responded.' })
  @Column({ type: 'timestamptz' })
  respondedAt!: Date;
}
