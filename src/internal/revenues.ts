import * as z from 'zod/mini';
import { columnValues } from './columns';
import { type Decimal, Exact } from './decimal';
import { describeValue, readDecimal } from './numeric';
import { unreadableRule } from './read';

/**
 * Revenues per customer: an array of numeric values or a typed array of numbers.
 *
 * @category Errors and numbers
 */
export type RevenueList =
  | ReadonlyArray<number | string | bigint | Decimal>
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** Largest number of decimal places the integer path handles (beyond it, Decimals are used). */
const MAX_SCALE = 9;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Revenues read exactly and sorted from the largest down, with the sums the
 * concentration measures need. All quantities are in units of 10^-scale, so
 * ratios between them need no rescaling.
 */
export interface SortedRevenues {
  /** Number of customers. */
  count: number;
  /** 10^scale: divide a scaled sum by it to get money. */
  unit: Decimal;
  /** Sum of all revenues (scaled). */
  total: Decimal;
  /** The j-th largest revenue (0-based, scaled). */
  valueAt(j: number): Decimal;
  /** Sum of the k largest revenues (scaled), k from 0 to count; O(k). */
  topSum(k: number): Decimal;
  /** Smallest k with topSum(k) >= target (target between 0 and total); O(k). */
  countReaching(target: Decimal): number;
  /** Sum over j = 1..n of topSum(j), which equals sum_i i x_(i) over ascending order (scaled). */
  sumOfTopSums(): Decimal;
  /** Sum of squared revenues (scaled squared). */
  sumOfSquares(): Decimal;
}

/**
 * An exact sum of non-negative safe integers held as a number and a bigint
 * carry, so that adding millions of values costs a number addition each.
 */
export class IntegerSum {
  private small = 0;
  private big = 0n;
  add(value: number): void {
    const next = this.small + value;
    if (next > SAFE) {
      this.big += BigInt(this.small);
      this.small = value;
    } else {
      this.small = next;
    }
  }
  addBig(value: bigint): void {
    this.big += value;
  }
  value(): Decimal {
    return new Exact((this.big + BigInt(this.small)).toString());
  }
}

/**
 * Integer path: every revenue is a whole number of 10^-scale units, held in
 * `ascending` (sorted from the smallest up), and so is their total. The
 * j-th largest is `ascending[n - 1 - j]`. The sums of the top k are walked
 * from where the last one ended (a cursor), so that asking for the shares
 * 0.01, 0.05, ... 0.5 in turn costs one walk to the largest k, not one per share.
 */
function integerRevenues(ascending: Float64Array, factor: number, totalScaled: number): SortedRevenues {
  const n = ascending.length;
  const last = n - 1;
  // The cursor: `sum` is the sum of the `at` largest revenues, exact (at most the total, below 2^53).
  let at = 0;
  let sum = 0;
  const moveTo = (k: number): void => {
    let a = at;
    let total = sum;
    while (a < k) total += ascending[last - a++] as number;
    while (a > k) total -= ascending[last - --a] as number;
    at = a;
    sum = total;
  };
  // Both second-order sums in one pass, made when either is first asked for.
  let sums: [Decimal, Decimal] | undefined;
  const secondOrder = (): [Decimal, Decimal] => {
    if (sums !== undefined) return sums;
    const topSums = new IntegerSum();
    const squares = new IntegerSum();
    let running = 0;
    for (let j = last; j >= 0; j--) {
      const m = ascending[j] as number;
      running += m;
      topSums.add(running);
      // m^2 is exact in a double below 2^52; above, square in bigint.
      if (m < 67108864) squares.add(m * m);
      else squares.addBig(BigInt(m) ** 2n);
    }
    sums = [topSums.value(), squares.value()];
    return sums;
  };
  return {
    count: n,
    unit: new Exact(factor),
    total: new Exact(totalScaled),
    valueAt: (j) => new Exact(ascending[last - j] as number),
    topSum(k) {
      moveTo(k);
      return new Exact(sum);
    },
    countReaching(target) {
      // Scaled sums are whole, so sum >= target exactly when sum >= ceil(target).
      const threshold = target.ceil().toNumber();
      let a = at;
      let total = sum;
      while (a < n && total < threshold) total += ascending[last - a++] as number;
      while (a > 0 && total - (ascending[last - a + 1] as number) >= threshold)
        total -= ascending[last - --a] as number;
      at = a;
      sum = total;
      return a;
    },
    sumOfTopSums: () => secondOrder()[0],
    sumOfSquares: () => secondOrder()[1],
  };
}

