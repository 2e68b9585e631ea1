import { fail, type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { boundaryWarning, fitUnit, type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import { type BoundaryDirection, type FitDiagnostics, maximiseLikelihood } from '../internal/fitting';
import { parametersField } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { callTerms, type Horizon } from '../internal/terms';
import type { UnitLength } from '../internal/units';
import type { CustomerHistory } from './bgNbdPredictions';
import type { CustomerSummaries } from './fitBgNbd';
import { summariesField } from './fitBgNbd';
import { aliveSchemaFor, expectedSchemaFor, newCustomerSchemaFor } from './history';
import { paretoNbdLikelihoodTerms, type WorkCounter } from './paretoNbdLikelihood';
import {
  type ParetoNbdParameters,
  paretoConditionalExpected,
  paretoExpectedNew,
  paretoNbdDataLogLikelihood,
  paretoProbabilityAlive,
} from './paretoNbdMath';
import { purchaseDataWarnings } from './purchaseWarnings';

export type { ParetoNbdParameters } from './paretoNbdMath';

const PARAMETERS = ['r', 'alpha', 's', 'beta'] as const;

/**
 * The names of the Pareto/NBD's parameters.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type ParetoNbdParameterName = 'r' | 'alpha' | 's' | 'beta';

/**
 * A fitted Pareto/NBD model: plain numbers, safe to store as JSON.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface ParetoNbdFit extends ParetoNbdParameters {
  /** Which model this is. */
  model: 'paretonbd';
  /** The log-likelihood at the estimate: {@link paretoNbdLogLikelihood} of these parameters and data. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** True only at an interior maximum of the likelihood (small gradient, positive-definite Hessian, no parameter at a boundary). */
  converged: boolean;
  /** Customers fitted. */
  customers: number;
  /** The length of the data's time unit (days per unit), when known: from an rfmSummary result or the timeUnit option. */
  timeUnit?: UnitLength;
  /** Gradient, curvature, boundaries, warnings, standard errors and intervals of the estimate. */
  diagnostics: FitDiagnostics<ParetoNbdParameterName>;
}

/**
 * Options of {@link fitParetoNbd}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface FitParetoNbdOptions extends TimedFitOptions {}

const fitSchema = /* @__PURE__ */ buildFitSchema();
function buildFitSchema() {
  return objectSchema({ customers: summariesField(), ...timedFitOptionFields() });
}

/**
 * The zod schema {@link fitParetoNbd} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitParetoNbdSchema: MetricSchema = fitSchema;

/** Likelihood evaluations the fit may use in all (the optimiser's work limit). */
const MAX_EVALUATIONS = 1500;
/**
 * Work limit of the search, in series terms / 4 plus quadrature nodes summed
 * over the distinct summaries of every evaluation (60 to 100 ns each): at
 * least 2.5 million, 2,500 per distinct summary for larger data. The search
 * stops at it, and evaluations beyond 1.6 times it (for the Hessian and the
 * boundary probes) are refused, so that a fit of 1,000 customers ends within
 * about half a second whatever the data. The CDNOW fit uses about a tenth.
 */
const WORK_PER_SUMMARY = 2500;
const MIN_WORK = 2.5e6;
const WORK_CAP = 1.6;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison and Colombo 1987) by
 * maximum likelihood to customers' frequency, recency and age.
 *
 * @remarks
 * While active a customer buys at a Poisson rate lambda ~ Gamma(r, alpha);
 * its active lifetime is exponential with rate mu ~ Gamma(s, beta), so it can
 * drop out at any moment, not only after a purchase as in the BG/NBD. The
 * likelihood's integral term (the customer dropped out unseen after its last
 * purchase) is computed by a series of positive terms where that converges
 * fast and by Gauss-Legendre quadrature of a log-concave integrand elsewhere,
 * to about 1e-14 relative whatever the parameters, with its analytic gradient
 * (see {@link paretoNbdLogLikelihood}). Identical summaries are merged. The
 * optimiser is BFGS on the logs of the four parameters, from r = s = 1 and
 * alpha = beta = the customers' mean age, followed by the checks of
 * {@link FitDiagnostics}: `converged` is true only at an interior maximum,
 * and `diagnostics` gives standard errors and intervals from the observed
 * information, or says in `warnings` what the data lack. Data that cannot
 * identify the model (nobody repeats, every repeat buyer bought last at the
 * end, one customer, everyone alike) get the limit the likelihood runs to,
 * `converged: false` and warnings.
 *
 * Time is in the unit of the summaries (weeks for rfmSummary's default), and
 * alpha and beta are in that unit.
 *
 * Cost: O(evaluations x distinct summaries x terms), a few dozen series terms
 * or quadrature nodes per distinct summary; typically 30 to 100 evaluations
 * (the 2,357 CDNOW customers: 27 iterations, about 40 ms once the code is
 * warm, about 0.1 s in a fresh process), at most 1,500, and a work limit
 * (2.5 million terms or nodes, more for over 1,000 distinct summaries) that
 * ends any fit of 1,000 customers within about half a second; a fit stopped
 * by it says so and has `converged: false`.
 *
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @param options - the iteration limit and the confidence level of the intervals.
 * @returns r, alpha, s, beta, the log-likelihood, whether it converged, and the diagnostics.
 * @throws {@link MetricInputError} naming the row for a recency outside [0, age],
 *   a fractional frequency, or a recency without repeat purchases.
 * @see Schmittlein, D. C., Morrison, D. G. and Colombo, R. (1987), Counting your customers: who are they and what will they do next?, Management Science 33(1).
 *
 * @example
 * ```ts
 * import { fitParetoNbd } from 'retention-metrics';
 *
 * const fit = fitParetoNbd([
 *   { frequency: 2, recency: 30.43, age: 38.86 },
 *   { frequency: 1, recency: 1.71, age: 38.86 },
 *   { frequency: 0, recency: 0, age: 38.86 },
 *   { frequency: 0, recency: 0, age: 38.86 },
 *   { frequency: 5, recency: 20, age: 30 },
 * ]);
 * fit.model;
 * //=> 'paretonbd'
 * // Five customers cannot pin four parameters down, and the fit says so.
 * fit.converged;
 * //=> false
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function fitParetoNbd(customers: CustomerSummaries, options: FitParetoNbdOptions = {}): ParetoNbdFit {
  const v = parseInput('fitParetoNbd', fitSchema, optionsWith('fitParetoNbd', options, { customers }));
  const data = v.customers;
  let meanAge = 0;
  for (let i = 0; i < data.age.length; i++)
    meanAge += ((data.age[i] as number) * (data.weight[i] as number)) / data.customers;
  const scale = meanAge > 0 ? meanAge : 1;
  const counter: WorkCounter = { work: 0 };
  const workLimit = Math.max(MIN_WORK, WORK_PER_SUMMARY * data.frequency.length);
  const found = maximiseLikelihood(
    {
      names: PARAMETERS,
      count: data.customers,
      evaluate: (point) => {
        const gradient = [0, 0, 0, 0];
        if (counter.work >= WORK_CAP * workLimit) return [Number.NaN, gradient.map(() => Number.NaN)];
        const [r, alpha, s, beta] = point.map(Math.exp) as [number, number, number, number];
        const value = paretoNbdLikelihoodTerms(data, r, alpha, s, beta, gradient, counter);
        return [value, gradient];
      },
      logLikelihood: ([r, alpha, s, beta]) =>
        paretoNbdDataLogLikelihood(data, {
          r: r as number,
          alpha: alpha as number,
          s: s as number,
          beta: beta as number,
        }),
      starts: [[0, Math.log(scale), 0, Math.log(scale)]],
      scales: [1, scale, 1, scale],
      exhausted: () => counter.work >= workLimit,
      describeBoundary: (name, towards) => boundaryWarning(name, towards, BOUNDARY_MEANING[name][towards]),
    },
    {
      maxIterations: v.maxIterations ?? 500,
      maxEvaluations: MAX_EVALUATIONS,
      confidenceLevel: v.confidenceLevel ?? 0.95,
    },
    purchaseDataWarnings(data),
  );
  const [r, alpha, s, beta] = found.parameters as [number, number, number, number];
  return {
    model: 'paretonbd',
    r,
    alpha,
    s,
    beta,
    logLikelihood: found.logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
    diagnostics: found.diagnostics,
    ...fitUnit('fitParetoNbd', v.timeUnit, data.unitDays),
  };
}

/** What each Pareto/NBD parameter running to a boundary says about the customers. */
export const BOUNDARY_MEANING: Record<ParetoNbdParameterName, Record<BoundaryDirection, string>> = {
  r: {
    zero: 'purchase rates concentrate at 0 (almost nobody buys again), so expected purchases are close to 0',
    infinity:
      'customers show no spread in purchase rates (every active customer buys at about the same rate, r / alpha)',
  },
  alpha: {
    zero: 'purchase rates become extremely spread out',
    infinity: 'purchase rates run to 0 or lose their spread (alpha grows with r)',
  },
  s: {
    zero: 'drop-out rates concentrate at 0 (almost nobody drops out), so P(alive) stays close to 1 for almost everyone',
    infinity: 'customers show no spread in drop-out rates (every customer drops out at about the same rate, s / beta)',
  },
  beta: {
    zero: 'drop-out rates become extremely spread out (some customers drop out almost at once, the rest almost never)',
    infinity: 'drop-out rates run to 0 (nobody drops out) or lose their spread (beta grows with s)',
  },
};

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(PARAMETERS), customers: summariesField() });
}

/**
 * The zod schema {@link paretoNbdLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const paretoNbdLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The Pareto/NBD log-likelihood of customer summaries at given parameters:
 * the function {@link fitParetoNbd} maximises, and the value it reports.
 *
 * @remarks
 * Per customer with x repeat purchases, the last at t_x, observed to T
 * (Fader and Hardie 2005, "A note on deriving the Pareto/NBD model and
 * related expressions"), the likelihood L below, summed in logs over customers.
 *
 * ```math
 * \begin{aligned}
 * L = \frac{\Gamma(r + x)\, \alpha^r \beta^s}{\Gamma(r)} \times \Big[&(\alpha + T)^{-(r + x)} (\beta + T)^{-s} \\
 * &+ s \int_{t_x}^{T} (\alpha + y)^{-(r + x)} (\beta + y)^{-(s + 1)}\, dy\Big]
 * \end{aligned}
 * ```
 *
 * The integral is a series of positive terms where that converges
 * fast and Gauss-Legendre quadrature of a log-concave integrand elsewhere,
 * both to about 1e-14 relative, for parameters from 1e-8 to 1e8 and thousands
 * of purchases. Cost: O(distinct summaries x terms), a few dozen series terms
 * or at most a few hundred quadrature nodes per distinct summary.
 *
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive, a summary is invalid,
 *   or the parameters are too extreme for the customers' ages to be evaluated.
 *
 * @example
 * ```ts
 * import { paretoNbdLogLikelihood } from 'retention-metrics';
 *
 * // One customer who never bought again, 10 units old, with r = alpha = s = beta = 1:
 * // L = 11^-1 11^-1 + int_0^10 (1 + y)^-3 dy = 1/121 + (1 - 1/121)/2 = 61/121, and ln(61/121) = -0.684917.
 * paretoNbdLogLikelihood({ r: 1, alpha: 1, s: 1, beta: 1 }, [{ frequency: 0, recency: 0, age: 10 }]).toFixed(6);
 * //=> '-0.684917'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function paretoNbdLogLikelihood(parameters: ParetoNbdParameters, customers: CustomerSummaries): number {
  const v = parseInput('paretoNbdLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const value = paretoNbdDataLogLikelihood(v.customers, v.parameters);
  if (!Number.isFinite(value)) refuseParameters('paretoNbdLogLikelihood', v.parameters, 'the log-likelihood');
  return finiteResult('paretoNbdLogLikelihood', value);
}

/**
 * Throws for parameters so extreme that a prediction or likelihood cannot be
 * computed, naming the parameter furthest from 1 (the one at fault: fitted
 * values lie between about 1e-8 and 1e8).
 */
function refuseParameters(functionName: string, p: ParetoNbdParameters, what: string, frequency = 0): never {
  // Purchase counts beyond 2^53 are not whole numbers in floating point: the history is at fault, not the fit.
  if (frequency > Number.MAX_SAFE_INTEGER)
    fail(
      functionName,
      'frequency',
      `is too large (${frequency}) for ${what} to be computed; counts above 2^53 lose their digits`,
    );
  let worst: ParetoNbdParameterName = 'r';
  for (const name of PARAMETERS) if (Math.abs(Math.log(p[name])) > Math.abs(Math.log(p[worst]))) worst = name;
  fail(
    functionName,
    `parameters.${worst}`,
    `is too extreme (${p[worst]}) for ${what} to be computed for this history; a fit's parameters lie within about 1e-8 to 1e8 of the time unit`,
  );
}

const aliveSchema = /* @__PURE__ */ aliveSchemaFor(PARAMETERS);

/**
 * The zod schema {@link paretoNbdProbabilityAlive} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const paretoNbdProbabilityAliveSchema: MetricSchema = aliveSchema;

/**
 * Probability that a customer with the given history is still active at the
 * end of the calibration period, under the Pareto/NBD: the share of the
 * likelihood's first term (alive at T) in the whole, as below.
 *
 * ```math
 * \frac{1}{1 + s\, (\alpha + T)^{r + x} (\beta + T)^s \displaystyle\int_{t_x}^{T} (\alpha + y)^{-(r + x)} (\beta + y)^{-(s + 1)}\, dy}
 * ```
 *
 * @remarks
 * The integral is the one {@link paretoNbdLogLikelihood} computes (a series
 * of positive terms, or quadrature), to about 1e-14 relative at any
 * parameters from 1e-8 to 1e8, in logs: a probability near 0 keeps its
 * digits down to the smallest numbers, and the result is exactly 1 only when
 * the last purchase is at the end of the period (or the odds against are
 * below 1e-16). Cost: O(a few dozen terms, at most a few hundred quadrature nodes).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param history - frequency, recency and age, in the fit's time unit.
 * @returns a probability in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not positive, the history is inconsistent,
 *   or a parameter is too extreme for the history's age to be evaluated (naming it).
 *
 * @example
 * ```ts
 * import { paretoNbdProbabilityAlive } from 'retention-metrics';
 *
 * // A customer who bought at the very end of the period is certainly alive.
 * paretoNbdProbabilityAlive({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { frequency: 3, recency: 38, age: 38 });
 * //=> 1
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function paretoNbdProbabilityAlive(parameters: ParetoNbdParameters, history: CustomerHistory): number {
  const v = parseModelCall('paretoNbdProbabilityAlive', aliveSchema, parameters, history);
  const alive = paretoProbabilityAlive(v.parameters, v.frequency, v.recency, v.age);
  if (alive === undefined) refuseParameters('paretoNbdProbabilityAlive', v.parameters, 'P(alive)', v.frequency);
  return finiteResult('paretoNbdProbabilityAlive', alive);
}

const expectedSchema = /* @__PURE__ */ expectedSchemaFor(PARAMETERS);

/**
 * The zod schema {@link paretoNbdExpectedPurchases} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const paretoNbdExpectedPurchasesSchema: MetricSchema = expectedSchema;

/**
 * Expected purchases of a customer with the given history over the next
 * `horizon` time units, under the Pareto/NBD, as below, with its limit at
 * s = 1; non-decreasing in the horizon.
 *
 * ```math
 * \frac{(r + x)(\beta + T)}{(\alpha + T)(s - 1)} \left[1 - \left(\frac{\beta + T}{\beta + T + t}\right)^{s - 1}\right] \times P(\text{alive})
 * ```
 *
 * @remarks P(alive) as {@link paretoNbdProbabilityAlive} computes it. Cost: O(a few dozen terms, at most a few hundred quadrature nodes).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param options - the history, and the horizon: a number of the fit's time units (fractions fine), or a
 *   calendar duration such as `{ months: 12 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of purchases.
 * @throws {@link MetricInputError} when a parameter is not positive, the history is inconsistent,
 *   a parameter is too extreme to evaluate P(alive), or the horizon so long that the result would exceed the largest number.
 *
 * @example
 * ```ts
 * import { paretoNbdExpectedPurchases } from 'retention-metrics';
 *
 * paretoNbdExpectedPurchases({ r: 1, alpha: 1, s: 2, beta: 1 }, { frequency: 0, recency: 0, age: 0, horizon: 1 }).toFixed(4);
 * //=> '0.5000'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function paretoNbdExpectedPurchases(
  parameters: ParetoNbdParameters,
  options: CustomerHistory & { horizon: Horizon },
): number {
  const fn = 'paretoNbdExpectedPurchases';
  const v = parseModelCall(fn, expectedSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  const expected = paretoConditionalExpected(v.parameters, v.frequency, v.recency, v.age, horizon);
  if (expected === undefined) refuseParameters(fn, v.parameters, 'P(alive)', v.frequency);
  if (!Number.isFinite(expected)) tooLong(fn, horizon);
  return finiteResult(fn, expected);
}

const newSchema = /* @__PURE__ */ newCustomerSchemaFor(PARAMETERS);

/**
 * The zod schema {@link paretoNbdExpectedPurchasesNewCustomer} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const paretoNbdExpectedPurchasesNewCustomerSchema: MetricSchema = newSchema;

/**
 * Expected purchases of a new customer in its first `horizon` time units,
 * under the Pareto/NBD, as below.
 *
 * ```math
 * \frac{r \beta}{\alpha (s - 1)} \left[1 - \left(\frac{\beta}{\beta + t}\right)^{s - 1}\right]
 * ```
 *
 * @remarks Cost: O(1).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param options - the horizon: a number of the fit's time units, or a calendar duration such as
 *   `{ years: 1 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of purchases, non-decreasing in the horizon.
 * @throws {@link MetricInputError} when a parameter is not positive, the horizon is negative,
 *   or the horizon so long that the result would exceed the largest number.
 *
 * @example
 * ```ts
 * import { paretoNbdExpectedPurchasesNewCustomer } from 'retention-metrics';
 *
 * // r = alpha = beta = 1, s = 2: 1 - 1/(1 + t); t = 1 gives 0.5.
 * paretoNbdExpectedPurchasesNewCustomer({ r: 1, alpha: 1, s: 2, beta: 1 }, { horizon: 1 });
 * //=> 0.5
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function paretoNbdExpectedPurchasesNewCustomer(
  parameters: ParetoNbdParameters,
  options: { horizon: Horizon },
): number {
  const fn = 'paretoNbdExpectedPurchasesNewCustomer';
  const v = parseModelCall(fn, newSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  const expected = paretoExpectedNew(v.parameters, horizon);
  if (!Number.isFinite(expected)) tooLong(fn, horizon);
  return finiteResult(fn, expected);
}

/** Throws for a horizon over which the expected purchases exceed the largest number. */
function tooLong(functionName: string, horizon: number): never {
  fail(
    functionName,
    'horizon',
    `is too long for these parameters (${horizon}): the expected purchases would exceed the largest number (about 1.8e308)`,
  );
}
