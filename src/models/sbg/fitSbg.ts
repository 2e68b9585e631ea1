import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { type CohortInput, cohortsField } from '../internal/cohorts';
import { fitUnit, type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import type { FitDiagnostics } from '../internal/fitting';
import { parametersField } from '../internal/inputs';
import type { UnitLength } from '../internal/units';
import { finiteLogLikelihood, maximiseRetentionLikelihood } from './retentionLikelihood';
import { cohortLogLikelihood } from './survival';
import type { SbgParameters } from './types';

/**
 * Options of {@link fitSbg}: the iteration limit (default 500) and the confidence level.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface FitSbgOptions extends TimedFitOptions {}

/**
 * A fitted shifted beta-geometric model: plain numbers, safe to store as JSON.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface SbgFit {
  /** Which model this is. */
  model: 'sbg';
  /** alpha of the beta distribution of churn probabilities. */
  alpha: number;
  /** beta of the beta distribution of churn probabilities. */
  beta: number;
  /** Log-likelihood of the data at the estimate: {@link sbgLogLikelihood} of these parameters and cohorts. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** True only at an interior maximum of the likelihood (small gradient, positive-definite Hessian, no parameter at a boundary). */
  converged: boolean;
  /** Customers at period 0, over all cohorts. */
  customers: number;
  /** Periods observed in the longest cohort. */
  periods: number;
  /** Number of cohorts fitted. */
  cohorts: number;
  /** The length of the data's time unit (days per unit), when known: from an rfmSummary result or the timeUnit option. */
  timeUnit?: UnitLength;
  /** Gradient, curvature, boundaries, warnings, standard errors and intervals of the estimate. */
  diagnostics: FitDiagnostics<'alpha' | 'beta'>;
}

const schema = /* @__PURE__ */ buildFitSbgSchema();

/**
 * The zod schema {@link fitSbg} validates its arguments with, as `{ cohorts, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitSbgSchema: MetricSchema = schema;

function buildFitSbgSchema() {
  return objectSchema({
    cohorts: cohortsField(2),
    ...timedFitOptionFields(),
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
 * leave go first, with P(T = t) and the retention in period t as below.
 *
 * ```math
 * \begin{aligned}
 * P(T = 1) &= \frac{\alpha}{\alpha + \beta}, \\
 * P(T = t) &= \frac{\beta + t - 2}{\alpha + \beta + t - 1}\, P(T = t - 1), \\
 * \text{retention in period } t &= \frac{\beta + t - 1}{\alpha + \beta + t - 1}
 * \end{aligned}
 * ```
 *
 * The likelihood ({@link sbgLogLikelihood}) counts, for each cohort, the
 * customers lost in each period (ln P(T = t) each) and those still active at
 * the end (ln P(T > last)). The optimiser is BFGS with the analytic gradient
 * on (ln alpha, ln beta), which keeps both positive, from alpha = beta = 1,
 * followed by the checks of {@link FitDiagnostics}: `converged` is true only
 * at an interior maximum, and `diagnostics` gives standard errors and
 * intervals from the observed information, or says in `warnings` what the
 * data lack. Cohorts whose retention does not rise with tenure (flat or
 * falling: churn that grows with tenure, which the sBG cannot describe) send
 * alpha and beta to infinity together: the fit returns that limit (one
 * churn probability for everyone) with `converged: false` and a warning;
 * {@link fitBdw} is the model for such data.
 *
 * Cost: O(evaluations x longest cohort + total periods); a few dozen
 * iterations, at most 1,500 likelihood evaluations in all (the work limit).
 *
 * @param cohorts - customers still active at the start of periods 0, 1, 2, ...
 *   (`[1000, 631, 468]`), `{ survivors }`, `{ customers, lostPerPeriod }`,
 *   or a list of such cohorts.
 * @param options - the iteration limit (default 500) and the confidence level of the intervals.
 * @returns the parameters, the log-likelihood, whether it converged, what the fit saw, and the diagnostics.
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
 * fit.converged;
 * //=> true
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function fitSbg(cohorts: CohortInput, options: FitSbgOptions = {}): SbgFit {
  const v = parseInput('fitSbg', schema, optionsWith('fitSbg', options, { cohorts }));
  const { survivors, customers, periods } = v.cohorts;
  const found = maximiseRetentionLikelihood(['alpha', 'beta'], survivors, customers, [[0, 0]], {
    maxIterations: v.maxIterations ?? 500,
    maxEvaluations: 1500,
    confidenceLevel: v.confidenceLevel ?? 0.95,
  });
  const [alpha, beta] = found.parameters as [number, number];
  return {
    model: 'sbg',
    alpha,
    beta,
    logLikelihood: found.logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers,
    periods,
    cohorts: survivors.length,
    diagnostics: found.diagnostics,
    ...fitUnit('fitSbg', v.timeUnit, undefined),
  };
}

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta']), cohorts: cohortsField(1, false) });
}

/**
 * The zod schema {@link sbgLogLikelihood} validates its arguments with, as `{ parameters, cohorts }`.
 *
 * @category Input schemas (zod)
 */
export const sbgLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The sBG log-likelihood of cohorts at given parameters: the function
 * {@link fitSbg} maximises, and the value it reports.
 *
 * @remarks
 * Fader and Hardie (2007), equation 5, summed over cohorts: the customers
 * lost in period t contribute ln P(T = t) each, those still active at the
 * end of their cohort ln S(last). Each period's retention is taken as
 * -log1p(alpha / (beta + t - 1)), so it keeps its digits when alpha + beta
 * is huge. Cost: O(total periods).
 *
 * @param parameters - `{ alpha, beta }`, for example a {@link fitSbg} result.
 * @param cohorts - as for {@link fitSbg} (one period and no churn are allowed here).
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive, a cohort is invalid, or a
 *   period's churn probability is so small at these parameters that it rounds to 0.
 *
 * @example
 * ```ts
 * import { sbgLogLikelihood } from 'retention-metrics';
 *
 * // alpha = beta = 1: P(T = 1) = 1/2 and S(1) = 1/2, so 4 customers of whom 1 leaves give 4 ln(1/2).
 * sbgLogLikelihood({ alpha: 1, beta: 1 }, [4, 3]).toFixed(6);
 * //=> '-2.772589'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function sbgLogLikelihood(parameters: SbgParameters, cohorts: CohortInput): number {
  const v = parseInput('sbgLogLikelihood', logLikelihoodSchema, { parameters, cohorts });
  return finiteLogLikelihood(
    'sbgLogLikelihood',
    cohortLogLikelihood(v.cohorts.survivors, v.parameters.alpha, v.parameters.beta),
  );
}
