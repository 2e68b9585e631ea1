import * as z from 'zod/mini';
import { type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { boundaryWarning, fitUnit, type TimedFitOptions, timedFitOptionFields } from '../internal/fitOptions';
import { type BoundaryDirection, type FitDiagnostics, maximiseLikelihood } from '../internal/fitting';
import { parametersField } from '../internal/inputs';
import { finiteResult } from '../internal/modelCall';
import type { UnitLength } from '../internal/units';
import { bgNbdDataLogLikelihood, bgNbdNegativeLogLikelihoodWithGradient } from './bgNbdLikelihood';
import type { BgNbdParameters } from './bgNbdMath';
import { purchaseDataWarnings } from './purchaseWarnings';
import { type FrequencyRecency, type FrequencyRecencyData, readFrequencyRecency } from './summaryData';

/**
 * A fitted BG/NBD model: plain numbers, safe to store as JSON.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface BgNbdFit extends BgNbdParameters {
  /** Which model this is. */
  model: 'bgnbd';
  /** The log-likelihood at the estimate: {@link bgNbdLogLikelihood} of these parameters and data. */
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
 * The names of the BG/NBD's parameters.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type BgNbdParameterName = 'r' | 'alpha' | 'a' | 'b';

/**
 * Options of {@link fitBgNbd}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface FitBgNbdOptions extends TimedFitOptions {}

/**
 * Customer summaries: an array of `{ frequency, recency, age }` or an {@link rfmSummary} result.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type CustomerSummaries = readonly FrequencyRecency[] | SummaryTable;

/**
 * Customer summaries wrapped as rfmSummary returns them.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface SummaryTable {
  /** One summary per customer. */
  customers: readonly FrequencyRecency[];
}

/** A zod schema for customer summaries, read and merged by readFrequencyRecency. */
export function summariesField(): z.ZodMiniType<FrequencyRecencyData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): FrequencyRecencyData => {
      const read = readFrequencyRecency(value);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return read as unknown as FrequencyRecencyData;
    }),
  );
}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link fitBgNbd} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitBgNbdSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ customers: summariesField(), ...timedFitOptionFields() });
}

