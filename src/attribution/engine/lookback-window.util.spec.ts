import { selectTouchpointsInWindow } from 'src/attribution/engine/lookback-window.util';

const conversionAt = new Date('2025-03-31T12:00:00Z');
const daysBefore = (days: number) => new Date(conversionAt.getTime() - days * 86_400_000);

describe('selectTouchpointsInWindow', () => {
  it('keeps touches from exactly the window start to exactly the conversion, both included', () => {
    const touches = [
      { id: 'too-old', at: daysBefore(30.0001) },
      { id: 'window-start', at: daysBefore(30) },
      { id: 'at-conversion', at: conversionAt },
      { id: 'after', at: new Date(conversionAt.getTime() + 1) },
    ];
    const { touchpoints, excluded } = selectTouchpointsInWindow(conversionAt, touches, 30);
    expect(touchpoints.map((t) => t.id)).toEqual(['window-start', 'at-conversion']);
    expect(excluded).toEqual({ beforeWindow: 1, afterConversion: 1 });
  });

  it('sorts oldest first and keeps the input order of equal timestamps', () => {
    const touches = [
      { id: 'b1', at: daysBefore(1) },
      { id: 'a', at: daysBefore(5) },
      { id: 'b2', at: daysBefore(1) },
      { id: 'b3', at: daysBefore(1) },
    ];
    expect(selectTouchpointsInWindow(conversionAt, touches, 30).touchpoints.map((t) => t.id)).toEqual(['a', 'b1', 'b2', 'b3']);
  });

  it('honours a fractional window', () => {
    const touches = [{ at: daysBefore(0.5) }, { at: daysBefore(0.25) }];
    expect(selectTouchpointsInWindow(conversionAt, touches, 0.3).touchpoints).toEqual([touches[1]]);
  });

  it('rejects invalid dates naming the offending one', () => {
    expect(() => selectTouchpointsInWindow(new Date('nope'), [], 30)).toThrow('conversion.at: is not a valid date');
    expect(() => selectTouchpointsInWindow(conversionAt, [{ at: conversionAt }, { at: new Date('nope') }], 30)).toThrow('touchpoints[1].at: is not a valid date');
  });
});
