import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from 'bench/support/polling';

const run = promisify(execFile);

export type RedisClusterNode = { port: number; role: 'master' | 'replica' };

export type RunningRedisCluster = {
  /** REDIS_URL naming the cluster (every node a seed). */
  url: string;
  seeds: { host: string; port: number }[];
  /** The ports of the nodes that are masters now (a failover changes them). */
  masters(): Promise<number[]>;
  /**
   * Kills a master with SIGKILL (the first master when none is named, else the given port) and
   * waits until its replica is promoted and every live node reports `cluster_state:ok`; answers
   * the killed port and the promoted replica's.
   */
  failover(masterPort?: number): Promise<{ killed: number; promoted: number }>;
  /** Kills every node and deletes the directory; safe to call twice. */
  stop(): Promise<void>;
};

const HOST = '127.0.0.1';
/** Redis's default bus port (+10000) does not exist above 55535, so high ports take theirs 10000 below. */
const busPort = (port: number): number => (port > 55_535 ? port - 10_000 : port + 10_000);
const NODE_TIMEOUT_MS = 2000;
/** Generous: a failover takes about two node timeouts, and a busy shared machine stretches that. */
const SETTLE_MS = 60_000;

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', HOST, '-p', String(port), ...args]);
  return stdout;
}

async function answers(port: number): Promise<boolean> {
  return (await cli(port, 'ping').catch(() => '')).trim() === 'PONG';
}

/** `CLUSTER NODES` as seen from one node: each node's port, flags, (for a replica) its master's id, and whether it serves slots. */
async function clusterNodes(port: number): Promise<{ id: string; port: number; flags: string[]; masterId: string; servesSlots: boolean }[]> {
  const text = await cli(port, 'cluster', 'nodes');
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([id, address, flags, masterId, , , , , ...slots]) => ({ id, port: Number(address.split('@')[0].split(':')[1]), flags: flags.split(','), masterId, servesSlots: slots.length > 0 }));
}

/**
 * A real Redis Cluster of three masters and three replicas from the Debian `redis-server`, in a
 * temporary directory, on `firstPort` … `firstPort + 5`. Nothing is
 * kept on disk but each node's cluster configuration. Each node's cluster bus is 10000 above its
 * port, or 10000 below for ports above 55535, where Redis's default cannot exist. Tests and the soak benchmark start it,
 * inject faults with `failover`, and always `stop` it.
 */
export async function startRedisCluster(options: { firstPort: number }): Promise<RunningRedisCluster> {
  const ports = Array.from({ length: 6 }, (_, index) => options.firstPort + index);
  const directory = await mkdtemp(join(tmpdir(), 'trackflow-redis-cluster-'));
  const processes = new Map<number, ChildProcess>();
  const killed = new Set<number>();

  const kill = async (port: number): Promise<void> => {
    const node = processes.get(port);
    killed.add(port);
    if (!node || node.exitCode !== null || node.signalCode !== null) return;
    const exited = new Promise((resolve) => node.once('exit', resolve));
    node.kill('SIGKILL');
    await exited;
  };

  const stop = async (): Promise<void> => {
    await Promise.all(ports.map(kill));
    await rm(directory, { recursive: true, force: true });
  };

  const live = (): number[] => ports.filter((port) => !killed.has(port));

  const settled = (): Promise<boolean> => Promise.all(live().map((port) => cli(port, 'cluster', 'info').catch(() => ''))).then((infos) => infos.every((info) => info.includes('cluster_state:ok')));

  const masters = async (): Promise<number[]> => {
    const nodes = await clusterNodes(live()[0]);
    return nodes.filter((node) => node.flags.includes('master') && node.servesSlots && !killed.has(node.port)).map((node) => node.port).sort();
  };

  try {
    for (const port of ports) {
      const node = spawn(
        'redis-server',
        [
          '--port', String(port), '--cluster-port', String(busPort(port)), '--bind', HOST, '--dir', directory,
          '--cluster-enabled', 'yes', '--cluster-config-file', join(directory, `nodes-${port}.conf`), '--cluster-node-timeout', String(NODE_TIMEOUT_MS),
          '--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0',
        ],
        { stdio: 'ignore' },
      );
      processes.set(port, node);
    }
    await waitUntil(async () => (await Promise.all(ports.map(answers))).every(Boolean), `redis cluster nodes to listen on ${ports.join(', ')}`, SETTLE_MS);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `${HOST}:${port}`), '--cluster-replicas', '1', '--cluster-yes']);
    await waitUntil(settled, 'cluster_state:ok on every node', SETTLE_MS);
    // The state is ok before the replicas have synced, and an unsynced replica never takes over.
    await waitUntil(async () => (await Promise.all(ports.map((port) => cli(port, 'info', 'replication')))).filter((info) => info.includes('master_link_status:up')).length === 3, 'three synced replicas', SETTLE_MS);
  } catch (error) {
    await stop();
    throw error;
  }

  const seeds = ports.map((port) => ({ host: HOST, port }));
  return {
    url: `redis-cluster://${seeds.map(({ host, port }) => `${host}:${port}`).join(',')}`,
    seeds,
    masters,
    async failover(masterPort?: number) {
      const before = await clusterNodes(live()[0]);
      const victim = before.find((node) => node.flags.includes('master') && node.servesSlots && !killed.has(node.port) && (masterPort === undefined || node.port === masterPort));
      if (!victim) throw new Error(`no live master${masterPort === undefined ? '' : ` on port ${masterPort}`}`);
      const replica = before.find((node) => node.masterId === victim.id && !killed.has(node.port));
      if (!replica) throw new Error(`master ${victim.port} has no live replica to promote`);
      await kill(victim.port);
      await waitUntil(
        async () => (await clusterNodes(replica.port).catch(() => [])).find((node) => node.port === replica.port)?.flags.includes('master') === true,
        `replica ${replica.port} to replace master ${victim.port}`,
        SETTLE_MS,
      );
      await waitUntil(settled, 'cluster_state:ok after the failover', SETTLE_MS);
      return { killed: victim.port, promoted: replica.port };
    },
    stop,
  };
}
