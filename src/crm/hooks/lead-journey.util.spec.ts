import { leadJourney } from 'src/crm/hooks/lead-journey.util';
import { personFields } from 'src/crm/twenty/twenty-write-back.util';

const row = (source: string, at: string) => ({ touchpoint: { at: new Date(at), source, medium: 'email', campaign: 'spring' }, weight: 0.5, attributedValueMicros: 0n, position: 'first' as const, daysToConversion: 0, channel: 'Email' });

describe('lead journey', () => {
  it('takes the first touch for the source and both ends for the dates, as Twenty person fields', () => {
    expect(personFields({ visitorId: 'v_0123456789abcdef', ...leadJourney([row('newsletter', '2026-11-01T10:00:00Z'), row('google', '2026-11-03T10:00:00Z')]) })).toEqual({
      trackflowVisitorId: 'v_0123456789abcdef',
      trackflowSource: 'newsletter',
      trackflowMedium: 'email',
      trackflowCampaign: 'spring',
      trackflowFirstTouchDate: '2026-11-01T10:00:00.000Z',
      trackflowLastTouchDate: '2026-11-03T10:00:00.000Z',
      trackflowTouchCount: 2,
    });
    expect(personFields({ visitorId: null, ...leadJourney([]) })).toMatchObject({ trackflowSource: null, trackflowTouchCount: 0 });
  });
});
