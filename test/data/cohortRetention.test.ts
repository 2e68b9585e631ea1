/**
 * cohortRetention: customers grouped by the UTC period of their first
 * activity; for each later period, how many were active in it, and in it or
 * later. Expected tables are worked out by hand in the comments, or by the
 * brute-force computation in this file; the long decimal expansions were
 * computed with Python's decimal module at 34 digits, half even.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type ActivityEvent,
  type CohortRetention,
  type CohortRetentionOptions,
  cohortRetention,
  Decimal,
} from '../../src';
import { expectInputError } from '../support/expectInputError';

/** The test's own decimal.js, independent of the library's clone. */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** A table as plain values: [cohort, size, active, activeOrLater] per cohort. */
function shape(table: CohortRetention): Array<[string, number, number[], number[]]> {
  return table.cohorts.map((c) => [c.cohort, c.size, c.active, c.activeOrLater]);
}

/** Every rate is count / size exactly, as a Decimal, and every flat row matches its matrix cell. */
function expectRatesAndRows(table: CohortRetention): void {
  let cells = 0;
  for (const c of table.cohorts) {
    expect(c.activeRate).toHaveLength(c.active.length);
    expect(c.activeOrLater).toHaveLength(c.active.length);
    expect(c.activeOrLaterRate).toHaveLength(c.active.length);
    c.active.forEach((n, k) => {
      const rate = c.activeRate[k];
      const later = c.activeOrLaterRate[k];
      expect(rate).toBeInstanceOf(Decimal);
      expect(rate?.toString()).toBe(to34(new D(n).div(c.size)));
      expect(later?.toString()).toBe(to34(new D(c.activeOrLater[k] ?? Number.NaN).div(c.size)));
    });
    cells += c.active.length;
  }
  expect(table.rows).toHaveLength(cells);
  for (const row of table.rows) {
    const c = table.cohorts.find((x) => x.cohort === row.cohort);
    expect(c).toBeDefined();
    if (c === undefined) continue;
    expect(row.size).toBe(c.size);
    expect(row.active).toBe(c.active[row.periodIndex]);
    expect(row.activeOrLater).toBe(c.activeOrLater[row.periodIndex]);
    expect(row.activeRate.toString()).toBe(c.activeRate[row.periodIndex]?.toString());
    expect(row.activeOrLaterRate.toString()).toBe(c.activeOrLaterRate[row.periodIndex]?.toString());
  }
  // rows come cohort by cohort, period by period, oldest first
  const order = table.cohorts.flatMap((c) => c.active.map((_, k) => `${c.cohort}/${k}`));
  expect(table.rows.map((r) => `${r.cohort}/${r.periodIndex}`)).toEqual(order);
}

