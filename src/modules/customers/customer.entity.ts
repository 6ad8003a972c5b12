import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { CountryCodeResolver } from 'graphql-scalars';
import { DateTimeResolver, LocalDateResolver } from '../../core/scalars';
import { Workspace } from '../workspaces/workspace.entity';
import { Tier } from './tier.entity';
import { Partner } from './partner.entity';
import { Campaign } from './campaign.entity';
import { Segment } from './segment.entity';
import { SalesChannel } from './customer.enums';

@ObjectType({ description: 'A customer (an account) of the workspace, with the attributes KPIs are grouped and filtered by.' })
@Entity()
@Unique(['workspaceId', 'externalId'])
@Index(['workspaceId', 'tierId'])
@Index(['workspaceId', 'partnerId'])
@Index(['workspaceId', 'segmentId'])
// The `customers` connection pages by (name, id) within a workspace.
@Index(['workspaceId', 'name', 'id'])
export class Customer {
  @Field(() => ID, { description: 'Stable id of the customer in JourneyGraph.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: "Your system's id for the customer (e.g. the CRM account id); facts name customers by it." })
  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  @Field({ description: 'Display name of the customer.' })
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'uuid' })
  tierId!: string;

  @ManyToOne(() => Tier, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'tier_id', referencedColumnName: 'id' },
  ])
  tier?: Tier;

  @Column({ type: 'uuid' })
  segmentId!: string;

  // (workspace_id, segment_id): the database itself refuses a segment of another workspace.
  @ManyToOne(() => Segment, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'segment_id', referencedColumnName: 'id' },
  ])
  segment?: Segment;

  @Field(() => String, { nullable: true, description: 'Sales region, e.g. "EMEA"; null when not recorded.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Field(() => CountryCodeResolver, { nullable: true, description: 'ISO 3166-1 alpha-2 country code; null when not recorded.' })
  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Field(() => SalesChannel, { description: 'DIRECT, or PARTNER when a partner wins and serves the customer.' })
  @Column({ type: 'enum', enum: SalesChannel, enumName: 'sales_channel' })
  channel!: SalesChannel;

  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'partner_id', referencedColumnName: 'id' },
  ])
  partner?: Partner;

  @Column({ type: 'uuid', nullable: true })
  acquisitionCampaignId!: string | null;

  @ManyToOne(() => Campaign)
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'acquisition_campaign_id', referencedColumnName: 'id' },
  ])
  acquisitionCampaign?: Campaign;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day the customer was won (signed).' })
  @Column({ type: 'date', nullable: true })
  acquiredOn!: string | null;

  @Field(() => DateTimeResolver, { description: 'When the customer was first sent.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When an upsert last changed the customer.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
