import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { ownKeys, readKey, unknownKeyRule, unreadableRule } from '../../internal/read';
import { RATE_FRACTION_HINT } from '../../internal/rules';
import { fail, isOptionsObject } from '../../internal/schema';
import { DAYS_PER } from '../internal/units';

/** A calendar duration: exactly one of days, weeks (7 days), months (30.4375 days) or years (365.25 days). */
export type CalendarDuration =
  | {
      /** Days. */
      days: number;
    }
  | {
      /** Weeks of 7 days. */
      weeks: number;
    }
  | {
      /** Months of 30.4375 days (a twelfth of 365.25). */
      months: number;
    }
  | {
      /** Years of 365.25 days. */
      years: number;
    };

/**
 * A horizon: a number of the fit's time units, or a calendar duration, which
 * needs a fit that records its unit. Fractional horizons are fine.
 */
export type Horizon = number | CalendarDuration;

const DURATION_DAYS = { days: DAYS_PER.day, weeks: DAYS_PER.week, months: DAYS_PER.month, years: DAYS_PER.year };
type DurationKey = keyof typeof DURATION_DAYS;
const DURATION_KEYS = Object.keys(DURATION_DAYS) as DurationKey[];

/** The longest horizon accepted, in the fit's time units. */
export const MAX_HORIZON_UNITS = 100_000;

/** A horizon as read: time units, or days of a calendar duration (converted once the fit's unit is known). */
export type HorizonTerm = { units: number } | { days: number; stated: string };

const HORIZON_RULE =
  'must be a number of time units greater than 0, or a calendar duration: { days }, { weeks }, { months } or { years }';

/** The zod field of a horizon option. */
export function horizonField(): z.ZodMiniType<HorizonTerm, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): HorizonTerm => {
      const refuse = (message: string, path: PropertyKey[] = []): HorizonTerm => {
        ctx.issues.push({ code: 'custom', message, input: value, path });
        return { units: 1 };
      };
      // Any numeric value (a number, a numeric string, a Decimal) is a count of units.
      const units = cellNumber(value);
      if (!Number.isNaN(units) || !isOptionsObject(value)) {
        return units > 0 && units < Number.POSITIVE_INFINITY
          ? { units }
          : refuse(`${HORIZON_RULE}, got ${describeValue(value)}`);
      }
      const keys = ownKeys(value);
      if (!Array.isArray(keys)) return refuse(unreadableRule(keys.error));
      const named = keys.filter((key): key is DurationKey => (DURATION_KEYS as string[]).includes(key));
      const stray = keys.find((key) => !(DURATION_KEYS as string[]).includes(key));
      if (stray !== undefined) return refuse(unknownKeyRule({ key: stray }, DURATION_KEYS), [stray]);
      if (named.length !== 1) {
        return refuse(
          `${HORIZON_RULE}: give exactly one of them, got ${named.length === 0 ? 'none' : named.join(' and ')}`,
        );
      }
      const key = named[0] as DurationKey;
      const read = readKey(value, key);
      if (read.rule !== undefined) return refuse(read.rule, [key]);
      const amount = cellNumber(read.value);
      if (!(amount > 0 && amount < Number.POSITIVE_INFINITY)) {
        return refuse(`must be a duration greater than 0, got ${describeValue(read.value)}`, [key]);
      }
      return { days: amount * DURATION_DAYS[key], stated: `{ ${key}: ${amount} }` };
    }),
  );
}

/**
 * The horizon in the fit's time units. A calendar duration needs the unit
 * (`unitDays`, the days per unit the fit or the summaries record); a number
 * is read in the fit's unit whatever it is.
 */
export function horizonUnits(functionName: string, term: HorizonTerm, unitDays: number | undefined): number {
  let units: number;
  if ('units' in term) units = term.units;
  else {
    if (unitDays === undefined) {
      fail(
        functionName,
        'horizon',
        `is a calendar duration (${term.stated}), but neither the fit nor the summaries record their time unit: fit from an rfmSummary result or with the timeUnit option, or give the horizon as a number of the fit's units`,
      );
    }
    units = term.days / unitDays;
  }
  if (units > MAX_HORIZON_UNITS) {
    fail(
      functionName,
      'horizon',
      `must be at most ${MAX_HORIZON_UNITS.toLocaleString('en-US')} time units, got ${units}${'units' in term ? '' : ` (${term.stated})`}`,
    );
  }
  return units;
}

/** A discount rate option: a fraction from 0 to 1. */
export function rateField(period: 'period' | 'year'): z.ZodMiniOptional<z.ZodMiniType<number, unknown>> {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value, ctx): number => {
        const rate = cellNumber(value);
        if (rate >= 0 && rate <= 1) return rate;
        const message =
          rate > 1 && rate < Number.POSITIVE_INFINITY
            ? `must be at most 1 per ${period} (${RATE_FRACTION_HINT}), got ${describeValue(value)}`
            : `must be a rate from 0 to 1 per ${period}, got ${describeValue(value)}`;
        ctx.issues.push({ code: 'custom', message, input: value });
        return 0;
      }),
    ),
  );
}

/**
 * The discount rate per time unit, from `discountRate` (per unit, as given)
 * or `annualDiscountRate` (per year of 365.25 days, compounded to the unit:
 * (1 + D)^(unitDays / 365.25) - 1, computed as expm1(log1p(D) unitDays / 365.25)
 * so that small rates keep their digits). Both given is refused, and so is
 * an annual rate without a known unit; `undefined` when neither is given.
 */
export function ratePerUnit(
  functionName: string,
  rates: { discountRate?: number | undefined; annualDiscountRate?: number | undefined },
  unitDays: number | undefined,
): number | undefined {
  const { discountRate, annualDiscountRate } = rates;
  if (discountRate !== undefined && annualDiscountRate !== undefined) {
    fail(
      functionName,
      'annualDiscountRate',
      'and discountRate are both given: give the rate once, per year (annualDiscountRate) or per time unit (discountRate)',
    );
  }
  if (annualDiscountRate === undefined) return discountRate;
  if (unitDays === undefined) {
    fail(
      functionName,
      'annualDiscountRate',
      "needs the fit's time unit to be converted, and neither the fit nor the summaries record one: fit from an rfmSummary result or with the timeUnit option, or give discountRate per time unit",
    );
  }
  return Math.expm1((Math.log1p(annualDiscountRate) * unitDays) / DAYS_PER.year);
}

/** The option fields every scorer shares: the horizon and the two ways of giving a discount rate. */
export function scoringTermFields() {
  return { horizon: horizonField(), discountRate: rateField('period'), annualDiscountRate: rateField('year') };
}
