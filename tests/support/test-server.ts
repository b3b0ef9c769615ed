import { AddressInfo, createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { drainQueue } from 'src/common/queue/drain-queue.util';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { RunningServer, startServer } from 'src/server';
import { withEnv } from 'tests/support/waiting';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type GraphqlResult<T = Record<string, unknown>> = {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; rule?: string } }[];
};

/** A real TrackFlow server on a free port, talking to the test database and Redis. */
export class TestServer {
  private constructor(readonly running: RunningServer) {}

  /**
   * `servesPublicBaseUrl`: PUBLIC_BASE_URL (tests/setup/env.ts names a port nobody serves) is this
   * server's own address, so the short URLs and QR codes it hands out load in a browser. The port
   * is found free first, since the configuration is read before the server listens.
   */
  static async start(options: { servesPublicBaseUrl?: boolean } = {}): Promise<TestServer> {
    if (!options.servesPublicBaseUrl) return new TestServer(await startServer({ port: 0, logLevels: ['error'] }));
    const port = await freePort();
    return withEnv({ PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }, async () => new TestServer(await startServer({ port, logLevels: ['error'] })));
  }

  get url(): string {
    return this.running.url;
  }

  get dataSource(): DataSource {
    return this.running.app.get(DataSource);
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.running.app.get(token);
  }

  /** A fresh workspace (unique name) with a key of the given scopes. */
  async createKey(workspaceName = `ws-${Math.random().toString(36).slice(2)}`, scopes = ['*']): Promise<{ key: string; workspaceId: string }> {
    const created = await this.running.app.get(ApiKeyService).createKey(workspaceName, 'test', scopes);
    return { key: created.plaintext, workspaceId: created.workspaceId };
  }

  async graphql<T = Record<string, unknown>>(key: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  }

  /** Like graphql() but fails the test on any error, returning data. */
  async ok<T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.graphql<T>(key, query, variables);
    if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** Waits until the click queue is empty and nothing is in flight. */
  drainClicks(timeoutMs = 20_000): Promise<void> {
    return this.drainQueue('trackflow-clicks', timeoutMs);
  }

  drainEvents(timeoutMs = 20_000): Promise<void> {
    return this.drainQueue('trackflow-events', timeoutMs);
  }

  drainQueue(name: string, timeoutMs = 20_000): Promise<void> {
    return drainQueue(this.running.app, name, timeoutMs);
  }


  async stop(): Promise<void> {
    await this.running.close();
  }
}

export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const GOOGLEBOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
