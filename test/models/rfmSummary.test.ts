/**
 * rfmSummary on small purchase logs written out here, with every expected
 * figure counted by hand in the comments (calendar days between the dates,
 * divided by the unit). Conventions: /work/shared/reference/README.md (the
 * CDNOW summary's): same-day purchases are one occasion, amounts added; x =
 * distinct purchase days - 1; t_x and T from the first purchase day.
 */
import { describe, expect, it } from 'vitest';
import { Decimal, MetricInputError, type RfmSummary, rfmSummary, type Transaction } from '../../src';
import { expectInputError } from './independent';

/** Calls a function with arguments the type system would refuse. */
const loose = <F extends (...args: never[]) => unknown>(f: F) => f as unknown as (...args: unknown[]) => unknown;

/**
 * Day counts used below (1997 is not a leap year):
 * - 1997-01-01 -> 1997-01-15: 14 days; -> 1997-02-12: 31 + 11 = 42 days;
 * - 1997-01-01 -> 1997-09-30: 31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 (Jan..Aug) + 29 = 272 days;
 * - 1997-03-01 -> 1997-09-30: 31 + 30 + 31 + 30 + 31 + 31 (Mar..Aug) + 29 = 213 days;
 * - 1997-05-10 -> 1997-09-30: 21 (rest of May) + 30 + 31 + 31 + 30 = 143 days;
 * - 1997-09-30 -> 1997-10-28 (holdout end): 28 days.
 */
const log: Transaction[] = [
  { customerId: 'alice', at: '1997-01-01', amount: 10 },
  { customerId: 42, at: '1997-03-01', amount: '12.50' },
  { customerId: 'alice', at: '1997-02-12', amount: 30 },
  { customerId: 'bob', at: '1997-10-05', amount: 99 }, // first seen after the calibration end
  { customerId: 'alice', at: '1997-01-01', amount: 5 }, // same day as the first: one occasion worth 15
  { customerId: 'alice', at: '1997-10-28', amount: 8 }, // holdout, on its last day (included)
  { customerId: 'carol', at: '1997-09-30', amount: 3 }, // a single purchase on the calibration end
  { customerId: 42, at: '1997-09-30', amount: 0 }, // a repeat worth 0
  { customerId: 'alice', at: '1997-01-15', amount: 20 },
  { customerId: 'dave', at: '1997-05-10', amount: 4 },
  { customerId: 'alice', at: '1997-10-29', amount: 100 }, // after the holdout end: not counted anywhere
  { customerId: 'dave', at: '1997-10-10', amount: 3 },
  { customerId: 42, at: '1997-03-01', amount: 0 }, // same day as 42's first purchase
  { customerId: 'alice', at: '1997-10-01', amount: 7 }, // holdout
  { customerId: 'dave', at: '1997-10-10', amount: 4 }, // same holdout day: one holdout purchase worth 7
  { customerId: 'bob', at: '1997-11-01', amount: 1 },
];

const week = 7;

