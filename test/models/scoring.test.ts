/**
 * The batch scorers: every column against the per-customer functions and
 * against 40-digit reference values (test/fixtures/scoring/), calendar
 * horizons against a fit rescaled by hand, annual rates against the
 * per-unit rate worked out here, and the refusals a user meets.
 */
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  predictiveLifetimeValue,
  rfmSummary,
  sbgRetentionRate,
  scoreBdw,
  scoreBgNbd,
  scoreParetoNbd,
  scoreRows,
  scoreSbg,
} from '../../src';
import { readCdnowSummary } from '../support/cdnow';
import { readScoringReference } from '../support/scoringReference';
import { expectInputError, expectRelative } from './independent';

const reference = readScoringReference();

// The published CDNOW fits (Fader, Hardie and Lee 2005; Fader and Hardie 2013).
const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6656 };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const cdnow = readCdnowSummary();

// Generated histories at the edges: no repeat purchase, last purchase at the end, many purchases, a long silence.
const edges = [
  { frequency: 0, recency: 0, age: 0.5, monetaryValue: 0 },
  { frequency: 0, recency: 0, age: 78, monetaryValue: 0 },
  { frequency: 3, recency: 20, age: 20, monetaryValue: 12 },
  { frequency: 1, recency: 0.01, age: 60, monetaryValue: 5 },
  { frequency: 5000, recency: 70, age: 70.5, monetaryValue: 40 },
  { frequency: 250, recency: 10, age: 75, monetaryValue: 1.5 },
];

describe('scoreBgNbd and scoreParetoNbd against 40-digit reference values', () => {
  for (const [section, score] of [
    ['bgnbd', scoreBgNbd],
    ['paretonbd', scoreParetoNbd],
  ] as const) {
    it(`gives every ${section} column to 1e-12`, () => {
      const rows = reference[section];
      expect(rows.length).toBeGreaterThan(40);
      for (const row of rows) {
        const { x, tx, T, mbar } = row.customer;
        const scores = score(
          { purchases: row.parameters as never, spend: row.spend },
          [{ frequency: x, recency: tx, age: T, monetaryValue: mbar }],
          { horizon: row.horizon, discountRate: row.discountRate, marginRate: row.marginRate },
        );
        for (const [column, expected] of Object.entries(row.expected)) {
          const got = (scores.columns as unknown as Record<string, Float64Array>)[column]?.[0] as number;
          expectRelative(got, expected, 1e-12, `${row.label}, t = ${row.horizon}: ${column}`);
        }
      }
    });
  }

  it('gives every subscriber column (sBG and BdW) to 1e-12', () => {
    for (const row of reference.subscribers) {
      const options = { horizon: row.horizon, discountRate: row.discountRate, valuePerPeriod: row.margin };
      const table = [{ periodsActive: row.periodsActive }];
      const scores =
        row.model === 'sbg'
          ? scoreSbg({ alpha: row.parameters.alpha, beta: row.parameters.beta }, table, options)
          : scoreBdw(row.parameters, table, options);
      for (const [column, expected] of Object.entries(row.expected)) {
        const got = (scores.columns as unknown as Record<string, Float64Array>)[column]?.[0] as number;
        expectRelative(got, expected, 1e-12, `${row.model} n = ${row.periodsActive}, h = ${row.horizon}: ${column}`);
      }
    }
  });
});

