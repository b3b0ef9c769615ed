/**
 * The one polling loop of the benchmarks and the tests (tests/support/waiting re-exports it): a
 * probe that throws stops the wait with its error; the limit only keeps a broken run from hanging.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const STARTUP_LIMIT_MS = 120_000;

/** Polls a yes-or-no `probe` until it says yes: an engine or process starting, a cluster settling. */
export async function waitUntil(probe: () => Promise<boolean>, what: string, limitMs = STARTUP_LIMIT_MS): Promise<void> {
  await waitFor(async () => ((await probe()) ? true : undefined), limitMs, what);
}
