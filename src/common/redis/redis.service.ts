import { Injectable, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { randomInt } from 'node:crypto';
import { createRedisClient, RedisClient } from 'src/common/redis/redis-clients';
import { AppConfig } from 'src/config/app-config';

type MessageHandler = (message: string) => void;
type QueueClientType = 'client' | 'subscriber' | 'bclient';

/**
 * One command connection and one subscriber connection per process, opened by a process that needs
 * Redis at start (`connect`: the server, the CLI's Twenty commands); otherwise the command
 * connection opens on first use and no channel is subscribed, so a process that never needs Redis
 * (most CLI commands) never connects. Commands fail fast while Redis is down (no offline queue) so
 * hot paths can fall back instead of hanging.
 *
 * Keys and channels are named without the deployment's prefix (`lock:…`, `invalidate:link`): the
 * client adds it to every key (ioredis keyPrefix, Lua scripts' KEYS included; not to KEYS or SCAN
 * patterns), and subscribe and publish add it to channels, which Redis shares across databases.
 *
 * With a Redis Cluster (REDIS_URL `redis-cluster://`) the command connection is an ioredis Cluster;
 * every command names one key, or keys of one hash tag. Channels need no cluster: Redis 7 sends
 * every PUBLISH to every node, so the subscriber is one connection to any node, moving to the next
 * seed when its node goes away (a reconnect, as with one Redis: the caches are emptied).
 */
@Injectable()
export class RedisService implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private commands?: RedisClient;
  private subscriber?: Redis;
  /** Bull's connections to a cluster, which Bull does not close itself when it did not open them. */
  private readonly queueClients: RedisClient[] = [];
  private closed = false;
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  /** Channels whose subscription Redis confirmed: only then can a cache hear that its entries changed. */
  private readonly subscribed = new Set<string>();
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(private readonly config: AppConfig) {}

  /** The command connection; the first command sent while it opens fails (see `connect`). */
  get client(): RedisClient {
    if (this.closed) throw new Error('Redis: this process has closed its connections');
    if (!this.commands) {
      this.commands = createRedisClient(this.config, { keyPrefix: `${this.config.redisPrefix}:`, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
      this.commands.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    }
    return this.commands;
  }

  /** Whether this process has opened the command connection (a CLI command needing only the database never does). */
  get isOpen(): boolean {
    return this.commands !== undefined;
  }

  /** Opens both connections and waits until commands can be sent and every channel is subscribed. */
  async connect(): Promise<void> {
    const client = this.client;
    if (client.status === 'wait') await client.connect();
    this.subscriber ??= this.openSubscriber();
    await Promise.all([...this.handlers.keys()].map((channel) => this.subscribeChannel(channel)));
  }

  async isReachable(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * Handlers also hear about reconnects: messages sent while disconnected are lost, so caches must
   * drop everything. Until the process connects the channel is only noted, and subscribed then.
   */
  async subscribe(name: string, handler: MessageHandler, onReconnect?: () => void): Promise<void> {
    const channel = this.channel(name);
    if (!this.handlers.has(channel)) this.handlers.set(channel, new Set());
    this.handlers.get(channel)?.add(handler);
    if (onReconnect) this.reconnectHandlers.add(onReconnect);
    if (this.subscriber) await this.subscribeChannel(channel);
  }

  /** Whether messages published on the channel reach this process. */
  hears(name: string): boolean {
    return this.subscribed.has(this.channel(name));
  }

  async publish(name: string, message: string): Promise<void> {
    await this.client.publish(this.channel(name), message);
  }

  /** A connection for one of a queue's roles in a cluster (Bull's `createClient`); the blocking and subscriber ones wait on Redis forever. */
  openQueueClient(type: QueueClientType): RedisClient {
    const client = createRedisClient(this.config, type === 'client' ? {} : { maxRetriesPerRequest: null, enableReadyCheck: false });
    this.queueClients.push(client);
    return client;
  }

  private openSubscriber(): Redis {
    const subscriber = this.config.redisCluster ? this.openClusterSubscriber(this.config.redisCluster) : new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    subscriber.on('error', (error) => this.logger.warn(`Redis subscriber: ${error.message}`));
    let connectedOnce = false;
    subscriber.on('ready', () => {
      if (connectedOnce) this.reconnectHandlers.forEach((callback) => callback());
      connectedOnce = true;
    });
    subscriber.on('message', (messageChannel: string, message: string) => {
      this.handlers.get(messageChannel)?.forEach((callback) => callback(message));
    });
    return subscriber;
  }

  /**
   * One node's connection, starting at a random seed (processes spread over the nodes); each
   * reconnect attempt moves to the next seed, since a node that dropped the connection may be dead.
   * ioredis reads host and port from its options on each attempt, and resubscribes the channels.
   */
  private openClusterSubscriber(cluster: NonNullable<AppConfig['redisCluster']>): Redis {
    const first = randomInt(cluster.nodes.length);
    const subscriber: Redis = new Redis({
      ...cluster.nodes[first],
      username: cluster.username,
      password: cluster.password,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => {
        Object.assign(subscriber.options, cluster.nodes[(first + attempt) % cluster.nodes.length]);
        return Math.min(attempt * 100, 2000);
      },
    });
    return subscriber;
  }

  private async subscribeChannel(channel: string): Promise<void> {
    if (this.subscribed.has(channel) || !this.subscriber) return;
    await this.subscriber.subscribe(channel);
    this.subscribed.add(channel);
  }

  private channel(name: string): string {
    return `${this.config.redisPrefix}:${name}`;
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.commands?.disconnect();
    this.subscriber?.disconnect();
  }

  /** After the queues closed (their modules' destroy hooks), their cluster connections go. */
  onApplicationShutdown(): void {
    this.queueClients.splice(0).forEach((client) => client.disconnect());
  }
}
