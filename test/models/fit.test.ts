/**
 * fitSbg and fitBdw: how they read cohorts, how they refuse bad data, and
 * what a fit must satisfy. The published-table checks are in
 * sbg-reference.test.ts; here the likelihoods are written independently from
 * the papers' formulas (test/models/independent.ts) and the simulated data
 * come from a seeded generator written in this file.
 *
 * Data: Fader and Hardie (2007), "How to project customer retention", the
 * "regular" and "high end" cohorts, customers active at the start of years
 * 0..7 (copied from reference/sbg-fader-hardie-2007.json).
 */
import { describe, expect, it } from 'vitest';
import {
  bdwLogLikelihood as bdwLogLikelihoodOf,
  type CohortInput,
  Decimal,
  fitBdw,
  fitSbg,
  sbgLogLikelihood as sbgLogLikelihoodOf,
} from '../../src';
import { cohortLogLikelihoodWithGradient } from '../../src/models/sbg/survival';
import { bdwLogLikelihood, D, expectInputError, expectRelative, sbgLogLikelihood } from './independent';

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
/** REGULAR as customers lost in each year: 1000 - 631 = 369, 631 - 468 = 163, ... */
const REGULAR_LOST = [369, 163, 86, 56, 37, 27, 21];

/** The 5 % critical value of chi-square with one degree of freedom, qchisq(0.95, 1) from the tables. */
const CHI_SQUARE_1_CRITICAL_5 = 3.841458820694124;

/** Calls a fit with arguments the type system would refuse. */
const looseSbg = fitSbg as unknown as (cohorts: unknown, options?: unknown) => unknown;
const looseBdw = fitBdw as unknown as (cohorts: unknown, options?: unknown) => unknown;

// A seeded generator: mulberry32 (Tommy Ettinger's 32-bit mixer), then Box-Muller normals and
// Marsaglia and Tsang's (2000) gamma draws; theta ~ Beta(a, b) as G_a / (G_a + G_b).
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform draw in (0, 1), never 0. */
function openUniform(random: () => number): number {
  let u = random();
  while (u === 0) u = random();
  return u;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(openUniform(random))) * Math.cos(2 * Math.PI * random());
}

function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * openUniform(random) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(openUniform(random)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Survivors at the start of periods 0..periods of a simulated BdW cohort: theta ~ Beta(alpha, beta),
 * then P(T > t | theta) = (1 - theta)^(t^c). With u uniform, T = floor(x) + 1 for
 * x = (ln u / ln(1 - theta))^(1/c) has exactly that law: T > t <=> x >= t <=> u <= (1 - theta)^(t^c).
 */
function simulateBdw(seed: number, customers: number, periods: number, alpha: number, beta: number, c: number) {
  const random = mulberry32(seed);
  const survivors = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < customers; i++) {
    const ga = gamma(random, alpha);
    const theta = ga / (ga + gamma(random, beta));
    const x = (Math.log(openUniform(random)) / Math.log1p(-theta)) ** (1 / c);
    const lifetime = Math.floor(x) + 1;
    for (let t = 0; t <= periods && t < lifetime; t++) survivors[t] = (survivors[t] ?? 0) + 1;
  }
  return survivors;
}

