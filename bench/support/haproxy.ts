import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from 'bench/support/polling';

export type LoadBalancerBackend = { name: string; port: number };

/**
 * The configuration a deployment puts in front of its web processes, written for this machine's
 * ports. A process is in the pool while it answers /healthz with "ok" or "degraded": "degraded"
 * (a store down) still serves cached redirects and queues clicks and events, and taking every web
 * process out because their shared PostgreSQL stalls would turn a slow database into a total outage.
 * A process still starting (503 "starting"), dead or hung is out after two failed checks.
 * Only requests that never reached a process are retried on another (`retry-on conn-failure`, the
 * default): one that did may have been recorded, and sending it again would count it twice.
 * Server connections are not reused (`http-reuse never`): a request sent on an idle connection to a
 * process that has just died fails after it was sent, which HAProxy answers by closing the client's
 * connection, where a fresh connection is refused and the request goes to another process.
 */
export function haproxyConfig(port: number, backends: readonly LoadBalancerBackend[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout check 3s',
    '  retries 3',
    '  option redispatch 1',
    'frontend trackflow',
    `  bind 127.0.0.1:${port}`,
    '  default_backend web',
    'backend web',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    "  http-check expect rstring '\"status\":\"(ok|degraded)\"'",
    '  http-reuse never',
    ...backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check inter 500 fall 2 rise 1`),
    '',
  ].join('\n');
}

/** Debian's HAProxy, in the foreground, with its configuration in a directory of the caller's. */
export class Haproxy {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(directory: string, port: number, backends: readonly LoadBalancerBackend[]): Promise<Haproxy> {
    const configFile = join(directory, 'haproxy.cfg');
    writeFileSync(configFile, haproxyConfig(port, backends));
    const child = spawn(process.env.HAPROXY_BIN ?? 'haproxy', ['-db', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
    const haproxy = new Haproxy(port, child);
    try {
      await waitUntil(async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${errors.join('').trim()}`);
        return fetch(haproxy.url + '/healthz').then((answer) => answer.status === 200, () => false);
      }, `haproxy on port ${port} to route to a healthy web process`);
    } catch (error) {
      await haproxy.stop();
      throw error;
    }
    return haproxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
