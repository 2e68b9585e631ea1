import * as z from 'zod/mini';
import { cellNumber, describeValue, readDecimal } from '../../internal/numeric';
import { readKey } from '../../internal/read';
import { RATE_FRACTION_HINT } from '../../internal/rules';
import { objectSchema, parseQuietly } from '../../internal/schema';

/** Array.isArray, false for a Proxy whose target is revoked (reading it then fails with a field named). */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/** A number rule: `undefined` when it holds, else what it requires. */
export type NumberRule = (value: number) => string | undefined;

export const positiveNumber: NumberRule = (v) => (v > 0 ? undefined : `must be greater than 0, got ${v}`);
export const nonNegativeNumber: NumberRule = (v) => (v >= 0 ? undefined : `must not be negative, got ${v}`);
/** The iteration limit of a fit: a count, so 0.5 or 0 is refused rather than read as "stop at once". */
export const iterationLimit: NumberRule = (v) =>
  Number.isInteger(v) && v >= 1 ? undefined : `must be a whole number of iterations, 1 or more, got ${v}`;
/** A discount rate per time unit, above 0 (`positive`) or from 0, and at most 1. */
export function discountRateRule(positive: boolean): NumberRule {
  return (v) =>
    (positive ? positiveNumber(v) : nonNegativeNumber(v)) ??
    (v > 1 ? `must be at most 1 per period (${RATE_FRACTION_HINT}), got ${v}` : undefined);
}
export const wholePeriod: NumberRule = (v) =>
  Number.isInteger(v) && v >= 0 ? undefined : `must be a whole number of periods, 0 or more, got ${v}`;

/**
 * A zod schema reading any numeric input (number, string, bigint, Decimal)
 * into a finite binary number, for the statistical models, which work in
 * floating point.
 */
export function numberField(rule?: NumberRule): z.ZodMiniType<number, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): number => {
      const parsed = readDecimal(value);
      let broken = typeof parsed === 'string' ? parsed : undefined;
      const number = typeof parsed === 'string' ? 0 : parsed.toNumber();
      if (broken === undefined && !Number.isFinite(number))
        broken = `must be within the range of a number, got ${describeValue(value)}`;
      broken ??= rule?.(number);
      if (broken !== undefined) ctx.issues.push({ code: 'custom', message: broken, input: value });
      return number;
    }),
  );
}

/** An optional numeric field for the models. */
export function optionalNumberField(rule?: NumberRule) {
  return z.optional(numberField(rule));
}

/** The schema of fitted sBG parameters, as the prediction functions take them. */
export function shiftedBetaGeometricParamsSchema() {
  return objectSchema({ alpha: numberField(positiveNumber), beta: numberField(positiveNumber) });
}

/**
 * A zod schema for fitted parameters: an object whose `names` fields are
 * positive finite numbers. Other fields (a fit's log-likelihood, say) are
 * ignored, so a fit result can be passed as it is.
 */
export function parametersField<const N extends readonly string[]>(
  names: N,
): z.ZodMiniType<{ [K in N[number]]: number }, unknown> {
  // One reader for every parameter and every call: building it per parameter per call was most of a prediction's cost.
  const positive = numberField(positiveNumber);
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): { [K in N[number]]: number } => {
      const output: Record<string, number> = {};
      if (typeof value !== 'object' || value === null || isArray(value)) {
        ctx.issues.push({
          code: 'custom',
          message: `must be the fitted parameters { ${names.join(', ')} }, got ${describeValue(value)}`,
          input: value,
        });
        return output as { [K in N[number]]: number };
      }
      for (const name of names) {
        const field = readKey(value as object, name);
        if (field.rule !== undefined) {
          ctx.issues.push({ code: 'custom', message: field.rule, input: value, path: [name] });
          break;
        }
        const result = parseQuietly(positive, field.value);
        if (!result.success) {
          ctx.issues.push({
            code: 'custom',
            message: result.error.issues[0]?.message ?? 'is invalid',
            input: value,
            path: [name],
          });
          break;
        }
        output[name] = result.data as number;
      }
      return output as { [K in N[number]]: number };
    }),
  );
}

/** The most customers one grouped row may stand for. */
const MAX_ROW_CUSTOMERS = 1e15;

/**
 * The customers a row of a model's data stands for: its `customers` cell, 1
 * when it has none; or the reason the cell is refused. `shared` names what
 * the customers share ("summary (grouped rows)", "history"); `note` names the row.
 */
export function rowCustomers(raw: unknown, note: () => string, shared = 'summary (grouped rows)'): number | string {
  if (raw === undefined) return 1;
  const count = cellNumber(raw);
  if (Number.isInteger(count) && count >= 0 && count <= MAX_ROW_CUSTOMERS) return count;
  return `must be the whole number of customers who share this ${shared}, 0 or more, got ${describeValue(raw)}${note()}`;
}
