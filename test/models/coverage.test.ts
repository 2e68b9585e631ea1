/**
 * Do the reported intervals mean what they say? Over 200 seeded simulations
 * from known parameters, each fit's 95 % intervals should contain the truth
 * about 95 % of the time. With 200 replications the count of hits is
 * binomial(200, 0.95): 90 % to 99 % (180 to 198 hits) holds with probability
 * above 0.999 when the intervals are right, and fails for intervals 30 %
 * too narrow (true coverage about 86 %) or twice too wide (about 99.99 %).
 * A replication whose fit ends at a boundary (no intervals) counts as a miss;
 * at most 5 % may. The seeds are fixed, so the outcome is the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { fitBdw, fitBgNbd } from '../../src';
import { draws, simulateBgNbd } from './simulate';

const REPLICATIONS = 200;

function coverage<P extends string>(
  names: readonly P[],
  truth: Record<P, number>,
  fitOne: (seed: number) => {
    converged: boolean;
    diagnostics: { intervals?: Record<P, { lower: number; upper: number }> };
  },
): Record<P, number> {
  const hits = Object.fromEntries(names.map((n) => [n, 0])) as Record<P, number>;
  let converged = 0;
  for (let seed = 1; seed <= REPLICATIONS; seed++) {
    const fit = fitOne(seed);
    // A fit at a boundary has no intervals: it counts as a miss for every parameter.
    if (fit.converged) converged++;
    for (const name of names) {
      const interval = fit.diagnostics.intervals?.[name];
      if (interval !== undefined && interval.lower <= truth[name] && truth[name] <= interval.upper) hits[name]++;
    }
  }
  expect(converged / REPLICATIONS, 'share of the simulated fits that converged').toBeGreaterThanOrEqual(0.95);
  return Object.fromEntries(names.map((n) => [n, hits[n] / REPLICATIONS])) as Record<P, number>;
}

describe('95 % intervals cover the truth 90 to 99 % of the time over 200 seeded simulations', () => {
  it('BG/NBD: 1,000 customers each from r 0.25, alpha 4, a 0.8, b 2.4, ages up to 39 weeks', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.4 };
    const rates = coverage(['r', 'alpha', 'a', 'b'], truth, (seed) => fitBgNbd(simulateBgNbd(truth, 1000, 39, seed)));
    for (const [name, rate] of Object.entries(rates)) {
      expect(rate, `${name} covered in ${(rate * 100).toFixed(1)} % of fits`).toBeGreaterThanOrEqual(0.9);
      expect(rate, `${name} covered in ${(rate * 100).toFixed(1)} % of fits`).toBeLessThanOrEqual(0.99);
    }
  });

  it('BdW: a cohort of 2,000 from alpha 1, beta 3, c 1.5, 10 periods', () => {
    const truth = { alpha: 1, beta: 3, c: 1.5 };
    const rates = coverage(['alpha', 'beta', 'c'], truth, (seed) => {
      // theta ~ Beta(alpha, beta); P(T > t | theta) = (1 - theta)^(t^c), so T = floor((ln u / ln(1 - theta))^(1/c)) + 1.
      const rng = draws(seed);
      const survivors = new Array<number>(11).fill(0);
      for (let i = 0; i < 2000; i++) {
        const theta = rng.beta(truth.alpha, truth.beta);
        const lifetime = Math.floor((Math.log(rng.uniform()) / Math.log1p(-theta)) ** (1 / truth.c)) + 1;
        for (let t = 0; t <= 10 && t < lifetime; t++) survivors[t] = (survivors[t] as number) + 1;
      }
      return fitBdw(survivors);
    });
    for (const [name, rate] of Object.entries(rates)) {
      expect(rate, `${name} covered in ${(rate * 100).toFixed(1)} % of fits`).toBeGreaterThanOrEqual(0.9);
      expect(rate, `${name} covered in ${(rate * 100).toFixed(1)} % of fits`).toBeLessThanOrEqual(0.99);
    }
  });
});
