import { Controller, Get, Res } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { PublicRoute } from 'src/common/auth/api-key.guard';
import { ReadReplica } from 'src/common/database/read-replica.service';
import { HealthDetail } from 'src/common/health/health-detail';
import { RedisService } from 'src/common/redis/redis.service';

/**
 * A store that hangs (a paused or partitioned PostgreSQL accepts connections and never answers)
 * must read as down within a load balancer's check timeout, or the check itself times out and the
 * balancer drops a process that still serves cached redirects and queued events.
 */
const PROBE_TIMEOUT_MS = 2000;

/** Whether the probe answered within the timeout. */
async function answers(probe: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
  try {
    return await Promise.race([probe.then((value) => value !== false, () => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

@Controller('healthz')
@PublicRoute('load balancers and uptime checks probe it without a key; it tells only whether the stores answer')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly discovery: DiscoveryService,
    private readonly replica: ReadReplica,
  ) {}

  /**
   * 200 only when both stores answer; the features' details show what waits on them (clicks
   * journalled while Redis was away). A read replica's state and lag (as of its last periodic
   * check) are shown but decide nothing: while it is down or lagging the primary answers its reads.
   */
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([answers(this.dataSource.query('SELECT 1')), answers(this.redis.isReachable())]);
    const ok = postgres && redis;
    const replica = this.replica.status();
    response
      .status(ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        status: ok ? 'ok' : 'degraded',
        postgres: postgres ? 'up' : 'down',
        redis: redis ? 'up' : 'down',
        ...(replica ? { replica: replica.state, replicaLagSeconds: replica.lagSeconds } : {}),
        ...this.details(),
      });
  }

  private details(): Record<string, number> {
    const details = this.discovery.getProviders().flatMap((wrapper) => (wrapper.instance instanceof HealthDetail ? [wrapper.instance] : []));
    return Object.fromEntries(details.map((detail) => [detail.name, detail.value()]));
  }
}
