import { type MetricSchema, objectSchema } from '../../internal/schema';
import { nonNegativeNumber, numberField, parametersField, wholePeriod } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import type { SbgParameters } from './types';

/**
 * Options of {@link sbgProjectedSurvivors}.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgProjectedSurvivorsOptions {
  /** Customers in the cohort at period 0. */
  customers: number;
  /** Last period to project, a whole number (at most 1,000,000). */
  periods: number;
}

const MAX_PERIODS = 1_000_000;

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link sbgProjectedSurvivors} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const sbgProjectedSurvivorsSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({
    parameters: parametersField(['alpha', 'beta'] as const),
    customers: numberField(nonNegativeNumber),
    periods: numberField(
      (v) => wholePeriod(v) ?? (v > MAX_PERIODS ? `must be at most ${MAX_PERIODS}, got ${v}` : undefined),
    ),
  });
}

/**
 * Expected survivors of a cohort at the start of periods 0 to `periods` under
 * the sBG: customers x S(t), built period by period from the retention
 * rates, as below.
 *
 * ```math
 * S(t) = S(t - 1)\, \frac{\beta + t - 1}{\alpha + \beta + t - 1}
 * ```
 *
 * @remarks Cost: O(periods).
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param options - the cohort size and the last period.
 * @returns `periods + 1` expected counts (fractional), from the cohort size down.
 * @throws {@link MetricInputError} when a parameter is not positive or an option is out of range.
 * @see Fader and Hardie (2007), How to project customer retention, Table 1 and Figure 3.
 *
 * @example
 * ```ts
 * import { fitSbg, sbgProjectedSurvivors } from 'retention-metrics';
 *
 * // Fit years 0 to 7 of the "regular" cohort, project years 8 to 12.
 * const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
 * sbgProjectedSurvivors(fit, { customers: 1000, periods: 12 }).slice(8).map((n) => n.toFixed(1));
 * //=> ['220.1', '204.4', '191.2', '179.9', '170.0']
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgProjectedSurvivors(parameters: SbgParameters, options: SbgProjectedSurvivorsOptions): number[] {
  const v = parseModelCall('sbgProjectedSurvivors', schema, parameters, options);
  const { alpha, beta } = v.parameters;
  const result = [v.customers];
  let share = 1;
  for (let t = 1; t <= v.periods; t++) {
    share *= (beta + (t - 1)) / (alpha + beta + (t - 1));
    result.push(v.customers * share);
  }
  return result;
}
