import { Controller, Get, Res } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { PublicRoute } from 'src/common/auth/api-key.guard';
import { HealthDetail } from 'src/common/health/health-detail';
import { RedisService } from 'src/common/redis/redis.service';

@Controller('healthz')
@PublicRoute('load balancers and uptime checks probe it without a key; it tells only whether the stores answer')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly discovery: DiscoveryService,
  ) {}

  /** 200 only when both stores answer; the features' details show what waits on them (clicks journalled while Redis was away). */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.redis.isReachable(),
    ]);
    const ok = postgres && redis;
    response
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: ok ? 'ok' : 'degraded', postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down', ...this.details() });
  }

  private details(): Record<string, number> {
    const details = this.discovery.getProviders().flatMap((wrapper) => (wrapper.instance instanceof HealthDetail ? [wrapper.instance] : []));
    return Object.fromEntries(details.map((detail) => [detail.name, detail.value()]));
  }
}
