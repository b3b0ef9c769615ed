import { definePageLayoutTab, PageLayoutTabLayoutMode, STANDARD_PAGE_LAYOUT } from 'twenty-sdk/define';
import { OPPORTUNITY_ATTRIBUTION_FRONT_COMPONENT_ID } from '../front-components/opportunity-attribution.front-component';

/** "Attribution" on every opportunity's page. */
export default definePageLayoutTab({
  universalIdentifier: 'e6b4d2a8-3c7f-4915-8a0d-f1c3e5b7a924',
  pageLayoutUniversalIdentifier: STANDARD_PAGE_LAYOUT.opportunityRecordPage.universalIdentifier,
  title: 'Attribution',
  position: 900,
  icon: 'IconChartPie',
  layoutMode: PageLayoutTabLayoutMode.VERTICAL_LIST,
  widgets: [
    {
      universalIdentifier: '1b5d9f3e-7a2c-4d80-9e6b-c4a8f2d0e573',
      title: 'TrackFlow attribution',
      type: 'FRONT_COMPONENT',
      configuration: { configurationType: 'FRONT_COMPONENT', frontComponentUniversalIdentifier: OPPORTUNITY_ATTRIBUTION_FRONT_COMPONENT_ID },
    },
  ],
});
