/**
 * Independent mathematics for the model tests: the tests compute their
 * expected values with these, never with the code under test.
 *
 * - decimal.js at 50 significant digits (a clone of the test's own; the global
 *   configuration is never touched);
 * - ln Gamma by Stirling's series with ten Bernoulli terms after shifting the
 *   argument to at least 30 (a different algorithm from the library's Lanczos
 *   sum), accurate to about 1e-30 there;
 * - the sBG and beta-discrete-Weibull likelihoods written from the paper's
 *   formulas.
 */
import DecimalJs from 'decimal.js';
import { expect } from 'vitest';

export { expectInputError } from '../support/expectInputError';

/** The tests' own decimal.js, at 50 significant digits. */
export const D = DecimalJs.clone({ precision: 50 });
export type Dec = InstanceType<typeof D>;

/** The exact value of a binary number as a Decimal (0.999 is really 0.998999999999999999111...). */
export function exact(x: number): Dec {
  return new D(x.toPrecision(60));
}

const PI = D.acos(-1);
const HALF_LOG_TWO_PI = PI.times(2).ln().div(2);
/** B_2, B_4, ..., B_20 as [numerator, denominator]. */
const BERNOULLI: ReadonlyArray<readonly [number, number]> = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
];

/**
 * ln Gamma(x) for x > 0 at 50 digits: ln Gamma(x) = ln Gamma(x + N) - ln(x (x + 1) ... (x + N - 1)),
 * with x + N >= 30 and Stirling's series
 * ln Gamma(y) = (y - 1/2) ln y - y + ln(2 pi) / 2 + sum_k B_2k / (2k (2k - 1) y^(2k - 1)).
 */
export function decimalLogGamma(x: number | Dec): Dec {
  let y = typeof x === 'number' ? exact(x) : x;
  if (!y.gt(0)) throw new Error('decimalLogGamma needs x > 0');
  let product = new D(1);
  while (y.lt(30)) {
    product = product.times(y);
    y = y.plus(1);
  }
  let sum = y.minus(0.5).times(y.ln()).minus(y).plus(HALF_LOG_TWO_PI);
  let power = y;
  const ySquared = y.times(y);
  for (let k = 1; k <= BERNOULLI.length; k++) {
    const [numerator, denominator] = BERNOULLI[k - 1] ?? [0, 1];
    sum = sum.plus(new D(numerator).div(new D(denominator).times(2 * k * (2 * k - 1)).times(power)));
    power = power.times(ySquared);
  }
  return sum.minus(product.ln());
}

/** ln B(a, b) at 50 digits. */
export function decimalLogBeta(a: number | Dec, b: number | Dec): Dec {
  const da = typeof a === 'number' ? exact(a) : a;
  const db = typeof b === 'number' ? exact(b) : b;
  return decimalLogGamma(da)
    .plus(decimalLogGamma(db))
    .minus(decimalLogGamma(da.plus(db)));
}

/** |actual - expected| <= tolerance x |expected|, with a readable failure. */
export function expectRelative(actual: number, expected: number | Dec, tolerance: number, label = ''): void {
  const e = typeof expected === 'number' ? expected : expected.toNumber();
  expect(Number.isFinite(actual), `${label} finite (got ${actual})`).toBe(true);
  const error = Math.abs(actual - e) / Math.abs(e);
  expect(error, `${label}: got ${actual}, expected ${e}`).toBeLessThanOrEqual(tolerance);
}

/**
 * sBG probabilities as Fader and Hardie (2007) write them: P(T = 1) = a / (a + b),
 * P(T = t) = (b + t - 2) / (a + b + t - 1) P(T = t - 1); S(t) = 1 - sum_{i <= t} P(T = i).
 * Returns P(T = 1..periods) and S(0..periods).
 */
export function sbgProbabilities(alpha: number, beta: number, periods: number): { p: number[]; s: number[] } {
  const p = [0];
  const s = [1];
  let cumulative = 0;
  for (let t = 1; t <= periods; t++) {
    const previous = p[t - 1] ?? 0;
    const pt = t === 1 ? alpha / (alpha + beta) : ((beta + t - 2) / (alpha + beta + t - 1)) * previous;
    p.push(pt);
    cumulative += pt;
    s.push(1 - cumulative);
  }
  return { p, s };
}

/**
 * The sBG log-likelihood of survivor counts: customers lost in period t add
 * ln P(T = t) each, those still there after the last period ln S(last).
 */
export function sbgLogLikelihood(cohorts: readonly (readonly number[])[], alpha: number, beta: number): number {
  let total = 0;
  for (const counts of cohorts) {
    const periods = counts.length - 1;
    const { p, s } = sbgProbabilities(alpha, beta, periods);
    for (let t = 1; t <= periods; t++) {
      const lost = (counts[t - 1] ?? 0) - (counts[t] ?? 0);
      if (lost > 0) total += lost * Math.log(p[t] ?? Number.NaN);
    }
    const last = counts[periods] ?? 0;
    if (last > 0) total += last * Math.log(s[periods] ?? Number.NaN);
  }
  return total;
}

/**
 * The beta-discrete-Weibull log-likelihood (Fader, Hardie, Liu, Davin and
 * Steenburgh 2018), at 50 digits: S(t) = B(a, b + t^c) / B(a, b),
 * P(T = t) = S(t - 1) - S(t).
 */
export function bdwLogLikelihood(
  cohorts: readonly (readonly number[])[],
  alpha: number,
  beta: number,
  c: number,
): number {
  const a = exact(alpha);
  const b = exact(beta);
  const dc = exact(c);
  const base = decimalLogBeta(a, b);
  const longest = cohorts.reduce((m, counts) => Math.max(m, counts.length), 0);
  const survival: Dec[] = [new D(1)];
  for (let t = 1; t < longest; t++) {
    survival.push(
      decimalLogBeta(a, b.plus(new D(t).pow(dc)))
        .minus(base)
        .exp(),
    );
  }
  let total = new D(0);
  for (const counts of cohorts) {
    for (let t = 1; t < counts.length; t++) {
      const lost = (counts[t - 1] ?? 0) - (counts[t] ?? 0);
      const before = survival[t - 1] ?? new D(Number.NaN);
      const after = survival[t] ?? new D(Number.NaN);
      if (lost > 0) total = total.plus(before.minus(after).ln().times(lost));
    }
    const last = counts[counts.length - 1] ?? 0;
    if (last > 0) total = total.plus((survival[counts.length - 1] ?? new D(Number.NaN)).ln().times(last));
  }
  return total.toNumber();
}
