import { defineFrontComponent } from 'twenty-sdk/define';
import { closeSidePanel } from 'twenty-sdk/front-component';
import { NewLinkForm } from '../../../ui/src';
import { TwentyFrame } from './twenty-frame';

export const CREATE_TRACKED_LINK_FRONT_COMPONENT_ID = '8e4a6c2d-1f7b-4a3e-9d05-b6c8e2f4a190';

/** "Create tracked link" from the command menu: the form in the side panel, closed once the link exists. */
function CreateTrackedLink() {
  return (
    <TwentyFrame>
      <div className="tf-screen">
        <NewLinkForm campaignId={null} onDone={() => closeSidePanel()} />
      </div>
    </TwentyFrame>
  );
}

export default defineFrontComponent({
  universalIdentifier: CREATE_TRACKED_LINK_FRONT_COMPONENT_ID,
  name: 'create-tracked-link',
  description: 'Makes a TrackFlow short link with its UTM parameters and QR code',
  component: CreateTrackedLink,
});
