import { defineNavigationMenuItem, NavigationMenuItemType } from 'twenty-sdk/define';
import { CAMPAIGN } from 'custom-objects/trackflow-data-model';
import { TRACKFLOW_FOLDER_ID } from './trackflow.navigation-menu-item';

export default defineNavigationMenuItem({
  universalIdentifier: 'd38878a4-1060-4e8d-866f-eaaa51eed28a',
  type: NavigationMenuItemType.OBJECT,
  targetObjectUniversalIdentifier: CAMPAIGN.universalIdentifier,
  folderUniversalIdentifier: TRACKFLOW_FOLDER_ID,
  position: 1,
});
