/**
 * The BG/BB (Fader, Hardie and Shang 2010): the donation data's published
 * estimates and log-likelihood; the likelihood, P(alive), the forecasts and
 * DERT against the paper's formulas evaluated here at 50 digits with
 * log-beta functions of their own (test/models/independent.ts), the paper's
 * gamma-function forms where the library sums opportunity by opportunity and
 * a direct sum where it uses the hypergeometric series; grouped rows against
 * the same rows expanded; and the refusals.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgBbDiscountedResidualTransactions,
  bgBbExpectedTransactions,
  bgBbExpectedTransactionsNewCustomer,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  fitBgBb,
} from '../../src';
import { historyTerms } from '../../src/models/bgbb/bgBbMath';
import { D, type Dec, decimalLogBeta, decimalLogGamma, exact, expectInputError, expectRelative } from './independent';

// test/fixtures/bgbb-donations.csv: the 1995 cohort of a US non-profit's first-time donors (11,104),
// six yearly opportunities, 22 patterns with their counts; Fader, Hardie and Shang (2010), Marketing Science 29(6).
const donations = readFileSync(new URL('../fixtures/bgbb-donations.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [frequency, recency, periods, customers] = line.split(',').map(Number) as [number, number, number, number];
    return { frequency, recency, periods, customers };
  });
// The paper's estimates (its Table 2 and text).
const published = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

const beta = (a: number | Dec, b: number | Dec) => decimalLogBeta(a, b).exp();
const ratio = (a: number, b: number, a2: number, b2: number) => beta(a2, b2).div(beta(a, b));

/** The paper's equation 5 at 50 digits: L = B(a+x, b+n-x)/B(a,b) B(g, d+n)/B(g,d) + sum_i B(a+x, b+tx-x+i)/B(a,b) B(g+1, d+tx+i)/B(g,d). */
function likelihood(p: typeof published, x: number, tx: number, n: number): Dec {
  const { alpha: a, beta: b, gamma: g, delta: d } = p;
  let L = ratio(a, b, a + x, b + n - x).times(ratio(g, d, g, d + n));
  for (let i = 0; i <= n - tx - 1; i++) {
    L = L.plus(ratio(a, b, a + x, b + tx - x + i).times(ratio(g, d, g + 1, d + tx + i)));
  }
  return L;
}

describe('fitBgBb on the donation data', () => {
  const fit = fitBgBb(donations);

  it('reproduces the published estimates and log-likelihood', () => {
    expect(fit.customers).toBe(11_104);
    expect(fit.converged).toBe(true);
    expect(fit.alpha.toFixed(3)).toBe('1.204');
    expect(fit.beta.toFixed(3)).toBe('0.750');
    expect(fit.gamma.toFixed(3)).toBe('0.657');
    expect(fit.delta.toFixed(3)).toBe('2.783');
    expect(fit.logLikelihood.toFixed(1)).toBe('-33225.6');
    expect(fit.diagnostics.warnings).toEqual([]);
    expect(fit.diagnostics.standardErrors?.delta).toBeGreaterThan(0);
  });

  it('reports the log-likelihood the paper formula gives at its estimate', () => {
    let total = new D(0);
    for (const row of donations) {
      total = total.plus(likelihood(fit, row.frequency, row.recency, row.periods).ln().times(row.customers));
    }
    expectRelative(fit.logLikelihood, total, 1e-12, 'log-likelihood');
    expectRelative(
      bgBbLogLikelihood(published, donations),
      logLikelihoodAt(published),
      1e-12,
      'at the published values',
    );
  });

  it('fits grouped rows as it fits the same rows expanded', () => {
    const expanded = donations.flatMap(({ frequency, recency, periods, customers }) =>
      Array.from({ length: customers }, () => ({ frequency, recency, periods })),
    );
    expect(expanded.length).toBe(11_104);
    const again = fitBgBb(expanded);
    for (const name of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expectRelative(again[name], fit[name], 1e-9, name);
    }
    expect(again.logLikelihood).toBe(fit.logLikelihood);
  });
});

function logLikelihoodAt(p: typeof published): Dec {
  let total = new D(0);
  for (const row of donations) {
    total = total.plus(likelihood(p, row.frequency, row.recency, row.periods).ln().times(row.customers));
  }
  return total;
}

