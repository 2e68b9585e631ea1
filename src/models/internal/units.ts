import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { ownKeys, unknownKey, unknownKeyRule, unreadableRule } from '../../internal/read';
import { isOptionsObject } from '../../internal/schema';

/**
 * Days in each named time unit. A month is a twelfth of a year of 365.25 days (30.4375 days), the average
 * over the four-year cycle of the Julian calendar (within 0.0002 % of the
 * Gregorian year); a year is 365.25 days.
 */
export const DAYS_PER = { day: 1, week: 7, month: 30.4375, year: 365.25 } as const;

/**
 * The length of a time unit in days, as a fit or a summary records it.
 *
 * @category Errors and numbers
 */
export interface UnitLength {
  /** Days per time unit. */
  days: number;
}

const MILLISECOND_DAYS = 1 / 86_400_000;

const UNIT_RULE =
  "must be 'day', 'week', 'month', 'year' or { days: n } with n finite and at least one millisecond (1 / 86,400,000)";

/**
 * A time unit as the user names it ('day', 'week', 'month', 'year' or
 * `{ days }`), read into days per unit; `fallback` when left out (undefined:
 * no unit).
 */
export function timeUnitField<F extends number | undefined>(fallback: F): z.ZodMiniType<number | F, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((unit, ctx): number | F => {
      if (unit === undefined) return fallback;
      if (typeof unit === 'string' && unit in DAYS_PER) return DAYS_PER[unit as keyof typeof DAYS_PER];
      const refuse = (message: string, path: PropertyKey[] = []) => {
        ctx.issues.push({ code: 'custom', message, input: unit, path });
        return fallback;
      };
      if (!isOptionsObject(unit)) return refuse(`${UNIT_RULE}, got ${describeValue(unit)}`);
      const keys = ownKeys(unit);
      if (!Array.isArray(keys)) return refuse(unreadableRule(keys.error));
      const unknown = unknownKey(keys, ['days']);
      if (unknown !== undefined) return refuse(unknownKeyRule(unknown, ['days']), [unknown.key]);
      let days: unknown;
      try {
        days = unit.days;
      } catch (error) {
        return refuse(unreadableRule(error), ['days']);
      }
      const n = cellNumber(days);
      // A unit shorter than the dates' millisecond would make ages overflow to Infinity.
      if (n >= MILLISECOND_DAYS && n < Number.POSITIVE_INFINITY) return n;
      return refuse(`${UNIT_RULE}, got { days: ${describeValue(days)} }`);
    }),
  );
}
