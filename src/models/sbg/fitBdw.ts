import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, objectSchema, parseInput } from '../../internal/schema';
import { type CohortInput, cohortsField } from '../internal/cohorts';
import { iterationLimit, optionalNumberField } from '../internal/inputs';
import { nelderMead } from '../internal/nelderMead';
import { chiSquare1Survival } from '../special/chiSquare';
import { fitSbg, type SbgFit } from './fitSbg';
import { cohortLogLikelihood } from './survival';

/** How the beta-discrete-Weibull and the sBG compare on the same data. */
export interface RetentionModelComparison {
  /** The sBG fit of the same cohorts (the BdW with c = 1). */
  sbg: SbgFit;
  /** 2 (logLikelihood of BdW - logLikelihood of sBG): chi-square with 1 degree of freedom if c = 1. */
  likelihoodRatio: number;
  /** P-value of the likelihood-ratio test of c = 1. */
  pValue: number;
  /** Akaike information criterion of each model (lower is better). */
  aic: ModelScores;
  /** Bayesian information criterion of each model, with n = customers (lower is better). */
  bic: ModelScores;
  /** The model the data prefer: 'bdw' when the likelihood-ratio test rejects c = 1 at the 5 % level. */
  preferred: 'sbg' | 'bdw';
}

/** A score of each of the two retention models. */
export interface ModelScores {
  /** The sBG's score. */
  sbg: number;
  /** The beta-discrete-Weibull's score. */
  bdw: number;
}

/** A fitted beta-discrete-Weibull model: plain numbers, safe to store as JSON. */
export interface BdwFit {
  /** Which model this is. */
  model: 'bdw';
  /** alpha of the beta distribution of the churn parameter. */
  alpha: number;
  /** beta of the beta distribution of the churn parameter. */
  beta: number;
  /** Weibull shape: c < 1, each customer's churn falls with tenure; c > 1, it rises; c = 1 is the sBG. */
  c: number;
  /** Log-likelihood at the estimate. */
  logLikelihood: number;
  /** Optimiser iterations used (this fit's, after the sBG fit it starts from). */
  iterations: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Customers at period 0, over all cohorts. */
  customers: number;
  /** Periods observed in the longest cohort. */
  periods: number;
  /** Number of cohorts fitted. */
  cohorts: number;
  /** The comparison with the sBG. */
  comparison: RetentionModelComparison;
}

const schema = /* @__PURE__ */ buildFitBdwSchema();

/** The zod schema {@link fitBdw} validates its arguments with, as `{ cohorts, ...options }`. */
export const fitBdwSchema: MetricSchema = schema;

function buildFitBdwSchema() {
  return objectSchema({ cohorts: cohortsField(3), maxIterations: optionalNumberField(iterationLimit) });
}

/**
 * Fits the beta-discrete-Weibull (BdW) model of contractual retention, and
 * tells whether the data prefer it to the sBG.
 *
 * @remarks
 * The BdW lets each customer's own churn probability change with tenure:
 * P(T > t | theta) = (1 - theta)^(t^c), so P(T > t) = B(alpha, beta + t^c) / B(alpha, beta).
 * With c = 1 it is the sBG, where all of the rise in aggregate retention
 * comes from the mix of customers changing; c < 1 adds individual loyalty
 * growing with tenure, c > 1 individual fatigue. The fit starts from the sBG
 * estimate with c = 1 and reports a likelihood-ratio test of c = 1 with AIC
 * and BIC for both models.
 *
 * Cost: two fits, each O(iterations x total periods).
 *
 * @param cohorts - as for {@link fitSbg}; at least three periods are needed.
 * @param options - the iteration limit.
 * @returns the parameters, the log-likelihood and the comparison with the sBG.
 * @throws {@link MetricInputError} for the same data problems as fitSbg, or fewer than three periods.
 * @see Fader, P. S., Hardie, B. G. S., Liu, Y., Davin, J. and Steenburgh, T. (2018), "How to project customer retention" revisited: the role of duration dependence, Journal of Interactive Marketing 43.
 *
 * @example
 * ```ts
 * import { fitBdw } from 'retention-metrics';
 *
 * const fit = fitBdw([1000, 631, 468, 382, 326, 289, 262, 241]);
 * fit.comparison.preferred;
 * //=> 'sbg'
 * ```
 */
export function fitBdw(cohorts: CohortInput, options: { maxIterations?: number } = {}): BdwFit {
  if (!isOptionsObject(options))
    fail('fitBdw', 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput('fitBdw', schema, { ...options, cohorts });
  const { survivors, customers, periods } = v.cohorts;
  const sbg = fitSbg(survivors, options);
  const found = nelderMead(
    ([la, lb, lc]) =>
      -cohortLogLikelihood(survivors, Math.exp(la as number), Math.exp(lb as number), Math.exp(lc as number)),
    [Math.log(sbg.alpha), Math.log(sbg.beta), 0],
    { maxIterations: v.maxIterations ?? 5000, valueTolerance: 1e-10, pointTolerance: 1e-10 },
  );
  // The BdW nests the sBG: its optimum is at least as good.
  const logLikelihood = Math.max(-found.value, sbg.logLikelihood);
  const likelihoodRatio = Math.max(0, 2 * (logLikelihood - sbg.logLikelihood));
  const pValue = chiSquare1Survival(likelihoodRatio);
  const [la, lb, lc] =
    -found.value >= sbg.logLikelihood
      ? (found.point as [number, number, number])
      : [Math.log(sbg.alpha), Math.log(sbg.beta), 0];
  return {
    model: 'bdw',
    alpha: Math.exp(la),
    beta: Math.exp(lb),
    c: Math.exp(lc),
    logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers,
    periods,
    cohorts: survivors.length,
    comparison: {
      sbg,
      likelihoodRatio,
      pValue,
      aic: { sbg: 4 - 2 * sbg.logLikelihood, bdw: 6 - 2 * logLikelihood },
      bic: { sbg: 2 * Math.log(customers) - 2 * sbg.logLikelihood, bdw: 3 * Math.log(customers) - 2 * logLikelihood },
      preferred: pValue < 0.05 ? 'bdw' : 'sbg',
    },
  };
}
