/**
 * The BG/NBD and Pareto/NBD with time-invariant covariates (CLVTools' form):
 *
 * - with every covariate 0, the fit is the plain model's fit and the
 *   likelihood the plain model's likelihood;
 * - the likelihood with covariates is the sum of the plain models' exported
 *   one-customer likelihoods at each customer's own parameters, computed here
 *   from CLVTools' formulas (alpha e^(-g'z); a, b e^(g'z); beta e^(-g'z));
 * - at the fit, the public likelihood is flat in every coefficient and its
 *   curvature, computed here by finite differences, gives the reported
 *   standard errors;
 * - seeded simulations of the models' stories with per-customer parameters
 *   (written here, not taken from the library) recover the coefficients
 *   within 3 standard errors, and the standard errors match the spread of
 *   the estimates over seeds;
 * - bad input gives MetricInputErrors naming the row and the covariate.
 */
import { describe, expect, it } from 'vitest';
import { MetricInputError } from '../../src/internal/errors';
import { covariateParameters } from '../../src/models/covariates/covariateParameters';
import {
  bgNbdWithCovariatesLogLikelihood,
  fitBgNbdWithCovariates,
} from '../../src/models/covariates/fitBgNbdWithCovariates';
import {
  fitParetoNbdWithCovariates,
  paretoNbdWithCovariatesLogLikelihood,
} from '../../src/models/covariates/fitParetoNbdWithCovariates';
import { bgNbdLogLikelihood, fitBgNbd } from '../../src/models/nbd/fitBgNbd';
import { fitParetoNbd, paretoNbdLogLikelihood } from '../../src/models/nbd/paretoNbd';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError } from '../support/expectInputError';
import { draws } from './simulate';

type Covariates = { web: number; firstOrder: number };
type Row = { frequency: number; recency: number; age: number; covariates: Covariates };

const cdnow = readCdnowSummary().map(({ frequency, recency, age }) => ({ frequency, recency, age }));

/** The generating values: alpha, a, b, beta are those of a customer with web 0 and firstOrder 0. */
const BG = { r: 0.8, alpha: 4, a: 0.8, b: 2.5 };
const PNBD = { r: 0.8, alpha: 4, s: 0.7, beta: 10 };
const GAMMA = {
  bg: { purchase: { web: 0.6, firstOrder: -0.03 }, dropout: { web: 0.8, firstOrder: -0.02 } },
  pnbd: { purchase: { web: 0.6, firstOrder: -0.03 }, dropout: { web: 0.7, firstOrder: -0.03 } },
};

function linear(gamma: Covariates, z: Covariates): number {
  return gamma.web * z.web + gamma.firstOrder * z.firstOrder;
}

/**
 * Customers of the BG/NBD or Pareto/NBD story with per-customer parameters:
 * web ~ Bernoulli(0.4), firstOrder ~ Normal(30, 10), age ~ Uniform(20, 50);
 * lambda ~ Gamma(r, rate alpha_i), alpha_i = alpha e^(-g_P'z); BG/NBD: p ~
 * Beta(a_i, b_i), a_i = a e^(g_D'z), b_i = b e^(g_D'z), a drop-out chance
 * after each repeat purchase; Pareto/NBD: mu ~ Gamma(s, rate beta_i),
 * beta_i = beta e^(-g_D'z), an exponential lifetime, purchases only before it ends.
 */
