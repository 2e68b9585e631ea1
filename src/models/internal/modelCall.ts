import type * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, parseInput } from '../../internal/schema';

/**
 * Validates a prediction call `(parameters, options)` against a schema of
 * `{ parameters, ...options }`, so that errors name `parameters.alpha` or the
 * option at fault.
 */
export function parseModelCall<S extends z.ZodMiniType>(
  functionName: string,
  schema: S,
  parameters: unknown,
  options: unknown,
): z.output<S> {
  return parseInput(functionName, schema, { ...readOptions(functionName, options), parameters });
}

/**
 * The options argument of a model function, refused unless it is an options
 * object or left out (then `{}`): checked before it is spread into the input,
 * where a string or a number would spread into nothing and pass unnoticed.
 */
export function readOptions(functionName: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isOptionsObject(options)) {
    fail(functionName, 'options', `must be an options object, got ${describeValue(options)}`);
  }
  return options;
}
