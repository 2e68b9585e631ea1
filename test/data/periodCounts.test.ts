/**
 * periodCounts and periodCountsSeries: customer counts per period from
 * lifecycles active in [startedAt, endedAt), UTC. Every expected count is
 * worked out by hand in the comments, or by the brute-force counter written in
 * this file (which reads the conventions directly off instants, without the
 * library's interval merging); the long decimal expansions were computed with
 * Python's decimal module at 34 digits, half even.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  churnRate,
  Decimal,
  type Lifecycle,
  type PeriodCounts,
  type PeriodCountsOptions,
  type PeriodCountsSeriesOptions,
  periodCounts,
  periodCountsSeries,
  retentionRate,
} from '../../src';
import { expectInputError } from '../support/expectInputError';

/** The test's own decimal.js, independent of the library's clone. */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** The counts of a result as plain numbers (and rates as strings), for toEqual. */
function plain(counts: PeriodCounts) {
  return {
    periodStart: counts.periodStart,
    periodEnd: counts.periodEnd,
    customersAtStart: counts.customersAtStart,
    customersAtEnd: counts.customersAtEnd,
    newCustomers: counts.newCustomers,
    lostCustomers: counts.lostCustomers,
    retainedCustomers: counts.retainedCustomers,
    newAndLostCustomers: counts.newAndLostCustomers,
    returningCustomers: counts.returningCustomers,
    retentionRate: counts.retentionRate?.toString() ?? null,
    startingCustomerRetention: counts.startingCustomerRetention?.toString() ?? null,
  };
}

/** The identities every period must satisfy, whatever the data. */
function expectConsistent(c: PeriodCounts): void {
  expect(c.lostCustomers).toBe(c.customersAtStart + c.newCustomers - c.customersAtEnd);
  // The starting customers split into retained and lost; the new ones into still active and new-and-lost.
  expect(c.customersAtEnd).toBe(c.retainedCustomers + c.newCustomers - c.newAndLostCustomers);
  expect(c.lostCustomers).toBe(c.customersAtStart - c.retainedCustomers + c.newAndLostCustomers);
  expect(c.returningCustomers).toBeLessThanOrEqual(c.newCustomers);
  if (c.customersAtStart === 0) {
    expect(c.retentionRate).toBeNull();
    expect(c.startingCustomerRetention).toBeNull();
  } else {
    const s = new D(c.customersAtStart);
    const byCounts = to34(new D(c.customersAtEnd - c.newCustomers).div(s));
    const bySplit = to34(new D(c.retainedCustomers - c.newAndLostCustomers).div(s));
    expect(byCounts).toBe(bySplit);
    expect(c.retentionRate?.toString()).toBe(byCounts);
    expect(c.startingCustomerRetention?.toString()).toBe(to34(new D(c.retainedCustomers).div(s)));
  }
}

// February 2026, [2026-02-01, 2026-03-01). One customer per letter; the comment says where each one counts.
//   S = active at 2026-02-01 and started before it; N = started in February (not in S);
//   E = active at 2026-03-01 and started before it.
const february: Lifecycle[] = [
  { customerId: 'a', startedAt: '2026-01-10' }, // S, E: retained (open, no endedAt)
  { customerId: 'b', startedAt: '2026-01-15', endedAt: '2026-02-10' }, // S, lost
  { customerId: 'c', startedAt: '2026-02-03', endedAt: '2026-02-20' }, // N, new and lost (inside one period)
  { customerId: 'd', startedAt: '2026-02-05', endedAt: null }, // N, E (open, endedAt null)
  { customerId: 'e', startedAt: '2026-01-20', endedAt: '2026-03-01' }, // S, ends exactly at `to`: lost in February
  { customerId: 'f', startedAt: '2026-03-01' }, // starts exactly at `to`: nothing in February
  { customerId: 'g', startedAt: '2026-02-01' }, // starts exactly at `from`: N (not S), E
  { customerId: 'h', startedAt: '2025-12-01', endedAt: '2026-02-01' }, // ends exactly at `from`: lost in January
  { customerId: 'i', startedAt: '2025-10-01', endedAt: '2025-12-15' }, // i left in December...
  { customerId: 'i', startedAt: '2026-02-12' }, // ...and comes back: N, returning, E
  { customerId: 'j', startedAt: '2026-01-02', endedAt: '2026-02-08' }, // j is active at the start, leaves...
  { customerId: 'j', startedAt: '2026-02-15' }, // ...and returns within February: S, E, retained, not new
  { customerId: 'k', startedAt: '2025-11-01', endedAt: '2026-02-15' }, // k has two overlapping lifecycles:
  { customerId: 'k', startedAt: '2026-01-01', endedAt: '2026-04-01' }, // one stretch 11-01..04-01: S, E
  { customerId: 'l', startedAt: '2026-01-05', endedAt: '2026-02-14' }, // l's lifecycles touch at 02-14:
  { customerId: 'l', startedAt: '2026-02-14', endedAt: null }, // one stretch: S, E, not new, not returning
  { customerId: 'm', startedAt: '2026-01-01', endedAt: '2026-02-05' }, // m is active at the start, leaves,
  { customerId: 'm', startedAt: '2026-02-10', endedAt: '2026-02-20' }, // returns and leaves again: S, lost
  { customerId: 'n', startedAt: '2026-02-02', endedAt: '2026-02-04' }, // n is new, leaves and returns,
  { customerId: 'n', startedAt: '2026-02-06' }, // all within February: N (once), E, not returning
  { customerId: 'o', startedAt: '2025-06-01', endedAt: '2025-07-01' }, // o left last summer, comes back
  { customerId: 'o', startedAt: '2026-02-10', endedAt: '2026-02-25' }, // and leaves again: N, returning, new and lost
  { customerId: 'p', startedAt: '2025-01-01', endedAt: '2025-06-01' }, // long gone: nothing
  { customerId: 'q', startedAt: '2026-04-01' }, // not yet a customer: nothing
];
// S = a b e j k l m = 7; N = c d g i n o = 6; E = a d g i j k l n = 8.
// lost = 7 + 6 - 8 = 5 (b e m among the starting customers, c o among the new ones).
// retained = a j k l = 4; new and lost = c o = 2; returning = i o = 2.
// retentionRate = (8 - 6) / 7 = (4 - 2) / 7 = 2/7; startingCustomerRetention = 4/7.
const februaryExpected = {
  periodStart: '2026-02-01T00:00:00.000Z',
  periodEnd: '2026-03-01T00:00:00.000Z',
  customersAtStart: 7,
  customersAtEnd: 8,
  newCustomers: 6,
  lostCustomers: 5,
  retainedCustomers: 4,
  newAndLostCustomers: 2,
  returningCustomers: 2,
  retentionRate: '0.2857142857142857142857142857142857',
  startingCustomerRetention: '0.5714285714285714285714285714285714',
};
const febPeriod = { from: '2026-02-01', to: '2026-03-01' };

