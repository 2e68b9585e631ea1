import { type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, parametersField, wholePeriod } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import { discountedLifetime, lifetimeRate, lifetimeRateFields } from './discountedLifetime';
import type { SbgParameters } from './types';

/**
 * Options of {@link sbgDiscountedResidualLifetime}.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgDiscountedResidualLifetimeOptions {
  /** Discount rate per period, greater than 0 and at most 1. Give this or `annualDiscountRate`. */
  discountRate?: number;
  /**
   * Discount rate per year of 365.25 days, greater than 0, converted to the
   * fit's period as (1 + D)^(days per period / 365.25) - 1; needs a fit that
   * records its time unit.
   */
  annualDiscountRate?: number;
  /** Periods the customer has been active so far (renewals + 1), a whole number from 1. */
  periodsActive: number;
}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgDiscountedResidualLifetime} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgDiscountedResidualLifetimeSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({
    parameters: parametersField(['alpha', 'beta'] as const),
    ...lifetimeRateFields(),
    periodsActive: numberField((v) => wholePeriod(v) ?? (v < 1 ? `must be 1 or more, got ${v}` : undefined)),
  });
}

/**
 * Discounted expected residual lifetime (DERL) under the sBG: for a customer
 * active for n periods (n - 1 renewals so far), standing at the end of period
 * n just before its renewal decision, the expected number of further periods
 * it pays for, each discounted to now.
 *
 * @remarks
 * ```math
 * \begin{aligned}
 * \text{DERL} &= \sum_{t \ge n} \frac{S(t) / S(n - 1)}{(1 + d)^{t - n}} \\
 * &= \frac{\beta + n - 1}{\alpha + \beta + n - 1} \times {}_2F_1\left(1, \beta + n; \alpha + \beta + n; \frac{1}{1 + d}\right)
 * \end{aligned}
 * ```
 *
 * The next payment (at the renewal, if it happens) is not discounted. DERL
 * rises with n: customers who stayed long are the loyal ones.
 *
 * Cost: O(1 / d).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the discount rate and the periods the customer has been active.
 * @returns DERL in periods.
 * @throws {@link MetricInputError} when a parameter or option is out of range.
 * @see Fader, P. S. and Hardie, B. G. S. (2010), Customer-base valuation in a contractual setting, Marketing Science 29(1), equation (6) and Table 3.
 *
 * @example
 * ```ts
 * import { sbgDiscountedResidualLifetime } from 'retention-metrics';
 *
 * [1, 2, 3, 4, 5].map((n) => sbgDiscountedResidualLifetime({ alpha: 3.8, beta: 15.2 }, { discountRate: 0.1, periodsActive: n }).toFixed(2));
 * //=> ['3.31', '3.45', '3.59', '3.72', '3.84']
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgDiscountedResidualLifetime(
  parameters: SbgParameters,
  options: SbgDiscountedResidualLifetimeOptions,
): number {
  const v = parseModelCall('sbgDiscountedResidualLifetime', schema, parameters, options);
  const { alpha, beta } = v.parameters;
  return discountedLifetime(
    'sbgDiscountedResidualLifetime',
    alpha,
    beta,
    lifetimeRate('sbgDiscountedResidualLifetime', parameters, v),
    v.periodsActive,
  );
}
