/**
 * The internal optimisers the model fits rely on: bfgs (quasi-Newton with an
 * Armijo backtracking line search) and nelderMead (simplex search with one
 * restart). The fits only see the optimum, so these tests pin the pieces that
 * get there: the inverse-Hessian update and its first-step scaling, the line
 * search, the stopping rules and defaults, the simplex moves and the handling
 * of non-finite values. Every expected number is worked out by hand in the
 * comments (known minima, exact traces on dyadic numbers, exact invariances).
 */
import { describe, expect, it } from 'vitest';
import { bfgs } from '../../src/models/internal/bfgs';
import { nelderMead } from '../../src/models/internal/nelderMead';

type ValueAndGradient = (x: number[]) => [number, number[]];

const at = (v: readonly number[], i: number): number => v[i] as number;
const maxAbs = (v: readonly number[]): number => v.reduce((m, vi) => Math.max(m, Math.abs(vi)), 0);
const matVec = (a: readonly number[][], v: readonly number[]): number[] =>
  a.map((row) => row.reduce((s, aij, j) => s + aij * at(v, j), 0));
const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, ui, i) => s + ui * at(v, i), 0);

/** f(x) = c + (x - m)'A(x - m)/2 with gradient A(x - m): minimum m, value c. */
function quadratic(a: number[][], m: number[], c = 0): ValueAndGradient {
  return (x) => {
    const d = x.map((xi, i) => xi - at(m, i));
    const ad = matVec(a, d);
    return [c + dot(d, ad) / 2, ad];
  };
}

/** diag(10^(4i/(n-1))): eigenvalues from 1 to 1e4, so condition number 1e4. */
function badlyScaledDiagonal(n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 10 ** ((4 * i) / (n - 1)) : 0)),
  );
}

/** Q D Q with the Householder reflection Q = I - 2vv'/v'v, v = (1, 2, ..., n): same eigenvalues, no zero entries. */
function correlated(d: number[][]): number[][] {
  const n = d.length;
  const vv = (n * (n + 1) * (2 * n + 1)) / 6;
  const q = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - (2 * (i + 1) * (j + 1)) / vv),
  );
  const qd = q.map((row) => d.map((_, j) => row.reduce((s, qik, k) => s + qik * at(d[k] as number[], j), 0)));
  return qd.map((row) => q.map((_, j) => row.reduce((s, r, k) => s + r * at(q[k] as number[], j), 0)));
}

const rosenbrock: ValueAndGradient = (x) => {
  const [a, b] = [at(x, 0), at(x, 1)];
  return [(1 - a) ** 2 + 100 * (b - a * a) ** 2, [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]];
};

/** Wraps fg so that every point it is called at is recorded, in order. */
function recorded<F extends (x: number[]) => unknown>(fn: F): { calls: number[][]; fn: F } {
  const calls: number[][] = [];
  const wrapped = ((x: number[]) => {
    calls.push(x.slice());
    return fn(x);
  }) as F;
  return { calls, fn: wrapped };
}

/**
 * Steepest descent with exactly bfgs's line search (unit first step capped to
 * one unit per coordinate, Armijo constant 1e-4, halving): what bfgs would be
 * if its inverse-Hessian estimate stayed the identity.
 */
function steepestDescent(fg: ValueAndGradient, start: number[], maxIterations: number): { converged: boolean } {
  let x = start.slice();
  let [f, g] = fg(x);
  for (let k = 1; k <= maxIterations; k++) {
    if (maxAbs(g) <= 1e-6) return { converged: true };
    const slope = -dot(g, g);
    let step = k === 1 && maxAbs(g) > 1 ? 1 / maxAbs(g) : 1;
    for (let tries = 0; tries < 60; tries++) {
      const next = x.map((xi, i) => xi - step * at(g, i));
      const [fNext, gNext] = fg(next);
      if (fNext <= f + 1e-4 * step * slope) {
        [x, f, g] = [next, fNext, gNext];
        break;
      }
      step /= 2;
    }
  }
  return { converged: maxAbs(g) <= 1e-6 };
}