/** Every way of writing midnight UTC of a 'YYYY-MM-DD' day that the library accepts. */
const formats: ReadonlyArray<{ label: string; write: (day: string) => Date | string | number }> = [
  { label: 'an ISO date without a time', write: (day) => day },
  { label: 'an ISO basic date (YYYYMMDD)', write: (day) => day.replaceAll('-', '') },
  { label: 'a Date', write: (day) => new Date(utc(day)) },
  { label: 'epoch milliseconds', write: (day) => utc(day) },
  { label: 'an ISO date-time in Z', write: (day) => `${day}T00:00:00Z` },
  { label: 'an ISO date-time with milliseconds in Z', write: (day) => `${day}T00:00:00.000Z` },
  { label: 'an ISO date-time without a zone (UTC)', write: (day) => `${day}T00:00:00` },
  { label: 'an ISO date-time with a space and no zone', write: (day) => `${day} 00:00:00` },
  { label: 'the same instant at +02:00', write: (day) => `${day}T02:00:00+02:00` },
  { label: 'the same instant at +0530 (no colon)', write: (day) => `${day}T05:30:00+0530` },
  { label: 'the same instant at -05:00 (the evening before)', write: (day) => `${dayBefore(day)}T19:00:00-05:00` },
];

/** Epoch ms of midnight UTC of 'YYYY-MM-DD', read by hand (not with Date.parse). */
function utc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN);
}

function dayBefore(day: string): string {
  return new Date(utc(day) - 86_400_000).toISOString().slice(0, 10);
}

function rewrite(rows: readonly Lifecycle[], write: (day: string) => Date | string | number): Lifecycle[] {
  return rows.map((row) => ({
    customerId: row.customerId,
    startedAt: write(row.startedAt as string),
    ...(row.endedAt === undefined ? {} : { endedAt: row.endedAt === null ? null : write(row.endedAt as string) }),
  }));
}

