import { readSpan } from '../data/lifecycles';
import { type Decimal, Exact } from '../internal/decimal';
import { describeValue, readWholeNumber } from '../internal/numeric';
import { readAmount, wholeAt } from '../internal/revenues';
import { CustomerIndex, isRow, RowCursor, readId, readRows, slipNote } from '../internal/rows';
import { fail } from '../internal/schema';

/**
 * How often a subscription is billed.
 *
 * @category SaaS metrics
 */
export type BillingInterval = 'month' | 'quarter' | 'year';

/**
 * One stretch of a subscription at one price: billed `amount` (less
 * `discount`) every `intervalCount` intervals, from `startedAt` up to, not
 * including, `endedAt`. A plan change ends one row and starts the next at
 * the same instant; a customer may hold several subscriptions at once.
 *
 * @category SaaS metrics
 */
export interface Subscription {
  /** The customer, as a string or a number. Several rows may share one. */
  customerId: string | number;
  /** When this price took effect: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  startedAt: Date | string | number;
  /** When it stopped (cancellation or the next plan's start); absent or null while it runs. */
  endedAt?: Date | string | number | null;
  /** The price per billing interval, 0 or more: a number, a decimal string, a bigint or a Decimal. */
  amount: number | string | bigint | Decimal;
  /** How often it is billed: 'month' (the default), 'quarter' or 'year'. */
  interval?: BillingInterval;
  /** Bill every this many intervals (a six-monthly plan is `interval: 'month', intervalCount: 6`); 1 to 120, default 1. */
  intervalCount?: number;
  /** A stated discount per billing interval, taken off `amount` (0 up to the amount); default 0. */
  discount?: number | string | bigint | Decimal;
}

export const SUBSCRIPTION_COLUMNS = [
  'customerId',
  'startedAt',
  'endedAt',
  'amount',
  'interval',
  'intervalCount',
  'discount',
] as const;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Greatest common divisor of two positive whole numbers. */
function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

/**
 * Every subscription row, read once. Each row's monthly recurring revenue
 * is held exactly as a whole number of `1 / divisor` currency units: as
 * numbers in `monthly` when every amount fits (at most nine decimal places,
 * sums below 2^53), else as Decimals in `exact`.
 */
export interface SubscriptionTable {
  /** Number of rows. */
  rows: number;
  /** Number of customers. */
  customers: number;
  /** Each row's customer (0-based, in order of first appearance). */
  owner: Int32Array;
  /** Each customer's id as given (empty unless asked for). */
  ids: (string | number)[];
  /** Each row's start, epoch ms. */
  starts: Float64Array;
  /** Each row's end, epoch ms (+Infinity while it runs). */
  ends: Float64Array;
  /** Each row's monthly revenue in units of 1 / divisor (the number path), or undefined. */
  monthly: Float64Array | undefined;
  /** Each row's monthly revenue in units of 1 / divisor (the Decimal path), or undefined. */
  exact: Decimal[] | undefined;
  /** Monthly revenue = units / divisor. */
  divisor: Decimal;
  /** The latest finite instant in the rows (a start or an end). */
  latest: number;
  /** The earliest start. */
  earliest: number;
}

/**
 * Reads subscription rows; errors name the row and its cell
 * (`subscriptions[3].amount`).
 */
