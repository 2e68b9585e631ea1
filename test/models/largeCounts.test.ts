/**
 * Customers with more than 10,000 repeat purchases take the log-gamma and
 * digamma route of the BG/NBD likelihood and gradient (below, ratios are
 * built by recurrence). Expected values: known digamma values, and the
 * recurrence route itself evaluated at the boundary, where both must agree.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdDataLogLikelihood,
  bgNbdNegativeLogLikelihoodWithGradient,
  logRising,
} from '../../src/models/nbd/bgNbdLikelihood';
import { readFrequencyRecency } from '../../src/models/nbd/summaryData';
import { digamma } from '../../src/models/special/digamma';
import { logGammaRatio } from '../../src/models/special/logGamma';

const EULER_GAMMA = 0.5772156649015329;

describe('digamma', () => {
  it('matches known values: psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2, psi(10) = H_9 - gamma', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    let harmonic = 0;
    for (let k = 1; k <= 9; k++) harmonic += 1 / k;
    expect(digamma(10)).toBeCloseTo(harmonic - EULER_GAMMA, 14);
  });

  it('satisfies psi(x + 1) = psi(x) + 1/x across magnitudes', () => {
    for (const x of [1e-6, 0.3, 2.5, 17, 1234.5, 1e8]) {
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, Math.max(6, 12 - Math.log10(1 / x + 1)));
    }
  });
});

describe('the likelihood for customers with more than 10,000 purchases', () => {
  it('takes log-gamma ratios that agree with the sum of logs they replace', () => {
    // ln Gamma(p + x) - ln Gamma(p) = sum_{i<x} ln(p + i), written out here for x = 12,000.
    let sum = 0;
    for (let i = 0; i < 12_000; i++) sum += Math.log(0.37 + i);
    expect(logRising(0.37, 12_000)).toBeCloseTo(sum, 6);
    expect(logGammaRatio(0.37, 12_000)).toBeCloseTo(sum, 6);
  });

  it('gives a gradient that matches central differences of the likelihood', () => {
    const read = readFrequencyRecency([
      { frequency: 15_000, recency: 38, age: 39 },
      { frequency: 12_500, recency: 20, age: 30 },
      { frequency: 2, recency: 10, age: 39 },
      { frequency: 0, recency: 0, age: 39 },
    ]);
    if (Array.isArray(read)) throw new Error(String(read[1]));
    const point = [Math.log(0.4), Math.log(3), Math.log(0.8), Math.log(2.2)];
    const [value, gradient] = bgNbdNegativeLogLikelihoodWithGradient(read, point);
    const f = (x: number[]) => -bgNbdDataLogLikelihood(read, ...(x.map(Math.exp) as [number, number, number, number]));
    expect(value).toBeCloseTo(f(point), 6);
    const h = 1e-6;
    point.forEach((_, k) => {
      const up = point.slice();
      const down = point.slice();
      up[k] = (up[k] as number) + h;
      down[k] = (down[k] as number) - h;
      const numeric = (f(up) - f(down)) / (2 * h);
      expect(Math.abs((gradient[k] as number) - numeric)).toBeLessThan(1e-3 * Math.max(1, Math.abs(numeric)));
    });
  });
});
