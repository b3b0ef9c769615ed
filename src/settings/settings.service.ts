import { Injectable, OnModuleInit } from '@nestjs/common';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { compareCidrs, parseCidr } from 'src/common/net/ip-address.util';
import { RedisService } from 'src/common/redis/redis.service';
import type { Transaction } from 'src/common/database/transaction';
import { SettingsChangeDto } from 'src/settings/dto/settings.dto';
import { SettingsRepository } from 'src/settings/settings.repository';
import type { EffectiveSettings, InternalIpRangeEntry, InternalRange, SettingsAuditEntry } from 'src/settings/settings.types';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

/** The fields whose value the changes really alter (dates and arrays compared by their JSON). */
export function settingsDiff(before: TrackflowSettings, changes: Partial<TrackflowSettings>): SettingsAuditEntry[] {
  return Object.entries(changes)
    .filter(([field, value]) => JSON.stringify(before[field as keyof TrackflowSettings] ?? null) !== JSON.stringify(value ?? null))
    .map(([field, value]) => ({ field, oldValue: before[field as keyof TrackflowSettings] ?? null, newValue: value ?? null }));
}

/** In address order, so the list reads, and is compared for the settings log, the same however it was given. */
function toInternalRanges(entries: InternalIpRangeEntry[]): InternalRange[] {
  return entries.map((entry) => ({ ...parseCidr(entry.ipRange), description: entry.description })).sort(compareCidrs);
}

export function toInternalIpRangeEntries(ranges: InternalRange[]): InternalIpRangeEntry[] {
  return ranges.map((range) => ({ ipRange: range.cidr, description: range.description }));
}

/** Settings are read on every click batch and link creation, so they are cached per workspace and broadcast on change. */
@Injectable()
export class SettingsService implements OnModuleInit {
  private readonly cache: BroadcastCache<EffectiveSettings>;

  constructor(
    private readonly repository: SettingsRepository,
    redis: RedisService,
  ) {
    this.cache = new BroadcastCache(redis, 'invalidate:settings', 60_000, 10_000);
  }

  async onModuleInit(): Promise<void> {
    await this.cache.start();
  }

  async get(workspaceId: string): Promise<EffectiveSettings> {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const [settings, ranges] = await Promise.all([this.repository.findOrCreate(workspaceId), this.repository.findInternalIpRanges(workspaceId)]);
    const effective = { settings, internalRanges: toInternalRanges(ranges) };
    this.cache.set(workspaceId, effective, undefined, generation);
    return effective;
  }

  /** The type of the workspace's default attribution model, changed with the model in its transaction; the caller drops cached copies once it commits. */
  recordDefaultModel(transaction: Transaction, workspaceId: string, modelType: string): Promise<void> {
    return this.repository.setDefaultModel(transaction, workspaceId, modelType);
  }

  /** Applies the changes and records each value that actually changed, with the key that changed it. */
  async update(
    workspaceId: string,
    changes: Partial<TrackflowSettings>,
    internalIpRanges?: InternalIpRangeEntry[],
    apiKeyId: string | null = null,
  ): Promise<EffectiveSettings> {
    const before = await this.repository.findOrCreate(workspaceId);
    const audit = settingsDiff(before, changes);
    if (internalIpRanges) {
      const beforeRanges = toInternalIpRangeEntries(toInternalRanges(await this.repository.findInternalIpRanges(workspaceId)));
      const afterRanges = toInternalIpRangeEntries(toInternalRanges(internalIpRanges));
      if (JSON.stringify(beforeRanges) !== JSON.stringify(afterRanges)) audit.push({ field: 'internalIpRanges', oldValue: beforeRanges, newValue: afterRanges });
    }
    if (Object.keys(changes).length > 0) await this.repository.update(workspaceId, changes);
    if (internalIpRanges) await this.repository.replaceInternalIpRanges(workspaceId, internalIpRanges);
    await this.repository.insertAudit(workspaceId, apiKeyId, audit);
    await this.cache.invalidate(workspaceId);
    return this.get(workspaceId);
  }

  changes(workspaceId: string, limit: number): Promise<SettingsChangeDto[]> {
    return this.repository.listAudit(workspaceId, limit);
  }
}
