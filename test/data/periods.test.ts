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
  formatDay,
  formatInstant,
  indexStart,
  PERIOD_UNITS,
  type PeriodUnit,
  periodIndex,
  periodLabel,
  periodStart,
  readInstant,
} from '../../src/data/periods';
import { mulberry32 } from '../models/simulate';

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

/** Epoch ms of a UTC date-time by Date, without Date.UTC's reading of years 0-99 as 1900-1999. */
function utc(year: number, month: number, day: number, hours = 0, minutes = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, 0, 0);
  return date.getTime();
}

/** The start of the period containing `ms` and of the one after, by Date's own calendar fields. */
function periodsByDate(ms: number, unit: PeriodUnit): [number, number] {
  const date = new Date(ms);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  switch (unit) {
    case 'day':
      return [utc(y, m, d), utc(y, m, d + 1)];
    case 'week': {
      // getUTCDay is 0 on Sundays: Monday is (day + 6) % 7 days back.
      const monday = d - ((date.getUTCDay() + 6) % 7);
      return [utc(y, m, monday), utc(y, m, monday + 7)];
    }
    case 'month':
      return [utc(y, m, 1), utc(y, m + 1, 1)];
    case 'quarter': {
      const first = m - ((m - 1) % 3);
      return [utc(y, first, 1), utc(y, first + 3, 1)];
    }
    case 'year':
      return [utc(y, 1, 1), utc(y + 1, 1, 1)];
  }
}

/** The date part of Date#toISOString, whatever the length of its year. */
const isoDay = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf('T'));
};

