import type * as z from 'zod/mini';
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
