import { fail, type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, parametersField, wholePeriod } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import type { SbgParameters } from './types';

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgRetentionRate} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgRetentionRateSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta'] as const), period: numberField(wholePeriod) });
}

/**
 * Retention rate in period t under the sBG: the share of customers active at
 * the start of period t - 1 who are still active at the start of period t,
 * r(t), as below.
 *
 * ```math
 * r(t) = \frac{\beta + t - 1}{\alpha + \beta + t - 1}
 * ```
 *
 * It rises with t: the customers most likely to leave go first.
 *
 * @remarks Cost: O(1).
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the period t, a whole number from 1.
 * @returns r(t), in (0, 1).
 * @throws {@link MetricInputError} when a parameter is not positive or t is not a whole number from 1.
 * @see Fader and Hardie (2007), How to project customer retention, equation (5).
 *
 * @example
 * ```ts
 * import { sbgRetentionRate } from 'retention-metrics';
 *
 * // (1 + 2 - 1) / (1 + 1 + 2 - 1) = 2/3
 * sbgRetentionRate({ alpha: 1, beta: 1 }, { period: 2 }).toFixed(4);
 * //=> '0.6667'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgRetentionRate(parameters: SbgParameters, options: { period: number }): number {
  const v = parseModelCall('sbgRetentionRate', schema, parameters, options);
  if (v.period < 1) fail('sbgRetentionRate', 'period', 'must be 1 or more: retention is measured over a period');
  const { alpha, beta } = v.parameters;
  // beta + (t - 1), not (beta + t) - 1: a tiny beta must not vanish in the rounding.
  return (beta + (v.period - 1)) / (alpha + beta + (v.period - 1));
}
