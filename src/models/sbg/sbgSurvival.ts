import { type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, parametersField, wholePeriod } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { survival } from './survival';
import type { SbgParameters } from './types';

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgSurvival} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgSurvivalSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta'] as const), period: numberField(wholePeriod) });
}

/**
 * Share of a cohort still active at the start of period t under the sBG, as
 * below, with S(0) = 1.
 *
 * ```math
 * S(t) = P(T > t) = \frac{B(\alpha, \beta + t)}{B(\alpha, \beta)}
 * ```
 *
 * @remarks
 * Computed in logs (a product of per-period retention rates for t up to
 * 2,000, log-beta differences beyond), so it neither underflows early nor
 * loses digits for long tenure. Cost: O(min(t, 2000)).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the period t, a whole number from 0.
 * @returns S(t), in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not a positive number or t is not a whole number.
 * @see Fader and Hardie (2007), How to project customer retention, equation (4).
 *
 * @example
 * ```ts
 * import { sbgSurvival } from 'retention-metrics';
 *
 * // alpha = 1, beta = 1: S(t) = 1 / (t + 1)
 * sbgSurvival({ alpha: 1, beta: 1 }, { period: 3 });
 * //=> 0.25
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgSurvival(parameters: SbgParameters, options: { period: number }): number {
  const v = parseModelCall('sbgSurvival', schema, parameters, options);
  return finiteResult('sbgSurvival', survival(v.parameters.alpha, v.parameters.beta, v.period));
}
