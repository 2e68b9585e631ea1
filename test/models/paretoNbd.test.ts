/**
 * The Pareto/NBD's likelihood and predictions against an independent
 * calculation by numerical integration, with no hypergeometric series.
 *
 * A customer buys at rate lambda while alive and dies at rate mu; lambda is
 * gamma(r, alpha) and mu gamma(s, beta) across customers. Given x purchases,
 * the last at t_x, observed to T, the individual likelihood is
 *   L(lambda, mu) = lambda^x e^-(lambda + mu) T  +  lambda^x mu int_{t_x}^T e^-(lambda + mu) y dy
 * (alive at T, or died at some y after the last purchase). Averaging over the
 * two gammas with E[lambda^x e^-lambda u] = G (alpha + u)^-(r + x),
 * G = Gamma(r + x) alpha^r / Gamma(r), E[e^-mu u] = (beta / (beta + u))^s and
 * E[mu e^-mu u] = s beta^s (beta + u)^-(s + 1):
 *   E[L] = G beta^s [ (alpha + T)^-(r + x) (beta + T)^-s + s I ],
 *   I = int_{t_x}^T (alpha + y)^-(r + x) (beta + y)^-(s + 1) dy,
 * and P(alive | data) is the first term's share of the bracket. Given alive at
 * T, lambda is gamma(r + x, alpha + T) and mu gamma(s, beta + T), so the
 * expected purchases in the next t are
 *   P(alive) (r + x) / (alpha + T) int_0^t ((beta + T) / (beta + T + u))^s du,
 * and a new customer's (r / alpha) int_0^t (beta / (beta + u))^s du.
 * The integrals are done here by composite Gauss-Legendre in log(alpha + y)
 * (and log(c + u)), where the integrand is close to an exponential, and checked against a
 * doubled grid.
 */
import { describe, expect, it } from 'vitest';
import {
  type ParetoNbdParameters,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNewCustomer,
  paretoNbdProbabilityAlive,
} from '../../src';
import { paretoNbdLogLikelihood } from '../../src/models/nbd/paretoNbd';
import { paretoNbdLikelihoodTerms } from '../../src/models/nbd/paretoNbdLikelihood';
import { paretoNbdDataLogLikelihood } from '../../src/models/nbd/paretoNbdMath';
import { readFrequencyRecency } from '../../src/models/nbd/summaryData';
import { hypergeometric2F1 } from '../../src/models/special/hypergeometric';
import { readCdnowSummary } from '../support/cdnow';
import { decimalLogGamma, expectInputError, expectRelative } from './independent';
import { mulberry32 } from './simulate';

// Five-point Gauss-Legendre nodes and weights on [-1, 1].
const NODES = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
const WEIGHTS = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];

