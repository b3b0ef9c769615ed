import { FormEvent, StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminArea, AttributionScreen, CampaignConversionsScreen, CampaignsScreen, DealSearch, graphqlApi, Host, HostProvider, httpPost, JourneyScreen, LinksScreen, PersonSearch, TrackflowError, TrackflowStyles } from '../src';
import { AnalyticsRoute, analyticsRoute, AnalyticsScreens, ANALYTICS_TABS } from './analytics-routes';

/** The key lives for the browser tab only: closing it signs out, and no other site can read it. */
const KEY_STORAGE = 'trackflow.apiKey';

type Route = AnalyticsRoute | { screen: 'campaigns' } | { screen: 'admin'; section: string } | { screen: 'links'; campaign: { id: string; name: string } | null } | { screen: 'journey'; id: string } | { screen: 'attribution'; id: string } | { screen: 'conversions'; campaign: { id: string; name: string } };

function parseRoute(hash: string): Route {
  const [screen, id, name] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (screen === 'links') return { screen: 'links', campaign: id ? { id, name: name ?? '' } : null };
  if (screen === 'journey') return { screen: 'journey', id: id ?? '' };
  if (screen === 'attribution') return { screen: 'attribution', id: id ?? '' };
  if (screen === 'conversions' && id) return { screen: 'conversions', campaign: { id, name: name ?? '' } };
  if (screen === 'admin') return { screen: 'admin', section: id ?? '' };
  // The queues and Twenty sync screens moved under Admin; their old addresses still lead there.
  if (screen === 'queues' || screen === 'twenty') return { screen: 'admin', section: screen };
  if (screen === 'campaigns') return { screen: 'campaigns' };
  return analyticsRoute(screen, id);
}

const hrefOf = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;

/** Pages below a tab, which keep their tab current: a campaign's conversions under Campaigns, a link's analytics under Links. */
const TAB_OF: Partial<Record<Route['screen'], string>> = { conversions: 'campaigns', link: 'links' };

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard) return navigator.clipboard.writeText(text);
  // Pages served over plain http on a LAN have no Clipboard API; the old way still works there.
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('copy refused');
}