describe('periodCounts', () => {
  describe('a hand-counted month', () => {
    it('counts starting, new, ending, lost, retained, new-and-lost and returning customers', () => {
      expect(plain(periodCounts(february, febPeriod))).toEqual(februaryExpected);
    });

    it('satisfies lost = S + N - E and (E - N) / S = (retained - newAndLost) / S', () => {
      const c = periodCounts(february, febPeriod);
      expect(c.customersAtStart + c.newCustomers - c.customersAtEnd).toBe(c.lostCustomers);
      expect(c.customersAtEnd - c.newCustomers).toBe(c.retainedCustomers - c.newAndLostCustomers);
      expectConsistent(c);
    });

    it('gives counts that retentionRate and churnRate turn into the same rates', () => {
      const c = periodCounts(february, febPeriod);
      const counts = {
        customersAtStart: c.customersAtStart,
        customersAtEnd: c.customersAtEnd,
        newCustomers: c.newCustomers,
      };
      const rate = retentionRate(counts);
      expect(rate.toString()).toBe('0.2857142857142857142857142857142857');
      expect(rate.toString()).toBe(c.retentionRate?.toString());
      // churn = lost / S = 5/7 (Python: 0.7142857142857142857142857142857143), and 1 - retention exactly.
      expect(churnRate(counts).toString()).toBe('0.7142857142857142857142857142857143');
      expect(churnRate({ customersAtStart: c.customersAtStart, lostCustomers: c.lostCustomers }).toString()).toBe(
        '0.7142857142857142857142857142857143',
      );
      expect(churnRate(counts).plus(rate).toString()).toBe('1');
    });

    // PeriodCounts is documented as "ready for retentionRate and churnRate", and TypeScript accepts it
    // for their options (extra properties of a variable are allowed), so the result itself must be accepted.
    it('plugs the result object itself straight into retentionRate and churnRate', () => {
      const c = periodCounts(february, febPeriod);
      expect(retentionRate(c).toString()).toBe('0.2857142857142857142857142857142857');
      expect(churnRate(c).toString()).toBe('0.7142857142857142857142857142857143');
    });

    it('gives the same counts whatever the order of the rows', () => {
      const reversed = [...february].reverse();
      const shuffled = [...february].sort((x, y) => String(y.startedAt).localeCompare(String(x.startedAt)));
      expect(plain(periodCounts(reversed, febPeriod))).toEqual(februaryExpected);
      expect(plain(periodCounts(shuffled, febPeriod))).toEqual(februaryExpected);
    });

    it.each(formats)('gives the same counts with every date written as $label', ({ write }) => {
      const rows = rewrite(february, write);
      const counts = periodCounts(rows, { from: write('2026-02-01'), to: write('2026-03-01') });
      expect(plain(counts)).toEqual(februaryExpected);
    });

    it('gives the same counts with a different date format on each row', () => {
      const rows = february.map((row, i) => {
        const write = formats[i % formats.length]?.write ?? ((day: string) => day);
        return rewrite([row], write)[0] as Lifecycle;
      });
      expect(plain(periodCounts(rows, { from: new Date(utc('2026-02-01')), to: utc('2026-03-01') }))).toEqual(
        februaryExpected,
      );
    });
  });

  describe('boundaries', () => {
    it('counts a customer who starts and ends inside one period as new and lost, not starting', () => {
      // x: 03-05 to 03-20 inside March: S 0, N 1, E 0, lost 1, new and lost 1; no rate with S = 0.
      const c = periodCounts([{ customerId: 'x', startedAt: '2026-03-05', endedAt: '2026-03-20' }], {
        from: '2026-03-01',
        to: '2026-04-01',
      });
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.lostCustomers, c.newAndLostCustomers]).toEqual([
        0, 1, 0, 1, 1,
      ]);
      expect(c.retentionRate).toBeNull();
      expect(c.startingCustomerRetention).toBeNull();
    });

    it('counts a lifecycle ending exactly on a boundary as lost in the period that boundary closes', () => {
      const rows: Lifecycle[] = [{ customerId: 'x', startedAt: '2026-01-10', endedAt: '2026-03-01' }];
      // February closes at 03-01: x is at the start (S 1), not at the end (E 0): lost 1.
      const feb = periodCounts(rows, febPeriod);
      expect([feb.customersAtStart, feb.customersAtEnd, feb.lostCustomers]).toEqual([1, 0, 1]);
      // March starts at 03-01: x is no longer active there, so March does not see x at all.
      const mar = periodCounts(rows, { from: '2026-03-01', to: '2026-04-01' });
      expect([mar.customersAtStart, mar.customersAtEnd, mar.newCustomers, mar.lostCustomers]).toEqual([0, 0, 0, 0]);
    });

    it('counts a lifecycle starting exactly on a boundary as new in the period that starts there', () => {
      const rows: Lifecycle[] = [{ customerId: 'x', startedAt: '2026-03-01' }];
      const feb = periodCounts(rows, febPeriod);
      expect([feb.customersAtStart, feb.newCustomers, feb.customersAtEnd]).toEqual([0, 0, 0]);
      const mar = periodCounts(rows, { from: '2026-03-01', to: '2026-04-01' });
      expect([mar.customersAtStart, mar.newCustomers, mar.customersAtEnd]).toEqual([0, 1, 1]);
    });

    it('resolves instants to the millisecond, and reads a time without a zone as UTC', () => {
      const rows: Lifecycle[] = [
        // ends one millisecond before March: lost in February
        { customerId: 'u', startedAt: '2026-01-01', endedAt: '2026-02-28T23:59:59.999Z' },
        // ends one millisecond into March: at the end of February (E), lost in March
        { customerId: 'v', startedAt: '2026-01-01', endedAt: '2026-03-01T00:00:00.001Z' },
        // 00:30 at +01:00 is 23:30 UTC on 02-28: lost in February
        { customerId: 'w', startedAt: '2026-01-01', endedAt: '2026-03-01T00:30:00+01:00' },
        // 00:30 with no zone is 00:30 UTC on 03-01: at the end of February
        { customerId: 'y', startedAt: '2026-01-01', endedAt: '2026-03-01T00:30:00' },
        // starts at 23:30 UTC on 01-31 (00:30 on 02-01 at +01:00): a starting customer, not new
        { customerId: 'z', startedAt: '2026-02-01T00:30:00+01:00' },
      ];
      // S = u v w y z = 5; N = 0; E = v y z = 3; lost 2; retention 3/5 = 0.6.
      const feb = periodCounts(rows, febPeriod);
      expect([feb.customersAtStart, feb.newCustomers, feb.customersAtEnd, feb.lostCustomers]).toEqual([5, 0, 3, 2]);
      expect(feb.retentionRate?.toString()).toBe('0.6');
      // March: S = v y z = 3, E = z = 1, lost 2.
      const mar = periodCounts(rows, { from: '2026-03-01', to: '2026-04-01' });
      expect([mar.customersAtStart, mar.newCustomers, mar.customersAtEnd, mar.lostCustomers]).toEqual([3, 0, 1, 2]);
    });

    it('accepts periods that are not calendar periods, to the millisecond', () => {
      // [02-10 12:00, 02-10 12:00:00.001): only a lifecycle covering that millisecond's edges counts.
      const rows: Lifecycle[] = [
        { customerId: 'a', startedAt: '2026-02-10T12:00:00Z' }, // N
        { customerId: 'b', startedAt: '2026-02-01', endedAt: '2026-02-10T12:00:00.001Z' }, // S, lost (ends at `to`)
        { customerId: 'c', startedAt: '2026-02-01' }, // S, E
      ];
      const c = periodCounts(rows, { from: '2026-02-10T12:00:00Z', to: '2026-02-10T12:00:00.001Z' });
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.lostCustomers]).toEqual([2, 1, 2, 1]);
      expectConsistent(c);
    });
  });

  describe('customers who leave and come back', () => {
    it('counts a returning customer as new and returning in the period of the return', () => {
      const rows: Lifecycle[] = [
        { customerId: 'r', startedAt: '2025-11-03', endedAt: '2025-12-20' },
        { customerId: 'r', startedAt: '2026-02-14' },
      ];
      // December: S 1, lost 1. January: nobody. February: N 1, returning 1, E 1.
      const dec = periodCounts(rows, { from: '2025-12-01', to: '2026-01-01' });
      expect([dec.customersAtStart, dec.customersAtEnd, dec.lostCustomers]).toEqual([1, 0, 1]);
      const jan = periodCounts(rows, { from: '2026-01-01', to: '2026-02-01' });
      expect([jan.customersAtStart, jan.newCustomers, jan.customersAtEnd]).toEqual([0, 0, 0]);
      const feb = periodCounts(rows, febPeriod);
      expect([feb.customersAtStart, feb.newCustomers, feb.returningCustomers, feb.customersAtEnd]).toEqual([
        0, 1, 1, 1,
      ]);
    });

    it('does not count a zero-length lifecycle at the very start of the period as an earlier one', () => {
      const rows: Lifecycle[] = [
        // x: started and ended at the first instant of March: new and lost in March, never before.
        { customerId: 'x', startedAt: '2026-03-01', endedAt: '2026-03-01' },
        // y: a zero-length lifecycle in February, back in March: returning.
        { customerId: 'y', startedAt: '2026-02-10', endedAt: '2026-02-10' },
        { customerId: 'y', startedAt: '2026-03-05' },
      ];
      // March: S 0; N 2 (x, y); E 1 (y); lost 0 + 2 - 1 = 1 (x); new and lost 1 (x); returning 1 (y).
      const c = periodCounts(rows, { from: '2026-03-01', to: '2026-04-01' });
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.lostCustomers]).toEqual([0, 2, 1, 1]);
      expect([c.newAndLostCustomers, c.returningCustomers]).toEqual([1, 1]);
    });

    it('counts a returning customer who leaves again in the same period as new, returning and new-and-lost', () => {
      const rows: Lifecycle[] = [
        { customerId: 'r', startedAt: '2025-01-01', endedAt: '2025-03-01' },
        { customerId: 'r', startedAt: '2026-02-03', endedAt: '2026-02-04' },
      ];
      const c = periodCounts(rows, febPeriod);
      expect([c.newCustomers, c.returningCustomers, c.newAndLostCustomers, c.lostCustomers]).toEqual([1, 1, 1, 1]);
    });

    it('counts a customer active at the start who leaves and returns within the period as retained, not new', () => {
      const rows: Lifecycle[] = [
        { customerId: 'r', startedAt: '2026-01-01', endedAt: '2026-02-05' },
        { customerId: 'r', startedAt: '2026-02-20' },
      ];
      // S 1, N 0, E 1, retained 1, lost 0, returning 0: retention (1 - 0) / 1 = 1.
      const c = periodCounts(rows, febPeriod);
      expect(plain(c)).toMatchObject({
        customersAtStart: 1,
        newCustomers: 0,
        customersAtEnd: 1,
        retainedCustomers: 1,
        lostCustomers: 0,
        returningCustomers: 0,
        retentionRate: '1',
        startingCustomerRetention: '1',
      });
    });

    it('counts several returns of one customer within a period once', () => {
      const rows: Lifecycle[] = [
        { customerId: 'r', startedAt: '2026-02-02', endedAt: '2026-02-03' },
        { customerId: 'r', startedAt: '2026-02-10', endedAt: '2026-02-11' },
        { customerId: 'r', startedAt: '2026-02-20' },
      ];
      const c = periodCounts(rows, febPeriod);
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.returningCustomers]).toEqual([0, 1, 1, 0]);
    });
  });

  describe('several lifecycles of one customer', () => {
    it('counts overlapping, touching and nested lifecycles as one customer', () => {
      const rows: Lifecycle[] = [
        // overlapping: one stretch 01-01..03-15
        { customerId: 1, startedAt: '2026-01-01', endedAt: '2026-02-15' },
        { customerId: 1, startedAt: '2026-02-01', endedAt: '2026-03-15' },
        // touching: one stretch 01-01..open
        { customerId: 2, startedAt: '2026-01-01', endedAt: '2026-02-01' },
        { customerId: 2, startedAt: '2026-02-01', endedAt: '2026-03-01' },
        { customerId: 2, startedAt: '2026-03-01' },
        // nested: one stretch 01-01..04-01
        { customerId: 3, startedAt: '2026-01-01', endedAt: '2026-04-01' },
        { customerId: 3, startedAt: '2026-02-10', endedAt: '2026-02-12' },
        // duplicated row
        { customerId: 4, startedAt: '2026-01-20' },
        { customerId: 4, startedAt: '2026-01-20' },
      ];
      // February: all four active at 02-01 with stretches that began in January: S 4, N 0.
      // At 03-01: 1 (to 03-15), 2 (open), 3 (to 04-01), 4 (open): E 4. Nothing lost.
      const c = periodCounts(rows, febPeriod);
      expect(plain(c)).toMatchObject({
        customersAtStart: 4,
        newCustomers: 0,
        customersAtEnd: 4,
        lostCustomers: 0,
        retainedCustomers: 4,
        returningCustomers: 0,
        retentionRate: '1',
      });
      // January: S 0, N 4 (each once), E 4.
      const jan = periodCounts(rows, { from: '2026-01-01', to: '2026-02-01' });
      expect([jan.customersAtStart, jan.newCustomers, jan.customersAtEnd, jan.lostCustomers]).toEqual([0, 4, 4, 0]);
    });

    it('refuses the number 7 and the string "7" in one table, which would split one customer in two', () => {
      const rows: Lifecycle[] = [
        { customerId: 7, startedAt: '2026-02-02' },
        { customerId: '7', startedAt: '2026-02-03' },
      ];
      const error = expectInputError(() => periodCounts(rows, febPeriod), /^periodCounts: customers\[1\]\.customerId /);
      expect(error.message).toBe(
        'periodCounts: customers[1].customerId is the string "7", and customers[0].customerId is the number 7: ids are compared exactly, so these would be two customers; give every id as a string (String(id)) or every id as a number',
      );
      // Ids of one type that merely look alike are different customers: '7' and '07', 7 and 7.5.
      const alike: Lifecycle[] = [
        { customerId: '7', startedAt: '2026-02-02' },
        { customerId: '07', startedAt: '2026-02-03' },
        { customerId: 7.5, startedAt: '2026-02-03' },
      ];
      expect(periodCounts(alike, febPeriod).newCustomers).toBe(3);
    });
  });

  describe('rates', () => {
    it('gives (E - N) / S below the share of starting customers still active when new customers leave', () => {
      // 10 starting customers, 8 of them stay; 3 new customers, 1 of whom leaves in February.
      const rows: Lifecycle[] = [];
      for (let i = 0; i < 10; i++) {
        rows.push({ customerId: `s${i}`, startedAt: '2025-06-01', endedAt: i < 2 ? '2026-02-15' : null });
      }
      for (let i = 0; i < 3; i++) {
        rows.push({ customerId: `n${i}`, startedAt: '2026-02-05', endedAt: i === 0 ? '2026-02-25' : undefined });
      }
      // S 10, N 3, E 8 + 2 = 10, lost 3; retention (10 - 3) / 10 = 0.7 = (8 - 1) / 10; starting retention 0.8.
      const c = periodCounts(rows, febPeriod);
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.lostCustomers]).toEqual([10, 3, 10, 3]);
      expect([c.retainedCustomers, c.newAndLostCustomers]).toEqual([8, 1]);
      expect(c.retentionRate?.toString()).toBe('0.7');
      expect(c.startingCustomerRetention?.toString()).toBe('0.8');
      const counts = {
        customersAtStart: c.customersAtStart,
        customersAtEnd: c.customersAtEnd,
        newCustomers: c.newCustomers,
      };
      expect(retentionRate(counts).toString()).toBe('0.7');
      expect(churnRate(counts).toString()).toBe('0.3');
    });

    it('keeps (E - N) / S as documented when more new customers leave than starting customers stay', () => {
      // a stays all February; b and c start and leave within it. S 1, N 2, E 1, lost 2, retained 1,
      // new and lost 2: (1 - 2) / 1 = (1 - 2) / 1 = -1, while the starting customer's retention is 1.
      const c = periodCounts(
        [
          { customerId: 'a', startedAt: '2026-01-01' },
          { customerId: 'b', startedAt: '2026-02-02', endedAt: '2026-02-03' },
          { customerId: 'c', startedAt: '2026-02-04', endedAt: '2026-02-05' },
        ],
        febPeriod,
      );
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd, c.lostCustomers]).toEqual([1, 2, 1, 2]);
      expect(c.retentionRate?.toString()).toBe('-1');
      expect(c.startingCustomerRetention?.toString()).toBe('1');
      expectConsistent(c);
    });

    it('returns null rates when nobody was a customer at the start', () => {
      const c = periodCounts([{ customerId: 'a', startedAt: '2026-02-10' }], febPeriod);
      expect(c.customersAtStart).toBe(0);
      expect(c.retentionRate).toBeNull();
      expect(c.startingCustomerRetention).toBeNull();
    });

    it('counts an empty list as zeros', () => {
      expect(plain(periodCounts([], febPeriod))).toEqual({
        ...februaryExpected,
        customersAtStart: 0,
        customersAtEnd: 0,
        newCustomers: 0,
        lostCustomers: 0,
        retainedCustomers: 0,
        newAndLostCustomers: 0,
        returningCustomers: 0,
        retentionRate: null,
        startingCustomerRetention: null,
      });
    });
  });

  describe('bad input', () => {
    const good: Lifecycle = { customerId: 'a', startedAt: '2026-01-01' };
    const call = (rows: unknown, options: unknown) => periodCounts(rows as Lifecycle[], options as PeriodCountsOptions);

    it.each([
      ['missing', undefined],
      ['null', null],
      ['an empty string', ''],
      ['NaN', Number.NaN],
      ['an object', { id: 1 }],
      ['true', true],
    ])('refuses a customerId that is %s, naming the row', (_, customerId) => {
      const error = expectInputError(
        () => call([good, good, { customerId, startedAt: '2026-01-01' }], febPeriod),
        /^periodCounts: customers\[2\]\.customerId /,
      );
      expect(error.field).toBe('customers[2].customerId');
    });

    it.each([
      'soon',
      '',
      '2026-1-5',
      '01/02/2026',
      '2026-13-01',
      '2026-01-15T25:00:00Z',
      null,
      undefined,
      true,
      {},
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1e20,
    ])('refuses the startedAt %s, naming the row', (startedAt) => {
      expectInputError(
        () => call([good, good, { customerId: 'c', startedAt }], febPeriod),
        /^periodCounts: customers\[2\]\.startedAt /,
      );
    });

    it.each(['never', '2026-00-10', 'Infinity', Number.NaN, new Date(Number.NaN), true])(
      'refuses the endedAt %s, naming the row',
      (endedAt) => {
        expectInputError(
          () => call([good, good, { customerId: 'c', startedAt: '2026-01-01', endedAt }], febPeriod),
          /^periodCounts: customers\[2\]\.endedAt /,
        );
      },
    );

    // 2026 has no 30 February and no 29 February, April has no 31st: typing errors that must not be read
    // as the first days of the next month.
    it.each(['2026-02-30', '2026-02-29', '20260230', '2026-04-31', '2026-02-30T10:00:00Z'])(
      'refuses the impossible calendar date %s',
      (endedAt) => {
        expectInputError(
          () => call([good, good, { customerId: 'c', startedAt: '2026-01-01', endedAt }], febPeriod),
          /^periodCounts: customers\[2\]\.endedAt /,
        );
      },
    );

    it('refuses an endedAt before startedAt, naming the row and field', () => {
      const error = expectInputError(
        () =>
          call(
            [good, good, { customerId: 'c', startedAt: '2026-02-10', endedAt: '2026-02-09T23:59:59.999Z' }],
            febPeriod,
          ),
        /^periodCounts: customers\[2\]\.endedAt must not be before startedAt/,
      );
      expect(error.field).toBe('customers[2].endedAt');
    });

    it('refuses rows that are not objects, and a list that is not an array', () => {
      expectInputError(() => call([good, good, 'c'], febPeriod), /^periodCounts: customers\[2\] /);
      expectInputError(() => call([good, good, null], febPeriod), /^periodCounts: customers\[2\] /);
      expectInputError(() => call('a,2026-01-01', febPeriod), /^periodCounts: customers /);
      expectInputError(() => call(undefined, febPeriod), /^periodCounts: customers /);
    });

    it('refuses a `to` that is not after `from`', () => {
      expectInputError(
        () => call([good], { from: '2026-02-01', to: '2026-02-01' }),
        /^periodCounts: to must be after from/,
      );
      expectInputError(
        () => call([good], { from: '2026-03-01', to: '2026-02-01' }),
        /^periodCounts: to must be after from/,
      );
      // the same instant written two ways
      expectInputError(
        () => call([good], { from: '2026-02-01T01:00:00+01:00', to: '2026-02-01' }),
        /^periodCounts: to must be after from/,
      );
    });

    it('refuses unreadable or missing bounds and options', () => {
      expectInputError(() => call([good], { from: 'February', to: '2026-03-01' }), /^periodCounts: from /);
      expectInputError(() => call([good], { to: '2026-03-01' }), /^periodCounts: from /);
      expectInputError(() => call([good], { from: '2026-02-01', to: 'March' }), /^periodCounts: to /);
      expectInputError(() => call([good], { from: '2026-02-01' }), /^periodCounts: to /);
      expectInputError(() => call([good], undefined), /^periodCounts: options /);
      expectInputError(() => call([good], '2026-02'), /^periodCounts: options /);
    });
  });
});

