import { fail, type MetricSchema, objectSchema } from '../../internal/schema';
import { parametersField } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import type { SbgParameters } from './types';

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgExpectedLifetime} validates its arguments with, as `{ parameters }`.
 *
 * @category Input schemas (zod)
 */
export const sbgExpectedLifetimeSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta'] as const) });
}

/**
 * Expected lifetime of a new customer under the sBG, in periods, undiscounted,
 * as below.
 *
 * ```math
 * E[T] = \sum_{t \ge 0} S(t) = \frac{\alpha + \beta - 1}{\alpha - 1}
 * ```
 *
 * @remarks
 * It is finite only for alpha > 1. With alpha <= 1 enough customers are
 * nearly certain to stay that the mean lifetime is unbounded, although every
 * customer leaves eventually; discount (sbgDiscountedExpectedLifetime) to value
 * such a base. Cost: O(1).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @returns E[T] in periods.
 * @throws {@link MetricInputError} when alpha is 1 or less (the mean is infinite) or a parameter is not positive.
 *
 * @example
 * ```ts
 * import { sbgExpectedLifetime } from 'retention-metrics';
 *
 * // (3.8 + 15.2 - 1) / (3.8 - 1) = 18 / 2.8
 * sbgExpectedLifetime({ alpha: 3.8, beta: 15.2 }).toFixed(4);
 * //=> '6.4286'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgExpectedLifetime(parameters: SbgParameters): number {
  const v = parseModelCall('sbgExpectedLifetime', schema, parameters, undefined);
  const { alpha, beta } = v.parameters;
  if (alpha <= 1) {
    fail(
      'sbgExpectedLifetime',
      'parameters.alpha',
      `must be greater than 1 for a finite expected lifetime, got ${alpha}; use sbgDiscountedExpectedLifetime with a discount rate`,
    );
  }
  return finiteResult('sbgExpectedLifetime', (alpha + beta - 1) / (alpha - 1));
}
