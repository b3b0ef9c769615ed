import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { AppModule } from 'src/app.module';
import { RawHttpHandler } from 'src/common/http/raw-http.util';
import { isHttps } from 'src/common/http/request-origin.util';
import { securityHeaders } from 'src/common/http/security-headers.util';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { AppConfig, ConfigError, loadConfig } from 'src/config/app-config';
import { RedirectHandler } from 'src/redirect/redirect.handler';
import { ApiRequestLogService } from 'src/security/request-log/api-request-log.service';
import { CollectHandler } from 'src/tracking/collect/collect.handler';
import { TwentyWebhookHandler } from 'src/crm/twenty/twenty-webhook.handler';
import { LeadFormHandler } from 'src/crm/leads/lead-form.handler';

export type RunningServer = { app: INestApplication; server: Server; url: string; rawHandlers: RawHttpHandler[]; close: () => Promise<void> };

/** Redis must answer at start: a wrong REDIS_URL should stop the server, not surface as lost clicks later. */
async function ensureRedisReachable(config: AppConfig): Promise<void> {
  const client = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const { hostname, port } = new URL(config.redisUrl);
    throw new ConfigError('REDIS_URL', `cannot connect to Redis at ${hostname}:${port || 6379} (${(error as Error).message})`);
  } finally {
    client.disconnect();
  }
}

export async function prepareStores(config: AppConfig): Promise<void> {
  await ensureDatabaseExists(config.databaseUrl);
  await runPendingMigrations(config.databaseUrl);
  await ensureRedisReachable(config);
}

/**
 * Creates the Nest application and serves it from our own node:http server, so /r/:code is
 * answered before Express's routing and middleware run.
 */
export async function startServer(options: { port?: number; logLevels?: LogLevel[] } = {}): Promise<RunningServer> {
  const config = loadConfig();
  await prepareStores(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: options.logLevels ?? ['error', 'warn', 'log'], bodyParser: true });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.init();
  const redirect = app.get(RedirectHandler);
  const collect = app.get(CollectHandler);
  const twentyWebhooks = app.get(TwentyWebhookHandler);
  const leadForms = app.get(LeadFormHandler);
  // Served from node:http ahead of Express: these read their own bodies (raw bytes for signatures, forms, beacons).
  const rawHandlers: RawHttpHandler[] = [redirect, collect, twentyWebhooks, leadForms];
  const express = app.getHttpAdapter().getInstance();
  const requestLog = app.get(ApiRequestLogService);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders(request, isHttps(request, config.trustProxy)))) response.setHeader(name, value);
    const handler = rawHandlers.find((candidate) => candidate.matches(request));
    if (handler) {
      void handler.handle(request, response);
    } else {
      // Only Express serves API-key requests; the raw handlers are public and never logged here.
      requestLog.watch(request, response);
      express(request, response);
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? config.port, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    server,
    rawHandlers,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
