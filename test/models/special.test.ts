/**
 * The special functions behind the models: ln Gamma, ln Beta, the Gauss
 * hypergeometric series and the chi-square tail. Expected values are exact
 * (factorials in BigInt), closed forms derived in the comments, Stirling's
 * series at 50 digits (test/models/independent.ts), a brute-force decimal.js
 * sum of the hypergeometric series at 50 digits, or erfc values confirmed with
 * Python (`python3 -c "import math; print(math.erfc(1))"`).
 */
import { describe, expect, it } from 'vitest';
import { chiSquare1Survival, erfc } from '../../src/models/special/chiSquare';
import { hypergeometric2F1 } from '../../src/models/special/hypergeometric';
import { logBeta, logGamma } from '../../src/models/special/logGamma';
import { D, type Dec, decimalLogBeta, decimalLogGamma, exact, expectRelative } from './independent';

/** ln(n!) at 50 digits from the exact BigInt factorial. */
function logFactorial(n: number): Dec {
  let factorial = 1n;
  for (let k = 2n; k <= BigInt(n); k++) factorial *= k;
  return new D(factorial.toString()).ln();
}

/** |actual - expected| <= tolerance x max(1, |expected|): relative, or absolute near the zeros of ln Gamma. */
function expectClose(actual: number, expected: Dec, tolerance: number, label: string): void {
  const e = expected.toNumber();
  expect(Number.isFinite(actual), `${label} is finite (got ${actual})`).toBe(true);
  expect(Math.abs(actual - e) / Math.max(1, Math.abs(e)), `${label}: got ${actual}, expected ${e}`).toBeLessThanOrEqual(
    tolerance,
  );
}

/**
 * ln B(a, b) is a difference of ln Gammas, so for large arguments its rounding
 * error is a few units in the last place of ln Gamma(a + b), not of the result:
 * the tolerance is 1e-14 x max(1, |ln B|, |ln Gamma(a + b)|).
 */
function expectLogBeta(a: number, b: number, expected: Dec): void {
  const e = expected.toNumber();
  const scale = Math.max(1, Math.abs(e), Math.abs(decimalLogGamma(exact(a).plus(exact(b))).toNumber()));
  const actual = logBeta(a, b);
  expect(Math.abs(actual - e) / scale, `lnB(${a}, ${b}): got ${actual}, expected ${e}`).toBeLessThanOrEqual(1e-14);
}

/**
 * 2F1(a, b; c; z) by brute force at 50 digits: the terms
 * t_{k+1} = t_k (a + k)(b + k) z / ((c + k)(k + 1)), summed until the tail,
 * at most t_k r / (1 - r) with r bounding every later ratio, is below 1e-20 of
 * the sum. z is taken at its exact binary value.
 */
function bruteForce2F1(a: number, b: number, c: number, z: number): number {
  const [da, db, dc, dz] = [exact(a), exact(b), exact(c), exact(z)];
  const ratio = (k: number): Dec =>
    da
      .plus(k)
      .times(db.plus(k))
      .times(dz)
      .div(dc.plus(k).times(k + 1));
  let term = new D(1);
  let sum = new D(1);
  let next = ratio(0);
  for (let k = 0; k < 1_000_000; k++) {
    term = term.times(next);
    sum = sum.plus(term);
    next = ratio(k + 1);
    const r = D.max(next, dz);
    if (r.lt(1) && term.times(r).div(new D(1).minus(r)).lt(sum.times('1e-20'))) return sum.toNumber();
  }
  throw new Error('brute-force series did not converge');
}

/** The library's 2F1 value, failing the test when it gives up. */
function f21(a: number, b: number, c: number, z: number): number {
  const result = hypergeometric2F1(a, b, c, z);
  expect(result, `2F1(${a}, ${b}; ${c}; ${z}) converges`).toBeDefined();
  return result?.value ?? Number.NaN;
}

