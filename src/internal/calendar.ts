import * as z from 'zod/mini';
import { describeValue } from './numeric';

export const DAY_MS = 86_400_000;
/** The first and last instants a JavaScript Date holds: 8.64e15 ms either side of 1970. */
export const LIMIT_MS = 8.64e15;

/** Year, month and day of `YYYYMMDD` (the ISO 8601 basic form, a date alone). */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})$/;
/**
 * The ISO 8601 extended form: a four-digit year or an expanded one (a sign and
 * six digits), month, day, then optionally `T` or a space, `HH:MM`, optional
 * `:SS` and fraction, and an optional zone `Z`, `±HH:MM`, `±HHMM` or `±HH`.
 * The digits are checked for their ranges afterwards, so that a time such as
 * 24:00 is refused for what it is.
 */
const ISO_EXTENDED =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const NOT_A_DATE = 'must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ';
const OUT_OF_RANGE = 'must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ';

/**
 * A date: a Date, an ISO 8601 string ('1997-09-30', '19970930', with or without a time) or epoch milliseconds.
 *
 * @category Errors and numbers
 */
export type DateInput = Date | string | number;

/**
 * The day number (days since 1970-01-01) of a date of the proleptic Gregorian
 * calendar, by integer arithmetic (after H. Hinnant's days-from-civil): no
 * Date object, so years 0 to 99 are themselves and any year works.
 *
 * @param year - the astronomical year: 0 is 1 BC, -1 is 2 BC.
 * @param month - 1 (January) to 12.
 * @param day - 1 to 31; counted on from the first of the month (0 is the day before it).
 *
 * For example:
 *   daysFromCivil(1970, 1, 1); //=> 0
 *   daysFromCivil(1, 1, 1); //=> -719162
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Years run from March, so that 29 February is the last day of its year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * year x 12 + (month - 1) of a day number (days since 1970-01-01), by integer
 * arithmetic (after H. Hinnant's civil-from-days), allocating nothing: the
 * inverse of {@link daysFromCivil} up to the day of the month.
 */
export function monthsFromDays(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  // Months counted from March (0) to February (11) of the era-relative year yoe: March is
  // month 2 of that calendar year, and January (10) is month 0 of the next, 12 later.
  const mp = Math.floor((5 * doy + 2) / 153);
  return (yoe + era * 400) * 12 + mp + 2;
}

/** A date of the proleptic Gregorian calendar: astronomical year, month 1 to 12, day 1 to 31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The calendar date of a day number (days since 1970-01-01): the inverse of
 * {@link daysFromCivil}, by integer arithmetic.
 *
 * For example:
 *   civilFromDays(-719162); //=> { year: 1, month: 1, day: 1 }
 */
export function civilFromDays(day: number): CivilDate {
  const months = monthsFromDays(day);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return { year, month, day: day - daysFromCivil(year, month, 1) + 1 };
}

/** Whether a (proleptic Gregorian, astronomical) year has a 29 February. */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month (1 to 12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads a date into its UTC day number (days since 1970-01-01), or returns
 * the reason it cannot. Dates without a time zone are read as UTC.
 */
export function readUtcDay(value: unknown): number | string {
  const ms = readUtcMs(value);
  return typeof ms === 'number' ? Math.floor(ms / DAY_MS) : ms;
}

/**
 * Reads a date or date-time into epoch milliseconds (UTC), or returns the
 * reason it cannot.
 *
 * - A number is epoch milliseconds: finite, within ±8.64e15 (the range of a Date).
 * - A Date is read by `Date.prototype.getTime`, never by a method of the value
 *   itself (an override of `getTime` is ignored); an object that is not a real
 *   Date, or an invalid Date, is refused.
 * - A string is ISO 8601, read by integer arithmetic without Date: `19970930`,
 *   `1997-09-30`, or an expanded year of a sign and six digits as
 *   `Date#toISOString` writes it (`+010000-01-01`, `-000001-12-31`; `-000000`
 *   is not allowed, year 0 is `+000000` or `0000`). A date may be followed by
 *   `T` or a space and a time `HH:MM`, `HH:MM:SS` or `HH:MM:SS.s` (1 to 9
 *   digits of fraction; digits beyond the millisecond are dropped, toward the
 *   earlier millisecond), then a zone `Z`, `±HH:MM`, `±HHMM` or `±HH`. A date
 *   alone is midnight UTC; a time without a zone is UTC. Hours are 00 to 23,
 *   minutes and seconds 00 to 59 (leap seconds cannot be represented in
 *   JavaScript time), offsets up to ±23:59.
 *
 * Every message says what is wrong: not a date at all, not a real calendar
 * date, not a real time of day, not a real UTC offset, or outside the range of
 * JavaScript dates (years -271821 to 275760).
 */
export function readUtcMs(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `must be a finite time, got ${describeValue(value)}`;
    return Math.abs(value) > LIMIT_MS ? `${OUT_OF_RANGE}${describeValue(value)}` : value;
  }
  if (typeof value === 'string') return readIsoString(value);
  if (typeof value === 'object' && value !== null) return readDateObject(value);
  return `${NOT_A_DATE}${describeValue(value)}`;
}

