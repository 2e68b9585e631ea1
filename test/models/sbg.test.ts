/**
 * The sBG prediction functions. Expected values are worked out by hand in the
 * comments (alpha = beta = 1 gives S(t) = 1/(t + 1)), summed by brute force in
 * the test from the definitions (Fader and Hardie 2007, 2010), or computed at
 * 50 digits with the independent ln Gamma of test/models/independent.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  type SbgParameters,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedResidualLifetime,
  sbgExpectedLifetime,
  sbgLifetimeValue,
  sbgProjectedSurvivors,
  sbgRetentionRate,
  sbgSurvival,
} from '../../src';
import { mutationPart } from '../support/mutation';
import { D, decimalLogBeta, expectInputError, expectRelative } from './independent';

/** Retention in period t, r(t) = (beta + t - 1) / (alpha + beta + t - 1), with t - 1 added first. */
const retention = (alpha: number, beta: number, t: number): number => (beta + (t - 1)) / (alpha + beta + (t - 1));

/**
 * sum_{t >= n} S(t) / S(n - 1) / (1 + d)^(t - n) by brute force (n = 0: sum_{t >= 0} S(t) / (1 + d)^t),
 * with S(t) / S(n - 1) = r(n) r(n + 1) ... r(t). Every term is at most the one before times
 * v = 1 / (1 + d), so the tail after a term x is at most x v / (1 - v); the sum stops when that
 * is below 1e-15 of it. Kahan-compensated.
 */
function bruteForceDiscountedLifetime(alpha: number, beta: number, discountRate: number, n: number): number {
  const v = 1 / (1 + discountRate);
  let conditional = 1;
  let weight = 1;
  let sum = 0;
  let compensation = 0;
  for (let t = n; t < 10_000_000; t++) {
    if (t >= 1) conditional *= retention(alpha, beta, t);
    const term = conditional * weight;
    const y = term - compensation;
    const s = sum + y;
    compensation = s - sum - y;
    sum = s;
    if ((term * v) / (1 - v) < 1e-15 * sum) return sum;
    weight *= v;
  }
  throw new Error('brute-force sum did not converge');
}

/**
 * Up to t = 2000 the library multiplies t correctly rounded retention rates (error at most about
 * t x 1.1e-16 < 1e-12); beyond, it takes ln B differences, whose rounding is a few units in the
 * last place of ln Gamma(t), about 1e-12 of S(t) at t = 3000: 1e-10 leaves room.
 */
const tenureTolerance = (t: number): number => (t <= 2000 ? 1e-12 : 1e-10);

/** Calls a function with arguments the type system would refuse. */
const loose = <F extends (...args: never[]) => unknown>(f: F) => f as unknown as (...args: unknown[]) => unknown;

const ordinary: SbgParameters = { alpha: 0.704, beta: 1.182 };