describe('rfmSummary on a small log, in weeks, with a holdout to 1997-10-28', () => {
  // Computed in each test (well under a millisecond), not at describe level: mutation testing
  // credits a test only with the code it runs itself.
  const summarise = () => rfmSummary(log, { calibrationEnd: '1997-09-30', holdoutEnd: '1997-10-28', timeUnit: 'week' });

  it('lists the customers first seen by the calibration end, in order of first appearance', () => {
    const summary = summarise();
    expect(summary.customers.map((c) => c.customerId)).toEqual(['alice', 42, 'carol', 'dave']);
    expect(summary.customersFirstSeenAfterCalibration).toBe(1); // bob
    expect(summary.unitDays).toBe(7);
    expect(summary.holdoutLength).toBe(28 / 7);
  });

  it('merges same-day purchases, does not count the first purchase, and averages the repeat days', () => {
    const summary = summarise();
    // alice: days 01-01 (15), 01-15 (20), 02-12 (30) in calibration: x = 2, t_x = 42 days, T = 272 days,
    // monetary value (20 + 30) / 2 = 25 (the first day excluded); holdout 10-01 (7) and 10-28 (8).
    expect(summary.customers[0]).toEqual({
      customerId: 'alice',
      frequency: 2,
      recency: 42 / week,
      age: 272 / week,
      monetaryValue: 25,
      holdoutPurchases: 2,
      holdoutSpend: 15,
    });
    // 42: days 03-01 (12.50 + 0) and 09-30 (0): x = 1, t_x = T = 213 days, monetary value 0 (an amount of 0 is allowed).
    expect(summary.customers[1]).toEqual({
      customerId: 42,
      frequency: 1,
      recency: 213 / week,
      age: 213 / week,
      monetaryValue: 0,
      holdoutPurchases: 0,
      holdoutSpend: 0,
    });
    // carol: one purchase on the calibration end: x = 0, t_x = T = 0, monetary value 0 without repeats.
    expect(summary.customers[2]).toEqual({
      customerId: 'carol',
      frequency: 0,
      recency: 0,
      age: 0,
      monetaryValue: 0,
      holdoutPurchases: 0,
      holdoutSpend: 0,
    });
    // dave: one calibration day (05-10), T = 143 days; two purchases on 10-10 are one holdout purchase worth 7.
    expect(summary.customers[3]).toEqual({
      customerId: 'dave',
      frequency: 0,
      recency: 0,
      age: 143 / week,
      monetaryValue: 0,
      holdoutPurchases: 1,
      holdoutSpend: 7,
    });
  });

  it('agrees with the CDNOW convention for T: 272 days is 38.86 weeks (customer 1 of the published summary)', () => {
    const summary = summarise();
    expect((summary.customers[0]?.age ?? 0).toFixed(2)).toBe('38.86');
  });

  it('keeps the type of each id (a number stays a number)', () => {
    const summary = summarise();
    expect(typeof summary.customers[1]?.customerId).toBe('number');
    expect(typeof summary.customers[0]?.customerId).toBe('string');
  });
});

describe('rfmSummary without a holdout end', () => {
  // Computed in each test that reads it, not at describe level: mutation testing credits a test
  // only with the code it runs itself.
  const summarise = () => rfmSummary(log, { calibrationEnd: '1997-09-30' });

  it('ignores purchases after the calibration end and has no holdout columns', () => {
    const summary = summarise();
    const alice = summary.customers[0];
    expect(alice).toEqual({ customerId: 'alice', frequency: 2, recency: 6, age: 272 / 7, monetaryValue: 25 });
    for (const customer of summary.customers) {
      expect('holdoutPurchases' in customer).toBe(false);
      expect('holdoutSpend' in customer).toBe(false);
    }
    expect('holdoutLength' in summary).toBe(false);
    expect(summary.customersFirstSeenAfterCalibration).toBe(1);
  });

  it('measures in weeks by default', () => {
    const summary = summarise();
    expect(summary.unitDays).toBe(7);
    expect(summary.customers[0]?.recency).toBe(6); // 42 days
  });

  it('counts a holdout end equal to the calibration end as an empty holdout', () => {
    const empty = rfmSummary(log, { calibrationEnd: '1997-09-30', holdoutEnd: '1997-09-30' });
    expect(empty.holdoutLength).toBe(0);
    expect(empty.customers.map((c) => c.holdoutPurchases)).toEqual([0, 0, 0, 0]);
    expect(empty.customers.map((c) => c.holdoutSpend)).toEqual([0, 0, 0, 0]);
  });
});

