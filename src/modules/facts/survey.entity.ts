import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DateTimeResolver } from 'graphql-scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Customer } from '../customers/customer.entity';
import { SurveyKind } from './fact.enums';

@ObjectType({ description: 'One survey response of a customer (CSAT 1-5 or NPS 0-10).' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'respondedAt'])
@Index(['customerId'])
export class Survey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn()
  customer?: Customer;

  @Field(() => SurveyKind)
  @Column({ type: 'enum', enum: SurveyKind, enumName: 'survey_kind' })
  kind!: SurveyKind;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  score!: number;

  @Field(() => DateTimeResolver)
  @Column({ type: 'timestamptz' })
  respondedAt!: Date;
}
