import { useState } from 'react';
import { defineFrontComponent } from 'twenty-sdk/define';
import { AppPath, navigate } from 'twenty-sdk/front-component';
import { AttributionReportScreen, Campaign, CampaignConversionsScreen, CampaignsScreen, LinkDetailScreen, LinksScreen, OverviewScreen, SiteAnalyticsScreen } from '../../../ui/src';
import { TwentyFrame } from './twenty-frame';

export const TRACKFLOW_PAGE_FRONT_COMPONENT_ID = 'a0d5b0a4-3b9e-4f55-9a0c-6c1f5e0e7b21';

/**
 * The marketer's views, in the order a CRM user reaches for them. Campaigns stays first: it is
 * what the page showed before the others came. Operators' screens (settings, keys, queues) stay
 * in the dashboard: Twenty has its own settings, and the app's key is not an operator's.
 */
const TABS = [
  { id: 'campaigns', label: 'Campaigns & links' },
  { id: 'overview', label: 'Overview' },
  { id: 'report', label: 'Attribution report' },
  { id: 'site', label: 'Site analytics' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/**
 * A person's journey and a deal's attribution live on their record pages in Twenty (the Journey
 * and Attribution tabs), so a conversion opens the record there rather than a copy of the tab.
 */
const openRecord = (objectNameSingular: 'person' | 'opportunity') => (objectRecordId: string) => void navigate(AppPath.RecordShowPage, { objectNameSingular, objectRecordId });

/** Campaigns, a campaign's links and a link's analytics, one inside the other; or a campaign's conversions, leading to Twenty's records. */
function CampaignsTab() {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [conversionsOf, setConversionsOf] = useState<Campaign | null>(null);
  const [linkId, setLinkId] = useState<string | null>(null);
  if (linkId) return <LinkDetailScreen key={linkId} linkId={linkId} onBack={() => setLinkId(null)} />;
  if (campaign) return <LinksScreen campaign={campaign} onBack={() => setCampaign(null)} onOpenLink={(link) => setLinkId(link.id)} />;
  if (conversionsOf) return <CampaignConversionsScreen campaign={conversionsOf} onOpenPerson={openRecord('person')} onOpenDeal={openRecord('opportunity')} onBack={() => setConversionsOf(null)} />;
  return <CampaignsScreen onOpenCampaign={setCampaign} onOpenConversions={setConversionsOf} />;
}

/** The TrackFlow page of the sidebar: campaigns and their links, the overview, the attribution report and site analytics. */
function TrackflowPage() {
  const [tab, setTab] = useState<Tab>('campaigns');
  return (
    <TwentyFrame>
      <nav className="tf-subnav" aria-label="TrackFlow">
        {TABS.map((item) => (
          <button key={item.id} type="button" className="tf-button" aria-current={item.id === tab ? 'page' : undefined} onClick={() => setTab(item.id)}>
            {item.label}
          </button>
        ))}
      </nav>
      {tab === 'campaigns' && <CampaignsTab />}
      {tab === 'overview' && <OverviewScreen />}
      {tab === 'report' && <AttributionReportScreen />}
      {tab === 'site' && <SiteAnalyticsScreen />}
    </TwentyFrame>
  );
}

export default defineFrontComponent({
  universalIdentifier: TRACKFLOW_PAGE_FRONT_COMPONENT_ID,
  name: 'trackflow-page',
  description: 'Campaigns with their links and conversions (opening the person or deal in Twenty), clicks, visitors and results; the overview of a period; every attribution model side by side; site analytics',
  component: TrackflowPage,
});
