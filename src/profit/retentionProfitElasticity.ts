import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { lifetimeTerms } from '../internal/fields';
import { lifetimeValueSlope } from '../internal/lifetime';
import { type MetricSchema, objectSchema, parseInput } from '../internal/schema';
import type { LifetimeOptions } from '../types';
import { profitAt, profitFields, zeroProfit } from './profitTerms';

/**
 * Input of {@link retentionProfitElasticity}.
 *
 * @expand
 * @category Retention and profit
 */
export interface RetentionProfitElasticityOptions extends LifetimeOptions {
  /** Retention rate per period, a fraction in [0, 1]. */
  retentionRate: Numeric;
  /** Margin of one active customer per period. */
  margin: Numeric;
  /** Cost of acquiring one customer, at least 0. Default 0. */
  acquisitionCost?: Numeric;
}

const schema = /* @__PURE__ */ buildRetentionProfitElasticitySchema();

/**
 * The zod schema {@link retentionProfitElasticity} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const retentionProfitElasticitySchema: MetricSchema = schema;

function buildRetentionProfitElasticitySchema() {
  return objectSchema(profitFields());
}

/**
 * Elasticity of profit to retention: the percent change in profit per
 * acquired customer for a 1 % (relative) change in the retention rate.
 *
 * @remarks
 * The elasticity is as below, with P = CLV(r) - acquisitionCost and CLV as
 * in customerLifetimeValue.
 *
 * ```math
 * \text{elasticity} = \frac{dP}{dr} \times \frac{r}{|P|}
 * ```
 *
 * For an unlimited horizon, timing `'start'` and no growth, dCLV/dr is as
 * below, and so, with no acquisition cost, the elasticity: 3.4 at r = 0.85,
 * d = 0.1.
 *
 * ```math
 * \frac{d\,\text{CLV}}{dr} = \frac{m (1 + d)}{(1 + d - r)^2}, \qquad \text{elasticity} = \frac{r}{1 + d - r}
 * ```
 *
 * Finite horizons use the exact derivative of the finite sum. Dividing by |P|, as the relative
 * change of retentionProfitSensitivity does, keeps the sign meaningful when
 * profit is negative: a positive elasticity means more retention, more profit.
 *
 * Cost: O(log H) multiplications.
 *
 * @param options - retention, margin, acquisition cost and lifetime terms.
 * @returns the elasticity (3.4 means +1 % retention gives about +3.4 % profit).
 * @throws {@link MetricInputError} when profit is exactly 0, the value is infinite,
 *   or a field is out of range.
 *
 * @example
 * ```ts
 * import { retentionProfitElasticity } from 'retention-metrics';
 *
 * retentionProfitElasticity({ retentionRate: 0.85, margin: 100, discountRate: 0.1 }).toString();
 * //=> '3.4'
 * ```
 *
 * @category Retention and profit
 */
export function retentionProfitElasticity(options: RetentionProfitElasticityOptions): Decimal {
  const fn = 'retentionProfitElasticity';
  const v = parseInput(fn, schema, options);
  const profit = profitAt(fn, v, v.retentionRate);
  if (profit.isZero()) zeroProfit(fn, v, 'an elasticity');
  const slope = lifetimeValueSlope(fn, lifetimeTerms(v.margin, v.retentionRate, v));
  return toResult(slope.times(v.retentionRate).div(profit.abs()));
}