/** Hand-counted months, January to April 2026. */
const fourMonths: Lifecycle[] = [
  { customerId: 'x', startedAt: '2026-01-10', endedAt: '2026-03-01' },
  { customerId: 'y', startedAt: '2025-12-20' },
  { customerId: 'z', startedAt: '2026-02-15', endedAt: '2026-02-20' },
  { customerId: 'z', startedAt: '2026-04-01' },
  { customerId: 'w', startedAt: '2026-03-31T23:59:59Z', endedAt: '2026-04-01' },
];
// Jan: S y = 1; N x = 1; E x y = 2; lost 0; retention (2 - 1) / 1 = 1.
// Feb: S x y = 2; N z = 1; E y = 1 (x ends exactly 03-01, z left 02-20); lost 2 (x, z); retention 0; retained 1.
// Mar: S y = 1; N w = 1; E y = 1 (w ends exactly 04-01; z starts exactly 04-01); lost 1 (w); retention 0.
// Apr: S y = 1; N z = 1 (returning); E y z = 2; lost 0; retention 1.
const fourMonthsExpected = [
  { start: '2026-01-01', s: 1, n: 1, e: 2, lost: 0, retained: 1, newAndLost: 0, returning: 0, rate: '1' },
  { start: '2026-02-01', s: 2, n: 1, e: 1, lost: 2, retained: 1, newAndLost: 1, returning: 0, rate: '0' },
  { start: '2026-03-01', s: 1, n: 1, e: 1, lost: 1, retained: 1, newAndLost: 1, returning: 0, rate: '0' },
  { start: '2026-04-01', s: 1, n: 1, e: 2, lost: 0, retained: 1, newAndLost: 0, returning: 1, rate: '1' },
];

