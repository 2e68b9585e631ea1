import { fail, type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, parametersField, wholePeriod } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import { survival } from './survival';
import type { SbgParameters } from './types';

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgChurnProbability} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgChurnProbabilitySchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta'] as const), period: numberField(wholePeriod) });
}

/**
 * Probability that a new customer churns in period t under the sBG, as below.
 *
 * ```math
 * \begin{aligned}
 * P(T = t) &= S(t - 1) - S(t), \quad \text{with} \\
 * P(T = 1) &= \frac{\alpha}{\alpha + \beta} \quad \text{and} \\
 * P(T = t) &= \frac{\beta + t - 2}{\alpha + \beta + t - 1} \times P(T = t - 1)
 * \end{aligned}
 * ```
 *
 * @remarks Cost: O(min(t, 2000)).
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the period t, a whole number from 1.
 * @returns P(T = t), in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not positive or t is not a whole number from 1.
 * @see Fader and Hardie (2007), How to project customer retention, equations (2) and (3).
 *
 * @example
 * ```ts
 * import { sbgChurnProbability } from 'retention-metrics';
 *
 * // alpha = beta = 1: P(T = t) = 1 / (t (t + 1)); t = 1 gives 1/2.
 * sbgChurnProbability({ alpha: 1, beta: 1 }, { period: 1 });
 * //=> 0.5
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgChurnProbability(parameters: SbgParameters, options: { period: number }): number {
  const v = parseModelCall('sbgChurnProbability', schema, parameters, options);
  if (v.period < 1) fail('sbgChurnProbability', 'period', 'must be 1 or more: churn happens in a period');
  const { alpha, beta } = v.parameters;
  const before = survival(alpha, beta, v.period - 1);
  // S(t-1) - S(t) = S(t-1) (1 - r(t)) = S(t-1) alpha / (alpha + beta + t - 1): no cancellation.
  return (before * alpha) / (alpha + beta + (v.period - 1));
}
