import { defineFrontComponent } from 'twenty-sdk/define';
import { useRecordId } from 'twenty-sdk/front-component';
import { JourneyScreen } from '../../../ui/src';
import { TwentyFrame } from './twenty-frame';

export const PERSON_JOURNEY_FRONT_COMPONENT_ID = '5d0c7f0e-2a51-4d8e-b0f4-41a7e8c6f3d9';

/** The Journey tab of a person: TrackFlow keys journeys by Twenty's person id. */
function PersonJourney() {
  const personId = useRecordId();
  return <TwentyFrame>{personId && <JourneyScreen personId={personId} />}</TwentyFrame>;
}

export default defineFrontComponent({
  universalIdentifier: PERSON_JOURNEY_FRONT_COMPONENT_ID,
  name: 'person-journey',
  description: "The person's visits, pages, link clicks and conversions on a timeline",
  component: PersonJourney,
});