describe('bfgs: minima', () => {
  it.each([2, 3, 4, 5])(
    'finds the minimum of a badly scaled (condition 1e4) %i-dimensional quadratic, diagonal and correlated',
    (n) => {
      const m = Array.from({ length: n }, (_, i) => i + 1);
      for (const a of [badlyScaledDiagonal(n), correlated(badlyScaledDiagonal(n))]) {
        const fg = quadratic(a, m, 7);
        const result = bfgs(fg, new Array<number>(n).fill(0));
        expect(result.converged).toBe(true);
        // Converged by the gradient test: every |g_i| <= 1e-6 at the point returned.
        expect(maxAbs(fg(result.point)[1])).toBeLessThanOrEqual(1e-6);
        // x - m = A^-1 g, and ||A^-1|| = 1/lambda_min = 1, so |x_i - m_i| <= ||g||_2 <= sqrt(n) 1e-6.
        for (let i = 0; i < n; i++)
          expect(Math.abs(at(result.point, i) - at(m, i))).toBeLessThanOrEqual(Math.sqrt(n) * 1e-6);
        // f - 7 = g'A^-1 g / 2 <= n 1e-12 / 2.
        expect(result.value - 7).toBeGreaterThanOrEqual(0);
        expect(result.value - 7).toBeLessThanOrEqual(n * 1e-12);
        // Efficiency. On an n-dimensional quadratic BFGS learns the curvature from about n steps
        // (with exact line searches it ends in exactly n); these line searches are inexact, so
        // allow ten iterations per dimension. Steepest descent needs on the order of the
        // condition number (1e4) of iterations here: see the next test.
        expect(result.iterations).toBeLessThanOrEqual(10 * n);
      }
    },
  );

  it('steepest descent with the same line search does not finish those quadratics within 500 iterations', () => {
    // What a broken update (or a permanent fall-back to steepest descent) would amount to:
    // the slow component shrinks by about 1 - t per step with the step t <~ 2/1e4 that the
    // stiff component allows, so ~1e4 ln(1e6) iterations would be needed.
    for (const n of [2, 3, 4, 5]) {
      const m = Array.from({ length: n }, (_, i) => i + 1);
      for (const a of [badlyScaledDiagonal(n), correlated(badlyScaledDiagonal(n))]) {
        expect(steepestDescent(quadratic(a, m), new Array<number>(n).fill(0), 500).converged).toBe(false);
      }
    }
  });

  it('finds the minimum (1, 1) of the Rosenbrock function from (-1.2, 1) in tens of iterations', () => {
    const result = bfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(maxAbs(rosenbrock(result.point)[1])).toBeLessThanOrEqual(1e-6);
    // Near (1, 1) the Hessian is [[802, -400], [-400, 200]], smallest eigenvalue
    // 501 - sqrt(501^2 - 400) = 0.3994, so |x - (1, 1)| <= ||g||_2 / 0.3994 <= sqrt(2) 1e-6 / 0.3994 < 4e-6.
    expect(Math.abs(at(result.point, 0) - 1)).toBeLessThan(4e-6);
    expect(Math.abs(at(result.point, 1) - 1)).toBeLessThan(4e-6);
    // f = g'H^-1 g / 2 <= 2e-12 / 2 / 0.3994 < 3e-12.
    expect(result.value).toBeLessThan(3e-12);
    // BFGS takes a few dozen iterations here (steepest descent takes thousands).
    expect(result.iterations).toBeLessThanOrEqual(100);
  });
});

