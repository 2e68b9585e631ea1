import * as z from 'zod/mini';
import { type Decimal, Exact } from './decimal';
import { MetricInputError, type MetricInputIssue } from './errors';
import { describeValue, readDecimal } from './numeric';
import { ownKeys, readFailure, readKey, snapshotRecord, unknownKey, unknownKeyRule, unreadableRule } from './read';
import { anyFinite, type Rule } from './rules';

/** A zod schema that reads any numeric input exactly into a Decimal and applies `rule`. */
export function decimalField(rule: Rule = anyFinite): z.ZodMiniType<Decimal, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): Decimal => {
      const parsed = readDecimal(value);
      const broken = typeof parsed === 'string' ? parsed : rule(parsed);
      if (broken === undefined) return parsed as Decimal;
      ctx.issues.push({ code: 'custom', message: broken, input: value });
      return new Exact(0);
    }),
  );
}

/** An optional numeric field: absent (or `undefined`) means "use the default". */
export function optionalDecimalField(rule: Rule = anyFinite): z.ZodMiniOptional<z.ZodMiniType<Decimal, unknown>> {
  return z.optional(decimalField(rule));
}

/** An optional string field restricted to a few choices, with a message that lists them. */
export function choiceField<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value, ctx): T[number] => {
        if (!choices.includes(value as string)) {
          ctx.issues.push({
            code: 'custom',
            message: `must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`,
            input: value,
          });
        }
        return value as T[number];
      }),
    ),
  );
}

/** Where a cross-field check reports what it found. */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path: PropertyKey[] }): void;
}

/** Adds an issue on `field` from inside a cross-field check. */
export function report(ctx: IssueSink, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, path: [field] });
}

type Shape = Record<string, z.ZodMiniType<unknown, unknown>>;

/** The parsed value of an objectSchema: each field's output. */
export type ParsedShape<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/**
 * A zod schema for an options object: every field of `shape` is read once
 * with its own zod schema, then `check` looks at the fields together.
 *
 * This stands in for `z.object(shape).check(z.superRefine(check))`, which adds
 * about 1.8 KB (gzipped) of zod's object machinery to every app that imports a
 * single function; a reader of the input values needs none of it. Unlike
 * z.object, an unknown field is an error, so that a misspelt option is not
 * silently dropped. `alsoAccepted` names fields that may be present and are
 * not read: the other columns of a data row the function is designed to take
 * as it is (a periodCounts row in retentionRate, an rfmSummary row in a
 * prediction). A field whose reading throws (a getter, a Proxy) is reported
 * on that field.
 */
export function objectSchema<S extends Shape>(
  shape: S,
  check?: (value: ParsedShape<S>, ctx: IssueSink) => void,
  alsoAccepted: readonly string[] = [],
): z.ZodMiniType<ParsedShape<S>, unknown> {
  const known = Object.keys(shape);
  const accepted = [...known, ...alsoAccepted];
  return z.pipe(
    z.unknown(),
    z.transform((input, ctx): ParsedShape<S> => {
      const output: Record<string, unknown> = {};
      let isObject: boolean;
      try {
        isObject = isOptionsObject(input);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: unreadableRule(error), input });
        return output as ParsedShape<S>;
      }
      if (!isObject) {
        ctx.issues.push({ code: 'custom', message: `must be an options object, got ${describeValue(input)}`, input });
        return output as ParsedShape<S>;
      }
      const record = input as Record<string, unknown>;
      const keys = ownKeys(record);
      if (!Array.isArray(keys)) {
        ctx.issues.push({ code: 'custom', message: unreadableRule(keys.error), input });
        return output as ParsedShape<S>;
      }
      const found = unknownKey(keys, accepted);
      if (found !== undefined) {
        ctx.issues.push({ code: 'custom', message: unknownKeyRule(found, known), input, path: [found.key] });
        return output as ParsedShape<S>;
      }
      for (const key of known) {
        const field = readKey(record, key);
        if (field.rule !== undefined) {
          ctx.issues.push({ code: 'custom', message: field.rule, input, path: [key] });
          return output as ParsedShape<S>;
        }
        const result = parseQuietly(shape[key] as z.ZodMiniType<unknown, unknown>, field.value);
        if (!result.success) {
          for (const issue of result.error.issues) {
            ctx.issues.push({ code: 'custom', message: issue.message, input, path: [key, ...issue.path] });
          }
          return output as ParsedShape<S>;
        }
        output[key] = result.data;
      }
      check?.(output as ParsedShape<S>, {
        addIssue: (issue) => ctx.issues.push({ ...issue, input }),
      });
      return output as ParsedShape<S>;
    }),
  );
}

