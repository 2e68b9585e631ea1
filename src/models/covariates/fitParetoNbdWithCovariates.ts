import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { timedFitOptionFields } from '../internal/fitOptions';
import type { FitDiagnostics } from '../internal/fitting';
import { finiteResult } from '../internal/modelCall';
import type { UnitLength } from '../internal/units';
import { BOUNDARY_MEANING } from '../nbd/paretoNbd';
import { paretoNbdLikelihoodTerms, type WorkCounter } from '../nbd/paretoNbdLikelihood';
import type { ParetoNbdParameters } from '../nbd/paretoNbdMath';
import { type CovariateCustomers, covariateCustomersField, covariateNamesField } from './covariateData';
import {
  type CovariateModel,
  checkCoefficientNames,
  checkCovariateNames,
  covariateParametersField,
  fitWithCovariates,
  likelihoodAt,
  refuseLikelihood,
} from './covariateModel';
import type { FitWithCovariatesOptions } from './fitBgNbdWithCovariates';

/**
 * A Pareto/NBD model fitted with time-invariant covariates: plain numbers,
 * safe to store as JSON. Pass it, with a customer's covariates, to
 * {@link covariateParameters} to get that customer's own `{ r, alpha, s, beta }`.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface ParetoNbdCovariateFit extends ParetoNbdParameters {
  /** Which model this is. */
  model: 'paretonbd-covariates';
  /** gamma of each purchase covariate: a customer's alpha is alpha exp(-gamma'z), so its purchase rate scales by exp(gamma'z). */
  purchaseCoefficients: Record<string, number>;
  /** gamma of each drop-out covariate: a customer's beta is beta exp(-gamma'z), so its drop-out rate scales by exp(gamma'z). */
  dropoutCoefficients: Record<string, number>;
  /** Covariates left out because every customer has the same value (their coefficient cannot be estimated). */
  droppedCovariates: string[];
  /** The log-likelihood at the estimate: {@link paretoNbdWithCovariatesLogLikelihood} of these parameters and data. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** True only at an interior maximum of the likelihood (small gradient, positive-definite Hessian, no parameter at a boundary). */
  converged: boolean;
  /** Customers fitted. */
  customers: number;
  /** The length of the data's time unit (days per unit), when known: from the summaries or the timeUnit option. */
  timeUnit?: UnitLength;
  /**
   * Gradient, curvature, boundaries, warnings, standard errors and intervals.
   * The parameters are named r, alpha, s, beta, then `purchase.<covariate>`
   * and `dropout.<covariate>`; the base parameters' errors are on their
   * natural scale (delta method from their logs), the coefficients' on
   * theirs, with Wald intervals gamma +/- z se.
   * `gradientNorm` and `hessianConditionNumber` are those of the search's
   * parameters: the logs of the base parameters and the coefficients of the
   * covariates standardised to mean 0 and standard deviation 1.
   */
  diagnostics: FitDiagnostics<string>;
}

/** Work limit per distinct summary, and at least, as fitParetoNbd's (series terms / 4 plus quadrature nodes). */
const WORK_PER_SUMMARY = 2500;
const MIN_WORK = 2.5e6;
/** Evaluations beyond this multiple of the limit (the Hessian and probes) are refused. */
const WORK_CAP = 1.6;

/**
 * The Pareto/NBD's parameters as they take covariates (CLVTools,
 * pnbd_staticcov_LL_ind), its per-group terms counting their work on `counter`.
 */
function paretoModel(
  counter?: WorkCounter,
  refused: () => boolean = () => false,
): CovariateModel<'r' | 'alpha' | 's' | 'beta'> {
  return {
    names: ['r', 'alpha', 's', 'beta'],
    // alpha_i = alpha exp(-gamma_P'z), beta_i = beta exp(-gamma_D'z).
    links: [undefined, ['purchase', -1], undefined, ['dropout', -1]],
    terms: (data, p, gradient) => {
      if (refused()) return Number.NaN;
      return paretoNbdLikelihoodTerms(data, p[0], p[1], p[2], p[3], gradient, counter);
    },
  };
}

const PLAIN = /* @__PURE__ */ paretoModel();

const fitSchema = /* @__PURE__ */ buildFitSchema();
function buildFitSchema() {
  return objectSchema(
    {
      customers: covariateCustomersField(),
      purchaseCovariates: covariateNamesField(),
      dropoutCovariates: covariateNamesField(),
      ...timedFitOptionFields(),
    },
    checkCovariateNames,
  );
}

