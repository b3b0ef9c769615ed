import { RedisService } from 'src/common/redis/redis.service';

/**
 * The server's keys matching `pattern`, both named as the code names them (without the
 * deployment's prefix): KEYS takes and returns whole names, while the client's other commands add
 * the prefix themselves.
 */
export async function keysMatching(redis: RedisService, pattern: string): Promise<string[]> {
  const prefix = redis.client.options.keyPrefix ?? '';
  return (await redis.client.keys(`${prefix}${pattern}`)).map((key) => key.slice(prefix.length));
}
