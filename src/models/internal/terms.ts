import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { ownKeys, readKey, unknownKeyRule, unreadableRule } from '../../internal/read';
import { RATE_FRACTION_HINT } from '../../internal/rules';
import { fail, isOptionsObject } from '../../internal/schema';
import { DAYS_PER } from './units';

/**
 * A calendar duration: exactly one of days, weeks (7 days), months (30.4375 days) or years (365.25 days).
 *
 * @category Errors and numbers
 */
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
 *
 * @category Errors and numbers
 */
export type Horizon = number | CalendarDuration;

const DURATION_DAYS = { days: DAYS_PER.day, weeks: DAYS_PER.week, months: DAYS_PER.month, years: DAYS_PER.year };
type DurationKey = keyof typeof DURATION_DAYS;
const DURATION_KEYS = Object.keys(DURATION_DAYS) as DurationKey[];

/** The longest horizon accepted, in the fit's time units. */
export const MAX_HORIZON_UNITS = 100_000;

/** A horizon as read: time units, or days of a calendar duration (converted once the fit's unit is known). */
export type HorizonTerm = { units: number } | { days: number; stated: string };

const DURATION_RULE = 'a calendar duration: { days }, { weeks }, { months } or { years }';

/**
 * The zod field of a horizon option: greater than 0, or from 0 on where a
 * horizon of 0 has an answer (the expected purchases in no time, 0).
 */
export function horizonField(least: 'positive' | 'nonNegative' = 'positive'): z.ZodMiniType<HorizonTerm, unknown> {
  const zero = least === 'nonNegative';
  const HORIZON_RULE = `must be a number of time units ${zero ? 'from 0 on' : 'greater than 0'}, or ${DURATION_RULE}`;
  const allowed = (amount: number) => (zero ? amount >= 0 : amount > 0) && amount < Number.POSITIVE_INFINITY;
  const outOfRange = (amount: number) =>
    amount === Number.POSITIVE_INFINITY ? 'must be finite' : zero ? 'must not be negative' : 'must be greater than 0';
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): HorizonTerm => {
      const refuse = (message: string, path: PropertyKey[] = []): HorizonTerm => {
        ctx.issues.push({ code: 'custom', message, input: value, path });
        return { units: 1 };
      };
      if (value === undefined) return refuse('is required');
      // Any numeric value (a number, a numeric string, a Decimal) is a count of units.
      const units = cellNumber(value);
      if (!Number.isNaN(units) || !isOptionsObject(value)) {
        if (allowed(units)) return { units };
        return refuse(`${Number.isNaN(units) ? HORIZON_RULE : outOfRange(units)}, got ${describeValue(value)}`);
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
      if (!allowed(amount)) {
        return refuse(`must be a duration ${zero ? 'from 0 on' : 'greater than 0'}, got ${describeValue(read.value)}`, [
          key,
        ]);
      }
      return { days: amount * DURATION_DAYS[key], stated: `{ ${key}: ${amount} }` };
    }),
  );
}

/** Where a scorer looks for the time unit, for the message when there is none. */
const NO_TABLE_UNIT = 'neither the fit nor the summaries record their time unit';
/** Where a one-customer call looks for it. */
const NO_FIT_UNIT =
  'the fitted parameters record no time unit (a fit does when made from an rfmSummary result or with the timeUnit option: pass the fit itself)';

/**
 * The horizon in the fit's time units. A calendar duration needs the unit
 * (`unitDays`, the days per unit the fit or the summaries record); a number
 * is read in the fit's unit whatever it is. `max` is the longest horizon, in
 * units, the caller can evaluate; `missing` says where the unit was looked for.
 */
export function horizonUnits(
  functionName: string,
  term: HorizonTerm,
  unitDays: number | undefined,
  max: number = MAX_HORIZON_UNITS,
  missing: string = NO_TABLE_UNIT,
): number {
  let units: number;
  if ('units' in term) units = term.units;
  else {
    if (unitDays === undefined) {
      fail(
        functionName,
        'horizon',
        `is a calendar duration (${term.stated}), but ${missing}: fit from an rfmSummary result or with the timeUnit option, or give the horizon as a number of the fit's units`,
      );
    }
    units = term.days / unitDays;
  }
  if (units > max) {
    fail(
      functionName,
      'horizon',
      `must be at most ${max.toLocaleString('en-US')} time units, got ${units}${'units' in term ? '' : ` (${term.stated})`}`,
    );
  }
  return units;
}

