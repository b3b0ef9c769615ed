import { isUuid } from 'src/common/validation/input-rules';
import { timeOrderedUuid } from 'src/common/database/time-ordered-uuid.util';

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID of the RFC 9562 variant carrying the time in milliseconds', () => {
    const id = timeOrderedUuid(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  });

  it('sorts by time, as text and as PostgreSQL compares uuids, and differs within one millisecond', () => {
    const ids = [1, 2, 1000, 2 ** 40].map((ms) => timeOrderedUuid(1_700_000_000_000 + ms));
    expect([...ids].sort()).toEqual(ids);
    const sameMillisecond = new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(1_700_000_000_000)));
    expect(sameMillisecond.size).toBe(1000);
  });
});
