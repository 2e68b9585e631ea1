import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue, readDecimal } from '../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, parseInput, readerSchema } from '../internal/schema';
import { readId } from './lifecycles';

/** A customer's recurring revenue at one moment (monthly recurring revenue, say). */
export interface CustomerRevenue {
  /** The customer, as a string or a number. */
  customerId: string | number;
  /** Recurring revenue, 0 or more: a number, a decimal string, a bigint or a Decimal. */
  revenue: number | string | bigint | Decimal;
}

/** Input of {@link revenueRetention}. */
export interface RevenueRetentionOptions {
  /** Each customer's recurring revenue at the start of the period. */
  startRevenue: readonly CustomerRevenue[];
  /** Each customer's recurring revenue at the end of the period (absent or 0: churned). */
  endRevenue: readonly CustomerRevenue[];
}

/** Result of {@link revenueRetention}: all exact Decimals in the revenue's currency, or fractions. */
export interface RevenueRetentionResult {
  /** Recurring revenue at the start, from customers with revenue above 0. */
  startingRevenue: Decimal;
  /** Those customers' revenue at the end. */
  retainedRevenue: Decimal;
  /** Increases among them (upgrades, more seats). */
  expansion: Decimal;
  /** Decreases among customers who stayed (downgrades). */
  contraction: Decimal;
  /** Start revenue of customers with none at the end. */
  churnedRevenue: Decimal;
  /** End revenue of customers with none at the start (not part of NRR or GRR). */
  newRevenue: Decimal;
  /** NRR = (start + expansion - contraction - churned) / start. */
  netRevenueRetention: Decimal;
  /** GRR = (start - contraction - churned) / start, at most 1. */
  grossRevenueRetention: Decimal;
  /** Gross revenue churn = (contraction + churned) / start = 1 - GRR. */
  grossRevenueChurn: Decimal;
}

function readRevenues(fn: string, field: string, rows: unknown): Map<string | number, Decimal> {
  if (!Array.isArray(rows)) fail(fn, field, `must be an array of { customerId, revenue }, got ${describeValue(rows)}`);
  const map = new Map<string | number, Decimal>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown;
    if (!isOptionsObject(row)) fail(fn, `${field}[${i}]`, `must be { customerId, revenue }, got ${describeValue(row)}`);
    const id = readId(fn, row.customerId, `${field}[${i}].customerId`);
    const revenue = readDecimal(row.revenue);
    if (typeof revenue === 'string') fail(fn, `${field}[${i}].revenue`, revenue);
    if (revenue.isNegative() && !revenue.isZero())
      fail(fn, `${field}[${i}].revenue`, `must not be negative, got ${revenue}`);
    // Several rows of one customer (several subscriptions) add up.
    map.set(id, (map.get(id) ?? new Exact(0)).plus(revenue));
  }
  return map;
}

/**
 * Net and gross revenue retention (NRR, GRR) over a period, from each
 * customer's recurring revenue at its start and end, with expansion,
 * contraction and churned revenue reported separately.
 *
 * @remarks
 * Only customers with revenue at the start count: NRR =
 * (start + expansion - contraction - churned) / start, GRR =
 * (start - contraction - churned) / start. New customers' revenue is
 * reported as `newRevenue` and kept out of both. Several rows of one customer
 * are added together. Exact Decimal arithmetic throughout.
 *
 * Cost: O(customers), with a Map entry per customer.
 *
 * @param options - the revenue per customer at the start and at the end.
 * @returns the components and the three rates.
 * @throws {@link MetricInputError} naming the row for a missing id or a negative or non-numeric revenue, or when the starting revenue is 0.
 *
 * @example
 * ```ts
 * import { revenueRetention } from 'retention-metrics';
 *
 * const r = revenueRetention({
 *   startRevenue: [{ customerId: 'a', revenue: 100 }, { customerId: 'b', revenue: 50 }, { customerId: 'c', revenue: 50 }],
 *   endRevenue: [{ customerId: 'a', revenue: 130 }, { customerId: 'b', revenue: 40 }, { customerId: 'd', revenue: 70 }],
 * });
 * [r.expansion, r.contraction, r.churnedRevenue].map(String);
 * //=> ['30', '10', '50']
 * r.netRevenueRetention.toString();
 * //=> '0.85'
 * r.grossRevenueRetention.toString();
 * //=> '0.7'
 * ```
 */
export function revenueRetention(options: RevenueRetentionOptions): RevenueRetentionResult {
  const fn = 'revenueRetention';
  const { start, end } = parseInput(fn, revenueRetentionInput, options);
  const zero = new Exact(0);
  let starting = zero;
  let retained = zero;
  let expansion = zero;
  let contraction = zero;
  let churned = zero;
  let newRevenue = zero;
  for (const [id, s] of start) {
    if (s.isZero()) continue;
    const e = end.get(id) ?? zero;
    starting = starting.plus(s);
    retained = retained.plus(e);
    if (e.isZero()) churned = churned.plus(s);
    else if (e.gt(s)) expansion = expansion.plus(e.minus(s));
    else contraction = contraction.plus(s.minus(e));
  }
  for (const [id, e] of end) {
    if (!(start.get(id)?.gt(0) ?? false)) newRevenue = newRevenue.plus(e);
  }
  if (starting.isZero())
    fail(fn, 'startRevenue', 'must hold some revenue above 0: retention of no revenue is undefined');
  const lost = contraction.plus(churned);
  return {
    startingRevenue: toResult(starting),
    retainedRevenue: toResult(retained),
    expansion: toResult(expansion),
    contraction: toResult(contraction),
    churnedRevenue: toResult(churned),
    newRevenue: toResult(newRevenue),
    netRevenueRetention: toResult(starting.plus(expansion).minus(lost).div(starting)),
    grossRevenueRetention: toResult(starting.minus(lost).div(starting)),
    grossRevenueChurn: toResult(lost.div(starting)),
  };
}

const revenueRetentionInput = /* @__PURE__ */ readerSchema((input) => ({
  start: readRevenues('revenueRetention', 'startRevenue', input.startRevenue),
  end: readRevenues('revenueRetention', 'endRevenue', input.endRevenue),
}));

/** The zod schema {@link revenueRetention} validates its input with. */
export const revenueRetentionSchema: MetricSchema = revenueRetentionInput;
