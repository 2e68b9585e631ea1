import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { type RevenueList, revenuesField } from '../internal/revenues';
import { positiveFraction } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput } from '../internal/schema';
import type { RevenueVector } from './revenueConcentration';
import { topRevenueShare } from './topShare';

const schema = /* @__PURE__ */ buildTopCustomerShareSchema();

/**
 * The zod schema {@link topCustomerShare} validates its arguments with, as `{ revenues, share }`.
 *
 * @category Input schemas (zod)
 */
export const topCustomerShareSchema: MetricSchema = schema;

function buildTopCustomerShareSchema() {
  return objectSchema({ revenues: revenuesField(), share: decimalField(positiveFraction) });
}

/**
 * The fraction of revenue that comes from the top `share` of customers: the
 * measure behind "80 % of revenue comes from 20 % of customers".
 *
 * @remarks
 * Customers are sorted by revenue, largest first. The top share p of n
 * customers is p n customers: the whole of the first floor(p n) and the
 * matching fraction of the next (linear interpolation on the Lorenz curve).
 * The result lies in [share, 1]. Customers with zero revenue count.
 *
 * Sums are exact: revenues that are numbers with up to nine decimal places are
 * summed as integers, without a Decimal per customer; others as Decimals.
 *
 * Cost: O(n log n) for the sort.
 *
 * @param revenues - revenue per customer (an array of numbers, strings,
 *   bigints or Decimals, a typed array, or a vector with `toArray()`,
 *   {@link RevenueVector}), none negative, not all zero.
 * @param share - the top share of customers, in (0, 1]: 0.2 for the top 20 %.
 * @returns the fraction of total revenue they bring.
 * @throws {@link MetricInputError} when a revenue is negative or not a number,
 *   the list is empty or sums to 0, or `share` is outside (0, 1].
 * @see Claims [C04](../../docs/sources.md#c04), from a Persian web article on winning new customers or keeping the ones you have and from the Hebrew blog post "A loyal customer is your best marketer", and [C05](../../docs/sources.md#c05), from the same blog post.
 *
 * @example
 * ```ts
 * import { topCustomerShare } from 'retention-metrics';
 *
 * topCustomerShare([500, 300, 100, 50, 50], 0.2).toString();
 * //=> '0.5'
 * topCustomerShare([500, 300, 100, 50, 50], 0.5).toString();
 * //=> '0.85'
 * ```
 *
 * @category Revenue concentration
 */
export function topCustomerShare(revenues: RevenueList | RevenueVector, share: Numeric): Decimal {
  const v = parseInput('topCustomerShare', schema, { revenues, share });
  return toResult(topRevenueShare(v.revenues, v.share));
}
