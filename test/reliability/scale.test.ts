/**
 * Ten million elements: no stack overflow (no spreading of big arrays into
 * calls), exact results, and no Decimal per element. Timing is not a
 * criterion here (see npm run bench); the expected values are worked out in
 * closed form below.
 */
import { describe, expect, it } from 'vitest';
import {
  cohortRetention,
  periodCountsSeries,
  revenueConcentration,
  revenueRetention,
  topCustomerShare,
} from '../../src';

const N = 10_000_000;

describe('ten million customers', () => {
  it('revenueConcentration and topCustomerShare handle a Float64Array of 10,000,000 revenues exactly', () => {
    // Revenues 1, 2, ..., N (in cents): total N(N+1)/2; the top 10 % are N - N/10 + 1 .. N.
    const revenues = new Float64Array(N);
    for (let i = 0; i < N; i++) revenues[i] = i + 1;
    const c = revenueConcentration(revenues, { topShares: [0.1] });
    const total = (BigInt(N) * BigInt(N + 1)) / 2n;
    expect(c.total.toString()).toBe(total.toString());
    expect(c.customers).toBe(N);
    // Top 10 %: sum of the largest N/10 = (N/10)(2N - N/10 + 1)/2.
    const k = BigInt(N / 10);
    const top = (k * (2n * BigInt(N) - k + 1n)) / 2n;
    // Exactly, as a fraction: top / total.
    expect(c.top[0]?.revenueShare.times(total.toString()).toSignificantDigits(30).toString()).toBe(top.toString());
    // Gini of 1..N: sum |x_i - x_j| = N (N^2 - 1) / 3 over 2 N^2 (N + 1) / 2, which is (N - 1) / (3N).
    expect(
      c.gini
        .times(3 * N)
        .toSignificantDigits(30)
        .toString(),
    ).toBe(String(N - 1));
    expect(topCustomerShare(revenues, 0.1).toString()).toBe(c.top[0]?.revenueShare.toString());
  }, 120_000);

  it('cohortRetention reads 10,000,000 events of 1,000,000 customers into the exact table', () => {
    // Customer i joins in month i mod 12 of 2024 and is active in that month and the nine after
    // (one event on the 15th of each), so the last event is in month 11 + 9 = 20 (September 2025).
    const customers = 1_000_000;
    const events = new Array<{ customerId: number; at: number }>(N);
    let e = 0;
    for (let j = 0; j < 10; j++) {
      for (let i = 0; i < customers; i++) events[e++] = { customerId: i, at: Date.UTC(2024, (i % 12) + j, 15) };
    }
    const table = cohortRetention(events);
    expect(table.cohorts).toHaveLength(12);
    for (const [m, cohort] of table.cohorts.entries()) {
      // 1,000,000 = 12 x 83,333 + 4: months 0..3 have one customer more.
      const size = m < 4 ? 83_334 : 83_333;
      const observed = 21 - m;
      const expected = Array.from({ length: observed }, (_, k) => (k < 10 ? size : 0));
      expect(cohort.cohort).toBe(`2024-${String(m + 1).padStart(2, '0')}-01`);
      expect(cohort.size).toBe(size);
      expect(cohort.active).toEqual(expected);
      expect(cohort.activeOrLater).toEqual(expected);
    }
    // One flat row per cohort and observed period: 21 + 20 + ... + 10.
    expect(table.rows).toHaveLength(((21 + 10) * 12) / 2);
  }, 120_000);

  it('periodCountsSeries counts 10,000,000 lifecycles of 5,000,000 customers exactly', () => {
    // Customer i (r = i mod 28): a first lifecycle from January 1 + r to February 1 + r 2025,
    // a second from March 1 + r, still open.
    const customers = 5_000_000;
    const rows = new Array<{ customerId: number; startedAt: number; endedAt?: number }>(2 * customers);
    for (let i = 0; i < customers; i++) {
      const r = i % 28;
      rows[2 * i] = { customerId: i, startedAt: Date.UTC(2025, 0, 1 + r), endedAt: Date.UTC(2025, 1, 1 + r) };
      rows[2 * i + 1] = { customerId: i, startedAt: Date.UTC(2025, 2, 1 + r) };
    }
    const [jan, feb, mar] = periodCountsSeries(rows, { from: '2025-01-01', periods: 3 });
    // Those with r = 0 (5,000,000 = 28 x 178,571 + 12: r = 0 has 178,572) end on February 1 itself.
    const r0 = 178_572;
    const counts = (c: typeof jan) =>
      c && [
        c.customersAtStart,
        c.newCustomers,
        c.customersAtEnd,
        c.lostCustomers,
        c.newAndLostCustomers,
        c.returningCustomers,
      ];
    // January: all start; those with r = 0 leave on its last boundary, new and lost.
    expect(counts(jan)).toEqual([0, customers, customers - r0, r0, r0, 0]);
    // February: nobody is active on March 1 (February 2025 has 28 days) and nobody starts.
    expect(counts(feb)).toEqual([customers - r0, 0, 0, customers - r0, 0, 0]);
    // March: everyone comes back and stays.
    expect(counts(mar)).toEqual([0, customers, customers, 0, 0, customers]);
  }, 120_000);

  it('revenueRetention sums 10,000,000 revenue rows of 5,000,000 customers exactly', () => {
    // Customer i starts at (i mod 100) + 2 cents; at the end: i mod 4 = 0 churned (no row),
    // 1 one cent more, 2 one cent less, 3 the same.
    const customers = 5_000_000;
    const startRevenue = new Array<{ customerId: number; revenue: number }>(customers);
    const endRevenue: Array<{ customerId: number; revenue: number }> = [];
    const cents = { starting: 0, churned: 0, expansion: 0, contraction: 0 };
    for (let i = 0; i < customers; i++) {
      const start = (i % 100) + 2;
      startRevenue[i] = { customerId: i, revenue: start / 100 };
      cents.starting += start;
      const fate = i % 4;
      if (fate === 0) cents.churned += start;
      else endRevenue.push({ customerId: i, revenue: (start + (fate === 1 ? 1 : fate === 2 ? -1 : 0)) / 100 });
      if (fate === 1) cents.expansion += 1;
      if (fate === 2) cents.contraction += 1;
    }
    const r = revenueRetention({ startRevenue, endRevenue });
    const money = (c: number) => (c / 100).toFixed(2).replace(/\.?0+$/, '');
    expect(r.startingRevenue.toString()).toBe(money(cents.starting));
    expect(r.churnedRevenue.toString()).toBe(money(cents.churned));
    expect(r.expansion.toString()).toBe(money(cents.expansion));
    expect(r.contraction.toString()).toBe(money(cents.contraction));
    const retained = cents.starting + cents.expansion - cents.contraction - cents.churned;
    expect(r.retainedRevenue.toString()).toBe(money(retained));
    expect(r.netRevenueRetention.times(cents.starting).toSignificantDigits(30).toString()).toBe(String(retained));
  }, 120_000);
});
