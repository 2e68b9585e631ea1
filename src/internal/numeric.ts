import { Decimal, Exact } from './decimal';

const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Describes a received value for an error message without calling any of its
 * methods (a hostile `toString` or `valueOf` is never invoked).
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string': {
      const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
      return JSON.stringify(shown);
    }
    case 'undefined':
      return 'nothing (undefined)';
    case 'boolean':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      if (value === null) return 'null';
      if (value instanceof Decimal) return decimalText(value);
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/** A Decimal's text, or a description when it cannot be read (a forged instance, say). */
function decimalText(value: Decimal): string {
  try {
    // The prototype's method, never an own (possibly forged) toString; it always returns a string.
    return Decimal.prototype.toString.call(value);
  } catch {
    return 'an unreadable Decimal';
  }
}

function isForeignDecimal(value: unknown): boolean {
  try {
    return Object.prototype.toString.call(value) === '[object Decimal]';
  } catch {
    return false;
  }
}

/**
 * Reads a numeric input exactly. Returns the Decimal, or the reason it was
 * refused (to be completed with the field name by the caller).
 */
export function readDecimal(value: unknown): Decimal | string {
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) return 'must be a number, got NaN';
      if (!Number.isFinite(value)) return `must be finite, got ${value}`;
      return new Exact(value === 0 ? 0 : value);
    case 'bigint':
      return new Exact(value.toString());
    case 'string':
      return readDecimalString(value, value);
    case 'undefined':
      return 'is required';
    case 'object':
      // Every constructor decimal.js clones shares one prototype: this also takes Exact and the
      // library's Decimal. A forged instance whose digits cannot be read is refused, not thrown through.
      if (value instanceof Decimal) {
        try {
          if (!value.isFinite()) return `must be finite, got ${decimalText(value)}`;
          return new Exact(value.isZero() ? 0 : value);
        } catch {
          return 'must be a readable Decimal, but reading it failed';
        }
      }
      if (isForeignDecimal(value)) {
        let text: unknown;
        try {
          text = (value as { toString(): unknown }).toString();
        } catch {
          return 'must be a readable Decimal, but reading it failed';
        }
        if (typeof text !== 'string') return 'must be a readable Decimal';
        return readDecimalString(text, value);
      }
      break;
  }
  return `must be a number, a numeric string, a bigint or a Decimal, got ${describeValue(value)}`;
}

function readDecimalString(text: string, original: unknown): Decimal | string {
  if (!DECIMAL_STRING.test(text)) {
    if (/^[+-]?(?:Infinity|NaN)$/.test(text)) return `must be finite, got ${describeValue(original)}`;
    return `must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got ${describeValue(original)}`;
  }
  const parsed = new Exact(text);
  if (!parsed.isFinite()) return `must be finite, got ${describeValue(original)}`;
  if (parsed.isZero() && /[1-9]/.test(text.split(/[eE]/)[0] as string)) {
    return `is too close to 0 to represent (its exponent is below -9e15), got ${describeValue(original)}`;
  }
  return parsed.isZero() ? new Exact(0) : parsed;
}

/**
 * Reads a whole number in [min, max] from any numeric form (number, numeric
 * string, bigint, Decimal), or returns the reason it cannot (`rule` states
 * the range, as in "must be a whole number from 1 to 10,000").
 */
export function readWholeNumber(value: unknown, min: number, max: number, rule: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const parsed = readDecimal(value);
  if (typeof parsed === 'string') return `${rule}, got ${describeValue(value)}`;
  if (!parsed.isInteger() || parsed.lt(min) || parsed.gt(max)) return `${rule}, got ${describeValue(value)}`;
  return parsed.toNumber();
}

/**
 * A numeric cell or option as a float: numbers as they are, numeric
 * strings, bigints and Decimals read exactly and rounded once; NaN for
 * anything else (the caller words the refusal).
 */
export function cellNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  // Number() rounds a bigint to the nearest double, as the exact reading would (DuckDB's BIGINT cells).
  if (typeof value === 'bigint') return Number(value);
  if (value === undefined || value === null || typeof value === 'boolean') return Number.NaN;
  const parsed = readDecimal(value);
  return typeof parsed === 'string' ? Number.NaN : parsed.toNumber();
}
