import { execFile } from 'node:child_process';
import { AddressInfo, createServer, Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from 'src/config/app-config';
import { startServer } from 'src/server';
import { TestServer } from 'tests/support/test-server';

const run = promisify(execFile);

/** A port held by something else, as when another program (or another TrackFlow) already runs. */
async function holdPort(): Promise<{ port: number; holder: Server }> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  return { port: (holder.address() as AddressInfo).port, holder };
}

describe('the first run, as a new user meets it', () => {
  it('reports a taken port as a configuration error naming PORT, before starting anything', async () => {
    const { port, holder } = await holdPort();
    try {
      const failure = await startServer({ port, logLevels: ['error'] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).message).toBe(`PORT: port ${port} is already in use by another process (choose another with PORT=...)`);
    } finally {
      holder.close();
    }
  });

  it('npm start says so in one line and exits 1', async () => {
    const { port, holder } = await holdPort();
    try {
      const main = [join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'main.ts')];
      const failure = await run(process.execPath, ['-r', ...main], { env: { ...process.env, PORT: String(port) } }).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1, stdout: '', stderr: `TrackFlow cannot start: PORT: port ${port} is already in use by another process (choose another with PORT=...)\n` });
    } finally {
      holder.close();
    }
  });

  it('answers GET / with where to go: the dashboard and the health check', async () => {
    const server = await TestServer.start();
    try {
      const text = await fetch(`${server.url}/`);
      expect(text.status).toBe(200);
      expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
      const body = await text.text();
      expect(body).toMatch(/^\/app {2}the dashboard/m);
      expect(body).toMatch(/^\/healthz {2}whether PostgreSQL and Redis answer/m);

      const page = await fetch(`${server.url}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<a href="/app">/app</a>');
      expect(html).toContain('<a href="/healthz">/healthz</a>');
    } finally {
      await server.stop();
    }
  });
});
