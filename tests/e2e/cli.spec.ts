import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const CLI = [join(__dirname, '..', 'support', 'register-ts.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts')];
// Nothing listens there: a command that reached for Redis would fail or hang.
const NO_REDIS = { ...process.env, REDIS_URL: 'redis://127.0.0.1:1' };
const cli = (args: string[], env: NodeJS.ProcessEnv) => run(process.execPath, ['-r', ...CLI, ...args], { env });

describe('the trackflow command, every command through the one start-up', () => {
  it('creates a key with the database alone: no Redis connection is opened', async () => {
    const workspace = `cli-${Math.random().toString(36).slice(2)}`;
    const { stdout, stderr } = await cli(['api-key:create', '--workspace', workspace, '--name', 'laptop', '--role', 'TWENTY_APP'], NO_REDIS);
    expect(stdout).toMatch(/^Created API key "laptop" for workspace "cli-[^\n]+\nStore it now: only its hash is kept\.\ntfk_\S+\n$/);
    expect(stderr).toBe('');
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT k.name FROM trackflow.api_key k JOIN trackflow.workspace w ON w.id = k.workspace_id WHERE w.name = $1', [workspace]);
      expect(rows).toEqual([{ name: 'laptop' }]);
    } finally {
      await db.end();
    }
  });

  it('migrates and answers what it did, without Redis', async () => {
    await expect(cli(['migrate'], NO_REDIS)).resolves.toMatchObject({ stdout: 'The database is up to date.\n', stderr: '' });
  });

  it('analyses journeys from a file with neither database nor Redis', async () => {
    const fixture = join(__dirname, '..', 'fixtures', 'channelattribution-paths.csv');
    const { stdout } = await cli(['attribution:paths', fixture, '--model', 'LINEAR'], { ...NO_REDIS, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toMatchObject({ model: 'LINEAR' });
  });

  it('refuses a Twenty command in one line when Redis, which it needs, does not answer', async () => {
    await expect(cli(['twenty:sync', '--workspace', 'any'], NO_REDIS)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: REDIS_URL: cannot connect to Redis at 127\.0\.0\.1:1 [^\n]*\n$/) });
  });
});
