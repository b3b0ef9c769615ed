import { useState } from 'react';
import { defineFrontComponent } from 'twenty-sdk/define';
import { Campaign, CampaignsScreen, LinksScreen } from '../../../ui/src';
import { TwentyFrame } from './twenty-frame';

export const TRACKFLOW_PAGE_FRONT_COMPONENT_ID = 'a0d5b0a4-3b9e-4f55-9a0c-6c1f5e0e7b21';

/** The TrackFlow page of the sidebar: campaigns, and a campaign's links. */
function TrackflowPage() {
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  return <TwentyFrame>{campaign ? <LinksScreen campaign={campaign} onBack={() => setCampaign(null)} /> : <CampaignsScreen onOpenCampaign={setCampaign} />}</TwentyFrame>;
}

export default defineFrontComponent({
  universalIdentifier: TRACKFLOW_PAGE_FRONT_COMPONENT_ID,
  name: 'trackflow-page',
  description: 'Campaigns with their clicks, visitors and results, and each campaign\'s tracked links',
  component: TrackflowPage,
});
