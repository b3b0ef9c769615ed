import { defineNavigationMenuItem, NavigationMenuItemType } from 'twenty-sdk/define';

/** "TrackFlow" in Twenty's left sidebar: a folder holding TrackFlow's objects. */
export const TRACKFLOW_FOLDER_ID = '35732b38-8f9b-4500-8496-feeab1f52b21';

export default defineNavigationMenuItem({
  universalIdentifier: TRACKFLOW_FOLDER_ID,
  type: NavigationMenuItemType.FOLDER,
  name: 'TrackFlow',
  icon: 'IconTargetArrow',
  position: 0,
});
