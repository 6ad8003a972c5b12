import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsEnum, IsISO4217CurrencyCode, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { OmitOrGive } from '../../../core/validation';
import { Role } from '../../../core/role.enum';
import { ApiKey } from '../api-key.entity';
import { BusinessModel, MAX_ACTIVITY_WINDOW_MONTHS, MIN_ACTIVITY_WINDOW_MONTHS } from '../workspace.enums';

@InputType({ description: 'Changes to the workspace settings; omitted fields stay as they are.' })
export class UpdateWorkspaceInput {
  @Field({ nullable: true, description: 'New display name of the workspace.' })
  @OmitOrGive()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'ISO 4217 code, e.g. "EUR".' })
  @OmitOrGive()
  @IsISO4217CurrencyCode({ message: 'currency must be an ISO 4217 currency code such as "USD" or "EUR"' })
  currency?: string;

  @Field(() => Int, { nullable: true, description: 'First month of the fiscal year, 1-12.' })
  @OmitOrGive()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;

  @Field(() => BusinessModel, {
    nullable: true,
    description:
      "SUBSCRIPTION or TRANSACTIONAL: what a customer's monthly value is, and so every customer KPI. Every KPI of the workspace changes at once.",
  })
  @OmitOrGive()
  @IsEnum(BusinessModel, { message: 'businessModel must be SUBSCRIPTION or TRANSACTIONAL' })
  businessModel?: BusinessModel;

  @Field(() => Int, {
    nullable: true,
    description: `The activity window of a TRANSACTIONAL workspace, ${MIN_ACTIVITY_WINDOW_MONTHS}-${MAX_ACTIVITY_WINDOW_MONTHS} months: a shopper stays active for this many months after a purchase. Every KPI of a TRANSACTIONAL workspace changes at once.`,
  })
  @OmitOrGive()
  @IsInt({ message: 'activityWindowMonths must be a whole number of months' })
  @Min(MIN_ACTIVITY_WINDOW_MONTHS, { message: `activityWindowMonths must be at least ${MIN_ACTIVITY_WINDOW_MONTHS} month` })
  @Max(MAX_ACTIVITY_WINDOW_MONTHS, { message: `activityWindowMonths must be at most ${MAX_ACTIVITY_WINDOW_MONTHS} months` })
  activityWindowMonths?: number;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'The last month whose facts are complete, as its first day (e.g. "2026-03-01" once March is fully loaded); null to go back to the derived watermark (the latest month holding a revenue row or an order). Omit to keep it.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-01$/, { message: 'dataCompleteThrough must be the first day of a month, e.g. "2026-03-01", or null' })
  dataCompleteThrough?: string | null;
}

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "BI dashboard".' })
  @Length(1, 200)
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'For a PARTNER key (required then, refused otherwise): the external id of the partner it acts for.',
  })
  @IsOptional()
  @Length(1, 200)
  partner?: string | null;
}

@ObjectType({ description: 'A new API key and its secret. The key is shown this once; store it now.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key as listed by `apiKeys` (without its secret).' })
  apiKey!: ApiKey;

  @Field({ description: 'The full key, `jg_<id>_<secret>`, to send as "Authorization: Bearer <key>".' })
  key!: string;
}

@ObjectType({ description: 'The caller: the API key of this request, its role and workspace.' })
export class Viewer {
  @Field(() => ID, { description: 'Id of the API key of this request.' })
  keyId!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role!: Role;

  @Field(() => ID, { description: 'Id of the workspace the key belongs to: every read and write of the request is scoped to it.' })
  workspaceId!: string;

  @Field(() => String, { nullable: true, description: 'For PARTNER keys: the external id of their partner.' })
  partner!: string | null;
}