// Monthly, January to April 2026. Each customer's months of activity and the cohort it falls in:
//   a: Jan (two events), Feb, Apr (23:59:59 on the 30th)   -> cohort Jan, offsets 0 1 3, last 3
//   b: Jan (23:59:59 on the 31st), Mar (00:00 on the 1st)   -> cohort Jan, offsets 0 2,   last 2
//   c: Jan                                                 -> cohort Jan, offset 0,     last 0
//   h: 00:30 on 02-01 at +01:00 is 23:30 UTC on 01-31: Jan; 20:00 on 03-31 at -05:00 is 01:00 UTC on 04-01: Apr
//                                                          -> cohort Jan, offsets 0 3,   last 3
//   d: Feb (00:00 on the 1st and the 28th)                 -> cohort Feb, offset 0,     last 0
//   e: Feb, Mar, Apr                                       -> cohort Feb, offsets 0 1 2, last 2
//   f: Mar, Apr                                            -> cohort Mar, offsets 0 1,   last 1
//   g: Apr                                                 -> cohort Apr, offset 0,     last 0
// The last event is in April, so Jan has 4 periods, Feb 3, Mar 2, Apr 1.
// Jan (a b c h, size 4): active [4, 1 (a), 1 (b), 2 (a h)]; last periods 3 2 0 3 -> or later [4, 3, 3, 2].
// Feb (d e, size 2): active [2, 1, 1]; last periods 0 2 -> or later [2, 1, 1].
// Mar (f): [1, 1], [1, 1]. Apr (g): [1], [1].
const monthly: ActivityEvent[] = [
  { customerId: 'a', at: '2026-01-05' },
  { customerId: 'b', at: '2026-01-31T23:59:59Z' },
  { customerId: 'c', at: '2026-01-15' },
  { customerId: 'a', at: '2026-01-25T10:00:00' },
  { customerId: 'h', at: '2026-02-01T00:30:00+01:00' },
  { customerId: 'd', at: '2026-02-01T00:00:00Z' },
  { customerId: 'a', at: '2026-02-11' },
  { customerId: 'e', at: '2026-02-14' },
  { customerId: 'd', at: '2026-02-28' },
  { customerId: 'b', at: '2026-03-01T00:00:00Z' },
  { customerId: 'f', at: '2026-03-03' },
  { customerId: 'e', at: '2026-03-10' },
  { customerId: 'h', at: '2026-03-31T20:00:00-05:00' },
  { customerId: 'e', at: '2026-04-02' },
  { customerId: 'f', at: '2026-04-04' },
  { customerId: 'g', at: '2026-04-15' },
  { customerId: 'a', at: '2026-04-30T23:59:59Z' },
];
const monthlyExpected: Array<[string, number, number[], number[]]> = [
  ['2026-01-01', 4, [4, 1, 1, 2], [4, 3, 3, 2]],
  ['2026-02-01', 2, [2, 1, 1], [2, 1, 1]],
  ['2026-03-01', 1, [1, 1], [1, 1]],
  ['2026-04-01', 1, [1], [1]],
];

// Weekly (ISO weeks from Monday). 2026-01-01 is a Thursday: its week starts on Monday 2025-12-29.
//   p: Mon 12-29, Sun 01-04 23:59:59 (same week), Mon 01-12  -> cohort 12-29, offsets 0 2, last 2
//   q: Thu 01-01, Mon 01-05                                  -> cohort 12-29, offsets 0 1, last 1
//   r: Sat 01-03                                             -> cohort 12-29, offset 0,   last 0
//   s: Tue 01-06, Sun 01-18 23:00                            -> cohort 01-05, offsets 0 1, last 1
// Weeks observed: 12-29, 01-05, 01-12.
// 12-29 (p q r, size 3): active [3, 1 (q), 1 (p)]; or later [3, 2 (p q), 1 (p)];
//   rates 1, 1/3, 1/3 and 1, 2/3, 1/3 (Python: 0.3333333333333333333333333333333333, 0.6666666666666666666666666666666667).
// 01-05 (s, size 1): active [1, 1]; or later [1, 1].
const weekly: ActivityEvent[] = [
  { customerId: 'p', at: '2025-12-29' },
  { customerId: 'q', at: '2026-01-01' },
  { customerId: 'r', at: '2026-01-03' },
  { customerId: 'p', at: '2026-01-04T23:59:59Z' },
  { customerId: 'q', at: '2026-01-05' },
  { customerId: 's', at: '2026-01-06' },
  { customerId: 'p', at: '2026-01-12' },
  { customerId: 's', at: '2026-01-18T23:00:00Z' },
];

