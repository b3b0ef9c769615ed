import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RedisService } from 'src/common/redis/redis.service';
import { ClickQueueService } from 'src/tracking/clicks/click-queue.service';
import { PublicRoute } from 'src/common/auth/api-key.guard';

@Controller('healthz')
@PublicRoute('load balancers and uptime checks probe it without a key; it tells only whether the stores answer')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisService,
    private readonly clicks: ClickQueueService,
  ) {}

  /** 200 only when both stores answer; the click journal backlog shows clicks still waiting for Redis. */
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
      .json({ status: ok ? 'ok' : 'degraded', postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down', clickJournalBacklog: this.clicks.journalBacklog });
  }
}