/**
 * The zod schema {@link fitParetoNbdWithCovariates} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitParetoNbdWithCovariatesSchema: MetricSchema = fitSchema;

/**
 * Fits the Pareto/NBD with time-invariant covariates, in the form of
 * CLVTools: each customer's purchase-rate scale alpha and drop-out-rate
 * scale beta move with its covariates.
 *
 * @remarks
 * For customer i with purchase covariates z_P and drop-out covariates z_D,
 *
 * ```math
 * \alpha_i = \alpha\, e^{-\gamma_P^\top z_{P,i}}, \qquad \beta_i = \beta\, e^{-\gamma_D^\top z_{D,i}},
 * ```
 *
 * and the customer's likelihood is the Pareto/NBD's ({@link paretoNbdLogLikelihood})
 * at (r, alpha_i, s, beta_i). Since the purchase rate is Gamma(r, alpha_i)
 * and the drop-out rate Gamma(s, beta_i), exp(gamma'z) multiplies each
 * customer's purchase rate (gamma_P) or drop-out rate (gamma_D), with their
 * spread, mean and every quantile (Fader and Hardie 2007, note 019). The base
 * parameters are those of a customer whose covariates are all 0.
 *
 * The fit is {@link fitParetoNbd}'s: BFGS with the analytic gradient (the
 * plain model's, carried through the exponentials by the chain rule), on the
 * logs of the base parameters and on the coefficients of covariates
 * standardised to mean 0 and standard deviation 1 (reported back in the
 * covariates' own units), with its work limit, followed by the checks of
 * {@link FitDiagnostics}, with the standard errors of the coefficients from
 * the inverse Hessian. A covariate with the same value for every customer is
 * left out with a warning; with no covariate left the fit is fitParetoNbd's.
 *
 * Cost: O(evaluations x distinct pairs of summary and covariate values x
 * terms): customers who share their covariates are merged; continuous
 * covariates give every customer its own term (a few dozen series terms or
 * quadrature nodes each).
 *
 * @param customers - `{ frequency, recency, age, covariates }` per customer, the same covariate names on every row.
 * @param options - which covariates move which process, the iteration limit, the confidence level, the time unit.
 * @returns the base r, alpha, s, beta, the coefficients by name, the log-likelihood, whether it converged, and the diagnostics.
 * @throws {@link MetricInputError} naming the row and covariate for a missing, extra or non-finite covariate,
 *   and naming the row for an invalid summary.
 * @see Fader, P. S. and Hardie, B. G. S. (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models", note, http://brucehardie.com/notes/019/.
 * @see CLVTools (Bachmann, Meierer and Naef), src/pnbd_staticcov_LL_ind.cpp: the parameterisation and its signs.
 *
 * @example
 * ```ts
 * import { fitParetoNbdWithCovariates } from 'retention-metrics';
 *
 * const fit = fitParetoNbdWithCovariates(
 *   [
 *     { frequency: 2, recency: 30.43, age: 38.86, covariates: { web: 1, region: 2 } },
 *     { frequency: 1, recency: 1.71, age: 38.86, covariates: { web: 0, region: 2 } },
 *     { frequency: 0, recency: 0, age: 38.86, covariates: { web: 1, region: 2 } },
 *   ],
 *   { purchaseCovariates: ['web', 'region'], dropoutCovariates: [] },
 * );
 * fit.model;
 * //=> 'paretonbd-covariates'
 * fit.droppedCovariates;
 * //=> ['region']
 * Object.keys(fit.purchaseCoefficients);
 * //=> ['web']
 * ```
 *
 * @category Purchasing models with covariates
 */
