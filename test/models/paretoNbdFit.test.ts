/**
 * fitParetoNbd on data with little evidence of drop-out. The simplex can then
 * wander to points where |alpha - beta| is close to max(alpha, beta) + t and
 * the likelihood's hypergeometric series needs tens of millions of terms; it
 * once spent minutes there (five customers: over 180 s). The fit now treats
 * such points as infinitely bad and walks away.
 */
import { describe, expect, it } from 'vitest';
import { fitParetoNbd } from '../../src';
import { paretoNbdLogLikelihood } from '../../src/models/nbd/paretoNbdMath';
import { readFrequencyRecency } from '../../src/models/nbd/summaryData';
import { mutationPart } from '../support/mutation';

const customers = [
  { frequency: 4, recency: 9.5, age: 10 },
  { frequency: 2, recency: 9, age: 10 },
  { frequency: 1, recency: 3, age: 10 },
  { frequency: 0, recency: 0, age: 10 },
  { frequency: 3, recency: 8, age: 9 },
];

describe('fitParetoNbd with weak drop-out evidence', () => {
  // Left out of mutation runs: it takes ~5 s here and minutes under Stryker's
  // instrumentation, for each of the Pareto/NBD mutants it covers. The fit's
  // digits are checked against CDNOW in bgnbd-reference.test.ts, which does run there.
  it.skipIf(mutationPart)(
    'returns a finite fit within the test timeout, at a point no 5 % step in any parameter improves by more than 1e-3',
    () => {
      const fit = fitParetoNbd(customers);
      const parameters = [fit.r, fit.alpha, fit.s, fit.beta];
      for (const value of parameters) expect(Number.isFinite(value) && value > 0).toBe(true);
      expect(Number.isFinite(fit.logLikelihood)).toBe(true);
      const data = readFrequencyRecency(customers);
      if (Array.isArray(data)) throw new Error(String(data[1]));
      const at = ([r, alpha, s, beta]: number[]) =>
        paretoNbdLogLikelihood(data, { r: r as number, alpha: alpha as number, s: s as number, beta: beta as number });
      expect(at(parameters)).toBeCloseTo(fit.logLikelihood, 6);
      for (let i = 0; i < 4; i++) {
        for (const factor of [0.95, 1.05]) {
          const moved = parameters.map((p, j) => (j === i ? p * factor : p));
          const value = at(moved);
          // A neighbour is outside what the series can evaluate, or no better by more than 1e-3:
          // with five customers the likelihood is nearly flat as r and alpha grow together
          // (r / alpha fixed), and the simplex stops on that ridge a few 1e-4 below its top.
          if (!Number.isNaN(value)) expect(value).toBeLessThanOrEqual(fit.logLikelihood + 1e-3);
        }
      }
    },
    60_000,
  );
});
