/**
 * mrrMovements: MRR and its movements per period from subscription rows.
 * Small cases are counted by hand in the comments; the generated data is
 * checked against a brute-force evaluation written here (each customer's MRR
 * summed at each boundary from the rows, in bigint twelfths of a cent, with
 * its own classification), never against the library's output.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type MrrPeriod, mrrMovements } from '../../src/saas/mrrMovements';
import type { Subscription } from '../../src/saas/subscriptions';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

const D = DecimalJs.clone({ precision: 80, toExpNeg: -40, toExpPos: 40 });
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

const MOVES = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;

/** A period's movements as `[amount, customers]` strings and numbers. */
function moves(p: MrrPeriod): Record<(typeof MOVES)[number], [string, number]> {
  return Object.fromEntries(MOVES.map((k) => [k, [p[k].amount.toString(), p[k].customers]])) as Record<
    (typeof MOVES)[number],
    [string, number]
  >;
}

const none: [string, number] = ['0', 0];

describe('mrrMovements, cases counted by hand', () => {
  it('upgrade then cancel within one month: churn of the starting MRR, not an expansion', () => {
    // x pays 50 from December; upgrades to 80 on 10 Jan, cancels on 20 Jan.
    // Boundaries: 1 Jan MRR 50, 1 Feb MRR 0: one churn of 50 in January.
    const { periods } = mrrMovements(
      [
        { customerId: 'x', startedAt: '2025-12-05', endedAt: '2026-01-10', amount: 50 },
        { customerId: 'x', startedAt: '2026-01-10', endedAt: '2026-01-20', amount: 80 },
      ],
      { from: '2026-01-01', periods: 1 },
    );
    const jan = periods[0] as MrrPeriod;
    expect([jan.startingMrr.toString(), jan.endingMrr.toString()]).toEqual(['50', '0']);
    expect(moves(jan)).toEqual({ new: none, expansion: none, contraction: none, churn: ['50', 1], reactivation: none });
    expect(jan.customerChurnRate?.toString()).toBe('1');
    expect(jan.quickRatio?.toString()).toBe('0');
    expect(jan.arpa).toBeNull();
  });

  it('a reactivation: a customer who paid before, left, and came back', () => {
    // y: 40 from 15 Jan to 10 Feb, back at 60 on 5 Apr.
    // Ends of Jan..Apr: 40, 0, 0, 60: new in Jan, churn in Feb, reactivation in Apr.
    const { periods } = mrrMovements(
      [
        { customerId: 'y', startedAt: '2026-01-15', endedAt: '2026-02-10', amount: 40 },
        { customerId: 'y', startedAt: '2026-04-05', amount: 60 },
      ],
      { from: '2026-01-01', periods: 4 },
    );
    expect(periods.map((p) => p.endingMrr.toString())).toEqual(['40', '0', '0', '60']);
    expect(moves(periods[0] as MrrPeriod).new).toEqual(['40', 1]);
    expect(moves(periods[1] as MrrPeriod).churn).toEqual(['40', 1]);
    expect(moves(periods[2] as MrrPeriod)).toEqual({
      new: none,
      expansion: none,
      contraction: none,
      churn: none,
      reactivation: none,
    });
    expect(moves(periods[3] as MrrPeriod)).toEqual({
      new: none,
      expansion: none,
      contraction: none,
      churn: none,
      reactivation: ['60', 1],
    });
  });

  it('a return counts as a reactivation when the earlier payment was before `from`', () => {
    // Paid at the end of March 2025 (before the reported range), back in Feb 2026.
    const { periods } = mrrMovements(
      [
        { customerId: 'z', startedAt: '2025-03-10', endedAt: '2025-04-20', amount: 10 },
        { customerId: 'z', startedAt: '2026-02-10', amount: 10 },
      ],
      { from: '2026-02-01', periods: 1 },
    );
    expect(moves(periods[0] as MrrPeriod).reactivation).toEqual(['10', 1]);
    expect(moves(periods[0] as MrrPeriod).new).toEqual(none);
  });

  it('annual, quarterly and six-monthly plans are normalised to months', () => {
    // 1200 a year, 300 a quarter, 600 every six months: 100 a month each; 1000 a year is 250/3.
    const { periods } = mrrMovements(
      [
        { customerId: 'a', startedAt: '2026-01-05', amount: 1200, interval: 'year' },
        { customerId: 'b', startedAt: '2026-01-05', amount: 300, interval: 'quarter' },
        { customerId: 'c', startedAt: '2026-01-05', amount: '600', interval: 'month', intervalCount: 6 },
        { customerId: 'd', startedAt: '2026-01-05', amount: 1000, interval: 'year' },
      ],
      { from: '2026-01-01', periods: 1 },
    );
    const jan = periods[0] as MrrPeriod;
    expect(jan.endingMrr.toString()).toBe(to34(new D(300).plus(new D(1000).div(12))));
    expect(jan.new.customers).toBe(4);
    // ARPA = (300 + 250/3) / 4 = 1150 / 12.
    expect(jan.arpa?.toString()).toBe(to34(new D(1150).div(12)));
  });

  it('a discount is taken off the amount; a refunded and cancelled first month is no movement', () => {
    // p: 100 less 25 from 3 Mar. q: refunded and cancelled within March (3 to 9 Mar).
    // r: signed up 25 Mar, refunded and cancelled 5 Apr: paying at the end of March, so new then, churned in April.
    const { periods } = mrrMovements(
      [
        { customerId: 'p', startedAt: '2026-03-03', amount: 100, discount: '25' },
        { customerId: 'q', startedAt: '2026-03-03', endedAt: '2026-03-09', amount: 500 },
        { customerId: 'r', startedAt: '2026-03-25', endedAt: '2026-04-05', amount: 40 },
      ],
      { from: '2026-03-01', periods: 2 },
    );
    const [mar, apr] = periods as [MrrPeriod, MrrPeriod];
    expect(moves(mar).new).toEqual(['115', 2]);
    expect(moves(apr).churn).toEqual(['40', 1]);
    expect(apr.endingMrr.toString()).toBe('75');
  });

  it('several subscriptions of one customer add up; losing one is a contraction', () => {
    // s: 30 and 20 from January; the 20 ends 15 Feb, a 45 starts 20 Mar alongside the 30.
    // Ends: Jan 50, Feb 30, Mar 75: new 50; contraction 20; expansion 45.
    const { periods } = mrrMovements(
      [
        { customerId: 's', startedAt: '2026-01-02', amount: 30 },
        { customerId: 's', startedAt: '2026-01-02', endedAt: '2026-02-15', amount: 20 },
        { customerId: 's', startedAt: '2026-03-20', amount: 45 },
      ],
      { from: '2026-01-01', periods: 3, customerIds: true },
    );
    expect(periods.map((p) => p.endingMrr.toString())).toEqual(['50', '30', '75']);
    const [jan, feb, mar] = periods as [MrrPeriod, MrrPeriod, MrrPeriod];
    expect(jan.new.customerIds).toEqual(['s']);
    expect(moves(feb).contraction).toEqual(['20', 1]);
    expect(feb.contraction.customerIds).toEqual(['s']);
    expect(feb.churn.customerIds).toEqual([]);
    expect(moves(mar).expansion).toEqual(['45', 1]);
    // Gross MRR churn in February 20/50, net the same; NRR 30/50, quick ratio 0 / 20 = 0.
    expect([feb.grossMrrChurnRate, feb.netMrrChurnRate, feb.netRevenueRetention].map(String)).toEqual([
      '0.4',
      '0.4',
      '0.6',
    ]);
    // March: expansion 45 over 30 at the start: net MRR churn -1.5, NRR 2.5, no loss so no quick ratio.
    expect([mar.netMrrChurnRate, mar.netRevenueRetention, mar.grossRevenueRetention].map(String)).toEqual([
      '-1.5',
      '2.5',
      '1',
    ]);
    expect(mar.quickRatio).toBeNull();
    expect(mar.customerChurnRate?.toString()).toBe('0');
  });

  it('boundaries: MRR is measured at the last instant of each period', () => {
    // u starts exactly 1 Feb: not paying in January's last instant, so new in February.
    // v ends exactly 1 Feb (billed through 31 Jan): paying in January's last instant, so churned in February.
    // t changes plan exactly at 1 Feb, 20 to 30: paying 20 at the end of January, 30 at the end of February.
    const { periods } = mrrMovements(
      [
        { customerId: 'u', startedAt: '2026-02-01T00:00:00Z', amount: 10 },
        { customerId: 'v', startedAt: '2025-12-15', endedAt: '2026-02-01T00:00:00Z', amount: 7 },
        { customerId: 't', startedAt: '2025-12-15', endedAt: '2026-02-01', amount: 20 },
        { customerId: 't', startedAt: '2026-02-01', amount: 30 },
      ],
      { from: '2026-01-01', periods: 2 },
    );
    const [jan, feb] = periods as [MrrPeriod, MrrPeriod];
    expect([jan.startingMrr, jan.endingMrr, feb.endingMrr].map(String)).toEqual(['27', '27', '40']);
    expect(moves(jan)).toEqual({ new: none, expansion: none, contraction: none, churn: none, reactivation: none });
    expect(moves(feb)).toEqual({
      new: ['10', 1],
      expansion: ['10', 1],
      contraction: none,
      churn: ['7', 1],
      reactivation: none,
    });
    expect(jan.periodEnd).toBe('2026-02-01T00:00:00.000Z');
    expect(jan.arpa?.toString()).toBe('13.5');
  });

  it('a plan change that ends a period at the same price is no movement', () => {
    // w: 25, moves to another plan at 25 on 14 Jan (two rows): unchanged at both ends of January.
    const { periods } = mrrMovements(
      [
        { customerId: 'w', startedAt: '2025-12-01', endedAt: '2026-01-14', amount: 25 },
        { customerId: 'w', startedAt: '2026-01-14', amount: '25.00' },
      ],
      { from: '2026-01-01', periods: 1 },
    );
    const jan = periods[0] as MrrPeriod;
    expect(MOVES.map((k) => jan[k].customers)).toEqual([0, 0, 0, 0, 0]);
    expect(jan.netNewMrr.toString()).toBe('0');
  });

  it('by default reports from the earliest start to the latest date; a free plan is not a paying customer', () => {
    const { period, periods } = mrrMovements([
      { customerId: 'f', startedAt: '2026-01-20', amount: 0 },
      { customerId: 'g', startedAt: '2026-01-20', endedAt: '2026-03-02', amount: 9 },
    ]);
    expect(period).toBe('month');
    expect(periods.map((p) => p.periodStart.slice(0, 10))).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(periods.map((p) => p.customersAtEnd)).toEqual([1, 1, 0]);
    expect(mrrMovements([]).periods).toEqual([]);
  });

  it('quarters as periods', () => {
    // 90 a quarter = 30 a month, from 10 Feb: paying at the 1 Apr boundary, so new in Q1.
    const { periods } = mrrMovements([{ customerId: 1, startedAt: '2026-02-10', amount: 90, interval: 'quarter' }], {
      from: '2026-01-01',
      periods: 2,
      period: 'quarter',
    });
    expect(periods.map((p) => [p.periodStart.slice(0, 10), p.endingMrr.toString()])).toEqual([
      ['2026-01-01', '30'],
      ['2026-04-01', '30'],
    ]);
  });
});

