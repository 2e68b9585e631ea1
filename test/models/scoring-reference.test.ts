import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  fitBdw,
  fitBgNbd,
  fitParetoNbd,
  fitSbg,
  gammaGammaExpectedSpend,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  predictiveLifetimeValue,
  rfmSummary,
  sbgDiscountedResidualLifetime,
  sbgRetentionRate,
} from '../../src';
import { conditionalExpectedPurchases } from '../../src/models/nbd/bgNbdMath';
import { discountedPurchases } from '../../src/models/nbd/discounting';
import { type ScoringRow as Row, readScoringReference } from '../support/scoringReference';
import { expectInputError, expectRelative } from './independent';

// Values computed at 40 digits by test/fixtures/scoring/reference-mpmath.py (see test/fixtures/README.md),
// from the papers' formulas by routes of their own (mpmath's hyp2f1 and quadrature), not by this library.
const reference = readScoringReference();

const history = (row: Row) => ({ frequency: row.customer.x, recency: row.customer.tx, age: row.customer.T });
const bg = (row: Row) => row.parameters as { r: number; alpha: number; a: number; b: number };

describe('the per-customer predictions against 40-digit reference values', () => {
  it('has the three sections the generator wrote', () => {
    expect(reference.bgnbd.length).toBeGreaterThanOrEqual(90);
    expect(reference.paretonbd.length).toBeGreaterThanOrEqual(40);
    expect(reference.subscribers.length).toBeGreaterThanOrEqual(40);
  });

  it('gives the BG/NBD probability alive and expected purchases, in weeks and in months, to 1e-12', () => {
    for (const row of reference.bgnbd) {
      const what = `${row.label} (${row.unit}, t = ${row.horizon})`;
      expectRelative(
        bgNbdProbabilityAlive(bg(row), history(row)),
        row.expected.probabilityAlive as number,
        1e-12,
        what,
      );
      expectRelative(
        bgNbdExpectedPurchases(bg(row), { ...history(row), horizon: row.horizon }),
        row.expected.expectedPurchases as number,
        1e-12,
        what,
      );
    }
  });

  it('gives the Gamma-Gamma expected spend to 1e-12', () => {
    for (const row of reference.bgnbd) {
      expectRelative(
        gammaGammaExpectedSpend(row.spend, { frequency: row.customer.x, monetaryValue: row.customer.mbar }),
        row.expected.expectedSpend as number,
        1e-12,
        row.label,
      );
    }
  });

  it('discounts each unit to its end and a partial last unit to the horizon, for whole and fractional horizons', () => {
    let fractional = 0;
    for (const row of reference.bgnbd) {
      const { x, tx, T } = row.customer;
      const Y = (k: number) => conditionalExpectedPurchases(bg(row), x, tx, T, k);
      const value =
        discountedPurchases(Y, row.horizon, row.discountRate) * (row.expected.expectedSpend as number) * row.marginRate;
      expectRelative(value, row.expected.residualValue as number, 1e-12, `${row.label}, t = ${row.horizon}`);
      if (!Number.isInteger(row.horizon) && row.discountRate > 0) fractional++;
    }
    expect(fractional).toBeGreaterThan(0);
  });

  it('gives predictiveLifetimeValue at whole horizons to 1e-12', () => {
    let checked = 0;
    for (const row of reference.bgnbd) {
      if (!Number.isInteger(row.horizon) || row.horizon < 1) continue;
      const value = predictiveLifetimeValue(
        { purchases: bg(row), spend: row.spend },
        {
          ...history(row),
          monetaryValue: row.customer.mbar,
          horizon: row.horizon,
          discountRate: row.discountRate,
          marginRate: row.marginRate,
        },
      );
      expectRelative(value, row.expected.residualValue as number, 1e-12, `${row.label}, t = ${row.horizon}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('gives the Pareto/NBD probability alive and expected purchases to 1e-12', () => {
    for (const row of reference.paretonbd) {
      const p = row.parameters as { r: number; alpha: number; s: number; beta: number };
      const what = `${row.label} (t = ${row.horizon})`;
      expectRelative(paretoNbdProbabilityAlive(p, history(row)), row.expected.probabilityAlive as number, 1e-12, what);
      expectRelative(
        paretoNbdExpectedPurchases(p, { ...history(row), horizon: row.horizon }),
        row.expected.expectedPurchases as number,
        1e-12,
        what,
      );
    }
  });

  it('gives the sBG renewal probability and, over a long horizon, the discounted residual lifetime', () => {
    let long = 0;
    for (const row of reference.subscribers) {
      if (row.model !== 'sbg') continue;
      const { alpha, beta } = row.parameters;
      const n = row.periodsActive;
      expectRelative(
        sbgRetentionRate({ alpha, beta }, { period: n }),
        row.expected.renewalProbability as number,
        1e-12,
        `n = ${n}`,
      );
      if (row.sbgDERL !== undefined) {
        const derl = sbgDiscountedResidualLifetime(
          { alpha, beta },
          { discountRate: row.discountRate, periodsActive: n },
        );
        expectRelative(derl, row.sbgDERL, 1e-12, `DERL, n = ${n}`);
        // The horizon sum of the reference converges to the same DERL.
        expectRelative(derl, row.expected.discountedExpectedResidualLifetime as number, 1e-12, `sum, n = ${n}`);
        long++;
      }
    }
    expect(long).toBeGreaterThan(0);
  });
});

describe('fits record the time unit of their data', () => {
  const transactions = [
    { customerId: 'a', at: '2024-01-01' },
    { customerId: 'a', at: '2024-02-11' },
    { customerId: 'a', at: '2024-03-30' },
    { customerId: 'b', at: '2024-01-15' },
    { customerId: 'c', at: '2024-02-01' },
    { customerId: 'c', at: '2024-02-20' },
  ];

  it('takes the unit of an rfmSummary result, in days per unit', () => {
    const weekly = rfmSummary(transactions, { calibrationEnd: '2024-06-30' });
    expect(fitBgNbd(weekly).timeUnit).toEqual({ days: 7 });
    expect(fitParetoNbd(weekly).timeUnit).toEqual({ days: 7 });
    const monthly = rfmSummary(transactions, { calibrationEnd: '2024-06-30', timeUnit: 'month' });
    expect(fitBgNbd(monthly).timeUnit).toEqual({ days: 30.4375 });
  });

  it('takes the unit stated for plain summaries or cohorts, and records none when nobody says', () => {
    const plain = rfmSummary(transactions, { calibrationEnd: '2024-06-30' }).customers;
    expect(fitBgNbd(plain).timeUnit).toBeUndefined();
    expect(fitBgNbd(plain, { timeUnit: 'week' }).timeUnit).toEqual({ days: 7 });
    expect(fitBgNbd(plain, { timeUnit: { days: 14 } }).timeUnit).toEqual({ days: 14 });
    expect(fitSbg([1000, 631, 468, 382, 326], { timeUnit: 'year' }).timeUnit).toEqual({ days: 365.25 });
    const bdw = fitBdw([1000, 631, 468, 382, 326], { timeUnit: 'month' });
    expect(bdw.timeUnit).toEqual({ days: 30.4375 });
    expect(bdw.comparison.sbg.timeUnit).toEqual({ days: 30.4375 });
    expect(fitSbg([1000, 631, 468, 382, 326]).timeUnit).toBeUndefined();
  });

  it('refuses a stated unit that contradicts the summaries', () => {
    const weekly = rfmSummary(transactions, { calibrationEnd: '2024-06-30' });
    expectInputError(
      () => fitBgNbd(weekly, { timeUnit: 'day' }),
      /^fitBgNbd: timeUnit says 1 days per unit, but the summaries were made in units of 7 days: leave timeUnit out, or summarise again in the unit wanted$/,
    );
    expect(fitBgNbd(weekly, { timeUnit: 'week' }).timeUnit).toEqual({ days: 7 });
  });

  it('refuses a summary whose unitDays is not a length in days', () => {
    for (const [unitDays, shown] of [
      ['week', '"week"'],
      [0, '0'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
    ] as const) {
      expectInputError(
        () => fitBgNbd({ customers: [{ frequency: 1, recency: 1, age: 2 }], unitDays } as never),
        new RegExp(
          `^fitBgNbd: customers\\.unitDays must be the days per time unit, a number greater than 0, got ${shown}$`,
        ),
      );
    }
  });
});
