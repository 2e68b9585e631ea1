/**
 * BG/NBD predictions at any parameters a fit can return, from 1e-8 to 1e8
 * (the limits of item 2 of the fits' contract lie out there: a, b -> 0 or
 * infinity, r and alpha -> infinity together). Over the whole grid: every
 * result is finite (or a MetricInputError), P(alive) lies in [0, 1],
 * expected purchases never fall as the horizon grows (across every switch
 * between the series and the quadrature), and P(X = k) adds up to 1 (within
 * what the count without drop-out puts beyond k = 60). Against 120-digit
 * values of the closed form (test/fixtures/bgnbd/, computed with mpmath),
 * the expected purchases of a new customer agree to 1e-9.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdProbabilityAlive,
  bgNbdPurchaseCountProbability,
  MetricInputError,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedResidualLifetime,
  sbgLifetimeValue,
  sbgProjectedSurvivors,
  sbgRetentionRate,
  sbgSurvival,
} from '../../src';

const VALUES = [1e-8, 1e-3, 1, 1e3, 1e8];
const HORIZONS = [0.1, 1, 10, 100, 1000];
const HISTORIES = [
  { frequency: 0, recency: 0, age: 10 },
  { frequency: 3, recency: 5, age: 10 },
  { frequency: 50, recency: 30, age: 30 },
];

/** The value, or undefined for a MetricInputError; anything else fails the test. */
function attempt(run: () => number): number | undefined {
  try {
    return run();
  } catch (error) {
    expect(MetricInputError.is(error), String(error)).toBe(true);
    return undefined;
  }
}

const grid = VALUES.flatMap((r) =>
  VALUES.flatMap((alpha) => VALUES.flatMap((a) => VALUES.map((b) => ({ r, alpha, a, b })))),
);

describe('BG/NBD predictions over parameters from 1e-8 to 1e8', () => {
  it.each(VALUES)('with r = %s: finite, P(alive) in [0, 1], expectations rising with the horizon', (r) => {
    for (const parameters of grid.filter((p) => p.r === r)) {
      const label = JSON.stringify(parameters);
      for (const history of HISTORIES) {
        const alive = bgNbdProbabilityAlive(parameters, history);
        expect(alive >= 0 && alive <= 1, `${label} P(alive) ${alive}`).toBe(true);
        let before = 0;
        for (const horizon of HORIZONS) {
          const now = attempt(() => bgNbdExpectedPurchases(parameters, { ...history, horizon }));
          if (now === undefined) continue;
          expect(
            Number.isFinite(now) && now >= before * (1 - 1e-9),
            `${label} ${JSON.stringify(history)} t ${horizon}: ${now} after ${before}`,
          ).toBe(true);
          before = now;
        }
      }
      let before = 0;
      for (const horizon of HORIZONS) {
        const now = attempt(() => bgNbdExpectedPurchasesNewCustomer(parameters, { horizon }));
        if (now === undefined) continue;
        expect(
          Number.isFinite(now) && now >= before * (1 - 1e-9),
          `${label} new, t ${horizon}: ${now} after ${before}`,
        ).toBe(true);
        before = now;
      }
    }
  });

  it('P(X(t) = k) for k = 0..60 adds up to 1 less at most the mass the purchase count without drop-out puts beyond 60', () => {
    const horizon = 10;
    for (const parameters of grid) {
      const { r, alpha } = parameters;
      let sum = 0;
      for (let purchases = 0; purchases <= 60; purchases++)
        sum += bgNbdPurchaseCountProbability(parameters, { purchases, horizon });
      // Drop-out only removes purchases, so P(X > 60) <= P(N > 60) for N the negative binomial count of
      // purchases with no drop-out: N(0) = (alpha / (alpha + t))^r, N(k) = N(k - 1) (r + k - 1) / k  t / (alpha + t).
      let nb = Math.exp(-r * Math.log1p(horizon / alpha));
      let below = nb;
      for (let k = 1; k <= 60; k++) {
        nb *= ((r + k - 1) / k) * (horizon / (alpha + horizon));
        below += nb;
      }
      const tail = Math.max(0, 1 - below);
      const label = `${JSON.stringify(parameters)}: sum ${sum}, tail bound ${tail}`;
      expect(sum, label).toBeLessThanOrEqual(1 + 1e-9);
      expect(sum, label).toBeGreaterThanOrEqual(1 - tail - 1e-9);
    }
  });
});

describe('BG/NBD expected purchases of a new customer against 120-digit values', () => {
  const points = JSON.parse(
    readFileSync(new URL('../fixtures/bgnbd/expected-purchases-mpmath.json', import.meta.url), 'utf8'),
  ) as Array<[number, number, number, number, number, number]>;

  it(`agree to 1e-9 relative at every one of the ${points.length} points`, () => {
    expect(points.length).toBeGreaterThan(500);
    for (const [r, alpha, a, b, horizon, expected] of points) {
      const got = bgNbdExpectedPurchasesNewCustomer({ r, alpha, a, b }, { horizon });
      expect(
        Math.abs(got - expected),
        `r ${r}, alpha ${alpha}, a ${a}, b ${b}, t ${horizon}: ${got} vs ${expected}`,
      ).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
    }
  });
});

describe('sBG predictions over alpha and beta from 1e-8 to 1e15 (the limits of item 2: alpha, beta -> 0 or infinity)', () => {
  const values = [1e-8, 1e-3, 1, 1e3, 1e8, 1e15];
  it('are finite; survival starts at 1 and never rises; rates and probabilities lie in [0, 1]', () => {
    for (const alpha of values) {
      for (const beta of values) {
        const p = { alpha, beta };
        const label = JSON.stringify(p);
        let before = 1;
        for (const period of [0, 1, 2, 10, 1000, 1_000_000]) {
          const now = sbgSurvival(p, { period });
          expect(now >= 0 && now <= before, `${label} S(${period}) = ${now} after ${before}`).toBe(true);
          before = now;
        }
        for (const value of [sbgRetentionRate(p, { period: 5 }), sbgChurnProbability(p, { period: 5 })])
          expect(value >= 0 && value <= 1, `${label}: ${value}`).toBe(true);
        for (const value of [
          sbgDiscountedExpectedLifetime(p, { discountRate: 0.1 }),
          sbgDiscountedResidualLifetime(p, { discountRate: 0.1, periodsActive: 3 }),
          sbgLifetimeValue(p, { margin: 100, discountRate: 0.1, periodsActive: 2 }),
        ]) {
          expect(Number.isFinite(Number(value)), `${label}: ${value}`).toBe(true);
        }
        let last = 1000;
        for (const n of sbgProjectedSurvivors(p, { customers: 1000, periods: 12 })) {
          expect(Number.isFinite(n) && n >= 0 && n <= last, `${label}: ${n} survivors after ${last}`).toBe(true);
          last = n;
        }
      }
    }
  });
});