describe('mrrMovements, exact arithmetic', () => {
  it('amounts with more than nine decimal places take the Decimal path and give the same movements', () => {
    const rows = (text: (x: number) => string): Subscription[] => [
      { customerId: 'a', startedAt: '2026-01-05', endedAt: '2026-03-10', amount: text(19.99) },
      { customerId: 'b', startedAt: '2026-01-05', amount: text(240), interval: 'year', discount: text(0.12) },
      { customerId: 'a', startedAt: '2026-03-10', amount: text(29.99) },
    ];
    const short = mrrMovements(
      rows((x) => String(x)),
      { from: '2026-01-01', periods: 3 },
    );
    const long = mrrMovements(
      rows((x) => new D(x).toFixed(12)),
      { from: '2026-01-01', periods: 3 },
    );
    expect(long.periods.map((p) => p.endingMrr.toString())).toEqual(short.periods.map((p) => p.endingMrr.toString()));
    // b: (240 - 0.12) / 12 = 19.99; a: 19.99 then 29.99 from March.
    expect(short.periods.map((p) => p.endingMrr.toString())).toEqual(['39.98', '39.98', '49.98']);
    expect(long.periods[2]?.expansion.amount.toString()).toBe('10');
    // A price with 20 decimal places, exactly: 0.00000000000000000001 a month.
    const tiny = mrrMovements([{ customerId: 't', startedAt: '2026-01-02', amount: '0.00000000000000000001' }]);
    expect(tiny.periods[0]?.endingMrr.toString()).toBe('0.00000000000000000001');
  });

  it('amounts a double cannot hold are summed as Decimals, exactly', () => {
    // a: 10.000000000000000000001 a month, then 7.5 from 10 Feb; b: 1200.000000000000000000012 a year,
    // 100.000000000000000000001 a month, from 5 Feb. Ends: Jan 10.000000000000000000001,
    // Feb 107.500000000000000000001 (a contracted by 2.500000000000000000001, b new).
    const a = new D('10.000000000000000000001');
    const b = new D('1200.000000000000000000012').div(12);
    const { periods } = mrrMovements(
      [
        { customerId: 'a', startedAt: '2026-01-03', endedAt: '2026-02-10', amount: a.toString() },
        { customerId: 'a', startedAt: '2026-02-10', amount: '7.5' },
        { customerId: 'b', startedAt: '2026-02-05', amount: '1200.000000000000000000012', interval: 'year' },
      ],
      { from: '2026-01-01', periods: 2 },
    );
    const [jan, feb] = periods as [MrrPeriod, MrrPeriod];
    expect(jan.endingMrr.toString()).toBe(to34(a));
    expect(feb.endingMrr.toString()).toBe(to34(b.plus('7.5')));
    expect(feb.contraction.amount.toString()).toBe(to34(a.minus('7.5')));
    expect(feb.new.amount.toString()).toBe(to34(b));
    expect(feb.expansion.customers).toBe(0);
  });

  it('bills of many different lengths (no common multiple below 2^31) are each divided by their months', () => {
    // Every 97, 89, 83, 79 and 73 months: their least common multiple is about 4.1e9. A bill equal to its
    // months is 1 a month; 100 every 7 months is 100 / 7.
    const rows: Subscription[] = [97, 89, 83, 79, 73].map((months) => ({
      customerId: `m${months}`,
      startedAt: '2026-01-02',
      amount: months,
      interval: 'month',
      intervalCount: months,
    }));
    rows.push({ customerId: 's', startedAt: '2026-01-02', amount: 100, intervalCount: 7 });
    const jan = mrrMovements(rows, { from: '2026-01-01', periods: 1 }).periods[0] as MrrPeriod;
    expect(jan.endingMrr.toString()).toBe(to34(new D(5).plus(new D(100).div(7))));
    expect(jan.new.customers).toBe(6);
  });

  it('sums beyond 2^53 units stay exact (Decimal path)', () => {
    // Two customers at 4e15 a month each, in cents 4e17: beyond 2^53, so Decimals.
    const { periods } = mrrMovements(
      [
        { customerId: 'a', startedAt: '2026-01-02', amount: 4e15 },
        { customerId: 'b', startedAt: '2026-01-02', amount: '4000000000000000.01' },
      ],
      { from: '2026-01-01', periods: 1 },
    );
    expect(periods[0]?.endingMrr.toString()).toBe('8000000000000000.01');
  });

  it('whole numbers whose sum passes 2^53 move to Decimals too', () => {
    // 5e15 + 5e15 = 1e16 > 2^53: a number sum would round; Decimals keep 10000000000000001.
    const { periods } = mrrMovements(
      [
        { customerId: 'a', startedAt: '2026-01-02', amount: 5e15 },
        { customerId: 'b', startedAt: '2026-01-02', amount: 5e15 + 1 },
      ],
      { from: '2026-01-01', periods: 1 },
    );
    expect(periods[0]?.endingMrr.toString()).toBe('10000000000000001');
  });
});

