import { Field, InputType } from 'type-graphql';
import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { OmitOrGive } from '../../../core/validation';
import { JourneyTemplate } from '../journey.enums';
import { KEY_PATTERN, KEY_RULE } from './key.rule';

@InputType({ description: 'A new journey, empty or made from a template.' })
export class CreateJourneyInput {
  @Field({ description: 'Unique in the workspace.' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free text describing the journey; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => JourneyTemplate, { nullable: true, description: 'Create the phases of this template.' })
  @IsOptional()
  template?: JourneyTemplate;

  @Field(() => String, {
    nullable: true,
    description:
      'Prefix for the template\'s phase keys, needed when a second journey is made from the same template (phase keys are unique in a workspace). "retail_" gives "retail_contact", ….',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,49}$/, { message: 'keyPrefix must start with a lowercase letter and hold only a-z, 0-9 and _' })
  keyPrefix?: string | null;
}

@InputType({ description: 'Changes to a journey; omitted fields stay as they are.' })
export class UpdateJourneyInput {
  @Field({ nullable: true, description: 'New name, unique in the workspace.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'Free text describing the journey; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}

export { KEY_PATTERN, KEY_RULE };
