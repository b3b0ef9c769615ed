import { defineNavigationMenuItem, NavigationMenuItemType } from 'twenty-sdk/define';
import { TRACKED_LINK } from 'custom-objects/trackflow-data-model';
import { TRACKFLOW_FOLDER_ID } from './trackflow.navigation-menu-item';

export default defineNavigationMenuItem({
  universalIdentifier: 'af7c09c5-b467-44f3-b2d8-b54fc01915dc',
  type: NavigationMenuItemType.OBJECT,
  targetObjectUniversalIdentifier: TRACKED_LINK.universalIdentifier,
  folderUniversalIdentifier: TRACKFLOW_FOLDER_ID,
  position: 2,
});