/** Decimal path, for revenues with many decimal places or very large totals. */
function decimalRevenues(values: Decimal[]): SortedRevenues {
  const descending = values.slice().sort((x, y) => y.comparedTo(x));
  const n = descending.length;
  const total = descending.reduce((sum, x) => sum.plus(x), new Exact(0));
  const prefix = (k: number): Decimal => {
    let sum = new Exact(0);
    for (let j = 0; j < k; j++) sum = sum.plus(descending[j] as Decimal);
    return sum;
  };
  return {
    count: n,
    unit: new Exact(1),
    total,
    valueAt: (j) => descending[j] as Decimal,
    topSum: prefix,
    countReaching(target) {
      let sum = new Exact(0);
      for (let j = 0; j < n; j++) {
        if (sum.gte(target)) return j;
        sum = sum.plus(descending[j] as Decimal);
      }
      return n;
    },
    sumOfTopSums() {
      let running = new Exact(0);
      let acc = new Exact(0);
      for (const x of descending) {
        running = running.plus(x);
        acc = acc.plus(running);
      }
      return acc;
    },
    sumOfSquares: () => descending.reduce((sum, x) => sum.plus(x.times(x)), new Exact(0)),
  };
}

function isRevenueList(value: unknown): value is RevenueList {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Reads revenues exactly without a Decimal per element when they are numbers
 * with at most nine decimal places (amounts in cents or mills), and sorts
 * them. Returns the sorted revenues, or an error as [index or undefined, reason].
 */
export function readRevenues(value: unknown): SortedRevenues | [number | undefined, string] {
  let n: number;
  let list = value as ArrayLike<unknown>;
  try {
    // An array or typed array is taken as it is; only another object is asked for its values (an Arrow vector's toArray()).
    if (!isRevenueList(value)) {
      const values = columnValues(value);
      if (!isRevenueList(values)) {
        return [
          undefined,
          `must be an array of revenues (or a Float64Array, or a vector whose toArray() gives one), got ${describeValue(values)}`,
        ];
      }
      list = values;
    }
    n = list.length;
  } catch (error) {
    return [undefined, unreadableRule(error)];
  }
  if (n === 0) return [undefined, 'must hold at least one customer, got an empty list'];
  const doubles = new Float64Array(n);
  let scale = 0;
  let integerPath = true;
  let decimals: Decimal[] | undefined;
  // A typed array of numbers has no holes and nothing but numbers: each cell needs only the range check.
  const numbers = ArrayBuffer.isView(list) && !(list instanceof BigInt64Array || list instanceof BigUint64Array);
  let factor = 1;
  for (let i = 0; numbers && i < n; i++) {
    const x = (list as Float64Array)[i] as number;
    if (!(x >= 0 && x !== Number.POSITIVE_INFINITY)) return [i, readAmount(x) as string];
    doubles[i] = x + 0;
    // Whole at the scale so far (the usual case, checked here), or at a larger one.
    if (integerPath && Math.round(x * factor) / factor !== x) {
      scale = wholeAt(x, scale);
      if (scale > MAX_SCALE) integerPath = false;
      else factor = POW10[scale] as number;
    }
  }
  for (let i = 0; !numbers && i < n; i++) {
    let x: unknown;
    try {
      x = list[i];
      // Only a plain array has holes; `in` is checked only for undefined, which is rare.
      if (x === undefined && !(i in list)) return [i, 'is missing (the array has a hole)'];
    } catch (error) {
      return [i, unreadableRule(error)];
    }
    const read = readAmount(x);
    if (typeof read === 'string') return [i, read];
    let number: number;
    if (typeof read === 'number') {
      number = read;
    } else {
      decimals ??= [];
      decimals[i] = read;
      number = read.toNumber();
      integerPath = false;
    }
    doubles[i] = number;
    if (integerPath) {
      scale = wholeAt(number, scale);
      // A value too large for whole units makes the total too large too, which is checked below.
      if (scale > MAX_SCALE) integerPath = false;
    }
  }
  if (integerPath) {
    doubles.sort();
    factor = POW10[scale] as number;
    let total = 0;
    // Each revenue in whole units, written in place from the largest down while the total stays below 2^53.
    let j = n - 1;
    for (; j >= 0; j--) {
      const m = Math.round((doubles[j] as number) * factor);
      total += m;
      if (total > SAFE) break;
      doubles[j] = m;
    }
    if (j < 0) {
      if (total === 0) return [undefined, 'must not all be 0: shares of a zero total are undefined'];
      return integerRevenues(doubles, factor, total);
    }
    // Too large a total for whole units: the values written go back (m / factor is the double read, as
    // wholeAt checked), and the Decimals take over.
    for (let k = j + 1; k < n; k++) doubles[k] = (doubles[k] as number) / factor;
  }
  const exact: Decimal[] = new Array(n);
  // A revenue read as a number is held exactly by its double.
  for (let i = 0; i < n; i++) exact[i] = decimals?.[i] ?? new Exact(doubles[i] as number);
  // Here some revenue is not 0: a Decimal (0 is read as a number), a number not whole in 10^-9
  // units, or part of a total beyond 2^53; so the total is not 0 either.
  return decimalRevenues(exact);
}

/** A plain decimal of at most 15 digits, nine after the point: a double holds it exactly (DBL_DIG). */
const SHORT_DECIMAL = /^\d{1,15}(?:\.\d{1,9})?$/;

/**
 * One revenue, 0 or more, read exactly: as a number when a double holds its
 * decimal value (no Decimal made for numbers and short decimal strings), else
 * as a Decimal; or the reason it cannot be read.
 */
export function readAmount(x: unknown): number | Decimal | string {
  if (typeof x === 'number') {
    if (x >= 0 && x !== Number.POSITIVE_INFINITY) return x + 0;
    const parsed = readDecimal(x);
    return typeof parsed === 'string' ? parsed : `must not be negative, got ${describeValue(x)}`;
  }
  if (typeof x === 'string' && SHORT_DECIMAL.test(x) && x.length <= 16) return Number(x);
  const parsed = readDecimal(x);
  if (typeof parsed === 'string') return parsed;
  if (parsed.isNegative() && !parsed.isZero()) return `must not be negative, got ${parsed}`;
  const number = parsed.toNumber();
  return new Exact(number).eq(parsed) ? number : parsed;
}

/** The smallest scale, from `scale` up, at which `x` is a whole number of 10^-scale units (MAX_SCALE + 1 if none). */
export function wholeAt(x: number, scale: number): number {
  let s = scale;
  while (s <= MAX_SCALE && Math.round(x * (POW10[s] as number)) / (POW10[s] as number) !== x) s++;
  return s;
}

/** A zod schema for a list of revenues, read and sorted by readRevenues. */
export function revenuesField(): z.ZodMiniType<SortedRevenues, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): SortedRevenues => {
      const read = readRevenues(value);
      if (!Array.isArray(read)) return read;
      const [index, message] = read;
      ctx.issues.push({ code: 'custom', message, input: value, path: index === undefined ? [] : [index] });
      return read as unknown as SortedRevenues;
    }),
  );
}
