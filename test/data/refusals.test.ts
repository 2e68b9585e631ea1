/**
 * Every refusal of the data functions, with its whole message: the function,
 * the field (down to the row and the property), the rule and what was given.
 * This is the text a user reads when a CSV export is wrong, so it is pinned
 * here word for word; each message follows the library's pattern
 * "<function>: <field> <rule>, got <value>".
 */
import { describe, expect, it } from 'vitest';
import { cohortRetention, periodCounts, periodCountsSeries, revenueRetention } from '../../src';
import { inputErrorOf } from '../support/expectInputError';

const messageOf = (run: () => unknown): string => inputErrorOf(run).message;

const span = { from: '2026-01-01', to: '2026-02-01' };
const lifecycle = { customerId: 'a', startedAt: '2025-06-01', endedAt: null };
const units = 'day, week, month, quarter, year';

const cases: Array<[string, () => unknown, string]> = [
  // Lifecycle lists (periodCounts and periodCountsSeries read them alike).
  [
    'customers not a list',
    () => periodCounts({} as never, span),
    'periodCounts: customers must be an array of rows { customerId, startedAt, endedAt? } or a table of columns { customerId, startedAt, endedAt? } (arrays or typed arrays), got an object, which has none of those columns',
  ],
  [
    'a row that is not an object',
    () => periodCounts([lifecycle, 7] as never, span),
    'periodCounts: customers[1] must be { customerId, startedAt, endedAt }, got 7',
  ],
  [
    'an empty customer id',
    () => periodCounts([{ ...lifecycle, customerId: '' }], span),
    'periodCounts: customers[0].customerId must be a non-empty string or a number, got ""',
  ],
  [
    'a NaN customer id',
    () => periodCounts([{ ...lifecycle, customerId: Number.NaN }], span),
    'periodCounts: customers[0].customerId must be a non-empty string or a number, got NaN',
  ],
  [
    'a missing customer id',
    () => periodCounts([{ startedAt: '2025-06-01' }] as never, span),
    'periodCounts: customers[0].customerId must be a non-empty string or a number, got nothing (undefined)',
  ],
  [
    'an unreadable start',
    () => periodCounts([{ ...lifecycle, startedAt: '2025-13-01' }], span),
    'periodCounts: customers[0].startedAt must be a real calendar date, got "2025-13-01"',
  ],
  [
    'an infinite end',
    () => periodCounts([{ ...lifecycle, endedAt: Number.POSITIVE_INFINITY }], span),
    'periodCounts: customers[0].endedAt must be a finite time, got Infinity',
  ],
  [
    'an end before the start',
    () => periodCounts([{ ...lifecycle, endedAt: '2025-05-31' }], span),
    'periodCounts: customers[0].endedAt must not be before startedAt (2025-06-01T00:00:00.000Z), got 2025-05-31T00:00:00.000Z',
  ],
  // periodCounts' own options.
  [
    'options not an object',
    () => periodCounts([lifecycle], 'january' as never),
    'periodCounts: options must be { from, to }, got "january"',
  ],
  [
    'an unreadable from',
    () => periodCounts([lifecycle], { ...span, from: 'soon' }),
    'periodCounts: from must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got "soon"',
  ],
  [
    'an unreadable to',
    () => periodCounts([lifecycle], { ...span, to: Number.NaN }),
    'periodCounts: to must be a finite time, got NaN',
  ],
  [
    'to equal to from',
    () => periodCounts([lifecycle], { from: '2026-01-01', to: '2026-01-01' }),
    'periodCounts: to must be after from',
  ],
  // periodCountsSeries.
  [
    'series options not an object',
    () => periodCountsSeries([lifecycle], null as never),
    'periodCountsSeries: options must be { from, periods, period }, got null',
  ],
  [
    'series: an unreadable from',
    () => periodCountsSeries([lifecycle], { from: '', periods: 3 }),
    'periodCountsSeries: from must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ""',
  ],
  [
    'series: no periods',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01' } as never),
    'periodCountsSeries: periods must be a whole number from 1 to 10,000, got nothing (undefined)',
  ],
  [
    'series: 0 periods',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01', periods: 0 }),
    'periodCountsSeries: periods must be a whole number from 1 to 10,000, got 0',
  ],
  [
    'series: 2.5 periods',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01', periods: 2.5 }),
    'periodCountsSeries: periods must be a whole number from 1 to 10,000, got 2.5',
  ],
  [
    'series: 10,001 periods',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01', periods: 10_001 }),
    'periodCountsSeries: periods must be a whole number from 1 to 10,000, got 10001',
  ],
  [
    'series: periods as text that is no number',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01', periods: 'three' as never }),
    'periodCountsSeries: periods must be a whole number from 1 to 10,000, got "three"',
  ],
  [
    'series: an unknown period',
    () => periodCountsSeries([lifecycle], { from: '2026-01-01', periods: 3, period: 'fortnight' as never }),
    `periodCountsSeries: period must be one of ${units}, got "fortnight"`,
  ],
  [
    'series: a lifecycle row',
    () => periodCountsSeries([{ ...lifecycle, startedAt: null }] as never, { from: '2026-01-01', periods: 3 }),
    'periodCountsSeries: customers[0].startedAt must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got null',
  ],
  // cohortRetention.
  [
    'cohort options not an object',
    () => cohortRetention([], 'month' as never),
    'cohortRetention: options must be an object when given, got "month"',
  ],
  [
    'events not a list',
    () => cohortRetention('events' as never),
    'cohortRetention: events must be an array of { customerId, at }, got "events"',
  ],
  [
    'an unknown cohort period',
    () => cohortRetention([], { period: 'decade' as never }),
    `cohortRetention: period must be one of ${units}, got "decade"`,
  ],
  [
    'an unreadable asOf',
    () => cohortRetention([], { asOf: '31.12.2026' }),
    'cohortRetention: asOf must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got "31.12.2026"',
  ],
  [
    'an event that is not an object',
    () => cohortRetention([{ customerId: 'a', at: '2026-01-05' }, null] as never),
    'cohortRetention: events[1] must be an event or a lifecycle, got null',
  ],
  [
    'an event that is a list',
    () => cohortRetention([['a', '2026-01-05']] as never),
    'cohortRetention: events[0] must be an event or a lifecycle, got an array',
  ],
  [
    'an event without an id',
    () => cohortRetention([{ at: '2026-01-05' }] as never),
    'cohortRetention: events[0].customerId must be a non-empty string or a number, got nothing (undefined)',
  ],
  [
    'an event at an unreadable date',
    () => cohortRetention([{ customerId: 'a', at: '2026-02-29' }]),
    'cohortRetention: events[0].at must be a real calendar date, got "2026-02-29"',
  ],
  [
    'a lifecycle ending before it starts',
    () => cohortRetention([{ customerId: 'a', startedAt: '2026-03-01', endedAt: '2026-02-01' }]),
    'cohortRetention: events[0].endedAt must not be before startedAt (2026-03-01T00:00:00.000Z), got 2026-02-01T00:00:00.000Z',
  ],
  // revenueRetention.
  [
    'start revenue not a list',
    () => revenueRetention({ startRevenue: 5, endRevenue: [] } as never),
    'revenueRetention: startRevenue must be an array of { customerId, revenue }, got 5',
  ],
  [
    'end revenue not a list',
    () => revenueRetention({ startRevenue: [], endRevenue: undefined } as never),
    'revenueRetention: endRevenue must be an array of { customerId, revenue }, got nothing (undefined)',
  ],
  [
    'a revenue row that is not an object',
    () => revenueRetention({ startRevenue: [{ customerId: 'a', revenue: 1 }], endRevenue: ['a'] } as never),
    'revenueRetention: endRevenue[0] must be { customerId, revenue }, got "a"',
  ],
  [
    'a revenue row without an id',
    () => revenueRetention({ startRevenue: [{ revenue: 1 }], endRevenue: [] } as never),
    'revenueRetention: startRevenue[0].customerId must be a non-empty string or a number, got nothing (undefined)',
  ],
  [
    'a negative revenue',
    () =>
      revenueRetention({
        startRevenue: [{ customerId: 'a', revenue: 1 }],
        endRevenue: [{ customerId: 'a', revenue: -3 }],
      }),
    'revenueRetention: endRevenue[0].revenue must not be negative, got -3',
  ],
  [
    'no starting revenue',
    () =>
      revenueRetention({
        startRevenue: [{ customerId: 'a', revenue: 0 }],
        endRevenue: [{ customerId: 'a', revenue: 3 }],
      }),
    'revenueRetention: startRevenue must hold some revenue above 0: retention of no revenue is undefined',
  ],
];