/** ln int_a^b exp(phi(v)) dv by composite five-point Gauss-Legendre on `panels` equal panels. */
function logIntegral(phi: (v: number) => number, a: number, b: number, panels: number): number {
  if (a === b) return Number.NEGATIVE_INFINITY;
  const h = (b - a) / panels;
  const values: number[] = [];
  const weights: number[] = [];
  for (let k = 0; k < panels; k++) {
    const mid = a + (k + 0.5) * h;
    for (let j = 0; j < 5; j++) {
      values.push(phi(mid + (NODES[j] as number) * (h / 2)));
      weights.push((WEIGHTS[j] as number) * (h / 2));
    }
  }
  const top = Math.max(...values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (weights[i] as number) * Math.exp((values[i] as number) - top);
  return top + Math.log(sum);
}

/** ln I, with alpha + y = (alpha + t_x) e^v, dy = (alpha + y) dv, v from 0 to ln((alpha + T) / (alpha + t_x)). */
function logI(p: ParetoNbdParameters, x: number, tx: number, T: number, panels: number): number {
  const { r, alpha, s, beta } = p;
  const base = alpha + tx;
  const phi = (v: number) => -(r + x - 1) * (Math.log(base) + v) - (s + 1) * Math.log(beta + tx + base * Math.expm1(v));
  return logIntegral(phi, 0, Math.log1p((T - tx) / base), panels);
}

/** [ln of the bracket's first term, ln s I]. */
function logTerms(p: ParetoNbdParameters, x: number, tx: number, T: number, panels = 400): [number, number] {
  const first = -(p.r + x) * Math.log(p.alpha + T) - p.s * Math.log(p.beta + T);
  return [first, Math.log(p.s) + logI(p, x, tx, T, panels)];
}

function probabilityAlive(p: ParetoNbdParameters, x: number, tx: number, T: number, panels = 400): number {
  const [first, second] = logTerms(p, x, tx, T, panels);
  return 1 / (1 + Math.exp(second - first));
}

/** int_0^t (c / (c + u))^s du, with c + u = c e^w: int_0^ln(1 + t/c) c e^((1 - s) w) dw. */
function survivalIntegral(c: number, s: number, t: number, panels = 200): number {
  return Math.exp(logIntegral((w) => Math.log(c) + (1 - s) * w, 0, Math.log1p(t / c), panels));
}

function expectedPurchases(p: ParetoNbdParameters, x: number, tx: number, T: number, t: number): number {
  return (probabilityAlive(p, x, tx, T) * (p.r + x) * survivalIntegral(p.beta + T, p.s, t)) / (p.alpha + T);
}

const lee: ParetoNbdParameters = { r: 0.55328, alpha: 10.5776, s: 0.60621, beta: 11.6679 };
const parameterSets: Array<[string, ParetoNbdParameters]> = [
  ['CDNOW (alpha < beta)', lee],
  ['alpha > beta', { r: 1.2, alpha: 8, s: 2.5, beta: 3 }],
  ['alpha = beta', { r: 0.7, alpha: 5, s: 1.4, beta: 5 }],
  ['s = 1', { r: 0.9, alpha: 6, s: 1, beta: 4 }],
  ['s just above 1', { r: 0.9, alpha: 6, s: 1 + 1e-9, beta: 4 }],
  ['s below 1, large r', { r: 4, alpha: 2, s: 0.3, beta: 40 }],
];
const histories: Array<[number, number, number]> = [
  [0, 0, 38.86],
  [1, 1.71, 38.86],
  [2, 30.43, 38.86],
  [7, 10, 38.86],
  [26, 30.86, 31],
  [12, 2, 100],
  [3, 0.5, 0.75],
];

describe('the reference integrals themselves', () => {
  it('do not move when the grid is doubled (to 1e-13 relative), so they can judge the library', () => {
    for (const [, p] of parameterSets) {
      for (const [x, tx, T] of histories) {
        expectRelative(logI(p, x, tx, T, 800), logI(p, x, tx, T, 400), 1e-13, `${x}, ${tx}, ${T}`);
      }
      expectRelative(survivalIntegral(p.beta + 38, p.s, 52, 400), survivalIntegral(p.beta + 38, p.s, 52), 1e-13);
    }
  });

  it('match closed forms where the integrand has one: s I with alpha = beta is [(alpha + t_x)^-(r+s+x) - (alpha + T)^-(r+s+x)] s / (r+s+x)', () => {
    const p = { r: 0.7, alpha: 5, s: 1.4, beta: 5 };
    const [x, tx, T] = [4, 12, 30];
    const k = p.r + p.s + x;
    expectRelative(Math.exp(logI(p, x, tx, T, 400)), ((p.alpha + tx) ** -k - (p.alpha + T) ** -k) / k, 1e-13);
    // With s = 2: int_0^t (c/(c+u))^2 du = c t / (c + t).
    expectRelative(survivalIntegral(7, 2, 10), (7 * 10) / 17, 1e-14);
  });
});

describe('paretoNbdProbabilityAlive against the integral', () => {
  it.each(parameterSets)('%s: within 1e-10 relative, or 1e-14 of 1 - P where P is near 1', (_, p) => {
    for (const [x, tx, T] of histories) {
      const expected = probabilityAlive(p, x, tx, T);
      const actual = paretoNbdProbabilityAlive(p, { frequency: x, recency: tx, age: T });
      const label = `${x}, ${tx}, ${T}: ${actual} vs ${expected}`;
      if (expected > 0.5)
        expect(Math.abs(1 - actual - (1 - expected)), label).toBeLessThanOrEqual(1e-10 * (1 - expected) + 1e-15);
      else expectRelative(actual, expected, 1e-10, label);
    }
  });

  it('is exactly 1 when the last purchase is at the end of the observation, for any count', () => {
    for (const [, p] of parameterSets) {
      for (const [x, T] of [
        [1, 5],
        [3, 38.86],
        [40, 100],
      ] as const) {
        expect(paretoNbdProbabilityAlive(p, { frequency: x, recency: T, age: T })).toBe(1);
      }
    }
  });

  it('keeps the digits of a tiny probability (odds of e^700 against), and reaches 0 only below the smallest number', () => {
    // ln odds ~ (r + x) ln((alpha + T) / (alpha + t_x)): 160 purchases in the first week, then 1000 weeks of silence.
    const [first, second] = logTerms(lee, 160, 1, 1000);
    expect(second - first).toBeGreaterThan(700);
    expect(second - first).toBeLessThan(745);
    expectRelative(
      paretoNbdProbabilityAlive(lee, { frequency: 160, recency: 1, age: 1000 }),
      Math.exp(first - second),
      1e-9,
    );
    // A smaller gap, with P(alive) near e^-200: still a positive number, with its digits.
    const [a, b] = logTerms(lee, 60, 1, 1000);
    expect(b - a).toBeGreaterThan(100);
    expect(b - a).toBeLessThan(700);
    expectRelative(
      paretoNbdProbabilityAlive(lee, { frequency: 60, recency: 1, age: 1000 }),
      1 / (1 + Math.exp(b - a)),
      1e-9,
    );
    // Odds beyond e^745: below the smallest subnormal, so exactly 0.
    const [c, d] = logTerms(lee, 400, 1, 1000);
    expect(d - c).toBeGreaterThan(760);
    expect(paretoNbdProbabilityAlive(lee, { frequency: 400, recency: 1, age: 1000 })).toBe(0);
  });
});

describe('paretoNbdExpectedPurchases against the integral', () => {
  it.each(parameterSets)('%s: within 1e-10 relative over horizons 1e-6 to 500', (_, p) => {
    for (const [x, tx, T] of histories) {
      for (const t of [1e-6, 0.5, 1, 39, 52, 500]) {
        const expected = expectedPurchases(p, x, tx, T, t);
        const actual = paretoNbdExpectedPurchases(p, { frequency: x, recency: tx, age: T, horizon: t });
        expectRelative(actual, expected, 1e-10, `${x}, ${tx}, ${T}, t = ${t}`);
      }
    }
  });

  it('is 0 over a zero horizon', () => {
    expect(paretoNbdExpectedPurchases(lee, { frequency: 2, recency: 30.43, age: 38.86, horizon: 0 })).toBe(0);
  });
});

describe('paretoNbdExpectedPurchasesNewCustomer against the integral', () => {
  it.each(parameterSets)('%s: (r / alpha) int_0^t (beta / (beta + u))^s du within 1e-12 relative', (_, p) => {
    for (const t of [1e-8, 1e-3, 0.5, 1, 39, 52, 500, 1e5]) {
      const expected = (p.r / p.alpha) * survivalIntegral(p.beta, p.s, t, 400);
      expectRelative(paretoNbdExpectedPurchasesNewCustomer(p, { horizon: t }), expected, 1e-12, `t = ${t}`);
    }
  });

  it('is 0 over a zero horizon', () => {
    expect(paretoNbdExpectedPurchasesNewCustomer(lee, { horizon: 0 })).toBe(0);
  });
});

describe('the Pareto/NBD log-likelihood against the integral', () => {
  const rows = readCdnowSummary().map(({ frequency, recency, age }) => ({ frequency, recency, age }));

  /** sum over customers of ln G + s ln beta + ln(bracket), G from 50-digit log-gammas. */
  function logLikelihood(p: ParetoNbdParameters, customers: typeof rows): number {
    let total = 0;
    // ln Gamma(r + x) - ln Gamma(r) once per purchase count (50-digit log-gammas are slow).
    const rises = new Map<number, number>();
    for (const { frequency: x, recency: tx, age: T } of customers) {
      const [first, second] = logTerms(p, x, tx, T, 200);
      const high = Math.max(first, second);
      const bracket = high + Math.log(Math.exp(first - high) + Math.exp(second - high));
      let rise = rises.get(x);
      if (rise === undefined) {
        rise = decimalLogGamma(p.r + x)
          .minus(decimalLogGamma(p.r))
          .toNumber();
        rises.set(x, rise);
      }
      const logG = rise + p.r * Math.log(p.alpha);
      total += logG + p.s * Math.log(p.beta) + bracket;
    }
    return total;
  }

  it('on the 2,357 CDNOW customers at the published optimum: the published -9594.974 to 0.01, and the library to 1e-11 relative', () => {
    const data = readFrequencyRecency(rows);
    if (Array.isArray(data)) throw new Error(String(data[1]));
    const independent = logLikelihood(lee, rows);
    expect(Math.abs(independent - -9594.974)).toBeLessThanOrEqual(0.01);
    expectRelative(paretoNbdDataLogLikelihood(data, lee), independent, 1e-11);
    expectRelative(paretoNbdLogLikelihood(lee, rows), independent, 1e-11);
  });

  it.each(parameterSets)('%s: every history alone, to 1e-11 relative', (_, p) => {
    for (const [x, tx, T] of histories) {
      const one = [{ frequency: x, recency: tx, age: T }];
      const data = readFrequencyRecency(one);
      if (Array.isArray(data)) throw new Error(String(data[1]));
      expectRelative(paretoNbdDataLogLikelihood(data, p), logLikelihood(p, one), 1e-11, `${x}, ${tx}, ${T}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Anywhere a fit can go: parameters from 1e-8 to 1e8, against an adaptive integral written here.

/**
 * [ln F, ln Q] of the likelihood's bracket, scaled by alpha^r beta^s and free of the cancellations
 * of huge logarithms (so that it can judge the library where r and alpha, or s and beta, are both
 * huge):
 *   ln F = -r ln(1 + T/alpha) - x ln(alpha + T) - s ln(1 + T/beta),
 *   ln Q = ln s - ln beta - r ln(1 + t_x/alpha) - (x - 1) ln(alpha + t_x)
 *          + ln int_0^V exp(-(r + x - 1) v - (s + 1) ln(1 + y/beta)) dv,
 * with alpha + y = (alpha + t_x) e^v, V = ln((alpha + T)/(alpha + t_x)); the integral by
 * five-point Gauss-Legendre on panels halving towards v = 0 (where a steep integrand peaks),
 * bisecting every panel until it agrees with its two halves to 1e-15 of the whole, or to the
 * rounding of ln of the integrand (twice, the second time against the first pass's total).
 */
function adaptiveLogTerms(p: ParetoNbdParameters, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const first = -r * Math.log1p(T / alpha) - x * Math.log(alpha + T) - s * Math.log1p(T / beta);
  if (tx === T) return [first, Number.NEGATIVE_INFINITY];
  const base = alpha + tx;
  const end = Math.log1p((T - tx) / base);
  const phi = (v: number) => -(r + x - 1) * v - (s + 1) * Math.log1p((tx + base * Math.expm1(v)) / beta);
  let top = Number.NEGATIVE_INFINITY;
  for (let k = 0; k <= 256; k++) top = Math.max(top, phi((end * k) / 256));
  top = Math.max(top, phi(0));
  // ln of the integrand carries rounding of about 1e-16 of its size (s ln(1 + y/beta) with s = 1e8,
  // say): no rule can agree with itself more closely than that.
  const tolerance = 1e-15 + 4e-16 * Math.abs(top);
  let panels = 0;
  const panel = (a: number, b: number) => {
    let sum = 0;
    for (let j = 0; j < 5; j++)
      sum += (WEIGHTS[j] as number) * Math.exp(phi((a + b) / 2 + ((NODES[j] as number) * (b - a)) / 2) - top);
    return (sum * (b - a)) / 2;
  };
  const refine = (a: number, b: number, whole: number, total: number, depth: number): number => {
    const m = (a + b) / 2;
    const left = panel(a, m);
    const right = panel(m, b);
    if (++panels > 200_000) throw new Error('the adaptive integral does not settle');
    if (Math.abs(left + right - whole) <= tolerance * total || depth >= 40) return left + right;
    return refine(a, m, left, total, depth + 1) + refine(m, b, right, total, depth + 1);
  };
  // Panels halving towards 0, where the integrand peaks when it falls steeply: [end 2^-(k+1), end 2^-k].
  const edges = [0, ...Array.from({ length: 61 }, (_, k) => end * 2 ** (k - 60))];
  const pass = (total: number) => {
    let sum = 0;
    for (let k = 0; k + 1 < edges.length; k++) {
      const a = edges[k] as number;
      const b = edges[k + 1] as number;
      sum += refine(a, b, panel(a, b), total, 0);
    }
    return sum;
  };
  let rough = 0;
  for (let k = 0; k + 1 < edges.length; k++) rough += panel(edges[k] as number, edges[k + 1] as number);
  const integral = pass(pass(rough));
  const second =
    Math.log(s) - Math.log(beta) - r * Math.log1p(tx / alpha) - (x - 1) * Math.log(base) + top + Math.log(integral);
  return [first, second];
}

/** ln Gamma(r + x) - ln Gamma(r) as a sum of logs (the histories below have at most 40 purchases). */
function logRise(r: number, x: number): number {
  let sum = 0;
  for (let i = 0; i < x; i++) sum += Math.log(r + i);
  return sum;
}

const extremeHistories: Array<[number, number, number]> = [
  [0, 0, 38.86],
  [1, 1.71, 38.86],
  [26, 30.86, 31],
  [12, 2, 100],
  [40, 99.9999, 100],
  [3, 1e-6, 1000],
];

/** Parameter sets log-uniform on 1e-8..1e8, and the corners of that box. */
function extremeParameters(count: number, seed: number): ParetoNbdParameters[] {
  const random = mulberry32(seed);
  const draw = () => 10 ** (-8 + 16 * random());
  const sets: ParetoNbdParameters[] = [];
  for (let i = 0; i < count; i++) sets.push({ r: draw(), alpha: draw(), s: draw(), beta: draw() });
  for (const r of [1e-8, 1e8])
    for (const alpha of [1e-8, 1e8])
      for (const s of [1e-8, 1e8]) for (const beta of [1e-8, 1e8]) sets.push({ r, alpha, s, beta });
  return sets;
}

describe('the likelihood and P(alive) at parameters from 1e-8 to 1e8, against the adaptive integral', () => {
  const sets = extremeParameters(120, 7);

  it('the adaptive integral agrees with the fixed-grid one where both apply (CDNOW-like parameters)', () => {
    for (const [, p] of parameterSets) {
      for (const [x, tx, T] of histories) {
        const [a, b] = adaptiveLogTerms(p, x, tx, T);
        const [c, d] = logTerms(p, x, tx, T, 800);
        // The two scalings differ by r ln alpha + s ln beta.
        const shift = p.r * Math.log(p.alpha) + p.s * Math.log(p.beta);
        expectRelative(a, c + shift, 1e-13, `${x}, ${tx}, ${T}`);
        if (tx < T)
          expect(Math.abs(b - (d + shift)), `${x}, ${tx}, ${T}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(b)));
      }
    }
  });

  it('every customer log-likelihood within 1e-10 of the integral (relative to its size, at least 1)', () => {
    for (const p of sets) {
      for (const [x, tx, T] of extremeHistories) {
        const [first, second] = adaptiveLogTerms(p, x, tx, T);
        const high = Math.max(first, second);
        const expected = logRise(p.r, x) + high + Math.log(Math.exp(first - high) + Math.exp(second - high));
        const actual = paretoNbdLogLikelihood(p, [{ frequency: x, recency: tx, age: T }]);
        const label = `${JSON.stringify(p)} ${x}, ${tx}, ${T}: ${actual} vs ${expected}`;
        expect(Number.isFinite(actual), label).toBe(true);
        expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
      }
    }
  });

  it('P(alive) within 1e-9 relative (of 1 - P where P is near 1), a number in [0, 1], and 1 only when it rounds to 1', () => {
    for (const p of sets) {
      for (const [x, tx, T] of extremeHistories) {
        const [first, second] = adaptiveLogTerms(p, x, tx, T);
        const odds = second - first;
        const actual = paretoNbdProbabilityAlive(p, { frequency: x, recency: tx, age: T });
        const label = `${JSON.stringify(p)} ${x}, ${tx}, ${T}: ${actual}, ln odds ${odds}`;
        expect(actual >= 0 && actual <= 1, label).toBe(true);
        // The odds' absolute error is about 1e-10 of the size of the log-likelihood's terms.
        const slack = 1e-10 * Math.max(1, Math.abs(first), Math.abs(second));
        if (odds < 0) {
          const missing = -Math.expm1(-Math.log1p(Math.exp(odds))); // 1 - P, without cancellation
          expect(Math.abs(1 - actual - missing), label).toBeLessThanOrEqual((slack + 1e-9) * missing + 1.2e-16);
          if (actual === 1) expect(missing, label).toBeLessThan(1.2e-16);
        } else {
          const expected = Math.exp(-odds) / (1 + Math.exp(-odds));
          expect(Math.abs(actual - expected), label).toBeLessThanOrEqual((slack + 1e-9) * expected + 5e-324);
        }
      }
    }
  });

  it('expected purchases are finite and non-decreasing in the horizon, or refused naming the horizon', () => {
    const horizons = [0, 1e-9, 1e-3, 1, 39, 1e4, 1e8, 1e16, 1e300];
    // A third of the sets and all the corners (each call computes P(alive) again).
    for (const p of sets.filter((_, i) => i % 3 === 0 || i >= 120)) {
      for (const [x, tx, T] of extremeHistories) {
        let previous = 0;
        let previousNew = 0;
        for (const horizon of horizons) {
          const label = `${JSON.stringify(p)} ${x}, ${tx}, ${T}, ${horizon}`;
          try {
            const value = paretoNbdExpectedPurchases(p, { frequency: x, recency: tx, age: T, horizon });
            expect(Number.isFinite(value) && value >= previous, label).toBe(true);
            previous = value;
          } catch (error) {
            expect((error as Error).message, label).toMatch(/^paretoNbdExpectedPurchases: horizon is too long/);
            previous = Number.POSITIVE_INFINITY;
          }
          try {
            const value = paretoNbdExpectedPurchasesNewCustomer(p, { horizon });
            expect(Number.isFinite(value) && value >= previousNew, label).toBe(true);
            previousNew = value;
          } catch (error) {
            expect((error as Error).message, label).toMatch(
              /^paretoNbdExpectedPurchasesNewCustomer: horizon is too long/,
            );
            previousNew = Number.POSITIVE_INFINITY;
          }
        }
      }
    }
  });
});

