/**
 * The engines a soak run owns: started on its own ports in its own temporary directories, never the
 * machine's shared PostgreSQL and Redis, since the soak pauses and fails them. The integration tests
 * start the same ones (bench/support), so the soak fails what the tests prove.
 */
import { startPrimaryWithReplica } from 'bench/support/postgres-replica';
import { startRedisCluster } from 'bench/support/redis-cluster';

export interface SoakEngines {
  /** What every TrackFlow process of the run is started with to reach these engines. */
  readonly env: Record<string, string>;
  readonly databaseUrl: string;
  /** Freezes the primary PostgreSQL (every process of its server) for `ms`, then lets it run on. */
  pausePostgres(ms: number): Promise<void>;
  /** Kills the master holding the click queue's slot and waits until its replica has taken over; says which. */
  failoverRedis(): Promise<string>;
  /** Stops the streaming replica and starts it again. */
  restartReplica(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL primary with a streaming replica on `basePort` and the next port, and a Redis
 * Cluster of three masters and three replicas from `basePort + 10`.
 */
export async function startEngines(basePort: number, database: string, clickQueueMaster: () => Promise<number>): Promise<SoakEngines> {
  const postgres = await startPrimaryWithReplica({ primaryPort: basePort, replicaPort: basePort + 1, database });
  let cluster: Awaited<ReturnType<typeof startRedisCluster>>;
  try {
    cluster = await startRedisCluster({ firstPort: basePort + 10 });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    env: { DATABASE_URL: postgres.primaryUrl, DATABASE_REPLICA_URL: postgres.replicaUrl, REDIS_URL: cluster.url },
    databaseUrl: postgres.primaryUrl,
    pausePostgres: (ms) => postgres.pausePrimary(ms),
    failoverRedis: async () => {
      const { killed, promoted } = await cluster.failover(await clickQueueMaster());
      return `master ${killed} (the click queue's) killed, replica ${promoted} promoted`;
    },
    restartReplica: async () => {
      await postgres.stopReplica();
      await postgres.startReplica();
    },
    stop: async () => {
      await cluster.stop();
      await postgres.stop();
    },
  };
}