describe('every column equals the per-customer function for the same customer', () => {
  const customers = [...cdnow.map(({ id: _, ...c }) => c), ...edges];

  it('under the BG/NBD and Gamma-Gamma, on the 2,357 CDNOW customers and the edge cases, to 1e-12', () => {
    const scores = scoreBgNbd({ purchases: bg, spend }, customers, {
      horizon: 26,
      discountRate: 0.002,
      marginRate: 0.3,
    });
    expect(scores.customers).toBe(customers.length);
    const { columns } = scores;
    customers.forEach((c, i) => {
      const what = `row ${i} (x = ${c.frequency}, T = ${c.age})`;
      expectRelative(columns.probabilityAlive[i] as number, bgNbdProbabilityAlive(bg, c), 1e-12, what);
      const expected = bgNbdExpectedPurchases(bg, { ...c, horizon: 26 });
      expectRelative(columns.expectedPurchases[i] as number, expected, 1e-12, what);
      expectRelative(columns.expectedSpend?.[i] as number, gammaGammaExpectedSpend(spend, c), 1e-12, what);
      const value = predictiveLifetimeValue(
        { purchases: bg, spend },
        { ...c, horizon: 26, discountRate: 0.002, marginRate: 0.3 },
      );
      expectRelative(columns.residualValue?.[i] as number, value, 1e-12, what);
      expectRelative(
        columns.totalValue?.[i] as number,
        0.3 * c.frequency * c.monetaryValue + value,
        1e-12,
        `${what}: total`,
      );
    });
    const sum = customers.reduce((s, c) => s + bgNbdExpectedPurchases(bg, { ...c, horizon: 26 }), 0);
    expectRelative(scores.aggregate.expectedPurchases, sum, 1e-12, 'aggregate');
  });

  it('under the Pareto/NBD, on the same customers, to 1e-12', () => {
    const scores = scoreParetoNbd(pareto, customers, { horizon: 26 });
    customers.forEach((c, i) => {
      const what = `row ${i} (x = ${c.frequency}, T = ${c.age})`;
      expectRelative(scores.columns.probabilityAlive[i] as number, paretoNbdProbabilityAlive(pareto, c), 1e-12, what);
      expectRelative(
        scores.columns.expectedPurchases[i] as number,
        paretoNbdExpectedPurchases(pareto, { ...c, horizon: 26 }),
        1e-12,
        what,
      );
    });
    expect(scores.columns.expectedSpend).toBeUndefined();
  });

  it('under the sBG, the renewal probability is the retention rate of the coming period', () => {
    const fit = { alpha: 0.668, beta: 3.806 };
    const tenures = [1, 2, 3, 7, 7, 40, 1];
    const scores = scoreSbg(
      fit,
      tenures.map((periodsActive) => ({ periodsActive })),
      { horizon: 3, discountRate: 0 },
    );
    tenures.forEach((n, i) => {
      expectRelative(
        scores.columns.renewalProbability[i] as number,
        sbgRetentionRate(fit, { period: n }),
        1e-14,
        `n = ${n}`,
      );
      // Three payments: r(n) + r(n) r(n+1) + r(n) r(n+1) r(n+2), written out from the retention rates.
      const r = (t: number) => (fit.beta + t - 1) / (fit.alpha + fit.beta + t - 1);
      const payments = r(n) + r(n) * r(n + 1) + r(n) * r(n + 1) * r(n + 2);
      expectRelative(scores.columns.expectedRenewals[i] as number, payments, 1e-14, `n = ${n}`);
    });
  });

  it('takes columns (plain and typed arrays) with the same result as rows, ids carried through', () => {
    const rows = cdnow.slice(0, 300).map((c) => ({ customerId: c.id, ...c }));
    const fromRows = scoreBgNbd({ purchases: bg, spend }, rows, { horizon: 52, discountRate: 0.001 });
    const fromColumns = scoreBgNbd(
      { purchases: bg, spend },
      {
        customerId: rows.map((c) => c.customerId),
        frequency: Float64Array.from(rows, (c) => c.frequency),
        recency: rows.map((c) => c.recency),
        age: Float64Array.from(rows, (c) => c.age),
        monetaryValue: Float64Array.from(rows, (c) => c.monetaryValue),
      },
      { horizon: 52, discountRate: 0.001 },
    );
    expect(fromColumns).toEqual(fromRows);
    expect(fromRows.customerId?.slice(0, 3)).toEqual([1, 2, 3]);
  });
});

