import { describeValue } from '../internal/numeric';
import { readUtcMs } from '../models/internal/dates';

const DAY_MS = 86_400_000;

/** A calendar period length, in UTC. */
export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * Reads a date-time into epoch milliseconds (UTC), or returns the reason it
 * cannot: a Date, an ISO 8601 string (a date alone is midnight UTC; a time
 * without a zone is UTC) or epoch milliseconds.
 */
export function readInstant(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `must be a finite time, got ${value}`;
    // 8.64e15 ms either side of 1970 is the range a JavaScript Date holds.
    if (Math.abs(value) > 8.64e15) {
      return `must be a date between the years -271821 and 275760 (the range of JavaScript dates), got ${describeValue(value)}`;
    }
    return value;
  }
  if (value instanceof Date && !Number.isFinite(value.getTime())) return 'must be a valid date, got an invalid Date';
  return readUtcMs(value);
}

/** Start (epoch ms, UTC) of the period that contains `ms`. Weeks are ISO weeks, from Monday. */
export function periodStart(ms: number, unit: PeriodUnit): number {
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  switch (unit) {
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(ms / DAY_MS);
      // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
      return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
    }
    case 'month':
      return Date.UTC(y, m, 1);
    case 'quarter':
      return Date.UTC(y, m - (m % 3), 1);
    case 'year':
      return Date.UTC(y, 0, 1);
  }
}

/** Start of the period `steps` periods after the one starting at `start`. */
export function addPeriods(start: number, unit: PeriodUnit, steps: number): number {
  const date = new Date(start);
  switch (unit) {
    case 'day':
      return start + steps * DAY_MS;
    case 'week':
      return start + steps * 7 * DAY_MS;
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + steps, 1);
    case 'quarter':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 3 * steps, 1);
    case 'year':
      return Date.UTC(date.getUTCFullYear() + steps, 0, 1);
  }
}

/** A period's label: 2026-11-01 for days, weeks (their Monday), months, quarters and years alike. */
export function periodLabel(start: number): string {
  return new Date(start).toISOString().slice(0, 10);
}

export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];

/** year x 12 + (month - 1) of a UTC day number, by integer arithmetic (after H. Hinnant's civil-from-days). */
function monthNumber(day: number): number {
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
      return monthNumber(day);
    case 'quarter':
      return Math.floor(monthNumber(day) / 3);
    case 'year':
      return Math.floor(monthNumber(day) / 12);
  }
}

/** The first instant (epoch ms, UTC) of the period with index `index`. */
export function indexStart(index: number, unit: PeriodUnit): number {
  switch (unit) {
    case 'day':
      return index * DAY_MS;
    case 'week':
      return (index * 7 - 3) * DAY_MS;
    case 'month':
      return Date.UTC(Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
    case 'quarter':
      return Date.UTC(Math.floor(index / 4), (((index % 4) + 4) % 4) * 3, 1);
    case 'year':
      return Date.UTC(index, 0, 1);
  }
}
