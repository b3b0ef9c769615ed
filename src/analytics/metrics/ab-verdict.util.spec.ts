import { probabilityBest, visitorsNeeded } from 'src/analytics/metrics/ab-verdict.util';

/** The same question by seeded Monte Carlo, to check the integration against an independent method. */
function monteCarlo(arms: { conversions: number; visitors: number }[], draws = 40_000): number[] {
  let seed = 42;
  const uniform = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31;
  const gamma = (shape: number): number => {
    // Marsaglia and Tsang, shapes ≥ 1 (every posterior here).
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      const v = (1 + c * normal) ** 3;
      if (v > 0 && Math.log(uniform()) < normal ** 2 / 2 + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const wins = arms.map(() => 0);
  for (let draw = 0; draw < draws; draw += 1) {
    const rates = arms.map(({ conversions, visitors }) => {
      const x = gamma(1 + conversions);
      return x / (x + gamma(1 + visitors - conversions));
    });
    wins[rates.indexOf(Math.max(...rates))] += 1;
  }
  return wins.map((count) => count / draws);
}

describe('A/B verdict', () => {
  it('gives every variant an equal chance when their data are equal', () => {
    for (const arms of [
      [{ conversions: 50, visitors: 1000 }, { conversions: 50, visitors: 1000 }],
      [{ conversions: 7, visitors: 90 }, { conversions: 7, visitors: 90 }, { conversions: 7, visitors: 90 }],
      [{ conversions: 0, visitors: 0 }, { conversions: 0, visitors: 0 }, { conversions: 0, visitors: 0 }, { conversions: 0, visitors: 0 }],
    ]) {
      for (const probability of probabilityBest(arms)) expect(probability).toBeCloseTo(1 / arms.length, 6);
    }
  });

  it('matches the exact answer of a case worked by hand: Beta(2,1) beats Beta(1,1) two times in three', () => {
    const [none, one] = probabilityBest([{ conversions: 0, visitors: 0 }, { conversions: 1, visitors: 1 }]);
    expect(one).toBeCloseTo(2 / 3, 3);
    expect(none).toBeCloseTo(1 / 3, 3);
  });

  it('is sure of a clearly better variant and agrees with a Monte Carlo estimate', () => {
    const arms = [{ conversions: 50, visitors: 1000 }, { conversions: 100, visitors: 1000 }, { conversions: 60, visitors: 1000 }];
    const exact = probabilityBest(arms);
    expect(exact[1]).toBeGreaterThan(0.99);
    expect(exact.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 9);
    const close = [{ conversions: 30, visitors: 400 }, { conversions: 38, visitors: 410 }, { conversions: 33, visitors: 380 }];
    const estimated = monteCarlo(close);
    probabilityBest(close).forEach((probability, index) => expect(Math.abs(probability - estimated[index])).toBeLessThan(0.015));
  });

  it('counts conversions above the visitors as at most every visitor', () => {
    expect(probabilityBest([{ conversions: 9, visitors: 3 }, { conversions: 3, visitors: 3 }])).toEqual(probabilityBest([{ conversions: 3, visitors: 3 }, { conversions: 3, visitors: 3 }]));
  });

  it('estimates the visitors a 95 % verdict needs, enough that the same rates then reach it', () => {
    const arms = [{ conversions: 10, visitors: 100 }, { conversions: 13, visitors: 100 }];
    const needed = visitorsNeeded(arms, probabilityBest(arms));
    expect(needed).toBeGreaterThan(0);
    const grown = arms.map(({ conversions, visitors }) => {
      const more = visitors + (needed as number) / 2;
      return { conversions: Math.round((conversions / visitors) * more), visitors: Math.round(more) };
    });
    expect(Math.max(...probabilityBest(grown))).toBeGreaterThan(0.93);
    // Half the gap needs about four times the visitors.
    const closer = [{ conversions: 100, visitors: 1000 }, { conversions: 115, visitors: 1000 }];
    const wider = [{ conversions: 100, visitors: 1000 }, { conversions: 130, visitors: 1000 }];
    expect(visitorsNeeded(closer, probabilityBest(closer)) as number).toBeGreaterThan(3 * (visitorsNeeded(wider, probabilityBest(wider)) as number));
  });

  it('needs none once the verdict is reached, and cannot tell equal rates apart', () => {
    const clear = [{ conversions: 50, visitors: 1000 }, { conversions: 100, visitors: 1000 }];
    expect(visitorsNeeded(clear, probabilityBest(clear))).toBe(0);
    const equal = [{ conversions: 5, visitors: 50 }, { conversions: 5, visitors: 50 }];
    expect(visitorsNeeded(equal, probabilityBest(equal))).toBeNull();
    expect(visitorsNeeded([{ conversions: 5, visitors: 50 }], [1])).toBeNull();
  });
});