describe('sbgSurvival, sbgRetentionRate and sbgChurnProbability', () => {
  describe('known values worked out by hand', () => {
    it('alpha = beta = 1: S(t) = 1/(t + 1)', () => {
      // r(i) = i / (i + 1), so S(t) = (1/2)(2/3)...(t/(t+1)) = 1/(t + 1)
      expect(sbgSurvival({ alpha: 1, beta: 1 }, { period: 0 })).toBe(1);
      expect(sbgSurvival({ alpha: 1, beta: 1 }, { period: 1 })).toBe(0.5);
      expect(sbgSurvival({ alpha: 1, beta: 1 }, { period: 3 })).toBe(0.25);
      for (let t = 0; t <= 3000; t++) {
        expectRelative(sbgSurvival({ alpha: 1, beta: 1 }, { period: t }), 1 / (t + 1), tenureTolerance(t), `S(${t})`);
      }
    });

    it('alpha = beta = 1: P(T = t) = 1/(t (t + 1)) and r(t) = t/(t + 1)', () => {
      // P(T = t) = S(t - 1) - S(t) = 1/t - 1/(t + 1)
      expect(sbgChurnProbability({ alpha: 1, beta: 1 }, { period: 1 })).toBe(0.5);
      for (let t = 1; t <= 3000; t++) {
        expectRelative(
          sbgChurnProbability({ alpha: 1, beta: 1 }, { period: t }),
          1 / (t * (t + 1)),
          tenureTolerance(t),
        );
        expectRelative(sbgRetentionRate({ alpha: 1, beta: 1 }, { period: t }), t / (t + 1), 1e-15);
      }
    });

    it('alpha = 2, beta = 3: S = 1, 3/5, 2/5, 2/7; P(T = t) = 2/5, 1/5, 4/35; r = 3/5, 2/3, 5/7', () => {
      // P(T = 1) = a/(a + b) = 2/5; P(T = 2) = (b + 0)/(a + b + 1) P(T = 1) = (3/6)(2/5) = 1/5;
      // P(T = 3) = (b + 1)/(a + b + 2) P(T = 2) = (4/7)(1/5) = 4/35; S(t) = 1 - sum: 3/5, 2/5, 2/7.
      const p = { alpha: 2, beta: 3 };
      const s = [1, 3 / 5, 2 / 5, 2 / 7];
      const churn = [2 / 5, 1 / 5, 4 / 35];
      const r = [3 / 5, 2 / 3, 5 / 7];
      for (let t = 0; t <= 3; t++) expectRelative(sbgSurvival(p, { period: t }), s[t] ?? Number.NaN, 1e-15);
      for (let t = 1; t <= 3; t++) {
        expectRelative(sbgChurnProbability(p, { period: t }), churn[t - 1] ?? Number.NaN, 1e-15);
        expectRelative(sbgRetentionRate(p, { period: t }), r[t - 1] ?? Number.NaN, 1e-15);
      }
    });

    it('accepts parameters as strings, bigints and Decimals, and a whole fit object', () => {
      const fit = { model: 'sbg', alpha: 2, beta: 3, logLikelihood: -1, converged: true };
      expect(sbgSurvival(fit, { period: 2 })).toBeCloseTo(0.4, 15);
      expect(loose(sbgSurvival)({ alpha: '2', beta: 3n }, { period: '2' })).toBeCloseTo(0.4, 15);
      expect(loose(sbgSurvival)({ alpha: new D(2), beta: new D('3') }, { period: 2 })).toBeCloseTo(0.4, 15);
    });
  });

  describe('properties', () => {
    const grid = [1e-3, 0.05, 1, 30, 1e3];

    it('survival is in [0, 1] and non-increasing over t = 0..5000 for alpha in {1e-3, 0.05, 1, 30, 1e3}, beta in {1e-3, 1, 1e3}', () => {
      for (const alpha of grid) {
        for (const beta of [1e-3, 1, 1e3]) {
          let previous = 1;
          // Under mutation testing (tens of times slower) the first 500 periods; in npm test all 5000.
          for (let t = 0; t <= (mutationPart ? 500 : 5000); t++) {
            const s = sbgSurvival({ alpha, beta }, { period: t });
            if (!(s >= 0 && s <= previous)) {
              expect.fail(`S(${t}) = ${s} for alpha ${alpha}, beta ${beta}, after ${previous}`);
            }
            previous = s;
          }
          expect(previous).toBeGreaterThanOrEqual(0);
        }
      }
    });

    it('S(t) / S(t - 1) is the retention rate r(t), also across t = 2000 -> 2001', () => {
      for (const alpha of grid) {
        for (const beta of grid) {
          for (const t of [1, 2, 10, 1999, 2000, 2001, 2002, 4000]) {
            const before = sbgSurvival({ alpha, beta }, { period: t - 1 });
            const after = sbgSurvival({ alpha, beta }, { period: t });
            if (before < 1e-250) continue; // both underflow towards 0
            expectRelative(after / before, retention(alpha, beta, t), 1e-10, `alpha ${alpha}, beta ${beta}, t ${t}`);
          }
        }
      }
    });

    it('matches B(alpha, beta + t) / B(alpha, beta) at 50 digits to 1e-8 for long tenure (t up to 1e6)', () => {
      for (const [alpha, beta] of [
        [0.704, 1.182],
        [0.05, 0.25],
        [2.5, 7],
        [1e-3, 1e3],
      ] as const) {
        for (const t of [10, 2000, 2001, 12_345, 123_456, 1_000_000]) {
          const expected = decimalLogBeta(alpha, beta + t)
            .minus(decimalLogBeta(alpha, beta))
            .exp();
          expectRelative(sbgSurvival({ alpha, beta }, { period: t }), expected, 1e-8, `alpha ${alpha}, t ${t}`);
        }
      }
    });

    it('retention rises with tenure: r(t + 1) > r(t), towards 1', () => {
      for (const alpha of grid) {
        for (const beta of [1e-3, 0.05, 1, 30]) {
          let previous = 0;
          for (let t = 1; t <= 200; t++) {
            const r = sbgRetentionRate({ alpha, beta }, { period: t });
            expect(r).toBeGreaterThan(previous);
            expect(r).toBeLessThan(1);
            previous = r;
          }
        }
      }
    });

    it('churn probabilities and survival add up: sum_{t=1}^{k} P(T = t) + S(k) = 1, for k up to 3000', () => {
      for (const p of [ordinary, { alpha: 0.05, beta: 0.25 }, { alpha: 3.8, beta: 15.2 }, { alpha: 1e3, beta: 1e-3 }]) {
        let cumulative = 0;
        for (let k = 1; k <= 3000; k++) {
          cumulative += sbgChurnProbability(p, { period: k });
          if (k % 250 === 0 || k <= 10) {
            const total = cumulative + sbgSurvival(p, { period: k });
            expect(Math.abs(total - 1), `alpha ${p.alpha}, k ${k}`).toBeLessThanOrEqual(tenureTolerance(k));
          }
        }
      }
    });

    it('churn in period t is S(t - 1) - S(t) and P(T = t) = (beta + t - 2)/(alpha + beta + t - 1) P(T = t - 1)', () => {
      const { alpha, beta } = ordinary;
      for (let t = 2; t <= 100; t++) {
        const p = sbgChurnProbability(ordinary, { period: t });
        const before = sbgChurnProbability(ordinary, { period: t - 1 });
        expectRelative(p, ((beta + t - 2) / (alpha + beta + t - 1)) * before, 1e-13);
        const difference = sbgSurvival(ordinary, { period: t - 1 }) - sbgSurvival(ordinary, { period: t });
        expectRelative(p, difference, 1e-10);
      }
    });
  });
});

