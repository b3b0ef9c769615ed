import { CampaignDto } from 'src/links/dto/campaign.dto';
import { DomainDto } from 'src/links/dto/domain.dto';
import { CampaignStatus, CampaignType, LinkStatus, TemplateVariableType } from 'src/links/dto/link-enums';
import { LinkTemplateDto } from 'src/links/dto/link-template.dto';
import { LinkVariantDto } from 'src/links/dto/link-variant.dto';
import { TrackedLinkDto } from 'src/links/dto/tracked-link.dto';
import { CampaignLinkVariant } from 'src/links/entities/campaign-link-variant.entity';
import { DomainConfiguration } from 'src/links/entities/domain-configuration.entity';
import { LinkCampaign } from 'src/links/entities/link-campaign.entity';
import { LinkTemplate } from 'src/links/entities/link-template.entity';
import { TrackedLink } from 'src/links/entities/tracked-link.entity';

/** PostgreSQL numeric columns arrive as strings. */
const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

export function toCampaignDto(campaign: LinkCampaign): CampaignDto {
  return {
    id: campaign.id,
    name: campaign.name,
    externalCampaignId: campaign.externalCampaignId,
    campaignType: campaign.campaignType as CampaignType,
    status: campaign.status as CampaignStatus,
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    ownerUser: campaign.ownerUser,
    description: campaign.description,
    source: campaign.source,
    medium: campaign.medium,
    budget: campaign.budgetMicros,
    currencyCode: campaign.currencyCode,
    expectedRoi: numberOrNull(campaign.expectedRoi),
    totalClicks: Number(campaign.totalClicks),
    uniqueVisitors: Number(campaign.uniqueVisitors),
    conversions: campaign.conversions,
    revenue: campaign.revenueMicros,
    conversionRate: numberOrNull(campaign.conversionRate),
    cost: campaign.costMicros,
    costPerClick: campaign.costPerClickMicros,
    costPerAcquisition: campaign.costPerAcquisitionMicros,
    roiPercentage: numberOrNull(campaign.roiPercentage),
    lastClick: campaign.lastClick,
    createdAt: campaign.createdAt,
    updatedAt: campaign.updatedAt,
  };
}

function effectiveLinkStatus(link: Pick<TrackedLink, 'status' | 'expiryDate'>, now = new Date()): LinkStatus {
  if (link.status === LinkStatus.ACTIVE && link.expiryDate && link.expiryDate <= now) return LinkStatus.EXPIRED;
  return link.status as LinkStatus;
}

export function toLinkVariantDto(variant: CampaignLinkVariant): LinkVariantDto {
  return {
    id: variant.id,
    trackedLinkId: variant.trackedLinkId,
    variantName: variant.variantName,
    destinationUrl: variant.destinationUrl,
    weight: variant.weight,
    active: variant.active,
    clicks: Number(variant.clicks),
    conversions: variant.conversions,
  };
}

export function toTrackedLinkDto(link: TrackedLink, shortUrl: string, variants: CampaignLinkVariant[]): TrackedLinkDto {
  return {
    id: link.id,
    campaignId: link.campaignId,
    domainId: link.domainId,
    shortCode: link.shortCode,
    shortUrl,
    destinationUrl: link.destinationUrl,
    fallbackUrl: link.fallbackUrl,
    title: link.title,
    status: effectiveLinkStatus(link),
    expiryDate: link.expiryDate,
    source: link.source,
    medium: link.medium,
    utmCampaign: link.utmCampaign,
    content: link.content,
    term: link.term,
    additionalParameters: link.additionalParameters,
    clickCount: Number(link.clickCount),
    uniqueVisitorCount: Number(link.uniqueVisitorCount),
    conversionCount: link.conversionCount,
    lastClick: link.lastClick,
    variants: variants.map(toLinkVariantDto),
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
  };
}

export function toLinkTemplateDto(template: LinkTemplate): LinkTemplateDto {
  return {
    id: template.id,
    templateName: template.templateName,
    urlTemplate: template.urlTemplate,
    description: template.description,
    isActive: template.isActive,
    campaignId: template.campaignId,
    source: template.source,
    medium: template.medium,
    variables: [...template.variables]
      .sort((a, b) => a.position - b.position)
      .map((variable) => ({
        id: variable.id,
        variableName: variable.variableName,
        variableType: variable.variableType as TemplateVariableType,
        defaultValue: variable.defaultValue,
        description: variable.description,
        isRequired: variable.isRequired,
        validationRules: variable.validationRules,
        position: variable.position,
      })),
  };
}

export function toDomainDto(domain: DomainConfiguration): DomainDto {
  return {
    id: domain.id,
    domain: domain.domain,
    isPrimary: domain.isPrimary,
    sslEnabled: domain.sslEnabled,
    headers: domain.headers.map((header) => ({ name: header.headerName, value: header.headerValue })),
  };
}
