import { halfLifeFromDecayFactor } from 'src/attribution/engine/models/time-decay-half-life.util';

describe('halfLifeFromDecayFactor', () => {
  it('maps a per-day factor f to H = ln(0.5)/ln(f)', () => {
    expect(halfLifeFromDecayFactor(0.5)).toBe(1);
    expect(halfLifeFromDecayFactor(0.5 ** (1 / 7))).toBeCloseTo(7, 12);
    expect(halfLifeFromDecayFactor(0.9)).toBeCloseTo(6.578813478960585, 12);
  });

  it('gives a half-life under which a touch keeps f of its weight per day', () => {
    const f = 0.8;
    const halfLife = halfLifeFromDecayFactor(f);
    expect(2 ** (-3 / halfLife)).toBeCloseTo(f ** 3, 14);
  });

  it.each([0, 1, 1.5, -0.2, Number.NaN])('rejects %p', (factor) => {
    expect(() => halfLifeFromDecayFactor(factor)).toThrow(`timeDecayFactor: must be strictly between 0 and 1, got ${factor}`);
  });
});
