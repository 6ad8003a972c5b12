import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { OmitOrGive } from '../../../server/validation';
import { TouchpointChannel, TouchpointMode } from '../journey.enums';
import { KEY_PATTERN, KEY_RULE } from './key.rule';

@InputType({ description: 'A new touchpoint of a phase.' })
export class AddTouchpointInput {
  @Field({ description: 'Unique in the workspace; events name their touchpoint by it.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => TouchpointChannel)
  channel!: TouchpointChannel;

  @Field(() => TouchpointMode)
  mode!: TouchpointMode;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'Changes to a touchpoint; omitted fields stay as they are. `phaseId` moves it to another phase.' })
export class UpdateTouchpointInput {
  @Field({ nullable: true })
  @OmitOrGive()
  @Matches(KEY_PATTERN, KEY_RULE)
  key?: string;

  @Field({ nullable: true })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => TouchpointChannel, { nullable: true })
  @OmitOrGive()
  channel?: TouchpointChannel;

  @Field(() => TouchpointMode, { nullable: true })
  @OmitOrGive()
  mode?: TouchpointMode;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @OmitOrGive()
  @IsUUID('all', { message: 'phaseId must be a phase id' })
  phaseId?: string;
}
