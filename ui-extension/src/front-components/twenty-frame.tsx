import { ReactNode, useMemo } from 'react';
import { copyToClipboard, enqueueSnackbar } from 'twenty-sdk/front-component';
import { graphqlApi, Host, HostProvider, TrackflowStyles } from '../../../ui/src';
import { appRoutePost } from './app-route-post';

// Twenty's worker hands a front component its API URL and app token as process.env, and token refreshes through its host API.
const environment = () => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/** Every TrackFlow screen inside Twenty: the shared look, and a host made of Twenty's own functions. */
export function TwentyFrame({ children }: { children: ReactNode }) {
  const host = useMemo<Host>(
    () => ({
      api: graphqlApi(
        appRoutePost({
          apiUrl: environment().TWENTY_API_URL,
          token: () => environment().TWENTY_APP_ACCESS_TOKEN,
          refreshToken: globalThis.frontComponentHostCommunicationApi?.requestAccessTokenRefresh,
        }),
      ),
      notify: (message, variant = 'success') => void enqueueSnackbar({ message, variant }),
      copyText: copyToClipboard,
    }),
    [],
  );
  return (
    <div className="tf-root">
      <TrackflowStyles />
      <HostProvider host={host}>{children}</HostProvider>
    </div>
  );
}
