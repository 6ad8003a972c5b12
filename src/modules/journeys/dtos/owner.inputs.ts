import { Field, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length } from 'class-validator';
import { OmitOrGive } from '../../../core/validation';
import { OwnerFunction } from '../journey.enums';

@InputType({ description: 'A new owner: a person or a team.' })
export class CreateOwnerInput {
  @Field({ description: 'Unique in the workspace.' })
  @Length(1, 200)
  name!: string;

  @Field(() => OwnerFunction, { description: 'The business function the owner belongs to.' })
  function!: OwnerFunction;

  @Field(() => String, { nullable: true, description: 'Contact address; null clears it.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;
}

@InputType({ description: 'Changes to an owner; omitted fields stay as they are.' })
export class UpdateOwnerInput {
  @Field({ nullable: true, description: 'New name, unique in the workspace.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => OwnerFunction, { nullable: true, description: 'The business function the owner belongs to.' })
  @OmitOrGive()
  function?: OwnerFunction;

  @Field(() => String, { nullable: true, description: 'Contact address; null clears it.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;
}