describe('fitSbg and fitBdw read every cohort form alike', () => {
  it('a survivor array, { survivors }, { customers, lostPerPeriod } and a one-cohort list give the same fit', () => {
    const fit = fitSbg(REGULAR);
    expect(fitSbg({ survivors: REGULAR })).toEqual(fit);
    expect(fitSbg({ customers: 1000, lostPerPeriod: REGULAR_LOST })).toEqual(fit);
    expect(fitSbg([REGULAR])).toEqual(fit);
    expect(fitSbg([{ survivors: REGULAR }])).toEqual(fit);
    expect(fit).toMatchObject({ model: 'sbg', customers: 1000, periods: 7, cohorts: 1, converged: true });
  });

  it('counts given as strings or bigints give the same fit as numbers', () => {
    const fit = fitSbg(REGULAR);
    expect(looseSbg(REGULAR.map(String))).toEqual(fit);
    expect(looseSbg(REGULAR.map(BigInt))).toEqual(fit);
    expect(looseSbg({ survivors: REGULAR.map(String) })).toEqual(fit);
  });

  it("counts given as Decimals (the library's or the application's own) give the same fit as numbers", () => {
    // Numeric inputs accept Decimal everywhere (DESIGN.md); an array of Decimals is one cohort, not a list of them.
    const fit = fitSbg(REGULAR);
    expect(looseSbg({ survivors: REGULAR.map((n) => new D(n)) })).toEqual(fit);
    expect(looseSbg(REGULAR.map((n) => new Decimal(n)))).toEqual(fit);
    expect(looseSbg(REGULAR.map((n) => new D(n)))).toEqual(fit);
  });

  it('a list of cohorts of different lengths gives the same fit whatever form each cohort takes', () => {
    const short = HIGH_END.slice(0, 5); // years 0..4: lost 131, 126, 90, 60
    const fit = fitSbg([REGULAR, short]);
    expect(fitSbg([{ survivors: REGULAR }, { customers: 1000, lostPerPeriod: [131, 126, 90, 60] }])).toEqual(fit);
    expect(fitSbg([{ customers: 1000, lostPerPeriod: REGULAR_LOST }, short])).toEqual(fit);
    expect(fit).toMatchObject({ customers: 2000, periods: 7, cohorts: 2 });
  });

  it('the order of the cohorts does not matter (to the optimiser tolerance)', () => {
    const forward = fitSbg([REGULAR, HIGH_END.slice(0, 4)]);
    const backward = fitSbg([HIGH_END.slice(0, 4), REGULAR]);
    expectRelative(backward.alpha, forward.alpha, 1e-6);
    expectRelative(backward.beta, forward.beta, 1e-6);
    expectRelative(backward.logLikelihood, forward.logLikelihood, 1e-12);
  });

  it('one cohort split into two cohorts that add up to it gives the same fit (the likelihood is the same)', () => {
    const first = [500, 316, 234, 191, 163, 145, 131, 121];
    const second = [500, 315, 234, 191, 163, 144, 131, 120];
    expect(first.map((n, t) => n + (second[t] ?? 0))).toEqual(REGULAR);
    const whole = fitSbg(REGULAR);
    const split = fitSbg([first, second]);
    expectRelative(split.alpha, whole.alpha, 1e-6);
    expectRelative(split.beta, whole.beta, 1e-6);
    expectRelative(split.logLikelihood, whole.logLikelihood, 1e-12);
    expect(split.cohorts).toBe(2);
  });

  it('fitBdw reads the same forms and reports its sBG comparison from the same data', () => {
    const fit = fitBdw(REGULAR);
    expect(fitBdw({ customers: 1000, lostPerPeriod: REGULAR_LOST })).toEqual(fit);
    expect(fitBdw([{ survivors: REGULAR }])).toEqual(fit);
    expect(fit.comparison.sbg).toEqual(fitSbg(REGULAR));
    expect(fit).toMatchObject({ model: 'bdw', customers: 1000, periods: 7, cohorts: 1 });
  });
});

