import { useCallback, useEffect, useRef, useState } from 'react';
import { useHost } from './host';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

/** Runs a query when its variables change; reload() runs it again and keeps showing the old data meanwhile. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}): QueryState<T> & { reload: () => Promise<void> } {
  const { api } = useHost();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const key = JSON.stringify(variables);
  // Only the latest request may set the state: a slow answer to older variables must not replace a newer one.
  const latest = useRef(0);
  const run = useCallback(async () => {
    const request = (latest.current += 1);
    try {
      const data = await api.request<T>(query, JSON.parse(key) as Record<string, unknown>);
      if (request === latest.current) setState({ status: 'ready', data });
    } catch (error) {
      if (request === latest.current) setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, [api, query, key]);
  useEffect(() => {
    setState({ status: 'loading' });
    void run();
  }, [run]);
  return { ...state, reload: run };
}