describe('rfmSummary time units', () => {
  const inUnit = (timeUnit: Parameters<typeof rfmSummary>[1]['timeUnit']) =>
    rfmSummary(log, { calibrationEnd: '1997-09-30', holdoutEnd: '1997-10-28', timeUnit });

  it('divides day counts by 1 (day), 7 (week), 30.4375 (month) or n ({ days: n })', () => {
    const cases: Array<[Parameters<typeof inUnit>[0], number]> = [
      ['day', 1],
      ['week', 7],
      ['month', 30.4375],
      [{ days: 14 }, 14],
      [{ days: 0.5 }, 0.5],
    ];
    for (const [unit, days] of cases) {
      const s = inUnit(unit);
      expect(s.unitDays, JSON.stringify(unit)).toBe(days);
      expect(s.holdoutLength, JSON.stringify(unit)).toBe(28 / days);
      expect(s.customers[0]?.recency, JSON.stringify(unit)).toBe(42 / days);
      expect(s.customers[0]?.age, JSON.stringify(unit)).toBe(272 / days);
      expect(s.customers[1]?.recency, JSON.stringify(unit)).toBe(213 / days);
      expect(s.customers[3]?.age, JSON.stringify(unit)).toBe(143 / days);
      // Frequency and money do not depend on the unit.
      expect(s.customers.map((c) => c.frequency)).toEqual([2, 1, 0, 0]);
      expect(s.customers.map((c) => c.monetaryValue)).toEqual([25, 0, 0, 0]);
    }
  });

  it('gives exact day counts in days: 42 and 272 for alice', () => {
    const s = inUnit('day');
    expect(s.customers[0]?.recency).toBe(42);
    expect(s.customers[0]?.age).toBe(272);
  });
});

describe('rfmSummary date forms', () => {
  /** One customer's four purchase days, written with a given date form. */
  const logWith = (at: (y: number, m: number, d: number) => Transaction['at']): Transaction[] => [
    { customerId: 7, at: at(1997, 1, 1), amount: 1 },
    { customerId: 7, at: at(1997, 1, 1), amount: 2 },
    { customerId: 7, at: at(1997, 2, 12), amount: 4 },
    { customerId: 7, at: at(1997, 10, 28), amount: 8 },
  ];
  const two = (n: number) => String(n).padStart(2, '0');
  const forms: Record<string, (y: number, m: number, d: number) => Transaction['at']> = {
    Date: (y, m, d) => new Date(Date.UTC(y, m - 1, d)),
    'Date late in the day': (y, m, d) => new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999)),
    'ISO date': (y, m, d) => `${y}-${two(m)}-${two(d)}`,
    'ISO date-time UTC': (y, m, d) => `${y}-${two(m)}-${two(d)}T23:59:59Z`,
    'ISO date-time without zone (read as UTC)': (y, m, d) => `${y}-${two(m)}-${two(d)}T00:00:01`,
    'ISO basic': (y, m, d) => `${y}${two(m)}${two(d)}`,
    'epoch milliseconds': (y, m, d) => Date.UTC(y, m - 1, d, 12),
  };
  const ends: Record<string, [Transaction['at'], Transaction['at']]> = {
    Date: [new Date(Date.UTC(1997, 8, 30)), new Date(Date.UTC(1997, 9, 28))],
    'ISO date': ['1997-09-30', '1997-10-28'],
    'ISO date-time UTC': ['1997-09-30T23:59:59Z', '1997-10-28T23:59:59Z'],
    'ISO basic': ['19970930', '19971028'],
    'epoch milliseconds': [Date.UTC(1997, 8, 30, 18), Date.UTC(1997, 9, 28, 1)],
  };
  // x = 1 (01-01 and 02-12), t_x = 42 days = 6 weeks, T = 272 days, zbar = 4; one holdout purchase of 8.
  const expected: RfmSummary = {
    customers: [
      {
        customerId: 7,
        frequency: 1,
        recency: 6,
        age: 272 / 7,
        monetaryValue: 4,
        holdoutPurchases: 1,
        holdoutSpend: 8,
      },
    ],
    unitDays: 7,
    customersFirstSeenAfterCalibration: 0,
    holdoutLength: 4,
  };

  for (const [name, form] of Object.entries(forms)) {
    for (const [endName, [calibrationEnd, holdoutEnd]] of Object.entries(ends)) {
      it(`${name} transactions with ${endName} period ends give the hand-computed summary`, () => {
        expect(rfmSummary(logWith(form), { calibrationEnd, holdoutEnd })).toEqual(expected);
      });
    }
  }

  it('reads a time with a zone offset as the UTC day it falls on', () => {
    // 1997-02-11T23:30-05:00 is 1997-02-12T04:30Z: the same day as the second purchase above.
    const s = rfmSummary(
      [
        { customerId: 1, at: '1997-01-01' },
        { customerId: 1, at: '1997-02-11T23:30:00-05:00' },
      ],
      { calibrationEnd: '1997-09-30' },
    );
    expect(s.customers[0]?.recency).toBe(6);
  });

  it('reads purchases without an amount as occasions worth 0', () => {
    const s = rfmSummary(
      [
        { customerId: 'x', at: '1997-01-01' },
        { customerId: 'x', at: '1997-01-08' },
      ],
      { calibrationEnd: '1997-01-15' },
    );
    expect(s.customers).toEqual([{ customerId: 'x', frequency: 1, recency: 1, age: 2, monetaryValue: 0 }]);
  });

  it('adds amounts given as strings exactly as numbers', () => {
    const s = rfmSummary(
      [
        { customerId: 'x', at: '1997-01-01', amount: '5' },
        { customerId: 'x', at: '1997-01-08', amount: '0.10' },
        { customerId: 'x', at: '1997-01-08', amount: '0.20' },
        { customerId: 'x', at: '1997-01-15', amount: '1e1' },
      ],
      { calibrationEnd: '1997-01-15' },
    );
    // repeat days: 01-08 (0.1 + 0.2) and 01-15 (10): mean (0.1 + 0.2 + 10) / 2
    expect(s.customers[0]?.frequency).toBe(2);
    expect(s.customers[0]?.monetaryValue).toBeCloseTo(5.15, 12);
  });

  it('summarises an empty log to no customers', () => {
    expect(rfmSummary([], { calibrationEnd: '1997-09-30' })).toEqual({
      customers: [],
      unitDays: 7,
      customersFirstSeenAfterCalibration: 0,
    });
  });
});

