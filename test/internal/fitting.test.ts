/**
 * The shared maximum-likelihood routine (src/models/internal/fitting.ts) on
 * problems whose answers are known in closed form, and its helpers: the
 * normal quantile and the symmetric eigen-decomposition.
 *
 * The main test problem has two independent parts with textbook answers:
 * n exponential durations with total D (rate lambda: ln L = n ln lambda -
 * lambda D) and m Poisson counts with total K (mean mu: ln L = K ln mu -
 * m mu, constants dropped). The maxima are lambda = n / D and mu = K / m; in
 * the logs of the parameters the observed information is n and K, so
 * se(ln lambda) = 1/sqrt(n), se(ln mu) = 1/sqrt(K), and the covariance has no
 * off-diagonal term.
 */
import { describe, expect, it } from 'vitest';
import { type LikelihoodProblem, maximiseLikelihood } from '../../src/models/internal/fitting';
import { symmetricEigen } from '../../src/models/internal/symmetricEigen';
import { normalUpperQuantile, normalUpperTail } from '../../src/models/special/normal';

/** Standard normal quantiles, as tabulated (Abramowitz and Stegun, table 26.5, and any statistics text). */
const Z_975 = 1.959963984540054;
const Z_995 = 2.5758293035489004;
const Z_95 = 1.6448536269514722;

type Names = 'lambda' | 'mu';

function exponentialPoisson(
  n: number,
  D: number,
  m: number,
  K: number,
  extra: Partial<LikelihoodProblem<Names>> = {},
): LikelihoodProblem<Names> {
  const logLikelihood = ([lambda, mu]: readonly number[]) =>
    n * Math.log(lambda as number) - (lambda as number) * D + K * Math.log(mu as number) - m * (mu as number);
  return {
    names: ['lambda', 'mu'],
    count: n,
    evaluate: ([phi, psi]) => {
      const lambda = Math.exp(phi as number);
      const mu = Math.exp(psi as number);
      return [logLikelihood([lambda, mu]), [n - lambda * D, K - mu * m]];
    },
    logLikelihood,
    starts: [[0, 0]],
    scales: [1, 1],
    describeBoundary: (name, towards) => `${name} towards ${towards}`,
    ...extra,
  };
}

const settings = { maxIterations: 200, maxEvaluations: 1000, confidenceLevel: 0.95 };

describe('maximiseLikelihood on exponential durations and Poisson counts', () => {
  // n = 400 durations totalling 1000 (lambda = 0.4); m = 50 counts totalling 900 (mu = 18).
  const found = maximiseLikelihood(exponentialPoisson(400, 1000, 50, 900), settings);

  it('finds lambda = n / D and mu = K / m and reports the log-likelihood there', () => {
    const [lambda, mu] = found.parameters as [number, number];
    expect(lambda).toBeCloseTo(0.4, 12);
    expect(mu).toBeCloseTo(18, 10);
    expect(found.logLikelihood).toBeCloseTo(400 * Math.log(0.4) - 400 + 900 * Math.log(18) - 900, 9);
    expect(found.converged).toBe(true);
    expect(found.diagnostics.warnings).toEqual([]);
    expect(found.diagnostics.boundary).toEqual([]);
    expect(found.diagnostics.unidentified).toEqual([]);
    expect(found.diagnostics.gradientNorm).toBeLessThan(1e-10);
  });

  it('gives standard errors lambda / sqrt(n) and mu / sqrt(K), no covariance between them', () => {
    const d = found.diagnostics;
    expect(d.parameterOrder).toEqual(['lambda', 'mu']);
    expect(d.standardErrors?.lambda).toBeCloseTo(0.4 / Math.sqrt(400), 8);
    expect(d.standardErrors?.mu).toBeCloseTo(18 / Math.sqrt(900), 7);
    const covariance = d.covariance as number[][];
    expect(covariance[0]?.[0]).toBeCloseTo(0.16 / 400, 10);
    expect(covariance[1]?.[1]).toBeCloseTo(324 / 900, 7);
    expect(Math.abs(covariance[0]?.[1] as number)).toBeLessThan(1e-9);
    expect(covariance[0]?.[1]).toBe(covariance[1]?.[0]);
  });

  it('gives log-scale Wald intervals: estimate x exp(-/+ z se(ln)), z = 1.95996 at 95 %', () => {
    const d = found.diagnostics;
    expect(d.confidenceLevel).toBe(0.95);
    expect(d.intervals?.lambda.lower).toBeCloseTo(0.4 * Math.exp(-Z_975 / 20), 8);
    expect(d.intervals?.lambda.upper).toBeCloseTo(0.4 * Math.exp(Z_975 / 20), 8);
    expect(d.intervals?.mu.lower).toBeCloseTo(18 * Math.exp(-Z_975 / 30), 7);
    expect(d.intervals?.mu.upper).toBeCloseTo(18 * Math.exp(Z_975 / 30), 7);
  });

  it('takes another confidence level: 90 % uses z = 1.64485', () => {
    const at90 = maximiseLikelihood(exponentialPoisson(400, 1000, 50, 900), { ...settings, confidenceLevel: 0.9 });
    expect(at90.diagnostics.confidenceLevel).toBe(0.9);
    expect(at90.diagnostics.intervals?.lambda.upper).toBeCloseTo(0.4 * Math.exp(Z_95 / 20), 8);
  });

  it('keeps the best of several starts, and the condition number is the ratio of the curvatures, K / n', () => {
    const several = maximiseLikelihood(
      exponentialPoisson(400, 1000, 50, 900, {
        starts: [
          [5, 5],
          [0, 0],
        ],
      }),
      settings,
    );
    expect(several.parameters[0]).toBeCloseTo(0.4, 12);
    // Hessian of the mean negative log-likelihood per customer, in the logs: diag(n, K) / n.
    expect(several.diagnostics.hessianConditionNumber).toBeCloseTo(900 / 400, 6);
    expect(several.diagnostics.hessianPositiveDefinite).toBe(true);
  });
});