export function readSubscriptions(functionName: string, value: unknown, keepIds: boolean): SubscriptionTable {
  const field = 'subscriptions';
  const { list, length: n } = readRows(functionName, value, field, '{ customerId, startedAt, endedAt, amount }');
  const customerIndex = new CustomerIndex((i) => `${field}[${i}].customerId`);
  const ids: (string | number)[] = [];
  const owner = new Int32Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  // Price and discount as numbers where a double holds them exactly, else the net price as a Decimal.
  const prices = new Float64Array(n);
  // Discounts, made at the first row that has one.
  let offs: Float64Array | undefined;
  let decimals: Decimal[] | undefined;
  // Months per bill: at most 120 years, 1,440 months.
  const months = new Uint16Array(n);
  let scale = 0;
  let divisor = 1;
  let latest = Number.NEGATIVE_INFINITY;
  let earliest = Number.POSITIVE_INFINITY;
  const cursor = new RowCursor(functionName, field);
  // The row being read, for the note on a failed row (a blank line, a header): one array and one closure for all rows.
  const cells: unknown[] = [];
  const note = () => slipNote(SUBSCRIPTION_COLUMNS, cells);
  // Paths of the current row's cells, built only for a message.
  const idPath = () => `${field}[${cursor.row}].customerId`;
  const spanPath = (cell: string) => `${field}[${cursor.row}].${cell}`;
  try {
    for (let i = 0; i < n; i++) {
      cursor.row = i;
      cursor.cell = '';
      const row = list[i];
      if (!isRow(row))
        fail(
          functionName,
          `${field}[${i}]`,
          `must be { customerId, startedAt, endedAt, amount }, got ${describeValue(row)}`,
        );
      // Each cell read once, by name (a named read is much faster than a computed one).
      cursor.cell = 'customerId';
      const rawId = row.customerId;
      cursor.cell = 'startedAt';
      const startedAt = row.startedAt;
      cursor.cell = 'endedAt';
      const endedAt = row.endedAt;
      cursor.cell = 'amount';
      const amount = row.amount;
      cursor.cell = 'interval';
      const interval = row.interval;
      cursor.cell = 'intervalCount';
      const intervalCount = row.intervalCount;
      cursor.cell = 'discount';
      const discount = row.discount;
      cursor.cell = '';
      cells[0] = rawId;
      cells[1] = startedAt;
      cells[2] = endedAt;
      cells[3] = amount;
      cells[4] = interval;
      cells[5] = intervalCount;
      cells[6] = discount;
      const id = readId(functionName, rawId, idPath, note);
      const c = customerIndex.of(functionName, id, i);
      if (keepIds && c === ids.length) ids.push(id);
      owner[i] = c;
      readSpan(functionName, startedAt, endedAt, spanPath, note, starts, ends, i);
      const start = starts[i] as number;
      const end = ends[i] as number;
      if (start < earliest) earliest = start;
      if (start > latest) latest = start;
      if (end !== Number.POSITIVE_INFINITY && end > latest) latest = end;
      const price = readAmount(amount);
      if (typeof price === 'string') fail(functionName, `${field}[${i}].amount`, `${price}${note()}`);
      let off: number | Decimal = 0;
      if (discount !== undefined && discount !== null) {
        const read = readAmount(discount);
        if (typeof read === 'string') fail(functionName, `${field}[${i}].discount`, read);
        off = read;
      }
      const exceeds = typeof price === 'number' && typeof off === 'number' ? off > price : new Exact(off).gt(price);
      if (exceeds)
        fail(
          functionName,
          `${field}[${i}].discount`,
          `must not exceed the amount (${String(amount)}), got ${describeValue(discount)}`,
        );
      if (typeof price === 'number' && typeof off === 'number') {
        scale = wholeAt(off, wholeAt(price, scale));
        prices[i] = price;
        if (off !== 0) {
          offs ??= new Float64Array(n);
          offs[i] = off;
        }
      } else {
        decimals ??= [];
        decimals[i] = new Exact(price).minus(off);
      }
      if (
        interval !== undefined &&
        interval !== null &&
        interval !== 'month' &&
        interval !== 'quarter' &&
        interval !== 'year'
      )
        fail(
          functionName,
          `${field}[${i}].interval`,
          `must be 'month', 'quarter' or 'year', got ${describeValue(interval)}`,
        );
      let count = 1;
      if (intervalCount !== undefined && intervalCount !== null) {
        const read = readWholeNumber(intervalCount, 1, 120, 'must be a whole number from 1 to 120');
        if (typeof read === 'string') fail(functionName, `${field}[${i}].intervalCount`, read);
        count = read;
      }
      const m = (interval === 'year' ? 12 : interval === 'quarter' ? 3 : 1) * count;
      months[i] = m;
      // The months' least common multiple, or 0 once it outgrows 2^31 (then each row is divided by its months).
      if (divisor !== 0 && divisor % m !== 0) divisor = (divisor / gcd(divisor, m)) * m;
      if (divisor > 2 ** 31) divisor = 0;
    }
  } catch (error) {
    throw cursor.failure(error);
  }
  return {
    rows: n,
    customers: customerIndex.size,
    owner,
    ids,
    starts,
    ends,
    ...monthlyUnits(prices, offs, decimals, months, divisor, scale),
    latest,
    earliest,
  };
}

/**
 * Each row's monthly revenue as whole units of 1 / divisor: net price x
 * (lcm / months). On the number path the prices are scaled by 10^scale and
 * every sum the caller can form (at most the sum of all rows) stays below
 * 2^53, so number additions are exact; the units then replace the prices in
 * their own array. Otherwise Decimals.
 */
function monthlyUnits(
  prices: Float64Array,
  offs: Float64Array | undefined,
  decimals: readonly Decimal[] | undefined,
  months: Uint16Array,
  lcm: number,
  scale: number,
): Pick<SubscriptionTable, 'monthly' | 'exact' | 'divisor'> {
  const n = prices.length;
  const factor = 10 ** scale;
  const units = (i: number) =>
    (Math.round((prices[i] as number) * factor) - (offs ? Math.round((offs[i] as number) * factor) : 0)) *
    (lcm / (months[i] as number));
  if (decimals === undefined && scale <= 9 && lcm !== 0) {
    let total = 0;
    for (let i = 0; i < n; i++) total += units(i);
    if (total <= SAFE) {
      for (let i = 0; i < n; i++) prices[i] = units(i);
      return { monthly: prices, exact: undefined, divisor: new Exact(lcm).times(factor) };
    }
  }
  const exact: Decimal[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const net = decimals?.[i] ?? new Exact(prices[i] as number).minus(offs?.[i] ?? 0);
    exact[i] = lcm === 0 ? net.div(months[i] as number) : net.times(lcm / (months[i] as number));
  }
  return { monthly: undefined, exact, divisor: new Exact(lcm === 0 ? 1 : lcm) };
}
