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
  if (options !== undefined && !isOptionsObject(options)) {
    fail(functionName, 'options', `must be an options object, got ${describeValue(options)}`);
  }
  return parseInput(functionName, schema, { ...(options as object | undefined), parameters });
}