describe('rfmSummary input errors', () => {
  const ok = (rows: unknown[]) => loose(rfmSummary)(rows, { calibrationEnd: '1997-09-30' });
  const good = { customerId: 'a', at: '1997-01-01', amount: 1 };

  it('names the row and field of an unparseable date', () => {
    const error = expectInputError(
      () => ok([good, good, good, { customerId: 'a', at: 'yesterday' }]),
      /^rfmSummary: transactions\[3\]\.at /,
    );
    expect(error.functionName).toBe('rfmSummary');
    expect(error.field).toBe('transactions[3].at');
    for (const at of [
      '1997/09/30',
      '30.09.1997',
      '',
      null,
      undefined,
      {},
      true,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      expectInputError(() => ok([good, good, good, { customerId: 'a', at }]), /^rfmSummary: transactions\[3\]\.at /);
    }
  });

  // 1997 has no 30 February, no 29 February, no month 13 and no day 0: typing errors, not dates, which
  // must not be rolled silently into the next month (1997-02-30 is not 1997-03-02).
  it.each(['1997-02-30', '1997-02-29', '19970230', '19971301', '19970000', '1997-13-01', '1997-04-31'])(
    'refuses the impossible calendar date %s',
    (at) => {
      expectInputError(() => ok([good, { customerId: 'a', at }]), /^rfmSummary: transactions\[1\]\.at /);
    },
  );

  it('refuses epoch milliseconds outside the range of a Date', () => {
    // new Date(1e20) is an invalid date (the range is +/- 8.64e15 ms).
    expectInputError(() => ok([{ customerId: 'a', at: 1e20 }]), /^rfmSummary: transactions\[0\]\.at /);
  });

  it('refuses negative, non-numeric and non-finite amounts, naming the row', () => {
    expectInputError(
      () => ok([good, { customerId: 'a', at: '1997-01-02', amount: -0.01 }]),
      /^rfmSummary: transactions\[1\]\.amount .*0 or more/,
    );
    expectInputError(
      () => ok([good, good, { customerId: 'a', at: '1997-01-02', amount: '-3' }]),
      /^rfmSummary: transactions\[2\]\.amount /,
    );
    for (const amount of ['abc', '', Number.NaN, Number.POSITIVE_INFINITY, null, {}]) {
      expectInputError(
        () => ok([{ customerId: 'a', at: '1997-01-02', amount }]),
        /^rfmSummary: transactions\[0\]\.amount /,
      );
    }
  });

  it('refuses missing, empty and non-finite customer ids, naming the row', () => {
    expectInputError(() => ok([good, { at: '1997-01-02' }]), /^rfmSummary: transactions\[1\]\.customerId /);
    expectInputError(
      () => ok([good, good, { customerId: '', at: '1997-01-02' }]),
      /^rfmSummary: transactions\[2\]\.customerId /,
    );
    for (const customerId of [null, Number.NaN, Number.POSITIVE_INFINITY, {}, true]) {
      expectInputError(() => ok([{ customerId, at: '1997-01-02' }]), /^rfmSummary: transactions\[0\]\.customerId /);
    }
  });

  it('refuses a row that is not an object', () => {
    expectInputError(() => ok([good, 'a,1997-01-01,1']), /^rfmSummary: transactions\[1\] /);
  });

  it('refuses a holdout end before the calibration end', () => {
    const error = expectInputError(
      () => rfmSummary([good], { calibrationEnd: '1997-09-30', holdoutEnd: '1997-09-29' }),
      /^rfmSummary: holdoutEnd must not be before calibrationEnd/,
    );
    expect(error.field).toBe('holdoutEnd');
  });

  it('refuses unknown options, pointing at a misspelling', () => {
    expectInputError(
      () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', timeunit: 'day' }),
      /^rfmSummary: timeunit is not an option here \(did you mean timeUnit\?\)/,
    );
    expectInputError(
      () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', holdout: '1997-10-30' }),
      /^rfmSummary: holdout is not an option here/,
    );
  });

  it('refuses a bad time unit', () => {
    for (const timeUnit of ['years', 'weeks', '', 7, { days: 0 }, { days: -7 }, { days: Number.NaN }, null]) {
      expectInputError(
        () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', timeUnit }),
        /^rfmSummary: timeUnit must be 'day', 'week', 'month', 'year' or \{ days: n \}/,
      );
    }
  });

  it('refuses an unknown field of a time unit, with a did-you-mean, and reads days in any numeric form', () => {
    const error = expectInputError(
      () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', timeUnit: { Days: 7 } }),
      /^rfmSummary: timeUnit\.Days is not an option here \(did you mean days\?\)/,
    );
    expect(error.field).toBe('timeUnit.Days');
    expectInputError(
      () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', timeUnit: { weeks: 1 } }),
      /^rfmSummary: timeUnit\.weeks is not an option here; the options are days$/,
    );
    const week = rfmSummary([good], { calibrationEnd: '1997-09-30', timeUnit: 'week' });
    for (const days of ['7', 7n, new Decimal(7)]) {
      expect(rfmSummary([good], { calibrationEnd: '1997-09-30', timeUnit: { days } as never })).toEqual(week);
    }
  });

  it('refuses a missing or unparseable calibration end or holdout end', () => {
    expectInputError(() => loose(rfmSummary)([good], {}), /^rfmSummary: calibrationEnd /);
    expectInputError(() => loose(rfmSummary)([good], { calibrationEnd: 'soon' }), /^rfmSummary: calibrationEnd /);
    expectInputError(
      () => loose(rfmSummary)([good], { calibrationEnd: '1997-09-30', holdoutEnd: 'later' }),
      /^rfmSummary: holdoutEnd /,
    );
  });

  it('refuses transactions that are not an array, and options that are not an object', () => {
    expectInputError(
      () => loose(rfmSummary)('log.csv', { calibrationEnd: '1997-09-30' }),
      /^rfmSummary: transactions /,
    );
    expectInputError(() => loose(rfmSummary)([good], '1997-09-30'), /^rfmSummary: options /);
    expect(() => loose(rfmSummary)([good])).toThrow(MetricInputError);
  });
});
