export { waitFor } from 'bench/support/polling';

/** Runs `action` with these environment variables set (a server reads its configuration when it starts), then puts them back. */
export async function withEnv<T>(changes: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  Object.assign(process.env, changes);
  try {
    return await action();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
