import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { type CohortInput, cohortsField } from '../internal/cohorts';
import { fitUnit, type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import type { FitDiagnostics } from '../internal/fitting';
import { parametersField } from '../internal/inputs';
import type { UnitLength } from '../internal/units';
import { chiSquare1Survival } from '../special/chiSquare';
import { fitSbg, type SbgFit } from './fitSbg';
import { finiteLogLikelihood, maximiseRetentionLikelihood } from './retentionLikelihood';
import { cohortLogLikelihood } from './survival';

/**
 * How the beta-discrete-Weibull and the sBG compare on the same data.
 *
 * @category Contractual models: sBG and BdW
 */
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

/**
 * A score of each of the two retention models.
 *
 * @category Contractual models: sBG and BdW
 */
export interface ModelScores {
  /** The sBG's score. */
  sbg: number;
  /** The beta-discrete-Weibull's score. */
  bdw: number;
}

/**
 * A fitted beta-discrete-Weibull model: plain numbers, safe to store as JSON.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface BdwFit {
  /** Which model this is. */
  model: 'bdw';
  /** alpha of the beta distribution of the churn parameter. */
  alpha: number;
  /** beta of the beta distribution of the churn parameter. */
  beta: number;
  /** Weibull shape: c < 1, each customer's churn falls with tenure; c > 1, it rises; c = 1 is the sBG. */
  c: number;
  /** Log-likelihood at the estimate: {@link bdwLogLikelihood} of these parameters and cohorts. */
  logLikelihood: number;
  /** Optimiser iterations used (this fit's, all starts together, after the sBG fit it also starts from). */
  iterations: number;
  /** True only at an interior maximum of the likelihood (small gradient, positive-definite Hessian, no parameter at a boundary). */
  converged: boolean;
  /** Customers at period 0, over all cohorts. */
  customers: number;
  /** Periods observed in the longest cohort. */
  periods: number;
  /** Number of cohorts fitted. */
  cohorts: number;
  /** The comparison with the sBG. */
  comparison: RetentionModelComparison;
  /** The length of the data's time unit (days per unit), when known: from an rfmSummary result or the timeUnit option. */
  timeUnit?: UnitLength;
  /** Gradient, curvature, boundaries, warnings, standard errors and intervals of the estimate. */
  diagnostics: FitDiagnostics<'alpha' | 'beta' | 'c'>;
}

/**
 * Options of {@link fitBdw}: the iteration limit (default 500, for each of the two fits) and the confidence level.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface FitBdwOptions extends TimedFitOptions {}

/**
 * BdW parameters: the sBG's alpha and beta, and the Weibull shape c.
 *
 * @expand
 * @category Contractual models: sBG and BdW
 */
export interface BdwParameters {
  /** alpha > 0 of the beta distribution of the churn parameter. */
  alpha: number;
  /** beta > 0 of the beta distribution of the churn parameter. */
  beta: number;
  /** The Weibull shape c > 0. */
  c: number;
}

const schema = /* @__PURE__ */ buildFitBdwSchema();

