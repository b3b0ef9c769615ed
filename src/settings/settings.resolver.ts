import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard, RequireScope } from 'src/common/auth/api-key.guard';
import { CurrentWorkspace } from 'src/common/auth/current-workspace.decorator';
import { optionalText, wholeNumber } from 'src/common/validation/input-rules';
import { validateDomainName } from 'src/links/domain-rules.util';
import { SettingsDto, UpdateSettingsInput } from 'src/settings/dto/settings.dto';
import { EffectiveSettings, SettingsService } from 'src/settings/settings.service';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';
import { parseCidr } from 'src/tracking/rules/ip-rules.util';

function toSettingsDto({ settings, internalRanges }: EffectiveSettings): SettingsDto {
  return {
    enableTracking: settings.enableTracking,
    autoGenerateShortCodes: settings.autoGenerateShortCodes,
    shortCodeLength: settings.shortCodeLength,
    defaultShortlinkDomain: settings.defaultShortlinkDomain,
    excludeInternalTraffic: settings.excludeInternalTraffic,
    internalIpRanges: internalRanges.map((range) => ({ ipRange: range.cidr, description: null })),
    cookieExpiresDays: settings.cookieExpiresDays,
    anonymizeIpAddresses: settings.anonymizeIpAddresses,
    defaultAttributionModel: settings.defaultAttributionModel,
    attributionWindowDays: settings.attributionWindowDays,
  };
}

/** The settings the link and click pipeline read; the full settings surface belongs to the security issue. */
@Resolver(() => SettingsDto)
@UseGuards(ApiKeyGuard)
export class SettingsResolver {
  constructor(private readonly settings: SettingsService) {}

  @Query(() => SettingsDto, { name: 'settings' })
  @RequireScope('settings:read')
  async currentSettings(@CurrentWorkspace() workspaceId: string): Promise<SettingsDto> {
    return toSettingsDto(await this.settings.get(workspaceId));
  }

  @Mutation(() => SettingsDto)
  @RequireScope('settings:write')
  async updateSettings(@CurrentWorkspace() workspaceId: string, @Args('input') input: UpdateSettingsInput): Promise<SettingsDto> {
    const changes: Partial<TrackflowSettings> = {};
    if (input.enableTracking !== undefined) changes.enableTracking = input.enableTracking;
    if (input.excludeInternalTraffic !== undefined) changes.excludeInternalTraffic = input.excludeInternalTraffic;
    if (input.anonymizeIpAddresses !== undefined) changes.anonymizeIpAddresses = input.anonymizeIpAddresses;
    if (input.shortCodeLength !== undefined) changes.shortCodeLength = wholeNumber(input.shortCodeLength, 'shortCodeLength', 4, 32);
    if (input.cookieExpiresDays !== undefined) changes.cookieExpiresDays = wholeNumber(input.cookieExpiresDays, 'cookieExpiresDays', 1, 3650);
    if (input.attributionWindowDays !== undefined) changes.attributionWindowDays = wholeNumber(input.attributionWindowDays, 'attributionWindowDays', 1, 3650);
    if (input.defaultShortlinkDomain !== undefined) {
      const text = optionalText(input.defaultShortlinkDomain, 'defaultShortlinkDomain');
      changes.defaultShortlinkDomain = text ? (/^https?:\/\//i.test(text) ? text.replace(/\/+$/, '') : validateDomainName(text, 'defaultShortlinkDomain')) : null;
    }
    const ranges = input.internalIpRanges?.map((range, index) => {
      parseCidr(range.ipRange.trim(), `internalIpRanges[${index}].ipRange`);
      return { ipRange: range.ipRange.trim(), description: optionalText(range.description, `internalIpRanges[${index}].description`) ?? null };
    });
    return toSettingsDto(await this.settings.update(workspaceId, changes, ranges));
  }
}