describe('bfgs: the update and the first-step scaling', () => {
  it("after an exact first line search, the second direction is A-conjugate to the first step and scaled by s'y/y'y (eq. 6.20)", () => {
    // f = x'Ax/2 with A = [[3, 1], [1, 3]], start x0 = (9/8, -3/8): g0 = A x0 = (3, 0).
    // First step: -g0 / max|g0| = -g0/3, which is exactly the line minimiser g'g/g'Ag = 9/27 = 1/3.
    // So x1 = (1/8, -3/8), g1 = A x1 = (0, -1), orthogonal to s = x1 - x0 = (-1, 0); y = g1 - g0 = (-3, -1).
    // H0 is rescaled to gamma I, gamma = s'y/y'y = 3/10, then updated; for any z orthogonal to s the
    // update gives H z = gamma (z - (y'z / s'y) s), so p = -H g1 = -(3/10)((0, -1) - (1/3)(-1, 0)) = (-1/10, 3/10),
    // and the second trial point (unit step) is x1 + p = (1/40, -3/40).
    const a = [
      [3, 1],
      [1, 3],
    ];
    const { calls, fn } = recorded(quadratic(a, [0, 0]));
    bfgs(fn, [9 / 8, -3 / 8]);
    expect(at(calls[1] as number[], 0)).toBeCloseTo(1 / 8, 14);
    expect(at(calls[1] as number[], 1)).toBeCloseTo(-3 / 8, 14);
    const second = calls[2] as number[];
    expect(at(second, 0)).toBeCloseTo(1 / 40, 13);
    expect(at(second, 1)).toBeCloseTo(-3 / 40, 13);
    // Conjugacy, the property behind BFGS's finite termination: s'A p = 0.
    const p = second.map((v, i) => v - at(calls[1] as number[], i));
    expect(dot([-1, 0], matVec(a, p))).toBeCloseTo(0, 13);
  });

  it('is invariant to scaling f by a power of two: same trial points and result, value scaled (eq. 6.20 makes H scale as 1/c)', () => {
    // For f_c = c f: g, y and the slope scale by c, the first step 1/max|g| by 1/c, gamma = s'y/y'y by 1/c
    // and so does every later H, so p = -Hg and every trial point are unchanged. With c = 1024 each
    // of these scalings is exact in floating point; the gradient tolerance is scaled with it, and
    // f >= c keeps the improvement test's max(1, |f|) = |f| scaled too. Without the eq. 6.20 rescale
    // (H staying the unscaled identity in the update) the second direction would differ.
    // maxIterations 4 stops while s'y is far above the 1e-12 update threshold (not scale-invariant).
    const a = correlated([
      [1, 0, 0],
      [0, 30, 0],
      [0, 0, 900],
    ]);
    const base = quadratic(a, [1, -2, 3], 1);
    const runs = [1, 1024].map((c) => {
      const { calls, fn } = recorded((x: number[]): [number, number[]] => {
        const [f, g] = base(x);
        return [c * f, g.map((gi) => c * gi)];
      });
      const result = bfgs(fn, [0, 0, 0], { gradientTolerance: c * 2 ** -20, maxIterations: 4 });
      return { calls, result };
    });
    const [one, scaled] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(maxAbs(base([0, 0, 0])[1])).toBeGreaterThan(1); // the first step is capped in both runs
    expect(one.result.iterations).toBe(4);
    expect(scaled.calls).toEqual(one.calls);
    expect(scaled.result.point).toEqual(one.result.point);
    expect(scaled.result.value).toBe(1024 * one.result.value);
    expect(scaled.result.converged).toBe(one.result.converged);
  });

  it('1-D quadratic: the secant estimate is exact after one step, so the second step lands on the minimum', () => {
    // f = 0.01 (x - 1000)^2 / 2 from 0: g0 = -10, first step capped to one unit (x1 = 1); then
    // H = s/y = 1/0.01 = 100 and x1 - H g1 = 1 + 100 * 0.01 * 999 = 1000: a 999-unit step, not capped.
    const { calls, fn } = recorded(quadratic([[0.01]], [1000]));
    const result = bfgs(fn, [0]);
    expect(at(calls[1] as number[], 0)).toBeCloseTo(1, 14);
    expect(at(calls[2] as number[], 0)).toBeCloseTo(1000, 9);
    expect(result.iterations).toBe(2);
    expect(result.converged).toBe(true);
    expect(at(result.point, 0)).toBeCloseTo(1000, 9);
  });

  it('the first step moves at most one unit along any coordinate when the gradient is large', () => {
    // A = diag(4, 1), m = (3, -2), start 0: g0 = (-12, 2), so the first trial point is -g0/12 = (1, -1/6).
    const { calls, fn } = recorded(
      quadratic(
        [
          [4, 0],
          [0, 1],
        ],
        [3, -2],
      ),
    );
    const result = bfgs(fn, [0, 0]);
    expect(calls[0]).toEqual([0, 0]);
    expect(at(calls[1] as number[], 0)).toBeCloseTo(1, 15);
    expect(at(calls[1] as number[], 1)).toBeCloseTo(-1 / 6, 15);
    expect(result.converged).toBe(true);
  });

  it('with a gradient of at most 1 the first trial step is the full -g', () => {
    // A = diag(1/4, 1/2), m = (2, -1), start 0: g0 = (-1/2, 1/2), trial point (1/2, -1/2), exactly.
    const { calls, fn } = recorded(
      quadratic(
        [
          [0.25, 0],
          [0, 0.5],
        ],
        [2, -1],
      ),
    );
    bfgs(fn, [0, 0]);
    expect(calls[1]).toEqual([0.5, -0.5]);
  });
});

