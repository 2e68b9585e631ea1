/**
 * survivorsByTenure: subscriptions to survivors at each renewal, by cohort.
 * Hand-counted cases (renewals on the start's day of the month, clamped to a
 * shorter month; a cancellation at the renewal instant is no renewal; counts
 * stop at the last renewal every member has reached); and subscriptions
 * generated from a known sBG (seeded), fitted back within three standard
 * errors, with the lifetime value of the fit close to the true one.
 */
import { describe, expect, it } from 'vitest';
import { fitSbg, sbgLifetimeValue, survivorsByTenure } from '../../src';
import { renewalAt } from '../../src/data/survivorsByTenure';
import { draws } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

const ms = (iso: string) => Date.parse(iso);

describe('renewal instants', () => {
  it('keep the day of the month, clamped to a shorter month, and the time of day', () => {
    const start = ms('2028-01-31T09:30:00Z');
    expect(new Date(renewalAt(start, 'month', 1)).toISOString()).toBe('2028-02-29T09:30:00.000Z');
    expect(new Date(renewalAt(start, 'month', 2)).toISOString()).toBe('2028-03-31T09:30:00.000Z');
    expect(new Date(renewalAt(start, 'month', 13)).toISOString()).toBe('2029-02-28T09:30:00.000Z');
    expect(new Date(renewalAt(start, 'quarter', 1)).toISOString()).toBe('2028-04-30T09:30:00.000Z');
    expect(new Date(renewalAt(ms('2028-02-29T00:00:00Z'), 'year', 1)).toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(new Date(renewalAt(start, 'week', 2)).toISOString()).toBe('2028-02-14T09:30:00.000Z');
    expect(new Date(renewalAt(start, 'day', 1)).toISOString()).toBe('2028-02-01T09:30:00.000Z');
  });
});

describe('survivorsByTenure, counted by hand', () => {
  it('counts each cohort to the last renewal all of it has reached', () => {
    const result = survivorsByTenure(
      [
        // January 2026 cohort; the latest start (the 31st) has renewed on 28 Feb, 31 Mar and 30 Apr by 10 May.
        { customerId: 'a', startedAt: '2026-01-31', endedAt: '2026-02-28' }, // cancelled at the first renewal
        { customerId: 'b', startedAt: '2026-01-31', endedAt: '2026-03-01' }, // renewed on 28 Feb, gone before 31 Mar
        { customerId: 'c', startedAt: '2026-01-02', endedAt: '2026-04-02' }, // renewed 2 Feb and 2 Mar, not 2 Apr
        { customerId: 'd', startedAt: '2026-01-15', endedAt: null }, // still active
        { customerId: 'd', startedAt: '2026-01-20', endedAt: '2026-01-25' }, // a second subscription of d, gone at once
        // February cohort: the latest start (the 25th) has renewed on 25 Mar and 25 Apr.
        { customerId: 'e', startedAt: '2026-02-01', endedAt: '2026-03-15' }, // renewed 1 Mar, not 1 Apr
        { customerId: 'f', startedAt: '2026-02-25' },
        // April cohort: its latest start (the 20th) renews only on 20 May, after asOf.
        { customerId: 'g', startedAt: '2026-04-01' },
        { customerId: 'h', startedAt: '2026-04-20' },
        // After asOf.
        { customerId: 'i', startedAt: '2026-06-01' },
      ],
      { period: 'month', asOf: '2026-05-10' },
    );
    expect(result.cohorts).toEqual([
      { cohort: '2026-01-01', survivors: [5, 3, 2, 1] },
      { cohort: '2026-02-01', survivors: [2, 2, 1] },
    ]);
    expect(result.subscriptions).toBe(7);
    expect(result.subscriptionsTooRecent).toBe(2);
    expect(result.subscriptionsAfterAsOf).toBe(1);
  });

  it('groups by a longer cohort period, and bills weekly', () => {
    const subscriptions = [
      { customerId: 1, startedAt: '2026-01-05', endedAt: '2026-01-19' }, // renewed 12 Jan, not 19 Jan
      { customerId: 2, startedAt: '2026-03-30', endedAt: '2026-04-06T00:00:01Z' }, // renewed 6 Apr (one second)
      { customerId: 3, startedAt: '2026-02-10' },
    ];
    const result = survivorsByTenure(subscriptions, { period: 'week', cohortPeriod: 'quarter', asOf: '2026-04-20' });
    // The latest start, 30 March, has reached three weekly renewals by 20 April (6, 13 and 20 April).
    expect(result.cohorts).toEqual([{ cohort: '2026-01-01', survivors: [3, 3, 1, 1] }]);
  });

  it('feeds fitSbg as it is', () => {
    const result = survivorsByTenure(
      [
        { customerId: 'a', startedAt: '2025-01-05', endedAt: '2025-02-05' },
        { customerId: 'b', startedAt: '2025-01-10', endedAt: '2025-06-01' },
        { customerId: 'c', startedAt: '2025-01-20' },
        { customerId: 'd', startedAt: '2025-02-03', endedAt: '2025-02-20' },
        { customerId: 'e', startedAt: '2025-02-14' },
      ],
      { period: 'month', asOf: '2025-12-31' },
    );
    expect(fitSbg(result.cohorts).customers).toBe(5);
  });
});

describe('survivorsByTenure on subscriptions generated from a known sBG', () => {
  it('gives counts from which fitSbg recovers alpha and beta, and the lifetime value', () => {
    const truth = { alpha: 0.704, beta: 1.182 };
    const random = draws(20_261_207);
    const subscriptions: Array<{ customerId: number; startedAt: number; endedAt: number | null }> = [];
    const first = ms('2024-01-01T00:00:00Z');
    const asOf = ms('2026-06-30T00:00:00Z');
    for (let i = 0; i < 8000; i++) {
      // Starts spread over two years, at any instant; each subscriber's churn probability from Beta(alpha, beta).
      const start = first + Math.floor(random.uniform() * 730 * 86_400_000);
      const theta = random.beta(truth.alpha, truth.beta);
      // It leaves at renewal T with probability theta (1 - theta)^(T - 1), T = 1, 2, ...: it does not renew then.
      let T = 1;
      while (random.uniform() >= theta && T < 10_000) T++;
      const end = renewalAt(start, 'month', T);
      subscriptions.push({ customerId: i, startedAt: start, endedAt: end <= asOf ? end : null });
    }
    const tenure = survivorsByTenure(subscriptions, { period: 'month', asOf });
    expect(tenure.cohorts.length).toBeGreaterThan(20);
    const fit = fitSbg(tenure.cohorts);
    expect(fit.converged).toBe(true);
    const se = fit.diagnostics.standardErrors as { alpha: number; beta: number };
    expect(Math.abs(fit.alpha - truth.alpha), `alpha ${fit.alpha} (se ${se.alpha})`).toBeLessThan(3 * se.alpha);
    expect(Math.abs(fit.beta - truth.beta), `beta ${fit.beta} (se ${se.beta})`).toBeLessThan(3 * se.beta);
    // A new subscriber's value at 30 a month and 1 % a month: the fit's within 10 % of the truth's.
    const options = { margin: 30, discountRate: 0.01 };
    const fitted = sbgLifetimeValue(fit, options);
    const actual = sbgLifetimeValue(truth, options);
    expect(Math.abs(fitted - actual) / actual, `${fitted} against ${actual}`).toBeLessThan(0.1);
  });
});

describe('survivorsByTenure refusals', () => {
  it('names the row, the field and the rule', () => {
    expectInputError(
      () => survivorsByTenure([{ customerId: 'a', startedAt: 'soon' }], { period: 'month', asOf: '2026-01-01' }),
      /^survivorsByTenure: subscriptions\[0\]\.startedAt /,
    );
    expectInputError(
      () =>
        survivorsByTenure([{ customerId: 'a', startedAt: '2026-01-01' }], {
          period: 'fortnight' as never,
          asOf: '2026-01-01',
        }),
      /^survivorsByTenure: period must be one of 'day', 'week', 'month', 'quarter', 'year', got "fortnight"$/,
    );
    expectInputError(
      () => survivorsByTenure([{ customerId: 'a', startedAt: '2026-01-01' }], { asOf: '2026-01-01' } as never),
      /^survivorsByTenure: period must be one of 'day', 'week', 'month', 'quarter', 'year' \(the billing period\), got nothing \(undefined\)$/,
    );
    expectInputError(
      () => survivorsByTenure([{ customerId: 'a', startedAt: '2026-01-01' }], { period: 'month' } as never),
      /^survivorsByTenure: asOf /,
    );
    expectInputError(
      () =>
        survivorsByTenure([{ customerId: 'a', startedAt: '2026-03-01', endedAt: '2026-02-01' }], {
          period: 'month',
          asOf: '2026-05-01',
        }),
      /^survivorsByTenure: subscriptions\[0\]\.endedAt must not be before startedAt/,
    );
  });
});
