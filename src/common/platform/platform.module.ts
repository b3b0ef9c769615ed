import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { typeOrmModuleOptions } from 'src/common/database/database-bootstrap';
import { DomainEventsModule } from 'src/common/events/domain-events';
import { RegisteredQueuesModule } from 'src/common/queue/registered-queues.module';
import { RedisModule } from 'src/common/redis/redis.module';
import { RedisService } from 'src/common/redis/redis.service';
import { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';

/**
 * What every process runs on, the server and each CLI command alike: configuration, Redis, Bull's
 * root, the database connection and the domain events. Importing a feature that declares queues or uses Redis opens
 * no connection: Bull creates a queue's clients on first use (no version check at construction)
 * and RedisService its own, so only a process that uses Redis connects (see openRedis).
 */
@Module({})
export class PlatformModule {
  /**
   * `database: false` for a process that needs no database (a command working on a file alone);
   * `workers: false` for one that is never a worker (the CLI: the worker bootstrap is the server's).
   */
  static forRoot(options: { database: boolean; workers: boolean }): DynamicModule {
    const database = TypeOrmModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => typeOrmModuleOptions(config.databaseUrl) });
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ workers: options.workers }),
        RedisModule,
        RegisteredQueuesModule,
        BullModule.forRootAsync({
          inject: [AppConfig, RedisService],
          // Each queue sets its own prefix (queueKeyPrefix); a cluster's clients are RedisService's to close.
          useFactory: (config: AppConfig, redis: RedisService) => ({
            ...(config.redisCluster ? { createClient: (type: Parameters<RedisService['openQueueClient']>[0]) => redis.openQueueClient(type) } : { url: config.redisUrl }),
            skipVersionCheck: true,
          }),
        }),
        // Events wait for the transactions they were published in, so they come with the database.
        ...(options.database ? [database, DomainEventsModule] : []),
      ],
    };
  }
}