/**
 * The zod schema {@link fitBdw} validates its arguments with, as `{ cohorts, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitBdwSchema: MetricSchema = schema;

function buildFitBdwSchema() {
  return objectSchema({ cohorts: cohortsField(3), ...timedFitOptionFields() });
}

/**
 * Fits the beta-discrete-Weibull (BdW) model of contractual retention, and
 * tells whether the data prefer it to the sBG.
 *
 * @remarks
 * The BdW lets each customer's own churn probability change with tenure, as
 * below.
 *
 * ```math
 * P(T > t \mid \theta) = (1 - \theta)^{t^c}, \quad \text{so} \quad P(T > t) = \frac{B(\alpha, \beta + t^c)}{B(\alpha, \beta)}
 * ```
 *
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
 *
 * // Churn that rises with tenure (the expected survivors of a BdW with
 * // alpha = 1.2, beta = 5, c = 1.8): c found well above 1, the BdW preferred.
 * const tiring = fitBdw([1000, 806, 535, 347, 232, 162, 118, 89]);
 * tiring.c > 1.5 && tiring.converged;
 * //=> true
 * tiring.comparison.preferred;
 * //=> 'bdw'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function fitBdw(cohorts: CohortInput, options: FitBdwOptions = {}): BdwFit {
  const v = parseInput('fitBdw', schema, optionsWith('fitBdw', options, { cohorts }));
  const { survivors, customers, periods } = v.cohorts;
  // The sBG it nests, from the options as read once here (never from the caller's object again).
  const sbg = fitSbg(survivors, {
    maxIterations: v.maxIterations,
    confidenceLevel: v.confidenceLevel,
    ...(v.timeUnit === undefined ? {} : { timeUnit: { days: v.timeUnit } }),
  });
  const fromSbg = [Math.log(sbg.alpha), Math.log(sbg.beta), 0];
  const starts = [fromSbg, ...[0.5, 1, 2, 3].map((c) => [0, 0, Math.log(c)])];
  const found = maximiseRetentionLikelihood(['alpha', 'beta', 'c'], survivors, customers, starts, {
    maxIterations: v.maxIterations ?? 500,
    maxEvaluations: 3000,
    confidenceLevel: v.confidenceLevel ?? 0.95,
  });
  const [alpha, beta, c] = found.parameters as [number, number, number];
  // The BdW nests the sBG and starts from its estimate: its optimum is at least as good.
  const logLikelihood = found.logLikelihood;
  const likelihoodRatio = Math.max(0, 2 * (logLikelihood - sbg.logLikelihood));
  const pValue = chiSquare1Survival(likelihoodRatio);
  return {
    model: 'bdw',
    alpha,
    beta,
    c,
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
    diagnostics: found.diagnostics,
    ...fitUnit('fitBdw', v.timeUnit, undefined),
  };
}

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(['alpha', 'beta', 'c']), cohorts: cohortsField(1, false) });
}

/**
 * The zod schema {@link bdwLogLikelihood} validates its arguments with, as `{ parameters, cohorts }`.
 *
 * @category Input schemas (zod)
 */
export const bdwLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The beta-discrete-Weibull log-likelihood of cohorts at given parameters:
 * the function {@link fitBdw} maximises, and the value it reports.
 *
 * @remarks
 * As for {@link sbgLogLikelihood}, with P(T > t) as below; at c = 1 the two agree.
 *
 * ```math
 * P(T > t) = \frac{B(\alpha, \beta + t^c)}{B(\alpha, \beta)}
 * ```
 *
 * Each period's retention, the difference below, is computed as one quantity
 * (by quadrature of the digamma difference when the step is small beside
 * beta), so huge alpha and beta keep their digits.
 *
 * ```math
 * \ln B(\alpha, \beta + t^c) - \ln B(\alpha, \beta + (t - 1)^c)
 * ```
 *
 * Cost: O(total periods).
 *
 * @param parameters - `{ alpha, beta, c }`, for example a {@link fitBdw} result.
 * @param cohorts - as for {@link fitSbg} (one period and no churn are allowed here).
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive, a cohort is invalid, or a
 *   period's churn probability is so small at these parameters that it rounds to 0.
 *
 * @example
 * ```ts
 * import { bdwLogLikelihood } from 'retention-metrics';
 *
 * // alpha = beta = 1, c = 2: S(t) = 1 / (1 + t^2), so S(1) = 1/2 and S(2) = 1/5.
 * // Of 10 customers, 5 leave in period 1 (5 ln 1/2), 3 in period 2 (3 ln 3/10), 2 remain (2 ln 1/5).
 * bdwLogLikelihood({ alpha: 1, beta: 1, c: 2 }, [10, 5, 2]).toFixed(6);
 * //=> '-10.296530'
 * ```
 *
 * @category Contractual models: sBG and BdW
 */
export function bdwLogLikelihood(parameters: BdwParameters, cohorts: CohortInput): number {
  const v = parseInput('bdwLogLikelihood', logLikelihoodSchema, { parameters, cohorts });
  const { alpha, beta, c } = v.parameters;
  return finiteLogLikelihood('bdwLogLikelihood', cohortLogLikelihood(v.cohorts.survivors, alpha, beta, c));
}