describe('the likelihood against the Gauss hypergeometric form (Fader, Hardie and Lee 2005, equation 22) at moderate parameters', () => {
  /**
   * L = Gamma(r+x) alpha^r beta^s / Gamma(r) [ (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A_0 ],
   * A_0 = F(t_x) - F(T), F(t) = 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)) / (alpha+t)^(r+s+x)
   * for alpha >= beta, and 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)) / (beta+t)^(r+s+x) otherwise.
   */
  function hypergeometricLogLikelihood(p: ParetoNbdParameters, x: number, tx: number, T: number): number {
    const { r, alpha, s, beta } = p;
    const n = r + s + x;
    const big = Math.max(alpha, beta);
    const F = (t: number) => {
      const z = Math.abs(alpha - beta) / (big + t);
      const series = hypergeometric2F1(n, alpha >= beta ? s + 1 : r + x, n + 1, z);
      if (series === undefined) throw new Error('series did not converge');
      return series.value * (big + t) ** -n;
    };
    const bracket = (alpha + T) ** -(r + x) * (beta + T) ** -s + (s / n) * (F(tx) - F(T));
    return logRise(r, x) + r * Math.log(alpha) + s * Math.log(beta) + Math.log(bracket);
  }

  it.each(parameterSets)('%s: every history, to 1e-11 relative', (_, p) => {
    for (const [x, tx, T] of histories) {
      const actual = paretoNbdLogLikelihood(p, [{ frequency: x, recency: tx, age: T }]);
      expectRelative(actual, hypergeometricLogLikelihood(p, x, tx, T), 1e-11, `${x}, ${tx}, ${T}`);
    }
  });
});

