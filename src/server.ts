import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer, RequestListener, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { AppModule } from 'src/app.module';
import { RawHttpRouter } from 'src/common/http/raw-http-router';
import { RawRoutesDeclaration } from 'src/common/http/raw-route.decorator';
import { isHttps } from 'src/common/http/request-origin.util';
import { securityHeaders } from 'src/common/http/security-headers.util';
import { ensureDatabaseExists, runPendingMigrations } from 'src/common/database/database-bootstrap';
import { AppConfig, ConfigError, loadConfig } from 'src/config/app-config';
import { RedirectHandler } from 'src/redirect/redirect.handler';
import { ApiRequestLogService } from 'src/security/request-log/api-request-log.service';
import { CollectHandler } from 'src/tracking/collect/collect.handler';
import { TwentyWebhookHandler } from 'src/crm/twenty/twenty-webhook.handler';
import { LeadFormHandler } from 'src/crm/leads/lead-form.handler';

/** What starting did to the database, for the start banner. */
export type StoresReport = { databaseCreated: boolean; migrationsApplied: string[] };

export type RunningServer = { app: INestApplication; server: Server; url: string; rawRoutes: RawRoutesDeclaration[]; stores: StoresReport; close: () => Promise<void> };

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

async function prepareStores(config: AppConfig): Promise<StoresReport> {
  const databaseCreated = await ensureDatabaseExists(config.databaseUrl);
  const migrationsApplied = await runPendingMigrations(config.databaseUrl);
  await ensureRedisReachable(config);
  return { databaseCreated, migrationsApplied };
}

/** A port someone else holds is a configuration error like any other: one line naming PORT. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigError('PORT', `port ${port} is already in use by another process (choose another with PORT=...)`));
      else if (error.code === 'EACCES') reject(new ConfigError('PORT', `no permission to listen on port ${port}`));
      else reject(error);
    };
    server.once('error', refuse);
    server.listen(port, () => {
      server.off('error', refuse);
      resolve();
    });
  });
}

/** Answers requests that arrive while the stores are prepared and the application starts. */
function starting(response: ServerResponse): void {
  response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify({ status: 'starting' }));
}

type StartedApplication = { app: INestApplication; rawRoutes: RawRoutesDeclaration[]; stores: StoresReport; serve: RequestListener };

/**
 * Serves the Nest application from our own node:http server, so /r/:code is answered before
 * Express's routing and middleware run. The port is taken first: a taken port is reported at once,
 * not after the migrations and the application's start.
 */
export async function startServer(options: { port?: number; logLevels?: LogLevel[] } = {}): Promise<RunningServer> {
  const config = loadConfig();
  let serve: RequestListener = (_request, response) => starting(response);
  const server = createServer((request, response) => serve(request, response));
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port ?? config.port);
  let started: StartedApplication;
  try {
    started = await startApplication(config, options.logLevels ?? ['error', 'warn', 'log']);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  serve = started.serve;
  const { port } = server.address() as AddressInfo;
  return {
    app: started.app,
    server,
    rawRoutes: started.rawRoutes,
    stores: started.stores,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await started.app.close();
    },
  };
}

async function startApplication(config: AppConfig, logLevels: LogLevel[]): Promise<StartedApplication> {
  const stores = await prepareStores(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: logLevels, bodyParser: true });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.init();
  // Served from node:http ahead of Express: these read their own bodies (raw bytes for signatures, forms, beacons).
  const raw = new RawHttpRouter([app.get(RedirectHandler), app.get(CollectHandler), app.get(TwentyWebhookHandler), app.get(LeadFormHandler)]);
  const express = app.getHttpAdapter().getInstance();
  const requestLog = app.get(ApiRequestLogService);
  const serve: RequestListener = (request, response) => {
    for (const [name, value] of Object.entries(securityHeaders(request, isHttps(request, config.trustProxy)))) response.setHeader(name, value);
    if (raw.dispatch(request, response)) return;
    // Only Express serves API-key requests; the raw handlers are public and never logged here.
    requestLog.watch(request, response);
    express(request, response);
  };
  return { app, rawRoutes: raw.declarations, stores, serve };
}
