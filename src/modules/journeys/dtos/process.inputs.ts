import { Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { OmitOrGive } from '../../../core/validation';

@InputType({ description: 'A new process of a phase.' })
export class AddProcessInput {
  @Field({ description: 'Display name.' })
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the customer experiences.' })
  @IsOptional()
  @MaxLength(5000)
  customerView?: string | null;

  @Field(() => String, { nullable: true, description: 'The internal process behind it.' })
  @IsOptional()
  @MaxLength(5000)
  internalProcess?: string | null;

  @Field(() => [String], { nullable: true, description: 'Systems used.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  systems?: string[];

  @Field(() => Int, { nullable: true, description: 'Where to insert it, from 1. Omitted: last.' })
  @IsOptional()
  @Min(1)
  position?: number;
}

@InputType({ description: 'Changes to a process; omitted fields stay as they are.' })
export class UpdateProcessInput {
  @Field({ nullable: true, description: 'Display name.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'What the customer experiences; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  customerView?: string | null;

  @Field(() => String, { nullable: true, description: 'The internal process behind it; null clears it.' })
  @IsOptional()
  @MaxLength(5000)
  internalProcess?: string | null;

  @Field(() => [String], { nullable: true, description: 'Systems used; replaces the list.' })
  @OmitOrGive()
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  systems?: string[];
}