/** The time of a real Date (any realm or subclass), read without calling the value's own methods. */
function readDateObject(value: object): number | string {
  let ms: number;
  try {
    // Throws a TypeError for anything without a Date's internal time value:
    // a Proxy, or an object whose prototype chain merely includes Date.prototype.
    ms = Date.prototype.getTime.call(value);
  } catch {
    return `${NOT_A_DATE}${describeObject(value)}`;
  }
  if (Number.isNaN(ms)) return 'must be a valid date, got an invalid Date';
  return ms;
}

/**
 * 'an array' or 'an object', found without running code of the value's own
 * (describeValue's instanceof would run a Proxy's getPrototypeOf trap).
 */
function describeObject(value: object): string {
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    // A revoked Proxy.
    return 'an object';
  }
}

/** Reads an ISO 8601 date or date-time string (see {@link readUtcMs}). */
function readIsoString(text: string): number | string {
  const basic = ISO_BASIC.exec(text);
  const parts = basic ?? ISO_EXTENDED.exec(text);
  if (parts === null) return `${NOT_A_DATE}${describeValue(text)}`;
  const yearText = parts[1] as string;
  if (yearText === '-000000') {
    return `must write the year 0 as +000000 or 0000 (ISO 8601 does not allow -000000), got ${describeValue(text)}`;
  }
  const year = Number(yearText);
  const month = Number(parts[2]);
  const dayOfMonth = Number(parts[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) {
    return `must be a real calendar date, got ${describeValue(text)}`;
  }
  let ms = daysFromCivil(year, month, dayOfMonth) * DAY_MS;
  if (basic === null && parts[4] !== undefined) {
    const hours = Number(parts[4]);
    const minutes = Number(parts[5]);
    const seconds = parts[6] === undefined ? 0 : Number(parts[6]);
    if (hours > 23 || minutes > 59 || seconds > 59) {
      const leap = seconds === 60 ? '; a leap second 60 cannot be represented in JavaScript time' : '';
      return `must have a real time of day (hours 00 to 23, minutes and seconds 00 to 59${leap}), got ${describeValue(text)}`;
    }
    // Milliseconds: the first three digits of the fraction, the rest dropped.
    const millis = parts[7] === undefined ? 0 : Number(`${parts[7]}00`.slice(0, 3));
    let offsetMinutes = 0;
    if (parts[9] !== undefined) {
      const offsetHours = Number(parts[10]);
      const offsetRest = parts[11] === undefined ? 0 : Number(parts[11]);
      if (offsetHours > 23 || offsetRest > 59) {
        return `must have a real UTC offset (up to ±23:59), got ${describeValue(text)}`;
      }
      offsetMinutes = (parts[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
    }
    ms += hours * 3_600_000 + (minutes - offsetMinutes) * 60_000 + seconds * 1000 + millis;
  }
  // Exact: within the range every value is an integer below 2^53.
  if (Math.abs(ms) > LIMIT_MS) return `${OUT_OF_RANGE}${describeValue(text)}`;
  return ms;
}

/** A zod schema for a date, read into its UTC day number. */
export function dayField(): z.ZodMiniType<number, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): number => {
      const day = readUtcDay(value);
      if (typeof day === 'number') return day;
      ctx.issues.push({ code: 'custom', message: day, input: value });
      return 0;
    }),
  );
}
