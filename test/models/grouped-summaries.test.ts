/**
 * Grouped summaries: rows that stand for `customers` customers each, as a
 * warehouse query returns them (one row per distinct summary with its
 * count). Every fit and likelihood on grouped rows equals the same call on
 * the rows written out one per customer; the counts are checked and named
 * in errors; the holdout check, which needs one row per customer, refuses
 * groups.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdCalibrationFit,
  bgNbdHoldoutComparison,
  bgNbdLogLikelihood,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaLogLikelihood,
  scoreBgNbd,
  scoreSbg,
} from '../../src';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError, expectRelative } from './independent';

const cdnow = readCdnowSummary().map(({ frequency, recency, age, monetaryValue }) => ({
  frequency,
  recency,
  age,
  monetaryValue,
}));
type Row = (typeof cdnow)[number];

// Each CDNOW customer stands for 1, 2 or 3 customers (by row number): the grouped table has one row
// with that count, the expanded table the row written out that many times.
const copies = (i: number) => 1 + (i % 3);
const grouped = cdnow.map((row, i) => ({ ...row, customers: copies(i) }));
const expanded: Row[] = cdnow.flatMap((row, i) => Array.from({ length: copies(i) }, () => row));

describe('grouped summaries equal the same rows expanded', () => {
  it('has groups to merge', () => {
    expect(expanded.length).toBe(grouped.reduce((sum, row) => sum + row.customers, 0));
    expect(expanded.length).toBeGreaterThan(grouped.length * 1.9);
  });

  for (const [name, fit, names] of [
    ['fitBgNbd', fitBgNbd, ['r', 'alpha', 'a', 'b']],
    ['fitParetoNbd', fitParetoNbd, ['r', 'alpha', 's', 'beta']],
    ['fitGammaGamma', fitGammaGamma, ['p', 'q', 'gamma']],
  ] as const) {
    it(`${name}: the same estimate, log-likelihood and customers`, () => {
      const fromGroups = (fit as unknown as (rows: unknown) => Record<string, unknown>)(grouped);
      const fromRows = (fit as unknown as (rows: unknown) => Record<string, unknown>)(expanded);
      for (const parameter of names) {
        expectRelative(fromGroups[parameter] as number, fromRows[parameter] as number, 1e-9, `${name} ${parameter}`);
      }
      expectRelative(fromGroups.logLikelihood as number, fromRows.logLikelihood as number, 1e-12, 'log-likelihood');
      expect(fromGroups.customers).toBe(fromRows.customers);
      expect(fromGroups.converged).toBe(true);
    });
  }

  it('the log-likelihoods and the calibration check', () => {
    const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
    expectRelative(bgNbdLogLikelihood(bg, grouped), bgNbdLogLikelihood(bg, expanded), 1e-12, 'BG/NBD');
    const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
    expectRelative(gammaGammaLogLikelihood(spend, grouped), gammaGammaLogLikelihood(spend, expanded), 1e-12, 'GG');
    const a = bgNbdCalibrationFit(bg, grouped, { maxFrequency: 5 });
    const b = bgNbdCalibrationFit(bg, expanded, { maxFrequency: 5 });
    a.forEach((row, k) => {
      expect(row.actual).toBe(b[k]?.actual);
      expectRelative(row.expected, b[k]?.expected as number, 1e-12, `frequency ${k}`);
    });
  });

  it('a group of 0 counts for nothing', () => {
    const withEmpty = [...grouped, { frequency: 50, recency: 10, age: 11, monetaryValue: 1000, customers: 0 }];
    expect(fitBgNbd(withEmpty).logLikelihood).toBe(fitBgNbd(grouped).logLikelihood);
  });
});

describe('grouped summaries refused', () => {
  it('names a count that is not a whole number from 0, and a table of empty groups', () => {
    for (const customers of [-1, 1.5, 'many', Number.NaN]) {
      expectInputError(
        () => fitBgNbd([{ frequency: 1, recency: 2, age: 3, customers } as never]),
        /^fitBgNbd: customers\[0\]\.customers must be the whole number of customers who share this summary \(grouped rows\), 0 or more, got /,
      );
    }
    expectInputError(
      () => fitGammaGamma([{ frequency: 2, monetaryValue: 10, customers: -3, customerId: 'g7' }]),
      /^fitGammaGamma: customers\[0\]\.customers must be the whole number of customers who share this summary \(grouped rows\), 0 or more, got -3 \(customerId "g7"\)$/,
    );
    expectInputError(
      () => fitBgNbd([{ frequency: 1, recency: 2, age: 3, customers: 0 }]),
      /^fitBgNbd: customers must hold at least one customer: every row has customers 0$/,
    );
  });

  it('refuses groups in the holdout check, which compares customers one by one', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expectInputError(
      () =>
        bgNbdHoldoutComparison(bg, [{ frequency: 1, recency: 2, age: 3, holdoutPurchases: 1, customers: 5 } as never], {
          horizon: 39,
        }),
      /^bgNbdHoldoutComparison: customers\[0\]\.customers must be 1 \(or left out\) here: holdout purchases are per customer/,
    );
  });

  it('refuses groups in the batch scorers, whose totals add up one row per customer', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expectInputError(
      () => scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3, customers: 5 } as never], { horizon: 39 }),
      /^scoreBgNbd: customers\[0\]\.customers must be 1 \(or left out\): the scorers take one row per customer/,
    );
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [1], recency: [2], age: [3], customers: [5] } as never, { horizon: 39 }),
      /^scoreBgNbd: customers\.customers is a column of group sizes: the scorers take one row per customer/,
    );
    expectInputError(
      () =>
        scoreSbg({ alpha: 0.7, beta: 1.2 }, [{ periodsActive: 3, customers: 2 } as never], {
          horizon: 12,
          discountRate: 0.01,
        }),
      /^scoreSbg: subscribers\[0\]\.customers must be 1 \(or left out\)/,
    );
    // A group of one is a customer.
    const one = scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3, customers: 1 } as never], { horizon: 39 });
    const plain = scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3 }], { horizon: 39 });
    expect(one.aggregate.expectedPurchases).toBe(plain.aggregate.expectedPurchases);
  });
});
