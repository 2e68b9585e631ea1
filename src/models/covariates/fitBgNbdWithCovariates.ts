import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import type { FitDiagnostics } from '../internal/fitting';
import { finiteResult } from '../internal/modelCall';
import type { UnitLength } from '../internal/units';
import { bgNbdLikelihoodTerms } from '../nbd/bgNbdLikelihood';
import type { BgNbdParameters } from '../nbd/bgNbdMath';
import { BOUNDARY_MEANING } from '../nbd/fitBgNbd';
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

/**
 * Options of {@link fitBgNbdWithCovariates} and {@link fitParetoNbdWithCovariates}.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface FitWithCovariatesOptions extends TimedFitOptions {
  /**
   * The covariates that move the purchase rate (CLVTools' "transaction"
   * covariates), by name; `[]` for none. Default: every covariate.
   */
  purchaseCovariates?: readonly string[];
  /**
   * The covariates that move drop-out (CLVTools' "lifetime" covariates), by
   * name; `[]` for none. Default: every covariate.
   */
  dropoutCovariates?: readonly string[];
}

/**
 * A BG/NBD model fitted with time-invariant covariates: plain numbers, safe
 * to store as JSON. Pass it, with a customer's covariates, to
 * {@link covariateParameters} to get that customer's own `{ r, alpha, a, b }`.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface BgNbdCovariateFit extends BgNbdParameters {
  /** Which model this is. */
  model: 'bgnbd-covariates';
  /** gamma of each purchase covariate: a customer's alpha is alpha exp(-gamma'z), so its purchase rate scales by exp(gamma'z). */
  purchaseCoefficients: Record<string, number>;
  /** gamma of each drop-out covariate: a customer's a and b are both multiplied by exp(gamma'z). */
  dropoutCoefficients: Record<string, number>;
  /** Covariates left out because every customer has the same value (their coefficient cannot be estimated). */
  droppedCovariates: string[];
  /** The log-likelihood at the estimate: {@link bgNbdWithCovariatesLogLikelihood} of these parameters and data. */
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
   * The parameters are named r, alpha, a, b, then `purchase.<covariate>` and
   * `dropout.<covariate>`; the base parameters' errors are on their natural
   * scale (delta method from their logs), the coefficients' on theirs, with
   * Wald intervals gamma +/- z se.
   * `gradientNorm` and `hessianConditionNumber` are those of the search's
   * parameters: the logs of the base parameters and the coefficients of the
   * covariates standardised to mean 0 and standard deviation 1.
   */
  diagnostics: FitDiagnostics<string>;
}

/** The BG/NBD's parameters as they take covariates (CLVTools, bgnbd_staticcov_LL_ind). */
const BG_NBD: CovariateModel<'r' | 'alpha' | 'a' | 'b'> = {
  names: ['r', 'alpha', 'a', 'b'],
  // alpha_i = alpha exp(-gamma_P'z), a_i = a exp(gamma_D'z), b_i = b exp(gamma_D'z).
  links: [undefined, ['purchase', -1], ['dropout', 1], ['dropout', 1]],
  terms: (data, p, gradient) => {
    const [value, g] = bgNbdLikelihoodTerms(data, p[0], p[1], p[2], p[3]);
    for (let j = 0; j < 4; j++) gradient[j] = (g[j] as number) * (p[j] as number);
    return value;
  },
};

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
 * The zod schema {@link fitBgNbdWithCovariates} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitBgNbdWithCovariatesSchema: MetricSchema = fitSchema;

/**
 * Fits the BG/NBD with time-invariant covariates, in the form of CLVTools:
 * each customer's purchase-rate scale alpha and drop-out parameters a and b
 * move with its covariates.
 *
 * @remarks
 * For customer i with purchase covariates z_P and drop-out covariates z_D,
 *
 * ```math
 * \alpha_i = \alpha\, e^{-\gamma_P^\top z_{P,i}}, \qquad
 * a_i = a\, e^{\gamma_D^\top z_{D,i}}, \qquad
 * b_i = b\, e^{\gamma_D^\top z_{D,i}},
 * ```
 *
 * and the customer's likelihood is the BG/NBD's (Fader, Hardie and Lee 2005,
 * equation 6) at (r, alpha_i, a_i, b_i). A positive purchase coefficient
 * raises the purchase rate: its mean r / alpha_i is multiplied by
 * exp(gamma_P'z). A drop-out coefficient multiplies a and b together, which
 * keeps the mean drop-out chance a / (a + b) and changes how much it varies
 * across customers: positive, the customers with that covariate are more
 * alike. The base parameters are those of a customer whose covariates are
 * all 0.
 *
 * The fit is {@link fitBgNbd}'s: BFGS with the analytic gradient (the plain
 * model's per-customer gradient carried through the exponentials by the
 * chain rule), on the logs of the base parameters and on the coefficients
 * of covariates standardised to mean 0 and standard deviation 1 (reported
 * back in the covariates' own units), followed by the checks of
 * {@link FitDiagnostics}, with the standard errors of the coefficients from
 * the inverse Hessian. A covariate with the same value for every customer is
 * left out with a warning; with no covariate left the fit is fitBgNbd's.
 *
 * Cost: O(evaluations x (distinct pairs of summary and covariate values)):
 * customers who share their covariates are merged as fitBgNbd merges them;
 * continuous covariates give every customer its own term.
 *
 * @param customers - `{ frequency, recency, age, covariates }` per customer, the same covariate names on every row.
 * @param options - which covariates move which process, the iteration limit, the confidence level, the time unit.
 * @returns the base r, alpha, a, b, the coefficients by name, the log-likelihood, whether it converged, and the diagnostics.
 * @throws {@link MetricInputError} naming the row and covariate for a missing, extra or non-finite covariate,
 *   and naming the row for an invalid summary.
 * @see Fader, P. S. and Hardie, B. G. S. (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models", note, http://brucehardie.com/notes/019/.
 * @see CLVTools (Bachmann, Meierer and Naef), src/bgnbd.cpp, bgnbd_staticcov_LL_ind: the parameterisation and its signs.
 *
 * @example
 * ```ts
 * import { fitBgNbdWithCovariates } from 'retention-metrics';
 *
 * const fit = fitBgNbdWithCovariates([
 *   { frequency: 2, recency: 30.43, age: 38.86, covariates: { region: 1 } },
 *   { frequency: 1, recency: 1.71, age: 38.86, covariates: { region: 1 } },
 *   { frequency: 0, recency: 0, age: 38.86, covariates: { region: 1 } },
 * ]);
 * // Every customer is in the same region: its effect cannot be estimated.
 * fit.droppedCovariates;
 * //=> ['region']
 * ```
 *
 * @category Purchasing models with covariates
 */
