/**
 * Intervals of the batch scorers: the random stream against the moments of
 * its distributions, the parameter draws against the covariance they come
 * from, the simulated futures against the models' closed forms, a column's
 * bounds against the column at the matching quantile of the parameter, the
 * coverage of the aggregate intervals over seeded simulations, and the
 * refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitSbg,
  paretoNbdExpectedPurchases,
  scoreBdw,
  scoreBgNbd,
  scoreParetoNbd,
  scoreSbg,
} from '../../src';
import { randomStream } from '../../src/models/internal/random';
import { parameterDraws } from '../../src/models/scoring/intervals';
import { simulateBgNbdFuture, simulateParetoNbdFuture } from '../../src/models/scoring/purchaseIntervals';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError } from './independent';
import { draws, simulateBgNbdWithHoldout } from './simulate';

/** Mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    squares += v * v;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}

/** |observed - expected| within k standard errors of a mean of n draws of the given variance. */
function expectWithin(observed: number, expected: number, variance: number, n: number, label: string, k = 5): void {
  const se = Math.sqrt(variance / n);
  expect(Math.abs(observed - expected), `${label}: ${observed} against ${expected} (se ${se})`).toBeLessThanOrEqual(
    k * se,
  );
}

describe('the random stream', () => {
  const N = 200_000;
  it('draws uniforms, normals, exponentials, gammas and betas with the right means and variances', () => {
    const rng = randomStream(7, 0);
    const u = moments(N, () => rng.uniform());
    expectWithin(u.mean, 0.5, 1 / 12, N, 'uniform mean');
    const z = moments(N, () => rng.normal());
    expectWithin(z.mean, 0, 1, N, 'normal mean');
    expectWithin(z.variance, 1, 2, N, 'normal variance');
    const e = moments(N, () => rng.exponential(4));
    expectWithin(e.mean, 0.25, 1 / 16, N, 'exponential mean');
    // Gamma(k, rate): mean k / rate, variance k / rate^2; below 1 the shape takes the boost.
    for (const [shape, rate] of [
      [0.05, 1],
      [0.3, 2],
      [2.5, 0.5],
      [60, 3],
    ] as const) {
      const g = moments(N, () => rng.gamma(shape, rate));
      expectWithin(g.mean, shape / rate, shape / rate ** 2, N, `Gamma(${shape}, ${rate}) mean`);
      // The variance of a sample variance is about (mu4 - sigma^4) / n; for a gamma, mu4 = 3k(k + 2) / rate^4.
      const fourth = (3 * shape * (shape + 2)) / rate ** 4;
      expectWithin(g.variance, shape / rate ** 2, fourth - (shape / rate ** 2) ** 2, N, `Gamma(${shape}) variance`);
    }
    for (const [a, b] of [
      [0.5, 3],
      [0.8, 0.9],
      [4, 40],
    ] as const) {
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      const m = moments(N, () => rng.beta(a, b));
      expectWithin(m.mean, mean, variance, N, `Beta(${a}, ${b}) mean`);
    }
  });

  it('never returns 0 or 1 as a uniform, and tiny gamma shapes do not underflow to NaN', () => {
    const rng = randomStream(1, 3);
    for (let i = 0; i < 100_000; i++) {
      const v = rng.uniform();
      expect(v > 0 && v < 1).toBe(true);
    }
    for (let i = 0; i < 1000; i++) expect(Number.isFinite(rng.logGamma(1e-4))).toBe(true);
  });

  it('gives the same numbers for the same seed and stream, and others for another of either', () => {
    const take = (seed: number, stream: number) => {
      const rng = randomStream(seed, stream);
      return Array.from({ length: 5 }, () => rng.uniform());
    };
    expect(take(11, 2)).toEqual(take(11, 2));
    expect(take(11, 2)).not.toEqual(take(11, 3));
    expect(take(11, 2)).not.toEqual(take(12, 2));
  });
});