/**
 * Fits the BG/NBD model of non-contractual purchasing (Fader, Hardie and Lee
 * 2005) by maximum likelihood to customers' frequency, recency and age.
 *
 * @remarks
 * While active, a customer buys at a Poisson rate lambda; after each purchase
 * it drops out with probability p. lambda varies across customers as
 * Gamma(r, alpha) and p as Beta(a, b). The log-likelihood is computed in log
 * space (log-sum-exp for its mixture term), so customers with thousands of
 * purchases are fine; identical summaries are merged before fitting. The
 * optimiser is BFGS with the analytic gradient, on the logs of the four
 * parameters (which keeps them positive), from 1, followed by the checks of
 * {@link FitDiagnostics}: `converged` is true only at an interior maximum,
 * and `diagnostics` gives standard errors and intervals from the observed
 * information, or says in `warnings` what the data lack. Data that cannot
 * identify the model (nobody repeats, one customer, everyone alike) get the
 * limit the likelihood runs to, `converged: false` and a warning.
 *
 * Time is in the unit of the summaries (weeks for rfmSummary's default), and
 * alpha is in that unit.
 *
 * Cost: O(evaluations x (distinct summaries + the largest frequency, up to
 * 10,000)); a few dozen iterations, each one or two evaluations, and 8 to 16
 * more for the Hessian; at most 1,500 evaluations in all (the work limit).
 *
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @param options - the iteration limit and the confidence level of the intervals.
 * @returns r, alpha, a, b, the log-likelihood, whether it converged, and the diagnostics.
 * @throws {@link MetricInputError} naming the row for a recency outside [0, age],
 *   a fractional frequency, or a recency without repeat purchases.
 * @see Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "Counting your customers" the easy way: an alternative to the Pareto/NBD model, Marketing Science 24(2).
 *
 * @example
 * ```ts
 * import { fitBgNbd } from 'retention-metrics';
 *
 * const fit = fitBgNbd([
 *   { frequency: 2, recency: 30.43, age: 38.86 },
 *   { frequency: 1, recency: 1.71, age: 38.86 },
 *   { frequency: 0, recency: 0, age: 38.86 },
 *   { frequency: 0, recency: 0, age: 38.86 },
 *   { frequency: 5, recency: 20, age: 30 },
 * ]);
 * // Five customers cannot show how drop-out varies: a and b run off together,
 * // and the fit says so instead of claiming a maximum.
 * fit.converged;
 * //=> false
 * fit.diagnostics.boundary.map((b) => `${b.parameter} -> ${b.towards}`);
 * //=> ['a -> infinity', 'b -> infinity']
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function fitBgNbd(customers: CustomerSummaries, options: FitBgNbdOptions = {}): BgNbdFit {
  const v = parseInput('fitBgNbd', schema, optionsWith('fitBgNbd', options, { customers }));
  const data = v.customers;
  let meanAge = 0;
  for (let i = 0; i < data.age.length; i++)
    meanAge += ((data.age[i] as number) * (data.weight[i] as number)) / data.customers;
  const found = maximiseLikelihood(
    {
      names: NAMES,
      count: data.customers,
      evaluate: (point) => {
        const [value, gradient] = bgNbdNegativeLogLikelihoodWithGradient(data, point);
        return [-value, gradient.map((g) => -g)];
      },
      logLikelihood: ([r, alpha, a, b]) =>
        bgNbdDataLogLikelihood(data, r as number, alpha as number, a as number, b as number),
      starts: [[0, 0, 0, 0]],
      scales: [1, Math.max(meanAge, Number.MIN_VALUE), 1, 1],
      describeBoundary: (name, towards) => boundaryWarning(name, towards, BOUNDARY_MEANING[name][towards]),
    },
    { maxIterations: v.maxIterations ?? 500, maxEvaluations: 1500, confidenceLevel: v.confidenceLevel ?? 0.95 },
    purchaseDataWarnings(data),
  );
  const [r, alpha, a, b] = found.parameters as [number, number, number, number];
  return {
    model: 'bgnbd',
    r,
    alpha,
    a,
    b,
    logLikelihood: found.logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
    diagnostics: found.diagnostics,
    ...fitUnit('fitBgNbd', v.timeUnit, data.unitDays),
  };
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/** What each BG/NBD parameter running to a boundary says about the customers. */
export const BOUNDARY_MEANING: Record<BgNbdParameterName, Record<BoundaryDirection, string>> = {
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
    zero: 'the chance of dropping out after a purchase runs to 0 for most customers (with b at 0 too: to exactly 0 for some customers and 1 for the rest), so P(alive) stays close to 1 for many',
    infinity:
      'customers drop out right after a repeat purchase, or all share one drop-out chance a / (a + b) when b grows too',
  },
  b: {
    zero: 'the chance of dropping out after a purchase concentrates at 1 for some customers and 0 for others',
    infinity:
      'the chance of dropping out after a purchase runs to 0, or has no spread across customers when a grows too',
  },
};

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(NAMES), customers: summariesField() });
}

/**
 * The zod schema {@link bgNbdLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const bgNbdLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The BG/NBD log-likelihood of customer summaries at given parameters: the
 * function {@link fitBgNbd} maximises, and the value it reports.
 *
 * @remarks
 * Fader, Hardie and Lee (2005), equation 6, summed over customers.
 * Computed in logs throughout, so thousands of purchases and parameters from
 * 1e-8 to 1e8 keep their digits. Cost: O(customers + the largest frequency,
 * up to 10,000).
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive or a summary is invalid.
 *
 * @example
 * ```ts
 * import { bgNbdLogLikelihood } from 'retention-metrics';
 *
 * // One customer who never bought again, 10 units old, with r = alpha = 1: ln(1 / 11).
 * bgNbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, [{ frequency: 0, recency: 0, age: 10 }]).toFixed(6);
 * //=> '-2.397895'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, customers: CustomerSummaries): number {
  const v = parseInput('bgNbdLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const { r, alpha, a, b } = v.parameters;
  return finiteResult('bgNbdLogLikelihood', bgNbdDataLogLikelihood(v.customers, r, alpha, a, b));
}