function simulate(model: 'bg' | 'pnbd', customers: number, seed: number): Row[] {
  const rng = draws(seed);
  const gamma = GAMMA[model];
  const rows: Row[] = [];
  for (let i = 0; i < customers; i++) {
    const z = { web: rng.uniform() < 0.4 ? 1 : 0, firstOrder: 30 + 10 * rng.normal() };
    const age = 20 + 30 * rng.uniform();
    const purchase = linear(gamma.purchase, z);
    const dropout = linear(gamma.dropout, z);
    const base = model === 'bg' ? BG : PNBD;
    const lambda = rng.gamma(base.r) / (base.alpha * Math.exp(-purchase));
    let time = 0;
    let frequency = 0;
    let recency = 0;
    if (model === 'bg') {
      const p = rng.beta(BG.a * Math.exp(dropout), BG.b * Math.exp(dropout));
      for (;;) {
        time += rng.exponential(lambda);
        if (time > age) break;
        frequency++;
        recency = time;
        if (rng.uniform() < p) break;
      }
    } else {
      const mu = rng.gamma(PNBD.s) / (PNBD.beta * Math.exp(-dropout));
      const end = Math.min(rng.exponential(mu), age);
      for (;;) {
        time += rng.exponential(lambda);
        if (time > end) break;
        frequency++;
        recency = time;
      }
    }
    rows.push({ frequency, recency, age, covariates: z });
  }
  return rows;
}

const COEFFICIENTS = ['purchase.web', 'purchase.firstOrder', 'dropout.web', 'dropout.firstOrder'] as const;

function truth(model: 'bg' | 'pnbd', name: (typeof COEFFICIENTS)[number]): number {
  const [process, covariate] = name.split('.') as ['purchase' | 'dropout', keyof Covariates];
  return GAMMA[model][process][covariate];
}

function estimate(
  fit: { purchaseCoefficients: Record<string, number>; dropoutCoefficients: Record<string, number> },
  name: (typeof COEFFICIENTS)[number],
): number {
  const [process, covariate] = name.split('.') as ['purchase' | 'dropout', string];
  return (process === 'purchase' ? fit.purchaseCoefficients : fit.dropoutCoefficients)[covariate] as number;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

describe('with every covariate 0 the models reduce to the plain ones (CDNOW, 2,357 customers)', () => {
  const zero = cdnow.map((row) => ({ ...row, covariates: { web: 0, firstOrder: 0 } }));

  it('fitBgNbdWithCovariates equals fitBgNbd, and says the covariates were left out', () => {
    const plain = fitBgNbd(cdnow);
    const fit = fitBgNbdWithCovariates(zero);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(relative(fit[name], plain[name])).toBeLessThan(1e-6);
    expect(relative(fit.logLikelihood, plain.logLikelihood)).toBeLessThan(1e-9);
    expect(fit.converged).toBe(plain.converged);
    expect(fit.converged).toBe(true);
    expect(fit.droppedCovariates).toEqual(['web', 'firstOrder']);
    expect(fit.purchaseCoefficients).toEqual({});
    expect(fit.dropoutCoefficients).toEqual({});
    expect(fit.diagnostics.warnings.join(' ')).toMatch(/covariate web has the same value for every customer/);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(
        relative(fit.diagnostics.standardErrors?.[name] as number, plain.diagnostics.standardErrors?.[name] as number),
      ).toBeLessThan(1e-4);
    }
  });

  it('fitParetoNbdWithCovariates equals fitParetoNbd', () => {
    const plain = fitParetoNbd(cdnow);
    const fit = fitParetoNbdWithCovariates(zero);
    for (const name of ['r', 'alpha', 's', 'beta'] as const)
      expect(relative(fit[name], plain[name])).toBeLessThan(1e-6);
    expect(relative(fit.logLikelihood, plain.logLikelihood)).toBeLessThan(1e-9);
    expect(fit.converged).toBe(true);
    expect(fit.droppedCovariates).toEqual(['web', 'firstOrder']);
  });

  it('the likelihoods at fixed parameters equal the plain ones, whatever the coefficients', () => {
    const coefficients = { purchaseCoefficients: { web: 0.7, firstOrder: -2 }, dropoutCoefficients: { web: 3 } };
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expect(
      relative(bgNbdWithCovariatesLogLikelihood({ ...bg, ...coefficients }, zero), bgNbdLogLikelihood(bg, cdnow)),
    ).toBeLessThan(1e-12);
    const pnbd = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
    expect(
      relative(
        paretoNbdWithCovariatesLogLikelihood({ ...pnbd, ...coefficients }, zero),
        paretoNbdLogLikelihood(pnbd, cdnow),
      ),
    ).toBeLessThan(1e-12);
  });
});

