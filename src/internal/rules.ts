import type { Decimal } from './decimal';

/** A rule on one numeric value: `undefined` when it holds, else what it requires. */
export type Rule = (value: Decimal) => string | undefined;

const got = (value: Decimal): string => `, got ${value.toString()}`;

/** Whole and not negative: a count of customers, purchases or periods. */
export const wholeCount: Rule = (v) =>
  v.isNegative() && !v.isZero()
    ? `must not be negative${got(v)}`
    : v.isInteger()
      ? undefined
      : `must be a whole number${got(v)}`;

/** A positive whole number. */
export const positiveCount =
  (why = ''): Rule =>
  (v) =>
    wholeCount(v) ?? (v.isZero() ? `must be greater than 0${why}${got(v)}` : undefined);

/** Zero or more. */
export const nonNegative: Rule = (v) => (v.isNegative() && !v.isZero() ? `must not be negative${got(v)}` : undefined);

/** Strictly more than zero. */
export const positive =
  (why = ''): Rule =>
  (v) =>
    v.isPositive() && !v.isZero() ? undefined : `must be greater than 0${why}${got(v)}`;

/** Any finite value. */
export const anyFinite: Rule = () => undefined;

/** A fraction in [0, 1]; the message points out percent-versus-fraction mix-ups. */
export const fraction: Rule = (v) =>
  v.isNegative() && !v.isZero()
    ? `must be between 0 and 1${got(v)}`
    : v.gt(1)
      ? `must be between 0 and 1 (a fraction: 0.9 for 90 %)${got(v)}`
      : undefined;

/** The hint of every discount-rate refusal above 1: such a rate is almost always a percentage typed as a number. */
export const RATE_FRACTION_HINT = 'rates are fractions: 0.1 for 10 %';

/** A discount rate per period: 0 to 1. */
export const discountFraction: Rule = (v) =>
  nonNegative(v) ?? (v.gt(1) ? `must be at most 1 per period (${RATE_FRACTION_HINT})${got(v)}` : undefined);

/** A fraction in (0, 1]. */
export const positiveFraction: Rule = (v) =>
  fraction(v) ?? (v.isZero() ? `must be greater than 0 and at most 1${got(v)}` : undefined);

/** A growth rate per period: more than -1 (a fall of 100 % or more is no growth rate). */
export const growthRate: Rule = (v) =>
  v.gt(-1) ? undefined : `must be greater than -1 (-0.1 is a fall of 10 %)${got(v)}`;

/** Combines rules: the first that fails speaks. */
export const all =
  (...rules: Rule[]): Rule =>
  (v) => {
    for (const rule of rules) {
      const broken = rule(v);
      if (broken !== undefined) return broken;
    }
    return undefined;
  };