describe('maximiseLikelihood where the likelihood has no interior maximum', () => {
  it('a parameter whose likelihood rises for ever: at a boundary towards infinity, not converged, no intervals', () => {
    // ln L = n ln lambda - lambda D - 5 / theta: the supremum is at theta = infinity.
    const problem: LikelihoodProblem<'lambda' | 'theta'> = {
      names: ['lambda', 'theta'],
      count: 100,
      evaluate: ([phi, psi]) => {
        const lambda = Math.exp(phi as number);
        const theta = Math.exp(psi as number);
        return [100 * (phi as number) - lambda * 250 - 5 / theta, [100 - lambda * 250, 5 / theta]];
      },
      logLikelihood: ([lambda, theta]) =>
        100 * Math.log(lambda as number) - (lambda as number) * 250 - 5 / (theta as number),
      starts: [[0, 0]],
      scales: [1, 1],
      describeBoundary: (name, towards) => `${name} runs to ${towards}`,
    };
    const found = maximiseLikelihood(problem, settings, ['a data warning first']);
    expect(found.converged).toBe(false);
    expect(found.diagnostics.boundary).toEqual([{ parameter: 'theta', towards: 'infinity' }]);
    expect(found.parameters[1]).toBeGreaterThan(1e6);
    expect(found.parameters[0]).toBeCloseTo(0.4, 6);
    expect(found.diagnostics.covariance).toBeUndefined();
    expect(found.diagnostics.standardErrors).toBeUndefined();
    expect(found.diagnostics.intervals).toBeUndefined();
    expect(found.diagnostics.warnings[0]).toBe('a data warning first');
    expect(found.diagnostics.warnings).toContain('theta runs to infinity');
    expect(found.diagnostics.warnings.at(-1)).toMatch(/^no standard errors or intervals/);
  });

  it('a parameter the likelihood does not depend on: not identified, not converged', () => {
    const found = maximiseLikelihood(
      {
        ...exponentialPoisson(400, 1000, 50, 900),
        evaluate: ([phi]) => {
          const lambda = Math.exp(phi as number);
          return [400 * (phi as number) - lambda * 1000, [400 - lambda * 1000, 0]];
        },
        logLikelihood: ([lambda]) => 400 * Math.log(lambda as number) - (lambda as number) * 1000,
      },
      settings,
    );
    expect(found.converged).toBe(false);
    expect(found.diagnostics.unidentified).toEqual(['mu']);
    expect(found.diagnostics.hessianPositiveDefinite).toBe(false);
    expect(found.diagnostics.hessianConditionNumber).toBeNull();
    expect(found.diagnostics.warnings[0]).toMatch(/^the data do not determine mu: the likelihood is flat/);
  });

  it('a weak local maximum with a higher one 12 log-units away: the probe finds it and the search moves there', () => {
    // ln L(phi) = -0.005 phi^2 + 2 / (1 + exp(-(phi - 10))): a shallow local maximum near 0
    // (curvature 0.01, below 1 per customer for one customer) and the global one near 12.6.
    const sigma = (u: number) => 1 / (1 + Math.exp(-u));
    const ll = (phi: number) => -0.005 * phi * phi + 2 * sigma(phi - 10);
    const slope = (phi: number) => -0.01 * phi + 2 * sigma(phi - 10) * (1 - sigma(phi - 10));
    // The global maximum, by bisection on the slope between 11 and 15 (it falls through 0 there).
    let low = 11;
    let high = 15;
    for (let i = 0; i < 200; i++) {
      const mid = (low + high) / 2;
      if (slope(mid) > 0) low = mid;
      else high = mid;
    }
    const found = maximiseLikelihood(
      {
        names: ['theta'],
        count: 1,
        evaluate: ([phi]) => [ll(phi as number), [slope(phi as number)]],
        logLikelihood: ([theta]) => ll(Math.log(theta as number)),
        starts: [[0]],
        scales: [1],
        describeBoundary: () => 'unused',
      },
      settings,
    );
    expect(Math.log(found.parameters[0] as number)).toBeCloseTo(low, 6);
    expect(found.logLikelihood).toBeGreaterThan(ll(0) + 0.5);
    expect(found.converged).toBe(true);
  });
});

