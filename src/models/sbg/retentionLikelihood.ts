import { fail } from '../../internal/schema';
import { boundaryWarning } from '../internal/fitOptions';
import {
  type BoundaryDirection,
  type FitSettings,
  type MaximumLikelihood,
  maximiseLikelihood,
} from '../internal/fitting';
import { cohortLogLikelihoodWithGradient } from './survival';

/**
 * The names of the contractual models' parameters: the sBG's two, and the BdW's shape c.
 *
 * @category Contractual models: sBG and BdW
 */
export type RetentionParameterName = 'alpha' | 'beta' | 'c';

/**
 * Maximises the sBG (two parameters) or BdW (three) likelihood of survivor
 * counts from the given starts (logs of the parameters), with the checks of
 * maximiseLikelihood. The sBG is the BdW at c = 1, so both share one
 * likelihood (cohortLogLikelihoodWithGradient).
 */
export function maximiseRetentionLikelihood<P extends RetentionParameterName>(
  names: readonly P[],
  survivors: readonly number[][],
  customers: number,
  starts: readonly (readonly number[])[],
  settings: FitSettings,
): MaximumLikelihood<P> {
  const shape = names.length === 3;
  const at = (values: readonly number[]): [number, number, number] => [
    values[0] as number,
    values[1] as number,
    shape ? (values[2] as number) : 1,
  ];
  return maximiseLikelihood(
    {
      names,
      count: customers,
      evaluate: (logs) => cohortLogLikelihoodWithGradient(survivors, ...at(logs.map(Math.exp))),
      logLikelihood: (values) => cohortLogLikelihoodWithGradient(survivors, ...at(values))[0],
      starts,
      scales: names.map(() => 1),
      describeBoundary: (name, towards) => boundaryWarning(name, towards, BOUNDARY_MEANING[name][towards]),
    },
    settings,
  );
}

/** What each parameter running to a boundary says about the customers. */
const BOUNDARY_MEANING: Record<RetentionParameterName, Record<BoundaryDirection, string>> = {
  alpha: {
    zero: 'churn probabilities concentrate at 0 for most customers (with beta at 0 too: some customers leave at once and the rest never), so retention climbs to 1',
    infinity:
      'churn probabilities concentrate at 1, or, with beta growing too, every customer has the same churn probability alpha / (alpha + beta): the data show no sorting of customers by tenure',
  },
  beta: {
    zero: 'churn probabilities concentrate at 1 for some customers: they leave in their first period',
    infinity:
      'churn probabilities run to 0, or, with alpha growing too, have no spread across customers: the data show no sorting of customers by tenure',
  },
  c: {
    zero: "each customer's churn falls steeply with tenure: whoever survives the first period almost never leaves",
    infinity: "each customer's churn rises steeply with tenure: customers leave at about one fixed tenure",
  },
};

/** A public log-likelihood's value, or the error that says why it is not a number. */
export function finiteLogLikelihood(functionName: string, value: number): number {
  if (Number.isFinite(value)) return value;
  return fail(
    functionName,
    'parameters',
    'give a churn probability that rounds to 0 in a period where customers were lost: the data are impossible at these parameters, so the log-likelihood is -Infinity',
  );
}