describe('units that travel', () => {
  const days = 7;
  const perMonth = 30.4375 / days;
  const sample = cdnow.slice(0, 400);
  // The same fit and histories expressed in months: alpha and every time divided by the weeks in a month.
  const monthly = { ...bg, alpha: bg.alpha / perMonth };
  const inMonths = sample.map((c) => ({ ...c, recency: c.recency / perMonth, age: c.age / perMonth }));

  it('a calendar horizon on a weekly fit gives what a fit rescaled to months gives', () => {
    const weekly = scoreBgNbd({ purchases: { ...bg, timeUnit: { days } }, spend }, sample, {
      horizon: { months: 12 },
      discountRate: 0,
    });
    expect(weekly.horizon).toBeCloseTo((12 * 30.4375) / 7, 12);
    const byHand = scoreBgNbd({ purchases: monthly, spend }, inMonths, { horizon: 12, discountRate: 0 });
    for (const column of [
      'probabilityAlive',
      'probabilityAliveAtHorizon',
      'expectedPurchases',
      'probabilityNoPurchase',
      'residualValue',
    ] as const) {
      sample.forEach((_, i) => {
        expectRelative(
          weekly.columns[column]?.[i] as number,
          byHand.columns[column]?.[i] as number,
          1e-11,
          `${column}, row ${i}`,
        );
      });
    }
  });

  it('an annual discount rate gives the value of the equivalent weekly rate, 1.1^(7/365.25) - 1', () => {
    const weeklyRate = 1.1 ** (7 / 365.25) - 1;
    const fit = { purchases: { ...bg, timeUnit: { days } }, spend };
    const annual = scoreBgNbd(fit, sample, { horizon: { years: 1 }, annualDiscountRate: 0.1 });
    const perUnit = scoreBgNbd(fit, sample, { horizon: 365.25 / 7, discountRate: weeklyRate });
    expectRelative(annual.discountRate as number, weeklyRate, 1e-13, 'the rate');
    sample.forEach((_, i) => {
      expectRelative(
        annual.columns.residualValue?.[i] as number,
        perUnit.columns.residualValue?.[i] as number,
        1e-12,
        `row ${i}`,
      );
    });
  });

  it('reads the unit an rfmSummary result carries', () => {
    const summary = rfmSummary(
      [
        { customerId: 'a', at: '2026-01-01', amount: 10 },
        { customerId: 'a', at: '2026-03-01', amount: 20 },
        { customerId: 'b', at: '2026-02-01', amount: 5 },
      ],
      { calibrationEnd: '2026-06-30', timeUnit: 'day' },
    );
    const scores = scoreBgNbd(bg, summary, { horizon: { weeks: 2 } });
    expect(scores.timeUnit).toEqual({ days: 1 });
    expect(scores.horizon).toBe(14);
    expect(scores.customerId).toEqual(['a', 'b']);
  });
});