describe('sbgProjectedSurvivors', () => {
  it('gives customers x S(t) for t = 0..periods', () => {
    for (const p of [ordinary, { alpha: 1, beta: 1 }, { alpha: 1e-3, beta: 1e3 }, { alpha: 1e3, beta: 1e-3 }]) {
      const projected = sbgProjectedSurvivors(p, { customers: 1000, periods: 2500 });
      expect(projected).toHaveLength(2501);
      expect(projected[0]).toBe(1000);
      for (const t of [1, 2, 7, 12, 100, 2000, 2001, 2500]) {
        const expected = 1000 * sbgSurvival(p, { period: t });
        const actual = projected[t] ?? Number.NaN;
        if (expected < 1e-250) expect(actual).toBeLessThan(1e-240);
        else expectRelative(actual, expected, 1e-10, `alpha ${p.alpha}, t ${t}`);
      }
    }
  });

  it('gives 1000/(t + 1) for alpha = beta = 1', () => {
    // S(t) = 1/(t + 1)
    const projected = sbgProjectedSurvivors({ alpha: 1, beta: 1 }, { customers: 1000, periods: 4 });
    const expected = [1000, 500, 1000 / 3, 250, 200];
    for (let t = 0; t <= 4; t++) expectRelative(projected[t] ?? Number.NaN, expected[t] ?? Number.NaN, 1e-15);
  });

  it('never rises, and gives zeros for a cohort of 0', () => {
    const projected = sbgProjectedSurvivors(ordinary, { customers: 5000, periods: 1000 });
    for (let t = 1; t < projected.length; t++) {
      expect(projected[t] ?? Number.NaN).toBeLessThanOrEqual(projected[t - 1] ?? Number.NaN);
    }
    expect(sbgProjectedSurvivors(ordinary, { customers: 0, periods: 3 })).toEqual([0, 0, 0, 0]);
  });
});

