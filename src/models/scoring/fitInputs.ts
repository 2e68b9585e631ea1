import { fail, formatPath, parseQuietly } from '../../internal/schema';
import { parametersField } from '../internal/inputs';
import { fitUnitDays } from '../internal/terms';

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