describe('the likelihood with covariates is the plain likelihood at each customer’s own parameters', () => {
  const rows = simulate('bg', 40, 7).concat(simulate('pnbd', 40, 8));
  const purchase = { web: 0.35, firstOrder: -0.021 };
  const dropout = { web: -0.4, firstOrder: 0.015 };

  it('BG/NBD: alpha_i = alpha e^(-g_P z), a_i = a e^(g_D z), b_i = b e^(g_D z) (CLVTools bgnbd_staticcov_LL_ind)', () => {
    const p = { r: 0.6, alpha: 3, a: 0.9, b: 2.2 };
    let sum = 0;
    for (const { covariates: z, ...history } of rows) {
      const up = Math.exp(linear(dropout, z));
      sum += bgNbdLogLikelihood({ r: p.r, alpha: p.alpha * Math.exp(-linear(purchase, z)), a: p.a * up, b: p.b * up }, [
        history,
      ]);
    }
    const value = bgNbdWithCovariatesLogLikelihood(
      { ...p, purchaseCoefficients: purchase, dropoutCoefficients: dropout },
      rows,
    );
    expect(relative(value, sum)).toBeLessThan(1e-12);
  });

  it('Pareto/NBD: alpha_i = alpha e^(-g_P z), beta_i = beta e^(-g_D z) (CLVTools pnbd_staticcov_LL_ind)', () => {
    const p = { r: 0.6, alpha: 3, s: 0.8, beta: 9 };
    let sum = 0;
    for (const { covariates: z, ...history } of rows) {
      sum += paretoNbdLogLikelihood(
        {
          r: p.r,
          alpha: p.alpha * Math.exp(-linear(purchase, z)),
          s: p.s,
          beta: p.beta * Math.exp(-linear(dropout, z)),
        },
        [history],
      );
    }
    const value = paretoNbdWithCovariatesLogLikelihood(
      { ...p, purchaseCoefficients: purchase, dropoutCoefficients: dropout },
      rows,
    );
    expect(relative(value, sum)).toBeLessThan(1e-12);
  });

  it('covariateParameters gives those individual parameters, which the plain predictions take', () => {
    const z = { web: 1, firstOrder: 42.5 };
    const bg = covariateParameters(
      {
        model: 'bgnbd-covariates',
        r: 0.6,
        alpha: 3,
        a: 0.9,
        b: 2.2,
        purchaseCoefficients: purchase,
        dropoutCoefficients: dropout,
      },
      { ...z, unused: 5 },
    );
    const up = Math.exp(linear(dropout, z));
    expect(bg).toEqual({ r: 0.6, alpha: 3 * Math.exp(-linear(purchase, z)), a: 0.9 * up, b: 2.2 * up });
    const pnbd = covariateParameters(
      {
        model: 'paretonbd-covariates',
        r: 0.6,
        alpha: 3,
        s: 0.8,
        beta: 9,
        purchaseCoefficients: purchase,
        dropoutCoefficients: dropout,
      },
      z,
    );
    expect(pnbd).toEqual({
      r: 0.6,
      alpha: 3 * Math.exp(-linear(purchase, z)),
      s: 0.8,
      beta: 9 * Math.exp(-linear(dropout, z)),
    });
  });

  it('grouped rows (customers: n) fit as the rows repeated, and a summary table carries its time unit', () => {
    const rows = simulate('bg', 300, 13);
    const grouped = rows.map((row) => ({ ...row, customers: 2 }));
    const repeated = rows.flatMap((row) => [row, { ...row }]);
    const a = fitBgNbdWithCovariates(grouped);
    const b = fitBgNbdWithCovariates({ customers: repeated, unitDays: 7 } as never);
    expect(a.customers).toBe(600);
    expect(b.customers).toBe(600);
    // The same likelihood; the covariates' means are summed in another order, so the search may differ in the last digits.
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(relative(a[name], b[name])).toBeLessThan(1e-8);
    for (const name of COEFFICIENTS) expect(relative(estimate(a, name), estimate(b, name))).toBeLessThan(1e-7);
    expect(relative(a.logLikelihood, b.logLikelihood)).toBeLessThan(1e-12);
    expect(bgNbdWithCovariatesLogLikelihood(a, grouped)).toBe(a.logLikelihood);
    expect(b.timeUnit).toEqual({ days: 7 });
    expect(a.timeUnit).toBeUndefined();
  });

  it('different covariates for the two processes: each coefficient only where it was asked for', () => {
    const fit = fitBgNbdWithCovariates(simulate('bg', 600, 11), {
      purchaseCovariates: ['web'],
      dropoutCovariates: ['firstOrder'],
    });
    expect(Object.keys(fit.purchaseCoefficients)).toEqual(['web']);
    expect(Object.keys(fit.dropoutCoefficients)).toEqual(['firstOrder']);
    expect(fit.diagnostics.parameterOrder).toEqual(['r', 'alpha', 'a', 'b', 'purchase.web', 'dropout.firstOrder']);
    const none = fitParetoNbdWithCovariates(simulate('pnbd', 300, 12), {
      purchaseCovariates: [],
      dropoutCovariates: [],
    });
    expect(none.purchaseCoefficients).toEqual({});
    expect(none.droppedCovariates).toEqual([]);
  });
});