/**
 * A discount rate option: a fraction from 0 to 1, or greater than 0 to 1
 * where a rate of 0 has no answer (an infinite sum).
 */
export function rateField(
  period: 'period' | 'year',
  positive = false,
): z.ZodMiniOptional<z.ZodMiniType<number, unknown>> {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value, ctx): number => {
        const rate = cellNumber(value);
        if ((positive ? rate > 0 : rate >= 0) && rate <= 1) return rate;
        const rule =
          rate > 1 && rate < Number.POSITIVE_INFINITY
            ? `must be at most 1 per ${period} (${RATE_FRACTION_HINT})`
            : rate < 0 && !positive
              ? 'must not be negative'
              : rate <= 0
                ? 'must be greater than 0'
                : `must be a rate ${positive ? 'greater than 0 and at most' : 'from 0 to'} 1 per ${period}`;
        const message = `${rule}, got ${describeValue(value)}`;
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
  missing: string = NO_TABLE_UNIT,
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
      `needs the fit's time unit to be converted, but ${missing}: fit from an rfmSummary result or with the timeUnit option, or give discountRate per time unit`,
    );
  }
  return Math.expm1((Math.log1p(annualDiscountRate) * unitDays) / DAYS_PER.year);
}

/**
 * The rate from {@link ratePerUnit}, refused when neither option gave one:
 * a value needs its discount rate said, even when it is 0. `unit` names the
 * caller's time unit ("time unit", "period"); `what` what needs the rate;
 * `zeroAllowed` false where the rate must be greater than 0.
 */
export function neededRate(
  functionName: string,
  rate: number | undefined,
  unit: string,
  what = '',
  zeroAllowed = true,
): number {
  if (rate !== undefined) return rate;
  fail(
    functionName,
    'discountRate',
    `is needed${what}: give discountRate (per ${unit}) or annualDiscountRate (per year)${zeroAllowed ? ', 0 for none' : ', greater than 0'}`,
  );
}

/** The option fields every scorer shares: the horizon and the two ways of giving a discount rate. */
export function scoringTermFields() {
  return { horizon: horizonField(), discountRate: rateField('period'), annualDiscountRate: rateField('year') };
}

/** The days per unit a fit records in its `timeUnit` field, or undefined when it has none. */
export function fitUnitDays(functionName: string, fit: object, path: string): number | undefined {
  const read = readKey(fit, 'timeUnit');
  if (read.rule !== undefined) fail(functionName, `${path}.timeUnit`, read.rule);
  if (read.value === undefined) return undefined;
  const days = isOptionsObject(read.value) ? readKey(read.value, 'days') : undefined;
  const n = days === undefined || days.rule !== undefined ? Number.NaN : cellNumber(days.value);
  if (!(n > 0 && n < Number.POSITIVE_INFINITY)) {
    fail(
      functionName,
      `${path}.timeUnit`,
      `must be { days } with days per unit greater than 0, as a fit records it, got ${describeValue(read.value)}`,
    );
  }
  return n;
}

/**
 * The horizon and the discount rate of a one-customer call, in the units of
 * the fit given as `fit` (at `path` in the arguments). The fit's `timeUnit`
 * is read only when a calendar horizon or an annual rate needs it, so plain
 * parameters `{ r, alpha, a, b }` serve every call in the fit's own units.
 */
export function callTerms(functionName: string, fit: unknown, path: string) {
  let known = false;
  let days: number | undefined;
  const unit = (): number | undefined => {
    if (!known) days = isOptionsObject(fit) ? fitUnitDays(functionName, fit, path) : undefined;
    known = true;
    return days;
  };
  return {
    /** The horizon in units, at most `max` of them. */
    horizon: (term: HorizonTerm, max: number = MAX_HORIZON_UNITS): number =>
      horizonUnits(functionName, term, 'units' in term ? undefined : unit(), max, NO_FIT_UNIT),
    /** The rate per unit, from discountRate or annualDiscountRate. */
    rate: (rates: { discountRate?: number | undefined; annualDiscountRate?: number | undefined }) =>
      ratePerUnit(functionName, rates, rates.annualDiscountRate === undefined ? undefined : unit(), NO_FIT_UNIT),
  };
}