describe('sbgDiscountedExpectedLifetime (DEL) and sbgDiscountedResidualLifetime (DERL)', () => {
  const cases: ReadonlyArray<readonly [number, number, number]> = [
    [0.704, 1.182, 0.1],
    [0.668, 3.806, 0.1],
    [3.8, 15.2, 0.1],
    [1, 1, 0.05],
    [0.05, 0.25, 0.1],
    [0.05, 0.25, 0.001],
    [0.704, 1.182, 0.001],
    [1e-3, 1e3, 0.05],
    [1e3, 1e-3, 0.1],
  ];

  it.each(cases)('DEL = sum_{t>=0} S(t)/(1 + d)^t by brute force, alpha %d, beta %d, d %d, to 1e-10', (a, b, d) => {
    expectRelative(
      sbgDiscountedExpectedLifetime({ alpha: a, beta: b }, { discountRate: d }),
      bruteForceDiscountedLifetime(a, b, d, 0),
      1e-10,
    );
  });

  it.each(cases)('DERL = sum_{t>=n} S(t)/S(n-1)/(1 + d)^(t-n) by brute force, alpha %d, beta %d, d %d', (a, b, d) => {
    for (const n of [1, 2, 3, 5, 10, 100]) {
      expectRelative(
        sbgDiscountedResidualLifetime({ alpha: a, beta: b }, { discountRate: d, periodsActive: n }),
        bruteForceDiscountedLifetime(a, b, d, n),
        1e-10,
        `n = ${n}`,
      );
    }
  });

  it('alpha = beta = 1, d = 1: DEL = sum_t 2^-t / (t + 1) = 2 ln 2', () => {
    // sum_{t>=0} x^t / (t + 1) = -ln(1 - x) / x; at x = 1/2 that is 2 ln 2
    expectRelative(sbgDiscountedExpectedLifetime({ alpha: 1, beta: 1 }, { discountRate: 1 }), 2 * Math.LN2, 1e-13);
  });

  it('DERL rises with the periods a customer has been active (survivors are the loyal ones)', () => {
    let previous = 0;
    for (let n = 1; n <= 30; n++) {
      const derl = sbgDiscountedResidualLifetime(ordinary, { discountRate: 0.1, periodsActive: n });
      expect(derl).toBeGreaterThan(previous);
      previous = derl;
    }
    // ... and never reaches the no-churn limit sum_t (1 + d)^-t = (1 + d)/d = 11
    expect(previous).toBeLessThan(11);
  });

  it('DEL falls as the discount rate rises', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const d of [0.001, 0.01, 0.05, 0.1, 0.5, 0.9, 1]) {
      const del = sbgDiscountedExpectedLifetime(ordinary, { discountRate: d });
      expect(del).toBeLessThan(previous);
      expect(del).toBeGreaterThanOrEqual(1); // the first period always counts, undiscounted
      previous = del;
    }
  });
});