/** A generated book: customers with plan changes, several subscriptions, annual plans, discounts, returns. */
function generated(customers: number, seed: number): Subscription[] {
  const u = mulberry32(seed);
  const rows: Subscription[] = [];
  const day = 86_400_000;
  const origin = Date.UTC(2024, 0, 1);
  for (let c = 0; c < customers; c++) {
    const subscriptions = 1 + Math.floor(u() * 2);
    for (let s = 0; s < subscriptions; s++) {
      let at = origin + Math.floor(u() * 700) * day + Math.floor(u() * day);
      // Now and then exactly at the start of a month (a boundary), where plan changes often fall.
      if (u() < 0.2) {
        const d = new Date(at);
        at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      }
      const changes = Math.floor(u() * 4);
      for (let k = 0; k <= changes; k++) {
        const length = u() < 0.1 ? 0 : Math.floor(u() * 200) * day;
        const last = k === changes && u() < 0.4;
        const interval = u() < 0.2 ? 'year' : u() < 0.1 ? 'quarter' : 'month';
        // Whole cents; an annual price of any cents is a non-terminating monthly amount at times.
        const cents = 500 + Math.floor(u() * 20000);
        const row: Subscription = {
          customerId: c % 3 === 0 ? `c${c}` : c,
          startedAt: new Date(at),
          endedAt: last ? null : new Date(at + length),
          amount: (cents / 100).toFixed(2),
          interval,
        };
        if (u() < 0.2) row.discount = (Math.floor(u() * cents) / 100).toFixed(2);
        rows.push(row);
        // A gap before the next price now and then (a churn and a reactivation).
        at += length + (u() < 0.15 ? Math.floor(u() * 90) * day : 0);
        if (last) break;
      }
    }
  }
  return rows;
}