/** The Hessian of f at x by central second differences with step h. */
function numericHessian(f: (x: number[]) => number, x: number[], h: number): number[][] {
  const at = (i: number, di: number, j: number, dj: number) =>
    f(x.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
  const centre = f(x);
  const hessian = x.map(() => x.map(() => 0));
  for (let i = 0; i < x.length; i++) {
    const row = hessian[i] as number[];
    row[i] = (at(i, h, i, h) - 2 * centre + at(i, -h, i, -h)) / (4 * h * h);
    for (let j = i + 1; j < x.length; j++) {
      row[j] = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      (hessian[j] as number[])[i] = row[j] as number;
    }
  }
  return hessian;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss-Jordan elimination. */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  const get = (i: number, j: number) => (a[i] as number[])[j] as number;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(get(row, col)) > Math.abs(get(pivot, col))) pivot = row;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = get(col, col);
    a[col] = (a[col] as number[]).map((v) => v / head);
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = get(row, col);
      a[row] = (a[row] as number[]).map((v, j) => v - factor * get(col, j));
    }
  }
  return a.map((row) => row.slice(n));
}

describe('at the fit, the public likelihood is at its maximum and its curvature gives the standard errors', () => {
  it('BG/NBD, 1,000 simulated customers: gradient 0 in the covariates’ own units, errors from the inverse Hessian', () => {
    const rows = simulate('bg', 1000, 21);
    const fit = fitBgNbdWithCovariates(rows);
    expect(fit.converged).toBe(true);
    // The likelihood as a function of (ln r, ln alpha, ln a, ln b, coefficients): the test's own parameterisation.
    const names = fit.diagnostics.parameterOrder;
    const at = (x: number[]) =>
      bgNbdWithCovariatesLogLikelihood(
        {
          r: Math.exp(x[0] as number),
          alpha: Math.exp(x[1] as number),
          a: Math.exp(x[2] as number),
          b: Math.exp(x[3] as number),
          purchaseCoefficients: { web: x[4] as number, firstOrder: x[5] as number },
          dropoutCoefficients: { web: x[6] as number, firstOrder: x[7] as number },
        },
        rows,
      );
    const x = [
      Math.log(fit.r),
      Math.log(fit.alpha),
      Math.log(fit.a),
      Math.log(fit.b),
      fit.purchaseCoefficients.web as number,
      fit.purchaseCoefficients.firstOrder as number,
      fit.dropoutCoefficients.web as number,
      fit.dropoutCoefficients.firstOrder as number,
    ];
    expect(names).toEqual([
      'r',
      'alpha',
      'a',
      'b',
      'purchase.web',
      'purchase.firstOrder',
      'dropout.web',
      'dropout.firstOrder',
    ]);
    expect(at(x)).toBe(fit.logLikelihood);
    // Steps scaled to each parameter's spread (firstOrder's coefficient is per unit of a covariate of spread 10).
    const steps = [1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-4, 1e-3, 1e-4];
    for (let i = 0; i < x.length; i++) {
      // firstOrder's coefficient multiplies values near 30: a short step keeps the h^2 error small.
      const h = (steps[i] as number) / 10;
      const slope = (at(x.map((v, k) => (k === i ? v + h : v))) - at(x.map((v, k) => (k === i ? v - h : v)))) / (2 * h);
      // Per customer and per unit of the standardised parameter: the fit's own gradient test, with room for the differences.
      expect(Math.abs(slope * (i === 5 || i === 7 ? 10 : 1)) / rows.length).toBeLessThan(1e-5);
    }
    // Curvature in (u_i) = (x_i / step_i), so that every direction has a similar scale.
    const scaled = numericHessian(
      (u) => -at(u.map((v, i) => v * (steps[i] as number))),
      x.map((v, i) => v / (steps[i] as number)),
      2,
    );
    const covariance = invert(scaled).map((row, i) =>
      row.map((v, j) => v * (steps[i] as number) * (steps[j] as number)),
    );
    names.forEach((name, i) => {
      const logError = Math.sqrt((covariance[i] as number[])[i] as number);
      const expected = i < 4 ? (fit[name as 'r'] as number) * logError : logError;
      expect(relative(fit.diagnostics.standardErrors?.[name] as number, expected)).toBeLessThan(2e-4);
    });
  });
});