function SignIn({ onSignedIn, reason }: { onSignedIn: (key: string) => void; reason: string | null }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(reason);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecking(true);
    setError(null);
    try {
      await graphqlApi(httpPost('/graphql', key.trim())).request('query SignIn { campaigns { id } }');
      onSignedIn(key.trim());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setChecking(false);
    }
  }

  return (
    <main className="tf-shell tf-screen">
      <h1>TrackFlow</h1>
      <form className="tf-panel tf-form" onSubmit={(event) => void submit(event)} aria-label="Sign in">
        <div className="tf-field">
          <label htmlFor="tf-api-key">API key</label>
          <input
            id="tf-api-key"
            className="tf-input"
            type="password"
            autoComplete="off"
            required
            value={key}
            onChange={(event) => setKey(event.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby="tf-api-key-help"
            autoFocus
          />
          <span id="tf-api-key-help" className={error ? 'tf-field-error' : 'tf-hint'} role={error ? 'alert' : undefined}>
            {error ?? 'A TrackFlow API key (npx trackflow api-key:create). It is kept for this browser tab only.'}
          </span>
        </div>
        <div className="tf-form-actions">
          <button type="submit" className="tf-button tf-primary" disabled={checking}>
            {checking ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  );
}

function Dashboard({ apiKey, onSignOut }: { apiKey: string; onSignOut: (reason: string | null) => void }) {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  const [toast, setToast] = useState<{ message: string; variant: 'success' | 'error' } | null>(null);
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  const notify = useCallback((message: string, variant: 'success' | 'error' = 'success') => setToast({ message, variant }), []);
  const host = useMemo<Host>(() => {
    const api = graphqlApi(httpPost('/graphql', apiKey));
    return {
      api: {
        async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
          try {
            return await api.request<T>(query, variables);
          } catch (error) {
            // A revoked key ends the session instead of failing every screen one by one.
            if (error instanceof TrackflowError && error.code === 'UNAUTHENTICATED') onSignOut(error.message);
            throw error;
          }
        },
      },
      notify,
      copyText,
    };
  }, [apiKey, notify, onSignOut]);

  const tabs = [
    ...ANALYTICS_TABS.map((tab) => ({ ...tab, href: hrefOf(tab.screen) })),
    { screen: 'campaigns', label: 'Campaigns', href: hrefOf('campaigns') },
    { screen: 'links', label: 'Links', href: hrefOf('links') },
    { screen: 'journey', label: 'Journey', href: hrefOf('journey') },
    { screen: 'attribution', label: 'Attribution', href: hrefOf('attribution') },
    // Operators only: a key without the scope a screen needs is told so by that screen.
    { screen: 'admin', label: 'Admin', href: hrefOf('admin') },
  ];

  return (
    <HostProvider host={host}>
      <div className="tf-shell">
        <nav className="tf-nav" aria-label="TrackFlow">
          <span className="tf-brand">TrackFlow</span>
          {tabs.map((tab) => (
            <a key={tab.screen} className="tf-button" href={tab.href} aria-current={(TAB_OF[route.screen] ?? route.screen) === tab.screen ? 'page' : undefined}>
              {tab.label}
            </a>
          ))}
          <span className="tf-spacer" />
          <button type="button" className="tf-button" onClick={() => onSignOut(null)}>
            Sign out
          </button>
        </nav>
        <main>
          <AnalyticsScreens route={route} />
          {route.screen === 'campaigns' && (
            <CampaignsScreen onOpenCampaign={(campaign) => (location.hash = hrefOf('links', campaign.id, campaign.name))} onOpenConversions={(campaign) => (location.hash = hrefOf('conversions', campaign.id, campaign.name))} />
          )}
          {route.screen === 'conversions' && (
            <CampaignConversionsScreen
              key={route.campaign.id}
              campaign={route.campaign}
              onOpenPerson={(personId) => (location.hash = hrefOf('journey', personId))}
              onOpenDeal={(opportunityId) => (location.hash = hrefOf('attribution', opportunityId))}
              onBack={() => (location.hash = hrefOf('campaigns'))}
            />
          )}
          {route.screen === 'links' && <LinksScreen key={route.campaign?.id ?? 'all'} campaign={route.campaign} onBack={route.campaign ? () => (location.hash = hrefOf('campaigns')) : undefined} onOpenLink={(link) => (location.hash = hrefOf('link', link.id))} />}
          {route.screen === 'journey' && (
            <>
              <PersonSearch selected={route.id} onOpen={(person) => (location.hash = hrefOf('journey', person.personId))} />
              {route.id && <JourneyScreen personId={route.id} onOpenDeal={(opportunityId) => (location.hash = hrefOf('attribution', opportunityId))} />}
            </>
          )}
          {route.screen === 'attribution' && (
            <>
              <DealSearch selected={route.id} onOpen={(deal) => (location.hash = hrefOf('attribution', deal.opportunityId))} />
              {route.id && <AttributionScreen opportunityId={route.id} />}
            </>
          )}
          {route.screen === 'admin' && <AdminArea section={route.section} hrefOf={(section) => hrefOf('admin', section)} />}
        </main>
        {toast && (
          <div className={`tf-toast${toast.variant === 'error' ? ' tf-toast-error' : ''}`} role={toast.variant === 'error' ? 'alert' : 'status'}>
            {toast.message}
          </div>
        )}
      </div>
    </HostProvider>
  );
}

function App() {
  const [apiKey, setApiKey] = useState(() => sessionStorage.getItem(KEY_STORAGE));
  const [reason, setReason] = useState<string | null>(null);
  const signOut = useCallback((why: string | null) => {
    sessionStorage.removeItem(KEY_STORAGE);
    setReason(why);
    setApiKey(null);
  }, []);
  return (
    <div className="tf-root">
      <TrackflowStyles />
      {apiKey ? (
        <Dashboard apiKey={apiKey} onSignOut={signOut} />
      ) : (
        <SignIn
          reason={reason}
          onSignedIn={(key) => {
            sessionStorage.setItem(KEY_STORAGE, key);
            setApiKey(key);
          }}
        />
      )}
    </div>
  );
}

createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
