import { ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from 'bench/support/polling';

/**
 * An entry point of TrackFlow (`src/main`, `src/cli/main`) as this file is being run: the built
 * one beside the built benchmarks, or the TypeScript source (compiled on load by the tests'
 * register hook) under jest.
 */
export function entryPoint(path: string): { script: string; execArgv: string[] } {
  const root = join(__dirname, '..', '..');
  if (__filename.endsWith('.ts')) return { script: join(root, `${path}.ts`), execArgv: ['-r', join(root, 'tests', 'support', 'register-ts.js')] };
  return { script: join(root, `${path}.js`), execArgv: [] };
}

export type ProcessRole = 'web' | 'worker';

/**
 * One TrackFlow server process standing for one machine: a web process (TRACKFLOW_WORKERS=false,
 * behind the load balancer) or a worker process (consumes the queues; it answers HTTP on a port of
 * its own that no load balancer routes to, so only its /healthz is ever asked). Its output goes to
 * a log file; it may be killed with SIGKILL and started again with the same environment, click
 * journal directory included, as a machine restarted by its supervisor.
 */
export class TrackflowProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly role: ProcessRole,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves once /healthz answers 200: the stores are prepared and, for a web process, it serves requests. */
  async start(): Promise<this> {
    const { script, execArgv } = entryPoint('src/main');
    const log = openSync(this.logFile, 'a');
    const child = fork(script, [], {
      env: { ...process.env, ...this.env, PORT: String(this.port), TRACKFLOW_WORKERS: String(this.role === 'worker') },
      execArgv,
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} while starting (see ${this.logFile})`);
      return fetch(`${this.url}/healthz`).then((answer) => answer.status === 200, () => false);
    }, `${this.name} to answer /healthz on port ${this.port}`);
    return this;
  }

  /** As a machine losing power: no shutdown hook runs, whatever it held in memory is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(forced);
  }
}
