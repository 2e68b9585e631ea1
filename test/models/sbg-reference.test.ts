/**
 * The sBG against its published results: Fader and Hardie (2007), "How to
 * project customer retention", fits on years 0..7 of two cohorts (alpha, beta
 * and log-likelihood as printed in the paper) and their projections for
 * years 8..12; Fader and Hardie (2010), "Customer-base valuation in a
 * contractual setting", Table 3 (DERL at d = 0.10 for alpha = 3.80,
 * beta = 15.20).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitSbg, sbgDiscountedResidualLifetime, sbgProjectedSurvivors } from '../../src';

interface Reference {
  cohorts: Record<string, { survivors: number[]; published: { alpha: number; beta: number; logLikelihood: number } }>;
}

const reference = JSON.parse(
  readFileSync(new URL('../fixtures/sbg-fader-hardie-2007.json', import.meta.url), 'utf8'),
) as Reference;

// Published projections (years 0..12), from the reference file's README.
const publishedProjections: Record<string, number[]> = {
  regular: [1000, 626.7, 473.8, 388.0, 332.1, 292.3, 262.5, 239.0, 220.1, 204.4, 191.2, 179.9, 170.0],
  highEnd: [1000, 850.7, 746.9, 669.8, 609.9, 561.8, 522.2, 488.9, 460.4, 435.8, 414.2, 395.1, 378.0],
};

/** The sBG log-likelihood written out from the paper's formulas, independently of the library. */
function paperLogLikelihood(survivors: number[], alpha: number, beta: number): number {
  let p = alpha / (alpha + beta); // P(T = 1)
  let survival = 1;
  let total = 0;
  for (let t = 1; t < survivors.length; t++) {
    if (t > 1) p *= (beta + t - 2) / (alpha + beta + t - 1);
    survival -= p;
    total += ((survivors[t - 1] as number) - (survivors[t] as number)) * Math.log(p);
  }
  return total + (survivors[survivors.length - 1] as number) * Math.log(survival);
}

describe.each(Object.entries(reference.cohorts))('the %s cohort of Fader and Hardie (2007)', (name, cohort) => {
  const calibration = cohort.survivors.slice(0, 8);
  // Fitted in each test (a few milliseconds), not at describe level: mutation testing credits a
  // test only with the code it runs itself.
  const fitCalibration = () => fitSbg(calibration);

  it('fits years 0..7 to the published alpha and beta, to three decimals', () => {
    const fit = fitCalibration();
    expect(fit.converged).toBe(true);
    expect(fit.alpha.toFixed(3)).toBe(cohort.published.alpha.toFixed(3));
    expect(fit.beta.toFixed(3)).toBe(cohort.published.beta.toFixed(3));
    expect(fit.customers).toBe(1000);
    expect(fit.periods).toBe(7);
  });

  it('reaches the published log-likelihood to 0.1', () => {
    const fit = fitCalibration();
    expect(Math.abs(fit.logLikelihood - cohort.published.logLikelihood)).toBeLessThanOrEqual(0.1);
    // And it is the likelihood of the paper's formulas at the estimate.
    expect(fit.logLikelihood).toBeCloseTo(paperLogLikelihood(calibration, fit.alpha, fit.beta), 8);
  });

  it('is the maximum of the likelihood: every nearby point is lower', () => {
    const fit = fitCalibration();
    const best = paperLogLikelihood(calibration, fit.alpha, fit.beta);
    for (const [da, db] of [
      [1e-3, 0],
      [-1e-3, 0],
      [0, 1e-3],
      [0, -1e-3],
      [1e-3, 1e-3],
      [-1e-3, -1e-3],
    ] as const) {
      expect(paperLogLikelihood(calibration, fit.alpha + da, fit.beta + db)).toBeLessThan(best);
    }
  });

  it('projects years 0..12 within 0.1 customer of the published table', () => {
    const fit = fitCalibration();
    const projected = sbgProjectedSurvivors(fit, { customers: 1000, periods: 12 });
    const published = publishedProjections[name] ?? [];
    expect(projected).toHaveLength(13);
    for (let t = 0; t <= 12; t++) {
      expect(Math.abs((projected[t] as number) - (published[t] as number)), `year ${t}`).toBeLessThanOrEqual(0.1);
    }
  });
});

