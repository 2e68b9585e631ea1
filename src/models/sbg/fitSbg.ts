import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, objectSchema, parseInput } from '../../internal/schema';
import { type CohortInput, cohortsField } from '../internal/cohorts';
import { iterationLimit, optionalNumberField } from '../internal/inputs';
import { nelderMead } from '../internal/nelderMead';
import { cohortLogLikelihood } from './survival';

/** Options of {@link fitSbg}. */
export interface FitSbgOptions {
  /** Iteration limit of the optimiser. Default 5000. */
  maxIterations?: number;
}

/** A fitted shifted beta-geometric model: plain numbers, safe to store as JSON. */
export interface SbgFit {
  /** Which model this is. */
  model: 'sbg';
  /** alpha of the beta distribution of churn probabilities. */
  alpha: number;
  /** beta of the beta distribution of churn probabilities. */
  beta: number;
  /** Log-likelihood of the data at the estimate. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Customers at period 0, over all cohorts. */
  customers: number;
  /** Periods observed in the longest cohort. */
  periods: number;
  /** Number of cohorts fitted. */
  cohorts: number;
}

const schema = /* @__PURE__ */ buildFitSbgSchema();

/** The zod schema {@link fitSbg} validates its arguments with, as `{ cohorts, ...options }`. */
export const fitSbgSchema: MetricSchema = schema;

function buildFitSbgSchema() {
  return objectSchema({
    cohorts: cohortsField(2),
    maxIterations: optionalNumberField(iterationLimit),
  });
}

/**
 * Fits the shifted beta-geometric (sBG) model of contractual retention by
 * maximum likelihood, to one cohort or to several cohorts of any ages.
 *
 * @remarks
 * Each customer has a constant churn probability theta per period, and theta
 * varies across customers as a Beta(alpha, beta) distribution. So the
 * population's retention rises with tenure as the customers most likely to
 * leave go first: P(T = 1) = alpha / (alpha + beta),
 * P(T = t) = (beta + t - 2) / (alpha + beta + t - 1) P(T = t - 1), and
 * retention in period t is (beta + t - 1) / (alpha + beta + t - 1).
 *
 * The likelihood counts, for each cohort, the customers lost in each period
 * (ln P(T = t) each) and those still active at the end (ln P(T > last)). The
 * optimiser is Nelder-Mead on (ln alpha, ln beta), which keeps both positive,
 * from alpha = beta = 1.
 *
 * Cost: O(iterations x total periods); a few hundred iterations.
 *
 * @param cohorts - customers still active at the start of periods 0, 1, 2, ...
 *   (`[1000, 631, 468]`), `{ survivors }`, `{ customers, lostPerPeriod }`,
 *   or a list of such cohorts.
 * @param options - the iteration limit.
 * @returns the parameters, the log-likelihood and what the fit saw.
 * @throws {@link MetricInputError} when counts rise, are not whole, cover fewer
 *   than two periods, or show no churn at all.
 * @see Fader, P. S. and Hardie, B. G. S. (2007), How to project customer retention, Journal of Interactive Marketing 21(1).
 *
 * @example
 * ```ts
 * import { fitSbg } from 'retention-metrics';
 *
 * // Fader and Hardie's "regular" cohort, years 0 to 7.
 * const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
 * fit.alpha.toFixed(3);
 * //=> '0.704'
 * fit.beta.toFixed(3);
 * //=> '1.182'
 * ```
 */
export function fitSbg(cohorts: CohortInput, options: FitSbgOptions = {}): SbgFit {
  if (!isOptionsObject(options))
    fail('fitSbg', 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput('fitSbg', schema, { ...options, cohorts });
  const { survivors, customers, periods } = v.cohorts;
  const found = nelderMead(
    ([logAlpha, logBeta]) => -cohortLogLikelihood(survivors, Math.exp(logAlpha as number), Math.exp(logBeta as number)),
    [0, 0],
    { maxIterations: v.maxIterations ?? 5000, valueTolerance: 1e-10, pointTolerance: 1e-10 },
  );
  const [logAlpha, logBeta] = found.point as [number, number];
  return {
    model: 'sbg',
    alpha: Math.exp(logAlpha),
    beta: Math.exp(logBeta),
    logLikelihood: -found.value,
    iterations: found.iterations,
    converged: found.converged,
    customers,
    periods,
    cohorts: survivors.length,
  };
}
