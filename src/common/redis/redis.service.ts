import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/app-config';

type MessageHandler = (message: string) => void;

/**
 * One command connection and one subscriber connection per process. Commands fail fast while
 * Redis is down (no offline queue) so hot paths can fall back instead of hanging.
 *
 * Keys and channels are named without the deployment's prefix (`lock:…`, `invalidate:link`): the
 * client adds it to every key (ioredis keyPrefix, Lua scripts' KEYS included; not to KEYS or SCAN
 * patterns), and subscribe and publish add it to channels, which Redis shares across databases.
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private subscriber?: Redis;
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(private readonly config: AppConfig) {
    this.client = new Redis(config.redisUrl, { keyPrefix: `${config.redisPrefix}:`, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.client.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
  }

  async isReachable(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Handlers also hear about reconnects: messages sent while disconnected are lost, so caches must drop everything. */
  async subscribe(name: string, handler: MessageHandler, onReconnect?: () => void): Promise<void> {
    const channel = this.channel(name);
    if (!this.subscriber) {
      this.subscriber = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
      this.subscriber.on('error', (error) => this.logger.warn(`Redis subscriber: ${error.message}`));
      let connectedOnce = false;
      this.subscriber.on('ready', () => {
        if (connectedOnce) this.reconnectHandlers.forEach((callback) => callback());
        connectedOnce = true;
      });
      this.subscriber.on('message', (messageChannel: string, message: string) => {
        this.handlers.get(messageChannel)?.forEach((callback) => callback(message));
      });
    }
    if (!this.handlers.has(channel)) {
      this.handlers.set(channel, new Set());
      await this.subscriber.subscribe(channel);
    }
    this.handlers.get(channel)?.add(handler);
    if (onReconnect) this.reconnectHandlers.add(onReconnect);
  }

  async publish(name: string, message: string): Promise<void> {
    await this.client.publish(this.channel(name), message);
  }

  private channel(name: string): string {
    return `${this.config.redisPrefix}:${name}`;
  }

  onModuleDestroy(): void {
    this.client.disconnect();
    this.subscriber?.disconnect();
  }
}
