import { daysFromCivil, monthsFromDays, readUtcMs } from '../internal/calendar';

const DAY_MS = 86_400_000;

/**
 * A calendar period length, in UTC.
 *
 * @category Customer data
 */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * Reads a date-time into epoch milliseconds (UTC), or returns the reason it
 * cannot: a Date, an ISO 8601 string (a date alone is midnight UTC; a time
 * without a zone is UTC; expanded years such as `+010000-01-01` as
 * `Date#toISOString` writes them) or epoch milliseconds within ±8.64e15. The
 * same reader as the models' (`readUtcMs`), with the same messages.
 */
export function readInstant(value: unknown): number | string {
  return readUtcMs(value);
}

/**
 * Start (epoch ms, UTC) of the period that contains `ms`. Weeks are ISO weeks,
 * from Monday. Integer arithmetic only, no Date: the start of the period that
 * contains -8.64e15 (the first instant a Date holds) is before it, and is
 * returned all the same (format it with {@link formatDay}).
 */
export function periodStart(ms: number, unit: PeriodUnit): number {
  return indexStart(periodIndex(ms, unit), unit);
}

/**
 * Start of the period `steps` periods after the one starting at `start`
 * (days and weeks: `start` plus whole days; months, quarters and years: the
 * first of the month). May lie beyond the range of a Date: the month after
 * +275760-09 starts on +275760-10-01.
 */
export function addPeriods(start: number, unit: PeriodUnit, steps: number): number {
  switch (unit) {
    case 'day':
      return start + steps * DAY_MS;
    case 'week':
      return start + steps * 7 * DAY_MS;
    default:
      return indexStart(periodIndex(start, unit) + steps, unit);
  }
}

/** A period's label: 2026-11-01 for days, weeks (their Monday), months, quarters and years alike (see {@link formatDay}). */
export function periodLabel(start: number): string {
  return formatDay(start);
}

export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

/** Two digits, zero-padded. */
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** A year as Date#toISOString writes it: four digits for 0 to 9999, else a sign and six digits. */
function yearText(year: number): string {
  if (year >= 0 && year <= 9999) return `${year}`.padStart(4, '0');
  return `${year < 0 ? '-' : '+'}${`${Math.abs(year)}`.padStart(6, '0')}`;
}

/** `YYYY-MM-DD` (or `±YYYYYY-MM-DD`) of a day number. */
function dayText(day: number): string {
  const months = monthsFromDays(day);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return `${yearText(year)}-${pad2(month)}-${pad2(day - daysFromCivil(year, month, 1) + 1)}`;
}

/**
 * The UTC calendar day of an instant (epoch ms) as ISO 8601: `YYYY-MM-DD` for
 * the years 0000 to 9999, and `+YYYYYY-MM-DD` or `-YYYYYY-MM-DD` otherwise
 * (the year as `Date#toISOString` writes it). Integer arithmetic, no Date: it
 * never throws, also for instants beyond the range of a Date. A fraction of a
 * millisecond counts toward the earlier millisecond; a non-finite number is
 * written as `String(ms)` ('NaN', 'Infinity').
 *
 * For example:
 *   formatDay(Date.UTC(2026, 10, 23, 8)); //=> '2026-11-23'
 *   formatDay(-8.64e15); //=> '-271821-04-20'
 */
export function formatDay(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return dayText(Math.floor(ms / DAY_MS));
}

/**
 * An instant (epoch ms) in the form of `Date#toISOString`,
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (expanded years as `+YYYYYY` or `-YYYYYY`), by
 * integer arithmetic: it never throws, also for instants just beyond the range
 * of a Date (a period end after +275760-09-13). A fraction of a millisecond
 * counts toward the earlier millisecond (where a Date truncates toward 1970);
 * a non-finite number is written as `String(ms)` ('NaN', 'Infinity').
 * {@link readInstant} reads the text back to the same instant.
 *
 * For example:
 *   formatInstant(0); //=> '1970-01-01T00:00:00.000Z'
 *   formatInstant(8.64e15 + 18 * 86_400_000); //=> '+275760-10-01T00:00:00.000Z'
 */
export function formatInstant(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const whole = Math.floor(ms);
  const day = Math.floor(whole / DAY_MS);
  // 0 to 86,399,999 (clamped: beyond 2^53 the subtraction is rounded).
  const rest = Math.min(Math.max(whole - day * DAY_MS, 0), DAY_MS - 1);
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  const millis = `${rest % 1000}`.padStart(3, '0');
  return `${dayText(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis}Z`;
}

/**
 * A whole-number index of the period containing `ms`, consecutive periods
 * having consecutive indexes: days since 1970-01-01, ISO weeks since the
 * week of 1970-01-01, year x 12 + month, year x 4 + quarter, or the year.
 * Integer arithmetic only, no Date object: cheap enough for ten million events.
 */
export function periodIndex(ms: number, unit: PeriodUnit): number {
  const day = Math.floor(ms / DAY_MS);
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return Math.floor((day + 3) / 7);
    case 'month':
      return monthsFromDays(day);
    case 'quarter':
      return Math.floor(monthsFromDays(day) / 3);
    case 'year':
      return Math.floor(monthsFromDays(day) / 12);
  }
}

/**
 * The first instant (epoch ms, UTC) of the period with index `index` (see
 * {@link periodIndex}), by integer arithmetic (days-from-civil): years 0 to
 * 99 are themselves, and no Date is made, so nothing throws.
 */
export function indexStart(index: number, unit: PeriodUnit): number {
  switch (unit) {
    case 'day':
      return index * DAY_MS;
    case 'week':
      return (index * 7 - 3) * DAY_MS;
    case 'month': {
      const year = Math.floor(index / 12);
      return daysFromCivil(year, index - year * 12 + 1, 1) * DAY_MS;
    }
    case 'quarter': {
      const year = Math.floor(index / 4);
      return daysFromCivil(year, (index - year * 4) * 3 + 1, 1) * DAY_MS;
    }
    case 'year':
      return daysFromCivil(index, 1, 1) * DAY_MS;
  }
}
