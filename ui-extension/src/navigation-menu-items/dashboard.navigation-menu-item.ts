import { defineNavigationMenuItem, NavigationMenuItemType } from 'twenty-sdk/define';
import { TRACKFLOW_PAGE_LAYOUT_ID } from '../page-layouts/trackflow.page-layout';
import { TRACKFLOW_FOLDER_ID } from './trackflow.navigation-menu-item';

/** First in the TrackFlow folder: the page with campaigns, links, copy and QR codes. */
export default defineNavigationMenuItem({
  universalIdentifier: '6f1b3d8e-4a9c-4e27-b5d0-a3c7e9f1b862',
  type: NavigationMenuItemType.PAGE_LAYOUT,
  name: 'Campaigns & links',
  icon: 'IconTargetArrow',
  pageLayoutUniversalIdentifier: TRACKFLOW_PAGE_LAYOUT_ID,
  folderUniversalIdentifier: TRACKFLOW_FOLDER_ID,
  position: 0,
});