describe('logGamma', () => {
  it('equals ln((n - 1)!) for every whole n from 1 to 170 (BigInt factorials)', () => {
    for (let n = 1; n <= 170; n++) {
      const expected = logFactorial(n - 1);
      if (n <= 2) {
        // ln 0! = ln 1! = 0: absolute
        expect(Math.abs(logGamma(n)), `lnGamma(${n})`).toBeLessThanOrEqual(1e-15);
      } else {
        expectRelative(logGamma(n), expected, 1e-13, `lnGamma(${n})`);
      }
    }
  });

  it('gives ln Gamma(1/2) = ln(sqrt(pi))', () => {
    expectRelative(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    expectRelative(logGamma(0.5), D.acos(-1).sqrt().ln(), 1e-14);
  });

  it('gives ln Gamma(3/2) = ln(sqrt(pi) / 2) and ln Gamma(5/2) = ln(3 sqrt(pi) / 4)', () => {
    expectRelative(logGamma(1.5), D.acos(-1).sqrt().div(2).ln(), 1e-14);
    expectRelative(logGamma(2.5), D.acos(-1).sqrt().times(3).div(4).ln(), 1e-14);
  });

  it("matches Stirling's series at 50 digits over (0, 5.5] and beyond, to 1e-14 (absolute near its zeros at 1 and 2)", () => {
    const xs: number[] = [];
    for (let i = 1; i <= 400; i++) xs.push(i * 0.0137);
    xs.push(
      1e-15,
      1e-8,
      1e-5,
      1e-3,
      0.01,
      0.999,
      1.001,
      1.999,
      2.001,
      12.34,
      33.3,
      99.9,
      170.5,
      171.6,
      500.25,
      1e4 + 0.3,
    );
    for (const x of xs) expectClose(logGamma(x), decimalLogGamma(x), 1e-14, `lnGamma(${x})`);
  });

  it('satisfies the reflection formula ln Gamma(x) + ln Gamma(1 - x) = ln(pi / sin(pi x))', () => {
    for (const x of [1e-6, 0.01, 0.1, 0.25, 1 / 3, 0.4, 0.49, 0.6, 0.75, 0.9, 0.999]) {
      // pi / sin(pi x) at 50 digits, for the binary x
      const dx = exact(x);
      const expected = D.acos(-1)
        .div(D.sin(D.acos(-1).times(dx)))
        .ln();
      expectClose(logGamma(x) + logGamma(1 - x), expected, 1e-14, `reflection at ${x}`);
    }
  });

  it('satisfies the recurrence ln Gamma(x + 1) = ln Gamma(x) + ln x across the reflection branch (x < 0.5)', () => {
    for (const x of [1e-9, 0.001, 0.05, 0.2, 0.3, 0.45, 0.49999]) {
      expectClose(logGamma(x + 1), new D(logGamma(x)).plus(exact(x).ln()), 1e-14, `recurrence at ${x}`);
    }
  });

  it("satisfies Legendre's duplication formula Gamma(x) Gamma(x + 1/2) = 2^(1 - 2x) sqrt(pi) Gamma(2x)", () => {
    for (const x of [0.1, 0.3, 0.7, 1.3, 4.25, 17.5, 250.125]) {
      const left = logGamma(x) + logGamma(x + 0.5);
      const right = new D(1 - 2 * x)
        .times(new D(2).ln())
        .plus(D.acos(-1).sqrt().ln())
        .plus(new D(logGamma(2 * x)));
      expectClose(left, right, 1e-14, `duplication at ${x}`);
    }
  });

  it("follows Stirling's series for very large x (1e10, 1e100, 1e300) without overflowing", () => {
    for (const x of [1e10, 1e15, 1e100, 1e200, 1e300]) {
      // (x - 1/2) ln x - x + ln(2 pi)/2 + 1/(12x) - 1/(360x^3) + 1/(1260x^5), at 50 digits
      const dx = exact(x);
      const stirling = dx
        .minus(0.5)
        .times(dx.ln())
        .minus(dx)
        .plus(D.acos(-1).times(2).ln().div(2))
        .plus(new D(1).div(dx.times(12)))
        .minus(new D(1).div(dx.pow(3).times(360)))
        .plus(new D(1).div(dx.pow(5).times(1260)));
      const value = logGamma(x);
      expect(Number.isFinite(value), `lnGamma(${x}) is finite`).toBe(true);
      expectRelative(value, stirling, 1e-14, `lnGamma(${x})`);
    }
  });

  it('behaves as -ln x - gamma x for tiny x, down to 1e-300', () => {
    // ln Gamma(x) = -ln x - gamma_E x + (pi^2/12) x^2 + O(x^3)
    const eulerGamma = 0.5772156649015329;
    for (const x of [1e-300, 1e-200, 1e-100, 1e-20, 1e-12]) {
      expectRelative(logGamma(x), -Math.log(x) - eulerGamma * x, 1e-15, `lnGamma(${x})`);
    }
  });

  it('is finite for subnormal x such as 1e-310 (ln Gamma(1e-310) = 713.80...)', () => {
    // Gamma(x) ~ 1/x, so ln Gamma(1e-310) = -ln(1e-310) = 310 ln 10 = 713.8013788...; no value of
    // x > 0 has an infinite ln Gamma. Every positive number is a valid model parameter.
    for (const x of [1e-310, 5e-324]) {
      expectRelative(logGamma(x), decimalLogGamma(x), 1e-14, `lnGamma(${x})`);
    }
  });
});

describe('logBeta', () => {
  it('gives ln B(1, b) = -ln b and ln B(a, 1) = -ln a', () => {
    for (const v of [1e-3, 0.3, 1, 2.5, 40, 1e6]) {
      expectLogBeta(1, v, new D(v).ln().neg());
      expectLogBeta(v, 1, new D(v).ln().neg());
    }
  });

  it('gives ln B(1/2, 1/2) = ln pi', () => {
    expectRelative(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
  });

  it('gives ln((m - 1)! (n - 1)! / (m + n - 1)!) for whole m and n', () => {
    for (const [m, n] of [
      [2, 3],
      [5, 7],
      [20, 1],
      [60, 90],
    ] as const) {
      const expected = logFactorial(m - 1)
        .plus(logFactorial(n - 1))
        .minus(logFactorial(m + n - 1));
      expectRelative(logBeta(m, n), expected, 1e-13, `lnB(${m}, ${n})`);
    }
  });

  it('matches ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b) at 50 digits, large arguments included', () => {
    for (const [a, b] of [
      [0.704, 1.182],
      [0.05, 0.25],
      [1e-3, 1e3],
      [1e3, 1e-3],
      [3.8, 15.2],
      [1e8, 1e8],
    ] as const) {
      expectLogBeta(a, b, decimalLogBeta(a, b));
    }
  });

  it('is symmetric: ln B(a, b) = ln B(b, a)', () => {
    for (const [a, b] of [
      [0.3, 7],
      [2.5, 0.01],
      [1e5, 3],
    ] as const) {
      expect(logBeta(a, b)).toBeCloseTo(logBeta(b, a), 9);
    }
  });
});

describe('hypergeometric2F1', () => {
  it('gives 2F1(1, 1; 2; z) = -ln(1 - z) / z, up to z = 0.999', () => {
    for (const z of [1e-6, 0.1, 0.5, 0.9, 0.99, 0.999]) {
      expectRelative(f21(1, 1, 2, z), -Math.log1p(-z) / z, 1e-10, `z = ${z}`);
    }
  });

  it('gives 2F1(a, b; b; z) = (1 - z)^-a (the binomial series)', () => {
    for (const [a, b, z] of [
      [2.5, 3, 0.9],
      [1, 0.25, 0.999],
      [0.3, 7, 0.5],
      [1, 1, 0.999],
    ] as const) {
      // 1 - z is exact in binary for z in [0.5, 1] (Sterbenz), so (1 - z)^-a is the exact target.
      expectRelative(f21(a, b, b, z), (1 - z) ** -a, 1e-10, `2F1(${a}, ${b}; ${b}; ${z})`);
    }
  });

  it('gives 2F1(1, 1/2; 3/2; z) = atanh(sqrt z) / sqrt z and 2F1(1/2, 1/2; 3/2; z) = asin(sqrt z) / sqrt z', () => {
    // 2F1(1, b; b + 1; z) = sum_k b / (b + k) z^k; with b = 1/2 that is sum_k z^k / (2k + 1) = atanh(sqrt z) / sqrt z.
    // 2F1(1/2, 1/2; 3/2; x^2) = asin(x) / x (Abramowitz and Stegun 15.1.6).
    for (const z of [0.25, 0.9, 0.999]) {
      const root = Math.sqrt(z);
      const atanh = exact(root).atanh().div(exact(root));
      const asin = exact(root).asin().div(exact(root));
      // sqrt(z) rounds, so the targets are taken at the rounded root squared, to 1e-15 relative.
      expectRelative(f21(1, 0.5, 1.5, root * root), atanh, 1e-10, `atanh form at ${z}`);
      expectRelative(f21(0.5, 0.5, 1.5, root * root), asin, 1e-10, `asin form at ${z}`);
    }
  });

  it('gives 2F1(1, 2; 3; z) = 2 (-ln(1 - z) - z) / z^2', () => {
    // 2F1(1, b; b + 1; z) = b sum_k z^k / (b + k) = b F_b. With F_{b+1} = (F_b - 1/b) / z
    // (shift the sum by one) and F_1 = -ln(1 - z) / z: F_2 = (-ln(1 - z) - z) / z^2.
    for (const z of [0.1, 0.5, 0.99, 0.999]) {
      const dz = exact(z);
      const expected = new D(1).minus(dz).ln().neg().minus(dz).times(2).div(dz.times(dz));
      expectRelative(f21(1, 2, 3, z), expected, 1e-10, `z = ${z}`);
    }
  });

  it('satisfies 2F1(1, b + 1; b + 2; z) = (b + 1) / (b z) (2F1(1, b; b + 1; z) - 1) for small b', () => {
    // Derived above: (b + 1) F_{b+1} = (b + 1) (F_b - 1/b) / z with 2F1(1, b; b + 1; z) = b F_b.
    for (const [b, z] of [
      [0.25, 0.999],
      [0.01, 0.9],
      [3.5, 0.99],
    ] as const) {
      const lower = f21(1, b, b + 1, z);
      expectRelative(f21(1, b + 1, b + 2, z), ((b + 1) / (b * z)) * (lower - 1), 1e-10, `b = ${b}, z = ${z}`);
    }
  });

  it('matches a brute-force 50-digit sum with small parameters (a = 1, b = 0.25, c = 0.3) up to z = 0.999', () => {
    for (const z of [0.5, 0.9, 0.999]) {
      expectRelative(f21(1, 0.25, 0.3, z), bruteForce2F1(1, 0.25, 0.3, z), 1e-10, `z = ${z}`);
    }
  });

  it('matches a brute-force 50-digit sum for the DEL and DERL shapes 2F1(1, beta + n; alpha + beta + n; 1/(1 + d))', () => {
    for (const [b, c, z] of [
      [1.182, 1.886, 1 / 1.1],
      [15.2 + 5, 19 + 5, 1 / 1.1],
      [0.25 + 7, 0.3 + 7, 1 / 1.01],
      [1e3, 1e3 + 1e-3, 0.5],
    ] as const) {
      expectRelative(f21(1, b, c, z), bruteForce2F1(1, b, c, z), 1e-10, `2F1(1, ${b}; ${c}; ${z})`);
    }
  });

  it('matches a brute-force 50-digit sum when a and b both differ from 1 (b > c: ratios fall towards z)', () => {
    for (const [a, b, c, z] of [
      [0.3, 2.5, 1.7, 0.95],
      [2, 3, 1.5, 0.3],
    ] as const) {
      expectRelative(f21(a, b, c, z), bruteForce2F1(a, b, c, z), 1e-10, `2F1(${a}, ${b}; ${c}; ${z})`);
    }
  });

  it('is 1 at z = 0 and counts the terms it used', () => {
    expect(hypergeometric2F1(1, 2, 3, 0)?.value).toBe(1);
    const result = hypergeometric2F1(1, 1, 2, 0.5);
    expect(result?.terms).toBeGreaterThan(10);
    expect(result?.terms).toBeLessThan(100);
  });

  it('reports undefined, never an inaccurate value, when maxTerms is too small', () => {
    expect(hypergeometric2F1(1, 1, 2, 0.999, 100)).toBeUndefined();
    expect(hypergeometric2F1(1, 1, 2, 0.999, 1_000_000)).toBeDefined();
  });
});

describe('erfc', () => {
  // Values confirmed with python3 (math.erfc), which is accurate to the last bit.
  const known: ReadonlyArray<readonly [number, number]> = [
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [5, 1.5374597944280351e-12],
    [10, 2.088487583762545e-45],
    [-1, 1.842700792949715],
    [-2.5, 1.999593047982555],
  ];

  it.each(known)('erfc(%d) agrees with Python to 2e-7 relative', (x, expected) => {
    expectRelative(erfc(x), expected, 2e-7, `erfc(${x})`);
  });

  it('matches the Maclaurin series of erf at 50 digits over [0, 4] to 2e-7 relative', () => {
    // erfc(x) = 1 - (2 / sqrt(pi)) sum_n (-1)^n x^(2n+1) / (n! (2n + 1)); 50 digits absorb the cancellation.
    const twoOverRootPi = new D(2).div(D.acos(-1).sqrt());
    for (let i = 0; i <= 40; i++) {
      const x = exact(i / 10);
      let term = x;
      let sum = x;
      for (let n = 1; n < 400; n++) {
        term = term.times(x).times(x).neg().div(n);
        const add = term.div(2 * n + 1);
        sum = sum.plus(add);
        if (add.abs().lt('1e-45')) break;
      }
      expectRelative(erfc(i / 10), new D(1).minus(twoOverRootPi.times(sum)), 2e-7, `erfc(${i / 10})`);
    }
  });

  it('stays in [0, 2] and falls with x', () => {
    let previous = 2;
    for (let x = -6; x <= 30; x += 0.25) {
      const value = erfc(x);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(2);
      expect(value).toBeLessThanOrEqual(previous);
      previous = value;
    }
  });
});

describe('chiSquare1Survival', () => {
  it('gives the textbook 5 % and 1 % critical values of chi-square with one degree of freedom', () => {
    // qchisq(0.95, 1) = 3.841458820694124 and qchisq(0.99, 1) = 6.634896601021214 (standard tables)
    expectRelative(chiSquare1Survival(3.841458820694124), 0.05, 2e-7);
    expectRelative(chiSquare1Survival(6.634896601021214), 0.01, 2e-7);
  });

  it('gives P(X > 1) = erfc(1 / sqrt 2) = 0.31731050786291415 (Python)', () => {
    expectRelative(chiSquare1Survival(1), 0.31731050786291415, 2e-7);
  });

  it('is 1 for x <= 0 and falls towards 0 as x grows', () => {
    expect(chiSquare1Survival(0)).toBe(1);
    expect(chiSquare1Survival(-3)).toBe(1);
    let previous = 1;
    for (let x = 0.5; x < 200; x *= 1.5) {
      const p = chiSquare1Survival(x);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });
});