/** Each customer's MRR at each boundary, in bigint units of 1/1200 of a currency unit, from the rows directly. */
function bruteForce(rows: Subscription[], boundaries: number[]) {
  const months = { month: 1n, quarter: 3n, year: 12n };
  const byCustomer = new Map<string | number, bigint[]>();
  for (const row of rows) {
    const start = (row.startedAt as Date).getTime();
    const end = row.endedAt ? (row.endedAt as Date).getTime() : Number.POSITIVE_INFINITY;
    const cents = BigInt(Math.round(Number(row.amount) * 100)) - BigInt(Math.round(Number(row.discount ?? 0) * 100));
    const monthly = (cents * 12n) / months[row.interval ?? 'month'];
    const levels = byCustomer.get(row.customerId) ?? boundaries.map(() => 0n);
    boundaries.forEach((b, j) => {
      // Billed in the last instant before b.
      if (start < b && b <= end) levels[j] = (levels[j] as bigint) + monthly;
    });
    byCustomer.set(row.customerId, levels);
  }
  return byCustomer;
}

describe('mrrMovements on 100,000 generated customers', () => {
  const rows = generated(100_000, 20261207);
  const result = mrrMovements(rows, { from: '2024-01-01', periods: 30 });
  const boundaries = Array.from({ length: 31 }, (_, j) => Date.UTC(2024, j, 1));

  it('every period adds up exactly, and matches a brute-force evaluation of the rows', () => {
    const levels = bruteForce(rows, boundaries);
    const totals = Array.from({ length: 30 }, () => ({
      start: 0n,
      end: 0n,
      new: [0n, 0],
      expansion: [0n, 0],
      contraction: [0n, 0],
      churn: [0n, 0],
      reactivation: [0n, 0],
    }));
    for (const level of levels.values()) {
      let everPaid = false;
      for (let j = 1; j <= 30; j++) {
        const s = level[j - 1] as bigint;
        const e = level[j] as bigint;
        if (s > 0n) everPaid = true;
        const t = totals[j - 1] as (typeof totals)[number];
        t.start += s;
        t.end += e;
        const add = (kind: (typeof MOVES)[number], amount: bigint) => {
          const cell = t[kind] as [bigint, number];
          cell[0] += amount;
          cell[1] += 1;
        };
        if (s === 0n && e > 0n) add(everPaid ? 'reactivation' : 'new', e);
        else if (s > 0n && e === 0n) add('churn', s);
        else if (e > s && s > 0n) add('expansion', e - s);
        else if (s > e && e > 0n) add('contraction', s - e);
      }
    }
    // Payments before 2024-01-01 cannot exist: the rows start in 2024, so everPaid is complete.
    const money = (units: bigint) => to34(new D(units.toString()).div(1200));
    let moved = 0;
    result.periods.forEach((p, t) => {
      const want = totals[t] as (typeof totals)[number];
      expect([p.startingMrr.toString(), p.endingMrr.toString()]).toEqual([money(want.start), money(want.end)]);
      for (const kind of MOVES) {
        const [units, count] = want[kind] as [bigint, number];
        expect([p[kind].amount.toString(), p[kind].customers]).toEqual([money(units), count]);
        moved += count;
      }
      // In exact arithmetic: end = start + new + expansion + reactivation - contraction - churn.
      const grown = (want.new[0] as bigint) + (want.expansion[0] as bigint) + (want.reactivation[0] as bigint);
      const lost = (want.contraction[0] as bigint) + (want.churn[0] as bigint);
      expect(want.end).toBe(want.start + grown - lost);
      // In the rounded results too, to well within the 34th digit.
      const sum = new D(p.startingMrr.toString())
        .plus(p.new.amount.toString())
        .plus(p.expansion.amount.toString())
        .plus(p.reactivation.amount.toString())
        .minus(p.contraction.amount.toString())
        .minus(p.churn.amount.toString());
      expect(sum.minus(p.endingMrr.toString()).abs().lte(new D(p.endingMrr.toString()).times('1e-32'))).toBe(true);
    });
    // Enough of every movement that the comparison means something.
    expect(moved).toBeGreaterThan(200_000);
    expect(
      result.periods.every((p, t) => t === 0 || p.startingMrr.eq(result.periods[t - 1]?.endingMrr as DecimalJs)),
    ).toBe(true);
  });

  it('whole-cent monthly amounts add up exactly in the rounded results', () => {
    const monthlyOnly = rows.filter((row) => row.interval === 'month');
    for (const p of mrrMovements(monthlyOnly, { from: '2024-01-01', periods: 30 }).periods) {
      const sum = p.startingMrr
        .plus(p.new.amount)
        .plus(p.expansion.amount)
        .plus(p.reactivation.amount)
        .minus(p.contraction.amount)
        .minus(p.churn.amount);
      expect(sum.toString()).toBe(p.endingMrr.toString());
    }
  });
});

