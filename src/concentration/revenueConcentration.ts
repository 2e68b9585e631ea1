import * as z from 'zod/mini';
import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { describeValue, readDecimal } from '../internal/numeric';
import { unreadableRule } from '../internal/read';
import { type RevenueList, revenuesField } from '../internal/revenues';
import { positiveFraction } from '../internal/rules';
import { type MetricSchema, objectSchema, optionalDecimalField, optionsWith, parseInput } from '../internal/schema';
import { customersForRevenueShare, topRevenueShare } from './topShare';

/**
 * Options of {@link revenueConcentration}.
 *
 * @expand
 * @category Revenue concentration
 */
export interface RevenueConcentrationOptions {
  /** Top shares of customers to report, each in (0, 1]. Default [0.01, 0.05, 0.1, 0.2, 0.5]. */
  topShares?: readonly Numeric[];
  /** The revenue share for `customersForRevenueShare`, in (0, 1]. Default 0.8. */
  revenueShare?: Numeric;
}

/**
 * One line of `top` in a {@link RevenueConcentrationResult}.
 *
 * @category Revenue concentration
 */
export interface TopShareLine {
  /** The top share of customers. */
  share: Decimal;
  /** The fraction of revenue they bring. */
  revenueShare: Decimal;
}

/**
 * Result of {@link revenueConcentration}.
 *
 * @expand
 * @category Revenue concentration
 */
export interface RevenueConcentrationResult {
  /** Total revenue. */
  total: Decimal;
  /** Number of customers (zero-revenue customers included). */
  customers: number;
  /** Revenue share of each requested top share of customers. */
  top: TopShareLine[];
  /** Smallest share of customers whose revenue reaches `revenueShare` (0.8 by default) of the total. */
  customersForRevenueShare: Decimal;
  /** Gini coefficient, in [0, 1): 0 when every customer brings the same, near 1 when one brings all. */
  gini: Decimal;
  /** Herfindahl index: sum of squared revenue shares, in [1/n, 1]. */
  herfindahl: Decimal;
}

/**
 * A column of revenues as an Arrow vector (a DuckDB or Arrow query result's
 * column) holds it: any object whose `toArray()` gives an array or a typed
 * array of revenues. A vector with nulls is refused on its first null.
 *
 * @category Revenue concentration
 */
export interface RevenueVector {
  /** The revenues: an array or a typed array. */
  toArray(): RevenueList;
}

const DEFAULT_TOP_SHARES = ['0.01', '0.05', '0.1', '0.2', '0.5'];

const schema = /* @__PURE__ */ buildRevenueConcentrationSchema();

/**
 * The zod schema {@link revenueConcentration} validates its arguments with, as `{ revenues, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const revenueConcentrationSchema: MetricSchema = schema;

function buildRevenueConcentrationSchema() {
  return objectSchema({
    revenues: revenuesField(),
    topShares: z.optional(
      z.pipe(
        z.unknown(),
        z.transform((value, ctx): Decimal[] => {
          if (!Array.isArray(value)) {
            ctx.issues.push({
              code: 'custom',
              message: `must be an array of shares, got ${describeValue(value)}`,
              input: value,
            });
            return [];
          }
          const shares: Decimal[] = [];
          let i = 0;
          let share: unknown;
          for (; ; i++) {
            try {
              if (i >= value.length) break;
              share = value[i];
            } catch (error) {
              ctx.issues.push({ code: 'custom', message: unreadableRule(error), input: value, path: [i] });
              return [];
            }
            const parsed = readDecimal(share);
            const broken = typeof parsed === 'string' ? parsed : positiveFraction(parsed);
            if (broken !== undefined) {
              ctx.issues.push({ code: 'custom', message: broken, input: value, path: [i] });
              return [];
            }
            shares.push(parsed as Decimal);
          }
          return shares;
        }),
      ),
    ),
    revenueShare: optionalDecimalField(positiveFraction),
  });
}

/**
 * How concentrated revenue is among customers: the revenue share of the top
 * customers, the share of customers that brings 80 % of revenue, the Gini
 * coefficient and the Herfindahl index, in one pass over sorted revenues.
 *
 * @remarks
 * Customers are sorted by revenue, largest first; top shares interpolate on
 * the Lorenz curve as in topCustomerShare. Gini and Herfindahl are as
 * below, Gini computed by its second form, over ascending order. All exact.
 *
 * ```math
 * \begin{aligned}
 * \text{Gini} &= \frac{\sum_i \sum_j |x_i - x_j|}{2 n^2\, \text{mean}}
 *   = \frac{2 \sum_i i\, x_{(i)} - (n + 1)\, \text{total}}{n\, \text{total}}, \\
 * \text{Herfindahl} &= \sum_i \left(\frac{x_i}{\text{total}}\right)^2
 * \end{aligned}
 * ```
 *
 * Cost: O(n log n) for the sort, then O(n) per top share.
 *
 * @param revenues - revenue per customer, none negative, not all zero: an
 *   array, a typed array, or a vector with `toArray()` ({@link RevenueVector}).
 * @param options - which top shares to report and the revenue share to reach.
 * @returns total, customer count, top shares, customers for the revenue share, Gini and Herfindahl.
 * @throws {@link MetricInputError} when a revenue is negative or not a number,
 *   the list is empty or sums to 0, or a share is outside (0, 1].
 * @see Claims [C04](../../docs/sources.md#c04), from a Persian web article on winning new customers or keeping the ones you have and from the Hebrew blog post "A loyal customer is your best marketer", and [C05](../../docs/sources.md#c05), from the same blog post.
 *
 * @example
 * ```ts
 * import { revenueConcentration } from 'retention-metrics';
 *
 * const c = revenueConcentration([500, 300, 100, 50, 50], { topShares: [0.2] });
 * c.top[0]?.revenueShare.toString();
 * //=> '0.5'
 * c.customersForRevenueShare.toString();
 * //=> '0.4'
 * c.gini.toString();
 * //=> '0.46'
 * c.herfindahl.toString();
 * //=> '0.355'
 * ```
 *
 * @category Revenue concentration
 */
export function revenueConcentration(
  revenues: RevenueList | RevenueVector,
  options: RevenueConcentrationOptions = {},
): RevenueConcentrationResult {
  const v = parseInput('revenueConcentration', schema, optionsWith('revenueConcentration', options, { revenues }));
  const sorted = v.revenues;
  const n = sorted.count;
  const total = sorted.total;
  const shares = v.topShares ?? DEFAULT_TOP_SHARES.map((s) => total.minus(total).plus(s));
  const gini = sorted
    .sumOfTopSums()
    .times(2)
    .minus(total.times(n + 1))
    .div(total.times(n));
  return {
    total: toResult(total.div(sorted.unit)),
    customers: n,
    top: shares.map((share) => ({ share: toResult(share), revenueShare: toResult(topRevenueShare(sorted, share)) })),
    customersForRevenueShare: toResult(
      customersForRevenueShare(sorted, v.revenueShare ?? total.minus(total).plus('0.8')),
    ),
    gini: toResult(gini),
    herfindahl: toResult(sorted.sumOfSquares().div(total.times(total))),
  };
}
