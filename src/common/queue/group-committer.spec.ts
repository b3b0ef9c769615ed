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
});