describe('several cohorts fitted jointly', () => {
  const regular = reference.cohorts.regular?.survivors.slice(0, 8) ?? [];
  const highEnd = reference.cohorts.highEnd?.survivors.slice(0, 8) ?? [];
  // Cohorts of different ages: the high-end one observed for 5 years only.
  const cohorts = [regular, highEnd.slice(0, 6)];
  // Fitted in each test (a few milliseconds), not at describe level: mutation testing credits a
  // test only with the code it runs itself.
  const fitJointly = () => fitSbg(cohorts);
  const summed = (alpha: number, beta: number) =>
    cohorts.reduce((sum, survivors) => sum + paperLogLikelihood(survivors, alpha, beta), 0);

  it('maximise the sum of the cohorts’ likelihoods, computed independently', () => {
    const joint = fitJointly();
    expect(joint.cohorts).toBe(2);
    expect(joint.customers).toBe(2000);
    expect(joint.logLikelihood).toBeCloseTo(summed(joint.alpha, joint.beta), 8);
    for (const [da, db] of [
      [1e-3, 0],
      [-1e-3, 0],
      [0, 1e-3],
      [0, -1e-3],
    ] as const) {
      expect(summed(joint.alpha + da, joint.beta + db)).toBeLessThan(joint.logLikelihood);
    }
  });

  it('is not the fit of either cohort alone', () => {
    const joint = fitJointly();
    expect(Math.abs(joint.beta - fitSbg(regular).beta)).toBeGreaterThan(0.05);
  });
});

describe('DERL, Fader and Hardie (2010), Table 3', () => {
  it('gives 3.31, 3.45, 3.59, 3.72, 3.84 for customers active 1..5 periods at d = 0.10, alpha 3.80, beta 15.20', () => {
    const values = [1, 2, 3, 4, 5].map((n) =>
      sbgDiscountedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1, periodsActive: n }).toFixed(2),
    );
    expect(values).toEqual(['3.31', '3.45', '3.59', '3.72', '3.84']);
  });
});

describe('fitting data simulated from known parameters', () => {
  // mulberry32: a small seeded generator, so the data are the same on every run.
  function generator(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A Gamma(shape, 1) draw; two of them make a Beta draw. */
  function gammaDraw(shape: number, random: () => number): number {
    // Marsaglia and Tsang, with the shape < 1 boost.
    if (shape < 1) return gammaDraw(shape + 1, random) * random() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        // Standard normal by Box-Muller.
        x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = random();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  it('recovers alpha = 1.2 and beta = 3.5 from 40,000 customers over 10 periods within sampling error', () => {
    const random = generator(20261122);
    const alpha = 1.2;
    const beta = 3.5;
    const customers = 40_000;
    const periods = 10;
    const survivors = new Array<number>(periods + 1).fill(0);
    for (let i = 0; i < customers; i++) {
      const x = gammaDraw(alpha, random);
      const theta = x / (x + gammaDraw(beta, random)); // churn probability ~ Beta(alpha, beta)
      // Geometric lifetime: active at the start of period t while no churn in periods 1..t.
      let t = 0;
      survivors[0] = (survivors[0] as number) + 1;
      while (t < periods && random() >= theta) {
        t++;
        survivors[t] = (survivors[t] as number) + 1;
      }
    }
    const fit = fitSbg(survivors);
    // Sampling error at this size is a few percent for alpha and beta.
    expect(Math.abs(fit.alpha - alpha) / alpha).toBeLessThan(0.1);
    expect(Math.abs(fit.beta - beta) / beta).toBeLessThan(0.1);
    // The mean churn probability alpha / (alpha + beta) is pinned much more tightly.
    expect(Math.abs(fit.alpha / (fit.alpha + fit.beta) - alpha / (alpha + beta))).toBeLessThan(0.01);
  });
});
