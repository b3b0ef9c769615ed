import { ReactNode } from 'react';
import { AdSpendScreen } from './ad-spend-screen';
import { ApiKeysScreen } from './api-keys-screen';
import { AttributionModelsScreen } from './attribution-models-screen';
import { DomainsScreen } from './domains-screen';
import { LinkTemplatesScreen } from './link-templates-screen';
import { PrivacyScreen } from './privacy-screen';
import { QueuesScreen } from './queues-screen';
import { SettingsScreen } from './settings-screen';
import { TwentySyncScreen } from './twenty-sync-screen';
import { WebhooksScreen } from './webhooks-screen';

/** The admin screens in the order of their sub-navigation; the first is where "Admin" opens. */
const SECTIONS: { id: string; label: string; screen: () => ReactNode }[] = [
  { id: 'settings', label: 'Settings', screen: () => <SettingsScreen /> },
  { id: 'api-keys', label: 'API keys', screen: () => <ApiKeysScreen /> },
  { id: 'webhooks', label: 'Webhooks', screen: () => <WebhooksScreen /> },
  { id: 'models', label: 'Attribution models', screen: () => <AttributionModelsScreen /> },
  { id: 'ad-spend', label: 'Ad spend', screen: () => <AdSpendScreen /> },
  { id: 'link-templates', label: 'Link templates', screen: () => <LinkTemplatesScreen /> },
  { id: 'domains', label: 'Domains', screen: () => <DomainsScreen /> },
  { id: 'privacy', label: 'Privacy', screen: () => <PrivacyScreen /> },
  { id: 'twenty', label: 'Twenty sync', screen: () => <TwentySyncScreen /> },
  { id: 'queues', label: 'Queues', screen: () => <QueuesScreen /> },
];

/**
 * The admin area: its own sub-navigation and one screen. Each screen asks the API with the key it
 * has, so a key without the scope a screen needs is told so by that screen.
 */
export function AdminArea({ section, hrefOf }: { section: string; hrefOf: (section: string) => string }) {
  const current = SECTIONS.find((item) => item.id === section) ?? SECTIONS[0];
  return (
    <div className="tf-admin">
      <nav className="tf-subnav" aria-label="Admin">
        {SECTIONS.map((item) => (
          <a key={item.id} className="tf-button" href={hrefOf(item.id)} aria-current={item.id === current.id ? 'page' : undefined}>
            {item.label}
          </a>
        ))}
      </nav>
      {current.screen()}
    </div>
  );
}