describe("the likelihood's analytic gradient (internal), against differences of the value", () => {
  const customers = [
    ...histories.map(([frequency, recency, age]) => ({ frequency, recency, age })),
    { frequency: 3, recency: 3, age: 3 },
  ];
  const data = readFrequencyRecency(customers);
  if (Array.isArray(data)) throw new Error(String(data[1]));
  const sets: ParetoNbdParameters[] = [
    ...parameterSets.map(([, p]) => p),
    { r: 1e-6, alpha: 1e-5, s: 3, beta: 1e6 },
    { r: 1e5, alpha: 1e6, s: 1e-6, beta: 1e-3 },
    { r: 0.2, alpha: 1e-4, s: 1e4, beta: 1e5 },
    { r: 2, alpha: 1e7, s: 0.5, beta: 2 },
  ];

  it.each(sets)('%j: each component within 1e-6 (relative to its size, at least 1) of a Richardson difference', (p) => {
    const gradient = [0, 0, 0, 0];
    const value = paretoNbdLikelihoodTerms(data, p.r, p.alpha, p.s, p.beta, gradient);
    expect(Number.isFinite(value)).toBe(true);
    const names = ['r', 'alpha', 's', 'beta'] as const;
    names.forEach((name, i) => {
      const at = (step: number) => {
        const q = { ...p, [name]: p[name] * Math.exp(step) };
        return paretoNbdLikelihoodTerms(data, q.r, q.alpha, q.s, q.beta);
      };
      const central = (h: number) => (at(h) - at(-h)) / (2 * h);
      const difference = (4 * central(1e-3) - central(2e-3)) / 3;
      const g = gradient[i] as number;
      expect(Math.abs(g - difference), `${name}: ${g} vs ${difference}`).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(g)),
      );
    });
  });
});