describe('the years 0 to 99 are themselves, for every unit', () => {
  it.each(PERIOD_UNITS)('%s: period start, next period, label and index', (unit) => {
    const wrong: string[] = [];
    for (let year = 0; year <= 99; year++) {
      // A Wednesday-or-other instant in each quarter, and 29 February of leap years.
      const instants = [utc(year, 1, 1, 0), utc(year, 2, 28, 23, 59), utc(year, 5, 17, 10), utc(year, 8, 31, 12)];
      if (year % 4 === 0) instants.push(utc(year, 2, 29, 6));
      instants.push(utc(year, 12, 31, 23, 59));
      for (const ms of instants) {
        const [start, next] = periodsByDate(ms, unit);
        const at = `${unit} ${new Date(ms).toISOString()}`;
        if (periodStart(ms, unit) !== start) wrong.push(`${at} start ${periodStart(ms, unit)} vs ${start}`);
        if (addPeriods(start, unit, 1) !== next) wrong.push(`${at} next`);
        if (addPeriods(next, unit, -1) !== start) wrong.push(`${at} previous`);
        if (periodLabel(start) !== isoDay(start)) wrong.push(`${at} label ${periodLabel(start)}`);
        if (!/^00\d\d-/.test(periodLabel(start)) && !(unit === 'week' && year === 0)) wrong.push(`${at} year`);
        if (indexStart(periodIndex(ms, unit), unit) !== start) wrong.push(`${at} indexStart`);
        if (periodIndex(next - 1, unit) !== periodIndex(ms, unit)) wrong.push(`${at} last ms`);
        if (readInstant(periodLabel(start)) !== start) wrong.push(`${at} read back`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the hand-worked starts of 0001-01-01 (a Monday, so its ISO week starts on it) and of year 0', () => {
    const newYear1 = -719_162 * DAY_MS;
    expect(periodStart(newYear1 + 5 * 3_600_000, 'week')).toBe(newYear1);
    expect(periodLabel(periodStart(newYear1 + 6 * DAY_MS, 'week'))).toBe('0001-01-01');
    expect(periodLabel(periodStart(newYear1 - 1, 'week'))).toBe('0000-12-25');
    for (const unit of ['month', 'quarter', 'year'] as const) {
      expect(periodStart(newYear1 + 3_600_000, unit)).toBe(newYear1);
      expect(periodLabel(addPeriods(newYear1, unit, -1))).toBe(
        unit === 'month' ? '0000-12-01' : unit === 'quarter' ? '0000-10-01' : '0000-01-01',
      );
    }
    // 0000-03-01 is 306 days before 0001-01-01; year 0 is a leap year, so February has 29 days.
    expect(periodStart(newYear1 - 306 * DAY_MS + 1, 'month')).toBe(newYear1 - 306 * DAY_MS);
    expect(addPeriods(newYear1 - 306 * DAY_MS, 'month', -1)).toBe(newYear1 - 335 * DAY_MS);
    expect(periodLabel(newYear1 - 335 * DAY_MS)).toBe('0000-02-01');
    expect(periodIndex(newYear1, 'year')).toBe(1);
    expect(periodIndex(newYear1 - 1, 'year')).toBe(0);
    expect(periodIndex(newYear1 - 1, 'month')).toBe(11);
    expect(indexStart(0, 'year')).toBe(newYear1 - 366 * DAY_MS);
    expect(indexStart(-1, 'month')).toBe(newYear1 - 397 * DAY_MS);
  });
});

describe('periods at the ends of the Date range', () => {
  const first = -8.64e15; // -271821-04-20, a Tuesday
  const last = 8.64e15; // +275760-09-13, a Saturday

  it('start the period containing the first instant, even before it, for every unit', () => {
    expect(new Date(first).getUTCDay()).toBe(2);
    // -271821 is not a leap year (it is -1 mod 4): 31 + 28 + 31 + 19 days from 1 January to 20 April.
    const starts: Record<PeriodUnit, [number, string]> = {
      day: [first, '-271821-04-20'],
      week: [first - DAY_MS, '-271821-04-19'],
      month: [first - 19 * DAY_MS, '-271821-04-01'],
      quarter: [first - 19 * DAY_MS, '-271821-04-01'],
      year: [first - 109 * DAY_MS, '-271821-01-01'],
    };
    for (const unit of PERIOD_UNITS) {
      const [start, label] = starts[unit];
      expect(periodStart(first, unit), unit).toBe(start);
      expect(periodLabel(start), unit).toBe(label);
      expect(indexStart(periodIndex(first, unit), unit), unit).toBe(start);
      expect(periodIndex(start, unit), unit).toBe(periodIndex(first, unit));
      // The next period starts inside the range, where Date can say where.
      const next = addPeriods(start, unit, 1);
      expect(next, unit).toBe(periodsByDate(first, unit)[1]);
      expect(periodLabel(next), unit).toBe(isoDay(next));
      expect(periodIndex(next, unit), unit).toBe(periodIndex(first, unit) + 1);
      expect(addPeriods(next, unit, -1), unit).toBe(start);
    }
    expect(formatInstant(first - 109 * DAY_MS)).toBe('-271821-01-01T00:00:00.000Z');
    expect(formatInstant(first - 1)).toBe('-271821-04-19T23:59:59.999Z');
  });

  it('start the period after the last instant, beyond it, for every unit', () => {
    expect(new Date(last).getUTCDay()).toBe(6);
    // +275760 is a leap year (0 mod 4, 60 mod 100): 18 days from 13 September to 1 October, then 31 + 30 + 31.
    const nexts: Record<PeriodUnit, [number, string]> = {
      day: [last + DAY_MS, '+275760-09-14'],
      week: [last + 2 * DAY_MS, '+275760-09-15'],
      month: [last + 18 * DAY_MS, '+275760-10-01'],
      quarter: [last + 18 * DAY_MS, '+275760-10-01'],
      year: [last + 110 * DAY_MS, '+275761-01-01'],
    };
    for (const unit of PERIOD_UNITS) {
      const [start] = periodsByDate(last, unit);
      const [next, label] = nexts[unit];
      expect(periodStart(last, unit), unit).toBe(start);
      expect(periodLabel(start), unit).toBe(isoDay(start));
      expect(addPeriods(start, unit, 1), unit).toBe(next);
      expect(periodLabel(next), unit).toBe(label);
      expect(formatInstant(next), unit).toBe(`${label}T00:00:00.000Z`);
      expect(periodIndex(next - 1, unit), unit).toBe(periodIndex(last, unit));
      expect(periodIndex(next, unit), unit).toBe(periodIndex(last, unit) + 1);
      expect(indexStart(periodIndex(last, unit) + 1, unit), unit).toBe(next);
      expect(addPeriods(next, unit, -1), unit).toBe(start);
    }
    expect(formatInstant(last + 1)).toBe('+275760-09-13T00:00:00.001Z');
  });

  it('refuses one millisecond beyond either end, as a number or a string, saying why', () => {
    const beyond = 'must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ';
    for (const value of [
      '+275760-09-13T00:00:00.001Z',
      '-271821-04-19T23:59:59.999Z',
      formatInstant(last + 1),
      formatInstant(first - 1),
      periodLabel(addPeriods(periodStart(last, 'month'), 'month', 1)),
    ]) {
      expect(readInstant(value), value).toBe(`${beyond}${JSON.stringify(value)}`);
    }
    expect(readInstant(last)).toBe(last);
    expect(readInstant(formatInstant(first))).toBe(first);
  });
});

describe('formatDay and formatInstant', () => {
  it('write expanded years as Date#toISOString does, both sides of 0000 to 9999', () => {
    for (const [year, month, day] of [
      [10_000, 1, 1],
      [9999, 12, 31],
      [0, 1, 1],
      [-1, 12, 31],
      [-1000, 2, 15],
      [123_456, 7, 8],
      [99, 12, 31],
    ] as const) {
      const ms = utc(year, month, day, 13, 7);
      expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
      expect(formatDay(ms)).toBe(isoDay(ms));
    }
    expect(formatDay(utc(10_000, 1, 1))).toBe('+010000-01-01');
    expect(formatDay(utc(-1, 12, 31))).toBe('-000001-12-31');
    expect(formatDay(utc(0, 1, 1))).toBe('0000-01-01');
    expect(formatDay(-8.64e15)).toBe('-271821-04-20');
    expect(formatDay(8.64e15)).toBe('+275760-09-13');
  });

  it('never throw: instants beyond the range, fractions of a millisecond and non-finite numbers', () => {
    // A year past the range, by hand: +275761-01-01 is 110 days after the last instant.
    expect(formatInstant(8.64e15 + 110 * DAY_MS + 3_723_004)).toBe('+275761-01-01T01:02:03.004Z');
    expect(formatDay(-8.64e15 - 366 * DAY_MS)).toBe('-271822-04-19');
    expect(formatInstant(-0.5)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatInstant(1.5)).toBe('1970-01-01T00:00:00.001Z');
    expect(formatDay(-0)).toBe('1970-01-01');
    expect(formatInstant(Number.NaN)).toBe('NaN');
    expect(formatDay(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(() => formatInstant(1e300)).not.toThrow();
  });

  it('agree with Date#toISOString, and read back to the same instant, across the whole range (fixed seed)', () => {
    const random = mulberry32(4_242);
    const instants = [-8.64e15, 8.64e15, 0, -1, utc(0, 1, 1), utc(10_000, 1, 1) - 1, utc(10_000, 1, 1)];
    for (let i = 0; i < 20_000; i++) {
      // A whole day number and a millisecond within the day: every millisecond can be drawn.
      const ms = (Math.floor(random() * 200_000_001) - 100_000_000) * DAY_MS + Math.floor(random() * DAY_MS);
      if (Math.abs(ms) <= 8.64e15) instants.push(ms);
    }
    // And around the year boundaries the formats change at.
    for (const year of [-1, 0, 1, 99, 100, 9999, 10_000]) instants.push(utc(year, 1, 1) + Math.floor(random() * 2e10));
    const wrong: string[] = [];
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      const day = Math.floor(ms / DAY_MS) * DAY_MS;
      if (formatInstant(ms) !== iso) wrong.push(`${ms}: ${formatInstant(ms)} vs ${iso}`);
      if (readInstant(formatInstant(ms)) !== ms) wrong.push(`${ms}: read back ${readInstant(formatInstant(ms))}`);
      if (formatDay(ms) !== iso.slice(0, iso.indexOf('T'))) wrong.push(`${ms}: day ${formatDay(ms)}`);
      if (readInstant(formatDay(ms)) !== day) wrong.push(`${ms}: day read back`);
      for (const unit of PERIOD_UNITS) {
        const start = periodStart(ms, unit);
        if (!(start <= ms && ms < addPeriods(start, unit, 1))) wrong.push(`${ms}: ${unit} does not contain it`);
        if (start >= -8.64e15 && readInstant(formatInstant(start)) !== start) wrong.push(`${ms}: ${unit} bound`);
        if (start >= -8.64e15 && readInstant(periodLabel(start)) !== start) wrong.push(`${ms}: ${unit} label`);
      }
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
  });
});

describe('readInstant reads what the library writes, and refuses what is not a time', () => {
  it('reads expanded years and every form of time and zone', () => {
    expect(readInstant('+010000-01-01')).toBe(utc(10_000, 1, 1));
    expect(readInstant('-000001-12-31T23:00')).toBe(utc(-1, 12, 31, 23));
    expect(readInstant('0050-06-01')).toBe(utc(50, 6, 1));
    expect(readInstant('0050-06-01T10:00+05')).toBe(utc(50, 6, 1, 5));
  });

  it('refuses impossible times and offsets, and Dates that are not, for the true reason', () => {
    const time = 'must have a real time of day (hours 00 to 23, minutes and seconds 00 to 59';
    expect(readInstant('1997-09-30T24:00')).toBe(`${time}), got "1997-09-30T24:00"`);
    expect(readInstant('1997-09-30T99:99')).toBe(`${time}), got "1997-09-30T99:99"`);
    expect(readInstant('1997-09-30T10:60')).toBe(`${time}), got "1997-09-30T10:60"`);
    expect(readInstant('1997-09-30T10:00:60')).toMatch(/^must have a real time of day .*leap second/);
    expect(readInstant('1997-09-30T10:00+24:00')).toBe(
      'must have a real UTC offset (up to ±23:59), got "1997-09-30T10:00+24:00"',
    );
    expect(readInstant('1997-09-30T10:00+05:60')).toBe(
      'must have a real UTC offset (up to ±23:59), got "1997-09-30T10:00+05:60"',
    );
    class Fake extends Date {
      override getTime(): number {
        return Number.NaN;
      }
    }
    expect(readInstant(new Fake(5))).toBe(5);
    expect(readInstant(new Proxy(new Date(5), {}))).toMatch(/^must be a date \(a Date, .* got an object$/);
    expect(readInstant(Object.create(Date.prototype))).toMatch(/^must be a date \(a Date, .* got an object$/);
    expect(readInstant(new Date(Number.NaN))).toBe('must be a valid date, got an invalid Date');
  });
});
