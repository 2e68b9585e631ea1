import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { boundaryWarning, fitUnit, type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import { type BoundaryDirection, type FitDiagnostics, maximiseLikelihood } from '../internal/fitting';
import { parametersField } from '../internal/inputs';
import { finiteResult } from '../internal/modelCall';
import type { UnitLength } from '../internal/units';
import type { BgNbdParameters } from './bgNbdMath';
import { type BgNbdParameterName, type CustomerSummaries, summariesField } from './fitBgNbd';
import { mbgNbdDataLogLikelihood, mbgNbdNegativeLogLikelihoodWithGradient } from './mbgNbdLikelihood';
import { purchaseDataWarnings } from './purchaseWarnings';
import type { FrequencyRecencyData } from './summaryData';

/**
 * A fitted MBG/NBD model: plain numbers, safe to store as JSON. Its
 * parameters have the BG/NBD's names and meanings.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface MbgNbdFit extends BgNbdParameters {
  /** Which model this is. */
  model: 'mbgnbd';
  /** The log-likelihood at the estimate: {@link mbgNbdLogLikelihood} of these parameters and data. */
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
  diagnostics: FitDiagnostics<BgNbdParameterName>;
}

/**
 * Options of {@link fitMbgNbd}: those of {@link fitBgNbd}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface FitMbgNbdOptions extends TimedFitOptions {}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link fitMbgNbd} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitMbgNbdSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ customers: summariesField(), ...timedFitOptionFields() });
}

/**
 * The data warnings of the BG/NBD, less the one the MBG/NBD does not share:
 * when every repeat buyer bought last at the end of the data, customers
 * without a repeat purchase still show drop-out (at time 0) by their silence.
 */
function mbgDataWarnings(data: FrequencyRecencyData): string[] {
  let silentOneTimers = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i] === 0 && (data.age[i] as number) > 0) silentOneTimers += data.weight[i] as number;
  }
  const warnings = purchaseDataWarnings(data);
  return silentOneTimers === 0 ? warnings : warnings.filter((w) => !w.startsWith('every repeat buyer bought last'));
}

/**
 * Fits the MBG/NBD model of non-contractual purchasing (Batislam, Denizel
 * and Filiztekin 2007) by maximum likelihood to customers' frequency, recency
 * and age.
 *
 * @remarks
 * The MBG/NBD is the BG/NBD ({@link fitBgNbd}) with one change: a customer
 * may drop out right after its first purchase too, not only after a repeat
 * purchase. While active, a customer buys at a Poisson rate lambda; at time
 * 0 and after each purchase it drops out with probability p; lambda varies
 * across customers as Gamma(r, alpha) and p as Beta(a, b). So a customer
 * who never bought again is no longer certainly alive (see
 * {@link mbgNbdProbabilityAlive}). The fit has the BG/NBD's machinery and
 * contract: the log-likelihood ({@link mbgNbdLogLikelihood}) in log space
 * with identical summaries merged (grouped rows with `customers` counts fit
 * exactly as the rows expanded), BFGS with the analytic gradient on the logs
 * of the four parameters from 1, `converged` only at an interior maximum,
 * and `diagnostics` with standard errors and intervals from the observed
 * information, or warnings saying what the data lack.
 *
 * Time is in the unit of the summaries (weeks for rfmSummary's default), and
 * alpha is in that unit.
 *
 * Cost: O(evaluations x (distinct summaries + the largest frequency, up to
 * 10,000)); at most 1,500 evaluations in all (the work limit).
 *
 * @param customers - `{ frequency, recency, age }` per customer (with `customers` for grouped rows), or an rfmSummary result.
 * @param options - the iteration limit, the confidence level of the intervals and the time unit.
 * @returns r, alpha, a, b, the log-likelihood, whether it converged, and the diagnostics.
 * @throws {@link MetricInputError} naming the row for a recency outside [0, age],
 *   a fractional frequency, or a recency without repeat purchases.
 * @see Batislam, E. P., Denizel, M. and Filiztekin, A. (2007), Empirical validation and comparison of models for customer base analysis, International Journal of Research in Marketing 24(3), 201-209.
 *
 * @example
 * ```ts
 * import { fitMbgNbd } from 'retention-metrics';
 *
 * const fit = fitMbgNbd([
 *   { frequency: 2, recency: 30.43, age: 38.86 },
 *   { frequency: 1, recency: 1.71, age: 38.86 },
 *   { frequency: 0, recency: 0, age: 38.86, customers: 2 },
 *   { frequency: 5, recency: 20, age: 30 },
 * ]);
 * // The third row stands for two customers.
 * fit.customers;
 * //=> 5
 * // Five customers cannot show how purchase and drop-out rates vary: the parameters run off
 * // to a limit, and the fit says so instead of claiming a maximum.
 * fit.converged;
 * //=> false
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function fitMbgNbd(customers: CustomerSummaries, options: FitMbgNbdOptions = {}): MbgNbdFit {
  const v = parseInput('fitMbgNbd', schema, optionsWith('fitMbgNbd', options, { customers }));
  const data = v.customers;
  let meanAge = 0;
  for (let i = 0; i < data.age.length; i++)
    meanAge += ((data.age[i] as number) * (data.weight[i] as number)) / data.customers;
  const found = maximiseLikelihood(
    {
      names: NAMES,
      count: data.customers,
      evaluate: (point) => {
        const [value, gradient] = mbgNbdNegativeLogLikelihoodWithGradient(data, point);
        return [-value, gradient.map((g) => -g)];
      },
      logLikelihood: ([r, alpha, a, b]) =>
        mbgNbdDataLogLikelihood(data, r as number, alpha as number, a as number, b as number),
      starts: [[0, 0, 0, 0]],
      scales: [1, Math.max(meanAge, Number.MIN_VALUE), 1, 1],
      describeBoundary: (name, towards) => boundaryWarning(name, towards, BOUNDARY_MEANING[name][towards]),
    },
    { maxIterations: v.maxIterations ?? 500, maxEvaluations: 1500, confidenceLevel: v.confidenceLevel ?? 0.95 },
    mbgDataWarnings(data),
  );
  const [r, alpha, a, b] = found.parameters as [number, number, number, number];
  return {
    model: 'mbgnbd',
    r,
    alpha,
    a,
    b,
    logLikelihood: found.logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
    diagnostics: found.diagnostics,
    ...fitUnit('fitMbgNbd', v.timeUnit, data.unitDays),
  };
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** What each MBG/NBD parameter running to a boundary says about the customers. */
const BOUNDARY_MEANING: Record<BgNbdParameterName, Record<BoundaryDirection, string>> = {
  r: {
    zero: 'purchase rates concentrate at 0 (almost nobody buys again), so expected purchases are close to 0',
    infinity:
      'customers show no spread in purchase rates (every active customer buys at about the same rate, r / alpha)',
  },
  alpha: {
    zero: 'purchase rates become extremely spread out',
    infinity: 'purchase rates run to 0 or lose their spread (alpha grows with r)',
  },
  a: {
    zero: 'the chance of dropping out at a purchase (the first one included) runs to 0 for most customers, so P(alive) stays close to 1 for many',
    infinity:
      'customers drop out at their first purchase, or all share one drop-out chance a / (a + b) when b grows too',
  },
  b: {
    zero: 'the chance of dropping out at a purchase (the first one included) concentrates at 1 for some customers and 0 for others',
    infinity: 'the chance of dropping out at a purchase runs to 0, or has no spread across customers when a grows too',
  },
};

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(NAMES), customers: summariesField() });
}