describe('mrrMovements refusals', () => {
  const ok: Subscription = { customerId: 'a', startedAt: '2026-01-01', amount: 10 };
  it('names the row and the cell', () => {
    expectInputError(
      () => mrrMovements([ok, { ...ok, amount: -1 }]),
      /subscriptions\[1\]\.amount must not be negative, got -1/,
    );
    expectInputError(
      () => mrrMovements([{ ...ok, discount: 11 }]),
      /subscriptions\[0\]\.discount must not exceed the amount \(10\), got 11/,
    );
    expectInputError(() => mrrMovements([{ ...ok, discount: 'x' }]), /subscriptions\[0\]\.discount must be/);
    expectInputError(
      () => mrrMovements([{ ...ok, interval: 'week' as never }]),
      /subscriptions\[0\]\.interval must be 'month', 'quarter' or 'year', got "week"/,
    );
    expectInputError(
      () => mrrMovements([{ ...ok, intervalCount: 0 }]),
      /subscriptions\[0\]\.intervalCount must be a whole number from 1 to 120, got 0/,
    );
    expectInputError(
      () => mrrMovements([{ ...ok, endedAt: '2025-12-01' }]),
      /subscriptions\[0\]\.endedAt must not be before startedAt/,
    );
    expectInputError(() => mrrMovements([{ ...ok, customerId: '' }]), /subscriptions\[0\]\.customerId must be/);
    expectInputError(
      () =>
        mrrMovements([
          { ...ok, customerId: 7 },
          { ...ok, customerId: '7' },
        ]),
      /subscriptions\[1\]\.customerId is the string "7", and subscriptions\[0\]\.customerId is the number 7/,
    );
    expectInputError(() => mrrMovements([42 as never]), /subscriptions\[0\] must be \{ customerId, startedAt/);
    expectInputError(() => mrrMovements({} as never), /subscriptions must be an array of/);
    expectInputError(
      () =>
        mrrMovements([
          {
            get customerId(): string {
              throw new Error('boom');
            },
            startedAt: '2026-01-01',
            amount: 1,
          },
        ]),
      /subscriptions\[0\]\.customerId/,
    );
  });

  it('refuses bad options', () => {
    expectInputError(() => mrrMovements([ok], { periods: 0 }), /periods must be a whole number from 1 to 10,000/);
    expectInputError(() => mrrMovements([ok], { from: 'soon' }), /from must be/);
    expectInputError(() => mrrMovements([ok], { period: 'fortnight' as never }), /period must be one of day/);
    expectInputError(() => mrrMovements([ok], { customerIds: 'yes' as never }), /customerIds must be true or false/);
    expectInputError(() => mrrMovements([ok], { perod: 'month' } as never), /perod/);
    expectInputError(
      () => mrrMovements([ok], { convention: 'stripe' as never }),
      /convention must be one of default, chartmogul, baremetrics, profitwell, got "stripe"/,
    );
    expectInputError(() => mrrMovements([ok], { grossMargin: 'most' }), /grossMargin must be a plain decimal number/);
    for (const margin of [0, 1.5, -0.2])
      expectInputError(
        () => mrrMovements([ok], { grossMargin: margin }),
        /grossMargin must be a fraction above 0 and at most 1 \(0\.8 for 80 %\)/,
      );
    expectInputError(
      () => mrrMovements([ok], { trailingPeriods: 0 }),
      /trailingPeriods must be a whole number from 1 to 120, got 0/,
    );
    expectInputError(() => mrrMovements([{ ...ok, startedAt: 'yesterday' }]), /subscriptions\[0\]\.startedAt must be/);
    expectInputError(
      () => mrrMovements([ok, { ...ok, startedAt: '1990-01-01' }], { period: 'day' }),
      /subscriptions span \d+ days, more than 10,000: give from and periods, or a longer period/,
    );
  });
});
