import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { nonNegative, positiveCount } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput } from '../internal/schema';

/**
 * Input of {@link averageRevenuePerCustomer}.
 *
 * @expand
 * @category Revenue
 */
export interface AverageRevenuePerCustomerOptions {
  /** Revenue over the period, in any currency unit, at least 0. */
  revenue: Numeric;
  /** Customers who bought in the period, a whole number greater than 0. */
  customers: Numeric;
}

const schema = /* @__PURE__ */ buildAverageRevenuePerCustomerSchema();

/**
 * The zod schema {@link averageRevenuePerCustomer} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const averageRevenuePerCustomerSchema: MetricSchema = schema;

function buildAverageRevenuePerCustomerSchema() {
  return objectSchema({
    revenue: decimalField(nonNegative),
    customers: decimalField(positiveCount(' (an average needs at least one customer)')),
  });
}

/**
 * Average revenue per customer over a period: a first measure of what an
 * existing customer is worth, and of what keeping one may cost.
 *
 * @remarks
 * ARPC, below, is in the revenue's currency per customer per period.
 *
 * ```math
 * \text{ARPC} = \frac{\text{revenue}}{\text{customers}}
 * ```
 *
 * It is revenue, not margin: multiply by the gross margin (and subtract the
 * cost to serve) before using it as the `margin` of customerLifetimeValue.
 *
 * Cost: O(1).
 *
 * @param options - revenue and customer count for the period.
 * @returns revenue per customer as an exact Decimal.
 * @throws {@link MetricInputError} when revenue is negative or `customers` is
 *   not a whole number greater than 0.
 * @see Worked example [W04](../../docs/sources.md#w04), from the Hebrew blog post "A loyal customer is your best marketer".
 *
 * @example
 * ```ts
 * import { averageRevenuePerCustomer } from 'retention-metrics';
 *
 * // 1.8 million NIS from 600 customers in a year.
 * averageRevenuePerCustomer({ revenue: 1_800_000, customers: 600 }).toString();
 * //=> '3000'
 * ```
 *
 * @category Revenue
 */
export function averageRevenuePerCustomer(options: AverageRevenuePerCustomerOptions): Decimal {
  const v = parseInput('averageRevenuePerCustomer', schema, options);
  return toResult(v.revenue.div(v.customers));
}
