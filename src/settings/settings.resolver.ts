import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ApiKeyPrincipal } from 'src/common/auth/api-key-authorizer';
import { RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentApiKey, CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { metadataNameProblem } from 'custom-objects/twenty-names';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { parseCidr } from 'src/common/net/ip-address.util';
import { optionalText, wholeNumber } from 'src/common/validation/input-rules';
import { AppConfig } from 'src/config/app-config';
import { validateDomainName } from 'src/links/domain-rules.util';
import { asRetentionSettings, effectiveRetention, RETENTION_PERIODS, retentionDays, retentionSetting } from 'src/privacy/retention/retention-periods.util';
import { SettingsChangeDto, SettingsDto, UpdateSettingsInput } from 'src/settings/dto/settings.dto';
import { SettingsService, toInternalIpRangeEntries } from 'src/settings/settings.service';
import type { EffectiveSettings } from 'src/settings/settings.types';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

/** Twenty's SELECT values are upper snake case (NEW, CUSTOMER, CLOSED_WON). */
function dealWonStages(stages: string[]): string[] {
  const cleaned = [...new Set(stages.map((stage) => stage.trim()))];
  if (cleaned.length === 0) throw new ValidationFailure('dealWonStages', 'must name at least one stage');
  const bad = cleaned.find((stage) => !/^[A-Z][A-Z0-9_]{0,62}$/.test(stage));
  if (bad !== undefined) throw new ValidationFailure('dealWonStages', `"${bad}" is not a Twenty stage value (upper case letters, digits and _)`);
  return cleaned;
}

function twentyFieldName(value: string | null | undefined, field: string): string | null {
  const name = optionalText(value, field, 63) ?? null;
  if (name !== null && !/^[a-z][A-Za-z0-9]*$/.test(name)) throw new ValidationFailure(field, 'must be a camelCase Twenty field name, or null');
  const problem = name === null ? null : metadataNameProblem(name);
  if (problem) throw new ValidationFailure(field, `must be a field name Twenty accepts: ${problem}`);
  return name;
}

/** Consent text is shown on customers' sites: plain text only, so it can never carry markup or script. */
function consentText(value: string | null | undefined): string | null | undefined {
  const text = optionalText(value, 'cookieConsentText', 2000);
  if (text && /[<>]/.test(text)) throw new ValidationFailure('cookieConsentText', 'must be plain text without < or >');
  return text;
}

function policyLink(value: string | null | undefined, field: string): string | null | undefined {
  const text = optionalText(value, field, 2048);
  if (!text) return text;
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || !url.hostname) throw new ValidationFailure(field, 'must be an absolute http or https URL');
  return url.toString();
}

function toSettingsDto({ settings, internalRanges }: EffectiveSettings, config: AppConfig): SettingsDto {
  return {
    ...asRetentionSettings(effectiveRetention(settings, config.retention)),
    enableTracking: settings.enableTracking,
    autoGenerateShortCodes: settings.autoGenerateShortCodes,
    shortCodeLength: settings.shortCodeLength,
    defaultShortlinkDomain: settings.defaultShortlinkDomain,
    excludeInternalTraffic: settings.excludeInternalTraffic,
    internalIpRanges: toInternalIpRangeEntries(internalRanges),
    cookieExpiresDays: settings.cookieExpiresDays,
    anonymizeIpAddresses: settings.anonymizeIpAddresses,
    defaultAttributionModel: settings.defaultAttributionModel,
    attributionWindowDays: settings.attributionWindowDays,
    dealWonStages: settings.dealWonStages,
    dealJourneyScope: settings.dealJourneyScope,
    leadStatusField: settings.leadStatusField,
    cookieConsentRequired: settings.cookieConsentRequired,
    cookieConsentText: settings.cookieConsentText,
    privacyPolicyLink: settings.privacyPolicyLink,
    cookiePolicyLink: settings.cookiePolicyLink,
    respectDoNotTrack: settings.respectDoNotTrack,
    rateLimitPerHour: settings.rateLimitPerHour,
    logRequestBodies: settings.logRequestBodies,
  };
}

@Resolver(() => SettingsDto)
export class SettingsResolver {
  constructor(
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => SettingsDto, { name: 'settings' })
  @RequireScope('settings:read')
  async currentSettings(@CurrentWorkspace() workspaceId: string): Promise<SettingsDto> {
    return toSettingsDto(await this.settings.get(workspaceId), this.config);
  }

