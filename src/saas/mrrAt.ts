import { formatInstant, readInstant } from '../data/periods';
import { type Decimal, Exact, toResult } from '../internal/decimal';
import { refuseUnknownKeys } from '../internal/read';
import { fail, type MetricSchema, optionsWith, parseInput, readerSchema } from '../internal/schema';
import { readSubscriptions, type Subscription } from './subscriptions';

/**
 * Options of {@link mrrAt}.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrAtOptions {
  /** The instant: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  at: Date | string | number;
}

/**
 * One paying customer's MRR at the instant.
 *
 * @expand
 * @category SaaS metrics
 */
export interface CustomerMrr {
  /** The customer, as given. */
  customerId: string | number;
  /** The customer's MRR: the sum over its rows running at the instant, above 0. */
  mrr: Decimal;
}

/**
 * Result of {@link mrrAt}.
 *
 * @expand
 * @category SaaS metrics
 */
export interface MrrAt {
  /** The instant (ISO 8601, UTC). */
  at: string;
  /** The MRR of the base: the sum of the customers' MRR. */
  mrr: Decimal;
  /** Each customer paying at the instant (MRR above 0), in order of first appearance in the rows. */
  customers: CustomerMrr[];
}

/**
 * Each customer's MRR at one instant, and the base's, from the same
 * subscription rows as {@link mrrMovements}.
 *
 * @remarks
 * A row runs from `startedAt` up to, not including, `endedAt`, and adds
 * `(amount - discount) / months per bill` to its customer's MRR while it
 * runs. So a row that ends at the instant no longer counts, and one that
 * starts at it does. A period's `endingMrr` in {@link mrrMovements} is the
 * MRR at the period's last millisecond: `mrrAt` at one millisecond before
 * the next period's start gives the same figure (for rows whose dates are
 * whole milliseconds). Exact Decimals, rounded once to 34 significant digits.
 *
 * Cost: O(rows).
 *
 * @param subscriptions - rows `{ customerId, startedAt, endedAt?, amount, interval?, intervalCount?, discount? }`.
 * @param options - the instant.
 * @returns the base's MRR and each paying customer's.
 * @throws {@link MetricInputError} naming the row and cell for a bad row (as {@link mrrMovements}), or for a bad `at`.
 *
 * @example
 * ```ts
 * import { mrrAt } from 'retention-metrics';
 *
 * const now = mrrAt(
 *   [
 *     { customerId: 'a', startedAt: '2026-01-10', endedAt: '2026-02-15', amount: 50 },
 *     { customerId: 'a', startedAt: '2026-02-15', amount: 80 },
 *     { customerId: 'b', startedAt: '2026-01-20', amount: 1200, interval: 'year', discount: 120 },
 *   ],
 *   { at: '2026-02-15' },
 * );
 * now.mrr.toString();
 * //=> '170'
 * now.customers.map((c) => `${c.customerId} ${c.mrr}`);
 * //=> ['a 80', 'b 90']
 * ```
 *
 * @category SaaS metrics
 */
export function mrrAt(subscriptions: readonly Subscription[], options: MrrAtOptions): MrrAt {
  const fn = 'mrrAt';
  const { table, at } = parseInput(fn, mrrAtInput, optionsWith(fn, options, { subscriptions }, '{ at }', true));
  const running = (i: number) => (table.starts[i] as number) <= at && at < (table.ends[i] as number);
  // Each customer's units: number additions on the number path (every sum below 2^53, exact), else Decimals.
  const units: (number | Decimal)[] = new Array(table.customers).fill(0);
  const monthly = table.monthly;
  if (monthly) {
    const sums = new Float64Array(table.customers);
    for (let i = 0; i < table.rows; i++) {
      const c = table.owner[i] as number;
      if (running(i)) sums[c] = (sums[c] as number) + (monthly[i] as number);
    }
    for (let c = 0; c < table.customers; c++) units[c] = sums[c] as number;
  } else {
    const exact = table.exact as Decimal[];
    for (let i = 0; i < table.rows; i++) {
      const c = table.owner[i] as number;
      if (running(i)) units[c] = new Exact(units[c] as number | Decimal).plus(exact[i] as Decimal);
    }
  }
  const customers: CustomerMrr[] = [];
  let total = new Exact(0);
  for (let c = 0; c < table.customers; c++) {
    const raw = units[c] as number | Decimal;
    if (typeof raw === 'number' ? !(raw > 0) : !raw.gt(0)) continue;
    const u = new Exact(raw);
    total = total.plus(u);
    customers.push({ customerId: table.ids[c] as string | number, mrr: toResult(u.div(table.divisor)) });
  }
  return { at: formatInstant(at), mrr: toResult(total.div(table.divisor)), customers };
}

const mrrAtInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'mrrAt';
  refuseUnknownKeys(fn, input, ['subscriptions', 'at']);
  const at = readInstant(input.at);
  if (typeof at === 'string') fail(fn, 'at', at);
  return { table: readSubscriptions(fn, input.subscriptions, true), at };
});

/**
 * The zod schema {@link mrrAt} validates its arguments with, as `{ subscriptions, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const mrrAtSchema: MetricSchema = mrrAtInput;