describe('seeded simulations recover the coefficients (3,000 customers, web ~ Bernoulli(0.4), firstOrder ~ Normal(30, 10))', () => {
  const SEEDS = [101, 102, 103, 104, 105, 106];
  for (const model of ['bg', 'pnbd'] as const) {
    const label = model === 'bg' ? 'BG/NBD' : 'Pareto/NBD';
    it(`${label}: every coefficient within 3 standard errors, and the standard errors match the spread over ${SEEDS.length} seeds`, () => {
      const fits = SEEDS.map((seed) => {
        const rows = simulate(model, 3000, seed);
        return model === 'bg' ? fitBgNbdWithCovariates(rows) : fitParetoNbdWithCovariates(rows);
      });
      const zs: number[] = [];
      for (const fit of fits) {
        expect(fit.converged).toBe(true);
        for (const name of COEFFICIENTS) {
          const error = fit.diagnostics.standardErrors?.[name] as number;
          const z = (estimate(fit, name) - truth(model, name)) / error;
          expect(Math.abs(z), `${label} ${name}`).toBeLessThan(3);
          zs.push(z);
        }
      }
      // The standardised errors have mean square about 1 when the standard errors are right.
      const rms = Math.sqrt(zs.reduce((s, z) => s + z * z, 0) / zs.length);
      expect(rms).toBeGreaterThan(0.6);
      expect(rms).toBeLessThan(1.5);
      // The spread of 6 estimates over their standard error is sqrt(chi2_5 / 5) when the errors are right:
      // 0.35 and 2.2 are its 1.3rd and 99.98th percentiles. (Over 30 other seeds, run once outside the
      // suite, the ratios were 0.83 to 1.03.)
      for (const name of COEFFICIENTS) {
        const values = fits.map((fit) => estimate(fit, name));
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
        const error = fits.reduce((s, fit) => s + (fit.diagnostics.standardErrors?.[name] as number), 0) / fits.length;
        expect(spread / error, `${label} ${name}`).toBeGreaterThan(0.35);
        expect(spread / error, `${label} ${name}`).toBeLessThan(2.2);
      }
    });
  }
});