/**
 * The zod schema {@link mbgNbdLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const mbgNbdLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The MBG/NBD log-likelihood of customer summaries at given parameters: the
 * function {@link fitMbgNbd} maximises, and the value it reports.
 *
 * @remarks
 * Batislam, Denizel and Filiztekin (2007), summed over customers: for a
 * customer with x repeat purchases, the last at t_x, and age T,
 *
 * ```math
 * \begin{aligned}
 * \ln L &= \ln\Gamma(r + x) - \ln\Gamma(r) + r \ln\alpha \\
 * &\quad + \ln B(a, b + x + 1) - \ln B(a, b) - (r + x) \ln(\alpha + T) \\
 * &\quad + \ln\left[1 + \frac{a}{b + x} \left(\frac{\alpha + T}{\alpha + t_x}\right)^{r + x}\right]
 * \end{aligned}
 * ```
 *
 * for every x, 0 included (the BG/NBD's last term is there only for x > 0).
 * Computed in logs throughout, the last term as a log-sum-exp, so thousands
 * of purchases and parameters from 1e-8 to 1e8 keep their digits. Cost:
 * O(customers + the largest frequency, up to 10,000).
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitMbgNbd} result.
 * @param customers - `{ frequency, recency, age }` per customer (with `customers` for grouped rows), or an rfmSummary result.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive or a summary is invalid.
 * @see Batislam, Denizel and Filiztekin (2007), appendix A; the same expression is the likelihood of lifetimes' ModifiedBetaGeoFitter and of BTYDplus's mbgcnbd.LL with k = 1.
 *
 * @example
 * ```ts
 * import { mbgNbdLogLikelihood } from 'retention-metrics';
 *
 * // One customer who never bought again, 10 units old, with r = alpha = a = b = 1:
 * // B(1, 2)/B(1, 1) x 1/11 + B(2, 1)/B(1, 1) = 1/22 + 1/2 = 6/11.
 * mbgNbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, [{ frequency: 0, recency: 0, age: 10 }]).toFixed(6);
 * //=> '-0.606136'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function mbgNbdLogLikelihood(parameters: BgNbdParameters, customers: CustomerSummaries): number {
  const v = parseInput('mbgNbdLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const { r, alpha, a, b } = v.parameters;
  return finiteResult('mbgNbdLogLikelihood', mbgNbdDataLogLikelihood(v.customers, r, alpha, a, b));
}