/** Formats an issue path the way a reader writes it: `revenues[3]`, `reasons.price`. */
export function formatPath(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** Whether `value` can be an options object (not null, not an array, not a primitive). */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `schema.safeParse(value)`, except that a failure carries its issues in a
 * plain object rather than a ZodError: constructing a ZodError assigns its
 * `name`, which throws where the built-ins are frozen (SES lockdown), and
 * validation must work there. This runs the schema as safeParse does; every
 * issue the library raises is its own (custom, with its message and path).
 */
export function parseQuietly(
  schema: z.ZodMiniType,
  value: unknown,
): { success: true; data: unknown } | { success: false; error: { issues: MetricInputIssue[] } } {
  const result = schema._zod.run({ value, issues: [] }, { async: false }) as z.core.ParsePayload;
  if (result.issues.length === 0) return { success: true, data: result.value };
  const issues = result.issues.map((issue) => ({
    path: (issue.path ?? []) as PropertyKey[],
    message: issue.message ?? 'is invalid',
    code: issue.code ?? 'custom',
  }));
  return { success: false, error: { issues } };
}

/**
 * Validates `input` against `schema` for the public function `functionName`,
 * turning the first problem into a MetricInputError that names the field and
 * the rule. Anything thrown while reading the input (a hostile getter, say)
 * becomes a MetricInputError too.
 */
export function parseInput<S extends z.ZodMiniType>(functionName: string, schema: S, input: unknown): z.output<S> {
  let isObject: boolean;
  try {
    isObject = isOptionsObject(input);
  } catch (error) {
    throw readFailure(functionName, undefined, error);
  }
  if (!isObject) {
    throw new MetricInputError(
      functionName,
      undefined,
      `expects an options object, got ${describeValue(input)}; see the documentation of ${functionName} for its fields`,
    );
  }
  // Each field is read once, here: the schema and the computation see the same values.
  const record = snapshotRecord(functionName, input as object, 'options');
  let result: ReturnType<S['safeParse']>;
  try {
    result = parseQuietly(schema, record) as ReturnType<S['safeParse']>;
  } catch (error) {
    throw readFailure(functionName, undefined, error);
  }
  if (result.success) return result.data as z.output<S>;
  const issues = result.error.issues;
  // Every issue is one of the library's own (custom, with its message); zod's built-in
  // type checks are not used, so no zod wording reaches a message.
  const first = issues[0] as MetricInputIssue;
  throw new MetricInputError(functionName, formatPath(first.path), first.message, issues);
}

/** Throws a MetricInputError for a rule that only the function itself can check. */
export function fail(functionName: string, field: string | undefined, rule: string): never {
  throw new MetricInputError(functionName, field, rule);
}

/**
 * A zod schema for a record of named numeric values (`{ price: 0.09, ... }`),
 * read into an array of `[name, value]` pairs so that no key (`__proto__`
 * included) can reach an object's prototype.
 */
export function namedDecimalsField(rule: Rule): z.ZodMiniType<Array<[string, Decimal]>, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): Array<[string, Decimal]> => {
      let isObject: boolean;
      try {
        isObject = isOptionsObject(value);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: unreadableRule(error), input: value });
        return [];
      }
      if (!isObject) {
        ctx.issues.push({
          code: 'custom',
          message: `must be an object of named values such as { price: 0.09 }, got ${describeValue(value)}`,
          input: value,
        });
        return [];
      }
      const entries: Array<[string, Decimal]> = [];
      const names = ownKeys(value as object);
      if (!Array.isArray(names)) {
        ctx.issues.push({ code: 'custom', message: unreadableRule(names.error), input: value });
        return [];
      }
      for (const name of names) {
        const field = readKey(value as object, name);
        if (field.rule !== undefined) {
          ctx.issues.push({ code: 'custom', message: field.rule, input: value, path: [name] });
          return [];
        }
        const parsed = readDecimal(field.value);
        const broken = typeof parsed === 'string' ? parsed : rule(parsed);
        if (broken !== undefined) {
          ctx.issues.push({ code: 'custom', message: broken, input: value, path: [name] });
          return [];
        }
        entries.push([name, parsed as Decimal]);
      }
      if (entries.length === 0) {
        ctx.issues.push({ code: 'custom', message: 'must name at least one value, got an empty object', input: value });
      }
      return entries;
    }),
  );
}