describe('parameter draws', () => {
  it("have logs whose covariance is the fit's covariance carried to the log scale", () => {
    // Covariance of (r, alpha) with log-scale standard deviations 0.1 and 0.2 and correlation 0.6.
    const estimate = { r: 0.5, alpha: 8 };
    // The log-scale covariance [[0.01, 0.012], [0.012, 0.04]] times theta_i theta_j, in the fit's order (alpha, r),
    // which differs from the order asked for: the draws must follow the names.
    const fit = {
      ...estimate,
      diagnostics: {
        covariance: [
          [0.04 * 64, 0.012 * 4],
          [0.012 * 4, 0.01 * 0.25],
        ],
        parameterOrder: ['alpha', 'r'],
      },
    };
    const n = 20_000;
    const draws = parameterDraws('test', fit, 'fit', ['r', 'alpha'], estimate, { level: 0.95, draws: n, seed: 5 }, 0);
    const u = draws.map((d) => Math.log(d.r / estimate.r));
    const v = draws.map((d) => Math.log(d.alpha / estimate.alpha));
    const mean = (values: number[]) => values.reduce((s, x) => s + x, 0) / values.length;
    const cov = (a: number[], b: number[]) => {
      const ma = mean(a);
      const mb = mean(b);
      return a.reduce((s, x, i) => s + (x - ma) * ((b[i] as number) - mb), 0) / a.length;
    };
    expectWithin(mean(u), 0, 0.01, n, 'mean log r');
    expectWithin(mean(v), 0, 0.04, n, 'mean log alpha');
    expectWithin(cov(u, u), 0.01, 2 * 0.01 ** 2, n, 'var log r');
    expectWithin(cov(v, v), 0.04, 2 * 0.04 ** 2, n, 'var log alpha');
    // Var of a sample covariance of normals: (s_uu s_vv + s_uv^2) / n.
    expectWithin(cov(u, v), 0.012, 0.01 * 0.04 + 0.012 ** 2, n, 'cov of the logs');
  });
});

describe('simulated futures agree with the closed forms', () => {
  const N = 200_000;
  const run = (simulate: (rng: ReturnType<typeof randomStream>, purchase: (t: number) => void) => void) => {
    const rng = randomStream(3, 9);
    let total = 0;
    let squares = 0;
    let none = 0;
    for (let i = 0; i < N; i++) {
      let count = 0;
      simulate(rng, () => {
        count++;
      });
      total += count;
      squares += count * count;
      if (count === 0) none++;
    }
    const mean = total / N;
    return { mean, variance: squares / N - mean * mean, none: none / N };
  };

  it('BG/NBD: the mean count is E[X(t) | x, t_x, T] (FHL 2005, equation 10)', () => {
    const p = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
    for (const [x, tx, T] of [
      [0, 0, 30],
      [2, 30.43, 38.86],
      [7, 20, 38],
    ] as const) {
      const expected = bgNbdExpectedPurchases(p, { frequency: x, recency: tx, age: T, horizon: 26 });
      // P(alive | x, t_x, T) for the simulator, from the paper's closed form.
      const alive = x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x));
      const sim = run((rng, purchase) => simulateBgNbdFuture(p, x, T, alive, 26, rng, purchase));
      expectWithin(sim.mean, expected, sim.variance, N, `x ${x}`);
    }
  });

  it('Pareto/NBD: the mean count is E[Y(t) | x, t_x, T] (SMC 1987)', () => {
    const p = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6656 };
    const scored = scoreParetoNbd(p, [{ frequency: 2, recency: 30.43, age: 38.86 }], { horizon: 39 });
    const alive = scored.columns.probabilityAlive[0] as number;
    const expected = paretoNbdExpectedPurchases(p, { frequency: 2, recency: 30.43, age: 38.86, horizon: 39 });
    const sim = run((rng, purchase) => simulateParetoNbdFuture(p, 2, 38.86, alive, 39, rng, purchase));
    expectWithin(sim.mean, expected, sim.variance, N, 'mean');
    // And the share with no purchase is the scorer's P(no purchase).
    const none = scored.columns.probabilityNoPurchase[0] as number;
    expectWithin(sim.none, none, none * (1 - none), N, 'P(no purchase)');
  });
});

