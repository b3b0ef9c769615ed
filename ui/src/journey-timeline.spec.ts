import { buildTimeline } from './journey-timeline';
import { PersonJourney } from './queries';

describe('a journey as a timeline', () => {
  it('merges every device, click and conversion oldest first and groups them by UTC day', () => {
    const journey: PersonJourney = {
      personId: 'p1',
      visitors: [
        {
          visitorId: 'phone',
          firstSeen: '2026-03-02T23:30:00Z',
          lastSeen: '2026-03-02T23:40:00Z',
          deviceType: 'mobile',
          browser: null,
          sessions: [
            {
              id: 's2',
              sessionStart: '2026-03-02T23:30:00Z',
              sessionEnd: '2026-03-02T23:40:00Z',
              pageViews: 1,
              durationSeconds: 600,
              entryPage: '/pricing',
              source: null,
              medium: null,
              campaign: null,
              deviceType: 'mobile',
              events: [{ id: 'e1', eventType: 'pageview', eventName: null, timestamp: '2026-03-02T23:30:00Z', path: '/pricing', pageUrl: null }],
            },
          ],
          clicks: [],
        },
        {
          visitorId: 'laptop',
          firstSeen: '2026-03-01T09:00:00Z',
          lastSeen: '2026-03-01T09:00:00Z',
          deviceType: 'desktop',
          browser: null,
          sessions: [],
          clicks: [{ id: 'c1', shortCode: 'spring', clickTimestamp: '2026-03-01T09:00:00Z', source: 'newsletter', medium: 'email', campaign: null, isQr: true }],
        },
      ],
      conversions: [{ id: 'v1', conversionType: 'lead', value: '0', currencyCode: 'USD', convertedAt: '2026-03-03T08:00:00Z', opportunityId: null }],
    };
    const days = buildTimeline(journey);
    expect(days.map((day) => [day.day, day.items.map((item) => item.title)])).toEqual([
      ['2026-03-01', ['Scanned QR code /r/spring']],
      ['2026-03-02', ['Visit from direct']],
      ['2026-03-03', ['Converted: lead']],
    ]);
    const [visit] = days[1].items;
    expect(visit.kind === 'session' && visit.pages.map((page) => page.label)).toEqual(['Viewed /pricing']);
    expect(visit.kind === 'session' && visit.detail).toBe('1 page, 10 min, mobile');
  });

  it('is empty for a person nobody tracked', () => {
    expect(buildTimeline({ personId: 'p2', visitors: [], conversions: [] })).toEqual([]);
  });
});
