import { positionBasedWeights } from 'src/attribution/engine/models/position-based.model';

describe('positionBasedWeights', () => {
  it('gives a single touch everything', () => {
    expect(positionBasedWeights(1, 0.4, 0.4)).toEqual([1]);
    expect(positionBasedWeights(1, 0, 0)).toEqual([1]);
  });

  it('splits two touches f/(f+l) and l/(f+l)', () => {
    expect(positionBasedWeights(2, 0.4, 0.4)).toEqual([0.5, 0.5]);
    expect(positionBasedWeights(2, 0.6, 0.2)).toEqual([expect.closeTo(0.75, 15), 0.25]);
    expect(positionBasedWeights(2, 0, 0.3)).toEqual([0, 1]);
  });

  it('splits two touches equally when f + l = 0', () => {
    expect(positionBasedWeights(2, 0, 0)).toEqual([0.5, 0.5]);
  });

  it('gives f, l and the rest shared by the middle from three touches on', () => {
    expect(positionBasedWeights(3, 0.3, 0.3)).toEqual([0.3, expect.closeTo(0.4, 15), 0.3]);
    expect(positionBasedWeights(4, 0.4, 0.4)).toEqual([0.4, expect.closeTo(0.1, 15), expect.closeTo(0.1, 15), 0.4]);
    expect(positionBasedWeights(5, 0, 0)).toEqual([0, 1 / 3, 1 / 3, 1 / 3, 0]);
  });

  it('leaves the middle nothing when f + l = 1', () => {
    expect(positionBasedWeights(4, 0.7, 0.3)).toEqual([0.7, 0, 0, 0.3]);
    expect(positionBasedWeights(3, 0.5, 0.5)).toEqual([0.5, 0, 0.5]);
  });
});