describe('maximiseLikelihood budgets', () => {
  const far = exponentialPoisson(400, 1000, 50, 900, { starts: [[30, -30]] });

  it('stops at maxIterations, unconverged, and says to raise it', () => {
    const found = maximiseLikelihood(far, { ...settings, maxIterations: 1 });
    expect(found.iterations).toBe(1);
    expect(found.converged).toBe(false);
    expect(found.diagnostics.warnings[0]).toBe(
      'the optimiser used all 1 iterations (maxIterations) before it reached a maximum: raise maxIterations, or look at the other warnings',
    );
  });

  it('stops at the evaluation budget, unconverged, and says so', () => {
    const found = maximiseLikelihood(far, { ...settings, maxEvaluations: 3 });
    expect(found.converged).toBe(false);
    expect(found.diagnostics.warnings[0]).toMatch(
      /^the optimiser stopped at its work limit \(3 likelihood evaluations\)/,
    );
  });

  it("stops when the model's own work budget runs out", () => {
    let calls = 0;
    const found = maximiseLikelihood(
      {
        ...far,
        evaluate: (point) => {
          calls++;
          return far.evaluate(point);
        },
        exhausted: () => calls >= 5,
      },
      settings,
    );
    expect(found.converged).toBe(false);
    expect(found.diagnostics.warnings[0]).toMatch(/work limit/);
  });
});

describe('normal quantiles for the intervals', () => {
  it('match the tabulated z for 90, 95 and 99 % two-sided levels', () => {
    expect(normalUpperQuantile(0.05)).toBeCloseTo(Z_95, 13);
    expect(normalUpperQuantile(0.025)).toBeCloseTo(Z_975, 13);
    expect(normalUpperQuantile(0.005)).toBeCloseTo(Z_995, 13);
    expect(normalUpperQuantile(0.5)).toBe(0);
  });

  it('the upper tail: Q(0) = 1/2, Q(1) = 0.158655253931457, Q(3) = 0.00134989803163010, Q(8) = 6.22096057427178e-16', () => {
    // Values of erfc(x / sqrt 2) / 2 from the tables (Abramowitz and Stegun 26.2).
    expect(normalUpperTail(0)).toBe(0.5);
    expect(normalUpperTail(1)).toBeCloseTo(0.158655253931457, 14);
    expect(normalUpperTail(3) / 0.0013498980316301).toBeCloseTo(1, 12);
    expect(normalUpperTail(8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
  });

  it('inverts the tail across levels, to 1e-12 relative', () => {
    for (const tail of [0.4, 0.1, 1e-3, 1e-6, 1e-10, 1e-15]) {
      expect(normalUpperTail(normalUpperQuantile(tail)) / tail).toBeCloseTo(1, 12);
    }
  });
});

describe('symmetricEigen', () => {
  it('[[2, 1], [1, 2]] has eigenvalues 1 and 3, with eigenvectors (1, -1) and (1, 1) over sqrt 2', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    const order = values[0] === Math.min(...values) ? [0, 1] : [1, 0];
    expect(values[order[0] as number]).toBeCloseTo(1, 14);
    expect(values[order[1] as number]).toBeCloseTo(3, 14);
    const v = vectors[order[1] as number] as number[];
    expect(Math.abs(v[0] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v[0]).toBeCloseTo(v[1] as number, 14);
  });

  it('the tridiagonal [[4, 1, 0], [1, 4, 1], [0, 1, 4]] has eigenvalues 4 - sqrt 2, 4 and 4 + sqrt 2', () => {
    const matrix = [
      [4, 1, 0],
      [1, 4, 1],
      [0, 1, 4],
    ];
    const { values, vectors } = symmetricEigen(matrix);
    const sorted = values.slice().sort((a, b) => a - b);
    expect(sorted[0]).toBeCloseTo(4 - Math.SQRT2, 13);
    expect(sorted[1]).toBeCloseTo(4, 13);
    expect(sorted[2]).toBeCloseTo(4 + Math.SQRT2, 13);
    // Each vector satisfies A v = lambda v and has unit length.
    values.forEach((lambda, k) => {
      const v = vectors[k] as number[];
      matrix.forEach((row, i) => {
        const av = row.reduce((s, a, j) => s + a * (v[j] as number), 0);
        expect(av).toBeCloseTo(lambda * (v[i] as number), 13);
      });
      expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 14);
    });
  });
});
