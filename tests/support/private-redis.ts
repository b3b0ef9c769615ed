import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { waitFor } from 'tests/support/waiting';

/**
 * A Redis of a test's own, on its own port, that it may stop and start again: the
 * shared Redis others use is never stopped. It keeps nothing on disk, so a restart loses every job.
 */
export class PrivateRedis {
  private process: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => ((await this.listening()) ? true : undefined), 30_000, `redis to listen on ${this.port}`);
    return this;
  }

  async stop(): Promise<void> {
    const running = this.process;
    this.process = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  private listening(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }
}