describe('paretoNbdLogLikelihood (public)', () => {
  it('is the ln of 61/121 for one customer without repeat purchases at r = alpha = s = beta = 1, age 10', () => {
    // 11^-1 11^-1 + int_0^10 (1 + y)^-3 dy = 1/121 + (1 - 1/121)/2 = 61/121.
    expect(
      paretoNbdLogLikelihood({ r: 1, alpha: 1, s: 1, beta: 1 }, [{ frequency: 0, recency: 0, age: 10 }]),
    ).toBeCloseTo(Math.log(61 / 121), 14);
  });

  it('refuses parameters that are not positive, and parameters too extreme for the ages, naming them', () => {
    expectInputError(
      () => paretoNbdLogLikelihood({ ...lee, s: 0 }, [{ frequency: 0, recency: 0, age: 10 }]),
      /^paretoNbdLogLikelihood: parameters\.s must be greater than 0, got 0$/,
    );
    expectInputError(
      () => paretoNbdLogLikelihood({ ...lee, alpha: 5e-324 }, [{ frequency: 1, recency: 2, age: 10 }]),
      /^paretoNbdLogLikelihood: parameters\.alpha is too extreme \(5e-324\)/,
    );
    expectInputError(
      () => paretoNbdProbabilityAlive({ ...lee, beta: 5e-324 }, { frequency: 1, recency: 2, age: 10 }),
      /^paretoNbdProbabilityAlive: parameters\.beta is too extreme \(5e-324\)/,
    );
    expectInputError(
      () => paretoNbdExpectedPurchasesNewCustomer({ r: 1e8, alpha: 1e-8, s: 1e-8, beta: 1e-8 }, { horizon: 1e300 }),
      /^paretoNbdExpectedPurchasesNewCustomer: horizon is too long for these parameters \(1e\+300\)/,
    );
  });
});