describe('the simulated value', () => {
  it('of many customers with one history averages the residual value column (spend, margin and discounting included)', () => {
    // Parameters known to within 1e-12: every draw is the estimate, and what spreads is the simulated purchases alone.
    const tight = <T extends Record<string, number>>(values: T) => ({
      ...values,
      diagnostics: {
        covariance: Object.keys(values).map((_, i) => Object.keys(values).map((__, j) => (i === j ? 1e-24 : 0))),
        parameterOrder: Object.keys(values),
      },
    });
    const purchases = tight({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 });
    const spend = tight({ p: 6.2488, q: 3.7446, gamma: 15.4477 });
    const n = 20_000;
    const one = { frequency: 4, recency: 30, age: 38, monetaryValue: 30 };
    const terms = { horizon: 26, discountRate: 0.01, marginRate: 0.5 };
    const point = scoreBgNbd({ purchases, spend }, [one], terms).columns.residualValue?.[0] as number;
    const many = scoreBgNbd(
      { purchases, spend },
      Array.from({ length: n }, () => one),
      { ...terms, intervalLevel: 0.5, draws: 4 },
    );
    // Each draw simulates the 20,000 customers once; their total has a relative spread of about 1.5 %.
    const outcome = many.intervals?.outcome.residualValue;
    expect(Math.abs((outcome?.lower as number) / (n * point) - 1)).toBeLessThan(0.05);
    expect(Math.abs((outcome?.upper as number) / (n * point) - 1)).toBeLessThan(0.05);
  });
});

describe('column intervals', () => {
  // A fit whose only uncertain parameter is r, with a log-scale standard deviation of 0.2.
  const estimate = { r: 0.25, alpha: 4, a: 0.8, b: 2.4 };
  const sd = 0.2;
  const fit = {
    ...estimate,
    diagnostics: {
      covariance: [
        [(sd * estimate.r) ** 2, 0, 0, 0],
        [0, 1e-24, 0, 0],
        [0, 0, 1e-24, 0],
        [0, 0, 0, 1e-24],
      ],
      parameterOrder: ['r', 'alpha', 'a', 'b'],
    },
  };
  const customer = { frequency: 0, recency: 0, age: 30 };

  it("bound a column that rises with r by its values at r's quantiles, r exp(+/- 1.96 sd)", () => {
    const scores = scoreBgNbd(fit, [customer], { horizon: 26, intervalLevel: 0.95, draws: 4000, seed: 2 });
    const at = (r: number) =>
      scoreBgNbd({ ...estimate, r }, [customer], { horizon: 26 }).columns.expectedPurchases[0] as number;
    const lower = scores.intervals?.columns.expectedPurchases.lower[0] as number;
    const upper = scores.intervals?.columns.expectedPurchases.upper[0] as number;
    // The 2.5 % quantile of 4,000 normal draws lies within 0.25 of -1.96 (about four standard errors).
    expect(lower).toBeGreaterThan(at(estimate.r * Math.exp(-(1.96 + 0.25) * sd)));
    expect(lower).toBeLessThan(at(estimate.r * Math.exp(-(1.96 - 0.25) * sd)));
    expect(upper).toBeGreaterThan(at(estimate.r * Math.exp((1.96 - 0.25) * sd)));
    expect(upper).toBeLessThan(at(estimate.r * Math.exp((1.96 + 0.25) * sd)));
  });

  it('do not depend on the rest of the table, and the same seed gives the same intervals', () => {
    const second = { frequency: 3, recency: 20, age: 35 };
    const others = [customer, second, { frequency: 1, recency: 2, age: 10 }];
    const options = { horizon: 26, intervalLevel: 0.9, draws: 100, seed: 8 };
    const alone = scoreBgNbd(fit, [second], options);
    const together = scoreBgNbd(fit, others, options);
    expect(together.intervals?.columns.probabilityAlive.lower[1]).toBe(
      alone.intervals?.columns.probabilityAlive.lower[0],
    );
    expect(scoreBgNbd(fit, others, options)).toEqual(together);
    expect(scoreBgNbd(fit, others, { ...options, seed: 9 }).intervals?.columns.expectedPurchases.lower).not.toEqual(
      together.intervals?.columns.expectedPurchases.lower,
    );
  });
});

