import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from 'src/config/app-config';

type MessageHandler = (message: string) => void;

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
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  private commands?: Redis;
  private subscriber?: Redis;
  private closed = false;
  private readonly handlers = new Map<string, Set<MessageHandler>>();
  /** Channels whose subscription Redis confirmed: only then can a cache hear that its entries changed. */
  private readonly subscribed = new Set<string>();
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(private readonly config: AppConfig) {}

  /** The command connection; the first command sent while it opens fails (see `connect`). */
  get client(): Redis {
    if (this.closed) throw new Error('Redis: this process has closed its connections');
    if (!this.commands) {
      this.commands = new Redis(this.config.redisUrl, { keyPrefix: `${this.config.redisPrefix}:`, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
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

  private openSubscriber(): Redis {
    const subscriber = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
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
}
