import { arrivalsOn, demoHistory, demoSpend, HISTORY_CAMPAIGNS, runningOn } from 'src/cli/demo/demo-history.util';

const END = new Date('2026-06-15T10:00:00Z');
const DAY_MS = 86_400_000;
const daysBefore = (at: Date) => Math.ceil((Date.UTC(2026, 5, 15) - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())) / DAY_MS);

describe('the demo history', () => {
  const history = demoHistory(END);

  it('is the same on every run and differs with the seed', () => {
    expect(demoHistory(END)).toEqual(history);
    expect(demoHistory(END, 90, 18)).not.toEqual(history);
  });

  it('spans 90 days and stays a day clear of the end, so it never mixes with live traffic', () => {
    const touches = history.flatMap((journey) => journey.touches.map((touch) => touch.at.getTime()));
    expect(Math.min(...touches)).toBeGreaterThanOrEqual(END.getTime() - 91 * DAY_MS);
    const latest = Math.max(...touches, ...history.flatMap((journey) => (journey.outcome ? [journey.outcome.at.getTime()] : [])));
    expect(latest).toBeLessThanOrEqual(END.getTime() - DAY_MS);
  });

  it('clicks a campaign only while it runs', () => {
    for (const touch of history.flatMap((journey) => journey.touches)) {
      const campaign = HISTORY_CAMPAIGNS.find((candidate) => candidate.key === touch.campaign);
      expect(campaign && daysBefore(touch.at) <= campaign.from && daysBefore(touch.at) > campaign.to).toBe(true);
    }
    expect(runningOn(80).map((campaign) => campaign.key).sort()).toEqual(['newsletter', 'webinar']);
  });

  it('has a weekday rhythm, journeys over days and weeks, and leads and deals', () => {
    const random = () => 0.5;
    expect(arrivalsOn(new Date('2026-06-10T00:00:00Z'), random)).toBeGreaterThan(2 * arrivalsOn(new Date('2026-06-13T00:00:00Z'), random));
    const spans = history.map((journey) => (journey.touches[journey.touches.length - 1].at.getTime() - journey.touches[0].at.getTime()) / DAY_MS);
    expect(spans.filter((span) => span >= 7).length).toBeGreaterThan(20);
    expect(spans.filter((span) => span === 0).length).toBeGreaterThan(100);
    const outcomes = history.map((journey) => journey.outcome?.type ?? 'none');
    expect(outcomes.filter((type) => type === 'deal').length).toBeGreaterThan(20);
    expect(outcomes.filter((type) => type === 'lead').length).toBeGreaterThan(40);
    for (const journey of history) {
      if (journey.outcome?.type === 'deal') expect(journey.outcome.at.getTime()).toBeGreaterThanOrEqual(journey.outcome.leadAt.getTime());
    }
  });

  it('spends on paid campaigns only on the days they ran, less at weekends', () => {
    const spend = demoSpend(END);
    const retargeting = spend.filter((day) => day.platform === 'facebook');
    expect(retargeting).toHaveLength(75 - 20);
    expect(retargeting[0].day).toBe('2026-04-01');
    const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
    const average = (days: typeof spend) => days.reduce((sum, day) => sum + day.spend, 0) / days.length;
    const google = spend.filter((day) => day.platform === 'google_ads');
    expect(average(google.filter((day) => weekday(day.day) % 6 !== 0))).toBeGreaterThan(1.5 * average(google.filter((day) => weekday(day.day) % 6 === 0)));
  });
});
