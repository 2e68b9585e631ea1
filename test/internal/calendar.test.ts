/**
 * The one calendar of the library (src/internal/calendar.ts): integer
 * days-from-civil and civil-from-days, and the date reader every function
 * uses. Expected values come from JavaScript's Date (an independent
 * implementation of the proleptic Gregorian calendar, used with
 * setUTCFullYear so that years 0 to 99 are themselves), from Date.parse
 * (which reads expanded years), and from dates worked out by hand.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, monthsFromDays, readUtcDay, readUtcMs } from '../../src/internal/calendar';
import { mulberry32 } from '../models/simulate';

const DAY_MS = 86_400_000;

/** Epoch ms of a UTC date-time by Date, without Date.UTC's reading of years 0-99 as 1900-1999. */
function utc(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, ms);
  return date.getTime();
}

/** The calendar fields of a day number, by Date. */
function civilByDate(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const NOT_A_DATE = 'must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ';
const OUT_OF_RANGE = 'must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ';
const BAD_TIME = 'must have a real time of day (hours 00 to 23, minutes and seconds 00 to 59), got ';
const BAD_OFFSET = 'must have a real UTC offset (up to ±23:59), got ';

describe('daysFromCivil and civilFromDays', () => {
  it('give the hand-worked day numbers of known dates', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    // 0001-01-01: 1969 years of 365 days and 477 leap days (492 multiples of 4, less 15 of 100 not of 400) before 1970.
    expect(daysFromCivil(1, 1, 1)).toBe(-(1969 * 365 + 477));
    expect(daysFromCivil(1, 1, 1)).toBe(-719_162);
    // 0000-03-01 is 306 days (March to December) before 0001-01-01.
    expect(daysFromCivil(0, 3, 1)).toBe(-719_162 - 306);
    // 0000 is a leap year: 0000-02-29 is the day before 0000-03-01.
    expect(daysFromCivil(0, 2, 29)).toBe(-719_162 - 307);
    // 1900-01-01 is 70 x 365 + 17 leap days (1904 to 1968) before 1970; 1900 is not a leap year.
    expect(daysFromCivil(1900, 3, 1)).toBe(-(70 * 365 + 17) + 31 + 28);
    // 2000-01-01 is 30 x 365 + 7 leap days (1972 to 1996) after 1970; 2000 is a leap year.
    expect(daysFromCivil(2000, 2, 29)).toBe(30 * 365 + 7 + 31 + 28);
    expect(daysFromCivil(2000, 3, 1)).toBe(30 * 365 + 7 + 31 + 29);
    // The ends of the Date range are 1e8 days either side of 1970.
    expect(daysFromCivil(-271_821, 4, 20)).toBe(-100_000_000);
    expect(daysFromCivil(275_760, 9, 13)).toBe(100_000_000);
  });

  it('agree with Date on every day from -0401 to 0401 and around 1900, 2000 and the range ends', () => {
    const spans: Array<[number, number]> = [
      [daysFromCivil(-401, 1, 1), daysFromCivil(401, 12, 31)],
      [daysFromCivil(1899, 1, 1), daysFromCivil(1901, 12, 31)],
      [daysFromCivil(1999, 1, 1), daysFromCivil(2001, 12, 31)],
      [-100_000_000, -100_000_000 + 800],
      [100_000_000 - 800, 100_000_000],
    ];
    const wrong: string[] = [];
    for (const [first, last] of spans) {
      // The spans are themselves checked against Date at their ends.
      expect(first * DAY_MS).toBe(utc(civilByDate(first).year, civilByDate(first).month, civilByDate(first).day));
      for (let day = first; day <= last && wrong.length < 5; day++) {
        const expected = civilByDate(day);
        const got = civilFromDays(day);
        if (got.year !== expected.year || got.month !== expected.month || got.day !== expected.day) {
          wrong.push(`${day}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
        }
        if (daysFromCivil(expected.year, expected.month, expected.day) !== day) wrong.push(`daysFromCivil ${day}`);
        if (monthsFromDays(day) !== expected.year * 12 + expected.month - 1) wrong.push(`monthsFromDays ${day}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agree with Date on random days across the whole range (fixed seed)', () => {
    const random = mulberry32(20_260_101);
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const day = Math.floor(random() * 200_000_001) - 100_000_000;
      const expected = civilByDate(day);
      expect(Number.isNaN(expected.year)).toBe(false);
      if (JSON.stringify(civilFromDays(day)) !== JSON.stringify(expected)) wrong.push(day);
      if (daysFromCivil(expected.year, expected.month, expected.day) !== day) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });
});

describe('readUtcMs: ISO 8601 strings', () => {
  it('reads the years 0000 to 0099 as themselves, in every form', () => {
    for (let year = 0; year <= 99; year++) {
      const y = String(year).padStart(4, '0');
      expect(readUtcMs(`${y}-03-01`), y).toBe(utc(year, 3, 1));
      expect(readUtcMs(`${y}0301`), y).toBe(utc(year, 3, 1));
      expect(readUtcMs(`${y}-12-31T23:59:59.999Z`), y).toBe(utc(year, 12, 31, 23, 59, 59, 999));
      expect(readUtcMs(`${y}-06-15 08:30+02:00`), y).toBe(utc(year, 6, 15, 6, 30));
    }
    expect(readUtcMs('0000-02-29')).toBe(utc(0, 2, 29));
    expect(readUtcMs('0004-02-29')).toBe(utc(4, 2, 29));
    expect(readUtcMs('0001-01-01')).toBe(-719_162 * DAY_MS);
    expect(readUtcMs('0100-02-29')).toBe('must be a real calendar date, got "0100-02-29"');
    expect(readUtcMs('0001-02-29')).toBe('must be a real calendar date, got "0001-02-29"');
  });

  it('reads expanded years (a sign and six digits) as Date.parse does, both sides of 0000 to 9999', () => {
    const cases = [
      '+010000-01-01',
      '+010000-01-01T00:00:00.000Z',
      '+009999-12-31',
      '+000000-01-01',
      '+001970-01-01',
      '-000001-12-31',
      '-000001-12-31T23:59:59.999Z',
      '-000004-02-29T12:00:00Z',
      '-001000-06-15T08:30:00+02:00',
      '+123456-07-08T09:10:11.123Z',
      '-271821-04-20',
      '-271821-04-20T00:00:00.000Z',
      '-271821-04-19T23:00:00-01:00',
      '+275760-09-13',
      '+275760-09-13T00:00:00.000Z',
      '+275760-09-13T01:00:00+01:00',
    ];
    for (const text of cases) {
      // Date.parse reads a date alone as UTC, a date-time with a zone as given.
      expect(readUtcMs(text), text).toBe(Date.parse(text));
    }
    // Without a zone Date.parse would read local time: compare with the same text pinned to UTC.
    expect(readUtcMs('+010000-01-01T10:00')).toBe(Date.parse('+010000-01-01T10:00Z'));
    expect(readUtcMs('-000001-12-31 23:59:59')).toBe(Date.parse('-000001-12-31T23:59:59Z'));
    expect(readUtcMs('+010000-02-29')).toBe(utc(10_000, 2, 29));
    expect(readUtcMs('+010100-02-29')).toBe('must be a real calendar date, got "+010100-02-29"');
    expect(readUtcMs('-000001-02-29')).toBe('must be a real calendar date, got "-000001-02-29"');
  });

  it('refuses -000000, which ISO 8601 does not allow, saying how to write year 0', () => {
    for (const text of ['-000000-01-01', '-000000-06-15T12:00Z']) {
      expect(readUtcMs(text)).toBe(
        `must write the year 0 as +000000 or 0000 (ISO 8601 does not allow -000000), got ${JSON.stringify(text)}`,
      );
    }
    expect(readUtcMs('+000000-01-01')).toBe(readUtcMs('0000-01-01'));
  });

  it('refuses expanded years with other than six digits, and other malformed dates, as not dates', () => {
    for (const text of [
      '+10000-01-01',
      '+0010000-01-01',
      '10000-01-01',
      '-1-01-01',
      '+2020-01-01',
      '+01000001',
      '2020-1-01',
      '2020-01-01x',
      '2020-01-01T',
      '2020-01-01T10',
      '2020-01-01T1:00',
      '2020-01-01T10:00:00 +00:00',
      '2020-01-01T10:00:00.',
      '2020-01-01T10:00:00.1234567890',
      '2020-01-01T10:30.5',
      '2020-01-01Z',
      '2020-01-01t10:00',
      '2020-01-01T10:00z',
      '2020-01-01T10:00+5',
      '2020-01-01T10:00+05:3',
      '2020-01-01  10:00',
      '19970930T1000',
      ' 2020-01-01',
      '',
    ]) {
      expect(readUtcMs(text), text).toBe(`${NOT_A_DATE}${JSON.stringify(text)}`);
    }
  });

  it('takes the first and last instants of the Date range, and refuses one millisecond beyond', () => {
    expect(readUtcMs('-271821-04-20T00:00:00.000Z')).toBe(-8.64e15);
    expect(readUtcMs('+275760-09-13T00:00:00.000Z')).toBe(8.64e15);
    for (const text of [
      '-271821-04-19T23:59:59.999Z',
      '-271821-04-19',
      '-271821-04-20T00:00:00+00:01',
      '+275760-09-13T00:00:00.001Z',
      '+275760-09-14',
      '+275760-09-13T00:00:00-00:01',
      '+999999-12-31T23:59:59.999Z',
      '-999999-01-01',
    ]) {
      expect(readUtcMs(text), text).toBe(`${OUT_OF_RANGE}${JSON.stringify(text)}`);
    }
  });

  it('refuses impossible times of day for what they are', () => {
    for (const text of [
      '1997-09-30T24:00',
      '1997-09-30T99:99',
      '1997-09-30T10:60',
      '1997-09-30T10:00:61',
      '1997-09-30T23:59:99.5Z',
      '1997-09-30 24:00:00+01:00',
      '+010000-01-01T25:00Z',
    ]) {
      expect(readUtcMs(text), text).toBe(`${BAD_TIME}${JSON.stringify(text)}`);
    }
    // A leap second: the message says why 60 is refused.
    expect(readUtcMs('1997-09-30T10:00:60')).toBe(
      'must have a real time of day (hours 00 to 23, minutes and seconds 00 to 59; a leap second 60 cannot be represented in JavaScript time), got "1997-09-30T10:00:60"',
    );
    // The last of each field is a time.
    expect(readUtcMs('1997-09-30T23:59:59.999Z')).toBe(utc(1997, 9, 30, 23, 59, 59, 999));
    expect(readUtcMs('1997-09-30T00:00')).toBe(utc(1997, 9, 30));
    // A calendar date is checked first.
    expect(readUtcMs('1997-02-30T24:00')).toBe('must be a real calendar date, got "1997-02-30T24:00"');
  });

  it('refuses impossible UTC offsets, and takes every real one, as ±HH:MM, ±HHMM and ±HH', () => {
    for (const text of [
      '1997-09-30T10:00+24:00',
      '1997-09-30T10:00+05:60',
      '1997-09-30T10:00-0560',
      '1997-09-30T10:00:00-24',
      '1997-09-30T10:00:00.5+99:99',
    ]) {
      expect(readUtcMs(text), text).toBe(`${BAD_OFFSET}${JSON.stringify(text)}`);
    }
    const at = utc(1997, 9, 30, 10);
    expect(readUtcMs('1997-09-30T10:00+23:59')).toBe(at - (23 * 60 + 59) * 60_000);
    expect(readUtcMs('1997-09-30T10:00-23:59')).toBe(at + (23 * 60 + 59) * 60_000);
    expect(readUtcMs('1997-09-30T10:00+0530')).toBe(at - 330 * 60_000);
    expect(readUtcMs('1997-09-30T10:00-05')).toBe(at + 5 * 3_600_000);
    expect(readUtcMs('1997-09-30T10:00+00')).toBe(at);
    expect(readUtcMs('1997-09-30T10:00-00:00')).toBe(at);
    expect(readUtcMs('1997-09-30T10:00Z')).toBe(at);
    // Offsets carry across days, months and years, as Date.parse carries them.
    for (const text of ['1999-12-31T23:30:00-01:00', '2000-01-01T00:10:00+0100', '0000-01-01T00:00:00+01']) {
      expect(readUtcMs(text), text).toBe(Date.parse(text.endsWith('+01') ? `${text}:00` : text));
    }
  });

  it('reads fractions of 1 to 9 digits, dropping digits beyond the millisecond toward the earlier one', () => {
    const base = utc(2020, 1, 1, 10);
    expect(readUtcMs('2020-01-01T10:00:00.5Z')).toBe(base + 500);
    expect(readUtcMs('2020-01-01T10:00:00.05Z')).toBe(base + 50);
    expect(readUtcMs('2020-01-01T10:00:00.123Z')).toBe(base + 123);
    expect(readUtcMs('2020-01-01T10:00:00.1239Z')).toBe(base + 123);
    expect(readUtcMs('2020-01-01T10:00:00.999999999Z')).toBe(base + 999);
    // Before 1970 too: the earlier millisecond, not the one nearer 1970.
    expect(readUtcMs('1969-12-31T23:59:59.9999Z')).toBe(-1);
    expect(readUtcMs('-000001-12-31T23:59:59.9995Z')).toBe(utc(-1, 12, 31, 23, 59, 59, 999));
  });

  it('keeps the basic form and reads readUtcDay as the floor of days', () => {
    expect(readUtcMs('19970930')).toBe(utc(1997, 9, 30));
    expect(readUtcMs('00000101')).toBe(utc(0, 1, 1));
    expect(readUtcMs('19970230')).toBe('must be a real calendar date, got "19970230"');
    expect(readUtcDay('1970-01-01')).toBe(0);
    expect(readUtcDay('1969-12-31T23:59:59.999Z')).toBe(-1);
    expect(readUtcDay(-1)).toBe(-1);
    expect(readUtcDay(DAY_MS - 0.5)).toBe(0);
    expect(readUtcDay('0001-01-01T12:00')).toBe(-719_162);
    expect(readUtcDay(-8.64e15)).toBe(-100_000_000);
    expect(readUtcDay(8.64e15)).toBe(100_000_000);
    expect(readUtcDay('soon')).toBe(`${NOT_A_DATE}"soon"`);
  });
});

describe('readUtcMs: numbers and Date objects', () => {
  it('takes epoch milliseconds within ±8.64e15 and refuses the rest for the true reason', () => {
    expect(readUtcMs(8.64e15)).toBe(8.64e15);
    expect(readUtcMs(-8.64e15)).toBe(-8.64e15);
    expect(readUtcMs(-1.5)).toBe(-1.5);
    expect(readUtcMs(8.64e15 + 1)).toBe(`${OUT_OF_RANGE}8640000000000001`);
    expect(readUtcMs(-8.64e15 - 1)).toBe(`${OUT_OF_RANGE}-8640000000000001`);
    expect(readUtcMs(1e20)).toBe(`${OUT_OF_RANGE}100000000000000000000`);
    expect(readUtcMs(Number.NaN)).toBe('must be a finite time, got NaN');
    expect(readUtcMs(Number.POSITIVE_INFINITY)).toBe('must be a finite time, got Infinity');
  });

  it('reads a Date by Date.prototype.getTime, ignoring an override in a subclass', () => {
    class Shifted extends Date {
      override getTime(): number {
        return 0;
      }
      override valueOf(): number {
        return 0;
      }
    }
    expect(readUtcMs(new Shifted(utc(2020, 1, 1)))).toBe(utc(2020, 1, 1));
    expect(readUtcMs(new Date(8.64e15))).toBe(8.64e15);
    expect(readUtcMs(new Date(-8.64e15))).toBe(-8.64e15);
    const year50 = new Date(0);
    year50.setUTCFullYear(50, 5, 1);
    expect(readUtcMs(year50)).toBe(utc(50, 6, 1));
    // A Date of another realm is a Date too.
    const foreign: unknown = runInNewContext('new Date(86400000)');
    expect(foreign instanceof Date).toBe(false);
    expect(readUtcMs(foreign)).toBe(DAY_MS);
  });

  it('refuses an invalid Date, and objects that only look like Dates, without calling their methods', () => {
    expect(readUtcMs(new Date(Number.NaN))).toBe('must be a valid date, got an invalid Date');
    let called = false;
    const trap = () => {
      called = true;
      throw new Error('a trap was called');
    };
    // A Proxy around a Date has no time value of its own; its traps are never run.
    const proxy = new Proxy(new Date(0), { get: trap, getPrototypeOf: trap, has: trap });
    expect(readUtcMs(proxy)).toBe(`${NOT_A_DATE}an object`);
    expect(called).toBe(false);
    // An object that inherits from Date.prototype is not a Date.
    const pretender = Object.create(Date.prototype, { getTime: { value: trap } });
    expect(readUtcMs(pretender)).toBe(`${NOT_A_DATE}an object`);
    expect(readUtcMs({ getTime: trap, valueOf: trap, toString: trap })).toBe(`${NOT_A_DATE}an object`);
    expect(called).toBe(false);
    // Looking at a revoked Proxy throws: it is still refused with a message.
    const revocable = Proxy.revocable([], {});
    revocable.revoke();
    expect(readUtcMs(revocable.proxy)).toBe(`${NOT_A_DATE}an object`);
    expect(readUtcMs([2020, 1, 1])).toBe(`${NOT_A_DATE}an array`);
    for (const [value, shown] of [
      [null, 'null'],
      [undefined, 'nothing (undefined)'],
      [true, 'true'],
      [1n, '1n'],
      [Symbol('x'), 'a symbol'],
      [() => 0, 'a function'],
    ] as const) {
      expect(readUtcMs(value), shown).toBe(`${NOT_A_DATE}${shown}`);
    }
  });
});
