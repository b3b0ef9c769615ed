export interface GroupCommitOptions {
  /** Most items in one write. */
  maxBatch: number;
  /** Writes in flight at once; while they are, new items wait and form the next batch (a full batch goes anyway). */
  maxInFlight: number;
  /**
   * After a failed write of several items, write each again on its own, so that one bad item fails
   * only its own submitter instead of every item that happened to share its write.
   */
  retryAlone?: boolean;
}

/** Jobs a worker takes at once to keep the writes full: those waiting while writes are in flight make up the next full one. */
export const jobsToKeepWritesFull = ({ maxBatch, maxInFlight }: GroupCommitOptions): number => maxBatch * (maxInFlight + 1);

type Waiter<T, R> = { item: T; resolve: (result: R) => void; reject: (error: Error) => void };

/**
 * Group commit: items submitted while earlier writes are in flight share the next write, and each
 * submitter learns when (or whether) its item was written, with its own result when the write
 * gives one per item. There is no fixed wait: a lone item is written at once, and batches grow only
 * as fast as round trips make items queue up behind them.
 */
export class GroupCommitter<T, R = void> {
  private waiting: Waiter<T, R>[] = [];
  private flushScheduled = false;
  private inFlight = 0;

  constructor(
    /** Writes the items; when it returns results, the i-th is the i-th item's. */
    private readonly write: (items: T[]) => Promise<R[] | void>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** setImmediate lets every request parsed in the same I/O turn join one batch. */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.waiting.length === 0) return;
    if (this.inFlight >= this.options.maxInFlight && this.waiting.length < this.options.maxBatch) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.inFlight += 1;
    this.scheduleFlush();
    try {
      await this.writeAndSettle(batch);
    } finally {
      this.inFlight -= 1;
      this.scheduleFlush();
    }
  }

  private async writeAndSettle(batch: Waiter<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((waiter) => waiter.item));
      batch.forEach((waiter, index) => waiter.resolve(results?.[index] as R));
    } catch (error) {
      if (!this.options.retryAlone || batch.length === 1) {
        batch.forEach((waiter) => waiter.reject(error as Error));
        return;
      }
      // One at a time: the retries of a failed group must not all hit the store at once.
      for (const waiter of batch) await this.writeAndSettle([waiter]);
    }
  }
}
