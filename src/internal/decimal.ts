// The named export, not the default: under moduleResolution node16 an ES module
// sees decimal.js's (CommonJS) declaration file's default export as a namespace.
import { Decimal as DecimalJs } from 'decimal.js';

/** Significant digits of every Decimal result (the precision of IEEE 754 decimal128). */
export const RESULT_DIGITS = 34;

/**
 * The library's public Decimal constructor: 34 significant digits with
 * round-half-even, and plain (not exponential) notation for every magnitude a
 * money or rate figure reaches.
 *
 * It is a `clone` of decimal.js, so the precision or rounding an application
 * sets on its own decimal.js never changes a result of this library, and this
 * library never changes the application's configuration.
 *
 * @category Errors and numbers
 */
export const Decimal = /* @__PURE__ */ DecimalJs.clone({
  precision: RESULT_DIGITS,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
  modulo: DecimalJs.ROUND_DOWN,
  crypto: false,
});

/**
 * A value of the library's Decimal type (an instance of decimal.js's `Decimal`).
 *
 * @category Errors and numbers
 */
export type Decimal = DecimalJs;

/**
 * The working constructor: inputs are read into it and every intermediate
 * step runs at 100 significant digits, so a result rounded once to 34 digits
 * carries no accumulated rounding error, and 1 - churn keeps a churn rate as
 * small as 1e-65 intact.
 */
export const Exact = /* @__PURE__ */ Decimal.clone({ precision: 100 });

/**
 * A numeric input: a JavaScript number, a decimal string such as `"12.50"`, a
 * bigint, or a Decimal (from this library or from the application's own copy
 * of decimal.js). Strings are read exactly, so `"0.1"` is one tenth; numbers are
 * read through their shortest decimal form, so `0.1` is one tenth too.
 *
 * @category Errors and numbers
 */
export type Numeric = number | string | bigint | DecimalJs;

/** Rounds a working value once to the result precision and returns a public Decimal. */
export function toResult(value: Decimal): Decimal {
  const rounded = value.toSignificantDigits(RESULT_DIGITS, DecimalJs.ROUND_HALF_EVEN);
  return new Decimal(rounded.isZero() ? 0 : rounded);
}