describe('sbgLifetimeValue', () => {
  it('is margin x DEL for a new customer and margin x DERL for an existing one', () => {
    for (const [a, b, d] of [
      [0.704, 1.182, 0.1],
      [0.05, 0.25, 0.001],
      [3.8, 15.2, 0.1],
    ] as const) {
      const p = { alpha: a, beta: b };
      for (const margin of [100, 12.5, -40]) {
        const del = sbgDiscountedExpectedLifetime(p, { discountRate: d });
        expect(sbgLifetimeValue(p, { margin, discountRate: d })).toBeCloseTo(margin * del, 10);
        expectRelative(
          sbgLifetimeValue(p, { margin, discountRate: d }),
          margin * bruteForceDiscountedLifetime(a, b, d, 0),
          1e-10,
        );
        for (const n of [1, 4, 12]) {
          const derl = sbgDiscountedResidualLifetime(p, { discountRate: d, periodsActive: n });
          const value = sbgLifetimeValue(p, { margin, discountRate: d, periodsActive: n });
          expectRelative(value, margin * derl, 1e-15);
          expectRelative(value, margin * bruteForceDiscountedLifetime(a, b, d, n), 1e-10, `n = ${n}`);
        }
      }
    }
  });

  it('is 0 for a margin of 0, and accepts the margin as a string', () => {
    expect(sbgLifetimeValue(ordinary, { margin: 0, discountRate: 0.1 })).toBe(0);
    const fromString = loose(sbgLifetimeValue)(ordinary, { margin: '100', discountRate: '0.1' }) as number;
    expect(fromString).toBe(sbgLifetimeValue(ordinary, { margin: 100, discountRate: 0.1 }));
  });
});

describe('sbgExpectedLifetime', () => {
  /**
   * sum_{t=0}^{T} S(t), T = 2,000,000. S(t) falls like (beta + t)^-alpha times beta^alpha, so the tail
   * beyond T is about beta^alpha T^(1 - alpha) / (alpha - 1): below 1e-9 of the sum for the cases here.
   */
  function bruteForceLifetime(alpha: number, beta: number): number {
    let s = 1;
    let sum = 1;
    for (let t = 1; t <= 2_000_000; t++) {
      s *= retention(alpha, beta, t);
      sum += s;
    }
    return sum;
  }

  it('gives (alpha + beta - 1)/(alpha - 1): alpha = 2, beta = 1 gives 2', () => {
    // S(t) = 2/((t + 1)(t + 2)), a telescoping sum 2 (1 - 1/2 + 1/2 - 1/3 + ...) = 2
    expectRelative(sbgExpectedLifetime({ alpha: 2, beta: 1 }), 2, 1e-15);
  });

  it('matches a long brute-force sum of S(t) for alpha > 1', () => {
    for (const [a, b] of [
      [3.8, 15.2],
      [2.5, 0.5],
      [10, 3],
      [4, 40],
    ] as const) {
      expectRelative(
        sbgExpectedLifetime({ alpha: a, beta: b }),
        bruteForceLifetime(a, b),
        1e-8,
        `alpha ${a}, beta ${b}`,
      );
    }
  });

  it('refuses alpha <= 1, where the mean lifetime is infinite, pointing to the discounted lifetime', () => {
    for (const alpha of [1, 0.704, 1e-3]) {
      const error = expectInputError(
        () => sbgExpectedLifetime({ alpha, beta: 1.182 }),
        /^sbgExpectedLifetime: parameters\.alpha must be greater than 1 .*sbgDiscountedExpectedLifetime/,
      );
      expect(error.field).toBe('parameters.alpha');
    }
  });
});