describe('bad data is a MetricInputError that names the place', () => {
  const cases: ReadonlyArray<{ label: string; cohorts: unknown; message: RegExp }> = [
    {
      label: 'a rising count',
      cohorts: [1000, 600, 700],
      message: /^cohorts\[2\] must not exceed the count before it \(600\): survivors can only fall, got 700$/,
    },
    {
      label: 'a rising count in the third cohort of a list',
      cohorts: [REGULAR, HIGH_END, [100, 90, 95, 80]],
      message: /^cohorts\[2\]\[2\] must not exceed the count before it \(90\)/,
    },
    {
      label: 'a rising count in a { survivors } cohort of a list',
      cohorts: [REGULAR, { survivors: [100, 90, 95] }],
      message: /^cohorts\[1\]\.survivors\[2\] must not exceed/,
    },
    {
      label: 'a fractional count',
      cohorts: [1000, 631.5, 468],
      message: /^cohorts\[1\] must be a whole number of customers, 0 or more, got 631\.5$/,
    },
    { label: 'a negative count', cohorts: [1000, -1, 0], message: /^cohorts\[1\] must be a whole number of customers/ },
    { label: 'NaN', cohorts: [1000, Number.NaN, 400], message: /^cohorts\[1\] must be a number, got NaN$/ },
    {
      label: 'a string that is not a number',
      cohorts: ['1000', 'many', '400'],
      message: /^cohorts\[1\] must be a plain decimal number .*, got "many"$/,
    },
    {
      label: 'a count with a thousands separator',
      cohorts: ['1,000', '600', '400'],
      message: /^cohorts\[0\] must be a plain decimal number .*, got "1,000"$/,
    },
    {
      label: 'more customers lost than remain',
      cohorts: { customers: 100, lostPerPeriod: [60, 50] },
      message: /^cohorts\.lostPerPeriod\[1\] loses 50 customers but only 40 remain$/,
    },
    {
      label: 'a fractional number lost',
      cohorts: { customers: 100, lostPerPeriod: [6, 5.5] },
      message: /^cohorts\.lostPerPeriod\[1\] must be a whole number of customers/,
    },
    {
      label: 'a cohort of no customers',
      cohorts: { customers: 0, lostPerPeriod: [0, 0] },
      message: /^cohorts\.customers must be greater than 0/,
    },
    { label: 'a first count of 0', cohorts: [0, 0, 0], message: /^cohorts\[0\] must be greater than 0/ },
    {
      label: 'a single period',
      cohorts: [1000, 631],
      message: /^cohorts must cover at least 2 periods to identify the model, got 1$/,
    },
    {
      label: 'a list of single-period cohorts',
      cohorts: [
        [1000, 631],
        [500, 300],
      ],
      message: /^cohorts must cover at least 2 periods/,
    },
    { label: 'a single count', cohorts: [1000], message: /^cohorts needs at least two counts/ },
    { label: 'an empty list', cohorts: [], message: /^cohorts needs at least two counts/ },
    { label: 'an empty cohort in a list', cohorts: [REGULAR, []], message: /^cohorts\[1\] needs at least two counts/ },
    {
      label: 'no churn at all',
      cohorts: [500, 500, 500, 500],
      message: /^cohorts show no churn at all: with nobody lost, churn and its spread cannot be estimated$/,
    },
    {
      label: 'no churn in any cohort of a list',
      cohorts: [
        [500, 500, 500, 500],
        [300, 300],
      ],
      message: /^cohorts show no churn at all/,
    },
    {
      label: 'a string',
      cohorts: 'abc',
      message:
        /^cohorts must be an array of survivor counts, \{ survivors \} or \{ customers, lostPerPeriod \}, got "abc"$/,
    },
    { label: 'null', cohorts: null, message: /^cohorts must be an array of survivor counts.*, got null$/ },
    { label: 'an object of another shape', cohorts: { counts: REGULAR }, message: /^cohorts must be an array of/ },
    {
      label: '{ survivors } that is not an array',
      cohorts: { survivors: 'x' },
      message: /^cohorts\.survivors must be an array of customer counts, got "x"$/,
    },
  ];

  it.each(cases)('fitSbg refuses $label', ({ cohorts, message }) => {
    const error = expectInputError(() => looseSbg(cohorts), new RegExp(`^fitSbg: ${message.source.slice(1)}`));
    expect(error.functionName).toBe('fitSbg');
    expect(error.field?.startsWith('cohorts')).toBe(true);
  });

  it.each(cases)('fitBdw refuses $label', ({ cohorts, message }) => {
    // fitBdw needs three periods, so its message for too few periods says 3.
    const source = message.source.slice(1).replace('at least 2 periods', 'at least 3 periods');
    expectInputError(() => looseBdw(cohorts), new RegExp(`^fitBdw: ${source}`));
  });

  it('fitBdw refuses two periods: it has three parameters', () => {
    expectInputError(
      () => fitBdw([1000, 631, 468]),
      /^fitBdw: cohorts must cover at least 3 periods to identify the model, got 2$/,
    );
  });

  it('refuses unknown options, options that are not an object and a non-positive iteration limit', () => {
    expectInputError(() => looseSbg(REGULAR, { maxIter: 5 }), /^fitSbg: maxIter is not an option here/);
    expectInputError(() => looseSbg(REGULAR, 5), /^fitSbg: options must be an object when given, got 5$/);
    expectInputError(
      () => looseSbg(REGULAR, { maxIterations: 0 }),
      /^fitSbg: maxIterations must be a whole number of iterations, 1 or more, got 0$/,
    );
    expectInputError(() => looseBdw(REGULAR, { maxIter: 5 }), /^fitBdw: maxIter is not an option here/);
    expectInputError(() => looseBdw(REGULAR, null), /^fitBdw: options must be an object when given, got null$/);
  });
});