/** A small seeded generator (mulberry32), so the generated data set is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Raw {
  id: string;
  start: number;
  end: number; // +Infinity when open
}

/** 2,000 lifecycles of about 900 customers over 2025-2027, with many on month boundaries, touching or overlapping. */
function generate(seed: number): { raw: Raw[]; rows: Lifecycle[] } {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const monthStart = (k: number) => Date.UTC(2025, k, 1); // k months after 2025-01
  const raw: Raw[] = [];
  let customer = 0;
  while (raw.length < 2_000) {
    const id = `c${customer++}`;
    const count = 1 + pick(4);
    let cursor = Date.UTC(2025, 0, 1) + pick(30 * 30) * 86_400_000 + pick(24) * 3_600_000;
    if (random() < 0.3) cursor = monthStart(pick(30));
    for (let j = 0; j < count && raw.length < 2_000; j++) {
      const start = cursor;
      let end: number;
      const shape = random();
      if (shape < 0.2) end = Number.POSITIVE_INFINITY;
      else if (shape < 0.45) {
        // ends on a month boundary after the start
        const first = new Date(start);
        end = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1 + pick(8), 1);
      } else end = start + (1 + pick(300)) * 86_400_000 + pick(3) * 3_600_000;
      raw.push({ id, start, end });
      if (end === Number.POSITIVE_INFINITY) break;
      const next = random();
      // the next lifecycle touches, overlaps, or follows after a gap
      if (next < 0.2) cursor = end;
      else if (next < 0.35) cursor = Math.max(start, end - pick(20) * 86_400_000);
      else cursor = end + (1 + pick(200)) * 86_400_000;
    }
  }
  const rows: Lifecycle[] = raw.map((r, i) => {
    const write = (ms: number): Date | string | number =>
      i % 3 === 0 ? new Date(ms) : i % 3 === 1 ? new Date(ms).toISOString() : ms;
    if (r.end === Number.POSITIVE_INFINITY) {
      return i % 2 === 0
        ? { customerId: r.id, startedAt: write(r.start) }
        : { customerId: r.id, startedAt: write(r.start), endedAt: null };
    }
    return { customerId: r.id, startedAt: write(r.start), endedAt: write(r.end) };
  });
  return { raw, rows };
}