describe('scoreRows', () => {
  it('ranks customers by a column, ties in the table order, cut to the limit', () => {
    const scores = scoreBgNbd(
      { purchases: bg, spend },
      cdnow.map((c) => ({ customerId: c.id, ...c })),
      {
        horizon: 52,
        discountRate: 0,
      },
    );
    const top = scoreRows(scores, { sortBy: 'residualValue', limit: 10 });
    expect(top).toHaveLength(10);
    const values = Array.from(scores.columns.residualValue as Float64Array);
    const best = Math.max(...values);
    expect(top[0]?.residualValue).toBe(best);
    expect(top[0]?.customerId).toBe(cdnow[values.indexOf(best)]?.id);
    for (let k = 1; k < top.length; k++)
      expect(top[k - 1]?.residualValue as number).toBeGreaterThanOrEqual(top[k]?.residualValue as number);
    const all = scoreRows(scores);
    expect(all.map((row) => row.index)).toEqual(cdnow.map((_, i) => i));
    // Customers without repeat purchases share P(alive) = 1: in ascending order of it, they come last, in table order.
    const ascending = scoreRows(scores, { sortBy: 'probabilityAlive', order: 'ascending' });
    const ones = ascending.filter((row) => row.probabilityAlive === 1).map((row) => row.index);
    expect(ones).toEqual([...ones].sort((i, j) => i - j));
    expectInputError(
      () => scoreRows(scores, { sortBy: 'value' }),
      /sortBy must name one of the columns \(probabilityAlive,/,
    );
  });
});

describe('the refusals a user meets', () => {
  const row = [{ frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35 }];
  it('a calendar horizon or an annual rate without a known unit', () => {
    expectInputError(
      () => scoreBgNbd(bg, row, { horizon: { months: 12 } }),
      /horizon is a calendar duration \(\{ months: 12 \}\), but neither the fit nor the summaries record their time unit/,
    );
    expectInputError(
      () => scoreBgNbd({ purchases: bg, spend }, row, { horizon: 52, annualDiscountRate: 0.1 }),
      /annualDiscountRate needs the fit's time unit/,
    );
  });
  it('two rates, a rate without spend, spend without a rate, a rate in percent', () => {
    const fits = { purchases: { ...bg, timeUnit: { days: 7 } }, spend };
    expectInputError(
      () => scoreBgNbd(fits, row, { horizon: 52, discountRate: 0.002, annualDiscountRate: 0.1 }),
      /annualDiscountRate and discountRate are both given/,
    );
    expectInputError(
      () => scoreBgNbd(bg, row, { horizon: 52, discountRate: 0.002 }),
      /discountRate is used only for the value columns/,
    );
    expectInputError(() => scoreBgNbd(fits, row, { horizon: 52 }), /discountRate is needed for the value columns/);
    expectInputError(
      () => scoreBgNbd(fits, row, { horizon: 52, annualDiscountRate: 10 }),
      /annualDiscountRate must be at most 1 per year \(rates are fractions: 0.1 for 10 %\), got 10/,
    );
  });
  it('a fit and summaries in different units', () => {
    const summary = rfmSummary([{ customerId: 'a', at: '2026-01-01', amount: 10 }], {
      calibrationEnd: '2026-06-30',
      timeUnit: 'day',
    });
    expectInputError(
      () => scoreBgNbd({ ...bg, timeUnit: { days: 7 } }, summary, { horizon: 4 }),
      /customers were summarised in units of 1 days, but the fit is in units of 7 days/,
    );
  });
  it('a bad row, named with its id; ids on some rows only; columns of different lengths', () => {
    expectInputError(
      () => scoreBgNbd(bg, [{ customerId: 'c9', frequency: 2, recency: 40, age: 38.86 }], { horizon: 4 }),
      /customers\[0\]\.recency must be a time between 0 and age \(38.86\), got 40 \(customerId "c9"\)/,
    );
    expectInputError(
      () =>
        scoreBgNbd(
          bg,
          [
            { customerId: 'a', frequency: 0, recency: 0, age: 3 },
            { frequency: 0, recency: 0, age: 3 },
          ],
          { horizon: 4 },
        ),
      /customers\[1\]\.customerId is missing, but earlier rows have ids/,
    );
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [0, 1], recency: [0, 1], age: [3] }, { horizon: 4 }),
      /customers\.age must have one value per customer: it has 1, the frequency column 2/,
    );
    expectInputError(
      () => scoreBgNbd(bg, { frequency: [0, 1], recency: [0, 5], age: [3, 4] }, { horizon: 4 }),
      /customers\.recency\[1\] must be a time between 0 and age \(4\), got 5/,
    );
  });
  it('spend scored from a summary made without amounts', () => {
    const summary = rfmSummary(
      [
        { customerId: 'a', at: '2026-01-01' },
        { customerId: 'a', at: '2026-02-01' },
      ] as never,
      {
        calibrationEnd: '2026-06-30',
      },
    );
    expectInputError(
      () => scoreBgNbd({ purchases: bg, spend }, summary, { horizon: 4, discountRate: 0 }),
      /customers\.monetaryValue must have spend \(monetaryValue\) for the spend model/,
    );
    expectInputError(
      () => scoreBgNbd({ purchases: bg, spend }, summary.customers, { horizon: 4, discountRate: 0 }),
      /customers\.monetaryValue must have spend/,
    );
  });
  it('a tenure that is not a whole number of periods', () => {
    expectInputError(
      () =>
        scoreSbg({ alpha: 1, beta: 1 }, [{ periodsActive: 2 }, { periodsActive: 0 }], { horizon: 3, discountRate: 0 }),
      /subscribers\[1\]\.periodsActive must be the whole number of periods the subscriber has been active/,
    );
  });
});
