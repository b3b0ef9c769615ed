import calculateSlot from 'cluster-key-slot';
import Redis, { Cluster } from 'ioredis';
import type { RedisClient } from 'src/common/redis/redis-clients';

/** How long a node's replica count is gone by before ROLE is asked again. */
const ROLE_TTL_MS = 1000;

/** The replicas a node's ROLE reply lists: a master's third element; anything else has none to wait for. */
export function replicasInRole(reply: unknown): number {
  return Array.isArray(reply) && reply[0] === 'master' && Array.isArray(reply[2]) ? reply[2].length : 0;
}

/** The node ("host:port") ioredis sends a key's commands to: the first of its slot's entry, or null while the slot is not known. */
export function slotMaster(slots: readonly (readonly string[] | undefined)[], key: string): string | null {
  return slots[calculateSlot(key)]?.[0] ?? null;
}

type Owner = { name: string; node: Redis };

/**
 * Redis acknowledges a write before its replicas have it, so a master killed a moment later can
 * hand its slots to a replica that never saw the write. `replicated` runs a write and then sends
 * `WAIT 1` on the very connection that carried it (WAIT covers that connection's own writes): a
 * write is durable once a replica acknowledged it, or when its master has no replica (nothing to
 * fail over to; asked with ROLE at most once a second per node, so one Redis without replicas
 * pays no round trip per write). Anything else throws, and the caller treats the write as refused.
 */
export class ReplicaAcks {
  private readonly replicas = new Map<string, { count: number; until: number }>();

  constructor(private readonly waitMs: number) {}

  /** `key` is one of the write's keys (whole name, prefix included): in a cluster it names the master. */
  async replicated(client: RedisClient, key: string, write: () => Promise<unknown>): Promise<void> {
    const before = this.owner(client, key);
    await write();
    const owner = this.owner(client, key);
    if (!owner) throw new Error('the master of the write is not known');
    // The slot moved while the write was under way: the master that took it may be the one that failed.
    if (before && before.name !== owner.name) throw new Error(`the slot moved from ${before.name} to ${owner.name} during the write`);
    if ((await this.replicaCount(owner)) === 0) return;
    const acknowledged = await owner.node.wait(1, this.waitMs);
    if (acknowledged < 1) {
      this.replicas.delete(owner.name);
      throw new Error(`no replica of ${owner.name} acknowledged the write within ${this.waitMs} ms`);
    }
  }

  private owner(client: RedisClient, key: string): Owner | null {
    if (!(client instanceof Cluster)) return { name: 'redis', node: client };
    const name = slotMaster(client.slots, key);
    const node = name === null ? undefined : client.nodes('master').find(({ options }) => `${options.host}:${options.port}` === name);
    return name !== null && node ? { name, node } : null;
  }

  private async replicaCount({ name, node }: Owner): Promise<number> {
    const known = this.replicas.get(name);
    if (known && known.until > Date.now()) return known.count;
    const count = replicasInRole(await node.role());
    this.replicas.set(name, { count, until: Date.now() + ROLE_TTL_MS });
    return count;
  }
}
