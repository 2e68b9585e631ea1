import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';

const DAY_MS = 86_400_000;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_EXTENDED = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date: a Date, an ISO 8601 string ('1997-09-30', '19970930', with or without a time) or epoch milliseconds. */
export type DateInput = Date | string | number;

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
 * reason it cannot. A date alone is midnight UTC; a time without a zone is UTC.
 */
export function readUtcMs(value: unknown): number | string {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const parts = ISO_BASIC.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (parts === null || !(ISO_BASIC.test(value) || ISO_EXTENDED.test(value))) {
      return `must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ${describeValue(value)}`;
    }
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    // A 30 February rolls over to March: refuse dates that do not exist.
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      return `must be a real calendar date, got ${describeValue(value)}`;
    }
    if (ISO_BASIC.test(value) || value.length === 10) ms = date.getTime();
    else {
      // A date-time without a zone would be local time in JavaScript: pin it to UTC.
      const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`;
      ms = Date.parse(zoned.replace(' ', 'T'));
    }
  } else {
    return `must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ${describeValue(value)}`;
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    return `must be a valid date within the range of JavaScript dates, got ${describeValue(value)}`;
  }
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