describe('no NaN, no Infinity for valid inputs', () => {
  const extremes = [1e-3, 1, 1e3, 1e8];

  it('holds for long tenure (1e6) and huge parameters (1e8) in every prediction', () => {
    for (const alpha of extremes) {
      for (const beta of extremes) {
        const p = { alpha, beta };
        const values: number[] = [];
        for (const period of [1, 2000, 2001, 1_000_000]) {
          values.push(sbgSurvival(p, { period }), sbgRetentionRate(p, { period }), sbgChurnProbability(p, { period }));
          values.push(sbgDiscountedResidualLifetime(p, { discountRate: 0.1, periodsActive: period }));
        }
        values.push(sbgDiscountedExpectedLifetime(p, { discountRate: 0.001 }));
        values.push(sbgDiscountedExpectedLifetime(p, { discountRate: 1 }));
        values.push(sbgLifetimeValue(p, { margin: 100, discountRate: 0.05, periodsActive: 1_000_000 }));
        values.push(...sbgProjectedSurvivors(p, { customers: 1e6, periods: 3000 }));
        if (alpha > 1) values.push(sbgExpectedLifetime(p));
        for (const value of values) {
          if (!Number.isFinite(value) || value < 0) expect.fail(`alpha ${alpha}, beta ${beta}: got ${value}`);
        }
        expect(values.length).toBeGreaterThan(20);
      }
    }
  });

  it('survival at astronomically long tenure stays in [0, 1] and near 1/(t + 1) for alpha = beta = 1', () => {
    // S(t) = 1/(t + 1) exactly; any whole period is a valid input.
    for (const t of [1e7, 1e9, 1e12, 1e15, 1e100, 1e300, 1e307]) {
      const s = sbgSurvival({ alpha: 1, beta: 1 }, { period: t });
      expect(s, `S(${t})`).toBeGreaterThanOrEqual(0);
      expect(s, `S(${t})`).toBeLessThanOrEqual(1);
      expectRelative(s, 1 / (t + 1), 1e-6, `S(${t})`);
    }
  });

  it('first-period values stay exact for tiny parameters: r(1) = beta/(alpha + beta), P(T = 1) = alpha/(alpha + beta)', () => {
    // alpha = 1e-10, beta = 3e-10: r(1) = S(1) = 3/4 and P(T = 1) = 1/4; the same for every scale.
    for (const scale of [1e-10, 1e-20, 1e-300]) {
      const p = { alpha: scale, beta: 3 * scale };
      expectRelative(sbgRetentionRate(p, { period: 1 }), 0.75, 1e-12, `r(1) at ${scale}`);
      expectRelative(sbgSurvival(p, { period: 1 }), 0.75, 1e-12, `S(1) at ${scale}`);
      expectRelative(sbgChurnProbability(p, { period: 1 }), 0.25, 1e-12, `P(T = 1) at ${scale}`);
      expectRelative(sbgProjectedSurvivors(p, { customers: 100, periods: 1 })[1] ?? Number.NaN, 75, 1e-12);
    }
  });

  it('holds for the smallest positive alpha (1e-310) beyond 2000 periods', () => {
    // With alpha -> 0 nearly every customer's churn probability is 0: S(t) -> 1.
    const s = sbgSurvival({ alpha: 1e-310, beta: 1 }, { period: 3000 });
    expect(Number.isFinite(s), `S(3000) = ${s}`).toBe(true);
    expectRelative(s, 1, 1e-12);
  });
});

