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
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const basic = ISO_BASIC.exec(value);
    if (basic) ms = Date.UTC(Number(basic[1]), Number(basic[2]) - 1, Number(basic[3]));
    else if (ISO_EXTENDED.test(value)) {
      // A date-only string is UTC in JavaScript; a date-time without a zone would be local time, so pin it to UTC.
      const zoned = value.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
      ms = Date.parse(zoned.replace(' ', 'T'));
    } else {
      return `must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ${describeValue(value)}`;
    }
  } else {
    return `must be a date (a Date, an ISO 8601 string such as "1997-09-30", or epoch milliseconds), got ${describeValue(value)}`;
  }
  if (!Number.isFinite(ms)) return `must be a valid date, got ${describeValue(value)}`;
  return Math.floor(ms / DAY_MS);
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
