import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { OmitOrGive } from '../../../core/validation';
import { TouchpointChannel, TouchpointMode } from '../journey.enums';
import { KEY_PATTERN, KEY_RULE } from './key.rule';

@InputType({ description: 'A new touchpoint of a phase.' })
export class AddTouchpointInput {
  @Field({ description: 'Unique in the workspace; events name their touchpoint by it.' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field({ description: 'Display name.' })
  @Length(1, 200)
  name!: string;

  @Field(() => TouchpointChannel, { description: 'The channel it uses.' })
  channel!: TouchpointChannel;

  @Field(() => TouchpointMode, { description: 'Delivered by technology (TECH_TOUCH) or by a person (HUMAN_TOUCH).' })
  mode!: TouchpointMode;

  @Field(() => String, { nullable: true, description: 'Free text describing it; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

@InputType({ description: 'Changes to a touchpoint; omitted fields stay as they are. `phaseId` moves it to another phase.' })
export class UpdateTouchpointInput {
  @Field({ nullable: true, description: 'New key, unique in the workspace.' })
  @OmitOrGive()
  @Matches(KEY_PATTERN, KEY_RULE)
  key?: string;

  @Field({ nullable: true, description: 'Display name.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => TouchpointChannel, { nullable: true, description: 'The channel it uses.' })
  @OmitOrGive()
  channel?: TouchpointChannel;

  @Field(() => TouchpointMode, { nullable: true, description: 'Delivered by technology (TECH_TOUCH) or by a person (HUMAN_TOUCH).' })
  @OmitOrGive()
  mode?: TouchpointMode;

  @Field(() => String, { nullable: true, description: 'Free text describing it; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the phase to move the touchpoint to.' })
  @OmitOrGive()
  @IsUUID('all', { message: 'phaseId must be a phase id' })
  phaseId?: string;
}
