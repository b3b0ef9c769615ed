import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { LinkStatus } from 'src/links/dto/link-enums';
import { LinkVariantDto } from 'src/links/dto/link-variant.dto';

@ObjectType('TrackedLink')
export class TrackedLinkDto {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) campaignId!: string | null;
  @Field(() => ID, { nullable: true }) domainId!: string | null;
  @Field() shortCode!: string;
  @Field() shortUrl!: string;
  @Field() destinationUrl!: string;
  @Field(() => String, { nullable: true }) fallbackUrl!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => LinkStatus) status!: LinkStatus;
  @Field(() => Date, { nullable: true }) expiryDate!: Date | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) medium!: string | null;
  @Field(() => String, { nullable: true, description: 'utm_campaign value; defaults to the campaign name' }) utmCampaign!: string | null;
  @Field(() => String, { nullable: true }) content!: string | null;
  @Field(() => String, { nullable: true }) term!: string | null;
  @Field(() => GraphQLJSON) additionalParameters!: Record<string, string>;
  @Field(() => Int) clickCount!: number;
  @Field(() => Int) uniqueVisitorCount!: number;
  @Field(() => Int) conversionCount!: number;
  @Field(() => Date, { nullable: true }) lastClick!: Date | null;
  @Field(() => [LinkVariantDto]) variants!: LinkVariantDto[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** What a marketer sets on a link, whether creating it or editing it. */
@InputType({ isAbstract: true })
abstract class TrackedLinkSettingsInput {
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => String, { nullable: true }) fallbackUrl?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => String, { nullable: true }) medium?: string | null;
  @Field(() => String, { nullable: true }) utmCampaign?: string | null;
  @Field(() => String, { nullable: true }) content?: string | null;
  @Field(() => String, { nullable: true }) term?: string | null;
  @Field(() => Date, { nullable: true }) expiryDate?: Date | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Extra query parameters, an object of strings' }) additionalParameters?: unknown;
}

@InputType()
export class CreateTrackedLinkInput extends TrackedLinkSettingsInput {
  @Field() destinationUrl!: string;
  @Field(() => ID, { nullable: true }) domainId?: string | null;
  @Field(() => String, { nullable: true }) shortCode?: string | null;
}

/** The domain and the short code are the link's address: printed and shared, they never change. */
@InputType()
export class UpdateTrackedLinkInput extends TrackedLinkSettingsInput {
  @Field(() => String, { nullable: true }) destinationUrl?: string;
  @Field(() => LinkStatus, { nullable: true, description: 'ACTIVE, PAUSED or ARCHIVED' }) status?: LinkStatus;
}
