import { Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, MaxLength, Min } from 'class-validator';
import { OmitOrGive } from '../../../server/validation';

@InputType({ description: 'A new process of a phase.' })
export class AddProcessInput {
  @Field()
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
  @Field({ nullable: true })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  customerView?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(5000)
  internalProcess?: string | null;

  @Field(() => [String], { nullable: true })
  @OmitOrGive()
  @ArrayMaxSize(50)
  @Length(1, 200, { each: true })
  systems?: string[];
}