describe('bfgs: the Armijo line search', () => {
  // f = x^2 from x0 in (1/2, 1): g0 = 2 x0 > 1, so the first trial is x0 - 1 (one unit).
  // Decrease x0^2 - (x0 - 1)^2 = 2 x0 - 1, while -step * slope = (1 / (2 x0)) (2 x0)^2 = 2 x0,
  // so the Armijo test with constant c accepts the unit step iff (2 x0 - 1) / (2 x0) >= c.
  // maxIterations 1 returns the point after that one line search.
  const square: ValueAndGradient = (x) => [at(x, 0) ** 2, [2 * at(x, 0)]];

  it('accepts a step whose decrease ratio is 2e-4 (x0 = 0.5001): constant below 2e-4', () => {
    // (1.0002 - 1) / 1.0002 = 2.0e-4 >= 1e-4.
    const result = bfgs(square, [0.5001], { maxIterations: 1 });
    expect(at(result.point, 0)).toBeCloseTo(0.5001 - 1, 15);
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });

  it('accepts a step whose decrease ratio is 0.0385 (x0 = 0.52)', () => {
    // 0.04 / 1.04 = 0.0385 >= 1e-4 (a constant of 0.1 would reject it and try x0 - 1/2).
    expect(at(bfgs(square, [0.52], { maxIterations: 1 }).point, 0)).toBeCloseTo(-0.48, 15);
  });

  it('rejects a step whose decrease ratio is 8e-5 (x0 = 0.50004) and halves it', () => {
    // 0.00008 / 1.00008 = 8.0e-5 < 1e-4: rejected; the halved step x0 - 1/2 = 4e-5 decreases f
    // from 0.25004 to 1.6e-9, ratio (0.25004 - 1.6e-9) / 0.50004 ~ 0.5, accepted.
    const { calls, fn } = recorded(square);
    const result = bfgs(fn, [0.50004], { maxIterations: 1 });
    expect(calls.map((c) => at(c, 0))).toEqual([0.50004, 0.50004 - 1, 0.50004 - 0.5]);
    expect(result.point).toEqual([0.50004 - 0.5]);
  });

  it('halves up to 60 times and, when no step is acceptable, returns the start unconverged', () => {
    // f = |x| = -x on x <= 0 and NaN beyond (a minimum on the edge of the domain): at 0, g = -1 points
    // outwards, so every trial 0 + 2^-k (k = 0..59) is NaN, counted as +Infinity.
    const { calls, fn } = recorded((x: number[]): [number, number[]] => [
      at(x, 0) <= 0 ? Math.abs(at(x, 0)) : Number.NaN,
      [-1],
    ]);
    const result = bfgs(fn, [0]);
    expect(calls.map((c) => at(c, 0))).toEqual([0, ...Array.from({ length: 60 }, (_, k) => 2 ** -k)]);
    expect(result).toEqual({ point: [0], value: 0, iterations: 1, converged: false });
  });
});

describe('bfgs: non-finite values', () => {
  // f = x - ln x (x > 0): minimum 1 at x = 1. From 3: g0 = 2/3, x1 = 3 - 2/3 = 7/3, g1 = 4/7;
  // s = -2/3, y = 4/7 - 2/3 = -2/21, H = s/y = 7, so the next trial is 7/3 - 7 * 4/7 = -5/3,
  // outside the domain; halved: 7/3 - 2 = 1/3, where f = 1/3 + ln 3 = 1.43 < f(7/3) = 1.49: accepted.
  const barrier =
    (outside: number): ValueAndGradient =>
    (x) => {
      const v = at(x, 0);
      return [v > 0 ? v - Math.log(v) : outside, [1 - 1 / v]];
    };

  it.each([
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['+Infinity', Number.POSITIVE_INFINITY],
  ])('backs away from %s outside the domain and finds the interior minimum', (_, outside) => {
    const { calls, fn } = recorded(barrier(outside));
    const result = bfgs(fn, [3]);
    expect(at(calls[1] as number[], 0)).toBeCloseTo(7 / 3, 14);
    expect(at(calls[2] as number[], 0)).toBeCloseTo(-5 / 3, 12);
    expect(at(calls[3] as number[], 0)).toBeCloseTo(1 / 3, 12);
    expect(result.converged).toBe(true);
    // |g| = |1 - 1/x| <= 1e-6 gives |x - 1| <= 1.000001e-6; f - 1 ~ (x - 1)^2 / 2.
    expect(Math.abs(at(result.point, 0) - 1)).toBeLessThan(1.1e-6);
    expect(result.value - 1).toBeLessThan(1e-12);
  });
});