describe('aggregate intervals cover what they promise over 200 seeded simulations', () => {
  // 300 customers from a BG/NBD, ages up to 78 weeks, a holdout of 26 weeks: fit, score with
  // 95 % intervals (100 draws), and check the outcome interval against the simulated holdout
  // purchases, and the expectation interval against the expected purchases under the true
  // parameters. A fit without a covariance (at a boundary) gets no intervals, only an error, so
  // it is left out; at least 180 of the 200 must have one. Binomial(180..200, 0.95) lies
  // within 90 % to 99 % with probability above 0.998 when the intervals are right, and
  // outside it for intervals that leave out the chance in the purchases (about 60 % here).
  it('the 95 % outcome interval covers the holdout purchases, and the expectation interval the true expectation, 90 to 99 % of the time', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.4 };
    let outcomeHits = 0;
    let expectationHits = 0;
    let usable = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const customers = simulateBgNbdWithHoldout(truth, 300, 78, 26, seed);
      const fit = fitBgNbd(customers);
      if (fit.diagnostics.covariance === undefined) continue;
      usable++;
      const scores = scoreBgNbd(fit, customers, { horizon: 26, intervalLevel: 0.95, draws: 100, seed });
      const actual = customers.reduce((sum, c) => sum + c.holdout, 0);
      const outcome = scores.intervals?.outcome.purchases;
      if (outcome !== undefined && outcome.lower <= actual && actual <= outcome.upper) outcomeHits++;
      const trueExpectation = scoreBgNbd(truth, customers, { horizon: 26 }).aggregate.expectedPurchases;
      const expectation = scores.intervals?.aggregate.expectedPurchases;
      if (expectation !== undefined && expectation.lower <= trueExpectation && trueExpectation <= expectation.upper)
        expectationHits++;
    }
    expect(usable, 'fits with a covariance').toBeGreaterThanOrEqual(180);
    const outcomeRate = outcomeHits / usable;
    const expectationRate = expectationHits / usable;
    expect(outcomeRate, `outcome covered ${outcomeHits} of ${usable} times`).toBeGreaterThanOrEqual(0.9);
    expect(outcomeRate, `outcome covered ${outcomeHits} of ${usable} times`).toBeLessThanOrEqual(0.99);
    expect(expectationRate, `expectation covered ${expectationHits} of ${usable} times`).toBeGreaterThanOrEqual(0.9);
    expect(expectationRate, `expectation covered ${expectationHits} of ${usable} times`).toBeLessThanOrEqual(0.99);
  }, 120_000);
});

describe('subscriber intervals', () => {
  it('simulate payments that average the expected renewals and their discounted value', () => {
    const fit = {
      alpha: 0.7,
      beta: 1.5,
      c: 0.8,
      diagnostics: {
        covariance: [
          [1e-24, 0, 0],
          [0, 1e-24, 0],
          [0, 0, 1e-24],
        ],
        parameterOrder: ['alpha', 'beta', 'c'],
      },
    };
    const n = 20_000;
    const terms = { horizon: 12, discountRate: 0.02, valuePerPeriod: 10 };
    const point = scoreBdw(fit, [{ periodsActive: 3 }], terms);
    const many = scoreBdw(
      fit,
      Array.from({ length: n }, () => ({ periodsActive: 3 })),
      { ...terms, intervalLevel: 0.5, draws: 4 },
    );
    const expected = point.columns.expectedRenewals[0] as number;
    const value = point.columns.residualValue?.[0] as number;
    // Payments of one subscriber lie in 0..12; the total over 20,000 has a relative spread near 1 %.
    for (const bound of ['lower', 'upper'] as const) {
      expect(Math.abs((many.intervals?.outcome.renewals[bound] as number) / (n * expected) - 1)).toBeLessThan(0.04);
      expect(Math.abs((many.intervals?.outcome.residualValue?.[bound] as number) / (n * value) - 1)).toBeLessThan(0.04);
    }
    // With the parameters known, the columns' intervals shrink to the column.
    expect(many.intervals?.columns.expectedRenewals.lower[7]).toBeCloseTo(expected, 9);
    expect(many.intervals?.columns.residualValue?.upper[7]).toBeCloseTo(value, 9);
  });

  // A cohort of 1,000 from alpha 1, beta 3 watched for 8 periods, fitted by the sBG; its
  // survivors (active 9 periods) scored over the next 6 with 95 % intervals of 100 draws.
  it("the 95 % outcome interval covers the survivors' payments in 90 to 99 % of 200 seeded cohorts", () => {
    const truth = { alpha: 1, beta: 3 };
    let hits = 0;
    let expectationHits = 0;
    let usable = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const rng = draws(1000 + seed);
      const survivors = new Array<number>(9).fill(0);
      let later = 0;
      for (let i = 0; i < 1000; i++) {
        // theta ~ Beta(alpha, beta); the lifetime L (periods paid) is geometric: P(L > t | theta) = (1 - theta)^t.
        const theta = rng.beta(truth.alpha, truth.beta);
        const lifetime = Math.floor(Math.log(rng.uniform()) / Math.log1p(-theta)) + 1;
        for (let t = 0; t <= 8 && t < lifetime; t++) survivors[t] = (survivors[t] as number) + 1;
        // A survivor of the 8 periods (L > 8) pays at 9, 10, ... while L allows: min(L - 9, 6) more.
        if (lifetime > 8) later += Math.min(Math.max(lifetime - 9, 0), 6);
      }
      const fit = fitSbg(survivors);
      if (fit.diagnostics.covariance === undefined) continue;
      usable++;
      const table = Array.from({ length: survivors[8] as number }, () => ({ periodsActive: 9 }));
      const scores = scoreSbg(fit, table, { horizon: 6, discountRate: 0, intervalLevel: 0.95, draws: 100, seed });
      const outcome = scores.intervals?.outcome.renewals;
      if (outcome !== undefined && outcome.lower <= later && later <= outcome.upper) hits++;
      const trueExpectation = scoreSbg(truth, table, { horizon: 6, discountRate: 0 }).aggregate.expectedRenewals;
      const expectation = scores.intervals?.aggregate.expectedRenewals;
      if (expectation !== undefined && expectation.lower <= trueExpectation && trueExpectation <= expectation.upper)
        expectationHits++;
    }
    expect(usable).toBeGreaterThanOrEqual(180);
    expect(hits / usable, `outcome covered ${hits} of ${usable}`).toBeGreaterThanOrEqual(0.9);
    expect(hits / usable, `outcome covered ${hits} of ${usable}`).toBeLessThanOrEqual(0.99);
    expect(expectationHits / usable, `expectation covered ${expectationHits} of ${usable}`).toBeGreaterThanOrEqual(0.9);
    expect(expectationHits / usable, `expectation covered ${expectationHits} of ${usable}`).toBeLessThanOrEqual(0.99);
  }, 60_000);
});

