import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeResolver } from '../../core/scalars';
import { Role } from '../../core/role.enum';
import { Workspace } from './workspace.entity';
import { Partner } from '../customers/partner.entity';

@ObjectType({
  description:
    'An API key of the workspace. The secret is shown once, when the key is created, and stored only as a SHA-256 hash.',
})
@Entity()
@Index(['workspaceId', 'createdAt'])
// A key is presented as `jg_<id>_<secret>`, before its workspace is known: authentication finds it by id alone. The one
// statement that does not name the workspace (see docs/operations.md, distributing by workspace).
@Index(['id'])
export class ApiKey {
  @Field(() => ID, { description: 'The id is the middle part of the key `jg_<id>_<secret>`.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn()
  workspace?: Workspace;

  @Field({ description: 'What the key is for, e.g. "BI dashboard" or "CRM sync".' })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role!: Role;

  /** For PARTNER keys: the partner whose customers the key may see and write. */
  @Column({ type: 'uuid', nullable: true })
  partnerId!: string | null;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'workspace_id', referencedColumnName: 'workspaceId' },
    { name: 'partner_id', referencedColumnName: 'id' },
  ])
  partner?: Partner;

  /** Hex SHA-256 of the secret. The secret is 32 random bytes, so a fast hash is safe. */
  @Column({ type: 'char', length: 64 })
  secretHash!: string;

  @Field({ description: 'The first characters of the key, to recognise it in a list.' })
  @Column({ type: 'varchar', length: 64 })
  preview!: string;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the key was last used, to the minute.' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Set when the key was revoked; a revoked key is refused.' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