describe('cohortRetention', () => {
  describe('hand-computed tables', () => {
    it('builds the monthly table, younger cohorts with shorter rows', () => {
      const table = cohortRetention(monthly);
      expect(table.period).toBe('month');
      expect(shape(table)).toEqual(monthlyExpected);
      expectRatesAndRows(table);
    });

    it('gives the monthly rates as exact Decimals', () => {
      const [jan, feb] = cohortRetention(monthly, { period: 'month' }).cohorts;
      expect(jan?.activeRate.map(String)).toEqual(['1', '0.25', '0.25', '0.5']);
      expect(jan?.activeOrLaterRate.map(String)).toEqual(['1', '0.75', '0.75', '0.5']);
      expect(feb?.activeRate.map(String)).toEqual(['1', '0.5', '0.5']);
      expect(feb?.activeOrLaterRate.map(String)).toEqual(['1', '0.5', '0.5']);
    });

    it('gives the monthly table as flat rows, one per cell, with the period of each', () => {
      const { rows } = cohortRetention(monthly);
      expect(rows.map((r) => [r.cohort, r.periodIndex, r.period, r.size, r.active, r.activeOrLater])).toEqual([
        ['2026-01-01', 0, '2026-01-01', 4, 4, 4],
        ['2026-01-01', 1, '2026-02-01', 4, 1, 3],
        ['2026-01-01', 2, '2026-03-01', 4, 1, 3],
        ['2026-01-01', 3, '2026-04-01', 4, 2, 2],
        ['2026-02-01', 0, '2026-02-01', 2, 2, 2],
        ['2026-02-01', 1, '2026-03-01', 2, 1, 1],
        ['2026-02-01', 2, '2026-04-01', 2, 1, 1],
        ['2026-03-01', 0, '2026-03-01', 1, 1, 1],
        ['2026-03-01', 1, '2026-04-01', 1, 1, 1],
        ['2026-04-01', 0, '2026-04-01', 1, 1, 1],
      ]);
      expect(rows.map((r) => r.activeRate.toString())).toEqual([
        '1',
        '0.25',
        '0.25',
        '0.5',
        '1',
        '0.5',
        '0.5',
        '1',
        '1',
        '1',
      ]);
    });

    it('builds the weekly table on ISO weeks from Monday', () => {
      const table = cohortRetention(weekly, { period: 'week' });
      expect(table.period).toBe('week');
      expect(shape(table)).toEqual([
        ['2025-12-29', 3, [3, 1, 1], [3, 2, 1]],
        ['2026-01-05', 1, [1, 1], [1, 1]],
      ]);
      const first = table.cohorts[0];
      expect(first?.activeRate.map(String)).toEqual([
        '1',
        '0.3333333333333333333333333333333333',
        '0.3333333333333333333333333333333333',
      ]);
      expect(first?.activeOrLaterRate.map(String)).toEqual([
        '1',
        '0.6666666666666666666666666666666667',
        '0.3333333333333333333333333333333333',
      ]);
      expect(table.rows.map((r) => r.period)).toEqual([
        '2025-12-29',
        '2026-01-05',
        '2026-01-12',
        '2026-01-05',
        '2026-01-12',
      ]);
      expectRatesAndRows(table);
    });

    it('builds quarterly and yearly tables', () => {
      // a: Q1, Q2 (05-01); b: Q1 (03-31 23:59:59), Q4 (10-01). One cohort, Q1 2026, size 2, 4 quarters:
      // active [2, 1, 0, 1]; last quarters 1 and 3 -> or later [2, 2, 1, 1].
      const quarters = cohortRetention(
        [
          { customerId: 'a', at: '2026-01-15' },
          { customerId: 'a', at: '2026-05-01' },
          { customerId: 'b', at: '2026-03-31T23:59:59Z' },
          { customerId: 'b', at: '2026-10-01' },
        ],
        { period: 'quarter' },
      );
      expect(shape(quarters)).toEqual([['2026-01-01', 2, [2, 1, 0, 1], [2, 2, 1, 1]]]);
      expect(quarters.rows.map((r) => r.period)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
      // a: 2024 and 2026; b: the last millisecond of 2025. Cohorts 2024 (a): [1, 0, 1], or later [1, 1, 1];
      // 2025 (b): [1, 0], or later [1, 0].
      const years = cohortRetention(
        [
          { customerId: 'a', at: '2024-06-01' },
          { customerId: 'a', at: '2026-01-01' },
          { customerId: 'b', at: '2025-12-31T23:59:59.999Z' },
        ],
        { period: 'year' },
      );
      expect(shape(years)).toEqual([
        ['2024-01-01', 1, [1, 0, 1], [1, 1, 1]],
        ['2025-01-01', 1, [1, 0], [1, 0]],
      ]);
    });

    it('builds a daily table in UTC days', () => {
      // 23:30 at -02:00 on 03-01 is 01:30 UTC on 03-02. a: 03-01, 03-03; b: 03-02 (both events).
      const table = cohortRetention(
        [
          { customerId: 'a', at: '2026-03-01T12:00:00Z' },
          { customerId: 'b', at: '2026-03-01T23:30:00-02:00' },
          { customerId: 'b', at: '2026-03-02T05:00:00Z' },
          { customerId: 'a', at: '2026-03-03T00:00:00Z' },
        ],
        { period: 'day' },
      );
      expect(shape(table)).toEqual([
        ['2026-03-01', 1, [1, 0, 1], [1, 1, 1]],
        ['2026-03-02', 1, [1, 0], [1, 0]],
      ]);
    });

    it('gives the same table with dates as Date objects, epoch milliseconds and ISO strings', () => {
      const asDates = monthly.map((e) => ({ customerId: e.customerId, at: new Date(Date.parse(toZoned(e.at))) }));
      const asMs = monthly.map((e) => ({ customerId: e.customerId, at: Date.parse(toZoned(e.at)) }));
      expect(shape(cohortRetention(asDates))).toEqual(monthlyExpected);
      expect(shape(cohortRetention(asMs))).toEqual(monthlyExpected);
    });

    it('gives the same table whatever the order of the events', () => {
      expect(shape(cohortRetention([...monthly].reverse()))).toEqual(monthlyExpected);
      const byCustomer = [...monthly].sort((x, y) => String(x.customerId).localeCompare(String(y.customerId)));
      expect(shape(cohortRetention(byCustomer))).toEqual(monthlyExpected);
    });

    it('counts a customer once per period however many events it has there', () => {
      const events: ActivityEvent[] = [];
      for (let d = 1; d <= 28; d++) events.push({ customerId: 1, at: `2026-02-${String(d).padStart(2, '0')}` });
      events.push({ customerId: 2, at: '2026-02-10' });
      const table = cohortRetention(events);
      expect(shape(table)).toEqual([['2026-02-01', 2, [2], [2]]]);
    });

    it('returns no cohorts for no events', () => {
      const table = cohortRetention([]);
      expect(table.cohorts).toEqual([]);
      expect(table.rows).toEqual([]);
    });
  });

  describe('asOf', () => {
    it('cuts the table at the period holding asOf and leaves out customers first seen after it', () => {
      // asOf 03-15: January to March observed; g (first seen in April) is left out, and April's events are not seen.
      // Jan (a b c h): active [4, 1, 1]; last periods a 1 (Feb), b 2, c 0, h 0 -> or later [4, 2, 1].
      // Feb (d e): active [2, 1]; last periods d 0, e 1 -> or later [2, 1]. Mar (f): [1], [1].
      const table = cohortRetention(monthly, { asOf: '2026-03-15' });
      expect(shape(table)).toEqual([
        ['2026-01-01', 4, [4, 1, 1], [4, 2, 1]],
        ['2026-02-01', 2, [2, 1], [2, 1]],
        ['2026-03-01', 1, [1], [1]],
      ]);
      expectRatesAndRows(table);
      // The same with asOf in February: only January and February cohorts, two and one periods.
      expect(shape(cohortRetention(monthly, { asOf: new Date(Date.UTC(2026, 1, 28, 23, 59, 59, 999)) }))).toEqual([
        ['2026-01-01', 4, [4, 1], [4, 1]],
        ['2026-02-01', 2, [2], [2]],
      ]);
    });

    it('reports observed periods after the last event as zeros up to asOf, and no further', () => {
      // asOf in June: May and June are observed, with nobody active in them.
      const table = cohortRetention(monthly, { asOf: Date.UTC(2026, 5, 10) });
      expect(shape(table)).toEqual([
        ['2026-01-01', 4, [4, 1, 1, 2, 0, 0], [4, 3, 3, 2, 0, 0]],
        ['2026-02-01', 2, [2, 1, 1, 0, 0], [2, 1, 1, 0, 0]],
        ['2026-03-01', 1, [1, 1, 0, 0], [1, 1, 0, 0]],
        ['2026-04-01', 1, [1, 0, 0], [1, 0, 0]],
      ]);
      expectRatesAndRows(table);
    });

    it('returns no cohorts when asOf is before every event', () => {
      expect(cohortRetention(monthly, { asOf: '2025-12-31T23:59:59Z' }).cohorts).toEqual([]);
    });

    // asOf is documented as the last instant observed, and customers first seen after it are left out:
    // an event after asOf is not observed, even when it falls in asOf's own period.
    it('does not observe events after asOf within the period that holds asOf', () => {
      const table = cohortRetention(
        [
          { customerId: 'a', at: '2026-01-05' },
          { customerId: 'a', at: '2026-03-20' }, // after asOf
          { customerId: 'b', at: '2026-03-20' }, // first seen after asOf
        ],
        { asOf: '2026-03-15' },
      );
      // a only: Jan cohort of 1, active [1, 0, 0] (its March event is after asOf), or later [1, 0, 0].
      expect(shape(table)).toEqual([['2026-01-01', 1, [1, 0, 0], [1, 0, 0]]]);
    });
  });

  describe('a generated data set of 20,000 events', () => {
    const events = generate(20260315);

    it('has 20,000 events, in mixed date formats', () => {
      expect(events).toHaveLength(20_000);
      expect(events.some((e) => e.at instanceof Date)).toBe(true);
      expect(events.some((e) => typeof e.at === 'number')).toBe(true);
      expect(events.some((e) => typeof e.at === 'string')).toBe(true);
    });

    it('agrees with a brute-force monthly table', () => {
      const table = cohortRetention(events);
      const want = bruteForce(events, monthIndex, (k) => labelOfMonth(k), Number.POSITIVE_INFINITY);
      expect(shape(table)).toEqual(want);
      expect(table.cohorts.length).toBeGreaterThan(12);
      expectRatesAndRows(table);
      for (const row of table.rows)
        expect(row.period).toBe(labelOfMonth(monthIndexOfLabel(row.cohort) + row.periodIndex));
    });

    it('agrees with a brute-force monthly table cut at asOf', () => {
      const asOf = Date.UTC(2026, 5, 30, 23, 59, 59, 999); // the last millisecond of June 2026
      const table = cohortRetention(events, { asOf: new Date(asOf).toISOString() });
      expect(shape(table)).toEqual(bruteForce(events, monthIndex, (k) => labelOfMonth(k), asOf));
      expectRatesAndRows(table);
    });

    it('agrees with a brute-force weekly table', () => {
      const asOf = Date.UTC(2026, 2, 1, 23, 59, 59, 999); // Sunday 2026-03-01, the end of an ISO week
      const table = cohortRetention(events, { period: 'week', asOf });
      expect(shape(table)).toEqual(bruteForce(events, weekIndex, (k) => labelOfWeek(k), asOf));
      expectRatesAndRows(table);
    });
  });

  describe('bad input', () => {
    const good: ActivityEvent = { customerId: 'a', at: '2026-01-01' };
    const call = (events: unknown, options?: unknown) =>
      cohortRetention(events as ActivityEvent[], options as CohortRetentionOptions);

    it.each([
      ['missing', undefined],
      ['null', null],
      ['an empty string', ''],
      ['NaN', Number.NaN],
      ['an array', ['a']],
    ])('refuses a customerId that is %s, naming the row', (_, customerId) => {
      const error = expectInputError(
        () => call([good, good, { customerId, at: '2026-01-02' }]),
        /^cohortRetention: events\[2\]\.customerId /,
      );
      expect(error.field).toBe('events[2].customerId');
    });

    it.each([
      'later',
      '',
      '2026-02-30',
      '2026-13-01',
      '2026/01/02',
      null,
      undefined,
      Number.NaN,
      new Date(Number.NaN),
      1e20,
    ])('refuses the date %s, naming the row', (at) => {
      expectInputError(() => call([good, good, { customerId: 'c', at }]), /^cohortRetention: events\[2\]\.at /);
    });

    it('refuses rows that are not objects, and events that are not an array', () => {
      expectInputError(() => call([good, good, 'c']), /^cohortRetention: events\[2\] /);
      expectInputError(() => call({ 0: good }), /^cohortRetention: events must be an array of rows/);
      expectInputError(() => call(undefined), /^cohortRetention: events /);
    });

    it.each(['fortnight', 'months', 'Week', '', 3])('refuses period = %s', (period) => {
      expectInputError(() => call([good], { period }), /^cohortRetention: period /);
    });

    it.each(['tomorrow', '2026-02-30', Number.NaN, true])('refuses asOf = %s', (asOf) => {
      expectInputError(() => call([good], { asOf }), /^cohortRetention: asOf /);
    });

    it('refuses options that are not an object', () => {
      expectInputError(() => call([good], 'month'), /^cohortRetention: options /);
      expectInputError(() => call([good], null), /^cohortRetention: options /);
    });
  });
});

/** 'YYYY-MM-DD' strings of the hand table read with an explicit Z when they carry no zone (they are UTC). */
function toZoned(at: ActivityEvent['at']): string {
  const text = String(at);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  return /(?:Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`;
}

/** Months since year 0 of a UTC instant. */
function monthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function labelOfMonth(k: number): string {
  const y = Math.floor(k / 12);
  const m = k - 12 * y + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

function monthIndexOfLabel(label: string): number {
  const [y, m] = label.split('-').map(Number);
  return (y ?? Number.NaN) * 12 + (m ?? Number.NaN) - 1;
}

const WEEK = 7 * 86_400_000;
/** Monday 2024-01-01 (a Monday), the origin of the week numbers below. */
const MONDAY = Date.UTC(2024, 0, 1);

/** ISO weeks since Monday 2024-01-01: back from the instant's UTC date to its Monday. */
function weekIndex(ms: number): number {
  const d = new Date(ms);
  const sinceMonday = (d.getUTCDay() + 6) % 7; // Sunday is 0 in getUTCDay, 6 days after Monday
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
  return Math.round((monday - MONDAY) / WEEK);
}

function labelOfWeek(k: number): string {
  return new Date(MONDAY + k * WEEK).toISOString().slice(0, 10);
}

/** An instant from an event date the generator wrote (Date, epoch ms or ISO string in Z). */
function instant(at: ActivityEvent['at']): number {
  return at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
}

/**
 * The table by brute force: for each customer, the set of period numbers with
 * an event at or before asOf; its cohort is the smallest. For each cohort and
 * each period k from the cohort's to the last observed one, count the
 * customers with k in their set (active) and those with some member >= k
 * (active in k or later).
 */
function bruteForce(
  events: readonly ActivityEvent[],
  index: (ms: number) => number,
  label: (k: number) => string,
  asOf: number,
): Array<[string, number, number[], number[]]> {
  const sets = new Map<string | number, Set<number>>();
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const ms = instant(e.at);
    if (ms > asOf) continue;
    const k = index(ms);
    last = Math.max(last, k);
    const set = sets.get(e.customerId) ?? new Set<number>();
    set.add(k);
    sets.set(e.customerId, set);
  }
  if (asOf !== Number.POSITIVE_INFINITY) last = index(asOf);
  const byCohort = new Map<number, Array<Set<number>>>();
  for (const set of sets.values()) {
    const first = Math.min(...set);
    byCohort.set(first, [...(byCohort.get(first) ?? []), set]);
  }
  return [...byCohort.keys()]
    .sort((x, y) => x - y)
    .map((first) => {
      const members = byCohort.get(first) ?? [];
      const active: number[] = [];
      const later: number[] = [];
      for (let k = first; k <= last; k++) {
        active.push(members.filter((set) => set.has(k)).length);
        later.push(members.filter((set) => [...set].some((p) => p >= k)).length);
      }
      return [label(first), members.length, active, later];
    });
}

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

/**
 * 20,000 events of about 2,000 customers from 2025 to 2026: each customer is
 * active for a random stretch of days from a random first day, with events at
 * random instants inside it, so that later periods hold fewer of each cohort.
 */
function generate(seed: number): ActivityEvent[] {
  const random = mulberry32(seed);
  const DAY = 86_400_000;
  const origin = Date.UTC(2025, 0, 1);
  const events: ActivityEvent[] = [];
  let customer = 0;
  while (events.length < 20_000) {
    const id: string | number = customer % 5 === 0 ? customer : `cust-${customer}`;
    customer++;
    const first = origin + Math.floor(random() * 600) * DAY;
    const span = Math.floor(-Math.log(1 - random()) * 150) * DAY + DAY;
    const count = 1 + Math.floor(random() * 19);
    for (let j = 0; j < count && events.length < 20_000; j++) {
      // the first event opens the stretch; the others fall anywhere in it, some exactly on midnight
      const offset = j === 0 ? 0 : Math.floor(random() * span);
      const ms =
        random() < 0.2 ? Math.floor((first + offset) / DAY) * DAY : first + offset + Math.floor(random() * DAY);
      const form = events.length % 3;
      events.push({ customerId: id, at: form === 0 ? new Date(ms) : form === 1 ? ms : new Date(ms).toISOString() });
    }
  }
  return events;
}

describe('cohortRetention on a table too large for one byte per customer and period', () => {
  it('gives the exact counts from its per-customer sets (3,001 customers over 100,001 days)', () => {
    // 3,001 x 100,001 cells is above the 268,435,456 the byte table may take, so each
    // customer's active days are kept in a set instead.
    const day = (n: number) => Date.UTC(2000, 0, 1) + n * 86_400_000;
    const events: Array<{ customerId: string; at: number }> = [];
    for (let i = 0; i < 3000; i++) {
      events.push({ customerId: `c${i}`, at: day(0) });
      if (i % 3 === 0) events.push({ customerId: `c${i}`, at: day(5) + 3_600_000 });
    }
    events.push({ customerId: 'late', at: day(100_000) });
    const table = cohortRetention(events, { period: 'day' });
    expect(table.cohorts.map((c) => [c.cohort, c.size, c.active.length])).toEqual([
      ['2000-01-01', 3000, 100_001],
      [new Date(day(100_000)).toISOString().slice(0, 10), 1, 1],
    ]);
    const [early, late] = table.cohorts;
    // Active: everyone on day 0, a third (c0, c3, ...) on day 5, nobody else.
    const active = early?.active ?? [];
    expect([active[0], active[5]]).toEqual([3000, 1000]);
    expect(active.reduce((sum, x) => sum + x, 0)).toBe(4000);
    // Active then or later: the third who came back stay counted up to day 5.
    expect(early?.activeOrLater.slice(0, 7)).toEqual([3000, 1000, 1000, 1000, 1000, 1000, 0]);
    expect(early?.activeOrLater[100_000]).toBe(0);
    expect(early?.activeRate[5]?.toString()).toBe('0.3333333333333333333333333333333333');
    expect(late?.active).toEqual([1]);
    expect(table.rows).toHaveLength(100_002);
  });
});
