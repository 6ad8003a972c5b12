import { Field, InputType } from 'type-graphql';
import { IsEmail, IsOptional, Length } from 'class-validator';
import { OmitOrGive } from '../../../server/validation';
import { OwnerFunction } from '../journey.enums';

@InputType({ description: 'A new owner: a person or a team.' })
export class CreateOwnerInput {
  @Field({ description: 'Unique in the workspace.' })
  @Length(1, 200)
  name!: string;

  @Field(() => OwnerFunction)
  function!: OwnerFunction;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;
}

@InputType({ description: 'Changes to an owner; omitted fields stay as they are.' })
export class UpdateOwnerInput {
  @Field({ nullable: true })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => OwnerFunction, { nullable: true })
  @OmitOrGive()
  function?: OwnerFunction;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;
}
