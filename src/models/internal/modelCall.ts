import type * as z from 'zod/mini';
import { MetricInputError } from '../../internal/errors';
import { optionsWith, parseInput } from '../../internal/schema';

/**
 * Validates a prediction call `(parameters, options)` against a schema of
 * `{ parameters, ...options }`, so that errors name `parameters.alpha` or the
 * option at fault. The options are read once (see optionsWith); `extra`
 * carries other positional arguments under their names.
 */
export function parseModelCall<S extends z.ZodMiniType>(
  functionName: string,
  schema: S,
  parameters: unknown,
  options: unknown,
  extra: Record<string, unknown> = {},
): z.output<S> {
  const args = parameters === undefined ? extra : { parameters, ...extra };
  return parseInput(functionName, schema, optionsWith(functionName, options, args, 'an options object'));
}

/**
 * The result of a prediction or likelihood, refused when it is not a finite
 * number: at inputs near the float limit (parameters or amounts of 1e308, a
 * product of two large values) floating point overflows, and a wrong
 * Infinity or NaN must not pass as an answer. `blame` names the inputs the
 * result rests on, for the message.
 */
export function finiteResult(functionName: string, value: number, blame = 'parameters'): number {
  if (Number.isFinite(value)) return value;
  throw new MetricInputError(
    functionName,
    blame,
    `are beyond the range in which this result can be computed in floating point (it came out as ${value}, not a number the model can give): values this large (near 1.8e308, the largest float) are almost always a unit or parsing error`,
  );
}
