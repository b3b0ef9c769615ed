import { assignSessions, StoredSession } from 'src/tracking/sessions/assign-sessions.util';

const MINUTE = 60_000;

describe('assignSessions', () => {
  let ids = 0;
  const newId = () => `new-${++ids}`;
  beforeEach(() => {
    ids = 0;
  });

  it('extends the stored session within 30 minutes and opens a new one after', () => {
    const stored = new Map<string, StoredSession>([['v1', { id: 'old', visitorId: 'v1', startMs: 0, endMs: 10 * MINUTE, campaign: null }]]);
    const sessions = assignSessions(
      [
        { visitorId: 'v1', atMs: 41 * MINUTE, campaign: null },
        { visitorId: 'v1', atMs: 40 * MINUTE, campaign: null },
        { visitorId: 'v1', atMs: 80 * MINUTE, campaign: null },
      ],
      stored,
      newId,
    );
    expect(sessions.map((session) => [session.id, session.isNew, session.startMs / MINUTE, session.endMs / MINUTE, session.items.length])).toEqual([
      ['old', false, 0, 41, 2],
      ['new-1', true, 80, 80, 1],
    ]);
  });

  it('opens a new session when another campaign starts, but not for a touch without a campaign', () => {
    const sessions = assignSessions(
      [
        { visitorId: 'v1', atMs: 0, campaign: 'spring' },
        { visitorId: 'v1', atMs: MINUTE, campaign: null },
        { visitorId: 'v1', atMs: 2 * MINUTE, campaign: 'summer' },
        { visitorId: 'v2', atMs: 2 * MINUTE, campaign: 'summer' },
      ],
      new Map(),
      newId,
    );
    expect(sessions.map((session) => [session.visitorId, session.campaign, session.items.length])).toEqual([
      ['v1', 'spring', 2],
      ['v1', 'summer', 1],
      ['v2', 'summer', 1],
    ]);
  });

  it('splits exactly past 30 minutes of inactivity', () => {
    const sessions = assignSessions(
      [
        { visitorId: 'v', atMs: 0, campaign: null },
        { visitorId: 'v', atMs: 30 * MINUTE, campaign: null },
        { visitorId: 'v', atMs: 60 * MINUTE + 1, campaign: null },
      ],
      new Map(),
      newId,
    );
    expect(sessions.map((session) => session.items.length)).toEqual([2, 1]);
  });
});
