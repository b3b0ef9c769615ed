import { defineFrontComponent } from 'twenty-sdk/define';
import { useRecordId } from 'twenty-sdk/front-component';
import { AttributionScreen } from '../../../ui/src';
import { TwentyFrame } from './twenty-frame';

export const OPPORTUNITY_ATTRIBUTION_FRONT_COMPONENT_ID = 'c3f1e2a7-8b6d-4e09-a5c4-2d7b9f0e1a63';

/** The Attribution tab of an opportunity. */
function OpportunityAttribution() {
  const opportunityId = useRecordId();
  return <TwentyFrame>{opportunityId && <AttributionScreen opportunityId={opportunityId} />}</TwentyFrame>;
}

export default defineFrontComponent({
  universalIdentifier: OPPORTUNITY_ATTRIBUTION_FRONT_COMPONENT_ID,
  name: 'opportunity-attribution',
  description: "The deal's credit per touchpoint and channel under the workspace's model and every model side by side",
  component: OpportunityAttribution,
});
