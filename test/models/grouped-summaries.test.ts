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
  fitSbg,
  gammaGammaLogLikelihood,
  scoreBgNbd,
  scoreParetoNbd,
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
});

describe('the batch scorers on grouped rows', () => {
  const bgFit = fitBgNbd(cdnow);
  const spendFit = fitGammaGamma(cdnow);
  const options = { horizon: 39, discountRate: 0.01, marginRate: 0.3, intervalLevel: 0.9, draws: 20, seed: 7 };
  // Row i of the grouped table is rows start(i) .. start(i) + copies(i) - 1 of the expanded one.
  const firstCopy = grouped.map((_, i) => grouped.slice(0, i).reduce((sum, row) => sum + row.customers, 0));

  it('scoreBgNbd: every column and total, and every interval, equal those of the rows written out', () => {
    const fromGroups = scoreBgNbd({ purchases: bgFit, spend: spendFit }, grouped, options);
    const fromRows = scoreBgNbd({ purchases: bgFit, spend: spendFit }, expanded, options);
    expect(fromGroups.customers).toBe(expanded.length);
    expect(fromGroups.rows).toBe(grouped.length);
    expect(fromRows.rows).toBe(expanded.length);
    expect(Array.from(fromGroups.customersPerRow ?? [])).toEqual(grouped.map((row) => row.customers));
    expect(fromRows.customersPerRow).toBeUndefined();
    // Each row's scores are its customers' scores: the same kernel on the same history.
    for (const [column, values] of Object.entries(fromGroups.columns)) {
      const expandedValues = fromRows.columns[column as keyof typeof fromRows.columns] as Float64Array;
      (values as Float64Array).forEach((value, i) => {
        expect(value, `${column} of row ${i}`).toBe(expandedValues[firstCopy[i] as number]);
      });
    }
    for (const [total, value] of Object.entries(fromGroups.aggregate)) {
      expectRelative(value, fromRows.aggregate[total as keyof typeof fromRows.aggregate] as number, 1e-12, total);
    }
    // The totals, added up in the test from the per-row column and the counts.
    let expected = 0;
    fromGroups.columns.expectedPurchases.forEach((value, i) => {
      expected += value * (grouped[i]?.customers as number);
    });
    expectRelative(fromGroups.aggregate.expectedPurchases, expected, 1e-12, 'weighted total');
    // The intervals: the same parameter draws, and each grouped row simulated once per customer in the
    // order the expanded rows are, so the intervals agree to rounding (the purchase counts exactly).
    const a = fromGroups.intervals;
    const b = fromRows.intervals;
    if (a === undefined || b === undefined) throw new Error('intervals missing');
    for (const key of ['expectedPurchases', 'residualValue', 'totalValue'] as const) {
      expectRelative(a.aggregate[key]?.lower as number, b.aggregate[key]?.lower as number, 1e-12, `${key} lower`);
      expectRelative(a.aggregate[key]?.upper as number, b.aggregate[key]?.upper as number, 1e-12, `${key} upper`);
    }
    expect(a.outcome.purchases).toEqual(b.outcome.purchases);
    for (const bound of ['lower', 'upper'] as const) {
      const value = b.outcome.residualValue?.[bound] as number;
      expectRelative(a.outcome.residualValue?.[bound] as number, value, 1e-12, `outcome value ${bound}`);
    }
    a.columns.expectedPurchases.upper.forEach((value, i) => {
      expect(value).toBe(b.columns.expectedPurchases.upper[firstCopy[i] as number]);
    });
  });

  it('scoreParetoNbd: the totals of grouped columns', () => {
    const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6656 };
    const sample = grouped.slice(0, 300);
    const columns = {
      frequency: sample.map((row) => row.frequency),
      recency: sample.map((row) => row.recency),
      age: sample.map((row) => row.age),
      customers: Float64Array.from(sample, (row) => row.customers),
    };
    const fromGroups = scoreParetoNbd(pareto, columns, { horizon: 39 });
    const fromRows = scoreParetoNbd(pareto, expanded.slice(0, firstCopy[300]), { horizon: 39 });
    expect(fromGroups.customers).toBe(firstCopy[300]);
    expectRelative(fromGroups.aggregate.expectedPurchases, fromRows.aggregate.expectedPurchases, 1e-12, 'total');
  });

  it('scoreSbg: grouped tenures count their subscribers, in the totals and the simulated outcome', () => {
    const fit = fitSbg([{ customers: 1000, lostPerPeriod: [369, 163, 86, 56, 37, 27, 21] }]);
    const tenures = [
      { periodsActive: 1, customers: 120 },
      { periodsActive: 3, customers: 40 },
      { periodsActive: 1, customers: 5 },
      { periodsActive: 7, customers: 0 },
      { periodsActive: 12, customers: 9 },
    ];
    const rows = tenures.flatMap(({ periodsActive, customers }) =>
      Array.from({ length: customers }, () => ({ periodsActive })),
    );
    const settings = { horizon: 24, discountRate: 0.01, valuePerPeriod: 20, intervalLevel: 0.9, draws: 30 };
    const fromGroups = scoreSbg(fit, tenures, settings);
    const fromRows = scoreSbg(fit, rows, settings);
    expect(fromGroups.customers).toBe(174);
    expect(fromGroups.rows).toBe(5);
    expectRelative(fromGroups.aggregate.expectedRenewals, fromRows.aggregate.expectedRenewals, 1e-12, 'renewals');
    expectRelative(
      fromGroups.aggregate.residualValue as number,
      fromRows.aggregate.residualValue as number,
      1e-12,
      'value',
    );
    // Subscribers of one tenure are simulated together, in row order, in both tables.
    expect(fromGroups.intervals?.outcome).toEqual(fromRows.intervals?.outcome);
    expectRelative(
      fromGroups.intervals?.aggregate.expectedRenewals.upper as number,
      fromRows.intervals?.aggregate.expectedRenewals.upper as number,
      1e-12,
      'interval',
    );
  });

  it('names a bad count by its row and column', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expectInputError(
      () => scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3, customers: 2.5 } as never], { horizon: 39 }),
      /^scoreBgNbd: customers\[0\]\.customers must be the whole number of customers who share this row \(grouped rows\), 0 or more, got 2\.5$/,
    );
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [1, 2], recency: [2, 3], age: [3, 4], customers: [5, -1] }, { horizon: 39 }),
      /^scoreBgNbd: customers\.customers\[1\] must be the whole number of customers who share this row \(grouped rows\), 0 or more, got -1$/,
    );
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [1, 2], recency: [2, 3], age: [3, 4], customers: [5] }, { horizon: 39 }),
      /^scoreBgNbd: customers\.customers must have one value per customer: it has 1, the frequency column 2$/,
    );
    expectInputError(
      () =>
        scoreSbg({ alpha: 0.7, beta: 1.2 }, [{ periodsActive: 3, customers: 'many' } as never], {
          horizon: 12,
          discountRate: 0.01,
        }),
      /^scoreSbg: subscribers\[0\]\.customers must be the whole number/,
    );
    // A group of one is a customer.
    const one = scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3, customers: 1 }], { horizon: 39 });
    const plain = scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3 }], { horizon: 39 });
    expect(one.aggregate.expectedPurchases).toBe(plain.aggregate.expectedPurchases);
  });
});

