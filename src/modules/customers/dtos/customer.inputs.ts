import { Field, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min, ValidateBy, isISO31661Alpha2 } from 'class-validator';
import { LocalDateResolver } from '../../../core/scalars';
import { SalesChannel } from '../customer.enums';
import { SEGMENT_KEY_PATTERN, SEGMENT_KEY_RULE, SegmentKeyScalar } from '../segment.scalar';
import { KEY_PATTERN, KEY_RULE } from '../../journeys/dtos/key.rule';
import { EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE } from '../../facts/dtos/row.rules';

/** An assigned ISO 3166-1 alpha-2 code, in capitals: one rule, so that a bad code is one problem of its row. */
function IsCountryCode() {
  return ValidateBy({
    name: 'isCountryCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value),
      defaultMessage: () => 'country must be an assigned ISO 3166-1 alpha-2 code in capitals, e.g. "DE"',
    },
  });
}

@InputType({
  description:
    'One customer of `upsertCustomers`. Natural key: externalId. A row describes the whole customer: an omitted optional field ' +
    '(region, country, partner, acquisitionCampaign, acquiredOn) is stored as empty.',
})
export class CustomerRowInput {
  @Field({ description: "Your system's id for the customer (e.g. the CRM account id); facts name the customer by it." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: 'Display name, 1 to 300 characters.' })
  @Length(1, 300)
  name!: string;

  @Field({ description: 'Key of one of the workspace\'s tiers (`tiers { key }`), e.g. "enterprise".' })
  @Matches(KEY_PATTERN, KEY_RULE)
  tier!: string;

  @Field(() => SegmentKeyScalar, {
    description: 'Key of one of the workspace\'s segments (`segments { key }`); every workspace starts with ENTERPRISE, MID_MARKET and SMB.',
  })
  @Matches(SEGMENT_KEY_PATTERN, SEGMENT_KEY_RULE)
  segment!: string;

  @Field(() => String, { nullable: true, description: 'Sales region, 1 to 100 characters, e.g. "EMEA"; omitted when not known.' })
  @IsOptional()
  @Length(1, 100)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code in capitals, e.g. "DE"; omitted when not known.' })
  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  @Field(() => SalesChannel, { description: 'DIRECT or PARTNER; a PARTNER customer must name its partner.' })
  channel!: SalesChannel;

  @Field(() => String, { nullable: true, description: 'External id of the customer\'s partner (`upsertPartners` first).' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  partner?: string | null;

  @Field(() => String, { nullable: true, description: 'External id of the campaign that acquired the customer (`upsertCampaigns` first).' })
  @IsOptional()
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  acquisitionCampaign?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day the customer was won (signed).' })
  @IsOptional()
  acquiredOn?: string | null;
}

@InputType({ description: 'One segment of `upsertSegments`. Natural key: key.' })
export class SegmentRowInput {
  @Field({ description: 'Stable key: letters, digits and _, starting with a letter, e.g. "SMB" or "loyal_shoppers".' })
  @Matches(SEGMENT_KEY_PATTERN, SEGMENT_KEY_RULE)
  key!: string;

  @Field({ description: 'Display name, 1 to 200 characters.' })
  @Length(1, 200)
  name!: string;

  @Field(() => Int, { description: 'Order of the segments in lists, 1 first.' })
  @Min(1)
  @Max(1000)
  rank!: number;
}

@InputType({ description: 'One tier of `upsertTiers`. Natural key: key.' })
export class TierRowInput {
  @Field({ description: 'Stable key: lowercase letters, digits and _, starting with a letter, e.g. "enterprise".' })
  @Matches(KEY_PATTERN, KEY_RULE)
  key!: string;

  @Field({ description: 'Display name, 1 to 200 characters.' })
  @Length(1, 200)
  name!: string;

  @Field(() => Int, { description: 'Order of the tiers, 1 = the most valuable.' })
  @Min(1)
  @Max(1000)
  rank!: number;
}

@InputType({ description: 'One campaign or partner of `upsertCampaigns` / `upsertPartners`. Natural key: externalId.' })
export class NamedRowInput {
  @Field({ description: "Your system's id for it; facts and customers name it by this id." })
  @Matches(EXTERNAL_ID_PATTERN, EXTERNAL_ID_RULE)
  externalId!: string;

  @Field({ description: 'Display name, 1 to 200 characters.' })
  @Length(1, 200)
  name!: string;
}

@InputType({
  description:
    'Which customers to list. Each list field keeps customers whose value is one of the list; fields combine with AND; ' +
    'an omitted or empty field does not filter.',
})
export class CustomerFilter {
  @Field(() => [String], { nullable: true, description: 'Tier keys.' })
  tier?: string[] | null;

  @Field(() => [SegmentKeyScalar], { nullable: true, description: 'Segment keys.' })
  segment?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Regions, exactly as recorded.' })
  region?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 country codes.' })
  country?: string[] | null;

  @Field(() => [SalesChannel], { nullable: true, description: 'Sales channels.' })
  channel?: SalesChannel[] | null;

  @Field(() => [String], { nullable: true, description: 'Partner external ids.' })
  partner?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'External ids of acquisition campaigns.' })
  campaign?: string[] | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Acquired on or after this day.' })
  acquiredFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Acquired on or before this day.' })
  acquiredTo?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive text found in the name or the external id, e.g. "acme" finds "ACME GmbH" and "acme-42".',
  })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;
}
