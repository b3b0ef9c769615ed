import Redis, { Cluster, RedisOptions } from 'ioredis';
import { AppConfig } from 'src/config/app-config';

/** A connection to the deployment's Redis: one server, or every node of a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** What the options say for the whole connection; everything else is each node's. */
const CONNECTION_WIDE = ['keyPrefix', 'enableOfflineQueue', 'lazyConnect', 'retryStrategy'] as const;

/** Leaves out what is not set, so ioredis's defaults apply rather than an explicit undefined. */
const defined = <T extends object>(options: T): Partial<T> => Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * Opens a client the way REDIS_URL names Redis: `new Redis(url)` for one server, an ioredis
 * `Cluster` for `redis-cluster://` (which follows MOVED and failovers itself). The same options
 * mean the same for both: a cluster applies key prefix, offline queue, lazy connect and retry
 * strategy to the whole, the rest to each node.
 */
export function createRedisClient(config: AppConfig, options: RedisOptions = {}): RedisClient {
  const cluster = config.redisCluster;
  if (!cluster) return new Redis(config.redisUrl, options);
  const nodeOptions: RedisOptions = { ...options, username: cluster.username, password: cluster.password };
  for (const name of CONNECTION_WIDE) delete nodeOptions[name];
  return new Cluster(cluster.nodes, {
    ...defined({ keyPrefix: options.keyPrefix, enableOfflineQueue: options.enableOfflineQueue, lazyConnect: options.lazyConnect }),
    ...(options.retryStrategy ? { clusterRetryStrategy: options.retryStrategy } : {}),
    redisOptions: defined(nodeOptions),
  });
}

/**
 * Bull's key prefix for a queue. Each of Bull's Lua scripts touches several keys of its queue, so
 * in a cluster they must share a slot: the queue's name goes in a hash tag
 * (`trackflow:{trackflow-clicks}:trackflow-clicks:wait`), one slot per queue, so queues spread over
 * the masters. One Redis keeps the plain layout (`trackflow:trackflow-clicks:wait`), so jobs
 * queued before an upgrade are still found.
 */
export function queueKeyPrefix(config: AppConfig, queueName: string): string {
  return config.redisCluster ? `${config.redisPrefix}:{${queueName}}` : config.redisPrefix;
}
