import { type MetricSchema, objectSchema } from '../../internal/schema';
import { parametersField } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import { discountedLifetime, lifetimeRate, lifetimeRateFields } from './discountedLifetime';
import type { SbgParameters } from './types';

/**
 * Options of {@link sbgDiscountedExpectedLifetime}: the discount rate, per period or per year.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgDiscountedExpectedLifetimeOptions {
  /** Discount rate per period, greater than 0 and at most 1. Give this or `annualDiscountRate`. */
  discountRate?: number;
  /**
   * Discount rate per year of 365.25 days, greater than 0, converted to the
   * fit's period as (1 + D)^(days per period / 365.25) - 1; needs a fit that
   * records its time unit.
   */
  annualDiscountRate?: number;
}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgDiscountedExpectedLifetime} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgDiscountedExpectedLifetimeSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({
    parameters: parametersField(['alpha', 'beta'] as const),
    ...lifetimeRateFields(),
  });
}

/**
 * Discounted expected lifetime (DEL) of a new customer under the sBG: the
 * expected number of periods it stays, each discounted to the moment of
 * acquisition. Multiply by the margin per period for its lifetime value.
 *
 * @remarks
 * DEL is as below, counting the period of acquisition (paid at once,
 * undiscounted) as t = 0.
 *
 * ```math
 * \text{DEL} = \sum_{t \ge 0} \frac{S(t)}{(1 + d)^t} = {}_2F_1\left(1, \beta; \alpha + \beta; \frac{1}{1 + d}\right)
 * ```
 *
 * The Gauss hypergeometric series is summed until its tail is below 1e-17 of
 * the sum; it needs about 37 / d terms, so d must be at least about 1e-6.
 *
 * Cost: O(1 / d).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the discount rate, per period (`discountRate`) or per year (`annualDiscountRate`, with a fit
 *   that records its unit), greater than 0.
 * @returns DEL in periods.
 * @throws {@link MetricInputError} when a parameter is not positive or the discount rate is not greater than 0.
 * @see Fader, P. S. and Hardie, B. G. S. (2010), Customer-base valuation in a contractual setting: the perils of ignoring heterogeneity, Marketing Science 29(1).
 *
 * @example
 * ```ts
 * import { sbgDiscountedExpectedLifetime } from 'retention-metrics';
 *
 * sbgDiscountedExpectedLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1 }).toFixed(2);
 * //=> '4.01'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgDiscountedExpectedLifetime(
  parameters: SbgParameters,
  options: SbgDiscountedExpectedLifetimeOptions,
): number {
  const v = parseModelCall('sbgDiscountedExpectedLifetime', schema, parameters, options);
  return discountedLifetime(
    'sbgDiscountedExpectedLifetime',
    v.parameters.alpha,
    v.parameters.beta,
    lifetimeRate('sbgDiscountedExpectedLifetime', parameters, v),
    0,
  );
}