  @Query(() => [SettingsChangeDto], { description: 'Who changed which setting, newest first' })
  @RequireScope('settings:read')
  settingsChanges(@CurrentWorkspace() workspaceId: string, @Args('limit', { type: () => Int, nullable: true }) limit?: number): Promise<SettingsChangeDto[]> {
    return this.settings.changes(workspaceId, wholeNumber(limit ?? 100, 'limit', 1, 1000));
  }

  @Mutation(() => SettingsDto)
  @RequireScope('settings:write')
  async updateSettings(@CurrentApiKey() actor: ApiKeyPrincipal, @Args('input') input: UpdateSettingsInput): Promise<SettingsDto> {
    const { workspaceId } = actor;
    const changes: Partial<TrackflowSettings> = {};
    if (input.enableTracking !== undefined) changes.enableTracking = input.enableTracking;
    if (input.autoGenerateShortCodes !== undefined) changes.autoGenerateShortCodes = input.autoGenerateShortCodes;
    if (input.excludeInternalTraffic !== undefined) changes.excludeInternalTraffic = input.excludeInternalTraffic;
    if (input.anonymizeIpAddresses !== undefined) changes.anonymizeIpAddresses = input.anonymizeIpAddresses;
    if (input.shortCodeLength !== undefined) changes.shortCodeLength = wholeNumber(input.shortCodeLength, 'shortCodeLength', 4, 32);
    if (input.cookieExpiresDays !== undefined) changes.cookieExpiresDays = wholeNumber(input.cookieExpiresDays, 'cookieExpiresDays', 1, 3650);
    if (input.attributionWindowDays !== undefined) changes.attributionWindowDays = wholeNumber(input.attributionWindowDays, 'attributionWindowDays', 1, 3650);
    if (input.defaultShortlinkDomain !== undefined) {
      const text = optionalText(input.defaultShortlinkDomain, 'defaultShortlinkDomain');
      changes.defaultShortlinkDomain = text ? (/^https?:\/\//i.test(text) ? text.replace(/\/+$/, '') : validateDomainName(text, 'defaultShortlinkDomain')) : null;
    }
    if (input.dealWonStages !== undefined) changes.dealWonStages = dealWonStages(input.dealWonStages);
    if (input.dealJourneyScope !== undefined) {
      if (!['contact', 'company'].includes(input.dealJourneyScope ?? '')) throw new ValidationFailure('dealJourneyScope', 'must be contact or company');
      changes.dealJourneyScope = input.dealJourneyScope as 'contact' | 'company';
    }
    if (input.leadStatusField !== undefined) changes.leadStatusField = twentyFieldName(input.leadStatusField, 'leadStatusField');
    if (input.cookieConsentRequired !== undefined) changes.cookieConsentRequired = input.cookieConsentRequired;
    if (input.respectDoNotTrack !== undefined) changes.respectDoNotTrack = input.respectDoNotTrack;
    if (input.logRequestBodies !== undefined) changes.logRequestBodies = input.logRequestBodies;
    if (input.rateLimitPerHour !== undefined) changes.rateLimitPerHour = wholeNumber(input.rateLimitPerHour, 'rateLimitPerHour', 1, 10_000_000);
    if (input.cookieConsentText !== undefined) changes.cookieConsentText = consentText(input.cookieConsentText) ?? null;
    if (input.privacyPolicyLink !== undefined) changes.privacyPolicyLink = policyLink(input.privacyPolicyLink, 'privacyPolicyLink') ?? null;
    if (input.cookiePolicyLink !== undefined) changes.cookiePolicyLink = policyLink(input.cookiePolicyLink, 'cookiePolicyLink') ?? null;
    for (const field of RETENTION_PERIODS.map(retentionSetting)) {
      const days = input[field];
      if (days !== undefined) changes[field] = retentionDays(days, field);
    }
    // Stored canonical: PostgreSQL's cidr refuses host bits that parseCidr clears (10.1.2.3/8).
    const ranges = input.internalIpRanges?.map((range, index) => ({
      ipRange: parseCidr(range.ipRange, `internalIpRanges[${index}].ipRange`).cidr,
      description: optionalText(range.description, `internalIpRanges[${index}].description`) ?? null,
    }));
    return toSettingsDto(await this.settings.update(workspaceId, changes, ranges, actor.apiKeyId), this.config);
  }
}