describe('bfgs: stopping rules and defaults', () => {
  const halfSquare: ValueAndGradient = (x) => [dot(x, x) / 2, x.slice()];

  it('default gradient tolerance 1e-6, inclusive, on every component', () => {
    // f = |x|^2 / 2 has g = x: a start with every |x_i| <= 1e-6 is already converged.
    expect(bfgs(halfSquare, [1e-6])).toEqual({ point: [1e-6], value: 5e-13, iterations: 0, converged: true });
    expect(bfgs(halfSquare, [-1e-6, 1e-6]).iterations).toBe(0);
    // Just above: one full step -g lands on 0 exactly (decrease 6.05e-13 > 1e-14, so no early stop).
    expect(bfgs(halfSquare, [1.1e-6])).toEqual({ point: [0], value: 0, iterations: 1, converged: true });
    // Every component must be small, not just one.
    expect(bfgs(halfSquare, [0, 2e-6]).iterations).toBe(1);
  });

  it('a custom gradient tolerance replaces it', () => {
    expect(bfgs(halfSquare, [1e-3], { gradientTolerance: 1e-3 }).iterations).toBe(0);
    expect(bfgs(halfSquare, [1.1e-3], { gradientTolerance: 1e-3 }).iterations).toBe(1);
  });

  it('a looser tolerance follows the same path and stops earlier', () => {
    const strict = recorded(rosenbrock);
    const loose = recorded(rosenbrock);
    bfgs(strict.fn, [-1.2, 1]);
    const result = bfgs(loose.fn, [-1.2, 1], { gradientTolerance: 1e-2 });
    expect(result.converged).toBe(true);
    expect(maxAbs(rosenbrock(result.point)[1])).toBeLessThanOrEqual(1e-2);
    expect(loose.calls.length).toBeLessThan(strict.calls.length);
    expect(strict.calls.slice(0, loose.calls.length)).toEqual(loose.calls);
  });

  it('default iteration limit 500: f = -x decreases for ever', () => {
    // g = -1 everywhere: each iteration takes the unit step (largest |p| = 1, not capped), decrease 1
    // passes Armijo; y = 0 so H stays the identity. After 500 iterations x = 500.
    const result = bfgs((x) => [-at(x, 0), [-1]], [0]);
    expect(result).toEqual({ point: [500], value: -500, iterations: 500, converged: false });
    expect(bfgs((x) => [-at(x, 0), [-1]], [0], { maxIterations: 7 })).toEqual({
      point: [7],
      value: -7,
      iterations: 7,
      converged: false,
    });
  });

  describe('stops when the decrease is at most 1e-14 max(1, |f|) and every |g_i| <= 1e3 x tolerance', () => {
    // f = C + x^2/4 (g = x/2) from x0: the first step is the full -g (|g| < 1), x1 = x0/2, g1 = x0/4,
    // and the decrease is (x0^2 - x0^2/4)/4 = 3 x0^2 / 16.
    const shifted =
      (c: number): ValueAndGradient =>
      (x) => [c + at(x, 0) ** 2 / 4, [at(x, 0) / 2]];

    it.each([1e8, -1e8])(
      'C = %d, x0 = 1e-3: decrease 1.875e-7 <= 1e-6 and g1 = 2.5e-4 <= 1e-3: stops after one iteration',
      (c) => {
        // g1 = 2.5e-4 is above the 1e-6 tolerance, so only this rule can stop here.
        const result = bfgs(shifted(c), [1e-3]);
        expect(result.point).toEqual([1e-3 / 2]);
        expect(result.iterations).toBe(1);
        expect(result.converged).toBe(true);
      },
    );

    it('C = 1e7: decrease 1.875e-7 > 1e-7, so it goes on (to 0, by the exact secant step)', () => {
      const result = bfgs(shifted(1e7), [1e-3]);
      expect(result.iterations).toBe(2);
      expect(at(result.point, 0)).toBeCloseTo(0, 15);
      expect(result.converged).toBe(true);
    });

    it('C = 1e10, x0 = 1e-2: decrease 1.875e-5 <= 1e-4 but g1 = 2.5e-3 > 1e-3, so it goes on', () => {
      const result = bfgs(shifted(1e10), [1e-2]);
      expect(result.iterations).toBe(2);
      expect(at(result.point, 0)).toBeCloseTo(0, 15);
    });

    it('for |f| < 1 the decrease is compared with 1e-14 itself', () => {
      // f = 1/2 + x/2048 on x >= -2e-11, NaN below; g = 2^-11 < 1e-3. The trials from 0 are
      // -2^-11 2^-k; the first inside the domain is k = 25, x1 = -2^-36 (2^-35 = 2.9e-11 is outside),
      // with decrease 2^-11 2^-36 = 2^-47 = 7.1e-15: at most 1e-14 = 1e-14 max(1, |f|), though
      // above 1e-14 |f| = 5e-15. So it stops there.
      const result = bfgs((x) => [at(x, 0) >= -2e-11 ? 0.5 + at(x, 0) / 2048 : Number.NaN, [1 / 2048]], [0]);
      expect(result).toEqual({ point: [-(2 ** -36)], value: 0.5 - 2 ** -47, iterations: 1, converged: true });
    });
  });

  describe("curvature pairs with s'y <= 1e-12 are not used", () => {
    // f = a x^2/2 - x from 0: g0 = -1, so the first step is the full unit step, s = 1, y = a, s'y = a.
    const tilted =
      (a: number): ValueAndGradient =>
      (x) => [(a * at(x, 0) ** 2) / 2 - at(x, 0), [a * at(x, 0) - 1]];

    it("s'y = 2^-39 = 1.8e-12: used, H = s/y = 2^39, and the second step lands on the minimum 2^39", () => {
      expect(bfgs(tilted(2 ** -39), [0])).toEqual({
        point: [2 ** 39],
        value: -(2 ** 38),
        iterations: 2,
        converged: true,
      });
    });

    it("s'y = 2^-40 = 9.1e-13: ignored, H stays the identity, and unit steps cannot reach 2^40 in 500 iterations", () => {
      const result = bfgs(tilted(2 ** -40), [0]);
      expect(result.iterations).toBe(500);
      expect(result.converged).toBe(false);
      // Each step is -g = 1 - a x, a little under 1: x_500 = 500 - O(500^2 a) = 500 - O(1e-7).
      expect(Math.abs(at(result.point, 0) - 500)).toBeLessThan(1e-6);
    });
  });
});

