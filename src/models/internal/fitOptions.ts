import { describeValue } from '../../internal/numeric';
import { fail } from '../../internal/schema';
import type { BoundaryDirection } from './fitting';
import { iterationLimit, optionalNumberField } from './inputs';
import { timeUnitField, type UnitLength } from './units';

/**
 * Options every fit takes.
 *
 * @category Errors and numbers
 */
export interface FitOptions {
  /** Iteration limit of the optimiser, all starts and restarts together. */
  maxIterations?: number;
  /** Level of the confidence intervals in `diagnostics.intervals`, in (0, 1). Default 0.95. */
  confidenceLevel?: number;
}

/**
 * Options of a fit whose parameters are in a time unit: those of every fit, and the unit.
 *
 * @category Errors and numbers
 */
export interface TimedFitOptions extends FitOptions {
  /**
   * The length of the time unit the data are in ('day', 'week', 'month' of
   * 30.4375 days, 'year' of 365.25 days, or `{ days }`), recorded on the fit
   * as `timeUnit` so that horizons and discount rates can be given in
   * calendar terms when scoring. Summaries from rfmSummary carry their unit
   * already; give it for plain summaries or cohorts.
   */
  timeUnit?: 'day' | 'week' | 'month' | 'year' | UnitLength;
}

/** The fields of {@link TimedFitOptions}, for the schema of a fit in a time unit. */
export function timedFitOptionFields() {
  return { ...fitOptionFields(), timeUnit: timeUnitField(undefined) };
}

/** The fields of {@link FitOptions}, for a fit's schema. */
export function fitOptionFields() {
  return {
    maxIterations: optionalNumberField(iterationLimit),
    confidenceLevel: optionalNumberField((v) =>
      v > 0 && v < 1 ? undefined : `must be between 0 and 1 (0.95 for 95 % intervals), got ${describeValue(v)}`,
    ),
  };
}

/**
 * The time unit a fit records: the one the options state or the one the
 * data carry (an rfmSummary result), refused when both are known and differ.
 */
export function fitUnit(
  functionName: string,
  stated: number | undefined,
  carried: number | undefined,
): { timeUnit?: UnitLength } {
  if (stated !== undefined && carried !== undefined && stated !== carried) {
    fail(
      functionName,
      'timeUnit',
      `says ${stated} days per unit, but the summaries were made in units of ${carried} days: leave timeUnit out, or summarise again in the unit wanted`,
    );
  }
  const days = stated ?? carried;
  return days === undefined ? {} : { timeUnit: { days } };
}

/**
 * The warning for a parameter at a boundary: what running there means for
 * the customers, and that the estimate is a limit, not a maximum.
 */
export function boundaryWarning(parameter: string, towards: BoundaryDirection, meaning: string): string {
  return `${parameter} runs to ${towards === 'zero' ? '0' : 'infinity'}: ${meaning}; the likelihood has no maximum inside its range, so the estimate is a limit and converged is false`;
}
