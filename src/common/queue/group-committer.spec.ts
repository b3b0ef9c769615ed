import { GroupCommitter } from 'src/common/queue/group-committer';

describe('GroupCommitter', () => {
  it('writes a lone item at once and groups the items that arrive while a write is in flight', async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const committer = new GroupCommitter<number>(
      (items) => {
        writes.push(items);
        return writes.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = committer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4, 5].map((item) => committer.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    // A full batch goes even while the in-flight limit is reached; the remainder waits for a slot.
    expect(writes).toEqual([[1], [2, 3, 4]]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('tells every submitter of a failed write', async () => {
    const committer = new GroupCommitter<number>(() => Promise.reject(new Error('Redis is down')), { maxBatch: 10, maxInFlight: 1 });
    await expect(Promise.all([committer.submit(1), committer.submit(2)])).rejects.toThrow('Redis is down');
  });

  it('gives each submitter its own result', async () => {
    const committer = new GroupCommitter<number, number>(async (items) => items.map((item) => item * 10), { maxBatch: 10, maxInFlight: 1 });
    expect(await Promise.all([1, 2, 3].map((item) => committer.submit(item)))).toEqual([10, 20, 30]);
  });

  it('with retryAlone, writes the items of a failed group again one by one, so only the bad one fails', async () => {
    const writes: number[][] = [];
    const committer = new GroupCommitter<number, number>(
      async (items) => {
        writes.push(items);
        if (items.includes(2)) throw new Error('item 2 is bad');
        return items;
      },
      { maxBatch: 10, maxInFlight: 1, retryAlone: true },
    );
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => committer.submit(item)));
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason.message))).toEqual([1, 'item 2 is bad', 3]);
    expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