interface BruteCounts {
  s: number;
  n: number;
  e: number;
  retained: number;
  newAndLost: number;
  returning: number;
}

/**
 * The conventions read directly off instants, one customer and one period at
 * a time, with no merging: active(t) means some lifecycle has start <= t < end;
 * "active at t and started before it" means active at t and at t - 1 ms (all
 * times here are whole milliseconds); a customer starts in [from, to) when some
 * lifecycle starts there at an instant where the customer was not active the
 * millisecond before.
 */
function bruteForce(raw: readonly Raw[], from: number, to: number): BruteCounts {
  const byId = new Map<string, Raw[]>();
  for (const r of raw) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const counts: BruteCounts = { s: 0, n: 0, e: 0, retained: 0, newAndLost: 0, returning: 0 };
  for (const list of byId.values()) {
    const active = (t: number) => list.some((r) => r.start <= t && t < r.end);
    const s = active(from) && active(from - 1);
    const e = active(to) && active(to - 1);
    const starts = list.some((r) => r.start >= from && r.start < to && r.end > r.start && !active(r.start - 1));
    const n = starts && !s;
    const wasCustomerBefore = list.some((r) => r.start < from);
    if (s) counts.s++;
    if (e) counts.e++;
    if (n) counts.n++;
    if (s && e) counts.retained++;
    if (n && !e) counts.newAndLost++;
    if (n && wasCustomerBefore) counts.returning++;
  }
  return counts;
}

