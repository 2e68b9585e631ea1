/**
 * The calendar arithmetic under the data functions (src/data/periods.ts):
 * reading instants, and the integer period index that cohortRetention and
 * periodCounts use instead of Date objects. Expected values come from
 * JavaScript's own Date (an independent implementation of the Gregorian
 * calendar) and from hand-written dates.
 */
import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  indexStart,
  PERIOD_UNITS,
  type PeriodUnit,
  periodIndex,
  periodLabel,
  periodStart,
  readInstant,
} from '../../src/data/periods';

const DAY_MS = 86_400_000;

/** The index of a period by Date's calendar fields: year x 12 + month, year x 4 + quarter, the year. */
function indexByDate(ms: number, unit: 'month' | 'quarter' | 'year'): number {
  const date = new Date(ms);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  return unit === 'month' ? months : unit === 'quarter' ? Math.floor(months / 3) : Math.floor(months / 12);
}

describe('periodIndex', () => {
  it('agrees with Date on the month, quarter and year of every day from 1600 to 2400', () => {
    // Four full 400-year cycles of leap-year rules, including 1600-02-29, 1700-03-01, 2000-02-29 and 2100-02-28.
    const first = Math.floor(Date.UTC(1600, 0, 1) / DAY_MS);
    const last = Math.floor(Date.UTC(2400, 11, 31) / DAY_MS);
    const wrong: string[] = [];
    for (let day = first; day <= last && wrong.length < 5; day++) {
      // Noon, so that a floor of the day number is tested too.
      const ms = day * DAY_MS + DAY_MS / 2;
      for (const unit of ['month', 'quarter', 'year'] as const) {
        if (periodIndex(ms, unit) !== indexByDate(ms, unit)) wrong.push(`${new Date(ms).toISOString()} ${unit}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the documented indexes for hand-picked dates', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(periodIndex(at('1970-01-01T00:00:00Z'), 'day')).toBe(0);
    expect(periodIndex(at('1969-12-31T23:59:59.999Z'), 'day')).toBe(-1);
    // ISO weeks from Monday: 1970-01-01 (a Thursday) is in week 0, which began on Monday 1969-12-29.
    expect(periodIndex(at('1969-12-29T00:00:00Z'), 'week')).toBe(0);
    expect(periodIndex(at('1969-12-28T23:59:59Z'), 'week')).toBe(-1);
    expect(periodIndex(at('1970-01-05T00:00:00Z'), 'week')).toBe(1);
    expect(periodIndex(at('2000-02-29T12:00:00Z'), 'month')).toBe(2000 * 12 + 1);
    expect(periodIndex(at('2000-03-01T00:00:00Z'), 'month')).toBe(2000 * 12 + 2);
    expect(periodIndex(at('2026-01-01T00:00:00Z'), 'month')).toBe(2026 * 12);
    expect(periodIndex(at('2025-12-31T23:59:59Z'), 'month')).toBe(2025 * 12 + 11);
    expect(periodIndex(at('2026-11-23T00:00:00Z'), 'quarter')).toBe(2026 * 4 + 3);
    expect(periodIndex(at('2026-11-23T00:00:00Z'), 'year')).toBe(2026);
    expect(periodIndex(at('1969-07-20T20:17:00Z'), 'year')).toBe(1969);
  });

  it('puts consecutive periods at consecutive indexes, each starting where indexStart says', () => {
    const from = Date.UTC(1999, 10, 15, 6);
    for (const unit of PERIOD_UNITS) {
      let start = periodStart(from, unit);
      let index = periodIndex(from, unit);
      for (let k = 0; k < 30; k++) {
        expect(indexStart(index, unit), `${unit} ${k}`).toBe(start);
        expect(periodIndex(start, unit)).toBe(index);
        // The last millisecond of a period belongs to it.
        const next = addPeriods(start, unit, 1);
        expect(periodIndex(next - 1, unit)).toBe(index);
        start = next;
        index += 1;
      }
    }
  });
});

describe('periodStart, addPeriods and periodLabel', () => {
  const ms = Date.parse('2026-11-18T15:30:00Z'); // a Wednesday
  const starts: Record<PeriodUnit, string> = {
    day: '2026-11-18',
    week: '2026-11-16',
    month: '2026-11-01',
    quarter: '2026-10-01',
    year: '2026-01-01',
  };
  const twoLater: Record<PeriodUnit, string> = {
    day: '2026-11-20',
    week: '2026-11-30',
    month: '2027-01-01',
    quarter: '2027-04-01',
    year: '2028-01-01',
  };

  it.each(PERIOD_UNITS)('%s: the start of the period, and the start of the one two later', (unit) => {
    const start = periodStart(ms, unit);
    expect(periodLabel(start)).toBe(starts[unit]);
    expect(new Date(start).toISOString()).toBe(`${starts[unit]}T00:00:00.000Z`);
    expect(periodLabel(addPeriods(start, unit, 2))).toBe(twoLater[unit]);
    expect(addPeriods(start, unit, 0)).toBe(start);
  });

  it('starts ISO weeks on Monday, also before 1970', () => {
    // 1969-12-31 was a Wednesday; its week began on Monday 1969-12-29.
    expect(periodLabel(periodStart(Date.parse('1969-12-31T10:00:00Z'), 'week'))).toBe('1969-12-29');
    expect(periodLabel(periodStart(Date.parse('1969-12-28T10:00:00Z'), 'week'))).toBe('1969-12-22');
  });
});

describe('readInstant', () => {
  it('reads numbers as epoch milliseconds, Dates, and ISO 8601 dates and date-times as UTC', () => {
    expect(readInstant(0)).toBe(0);
    expect(readInstant(-1.5)).toBe(-1.5);
    expect(readInstant(new Date(Date.UTC(2026, 10, 23, 8)))).toBe(Date.UTC(2026, 10, 23, 8));
    expect(readInstant('2026-11-23')).toBe(Date.UTC(2026, 10, 23));
    expect(readInstant('20261123')).toBe(Date.UTC(2026, 10, 23));
    expect(readInstant('2026-11-23T08:30')).toBe(Date.UTC(2026, 10, 23, 8, 30));
    expect(readInstant('2026-11-23 08:30:15')).toBe(Date.UTC(2026, 10, 23, 8, 30, 15));
    expect(readInstant('2026-11-23T08:30:00Z')).toBe(Date.UTC(2026, 10, 23, 8, 30));
    expect(readInstant('2026-11-23T08:30:00+02:00')).toBe(Date.UTC(2026, 10, 23, 6, 30));
    expect(readInstant('2026-11-23T08:30:00-0130')).toBe(Date.UTC(2026, 10, 23, 10, 0));
  });

  it('takes every instant a Date can hold, and refuses the first beyond, saying why', () => {
    expect(readInstant(8.64e15)).toBe(8.64e15);
    expect(readInstant(-8.64e15)).toBe(-8.64e15);
    const beyond = 'must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ';
    expect(readInstant(8.64e15 + 1)).toBe(`${beyond}8640000000000001`);
    expect(readInstant(-8.64e15 - 1)).toBe(`${beyond}-8640000000000001`);
  });

  it('explains what is wrong with a value it cannot read', () => {
    expect(readInstant(Number.NaN)).toBe('must be a finite time, got NaN');
    expect(readInstant(Number.NEGATIVE_INFINITY)).toBe('must be a finite time, got -Infinity');
    expect(readInstant(new Date(Number.NaN))).toBe('must be a valid date, got an invalid Date');
    expect(readInstant('2026-02-30')).toBe('must be a real calendar date, got "2026-02-30"');
    for (const value of ['23/11/2026', 'x2026-11-23', '2026-11-23T08:30Zx', '', null, true]) {
      expect(readInstant(value), String(value)).toMatch(/^must be a date \(a Date, an ISO 8601 string/);
    }
  });
});
