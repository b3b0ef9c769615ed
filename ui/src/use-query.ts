import { useCallback, useEffect, useState } from 'react';
import { useHost } from './host';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

/** Runs a query when its variables change; reload() runs it again and keeps showing the old data meanwhile. */
export function useQuery<T>(query: string, variables: Record<string, unknown> = {}): QueryState<T> & { reload: () => Promise<void> } {
  const { api } = useHost();
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const key = JSON.stringify(variables);
  const run = useCallback(async () => {
    try {
      setState({ status: 'ready', data: await api.request<T>(query, JSON.parse(key) as Record<string, unknown>) });
    } catch (error) {
      setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }, [api, query, key]);
  useEffect(() => {
    setState({ status: 'loading' });
    void run();
  }, [run]);
  return { ...state, reload: run };
}
