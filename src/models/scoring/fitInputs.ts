import { cellNumber, describeValue } from '../../internal/numeric';
import { readKey } from '../../internal/read';
import { fail, formatPath, isOptionsObject, parseQuietly } from '../../internal/schema';
import { parametersField } from '../internal/inputs';

/** A fitted model's parameters as a scorer reads them, with the time unit the fit records. */
export interface ReadFit<P> {
  parameters: P;
  unitDays: number | undefined;
  /** The fit itself, for its diagnostics (covariance) when intervals are asked for. */
  source: Record<string, unknown>;
}

/** A reader of one model's fitted parameters, built once per model. */
export function fitReader<const N extends readonly string[]>(names: N) {
  const field = parametersField(names);
  return (functionName: string, value: unknown, path: string): ReadFit<{ [K in N[number]]: number }> => {
    const result = parseQuietly(field, value);
    if (!result.success) {
      const issue = result.error.issues[0];
      fail(functionName, formatPath([path, ...(issue?.path ?? [])]), issue?.message ?? 'is invalid');
    }
    const source = value as Record<string, unknown>;
    return {
      parameters: result.data as { [K in N[number]]: number },
      unitDays: fitUnitDays(functionName, source, path),
      source,
    };
  };
}

/** The days per unit a fit records in its `timeUnit` field, or undefined when it has none. */
function fitUnitDays(functionName: string, fit: Record<string, unknown>, path: string): number | undefined {
  const read = readKey(fit, 'timeUnit');
  if (read.rule !== undefined) fail(functionName, `${path}.timeUnit`, read.rule);
  if (read.value === undefined) return undefined;
  const days = isOptionsObject(read.value) ? readKey(read.value, 'days') : undefined;
  const n = days === undefined || days.rule !== undefined ? Number.NaN : cellNumber(days.value);
  if (!(n > 0 && n < Number.POSITIVE_INFINITY)) {
    fail(
      functionName,
      `${path}.timeUnit`,
      `must be { days } with days per unit greater than 0, as a fit records it, got ${describeValue(read.value)}`,
    );
  }
  return n;
}

/**
 * The time unit the scores are in: the fit's and the table's, which must
 * agree when both are known.
 */
export function scoringUnit(
  functionName: string,
  fitDays: number | undefined,
  tableDays: number | undefined,
): number | undefined {
  if (fitDays !== undefined && tableDays !== undefined && fitDays !== tableDays) {
    fail(
      functionName,
      'customers',
      `were summarised in units of ${tableDays} days, but the fit is in units of ${fitDays} days: summarise the customers again in the fit's unit (rfmSummary's timeUnit)`,
    );
  }
  return fitDays ?? tableDays;
}
