import { Injectable, OnModuleInit } from '@nestjs/common';
import { BroadcastCache } from 'src/common/cache/broadcast-cache';
import { RedisService } from 'src/common/redis/redis.service';
import { SettingsRepository } from 'src/settings/settings.repository';
import { TrackflowSettings } from 'src/settings/trackflow-settings.entity';
import { ParsedCidr, parseCidr } from 'src/tracking/rules/ip-rules.util';

export type EffectiveSettings = { settings: TrackflowSettings; internalRanges: ParsedCidr[] };

/** Settings are read on every click batch and link creation, so they are cached per workspace and broadcast on change. */
@Injectable()
export class SettingsService implements OnModuleInit {
  private readonly cache: BroadcastCache<EffectiveSettings>;

  constructor(
    private readonly repository: SettingsRepository,
    redis: RedisService,
  ) {
    this.cache = new BroadcastCache(redis, 'trackflow:invalidate:settings', 60_000, 10_000);
  }

  async onModuleInit(): Promise<void> {
    await this.cache.start();
  }

  async get(workspaceId: string): Promise<EffectiveSettings> {
    const cached = this.cache.get(workspaceId);
    if (cached) return cached;
    const generation = this.cache.generation;
    const [settings, ranges] = await Promise.all([this.repository.findOrCreate(workspaceId), this.repository.findInternalIpRanges(workspaceId)]);
    const effective = { settings, internalRanges: ranges.map((range) => parseCidr(range)) };
    this.cache.set(workspaceId, effective, undefined, generation);
    return effective;
  }

  async update(workspaceId: string, changes: Partial<TrackflowSettings>, internalIpRanges?: { ipRange: string; description: string | null }[]): Promise<EffectiveSettings> {
    if (Object.keys(changes).length > 0) await this.repository.update(workspaceId, changes);
    if (internalIpRanges) await this.repository.replaceInternalIpRanges(workspaceId, internalIpRanges);
    await this.cache.invalidate(workspaceId);
    return this.get(workspaceId);
  }
}
