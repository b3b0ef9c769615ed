import { definePageLayoutTab, PageLayoutTabLayoutMode, STANDARD_PAGE_LAYOUT } from 'twenty-sdk/define';
import { PERSON_JOURNEY_FRONT_COMPONENT_ID } from '../front-components/person-journey.front-component';

/** "Journey" on every person's page. */
export default definePageLayoutTab({
  universalIdentifier: '9a7e3c51-4b2d-4f86-a0e9-d3c5b7f1e248',
  pageLayoutUniversalIdentifier: STANDARD_PAGE_LAYOUT.personRecordPage.universalIdentifier,
  title: 'Journey',
  position: 900,
  icon: 'IconRoute',
  layoutMode: PageLayoutTabLayoutMode.VERTICAL_LIST,
  widgets: [
    {
      universalIdentifier: '4c8b2e7f-9d1a-4e63-b5f0-a2d6c8e4f137',
      title: 'TrackFlow journey',
      type: 'FRONT_COMPONENT',
      configuration: { configurationType: 'FRONT_COMPONENT', frontComponentUniversalIdentifier: PERSON_JOURNEY_FRONT_COMPONENT_ID },
    },
  ],
});
