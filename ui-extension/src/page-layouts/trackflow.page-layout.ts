import { definePageLayout, PageLayoutTabLayoutMode } from 'twenty-sdk/define';
import { TRACKFLOW_PAGE_FRONT_COMPONENT_ID } from '../front-components/trackflow-page.front-component';

export const TRACKFLOW_PAGE_LAYOUT_ID = '7c2e9a4f-5b1d-4f38-a6e0-d8b3c5f7e912';

/** The TrackFlow page the sidebar opens: one tab holding the campaigns and links screens. */
export default definePageLayout({
  universalIdentifier: TRACKFLOW_PAGE_LAYOUT_ID,
  name: 'TrackFlow',
  type: 'STANDALONE_PAGE',
  tabs: [
    {
      universalIdentifier: '3e8f1a6c-9d2b-4c75-b0a4-e7c9d1f3a586',
      title: 'Campaigns',
      position: 0,
      icon: 'IconTargetArrow',
      layoutMode: PageLayoutTabLayoutMode.VERTICAL_LIST,
      widgets: [
        {
          universalIdentifier: 'b9d3f5a1-2e7c-4a68-8f0b-c6e2a4d8f731',
          title: 'Campaigns and links',
          type: 'FRONT_COMPONENT',
          configuration: { configurationType: 'FRONT_COMPONENT', frontComponentUniversalIdentifier: TRACKFLOW_PAGE_FRONT_COMPONENT_ID },
        },
      ],
    },
  ],
});
