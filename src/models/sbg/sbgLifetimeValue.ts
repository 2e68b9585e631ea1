import { type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, optionalNumberField, parametersField, wholePeriod } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { discountedLifetime, lifetimeRate, lifetimeRateFields } from './discountedLifetime';
import type { SbgParameters } from './types';

/**
 * Options of {@link sbgLifetimeValue}.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgLifetimeValueOptions {
  /** Margin of one active customer per period (any finite number). */
  margin: number;
  /** Discount rate per period, greater than 0 and at most 1. Give this or `annualDiscountRate`. */
  discountRate?: number;
  /**
   * Discount rate per year of 365.25 days, greater than 0, converted to the
   * fit's period as (1 + D)^(days per period / 365.25) - 1; needs a fit that
   * records its time unit.
   */
  annualDiscountRate?: number;
  /**
   * For an existing customer: the periods it has been active (renewals + 1),
   * from 1. Leave out for a new customer.
   */
  periodsActive?: number;
}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgLifetimeValue} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgLifetimeValueSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({
    parameters: parametersField(['alpha', 'beta'] as const),
    margin: numberField(),
    ...lifetimeRateFields(),
    periodsActive: optionalNumberField((v) => wholePeriod(v) ?? (v < 1 ? `must be 1 or more, got ${v}` : undefined)),
  });
}

/**
 * Customer lifetime value under the sBG: margin x DEL for a new customer, or
 * margin x DERL for one already active for `periodsActive` periods.
 *
 * @remarks
 * Timing: a new customer pays its first margin on acquisition (undiscounted)
 * and one more at the start of every period it stays, as customerLifetimeValue
 * with timing 'start'. An existing customer is valued at the end of its
 * current period, just before its renewal decision: its first future margin is
 * the renewal payment, undiscounted if it renews. Unlike a constant-churn CLV,
 * this accounts for retention rising with tenure.
 *
 * Cost: O(1 / d).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - margin and discount rate per period, and the customer's tenure if existing.
 * @returns the expected discounted margin, in the margin's currency.
 * @throws {@link MetricInputError} when a parameter or option is out of range.
 * @see Fader and Hardie (2010), Customer-base valuation in a contractual setting, Marketing Science 29(1).
 *
 * @example
 * ```ts
 * import { sbgLifetimeValue } from 'retention-metrics';
 *
 * // A customer in its fifth year, margin 100 a year, 10 % discount rate.
 * sbgLifetimeValue({ alpha: 3.8, beta: 15.2 }, { margin: 100, discountRate: 0.1, periodsActive: 5 }).toFixed(0);
 * //=> '384'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgLifetimeValue(parameters: SbgParameters, options: SbgLifetimeValueOptions): number {
  const v = parseModelCall('sbgLifetimeValue', schema, parameters, options);
  const { alpha, beta } = v.parameters;
  return finiteResult(
    'sbgLifetimeValue',
    v.margin *
      discountedLifetime(
        'sbgLifetimeValue',
        alpha,
        beta,
        lifetimeRate('sbgLifetimeValue', parameters, v),
        v.periodsActive ?? 0,
      ),
    'margin',
  );
}
