import { replicasInRole, slotMaster } from 'src/common/redis/replica-acks';

describe('replicasInRole', () => {
  it("counts the replicas a master's ROLE lists", () => {
    expect(replicasInRole(['master', 3129659, [['127.0.0.1', '57104', '3129242'], ['127.0.0.1', '57105', '3129543']]])).toBe(2);
    expect(replicasInRole(['master', 0, []])).toBe(0);
  });

  it('finds none to wait for on a replica, a sentinel or a reply it does not know', () => {
    expect(replicasInRole(['slave', '127.0.0.1', 57101, 'connected', 3167038])).toBe(0);
    expect(replicasInRole(['sentinel', ['mymaster']])).toBe(0);
    expect(replicasInRole(null)).toBe(0);
  });
});

describe('slotMaster', () => {
  // {trackflow-clicks} hashes to slot 5999 (CLUSTER KEYSLOT agrees); only the tag counts.
  const slots: string[][] = [];
  slots[5999] = ['127.0.0.1:57102', '127.0.0.1:57105'];

  it("names the first node of the slot of the key's hash tag", () => {
    expect(slotMaster(slots, 'trackflow:{trackflow-clicks}:trackflow-clicks:id')).toBe('127.0.0.1:57102');
    expect(slotMaster(slots, 'other-prefix:{trackflow-clicks}:wait')).toBe('127.0.0.1:57102');
  });

  it('knows no master for a slot ioredis has not learnt', () => {
    expect(slotMaster(slots, 'trackflow:{trackflow-events}:trackflow-events:id')).toBeNull();
  });
});
