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
import { paretoNbdLogLikelihood } from '../../src/models/nbd/paretoNbdMath';
import { readFrequencyRecency } from '../../src/models/nbd/summaryData';
import { readCdnowSummary } from '../support/cdnow';
import { decimalLogGamma, expectRelative } from './independent';

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

  it('reaches exactly 0 when the odds against being alive pass e^700, and agrees with the integral on the way', () => {
    // ln odds ~ (r + x) ln((alpha + T) / (alpha + t_x)): 200 purchases in the first week, then 1000 weeks of silence.
    const [first, second] = logTerms(lee, 200, 1, 1000);
    expect(second - first).toBeGreaterThan(700);
    expect(paretoNbdProbabilityAlive(lee, { frequency: 200, recency: 1, age: 1000 })).toBe(0);
    // A smaller gap, with P(alive) near e^-200: still a positive number, with its digits.
    const [a, b] = logTerms(lee, 60, 1, 1000);
    expect(b - a).toBeGreaterThan(100);
    expect(b - a).toBeLessThan(700);
    expectRelative(
      paretoNbdProbabilityAlive(lee, { frequency: 60, recency: 1, age: 1000 }),
      1 / (1 + Math.exp(b - a)),
      1e-9,
    );
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
    for (const { frequency: x, recency: tx, age: T } of customers) {
      const [first, second] = logTerms(p, x, tx, T, 200);
      const high = Math.max(first, second);
      const bracket = high + Math.log(Math.exp(first - high) + Math.exp(second - high));
      const logG =
        decimalLogGamma(p.r + x)
          .minus(decimalLogGamma(p.r))
          .toNumber() +
        p.r * Math.log(p.alpha);
      total += logG + p.s * Math.log(p.beta) + bracket;
    }
    return total;
  }

  it('on the 2,357 CDNOW customers at the published optimum: the published -9594.974 to 0.01, and the library to 1e-11 relative', () => {
    const data = readFrequencyRecency(rows);
    if (Array.isArray(data)) throw new Error(String(data[1]));
    const independent = logLikelihood(lee, rows);
    expect(Math.abs(independent - -9594.974)).toBeLessThanOrEqual(0.01);
    expectRelative(paretoNbdLogLikelihood(data, lee), independent, 1e-11);
  });

  it.each(parameterSets)('%s: every history alone, to 1e-11 relative', (_, p) => {
    for (const [x, tx, T] of histories) {
      const one = [{ frequency: x, recency: tx, age: T }];
      const data = readFrequencyRecency(one);
      if (Array.isArray(data)) throw new Error(String(data[1]));
      expectRelative(paretoNbdLogLikelihood(data, p), logLikelihood(p, one), 1e-11, `${x}, ${tx}, ${T}`);
    }
  });
});