describe('bad input gives a MetricInputError naming the row and the covariate', () => {
  const good = (): Row[] => simulate('bg', 5, 3);

  it('refuses rows without covariates, with missing, extra or non-finite ones', () => {
    const rows: unknown[] = good();
    rows[2] = { frequency: 0, recency: 0, age: 10 };
    expectInputError(
      () => fitBgNbdWithCovariates(rows as Row[]),
      /fitBgNbdWithCovariates: customers\[2\]\.covariates must be a record of the customer's covariates by name/,
    );
    const missing = good().map((row, i) => (i === 3 ? { ...row, customerId: 'c-3', covariates: { web: 1 } } : row));
    const error = expectInputError(
      () => fitBgNbdWithCovariates(missing as Row[]),
      /customers\[3\]\.covariates\.firstOrder is missing \(customerId "c-3"\): every customer needs the same covariates \(web, firstOrder\)/,
    );
    expect(error.field).toBe('customers[3].covariates.firstOrder');
    const extra = good().map((row, i) => (i === 1 ? { ...row, covariates: { ...row.covariates, region: 2 } } : row));
    expectInputError(
      () => fitParetoNbdWithCovariates(extra),
      /customers\[1\]\.covariates\.region is a covariate the first row does not have/,
    );
    for (const [value, rule] of [
      [Number.NaN, /must be a finite number, got NaN/],
      [Number.POSITIVE_INFINITY, /must be a finite number, got Infinity/],
      [true, /must be a finite number \(give 1 for yes and 0 for no\), got true/],
      ['web', /must be a finite number, got "web"/],
    ] as const) {
      const broken = good().map((row, i) =>
        i === 4 ? { ...row, covariates: { ...row.covariates, web: value } } : row,
      );
      expectInputError(
        () => fitBgNbdWithCovariates(broken as unknown as Row[]),
        new RegExp(`customers\\[4\\]\\.covariates\\.web ${rule.source}`),
      );
    }
    // Numeric strings are numbers, as elsewhere.
    const strings = good().map((row) => ({
      ...row,
      covariates: { web: String(row.covariates.web), firstOrder: row.covariates.firstOrder },
    }));
    expect(
      bgNbdWithCovariatesLogLikelihood(
        { r: 1, alpha: 1, a: 1, b: 1, purchaseCoefficients: { web: 0.3 } },
        strings as unknown as Row[],
      ),
    ).toBe(
      bgNbdWithCovariatesLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1, purchaseCoefficients: { web: 0.3 } }, good()),
    );
  });

  it('refuses covariates too large for the standardisation, with the unit to change', () => {
    const huge = good().map((row, i) =>
      i === 0 ? { ...row, covariates: { ...row.covariates, firstOrder: 2e15 } } : row,
    );
    expectInputError(
      () => fitBgNbdWithCovariates(huge),
      /customers\[0\]\.covariates\.firstOrder must be between -1000000000000000 and 1000000000000000, got 2000000000000000: give it in a larger unit/,
    );
  });

  it('collinear covariates (web and store = 1 - web) are reported as not determined, without standard errors', () => {
    const rows = simulate('bg', 500, 5).map((row) => ({
      ...row,
      covariates: { web: row.covariates.web, store: 1 - row.covariates.web },
    }));
    const fit = fitBgNbdWithCovariates(rows, { dropoutCovariates: [] });
    expect(fit.converged).toBe(false);
    expect(fit.diagnostics.unidentified).toEqual(['purchase.web', 'purchase.store']);
    expect(fit.diagnostics.warnings.join(' ')).toMatch(/the data do not determine purchase\.web, purchase\.store/);
    expect(fit.diagnostics.standardErrors).toBeUndefined();
  });

  it('refuses option lists that are not lists of the customers’ covariate names', () => {
    expectInputError(
      () => fitBgNbdWithCovariates(good(), { purchaseCovariates: ['web', 'channel'] }),
      /purchaseCovariates names "channel", which is not among the customers' covariates \(web, firstOrder\)/,
    );
    expectInputError(
      () => fitBgNbdWithCovariates(good(), { dropoutCovariates: ['web', 'web'] }),
      /dropoutCovariates\[1\] names "web" twice/,
    );
    expectInputError(
      () => fitParetoNbdWithCovariates(good(), { dropoutCovariates: 'web' as unknown as string[] }),
      /dropoutCovariates must be an array of covariate names/,
    );
    expectInputError(
      () => fitBgNbdWithCovariates(good(), { purchaseCovariate: [] } as never),
      /purchaseCovariate is not an option here \(did you mean purchaseCovariates\?\)/,
    );
  });

  it('refuses coefficients that are not finite or name covariates the customers lack', () => {
    expectInputError(
      () =>
        bgNbdWithCovariatesLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1, purchaseCoefficients: { channel: 1 } }, good()),
      /parameters\.purchaseCoefficients\.channel is a coefficient of a covariate the customers do not have; their covariates are web, firstOrder/,
    );
    expectInputError(
      () =>
        paretoNbdWithCovariatesLogLikelihood(
          { r: 1, alpha: 1, s: 1, beta: 1, dropoutCoefficients: { web: Number.NaN } },
          good(),
        ),
      /parameters\.dropoutCoefficients\.web must be a number, got NaN/,
    );
    expectInputError(
      () => paretoNbdWithCovariatesLogLikelihood({ r: 1, alpha: 0, s: 1, beta: 1 }, good()),
      /parameters\.alpha must be greater than 0, got 0/,
    );
  });

  it('covariateParameters refuses a plain fit, a missing covariate and parameters out of range', () => {
    const fit = {
      model: 'bgnbd-covariates',
      r: 1,
      alpha: 1,
      a: 1,
      b: 1,
      purchaseCoefficients: { web: 800 },
      dropoutCoefficients: {},
    } as const;
    expectInputError(
      () => covariateParameters(fit, {}),
      /covariateParameters: covariates\.web is required: the fit has a purchase coefficient for it/,
    );
    expectInputError(() => covariateParameters(fit, { web: -1 }), /covariates give this customer a alpha of Infinity/);
    expectInputError(
      () => covariateParameters({ model: 'bgnbd', r: 1, alpha: 1, a: 1, b: 1 } as never, { web: 1 }),
      /fit\.model must be a fit of fitBgNbdWithCovariates or fitParetoNbdWithCovariates/,
    );
    expectInputError(() => covariateParameters(fit, undefined as never), /covariates is required/);
  });

  it('never throws anything but MetricInputError for hostile rows', () => {
    const hostile = good().map((row, i) =>
      i === 2
        ? {
            ...row,
            get covariates(): Covariates {
              throw new TypeError('boom');
            },
          }
        : row,
    );
    let caught: unknown;
    try {
      fitBgNbdWithCovariates(hostile);
    } catch (error) {
      caught = error;
    }
    expect(MetricInputError.is(caught)).toBe(true);
    expect((caught as Error).message).toMatch(
      /customers\[2\]\.covariates could not be read: reading it threw \(boom\)/,
    );
  });
});

describe('covariateParameters reads the fit once, safely', () => {
  it('names the model field when reading it throws', () => {
    const fit = {
      get model(): string {
        throw new Error('model read');
      },
      r: 0.24,
      alpha: 4.4,
      a: 0.79,
      b: 2.4,
      purchaseCoefficients: {},
      dropoutCoefficients: {},
    };
    let caught: unknown;
    try {
      covariateParameters(fit as never, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MetricInputError);
    expect((caught as Error).message).toMatch(/^covariateParameters: \S*model\b.*model read/);
  });
});