describe('expected purchases whose intermediate product overflows', () => {
  it('are still computed when the result fits (about 1e304 here), from logs', () => {
    // Rate (r + x)/(alpha + T) = 23 over a horizon of 1e308 overflows; P(alive) near e^-10 brings it back.
    const p = { r: 1, alpha: 1, s: 1e-8, beta: 1 };
    const [x, tx, T, t] = [68, 1, 2, 1e308];
    const [first, second] = adaptiveLogTerms(p, x, tx, T);
    const logAlive = -Math.log1p(Math.exp(second - first));
    // int_0^t ((beta + T)/(beta + T + u))^s du = c ((1 + t/c)^(1-s) - 1)/(1 - s), c = beta + T, in logs.
    const c = p.beta + T;
    const L = Math.log1p(t / c);
    const logIntegral = Math.log(c) + (1 - p.s) * L + Math.log(-Math.expm1(-(1 - p.s) * L)) - Math.log(1 - p.s);
    const expected = Math.exp(logAlive + Math.log(p.r + x) - Math.log(p.alpha + T) + logIntegral);
    expect(expected).toBeGreaterThan(1e300);
    expectRelative(paretoNbdExpectedPurchases(p, { frequency: x, recency: tx, age: T, horizon: t }), expected, 1e-9);
  });
});
