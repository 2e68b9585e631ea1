import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { positive } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput } from '../internal/schema';

/**
 * Input of {@link ltvToCacRatio}.
 *
 * @expand
 * @category Acquisition cost
 */
export interface LtvToCacRatioOptions {
  /** Lifetime value of one customer. */
  lifetimeValue: Numeric;
  /** Cost of acquiring one customer, greater than 0. */
  acquisitionCost: Numeric;
}

const schema = /* @__PURE__ */ buildLtvToCacRatioSchema();

/**
 * The zod schema {@link ltvToCacRatio} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const ltvToCacRatioSchema: MetricSchema = schema;

function buildLtvToCacRatioSchema() {
  return objectSchema({
    lifetimeValue: decimalField(),
    acquisitionCost: decimalField(
      positive(' (a customer acquired for free has no LTV:CAC ratio; compare lifetime values directly)'),
    ),
  });
}

/**
 * LTV:CAC ratio: how many times a customer's lifetime value covers what it
 * cost to acquire.
 *
 * @remarks
 * ```math
 * \text{ratio} = \frac{\text{lifetimeValue}}{\text{acquisitionCost}}
 * ```
 *
 * Below 1 every new customer loses money; around 3 is the usual target; far
 * above 3 often means the business could spend more on growth.
 *
 * Cost: O(1).
 *
 * @param options - the lifetime value and the acquisition cost per customer.
 * @returns the ratio as a Decimal.
 * @throws {@link MetricInputError} when `acquisitionCost` is not greater than 0.
 *
 * @example
 * ```ts
 * import { ltvToCacRatio } from 'retention-metrics';
 *
 * ltvToCacRatio({ lifetimeValue: 500, acquisitionCost: 125 }).toString();
 * //=> '4'
 * ```
 *
 * @category Acquisition cost
 */
export function ltvToCacRatio(options: LtvToCacRatioOptions): Decimal {
  const v = parseInput('ltvToCacRatio', schema, options);
  return toResult(v.lifetimeValue.div(v.acquisitionCost));
}
