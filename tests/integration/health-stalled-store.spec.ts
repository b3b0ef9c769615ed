import { PrimaryWithReplica, startPrimaryWithReplica } from 'bench/support/postgres-replica';
import { TestServer } from 'tests/support/test-server';
import { withEnv } from 'tests/support/waiting';

/** A load balancer asks /healthz with a short timeout: a PostgreSQL that hangs must read as down, not hang the check with it. */
describe('GET /healthz while PostgreSQL is frozen', () => {
  let postgres: PrimaryWithReplica;
  let server: TestServer;

  beforeAll(async () => {
    postgres = await startPrimaryWithReplica({ primaryPort: 58020, replicaPort: 58021, database: 'trackflow_health' });
    server = await withEnv({ DATABASE_URL: postgres.primaryUrl }, () => TestServer.start());
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await postgres?.stop();
  });

  it('answers 503 with PostgreSQL down before the server is let run again', async () => {
    let resumed = false;
    const pause = postgres.pausePrimary(15_000).then(() => (resumed = true));
    const answer = await fetch(`${server.url}/healthz`);
    const body = (await answer.json()) as { postgres: string; redis: string };
    const answeredWhilePaused = !resumed;
    await pause;
    expect({ status: answer.status, postgres: body.postgres, redis: body.redis, answeredWhilePaused }).toEqual({ status: 503, postgres: 'down', redis: 'up', answeredWhilePaused: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
