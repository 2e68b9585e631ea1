import { MetricInputError } from './errors';

/**
 * Reading user input without trusting it: a getter may throw, a Proxy may
 * throw from any of its traps, and a value may change between two reads.
 * Every public function reads each value once, through these helpers or
 * inside a try block that turns a failure into a MetricInputError naming the
 * field, so that no TypeError and none of the user's own errors escape.
 */

/** The message of something thrown while reading, without calling any of its methods. */
export function thrownText(error: unknown): string {
  let text: unknown = error;
  try {
    if (typeof error === 'object' && error !== null) text = Object.getOwnPropertyDescriptor(error, 'message')?.value;
  } catch {
    // A Proxy thrown as an error: say nothing more about it.
    text = undefined;
  }
  if (typeof text !== 'string' || text === '') return 'an error without a message';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The rule of a field whose reading threw: a throwing getter or Proxy. */
export function unreadableRule(error: unknown): string {
  return `could not be read: reading it threw (${thrownText(error)}); pass plain data (a getter or Proxy that throws is not a value)`;
}

/**
 * The error for a failure while reading `field`: a MetricInputError raised on
 * purpose passes through; anything else (a getter's error, a Proxy's
 * TypeError) becomes a MetricInputError naming the field.
 */
export function readFailure(functionName: string, field: string | undefined, error: unknown): MetricInputError {
  if (MetricInputError.is(error)) return error;
  return new MetricInputError(functionName, field, unreadableRule(error));
}

/** An object's own enumerable string keys, or the reason they could not be listed. */
export function ownKeys(value: object): string[] | { error: unknown } {
  try {
    return Object.keys(value);
  } catch (error) {
    return { error };
  }
}

/**
 * The first of `keys` that is not in `known`, with a did-you-mean when one
 * known key differs only in case or by one or two letters; `undefined` when
 * every key is known.
 */
export function unknownKey(
  keys: readonly string[],
  known: readonly string[],
): { key: string; near?: string } | undefined {
  for (const key of keys) {
    if (known.includes(key)) continue;
    const near =
      known.find((k) => k.toLowerCase() === key.toLowerCase()) ??
      (key.length >= 4 ? known.find((k) => editDistance(k, key) <= 2) : undefined);
    return near === undefined ? { key } : { key, near };
  }
  return undefined;
}

/** The rule for an unknown option: what the options are, and the likely one meant. */
export function unknownKeyRule(found: { key: string; near?: string }, known: readonly string[]): string {
  return `is not an option here${found.near === undefined ? '' : ` (did you mean ${found.near}?)`}; the options are ${known.join(', ')}`;
}

/**
 * Refuses an options object with a key the function does not know (a misspelt
 * option would otherwise be dropped without a word). `path` is where the
 * object sits (`'timeUnit'`, or `''` for the top level).
 */
export function refuseUnknownKeys(functionName: string, value: object, known: readonly string[], path = ''): void {
  const keys = ownKeys(value);
  if (!Array.isArray(keys)) throw readFailure(functionName, path === '' ? undefined : path, keys.error);
  const found = unknownKey(keys, known);
  if (found === undefined) return;
  throw new MetricInputError(
    functionName,
    path === '' ? found.key : `${path}.${found.key}`,
    unknownKeyRule(found, known),
  );
}

/** Levenshtein distance, for short option names only (it stops early beyond 2). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Reads an options object once: every own enumerable field into a fresh
 * record, so that nothing downstream touches the caller's object again (a
 * getter that answers differently on each read cannot tell validation one
 * thing and the computation another). A field whose reading throws is
 * reported on that field. `path` names the object in errors (`'options'`).
 */
export function snapshotRecord(functionName: string, value: object, path: string | undefined): Record<string, unknown> {
  const keys = ownKeys(value);
  if (!Array.isArray(keys)) throw readFailure(functionName, path, keys.error);
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    // Own data fields only: no prototype can be reached through `__proto__`.
    try {
      Object.defineProperty(copy, key, {
        value: (value as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } catch (error) {
      throw readFailure(functionName, key, error);
    }
  }
  return copy;
}

/** Reads `object[key]` once: `{ value }`, or `{ rule }` (the refusal to report on the key) when reading throws. */
export function readKey(object: object, key: string): { value: unknown; rule?: undefined } | { rule: string } {
  try {
    return { value: (object as Record<string, unknown>)[key] };
  } catch (error) {
    return { rule: unreadableRule(error) };
  }
}