// Histories across the range: none, every opportunity, an early stop, a late one, a long record.
const histories: Array<[number, number, number]> = [
  [0, 0, 6],
  [6, 6, 6],
  [1, 1, 6],
  [3, 5, 6],
  [2, 6, 6],
  [0, 0, 0],
  [4, 10, 25],
];

describe('the gradient of the log-likelihood', () => {
  it('matches central differences of the log-likelihood in the logs of the parameters', () => {
    const p = { alpha: 1.3, beta: 0.8, gamma: 0.6, delta: 2.9 };
    const names = ['alpha', 'beta', 'gamma', 'delta'] as const;
    for (const [x, tx, n] of histories) {
      const { gradient } = historyTerms(p, x, tx, n, true);
      names.forEach((name, j) => {
        const h = 1e-5;
        const up = historyTerms({ ...p, [name]: p[name] * Math.exp(h) }, x, tx, n, false).logL;
        const down = historyTerms({ ...p, [name]: p[name] * Math.exp(-h) }, x, tx, n, false).logL;
        const numeric = (up - down) / (2 * h);
        expect(Math.abs((gradient[j] as number) - numeric), `${name} at (${x}, ${tx}, ${n})`).toBeLessThan(1e-8);
      });
    }
  });
});

describe('BG/BB predictions against the paper formulas', () => {
  const p = published;
  const { alpha: a, beta: b, gamma: g, delta: d } = p;

  it('P(alive at n + 1): B(a+x, b+n-x)/B(a,b) B(g, d+n+1)/B(g,d) / L', () => {
    for (const [x, tx, n] of histories) {
      const expected = ratio(a, b, a + x, b + n - x)
        .times(ratio(g, d, g, d + n + 1))
        .div(likelihood(p, x, tx, n));
      expectRelative(
        bgBbProbabilityAlive(p, { frequency: x, recency: tx, periods: n }),
        expected,
        1e-12,
        `(${x}, ${tx}, ${n})`,
      );
    }
  });

  // Equation 13's gamma-function form: delta/(gamma - 1) Gamma(g+d)/Gamma(1+d) [Gamma(1+d+n)/Gamma(g+d+n) - Gamma(1+d+n+m)/Gamma(g+d+n+m)].
  const ahead = (n: number, m: number) => {
    const lg = (v: number) => decimalLogGamma(exact(v));
    const front = exact(d)
      .div(exact(g).minus(1))
      .times(
        lg(g + d)
          .minus(lg(1 + d))
          .exp(),
      );
    return front.times(
      lg(1 + d + n)
        .minus(lg(g + d + n))
        .exp()
        .minus(
          lg(1 + d + n + m)
            .minus(lg(g + d + n + m))
            .exp(),
        ),
    );
  };

  it('expected transactions in the next n* opportunities: equation 13 in gamma functions', () => {
    for (const [x, tx, n] of histories) {
      for (const m of [1, 5, 10]) {
        const expected = ratio(a, b, a + x + 1, b + n - x)
          .times(ahead(n, m))
          .div(likelihood(p, x, tx, n));
        expectRelative(
          bgBbExpectedTransactions(p, { frequency: x, recency: tx, periods: n, futurePeriods: m }),
          expected,
          1e-12,
          `(${x}, ${tx}, ${n}) over ${m}`,
        );
      }
    }
  });

  it("a new customer's expected transactions: equation 8 in gamma functions", () => {
    for (const n of [1, 6, 11, 50]) {
      const lg = (v: number) => decimalLogGamma(exact(v));
      const expected = exact(a)
        .div(exact(a + b))
        .times(exact(d).div(exact(g).minus(1)))
        .times(
          new D(1).minus(
            lg(g + d)
              .minus(lg(g + d + n))
              .plus(lg(1 + d + n))
              .minus(lg(1 + d))
              .exp(),
          ),
        );
      expectRelative(bgBbExpectedTransactionsNewCustomer(p, { periods: n }), expected, 1e-12, `n = ${n}`);
    }
    expect(bgBbExpectedTransactionsNewCustomer({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, { periods: 0 })).toBe(0);
  });

  it('DERT: the discounted expected transactions summed opportunity by opportunity', () => {
    for (const [x, tx, n] of histories) {
      for (const rate of [0.1, 0.5]) {
        // sum_{k >= 1} B(a+x+1, b+n-x)/B(a,b) B(g, d+n+k)/B(g,d) / (1 + rate)^k / L, to a tail below 1e-30.
        const front = ratio(a, b, a + x + 1, b + n - x).div(likelihood(p, x, tx, n));
        let survival = ratio(g, d, g, d + n);
        let discount = new D(1);
        let sum = new D(0);
        for (let k = 1; k < 2000; k++) {
          survival = survival.times(exact(d + n + k - 1).div(exact(g + d + n + k - 1)));
          discount = discount.div(exact(1 + rate));
          const term = survival.times(discount);
          sum = sum.plus(term);
          if (term.lt(sum.times('1e-30'))) break;
        }
        expectRelative(
          bgBbDiscountedResidualTransactions(p, { frequency: x, recency: tx, periods: n, discountRate: rate }),
          front.times(sum),
          1e-12,
          `(${x}, ${tx}, ${n}) at ${rate}`,
        );
      }
    }
  });
});

describe('BG/BB refusals', () => {
  const p = published;
  it('refuses inconsistent histories, naming the row and the field', () => {
    expectInputError(
      () => fitBgBb([{ frequency: 7, recency: 6, periods: 6 }]),
      /^fitBgBb: customers\[0\]\.frequency must be a whole number of repeat transactions from 0 to periods \(6\), got 7$/,
    );
    expectInputError(
      () =>
        fitBgBb([
          { frequency: 0, recency: 0, periods: 6 },
          { frequency: 3, recency: 2, periods: 6, customerId: 'd-17' },
        ]),
      /^fitBgBb: customers\[1\]\.recency must be the whole opportunity of the last repeat transaction, from frequency \(3\) to periods \(6\), got 2 \(customerId "d-17"\)$/,
    );
    expectInputError(
      () => fitBgBb([{ frequency: 0, recency: 2, periods: 6 }]),
      /^fitBgBb: customers\[0\]\.recency must be 0 when frequency is 0/,
    );
    expectInputError(
      () => fitBgBb([{ frequency: 1, recency: 1, periods: 6.5 }]),
      /^fitBgBb: customers\[0\]\.periods must be a whole number of opportunities/,
    );
    expectInputError(
      () => fitBgBb([{ frequency: 1, recency: 1, periods: 6, customers: -2 }]),
      /^fitBgBb: customers\[0\]\.customers must be the whole number of customers who share this history/,
    );
    expectInputError(() => fitBgBb([]), /^fitBgBb: customers must hold at least one history, got none$/);
    expectInputError(
      () => fitBgBb([{ frequency: 1, recency: 1, periods: 6, customers: 0 }]),
      /^fitBgBb: customers must hold at least one customer: every row has customers 0$/,
    );
  });

  it('refuses a prediction for an inconsistent history or a bad rate', () => {
    expectInputError(
      () => bgBbProbabilityAlive(p, { frequency: 3, recency: 2, periods: 6 }),
      /^bgBbProbabilityAlive: recency must be at least frequency \(3\)/,
    );
    expectInputError(
      () => bgBbExpectedTransactions(p, { frequency: 1, recency: 1, periods: 6, futurePeriods: 1.5 }),
      /^bgBbExpectedTransactions: futurePeriods must be a whole number of opportunities ahead/,
    );
    expectInputError(
      () => bgBbDiscountedResidualTransactions(p, { frequency: 1, recency: 1, periods: 6, discountRate: 0 }),
      /^bgBbDiscountedResidualTransactions: discountRate must be greater than 0, got 0$/,
    );
    expectInputError(
      () => bgBbDiscountedResidualTransactions(p, { frequency: 1, recency: 1, periods: 6, discountRate: 10 }),
      /^bgBbDiscountedResidualTransactions: discountRate must be at most 1 per period \(rates are fractions/,
    );
    expectInputError(
      () => bgBbProbabilityAlive({ ...p, gamma: 0 }, { frequency: 1, recency: 1, periods: 6 }),
      /^bgBbProbabilityAlive: parameters\.gamma /,
    );
  });
});
