import { average, campaignCost, microsPer, percentage, roiPercentage } from 'src/analytics/metrics/roi.util';

describe('campaign economics', () => {
  it('gives percentages with four decimals and no figure for nothing', () => {
    expect(percentage(1, 3)).toBe(33.3333);
    expect(percentage(2, 3)).toBe(66.6667);
    expect(percentage(0, 5)).toBe(0);
    expect(percentage(3, 0)).toBeNull();
  });

  it('divides micros per unit to the nearest micro, halves away from zero', () => {
    expect(microsPer(10_000_000n, 3)).toBe(3_333_333n);
    expect(microsPer(5n, 2)).toBe(3n);
    expect(microsPer(-5n, 2)).toBe(-3n);
    expect(microsPer(7n, 0)).toBeNull();
    expect(microsPer(null, 4)).toBeNull();
  });

  it('computes ROI in percent from revenue and cost', () => {
    expect(roiPercentage(150_000_000n, 100_000_000n)).toBe(50);
    expect(roiPercentage(0n, 100_000_000n)).toBe(-100);
    expect(roiPercentage(100_000_000n, 300_000_000n)).toBe(-66.6667);
    expect(roiPercentage(1n, 0n)).toBeNull();
    expect(roiPercentage(1n, null)).toBeNull();
  });

  it('costs a campaign by its imported spend, else its budget', () => {
    expect(campaignCost(120n, 500n)).toEqual({ costMicros: 120n, source: 'AD_SPEND' });
    expect(campaignCost(0n, 500n)).toEqual({ costMicros: 0n, source: 'AD_SPEND' });
    expect(campaignCost(null, 500n)).toEqual({ costMicros: 500n, source: 'BUDGET' });
    expect(campaignCost(null, null)).toEqual({ costMicros: null, source: 'NONE' });
  });

  it('averages to two decimals', () => {
    expect(average(100, 3)).toBe(33.33);
    expect(average(5, 0)).toBeNull();
  });
});