describe('fitSbg: what a fit must satisfy', () => {
  const datasets: ReadonlyArray<{ label: string; cohorts: number[][] }> = [
    { label: 'regular', cohorts: [REGULAR] },
    { label: 'high end', cohorts: [HIGH_END] },
    { label: 'regular and high end years 0..4 together', cohorts: [REGULAR, HIGH_END.slice(0, 5)] },
  ];

  it.each(datasets)('is plain JSON ($label)', ({ cohorts }) => {
    const fit = fitSbg(cohorts as CohortInput);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
    const bdw = fitBdw(cohorts as CohortInput);
    expect(JSON.parse(JSON.stringify(bdw))).toEqual(bdw);
  });

  it.each(datasets)('reports the log-likelihood of its estimate, written independently ($label)', ({ cohorts }) => {
    const fit = fitSbg(cohorts as CohortInput);
    expectRelative(fit.logLikelihood, sbgLogLikelihood(cohorts, fit.alpha, fit.beta), 1e-12);
  });

  it.each(datasets)(
    'is a maximum: moving alpha or beta by 1e-3 either way lowers the likelihood ($label)',
    ({ cohorts }) => {
      const fit = fitSbg(cohorts as CohortInput);
      const best = sbgLogLikelihood(cohorts, fit.alpha, fit.beta);
      for (const [da, db] of [
        [1e-3, 0],
        [-1e-3, 0],
        [0, 1e-3],
        [0, -1e-3],
      ] as const) {
        expect(sbgLogLikelihood(cohorts, fit.alpha + da, fit.beta + db), `moved by (${da}, ${db})`).toBeLessThan(best);
      }
    },
  );

  it('stops within maxIterations and then says it did not converge', () => {
    const fit = fitSbg(REGULAR, { maxIterations: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThanOrEqual(3);
  });
});

describe('fitBdw: what a fit must satisfy', () => {
  const datasets: ReadonlyArray<{ label: string; cohorts: number[][] }> = [
    { label: 'regular', cohorts: [REGULAR] },
    { label: 'high end', cohorts: [HIGH_END] },
  ];

  it.each(datasets)('with c = 1 its likelihood is the sBG likelihood ($label)', ({ cohorts }) => {
    const fit = fitBdw(cohorts as CohortInput);
    const { alpha, beta, logLikelihood } = fit.comparison.sbg;
    // S(t) = B(a, b + t)/B(a, b) is the sBG survival: the two independent likelihoods agree.
    expectRelative(bdwLogLikelihood(cohorts, alpha, beta, 1), sbgLogLikelihood(cohorts, alpha, beta), 1e-12);
    expectRelative(bdwLogLikelihood(cohorts, alpha, beta, 1), logLikelihood, 1e-12);
  });

  it.each(datasets)(
    'reports its own log-likelihood, written independently, at least the sBG one ($label)',
    ({ cohorts }) => {
      const fit = fitBdw(cohorts as CohortInput);
      expectRelative(fit.logLikelihood, bdwLogLikelihood(cohorts, fit.alpha, fit.beta, fit.c), 1e-12);
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(fit.comparison.sbg.logLikelihood);
    },
  );

  it.each(datasets)(
    'is a maximum: moving alpha, beta or c by 1e-3 either way lowers the likelihood ($label)',
    ({ cohorts }) => {
      const fit = fitBdw(cohorts as CohortInput);
      const best = bdwLogLikelihood(cohorts, fit.alpha, fit.beta, fit.c);
      for (const [da, db, dc] of [
        [1e-3, 0, 0],
        [-1e-3, 0, 0],
        [0, 1e-3, 0],
        [0, -1e-3, 0],
        [0, 0, 1e-3],
        [0, 0, -1e-3],
      ] as const) {
        const moved = bdwLogLikelihood(cohorts, fit.alpha + da, fit.beta + db, fit.c + dc);
        expect(moved, `moved by (${da}, ${db}, ${dc})`).toBeLessThan(best);
      }
    },
  );

  it.each(datasets)('compares with the sBG: likelihood ratio, p-value, AIC and BIC ($label)', ({ cohorts }) => {
    const fit = fitBdw(cohorts as CohortInput);
    const { comparison } = fit;
    const sbg = comparison.sbg.logLikelihood;
    const ratio = 2 * (fit.logLikelihood - sbg);
    expect(comparison.likelihoodRatio).toBeGreaterThanOrEqual(0);
    expect(comparison.likelihoodRatio).toBeCloseTo(ratio, 9);
    expect(comparison.pValue).toBeGreaterThanOrEqual(0);
    expect(comparison.pValue).toBeLessThanOrEqual(1);
    // The test of c = 1 at the 5 % level: reject when the ratio exceeds the chi-square(1) critical value.
    expect(comparison.preferred).toBe(ratio > CHI_SQUARE_1_CRITICAL_5 ? 'bdw' : 'sbg');
    expect(comparison.pValue < 0.05).toBe(ratio > CHI_SQUARE_1_CRITICAL_5);
    // AIC = 2k - 2 LL and BIC = k ln(customers) - 2 LL, with k = 2 (sBG) or 3 (BdW).
    const customers = 1000;
    expect(comparison.aic.sbg).toBeCloseTo(2 * 2 - 2 * sbg, 9);
    expect(comparison.aic.bdw).toBeCloseTo(2 * 3 - 2 * fit.logLikelihood, 9);
    expect(comparison.bic.sbg).toBeCloseTo(2 * Math.log(customers) - 2 * sbg, 9);
    expect(comparison.bic.bdw).toBeCloseTo(3 * Math.log(customers) - 2 * fit.logLikelihood, 9);
  });

  it('prefers the BdW, with c within 0.1 of 0.5, on 20,000 customers simulated from a BdW with c = 0.5', () => {
    // alpha = 1, beta = 3, c = 0.5, 12 periods, seed 2018. Over seeds 1..10 the estimate of c ranged
    // from 0.45 to 0.54 and the likelihood ratio from 100 to 165 (critical value 3.84).
    const survivors = simulateBdw(2018, 20_000, 12, 1, 3, 0.5);
    const fit = fitBdw(survivors);
    expect(fit.comparison.preferred).toBe('bdw');
    expect(Math.abs(fit.c - 0.5)).toBeLessThan(0.1);
    expect(fit.comparison.pValue).toBeLessThan(1e-6);
    expect(fit.comparison.aic.bdw).toBeLessThan(fit.comparison.aic.sbg);
    expect(fit.comparison.bic.bdw).toBeLessThan(fit.comparison.bic.sbg);
    expectRelative(fit.logLikelihood, bdwLogLikelihood([survivors], fit.alpha, fit.beta, fit.c), 1e-12);
  });

  it('prefers the sBG on 20,000 customers simulated from an sBG (c = 1), with c near 1', () => {
    // alpha = 1, beta = 3, c = 1, 12 periods. A 5 % test rejects a true c = 1 for about 1 seed in 20,
    // so this is asserted for the fixed seed 2018 only (over seeds 1..10 the ratio stayed below 1.7
    // and c between 0.97 and 1.06).
    const survivors = simulateBdw(2018, 20_000, 12, 1, 3, 1);
    const fit = fitBdw(survivors);
    expect(fit.comparison.preferred).toBe('sbg');
    expect(Math.abs(fit.c - 1)).toBeLessThan(0.1);
    const sbg = fit.comparison.sbg;
    expect(Math.abs(sbg.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(sbg.beta - 3)).toBeLessThan(0.5);
  });
});

/** The observed information by central differences of an independent log-likelihood, inverted: the covariance. */
function independentCovariance(logLikelihood: (point: number[]) => number, at: number[]): number[][] {
  const n = at.length;
  const h = at.map((x) => 1e-4 * x);
  const f = (shift: number[]) => logLikelihood(at.map((x, i) => x + (shift[i] as number)));
  const information = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const e = (a: number, b: number) => at.map((_, k) => (k === i ? a : 0) + (k === j ? b : 0));
      const hi = h[i] as number;
      const hj = h[j] as number;
      const second = (f(e(hi, hj)) - f(e(hi, -hj)) - f(e(-hi, hj)) + f(e(-hi, -hj))) / (4 * hi * hj);
      (information[i] as number[])[j] = -second;
    }
  }
  // Gauss-Jordan inversion of the symmetric positive-definite information.
  const a = information.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    const pivot = (a[col] as number[])[col] as number;
    a[col] = (a[col] as number[]).map((v) => v / pivot);
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = (a[row] as number[])[col] as number;
      a[row] = (a[row] as number[]).map((v, k) => v - factor * ((a[col] as number[])[k] as number));
    }
  }
  return a.map((row) => row.slice(n));
}