export function fitParetoNbdWithCovariates(
  customers: CovariateCustomers,
  options: FitWithCovariatesOptions = {},
): ParetoNbdCovariateFit {
  const v = parseInput(
    'fitParetoNbdWithCovariates',
    fitSchema,
    optionsWith('fitParetoNbdWithCovariates', options, { customers }),
  );
  const counter: WorkCounter = { work: 0 };
  let limit = MIN_WORK;
  const fit = fitWithCovariates(
    {
      functionName: 'fitParetoNbdWithCovariates',
      model: paretoModel(counter, () => counter.work >= WORK_CAP * limit),
      start: (meanAge) => {
        const scale = meanAge > 0 ? meanAge : 1;
        return { start: [0, Math.log(scale), 0, Math.log(scale)], scales: [1, scale, 1, scale] };
      },
      boundaryMeaning: BOUNDARY_MEANING,
      work: {
        reset: () => {
          counter.work = 0;
          limit = Math.max(MIN_WORK, WORK_PER_SUMMARY * v.customers.rows);
        },
        exhausted: () => counter.work >= limit,
      },
    },
    v,
  );
  const [r, alpha, s, beta] = fit.base;
  return {
    model: 'paretonbd-covariates',
    r,
    alpha,
    s,
    beta,
    purchaseCoefficients: fit.purchaseCoefficients,
    dropoutCoefficients: fit.dropoutCoefficients,
    droppedCovariates: fit.droppedCovariates,
    logLikelihood: fit.logLikelihood,
    iterations: fit.iterations,
    converged: fit.converged,
    customers: fit.customers,
    diagnostics: fit.diagnostics,
    ...(fit.timeUnit === undefined ? {} : { timeUnit: fit.timeUnit }),
  };
}

/**
 * Pareto/NBD parameters with covariates as the log-likelihood takes them: a
 * fit, or the base parameters and coefficients written out.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface ParetoNbdCovariateParameters extends ParetoNbdParameters {
  /** Coefficient of each purchase covariate ({} or left out for none). */
  purchaseCoefficients?: Readonly<Record<string, number>>;
  /** Coefficient of each drop-out covariate ({} or left out for none). */
  dropoutCoefficients?: Readonly<Record<string, number>>;
}

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema(
    { parameters: covariateParametersField(PLAIN.names), customers: covariateCustomersField() },
    checkCoefficientNames,
  );
}

/**
 * The zod schema {@link paretoNbdWithCovariatesLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const paretoNbdWithCovariatesLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The log-likelihood of customers with covariates under the Pareto/NBD with
 * covariates: the function {@link fitParetoNbdWithCovariates} maximises, and
 * the value it reports.
 *
 * @remarks
 * The sum over customers of the Pareto/NBD's log-likelihood
 * ({@link paretoNbdLogLikelihood}, the same series and quadrature) at each
 * customer's own parameters,
 *
 * ```math
 * \begin{aligned}
 * \ell = \sum_i \ln L_{\text{Pareto/NBD}}\big(&x_i, t_{x,i}, T_i \,\big|\, r,\ \alpha e^{-\gamma_P^\top z_{P,i}}, \\
 * &s,\ \beta e^{-\gamma_D^\top z_{D,i}}\big).
 * \end{aligned}
 * ```
 *
 * Covariates the coefficients do not name are ignored. Cost: O(distinct
 * pairs of summary and covariate values x terms).
 *
 * @param parameters - `{ r, alpha, s, beta, purchaseCoefficients, dropoutCoefficients }`, for example a {@link fitParetoNbdWithCovariates} result.
 * @param customers - `{ frequency, recency, age, covariates }` per customer.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a base parameter is not positive, a coefficient is not finite or
 *   names a covariate the customers lack, a row is invalid, or the parameters are too extreme to evaluate.
 *
 * @example
 * ```ts
 * import { paretoNbdWithCovariatesLogLikelihood } from 'retention-metrics';
 *
 * // One customer without repeat purchases, 10 units old, on the web channel:
 * // alpha_i = e^-0.5 and beta_i = e^-0.2 in the Pareto/NBD likelihood.
 * paretoNbdWithCovariatesLogLikelihood(
 *   {
 *     r: 1, alpha: 1, s: 1, beta: 1,
 *     purchaseCoefficients: { channelWeb: 0.5 },
 *     dropoutCoefficients: { channelWeb: 0.2 },
 *   },
 *   [{ frequency: 0, recency: 0, age: 10, covariates: { channelWeb: 1 } }],
 * ).toFixed(6);
 * //=> '-0.793349'
 * ```
 *
 * @category Purchasing models with covariates
 */
export function paretoNbdWithCovariatesLogLikelihood(
  parameters: ParetoNbdCovariateParameters,
  customers: CovariateCustomers,
): number {
  const v = parseInput('paretoNbdWithCovariatesLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const { r, alpha, s, beta } = v.parameters.base;
  const value = likelihoodAt(PLAIN, v.customers, [r, alpha, s, beta], v.parameters.coefficients);
  if (Number.isNaN(value)) refuseLikelihood('paretoNbdWithCovariatesLogLikelihood');
  return finiteResult('paretoNbdWithCovariatesLogLikelihood', value);
}