/**
 * The type of every exported input schema: a zod (mini) schema that accepts
 * any value and, when it is valid, returns the input read into exact Decimals.
 * Use it to validate data before calling a function, for example with
 * `retentionRateSchema.safeParse(body).success`.
 *
 * @category Input schemas (zod)
 */
export type MetricSchema = z.ZodMiniType<{ readonly [field: string]: unknown }, unknown>;

/**
 * A zod schema around a reader that validates a whole input by itself and
 * throws MetricInputError (the data-set functions, whose errors name a row:
 * `customers[2].endedAt`). The reader's problem becomes a zod issue on the
 * same field, so `safeParse` reports it and `parseInput` rethrows it.
 */
export function readerSchema<T>(reader: (input: Record<string, unknown>) => T): z.ZodMiniType<T, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((input, ctx): T => {
      if (!isOptionsObject(input)) {
        ctx.issues.push({ code: 'custom', message: `must be an options object, got ${describeValue(input)}`, input });
        return undefined as T;
      }
      try {
        return reader(input);
      } catch (error) {
        // A reader names the field of anything it refuses; a failure it did not catch
        // itself (a hostile value deep in a row) still becomes an issue, never a TypeError.
        const refused = MetricInputError.is(error) ? error : readFailure('', undefined, error);
        ctx.issues.push({
          code: 'custom',
          // A MetricInputError always carries its rule as its first issue.
          message: (refused.issues[0] as MetricInputIssue).message,
          input,
          path: refused.field === undefined ? [] : [refused.field],
        });
        return undefined as T;
      }
    }),
  );
}

/**
 * The input of a function called as `f(argument, options)`: the options
 * object read once (see snapshotRecord) with the positional arguments added
 * under their names, so that one schema validates both and errors name
 * `options` fields and argument rows alike. `options` may be left out; when
 * it is given it must be an options object (`refusal` completes the message
 * "options must be ..., got ..."; `required` refuses it left out too), and it must not carry a field named like
 * an argument, which would be silently replaced.
 */
export function optionsWith(
  functionName: string,
  options: unknown,
  args: Record<string, unknown>,
  refusal = 'an object when given',
  required = false,
): Record<string, unknown> {
  let record: Record<string, unknown> = {};
  if (options !== undefined || required) {
    let isObject: boolean;
    try {
      isObject = isOptionsObject(options);
    } catch (error) {
      throw readFailure(functionName, 'options', error);
    }
    if (!isObject) fail(functionName, 'options', `must be ${refusal}, got ${describeValue(options)}`);
    record = snapshotRecord(functionName, options as object, 'options');
  }
  for (const name of Object.keys(args)) {
    if (Object.getOwnPropertyDescriptor(record, name) !== undefined) {
      fail(functionName, name, `is an argument of ${functionName}, not an option: pass it in its own place`);
    }
    Object.defineProperty(record, name, { value: args[name], enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/** Reads `object[key]` once; a throwing getter or Proxy becomes a MetricInputError naming `field`. */
export function readField(functionName: string, object: object, key: string, field: string): unknown {
  const read = readKey(object, key);
  if (read.rule !== undefined) fail(functionName, field, read.rule);
  return read.value;
}
