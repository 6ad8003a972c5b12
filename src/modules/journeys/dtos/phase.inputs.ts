import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { OmitOrGive } from '../../../core/validation';
import { KEY_PATTERN, KEY_RULE } from './key.rule';

@InputType({ description: 'A new phase of a journey.' })
export class AddPhaseInput {
  @Field({ description: 'Unique in the workspace, e.g. "onboarding".' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field({ description: 'Display name.' })
  @Length(1, 200)
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Where to insert it, from 1; later phases move down one. Omitted: after the last phase.',
  })
  @IsOptional()
  @Min(1)
  position?: number;

  @Field(() => String, { nullable: true, description: 'What happens in this phase; null clears it.' })
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
  @Field({ nullable: true, description: 'New key, unique in the workspace.' })
  @OmitOrGive()
  @Matches(KEY_PATTERN, KEY_RULE)
  key?: string;

  @Field({ nullable: true, description: 'Display name.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'What happens in this phase; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'What customer success means in this phase; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  successDefinition?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the accountable owner; null removes the owner.' })
  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be an owner id' })
  ownerId?: string | null;
}