describe('fitSbg and fitBdw: diagnostics, standard errors and limits', () => {
  it('the sBG standard errors are the inverse observed information of the independent likelihood (regular, high end)', () => {
    for (const cohort of [REGULAR, HIGH_END]) {
      const fit = fitSbg(cohort);
      expect(fit.converged).toBe(true);
      expect(fit.diagnostics.gradientNorm).toBeLessThanOrEqual(1e-6);
      expect(fit.diagnostics.hessianPositiveDefinite).toBe(true);
      const covariance = independentCovariance(
        ([a, b]) => sbgLogLikelihood([cohort], a as number, b as number),
        [fit.alpha, fit.beta],
      );
      expect(fit.diagnostics.parameterOrder).toEqual(['alpha', 'beta']);
      const se = fit.diagnostics.standardErrors as Record<'alpha' | 'beta', number>;
      expectRelative(se.alpha, Math.sqrt((covariance[0] as number[])[0] as number), 1e-4, 'se(alpha)');
      expectRelative(se.beta, Math.sqrt((covariance[1] as number[])[1] as number), 1e-4, 'se(beta)');
      const reported = fit.diagnostics.covariance as number[][];
      expectRelative((reported[0] as number[])[1] as number, (covariance[0] as number[])[1] as number, 1e-4, 'cov');
      // 95 % log-scale Wald interval: alpha exp(+/- 1.959964 se / alpha).
      const interval = fit.diagnostics.intervals?.alpha;
      expectRelative(interval?.lower ?? 0, fit.alpha * Math.exp((-1.959963984540054 * se.alpha) / fit.alpha), 1e-12);
      expectRelative(interval?.upper ?? 0, fit.alpha * Math.exp((1.959963984540054 * se.alpha) / fit.alpha), 1e-12);
    }
  });

  it('the BdW standard errors are the inverse observed information of the independent 50-digit likelihood', () => {
    const fit = fitBdw(HIGH_END);
    expect(fit.converged).toBe(true);
    const covariance = independentCovariance(
      ([a, b, c]) => bdwLogLikelihood([HIGH_END], a as number, b as number, c as number),
      [fit.alpha, fit.beta, fit.c],
    );
    const se = fit.diagnostics.standardErrors as Record<'alpha' | 'beta' | 'c', number>;
    ['alpha', 'beta', 'c'].forEach((name, i) => {
      expectRelative(se[name as 'c'], Math.sqrt((covariance[i] as number[])[i] as number), 1e-4, `se(${name})`);
    });
  });

  it('the reported log-likelihoods are the exported ones at the estimate', () => {
    const sbg = fitSbg([REGULAR, HIGH_END.slice(0, 5)]);
    expect(sbg.logLikelihood).toBe(sbgLogLikelihoodOf(sbg, [REGULAR, HIGH_END.slice(0, 5)]));
    const bdw = fitBdw(REGULAR);
    expect(bdw.logLikelihood).toBe(bdwLogLikelihoodOf(bdw, REGULAR));
  });

  it('the exported log-likelihoods agree with the independent ones, also for retention near flat (alpha + beta huge)', () => {
    for (const [alpha, beta] of [
      [0.704, 1.182],
      [1e-6, 1e8],
      [3e8, 7e9],
      [1e-8, 1e-8],
    ] as const) {
      // The 50-digit BdW likelihood at c = 1 is the sBG's (the float recurrence in sbgLogLikelihood loses S(t) = 1 - sum P near 1).
      expectRelative(
        sbgLogLikelihoodOf({ alpha, beta }, [REGULAR]),
        bdwLogLikelihood([REGULAR], alpha, beta, 1),
        1e-12,
      );
      for (const c of [0.3, 1, 2.5]) {
        expectRelative(
          bdwLogLikelihoodOf({ alpha, beta, c }, REGULAR),
          bdwLogLikelihood([REGULAR], alpha, beta, c),
          1e-10,
          `alpha ${alpha}, beta ${beta}, c ${c}`,
        );
      }
    }
  });

  it('churn rising with tenure: the BdW finds c > 1 at an interior maximum, the sBG says it has none', () => {
    // The expected survivors of 1,000 customers under a BdW with alpha = 1.2, beta = 5, c = 1.8.
    const tiring = [1000, 806, 535, 347, 232, 162, 118, 89];
    const started = performance.now();
    const bdw = fitBdw(tiring);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(bdw.converged).toBe(true);
    expect(Math.abs(bdw.c - 1.8)).toBeLessThan(0.05);
    expect(Math.abs(bdw.alpha - 1.2)).toBeLessThan(0.1);
    expect(bdw.comparison.preferred).toBe('bdw');
    const { sbg } = bdw.comparison;
    expect(sbg.converged).toBe(false);
    expect(sbg.diagnostics.boundary).toEqual([
      { parameter: 'alpha', towards: 'infinity' },
      { parameter: 'beta', towards: 'infinity' },
    ]);
    expect(sbg.diagnostics.warnings.join(' ')).toMatch(/no sorting of customers by tenure/);
    expect(sbg.diagnostics.standardErrors).toBeUndefined();
  });

  it.each([
    {
      label: 'a homogeneous discrete Weibull (everyone alike, churn rising): alpha, beta -> infinity',
      cohort: [1000, 900, 700, 450, 230, 90, 30, 8],
      boundary: [
        { parameter: 'alpha', towards: 'infinity' },
        { parameter: 'beta', towards: 'infinity' },
      ],
    },
    {
      label: 'a constant churn of 10 % a period: alpha, beta -> infinity',
      cohort: [1000, 900, 810, 729, 656],
      boundary: [
        { parameter: 'alpha', towards: 'infinity' },
        { parameter: 'beta', towards: 'infinity' },
      ],
    },
  ])('fitBdw on $label, converged false, within a second', ({ cohort, boundary }) => {
    const started = performance.now();
    const fit = fitBdw(cohort);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fit.converged).toBe(false);
    expect(fit.diagnostics.boundary).toEqual(boundary);
    expect(fit.diagnostics.covariance).toBeUndefined();
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(fit.comparison.sbg.logLikelihood);
    expectRelative(fit.logLikelihood, bdwLogLikelihood([cohort], fit.alpha, fit.beta, fit.c), 1e-9);
  });

  it('flat survivors after the first period: the sBG runs alpha, beta -> 0 (some leave at once, the rest never)', () => {
    const fit = fitSbg([1000, 500, 500, 500]);
    expect(fit.converged).toBe(false);
    expect(fit.diagnostics.boundary).toEqual([
      { parameter: 'alpha', towards: 'zero' },
      { parameter: 'beta', towards: 'zero' },
    ]);
    // The limit: half leave in period 1 (P(T = 1) = alpha / (alpha + beta) -> 1/2), nobody after, LL = 1000 ln(1/2).
    expectRelative(fit.logLikelihood, 1000 * Math.log(0.5), 1e-9);
  });

  it('stops at maxIterations unconverged and says to raise it', () => {
    const fit = fitBdw(HIGH_END, { maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.diagnostics.warnings.join(' ')).toMatch(/used all 2 iterations \(maxIterations\)/);
  });

  it('takes another confidence level', () => {
    const fit = fitSbg(REGULAR, { confidenceLevel: 0.9 });
    const se = fit.diagnostics.standardErrors?.beta ?? 0;
    expect(fit.diagnostics.confidenceLevel).toBe(0.9);
    expectRelative(
      fit.diagnostics.intervals?.beta.upper ?? 0,
      fit.beta * Math.exp((1.6448536269514722 * se) / fit.beta),
      1e-12,
    );
    expectInputError(
      () => fitSbg(REGULAR, { confidenceLevel: 95 }),
      /^fitSbg: confidenceLevel must be between 0 and 1/,
    );
  });

  it('seeded simulation with churn rising (c = 2): the estimates lie within 4 standard errors of the truth', () => {
    const survivors = simulateBdw(7, 5000, 10, 2, 6, 2);
    const fit = fitBdw(survivors);
    expect(fit.converged).toBe(true);
    const se = fit.diagnostics.standardErrors as Record<'alpha' | 'beta' | 'c', number>;
    expect(Math.abs(fit.alpha - 2)).toBeLessThan(4 * se.alpha);
    expect(Math.abs(fit.beta - 6)).toBeLessThan(4 * se.beta);
    expect(Math.abs(fit.c - 2)).toBeLessThan(4 * se.c);
  });
});

describe('the contractual likelihood gradient', () => {
  it('matches central differences of the independent 50-digit likelihood, also with beta up to 2e15', () => {
    for (const [alpha, beta, c] of [
      [0.7, 1.2, 1],
      [0.7, 1.2, 1.7],
      [0.3, 30, 0.4],
      [5, 1e10, 2.5],
      [4e9, 5e10, 2],
      [1.9e14, 2e15, 2.03],
    ] as const) {
      const [, gradient] = cohortLogLikelihoodWithGradient([REGULAR], alpha, beta, c);
      const point = [alpha, beta, c];
      const h = 1e-6;
      const names = c === 1 ? ['alpha', 'beta'] : ['alpha', 'beta', 'c'];
      names.forEach((name, i) => {
        // d LL / d ln theta = theta d LL / d theta, by central differences in ln theta.
        const at = (sign: number) => {
          const moved = point.map((v, k) => (k === i ? v * Math.exp(sign * h) : v));
          return bdwLogLikelihood([REGULAR], moved[0] as number, moved[1] as number, moved[2] as number);
        };
        const expected = (at(1) - at(-1)) / (2 * h);
        expect(Math.abs((gradient[i] as number) - expected), `${name} at ${point}`).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(expected)),
        );
      });
    }
  });
});
