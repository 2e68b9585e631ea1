import { describeValue } from '../../internal/numeric';
import type { BoundaryDirection } from './fitting';
import { iterationLimit, optionalNumberField } from './inputs';

/** Options every fit takes. */
export interface FitOptions {
  /** Iteration limit of the optimiser, all starts and restarts together. */
  maxIterations?: number;
  /** Level of the confidence intervals in `diagnostics.intervals`, in (0, 1). Default 0.95. */
  confidenceLevel?: number;
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
 * The warning for a parameter at a boundary: what running there means for
 * the customers, and that the estimate is a limit, not a maximum.
 */
export function boundaryWarning(parameter: string, towards: BoundaryDirection, meaning: string): string {
  return `${parameter} runs to ${towards === 'zero' ? '0' : 'infinity'}: ${meaning}; the likelihood has no maximum inside its range, so the estimate is a limit and converged is false`;
}