describe('the data functions refuse bad input with a message naming the row and field', () => {
  it.each(cases)('%s', (_, run, message) => {
    expect(messageOf(run)).toBe(message);
  });
});

describe('a row whose property throws when read', () => {
  it('is refused with what was thrown, for a thrown Error and for anything else', () => {
    const hostile = (thrown: unknown) => ({
      get customerId(): never {
        throw thrown;
      },
      startedAt: '2026-01-01',
    });
    const rule = (what: string) =>
      `periodCounts: customers[0].customerId could not be read: reading it threw (${what}); pass plain data (a getter or Proxy that throws is not a value)`;
    expect(messageOf(() => periodCounts([hostile(new Error('no access'))] as never, span))).toBe(rule('no access'));
    expect(messageOf(() => periodCounts([hostile('a string')] as never, span))).toBe(rule('a string'));
    expect(messageOf(() => periodCounts([hostile(42)] as never, span))).toBe(rule('an error without a message'));
  });
});

describe('the 100,000-period limit of a cohort table', () => {
  const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

  it('builds a table spanning 100,001 days (periods 0 to 100,000) and refuses one a day longer', () => {
    const table = cohortRetention(
      [
        { customerId: 'a', at: day(0) },
        { customerId: 'a', at: day(100_000) },
      ],
      { period: 'day' },
    );
    expect(table.cohorts[0]?.active.length).toBe(100_001);
    expect(table.cohorts[0]?.active[100_000]).toBe(1);
    expect(
      messageOf(() =>
        cohortRetention(
          [
            { customerId: 'a', at: day(0) },
            { customerId: 'b', at: day(100_001) },
          ],
          { period: 'day' },
        ),
      ),
    ).toBe('cohortRetention: events span more than 100,000 days; use a longer period');
  });

  it('names asOf when it is asOf that makes the table too long, and the events when they span too long themselves', () => {
    expect(
      messageOf(() => cohortRetention([{ customerId: 'a', at: day(0) }], { period: 'day', asOf: day(100_001) })),
    ).toBe('cohortRetention: asOf makes the table span more than 100,000 days; use a longer period');
    const events = [
      { customerId: 'a', at: day(0) },
      { customerId: 'a', at: day(100_001) },
    ];
    expect(messageOf(() => cohortRetention(events, { period: 'day', asOf: day(100_001) }))).toBe(
      'cohortRetention: events span more than 100,000 days; use a longer period',
    );
    expect(cohortRetention(events, { period: 'day', asOf: day(100_000) }).cohorts[0]?.size).toBe(1);
  });

  it('takes a lifecycle covering exactly 100,001 periods, and stops at once on one spanning the whole Date range', () => {
    // Day 0 up to (not including) day 100,001: days 0 to 100,000.
    const table = cohortRetention([{ customerId: 'a', startedAt: day(0), endedAt: day(100_001) }], { period: 'day' });
    expect(table.cohorts[0]?.active.length).toBe(100_001);
    expect(table.cohorts[0]?.active.every((n) => n === 1)).toBe(true);
    // About 2e8 days: refused after 100,000 of them, not after expanding them all (which would
    // take gigabytes; under mutation testing that shows as a time-out).
    expect(
      messageOf(() => cohortRetention([{ customerId: 'a', startedAt: -8.64e15, endedAt: 8.64e15 }], { period: 'day' })),
    ).toBe('cohortRetention: events span more than 100,000 days; use a longer period');
  });

  it('refuses a lifecycle that would expand to more than 100,000 periods while reading it', () => {
    expect(
      messageOf(() =>
        cohortRetention([{ customerId: 'a', startedAt: day(0), endedAt: day(100_002) }], { period: 'day' }),
      ),
    ).toBe('cohortRetention: events span more than 100,000 days; use a longer period');
  });
});