describe('refusals', () => {
  const summary = readCdnowSummary();
  const customers = summary.slice(0, 20);
  const plain = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };

  it('intervals from bare parameters, or from a fit without a covariance', () => {
    expectInputError(
      () => scoreBgNbd(plain, customers, { horizon: 39, intervalLevel: 0.9 }),
      /fits\b.*has no diagnostics.*pass the fit's result itself/,
    );
    expectInputError(
      () =>
        scoreBgNbd({ ...plain, diagnostics: { warnings: ['b ran to its boundary'] } }, customers, {
          horizon: 39,
          intervalLevel: 0.9,
        }),
      /diagnostics\.covariance.*is missing.*the fit says: b ran to its boundary/,
    );
  });

  it('draws or a seed without a level, too few draws for the level, a level out of range', () => {
    expectInputError(() => scoreBgNbd(plain, customers, { horizon: 39, draws: 100 }), /draws.*give intervalLevel/);
    expectInputError(() => scoreBgNbd(plain, customers, { horizon: 39, seed: 3 }), /seed.*give intervalLevel/);
    const fit = fitBgNbd(customers.length > 0 ? summary : summary);
    expectInputError(
      () => scoreBgNbd(fit, customers, { horizon: 39, intervalLevel: 0.99, draws: 100 }),
      /draws.*at least 200/,
    );
    expectInputError(
      () => scoreBgNbd(fit, customers, { horizon: 39, intervalLevel: 95 }),
      /intervalLevel.*between 0 and 1/,
    );
    expectInputError(
      () => scoreBgNbd(fit, customers, { horizon: 39, intervalLevel: 0.9, seed: 1.5 }),
      /seed.*whole number/,
    );
  });

  it('a spend fit so uncertain that some draws put q at or below 1', () => {
    const fit = fitBgNbd(summary);
    const spend = fitGammaGamma(summary);
    const loose = {
      ...spend,
      q: 1.05,
      diagnostics: {
        ...spend.diagnostics,
        covariance: [
          [0.01, 0, 0],
          [0, 0.01, 0],
          [0, 0, 0.01],
        ],
        parameterOrder: ['p', 'q', 'gamma'],
      },
    };
    expectInputError(
      () =>
        scoreBgNbd({ purchases: fit, spend: loose }, customers, { horizon: 39, discountRate: 0, intervalLevel: 0.9 }),
      /fits\.spend\.q.*too uncertain for intervals: \d+ of 200 draws/,
    );
  });
});
