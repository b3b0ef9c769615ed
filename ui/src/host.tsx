import { createContext, ReactNode, useContext } from 'react';
import { TrackflowApi } from './api';

/**
 * What a screen needs from wherever it runs: TrackFlow's GraphQL, a way to tell the user
 * something (Twenty's snackbar or the dashboard's own) and the clipboard (Twenty's front
 * components run in a worker without one, so the host copies).
 */
export interface Host {
  api: TrackflowApi;
  notify(message: string, variant?: 'success' | 'error'): void;
  copyText(text: string): Promise<void>;
}

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('TrackFlow screens need a <HostProvider> around them');
  return host;
}