export function fitBgNbdWithCovariates(
  customers: CovariateCustomers,
  options: FitWithCovariatesOptions = {},
): BgNbdCovariateFit {
  const v = parseInput(
    'fitBgNbdWithCovariates',
    fitSchema,
    optionsWith('fitBgNbdWithCovariates', options, { customers }),
  );
  const fit = fitWithCovariates(
    {
      functionName: 'fitBgNbdWithCovariates',
      model: BG_NBD,
      start: (meanAge) => ({ start: [0, 0, 0, 0], scales: [1, Math.max(meanAge, Number.MIN_VALUE), 1, 1] }),
      boundaryMeaning: BOUNDARY_MEANING,
    },
    v,
  );
  const [r, alpha, a, b] = fit.base;
  return {
    model: 'bgnbd-covariates',
    r,
    alpha,
    a,
    b,
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
 * Parameters of a model with covariates as the log-likelihoods take them: a
 * fit, or the base parameters and coefficients written out.
 *
 * @expand
 * @category Purchasing models with covariates
 */
export interface BgNbdCovariateParameters extends BgNbdParameters {
  /** Coefficient of each purchase covariate ({} or left out for none). */
  purchaseCoefficients?: Readonly<Record<string, number>>;
  /** Coefficient of each drop-out covariate ({} or left out for none). */
  dropoutCoefficients?: Readonly<Record<string, number>>;
}

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema(
    { parameters: covariateParametersField(BG_NBD.names), customers: covariateCustomersField() },
    checkCoefficientNames,
  );
}

/**
 * The zod schema {@link bgNbdWithCovariatesLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const bgNbdWithCovariatesLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The log-likelihood of customers with covariates under the BG/NBD with
 * covariates: the function {@link fitBgNbdWithCovariates} maximises, and the
 * value it reports.
 *
 * @remarks
 * The sum over customers of the BG/NBD's log-likelihood ({@link bgNbdLogLikelihood})
 * at each customer's own parameters,
 *
 * ```math
 * \begin{aligned}
 * \ell = \sum_i \ln L_{\text{BG/NBD}}\big(&x_i, t_{x,i}, T_i \,\big|\, r,\ \alpha e^{-\gamma_P^\top z_{P,i}}, \\
 * &a e^{\gamma_D^\top z_{D,i}},\ b e^{\gamma_D^\top z_{D,i}}\big).
 * \end{aligned}
 * ```
 *
 * Covariates the coefficients do not name are ignored.
 * Cost: O(distinct pairs of summary and covariate values + the largest frequency).
 *
 * @param parameters - `{ r, alpha, a, b, purchaseCoefficients, dropoutCoefficients }`, for example a {@link fitBgNbdWithCovariates} result.
 * @param customers - `{ frequency, recency, age, covariates }` per customer.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a base parameter is not positive, a coefficient is not finite or
 *   names a covariate the customers lack, or a row is invalid.
 *
 * @example
 * ```ts
 * import { bgNbdWithCovariatesLogLikelihood } from 'retention-metrics';
 *
 * // One customer without repeat purchases, 10 units old, on the web channel: alpha_i = e^-0.5,
 * // and ln(alpha_i / (alpha_i + 10)) = -2.861470.
 * bgNbdWithCovariatesLogLikelihood(
 *   { r: 1, alpha: 1, a: 1, b: 1, purchaseCoefficients: { channelWeb: 0.5 } },
 *   [{ frequency: 0, recency: 0, age: 10, covariates: { channelWeb: 1 } }],
 * ).toFixed(6);
 * //=> '-2.861470'
 * ```
 *
 * @category Purchasing models with covariates
 */
export function bgNbdWithCovariatesLogLikelihood(
  parameters: BgNbdCovariateParameters,
  customers: CovariateCustomers,
): number {
  const v = parseInput('bgNbdWithCovariatesLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const { r, alpha, a, b } = v.parameters.base;
  const value = likelihoodAt(BG_NBD, v.customers, [r, alpha, a, b], v.parameters.coefficients);
  if (Number.isNaN(value)) refuseLikelihood('bgNbdWithCovariatesLogLikelihood');
  return finiteResult('bgNbdWithCovariatesLogLikelihood', value);
}