describe('nelderMead: minima', () => {
  it('finds the minimum (1, -2) of a 2-D quadratic with a bounded number of iterations', () => {
    // f = (x - 1)^2 + 2 (y + 2)^2 + 3 (x - 1)(y + 2)/2: positive definite (4 * 2 * 1 - 1.5^2 > 0).
    const f = (x: number[]) => {
      const [u, v] = [at(x, 0) - 1, at(x, 1) + 2];
      return 3 + u * u + 2 * v * v + 1.5 * u * v;
    };
    const result = nelderMead(f, [0, 0]);
    expect(result.converged).toBe(true);
    expect(Math.abs(at(result.point, 0) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(at(result.point, 1) + 2)).toBeLessThan(1e-6);
    expect(result.value - 3).toBeLessThan(1e-10);
    // The simplex must shrink from 0.1 to 1e-10, a factor 2^30, in each of the two searches. A healthy
    // simplex halves every few iterations (2-D: reflect, expand or contract, about 3 moves per halving),
    // so about 2 * 30 * 3 = 180; 300 allows for the walk to the minimum.
    expect(result.iterations).toBeLessThanOrEqual(300);
  });

  it('finds the minimum (1, 1) of the Rosenbrock function from (-1.2, 1)', () => {
    const result = nelderMead((x) => rosenbrock(x)[0], [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(Math.abs(at(result.point, 0) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(at(result.point, 1) - 1)).toBeLessThan(1e-6);
    expect(result.value).toBeLessThan(1e-12);
    expect(result.iterations).toBeLessThanOrEqual(600);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('treats %s as +Infinity: x - ln x with that value for x <= 0, minimum 1 at x = 1', (_, outside) => {
    // Start 0.5 with step -1: the second vertex -0.5 is outside the domain.
    const { calls, fn } = recorded((x: number[]) => (at(x, 0) > 0 ? at(x, 0) - Math.log(at(x, 0)) : outside));
    const result = nelderMead(fn, [0.5], { step: -1 });
    expect(calls[1]).toEqual([-0.5]);
    expect(result.converged).toBe(true);
    expect(Math.abs(at(result.point, 0) - 1)).toBeLessThan(1e-4);
    expect(result.value - 1).toBeLessThan(1e-8);
  });
});

describe('nelderMead: the simplex moves (traces on dyadic numbers, exact)', () => {
  // 1-D: the simplex is {best b, worst w}, the centroid is b, and the trial points are
  // b - (w - b) (reflection), b - 2(w - b) (expansion), b - (w - b)/2 (outside contraction),
  // b + (w - b)/2 (inside contraction), and the shrink moves w to b + (w - b)/2.

  it('expands while expansion keeps improving: f = -x from 0 with step 1', () => {
    // {0, 1}: reflect 2, expand 3 (better) -> {1, 3}: reflect 5, expand 7 -> {3, 7}: reflect 11, expand 15.
    const { calls, fn } = recorded((x: number[]) => -at(x, 0));
    const result = nelderMead(fn, [0], { step: 1, maxIterations: 3 });
    expect(calls.map((c) => at(c, 0))).toEqual([0, 1, 2, 3, 5, 7, 11, 15]);
    expect(result).toEqual({ point: [15], value: -15, iterations: 3, converged: false });
  });

  it('keeps the reflection when expansion is worse, then contracts inside: f = x^2 from 2 with step -1', () => {
    // {2, 1}: b = 1, w = 2: reflect 0 (f 0 < 1), expand -1 (f 1, not better than 0): keep 0.
    // {1, 0}: b = 0, w = 1: reflect -1 (f 1, not below the worst 1): inside contraction 1/2 (f 1/4): keep.
    // {0, 1/2}: reflect -1/2 (f 1/4 = worst): inside contraction 1/4.
    const { calls, fn } = recorded((x: number[]) => at(x, 0) ** 2);
    const result = nelderMead(fn, [2], { step: -1, maxIterations: 3 });
    expect(calls.map((c) => at(c, 0))).toEqual([2, 1, 0, -1, -1, 0.5, -0.5, 0.25]);
    expect(result).toEqual({ point: [0], value: 0, iterations: 3, converged: false });
  });

  it('keeps the reflection when expansion is only as good: f = x^2 from 5 with step -2', () => {
    // {5, 3}: b = 3, w = 5: reflect 1 (f 1 < 9), expand -1 (f 1, equal): keep the reflection 1.
    const { calls, fn } = recorded((x: number[]) => at(x, 0) ** 2);
    const result = nelderMead(fn, [5], { step: -2, maxIterations: 1 });
    expect(calls.map((c) => at(c, 0))).toEqual([5, 3, 1, -1]);
    expect(result).toEqual({ point: [1], value: 1, iterations: 1, converged: false });
  });

  it('contracts outside when the reflection beats only the worst: f = x^2 from 1 with step 2', () => {
    // {1, 3}: b = 1, w = 3: reflect -1 (f 1: not below the best 1, below the worst 9):
    // outside contraction 1 - 1 = 0 (f 0 < 1): keep. Then {0, 1} as above: reflect -1, inside 1/2.
    const { calls, fn } = recorded((x: number[]) => at(x, 0) ** 2);
    nelderMead(fn, [1], { step: 2, maxIterations: 2 });
    expect(calls.map((c) => at(c, 0))).toEqual([1, 3, -1, 0, -1, 0.5]);
  });

  it('shrinks towards the best vertex when nothing improves: a constant function in 2-D', () => {
    // Vertices (0,0), (1,0), (0,1), all f = 0 (the stable sort keeps that order). Centroid of the
    // best two (1/2, 0), worst (0, 1): reflect (1, -1), inside contraction (1/4, 1/2), neither
    // below the worst, so shrink: (1/2, 0) and (0, 1/2).
    const { calls, fn } = recorded(() => 0);
    const result = nelderMead(fn, [0, 0], { step: 1 });
    expect(calls.slice(0, 7)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, -1],
      [0.25, 0.5],
      [0.5, 0],
      [0, 0.5],
    ]);
    // Each iteration halves the spread: 2^-k <= 1e-10 (default pointTolerance) first at k = 34
    // (2^-33 = 1.16e-10, 2^-34 = 5.8e-11); the restart from (0, 0) repeats that: 68 in all.
    expect(result).toEqual({ point: [0, 0], value: 0, iterations: 68, converged: true });
  });
});

describe('nelderMead: settings and stopping rules', () => {
  it('the default first simplex is the start and the start plus 0.1 along each coordinate', () => {
    const { calls, fn } = recorded((x: number[]) => dot(x, x));
    nelderMead(fn, [1, 2, 3], { maxIterations: 1 });
    expect(calls.slice(0, 4)).toEqual([
      [1, 2, 3],
      [1 + 0.1, 2, 3],
      [1, 2 + 0.1, 3],
      [1, 2, 3 + 0.1],
    ]);
  });

  it('default value tolerance 1e-10: f = 1024 |x| from 0 with step 1', () => {
    // {0, 1}: reflect -1 (f 1024 = worst): inside contraction 1/2; each iteration halves w, so after
    // k iterations the spread is 2^-k and the value gap 2^(10 - k). Both <= 1e-10 first at
    // k = 44 (2^-34 = 5.8e-11 <= 1e-10 < 2^-33); the restart from 0 repeats it: 88.
    const f = (x: number[]) => 1024 * Math.abs(at(x, 0));
    expect(nelderMead(f, [0], { step: 1 })).toEqual({ point: [0], value: 0, iterations: 88, converged: true });
    // Custom tolerances 2^-10, met with equality (the tests are inclusive): the value gap
    // 2^(10 - k) <= 2^-10 first at k = 20, when the spread 2^-20 is within 2^-10 too: 40.
    expect(nelderMead(f, [0], { step: 1, valueTolerance: 2 ** -10, pointTolerance: 2 ** -10 }).iterations).toBe(40);
  });

  it('a custom point tolerance, inclusive: the constant function stops at 2^-k <= 2^-10, k = 10, twice', () => {
    expect(nelderMead(() => 0, [0, 0], { step: 1, pointTolerance: 2 ** -10 }).iterations).toBe(20);
  });

  it('default iteration limit 5000 for a search that never converges', () => {
    // A negative value tolerance can never be met. 1-D constant function: every iteration is
    // reflect, contract, shrink (3 evaluations) after the 2 of the first simplex; the first search
    // spends the whole budget, so there is no restart (which would cost 2 more evaluations).
    const { calls, fn } = recorded(() => 0);
    expect(nelderMead(fn, [0], { valueTolerance: -1 })).toEqual({
      point: [0],
      value: 0,
      iterations: 5000,
      converged: false,
    });
    expect(calls.length).toBe(2 + 3 * 5000);
    expect(nelderMead(() => 0, [0], { valueTolerance: -1, maxIterations: 10 }).iterations).toBe(10);
  });

  it('the restart gets what is left of the budget (default 5000)', () => {
    // Constant for the first 92 evaluations, then the running count of evaluations (so no two
    // values are ever equal and the restart cannot converge). The first search converges after
    // 30 shrinks (spread 0.1 2^-k <= 1e-10 first at k = 30: 9.3e-11), using 2 + 3 * 30 = 92
    // evaluations; the restart then runs until the total is 5000 (or the given limit).
    const counting = () => {
      let count = 0;
      return () => {
        count++;
        return count <= 92 ? 0 : count;
      };
    };
    const { calls, fn } = recorded(counting());
    const result = nelderMead(fn, [0]);
    expect(result.iterations).toBe(5000);
    expect(result.converged).toBe(false);
    // The first search's last evaluation is the shrink to 0.1 2^-30; the restart's first simplex is {0, 0.1}.
    expect(calls.slice(91, 94)).toEqual([[0.1 * 2 ** -30], [0], [0.1]]);
    expect(nelderMead(counting(), [0], { maxIterations: 100 }).iterations).toBe(100);
  });

  it('is converged only if the restart converges too', () => {
    // 1024 |x| with maxIterations 50: the first search converges after 44, the restart gets 6 and stops short.
    const result = nelderMead((x) => 1024 * Math.abs(at(x, 0)), [0], { step: 1, maxIterations: 50 });
    expect(result.iterations).toBe(50);
    expect(result.converged).toBe(false);
  });
});