describe('outcome intervals of grouped rows', () => {
  it('refuse more customers than they can simulate, before simulating any', () => {
    const bg = {
      r: 0.24,
      alpha: 4.4,
      a: 0.79,
      b: 2.4,
      covariance: [
        [1e-4, 0, 0, 0],
        [0, 1e-2, 0, 0],
        [0, 0, 1e-4, 0],
        [0, 0, 0, 1e-3],
      ],
    };
    const started = Date.now();
    expectInputError(
      () =>
        scoreBgNbd(bg, [{ frequency: 1, recency: 2, age: 3, customers: 100_000_001 }], {
          horizon: 39,
          intervalLevel: 0.9,
          draws: 20,
        }),
      /^scoreBgNbd: intervalLevel asks for intervals of 100000001 customers, whose outcome simulates each customer under each of the 20 draws: at most 100000000 customers/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('a grouped column with a hole', () => {
  it('is a missing count, not a group of one', () => {
    const bg = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const customers = [3, , 2] as number[];
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [1, 2, 0], recency: [2, 3, 0], age: [3, 4, 5], customers }, { horizon: 39 }),
      /^scoreBgNbd: customers\.customers\[1\] must be the whole number of customers who share this row \(grouped rows\), 0 or more, got null$/,
    );
  });
});
