import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { positive } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, optionalDecimalField, parseInput } from '../internal/schema';

/**
 * Input of {@link maxAcquisitionCost}.
 *
 * @expand
 * @category Acquisition cost
 */
export interface MaxAcquisitionCostOptions {
  /** Lifetime value of one customer (see customerLifetimeValue). */
  lifetimeValue: Numeric;
  /** Required ratio of lifetime value to acquisition cost, greater than 0. Default 3. */
  ltvToCacRatio?: Numeric;
}

const schema = /* @__PURE__ */ buildMaxAcquisitionCostSchema();

/**
 * The zod schema {@link maxAcquisitionCost} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const maxAcquisitionCostSchema: MetricSchema = schema;

function buildMaxAcquisitionCostSchema() {
  return objectSchema({
    lifetimeValue: decimalField(),
    ltvToCacRatio: optionalDecimalField(positive(' (the ratio of lifetime value to acquisition cost)')),
  });
}

/**
 * The most a business may pay to acquire a customer (the CAC ceiling), given
 * what a customer is worth and the LTV:CAC ratio it wants to keep.
 *
 * @remarks
 * ```math
 * \text{ceiling} = \frac{\text{lifetimeValue}}{\text{ltvToCacRatio}}
 * ```
 *
 * The common rule of thumb is a ratio of 3 (the default): a customer should
 * bring three times what it cost to win.
 * A ratio of 1 gives the break-even cost. A negative lifetime value gives a
 * negative ceiling: such customers are not worth acquiring at any price.
 *
 * Cost: O(1).
 *
 * @param options - the lifetime value and the target ratio.
 * @returns the highest acceptable acquisition cost per customer.
 * @throws {@link MetricInputError} when `ltvToCacRatio` is not greater than 0.
 * @see Item [W05](../../docs/sources.md#w05), from the Persian web article "What is customer retention? + customer retention strategies".
 *
 * @example
 * ```ts
 * import { customerLifetimeValue, maxAcquisitionCost } from 'retention-metrics';
 *
 * const lifetimeValue = customerLifetimeValue({ margin: 100, retentionRate: 0.8 }); // 500
 * maxAcquisitionCost({ lifetimeValue }).toFixed(2);
 * //=> '166.67'
 * maxAcquisitionCost({ lifetimeValue, ltvToCacRatio: 1 }).toString();
 * //=> '500'
 * ```
 *
 * @category Acquisition cost
 */
export function maxAcquisitionCost(options: MaxAcquisitionCostOptions): Decimal {
  const v = parseInput('maxAcquisitionCost', schema, options);
  return toResult(v.ltvToCacRatio === undefined ? v.lifetimeValue.div(3) : v.lifetimeValue.div(v.ltvToCacRatio));
}
