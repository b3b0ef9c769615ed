import { Injectable } from '@nestjs/common';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';
import type { TwentyConnection } from 'src/crm/twenty/twenty-connection.service';
import { TwentyClient, TwentyClientOptions } from 'src/crm/twenty/twenty-client';

/** Writes carry TrackFlow's results into Twenty; reading changes back may never use the last of the budget they need. */
type RequestUse = 'write' | 'read';

/** The share of the budget only writes may spend: whatever reconciliation reads, writes keep this much a minute. */
const WRITE_RESERVE = 1 / 3;

/**
 * A token bucket per workspace in Redis, shaped like Twenty's own long throttle (R7: a bucket of
 * N tokens refilled continuously over a minute), so that requests within it are never refused
 * for rate. Redis's clock is the one clock every TrackFlow process shares. Returns 0 when a
 * token was taken, else the milliseconds until one will be there for this use.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local reserve = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local refillPerMs = capacity / 60000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * refillPerMs)
local wait = 0
if tokens - 1 >= reserve then tokens = tokens - 1 else wait = math.ceil((reserve + 1 - tokens) / refillPerMs) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return wait`;

export const twentyBudgetKey = (workspaceId: string) => `twenty-budget:${workspaceId}`;

/**
 * The request budget TrackFlow keeps under Twenty's per-workspace throttle, shared by every
 * process and by the outbox's writes and reconciliation's reads alike (docs/twenty-contracts.md,
 * R7). Reads may spend only what leaves the writes' reserve, so a backfill or a long
 * reconciliation never holds back the write-backs sales staff are waiting for.
 */
@Injectable()
export class TwentyRequestBudget {
  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  /** 0 when a request may go now (and is counted), else how many milliseconds to wait before asking again. */
  async take(workspaceId: string, use: RequestUse): Promise<number> {
    const capacity = this.config.twentyRequestsPerMinute;
    const reserve = use === 'write' ? 0 : Math.ceil(capacity * WRITE_RESERVE);
    return Number(await this.redis.client.eval(TAKE_SCRIPT, 1, twentyBudgetKey(workspaceId), capacity, reserve));
  }

  /** A client of the connection's Twenty whose record requests (the kind Twenty throttles, R7) each wait for this budget as `use`. */
  client(connection: Pick<TwentyConnection, 'workspaceId' | 'twentyUrl' | 'apiKey'>, use: RequestUse, options: Omit<TwentyClientOptions, 'beforeRecordRequest'> = {}): TwentyClient {
    return new TwentyClient(connection.twentyUrl, connection.apiKey, { ...options, beforeRecordRequest: () => this.waitFor(connection.workspaceId, use) });
  }

  /** Waits until a request may go. */
  async waitFor(workspaceId: string, use: RequestUse): Promise<void> {
    for (let wait = await this.take(workspaceId, use); wait > 0; wait = await this.take(workspaceId, use)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
