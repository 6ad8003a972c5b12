import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { OmitOrGive } from '../../../server/validation';
import { KEY_PATTERN, KEY_RULE } from './key.rule';

@InputType({ description: 'A new phase of a journey.' })
export class AddPhaseInput {
  @Field({ description: 'Unique in the workspace, e.g. "onboarding".' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Where to insert it, from 1; later phases move down one. Omitted: after the last phase.',
  })
  @IsOptional()
  @Min(1)
  position?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'What customer success means in this phase.' })
  @IsOptional()
  @MaxLength(5000)
  successDefinition?: string | null;

  @Field(() => ID, { nullable: true, description: 'The accountable owner.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be an owner id' })
  ownerId?: string | null;
}

@InputType({ description: 'Changes to a phase; omitted fields stay as they are, `ownerId: null` removes the owner.' })
export class UpdatePhaseInput {
  @Field({ nullable: true })
  @OmitOrGive()
  @Matches(KEY_PATTERN, KEY_RULE)
  key?: string;

  @Field({ nullable: true })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  successDefinition?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be an owner id' })
  ownerId?: string | null;
}
