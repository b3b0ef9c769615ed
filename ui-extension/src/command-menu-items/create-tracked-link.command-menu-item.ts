import { defineCommandMenuItem } from 'twenty-sdk/define';
import { CREATE_TRACKED_LINK_FRONT_COMPONENT_ID } from '../front-components/create-tracked-link.front-component';

export default defineCommandMenuItem({
  universalIdentifier: '2f9c1b7e-6d3a-4c58-8e12-a4b7d0c9e356',
  label: 'Create tracked link',
  shortLabel: 'Tracked link',
  availabilityType: 'GLOBAL',
  frontComponentUniversalIdentifier: CREATE_TRACKED_LINK_FRONT_COMPONENT_ID,
});
