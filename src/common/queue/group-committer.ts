export interface GroupCommitOptions {
  /** Most items in one write. */
  maxBatch: number;
  /** Writes in flight at once; while they are, new items wait and form the next batch (a full batch goes anyway). */
  maxInFlight: number;
}

/**
 * Group commit: items submitted while earlier writes are in flight share the next write, and each
 * submitter learns when (or whether) its item was written. There is no fixed wait: a lone item is
 * written at once, and batches grow only as fast as round trips make items queue up behind them.
 */
export class GroupCommitter<T> {
  private waiting: { item: T; resolve: () => void; reject: (error: Error) => void }[] = [];
  private flushScheduled = false;
  private inFlight = 0;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<void> {
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
      await this.write(batch.map((waiter) => waiter.item));
      batch.forEach((waiter) => waiter.resolve());
    } catch (error) {
      batch.forEach((waiter) => waiter.reject(error as Error));
    } finally {
      this.inFlight -= 1;
      this.scheduleFlush();
    }
  }
}
