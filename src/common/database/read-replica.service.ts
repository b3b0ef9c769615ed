import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, ReplicaConfig } from 'src/config/app-config';

/**
 * What a read runs its SQL on: the primary (the DataSource, a transaction's manager) or the
 * ReadReplica. A repository method whose read may be answered by the replica takes one as its last,
 * optional argument; without it, the read goes to the primary.
 */
export type Reads = { query<T = any>(sql: string, parameters?: unknown[]): Promise<T> };

/** `up`: reads go to the replica; `lagging` and `down`: to the primary, until a check finds it well again. */
export type ReplicaState = 'up' | 'lagging' | 'down';

export type ReplicaHealth = { state: ReplicaState; lagSeconds: number | null; reason: string | null };

type Probe = { in_recovery: boolean; caught_up: boolean | null; replay_age: number | null };

// Connection failures, a server shutting down or starting, too many clients, a missing database, and
// (40001) a standby cancelling a query that conflicts with replay: the primary answers those instead.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300|3D000|40001)$/;
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** True when the replica, not the read, failed: pg reports a dropped or timed-out connection without a code. */
export function isReplicaUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NETWORK.has(code))) return true;
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/.test(message);
}

/**
 * The reads that may lag behind the primary (reports, dashboards, analytics) go to the streaming
 * replica of DATABASE_REPLICA_URL while it is healthy, else to the primary; everything that
 * writes, and every read that must see its own write, uses the primary's DataSource directly.
 *
 * The replica is checked periodically: its replay position against the primary's current WAL
 * position first, since the age of its last replayed transaction also grows while the primary is
 * idle; only when it is behind does the lag count, as the shorter of that age and the time since
 * it was last seen caught up. Past DATABASE_REPLICA_MAX_LAG_SECONDS, or unreachable, or no longer
 * a standby, it is left alone until a check finds it well again. A read the replica fails for want
 * of a connection is answered by the primary at once, so its caller sees no error.
 */
@Injectable()
export class ReadReplica implements Reads, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplica.name);
  private readonly replica: ReplicaConfig | null;
  private readonly pool: Pool | null;
  private health: ReplicaHealth = { state: 'down', lagSeconds: null, reason: 'not checked yet' };
  private lastCaughtUpMs: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly primary: DataSource,
    config: AppConfig,
  ) {
    this.replica = config.replica;
    // Read-only work on a pool of its own, opened lazily: a replica down at start delays nothing.
    this.pool = this.replica ? new Pool({ connectionString: this.replica.url, max: 10, connectionTimeoutMillis: 3000, application_name: 'trackflow-replica-reads' }) : null;
    // An idle connection dropped by a stopping replica must not crash the process; the next check sees it.
    this.pool?.on('error', (error) => this.markDown(error));
  }

  onModuleInit(): void {
    if (!this.replica) return;
    // At least twice within the bound, so a replica falling behind is left within about the bound.
    const intervalMs = Math.max(250, Math.min(5000, this.replica.maxLagSeconds * 500));
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
    void this.check();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pool?.end();
  }

  /** Null without a replica; what /healthz shows. */
  status(): ReplicaHealth | null {
    return this.replica ? this.health : null;
  }

  query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.onReadSource(
      async (client) => (await client.query(sql, parameters)).rows as T,
      () => this.primary.query(sql, parameters),
    );
  }

  /**
   * `work`'s reads in one read-only transaction of `isolation`, on the replica when healthy, else on
   * the primary; `primary` for a caller that writes what it reads, which must not write old figures.
   */
  transaction<T>(isolation: 'READ COMMITTED' | 'REPEATABLE READ', work: (reads: Reads) => Promise<T>, options: { primary?: boolean } = {}): Promise<T> {
    const onPrimary = () =>
      this.primary.transaction(isolation, async (manager) => {
        await manager.query('SET TRANSACTION READ ONLY');
        return work(manager);
      });
    if (options.primary) return onPrimary();
    return this.onReadSource(
      async (client) => {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation} READ ONLY`);
        try {
          const result = await work({ query: async <R>(sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows as R });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      },
      onPrimary,
    );
  }

  /** Checks the replica now (the timer does so periodically) and returns what it found. */
  async check(): Promise<ReplicaHealth> {
    if (!this.pool || !this.replica) return this.health;
    let primaryLsn: string;
    const checkedAtMs = Date.now();
    try {
      [{ lsn: primaryLsn }] = await this.primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
    } catch {
      return this.health; // without the primary's position the replica cannot be judged
    }
    let probe: Probe;
    try {
      ({
        rows: [probe],
      } = await this.pool.query<Probe>(
        `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up,
           extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS replay_age`,
        [primaryLsn],
      ));
    } catch (error) {
      this.markDown(error);
      return this.health;
    }
    if (!probe.in_recovery) return this.set({ state: 'down', lagSeconds: null, reason: 'not a standby (promoted, or DATABASE_REPLICA_URL names a primary)' });
    if (probe.caught_up) {
      this.lastCaughtUpMs = checkedAtMs;
      return this.set({ state: 'up', lagSeconds: 0, reason: null });
    }
    const bounds = [probe.replay_age ?? Infinity, this.lastCaughtUpMs === null ? Infinity : (Date.now() - this.lastCaughtUpMs) / 1000];
    const lagSeconds = Math.max(0, Math.min(...bounds));
    if (lagSeconds > this.replica.maxLagSeconds) {
      return this.set({ state: 'lagging', lagSeconds: Number.isFinite(lagSeconds) ? lagSeconds : null, reason: `more than ${this.replica.maxLagSeconds} s behind the primary` });
    }
    return this.set({ state: 'up', lagSeconds, reason: null });
  }

  private async onReadSource<T>(onReplica: (client: PoolClient) => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    if (!this.pool || this.health.state !== 'up') return onPrimary();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      this.markDown(error);
      return onPrimary();
    }
    let failure: unknown;
    try {
      return await onReplica(client);
    } catch (error) {
      failure = error;
      if (!isReplicaUnavailable(error)) throw error;
      this.markDown(error);
      return onPrimary();
    } finally {
      // A connection the replica dropped is not given back to the pool.
      client.release(failure !== undefined && isReplicaUnavailable(failure) ? (failure as Error) : undefined);
    }
  }

  private markDown(error: unknown): void {
    this.set({ state: 'down', lagSeconds: null, reason: (error as Error)?.message ?? String(error) });
  }

  private set(health: ReplicaHealth): ReplicaHealth {
    if (health.state !== this.health.state) {
      if (health.state === 'up') this.logger.log('read replica up: reports and dashboards read from it');
      else this.logger.warn(`read replica ${health.state}: reports and dashboards read from the primary (${health.reason})`);
    }
    this.health = health;
    return health;
  }
}