describe('periodCountsSeries', () => {
  it('gives the hand-counted monthly series', () => {
    const rows = periodCountsSeries(fourMonths, { from: '2026-01-01', periods: 4 });
    expect(rows).toHaveLength(4);
    rows.forEach((row, i) => {
      const want = fourMonthsExpected[i];
      expect(want).toBeDefined();
      if (want === undefined) return;
      expect(row.periodStart).toBe(`${want.start}T00:00:00.000Z`);
      expect({
        s: row.customersAtStart,
        n: row.newCustomers,
        e: row.customersAtEnd,
        lost: row.lostCustomers,
        retained: row.retainedCustomers,
        newAndLost: row.newAndLostCustomers,
        returning: row.returningCustomers,
        rate: row.retentionRate?.toString(),
      }).toEqual(omitStart(want));
      expectConsistent(row);
    });
    expect(rows.map((r) => r.startingCustomerRetention?.toString())).toEqual(['1', '0.5', '1', '1']);
  });

  it("chains each period's customersAtEnd into the next one's customersAtStart", () => {
    const rows = periodCountsSeries(february, { from: '2025-10-01', periods: 8 });
    for (let i = 0; i + 1 < rows.length; i++) {
      expect(rows[i]?.customersAtEnd).toBe(rows[i + 1]?.customersAtStart);
      expect(rows[i]?.periodEnd).toBe(rows[i + 1]?.periodStart);
    }
    // February 2026 is the fifth month from October 2025.
    const feb = rows[4];
    expect(feb === undefined ? undefined : plain(feb)).toEqual(februaryExpected);
  });

  it('counts each period as periodCounts does', () => {
    const rows = periodCountsSeries(february, { from: '2025-11-17T08:00:00Z', periods: 6 });
    for (const row of rows) {
      expect(plain(row)).toEqual(plain(periodCounts(february, { from: row.periodStart, to: row.periodEnd })));
    }
  });

  it('defaults to months and starts at the beginning of the month holding `from`', () => {
    const rows = periodCountsSeries(fourMonths, { from: '2026-01-31T23:59:59.999Z', periods: 2 });
    expect(rows.map((r) => [r.periodStart, r.periodEnd])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]);
  });

  it.each([
    // 2026-01-01 is a Thursday; its ISO week starts on Monday 2025-12-29.
    { period: 'week', from: '2026-01-01', starts: ['2025-12-29', '2026-01-05', '2026-01-12'] },
    // Sunday 2026-01-04, one millisecond before the next Monday, is still in the week of 12-29.
    { period: 'week', from: '2026-01-04T23:59:59.999Z', starts: ['2025-12-29', '2026-01-05', '2026-01-12'] },
    { period: 'week', from: '2026-01-05', starts: ['2026-01-05', '2026-01-12', '2026-01-19'] },
    // 00:30 on a Monday at +01:00 is 23:30 UTC on the Sunday before: the week before.
    { period: 'week', from: '2026-01-05T00:30:00+01:00', starts: ['2025-12-29', '2026-01-05', '2026-01-12'] },
    // months of 31, 28 (2026), 29 (2028) and 31 days
    { period: 'month', from: '2026-01-20', starts: ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'] },
    { period: 'month', from: '2028-02-29T12:00:00Z', starts: ['2028-02-01', '2028-03-01'] },
    { period: 'month', from: '2026-12-31T23:00:00-05:00', starts: ['2027-01-01', '2027-02-01'] },
    { period: 'quarter', from: '2026-05-20', starts: ['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01'] },
    { period: 'quarter', from: '2026-12-31T23:59:59.999Z', starts: ['2026-10-01', '2027-01-01'] },
    { period: 'year', from: '2026-07-04', starts: ['2026-01-01', '2027-01-01', '2028-01-01'] },
    { period: 'day', from: '2026-03-01T15:00:00+05:00', starts: ['2026-03-01', '2026-03-02', '2026-03-03'] },
    { period: 'day', from: '2026-03-01T02:00:00+05:00', starts: ['2026-02-28', '2026-03-01'] },
  ] as const)('starts $period periods from $from at $starts (UTC)', ({ period, from, starts }) => {
    const rows = periodCountsSeries([], { from, periods: starts.length, period });
    expect(rows.map((r) => r.periodStart)).toEqual(starts.map((d) => `${d}T00:00:00.000Z`));
    const ends = rows.map((r) => r.periodEnd);
    expect(ends.slice(0, -1)).toEqual(rows.slice(1).map((r) => r.periodStart));
  });

  it('gives the length of each ISO week and calendar period in milliseconds', () => {
    const span = (r: PeriodCounts) => Date.parse(r.periodEnd) - Date.parse(r.periodStart);
    const day = 86_400_000;
    expect(periodCountsSeries([], { from: '2026-03-25', periods: 3, period: 'week' }).map(span)).toEqual([
      7 * day,
      7 * day,
      7 * day,
    ]);
    // Jan 31, Feb 28 (2026 is not a leap year), Mar 31 days; 2028's February has 29.
    expect(periodCountsSeries([], { from: '2026-01-01', periods: 3 }).map(span)).toEqual([
      31 * day,
      28 * day,
      31 * day,
    ]);
    expect(periodCountsSeries([], { from: '2028-02-01', periods: 1 }).map(span)).toEqual([29 * day]);
    // 2026: 365 days, 2028: 366.
    expect(periodCountsSeries([], { from: '2026-01-01', periods: 3, period: 'year' }).map(span)).toEqual([
      365 * day,
      365 * day,
      366 * day,
    ]);
  });

  describe('a generated data set of 2,000 lifecycles', () => {
    const { raw, rows } = generate(20260201);

    it('is the size the test says, with touching, overlapping and boundary cases in it', () => {
      expect(rows).toHaveLength(2_000);
      const ids = new Set(raw.map((r) => r.id));
      expect(ids.size).toBeLessThan(2_000);
      expect(
        raw.filter((r) => new Date(r.start).getUTCDate() === 1 && r.start % 86_400_000 === 0).length,
      ).toBeGreaterThan(100);
      expect(raw.filter((r) => raw.some((q) => q.id === r.id && q !== r && q.start === r.end)).length).toBeGreaterThan(
        50,
      );
    });

    it('agrees with a brute-force count for 12 months of 2026', () => {
      const series = periodCountsSeries(rows, { from: '2026-01-01', periods: 12 });
      expect(series).toHaveLength(12);
      series.forEach((row, k) => {
        const from = Date.UTC(2026, k, 1);
        const to = Date.UTC(2026, k + 1, 1);
        expect(row.periodStart).toBe(new Date(from).toISOString());
        const want = bruteForce(raw, from, to);
        expect({
          s: row.customersAtStart,
          n: row.newCustomers,
          e: row.customersAtEnd,
          retained: row.retainedCustomers,
          newAndLost: row.newAndLostCustomers,
          returning: row.returningCustomers,
        }).toEqual(want);
        expect(row.lostCustomers).toBe(want.s + want.n - want.e);
        expectConsistent(row);
      });
      for (let k = 0; k + 1 < series.length; k++) {
        expect(series[k]?.customersAtEnd).toBe(series[k + 1]?.customersAtStart);
      }
      // The data set is not trivial: customers in every month, with some new, lost and returning.
      expect(series.every((r) => r.customersAtStart > 100 && r.newCustomers > 10 && r.lostCustomers > 10)).toBe(true);
      expect(series.some((r) => r.returningCustomers > 0)).toBe(true);
    });

    it('agrees with a brute-force count for 26 ISO weeks, from the Monday before 2026-01-01', () => {
      const series = periodCountsSeries(rows, { from: '2026-01-01', periods: 26, period: 'week' });
      const monday = Date.UTC(2025, 11, 29);
      series.forEach((row, k) => {
        const from = monday + k * 7 * 86_400_000;
        const want = bruteForce(raw, from, from + 7 * 86_400_000);
        expect(row.periodStart).toBe(new Date(from).toISOString());
        expect([row.customersAtStart, row.newCustomers, row.customersAtEnd, row.returningCustomers]).toEqual([
          want.s,
          want.n,
          want.e,
          want.returning,
        ]);
      });
    });
  });

  describe('bad input', () => {
    const good: Lifecycle = { customerId: 'a', startedAt: '2026-01-01' };
    const call = (rows: unknown, options: unknown) =>
      periodCountsSeries(rows as Lifecycle[], options as PeriodCountsSeriesOptions);
    const ok = { from: '2026-01-01', periods: 12 };

    it('names the row and field of a bad lifecycle', () => {
      expectInputError(
        () => call([good, good, { startedAt: '2026-01-01' }], ok),
        /^periodCountsSeries: customers\[2\]\.customerId /,
      );
      expectInputError(
        () => call([good, good, { customerId: 'c', startedAt: 'today' }], ok),
        /^periodCountsSeries: customers\[2\]\.startedAt /,
      );
      expectInputError(
        () => call([good, good, { customerId: 'c', startedAt: '2026-03-01', endedAt: '2026-02-01' }], ok),
        /^periodCountsSeries: customers\[2\]\.endedAt must not be before startedAt/,
      );
    });

    it('reads periods given as a numeric string, a bigint or a Decimal as the number', () => {
      const plain = call([good], { from: '2026-01-01', periods: 12 });
      for (const periods of ['12', 12n, new Decimal(12), '1.2e1']) {
        expect(call([good], { from: '2026-01-01', periods })).toEqual(plain);
      }
    });

    it.each([0, -1, 1.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY, '12.5', 'twelve', null, undefined, 120_001n])(
      'refuses periods = %s',
      (periods) => {
        expectInputError(() => call([good], { from: '2026-01-01', periods }), /^periodCountsSeries: periods /);
      },
    );

    it('accepts the largest number of periods, 10,000 days', () => {
      const rows = call([good], { from: '2026-01-01', periods: 10_000, period: 'day' });
      expect(rows).toHaveLength(10_000);
      expect(rows[9_999]?.customersAtStart).toBe(1);
    });

    it.each(['fortnight', 'months', 'Month', '', 7])('refuses period = %s', (period) => {
      expectInputError(() => call([good], { ...ok, period }), /^periodCountsSeries: period /);
    });

    it('refuses a missing or unreadable from, and missing options', () => {
      expectInputError(() => call([good], { periods: 3 }), /^periodCountsSeries: from /);
      expectInputError(() => call([good], { from: 'Jan 2026', periods: 3 }), /^periodCountsSeries: from /);
      expectInputError(() => call([good], undefined), /^periodCountsSeries: options /);
    });
  });
});

function omitStart<T extends { start: string }>(value: T): Omit<T, 'start'> {
  const { start: _start, ...rest } = value;
  return rest;
}