describe('bad input', () => {
  const p = ordinary;
  const predictions = [
    { name: 'sbgSurvival', call: (q: unknown) => loose(sbgSurvival)(q, { period: 1 }) },
    { name: 'sbgRetentionRate', call: (q: unknown) => loose(sbgRetentionRate)(q, { period: 1 }) },
    { name: 'sbgChurnProbability', call: (q: unknown) => loose(sbgChurnProbability)(q, { period: 1 }) },
    {
      name: 'sbgProjectedSurvivors',
      call: (q: unknown) => loose(sbgProjectedSurvivors)(q, { customers: 1, periods: 1 }),
    },
    { name: 'sbgExpectedLifetime', call: (q: unknown) => loose(sbgExpectedLifetime)(q) },
    {
      name: 'sbgDiscountedExpectedLifetime',
      call: (q: unknown) => loose(sbgDiscountedExpectedLifetime)(q, { discountRate: 0.1 }),
    },
    {
      name: 'sbgDiscountedResidualLifetime',
      call: (q: unknown) => loose(sbgDiscountedResidualLifetime)(q, { discountRate: 0.1, periodsActive: 1 }),
    },
    { name: 'sbgLifetimeValue', call: (q: unknown) => loose(sbgLifetimeValue)(q, { margin: 1, discountRate: 0.1 }) },
  ];
  const badParameters: ReadonlyArray<{ label: string; value: unknown; message: RegExp }> = [
    { label: 'alpha 0', value: { alpha: 0, beta: 1 }, message: /parameters\.alpha must be greater than 0, got 0$/ },
    { label: 'alpha -1', value: { alpha: -1, beta: 1 }, message: /parameters\.alpha must be greater than 0, got -1$/ },
    {
      label: 'beta NaN',
      value: { alpha: 1, beta: Number.NaN },
      message: /parameters\.beta must be a number, got NaN$/,
    },
    {
      label: 'beta Infinity',
      value: { alpha: 1, beta: Number.POSITIVE_INFINITY },
      message: /parameters\.beta must be finite/,
    },
    {
      label: "alpha '1e400'",
      value: { alpha: '1e400', beta: 1 },
      message: /parameters\.alpha must be within the range/,
    },
    { label: "alpha 'abc'", value: { alpha: 'abc', beta: 1 }, message: /parameters\.alpha must be a plain decimal/ },
    { label: 'beta missing', value: { alpha: 1 }, message: /parameters\.beta is required$/ },
    { label: 'parameters 5', value: 5, message: /parameters must be the fitted parameters \{ alpha, beta \}, got 5$/ },
    { label: 'parameters null', value: null, message: /parameters must be the fitted parameters .*, got null$/ },
    {
      label: 'parameters [1, 2]',
      value: [1, 2],
      message: /parameters must be the fitted parameters .*, got an array$/,
    },
    { label: 'parameters missing', value: undefined, message: /parameters must be the fitted parameters/ },
  ];

  for (const { name, call } of predictions) {
    it.each(badParameters)(`${name} refuses parameters with $label, naming the function and the field`, (bad) => {
      const error = expectInputError(() => call(bad.value), new RegExp(`^${name}: ${bad.message.source}`));
      expect(error.functionName).toBe(name);
      expect(error.field?.startsWith('parameters')).toBe(true);
    });
  }

  it.each([
    ['a fraction', 1.5, /^sbgSurvival: period must be a whole number of periods, 0 or more, got 1\.5$/],
    ['a negative number', -1, /^sbgSurvival: period must be a whole number of periods, 0 or more, got -1$/],
    ['NaN', Number.NaN, /^sbgSurvival: period must be a number, got NaN$/],
    ["the string '2.5'", '2.5', /^sbgSurvival: period must be a whole number/],
  ])('sbgSurvival refuses a period that is %s', (_label, period, message) => {
    expectInputError(() => loose(sbgSurvival)(p, { period }), message);
  });

  it('sbgRetentionRate and sbgChurnProbability refuse period 0 (they are about a period, from 1)', () => {
    expectInputError(() => sbgRetentionRate(p, { period: 0 }), /^sbgRetentionRate: period must be 1 or more/);
    expectInputError(() => sbgChurnProbability(p, { period: 0 }), /^sbgChurnProbability: period must be 1 or more/);
    expectInputError(() => sbgChurnProbability(p, { period: 2.5 }), /^sbgChurnProbability: period must be a whole/);
  });

  it('refuses missing options, naming the first required field', () => {
    expectInputError(() => loose(sbgSurvival)(p), /^sbgSurvival: period is required$/);
    expectInputError(() => loose(sbgRetentionRate)(p, {}), /^sbgRetentionRate: period is required$/);
    expectInputError(
      () => loose(sbgProjectedSurvivors)(p, { periods: 3 }),
      /^sbgProjectedSurvivors: customers is required$/,
    );
    expectInputError(
      () => loose(sbgDiscountedExpectedLifetime)(p),
      /^sbgDiscountedExpectedLifetime: discountRate is needed: give discountRate \(per period\) or annualDiscountRate \(per year\), greater than 0$/,
    );
    expectInputError(
      () => loose(sbgDiscountedResidualLifetime)(p, { discountRate: 0.1 }),
      /^sbgDiscountedResidualLifetime: periodsActive is required$/,
    );
    expectInputError(() => loose(sbgLifetimeValue)(p, { discountRate: 0.1 }), /^sbgLifetimeValue: margin is required$/);
  });

  it('refuses unknown options (a misspelt one is not silently dropped)', () => {
    expectInputError(
      () => loose(sbgSurvival)(p, { period: 1, periods: 2 }),
      /^sbgSurvival: periods is not an option here/,
    );
    expectInputError(
      () => loose(sbgLifetimeValue)(p, { margin: 1, discountRate: 0.1, tenure: 3 }),
      /^sbgLifetimeValue: tenure is not an option here/,
    );
    expectInputError(
      () => loose(sbgDiscountedExpectedLifetime)(p, { discountrate: 0.1 }),
      /^sbgDiscountedExpectedLifetime: discountrate is not an option here \(did you mean discountRate\?\)/,
    );
  });

  it('refuses options that are not an object', () => {
    expectInputError(() => loose(sbgSurvival)(p, 5), /^sbgSurvival: options must be an options object, got 5$/);
    expectInputError(() => loose(sbgLifetimeValue)(p, [100]), /^sbgLifetimeValue: options must be an options object/);
  });

  it('refuses out-of-range options of the lifetime functions', () => {
    expectInputError(
      () => sbgDiscountedExpectedLifetime(p, { discountRate: 0 }),
      /^sbgDiscountedExpectedLifetime: discountRate must be greater than 0, got 0$/,
    );
    expectInputError(
      () => sbgDiscountedResidualLifetime(p, { discountRate: -0.1, periodsActive: 2 }),
      /^sbgDiscountedResidualLifetime: discountRate must be greater than 0/,
    );
    expectInputError(
      () => sbgDiscountedResidualLifetime(p, { discountRate: 0.1, periodsActive: 0 }),
      /^sbgDiscountedResidualLifetime: periodsActive must be 1 or more, got 0$/,
    );
    expectInputError(
      () => sbgDiscountedResidualLifetime(p, { discountRate: 0.1, periodsActive: 2.5 }),
      /^sbgDiscountedResidualLifetime: periodsActive must be a whole number/,
    );
    expectInputError(
      () => sbgLifetimeValue(p, { margin: Number.NaN, discountRate: 0.1 }),
      /^sbgLifetimeValue: margin must be a number, got NaN$/,
    );
    expectInputError(
      () => sbgLifetimeValue(p, { margin: 1, discountRate: 0.1, periodsActive: 0 }),
      /^sbgLifetimeValue: periodsActive must be 1 or more, got 0$/,
    );
    expectInputError(
      () => sbgProjectedSurvivors(p, { customers: -1, periods: 3 }),
      /^sbgProjectedSurvivors: customers must not be negative, got -1$/,
    );
    expectInputError(
      () => sbgProjectedSurvivors(p, { customers: 10, periods: 1.5 }),
      /^sbgProjectedSurvivors: periods must be a whole number/,
    );
    expectInputError(
      () => sbgProjectedSurvivors(p, { customers: 10, periods: 1e7 }),
      /^sbgProjectedSurvivors: periods must be at most 1000000, got 10000000$/,
    );
  });

  // Reaching the refusal takes the series' full term budget: seconds here, minutes under mutation testing.
  it.skipIf(mutationPart)(
    'refuses a discount rate too small for the series, naming discountRate, instead of running for minutes',
    () => {
      expectInputError(
        () => sbgDiscountedExpectedLifetime(p, { discountRate: 1e-9 }),
        /^sbgDiscountedExpectedLifetime: discountRate is too small/,
      );
    },
  );
});
