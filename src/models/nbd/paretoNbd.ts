import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, objectSchema, parseInput } from '../../internal/schema';
import { iterationLimit, optionalNumberField } from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import { nelderMead } from '../internal/nelderMead';
import type { CustomerHistory } from './bgNbdPredictions';
import type { CustomerSummaries } from './fitBgNbd';
import { summariesField } from './fitBgNbd';
import { aliveSchemaFor, expectedSchemaFor, newCustomerSchemaFor } from './history';
import {
  type ParetoNbdParameters,
  paretoConditionalExpected,
  paretoExpectedNew,
  paretoNbdLogLikelihood,
  paretoProbabilityAlive,
} from './paretoNbdMath';

export type { ParetoNbdParameters } from './paretoNbdMath';

/** A fitted Pareto/NBD model: plain numbers, safe to store as JSON. */
export interface ParetoNbdFit extends ParetoNbdParameters {
  /** Which model this is. */
  model: 'paretonbd';
  /** Log-likelihood at the estimate. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Customers fitted. */
  customers: number;
}

const fitSchema = /* @__PURE__ */ buildFitSchema();
function buildFitSchema() {
  return objectSchema({ customers: summariesField(), maxIterations: optionalNumberField(iterationLimit) });
}

/** The zod schema {@link fitParetoNbd} validates its arguments with, as `{ customers, ...options }`. */
export const fitParetoNbdSchema: MetricSchema = fitSchema;

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison and Colombo 1987) by
 * maximum likelihood to customers' frequency, recency and age.
 *
 * @remarks
 * While active a customer buys at a Poisson rate lambda ~ Gamma(r, alpha);
 * its active lifetime is exponential with rate mu ~ Gamma(s, beta), so it can
 * drop out at any moment, not only after a purchase as in the BG/NBD. The
 * likelihood (Fader, Hardie and Lee 2005, "A note on deriving the Pareto/NBD
 * model", equation 22) involves the Gauss hypergeometric function; its
 * difference of two terms is kept in logs (log1p), and the series' terms
 * cannot overflow for large purchase counts, since (r+s+x)_k / (r+s+x+1)_k <= 1.
 * Nelder-Mead on the logs of the four parameters.
 *
 * Cost: O(iterations x distinct summaries x series terms).
 *
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @param options - the iteration limit.
 * @returns r, alpha, s, beta, the log-likelihood and the iterations.
 * @throws {@link MetricInputError} naming the row for inconsistent summaries.
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
 * ```
 */
export function fitParetoNbd(customers: CustomerSummaries, options: { maxIterations?: number } = {}): ParetoNbdFit {
  if (!isOptionsObject(options))
    fail('fitParetoNbd', 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput('fitParetoNbd', fitSchema, { ...options, customers });
  const data = v.customers;
  const found = nelderMead(
    (point) => {
      const [r, alpha, s, beta] = point.map(Math.exp) as [number, number, number, number];
      // A point whose series would need more than a million terms (|alpha - beta| close to
      // max(alpha, beta) + t) counts as infinitely bad: the simplex walks away instead of
      // spending minutes on each such evaluation.
      return -paretoNbdLogLikelihood(data, { r, alpha, s, beta }, 1_000_000) / data.customers;
    },
    [0, 0, 0, 0],
    { maxIterations: v.maxIterations ?? 10_000, valueTolerance: 1e-13, pointTolerance: 1e-8 },
  );
  const [r, alpha, s, beta] = found.point.map(Math.exp) as [number, number, number, number];
  return {
    model: 'paretonbd',
    r,
    alpha,
    s,
    beta,
    logLikelihood: -found.value * data.customers,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
  };
}

const PARAMETERS = ['r', 'alpha', 's', 'beta'] as const;

const aliveSchema = /* @__PURE__ */ aliveSchemaFor(PARAMETERS);

/** The zod schema {@link paretoNbdProbabilityAlive} validates its arguments with. */
export const paretoNbdProbabilityAliveSchema: MetricSchema = aliveSchema;

/**
 * Probability that a customer with the given history is still active at the
 * end of the calibration period, under the Pareto/NBD:
 * 1 / (1 + s/(r + s + x) (alpha + T)^(r+x) (beta + T)^s A_0).
 *
 * @remarks Cost: O(series terms).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param history - frequency, recency and age, in the fit's time unit.
 * @returns a probability in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 *
 * @example
 * ```ts
 * import { paretoNbdProbabilityAlive } from 'retention-metrics';
 *
 * // A customer who bought at the very end of the period is certainly alive.
 * paretoNbdProbabilityAlive({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, { frequency: 3, recency: 38, age: 38 });
 * //=> 1
 * ```
 */
export function paretoNbdProbabilityAlive(parameters: ParetoNbdParameters, history: CustomerHistory): number {
  const v = parseModelCall('paretoNbdProbabilityAlive', aliveSchema, parameters, history);
  return paretoProbabilityAlive(v.parameters, v.frequency, v.recency, v.age);
}

const expectedSchema = /* @__PURE__ */ expectedSchemaFor(PARAMETERS);

/** The zod schema {@link paretoNbdExpectedPurchases} validates its arguments with. */
export const paretoNbdExpectedPurchasesSchema: MetricSchema = expectedSchema;

/**
 * Expected purchases of a customer with the given history over the next
 * `horizon` time units, under the Pareto/NBD:
 * (r + x)(beta + T) / ((alpha + T)(s - 1)) [1 - ((beta + T)/(beta + T + t))^(s - 1)] x P(alive),
 * with its limit at s = 1.
 *
 * @remarks Cost: O(series terms).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param options - the history and the horizon, in the fit's time unit.
 * @returns the expected number of purchases.
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 *
 * @example
 * ```ts
 * import { paretoNbdExpectedPurchases } from 'retention-metrics';
 *
 * paretoNbdExpectedPurchases({ r: 1, alpha: 1, s: 2, beta: 1 }, { frequency: 0, recency: 0, age: 0, horizon: 1 }).toFixed(4);
 * //=> '0.5000'
 * ```
 */
export function paretoNbdExpectedPurchases(
  parameters: ParetoNbdParameters,
  options: CustomerHistory & { horizon: number },
): number {
  const v = parseModelCall('paretoNbdExpectedPurchases', expectedSchema, parameters, options);
  return paretoConditionalExpected(v.parameters, v.frequency, v.recency, v.age, v.horizon);
}

const newSchema = /* @__PURE__ */ newCustomerSchemaFor(PARAMETERS);

/** The zod schema {@link paretoNbdExpectedPurchasesNewCustomer} validates its arguments with. */
export const paretoNbdExpectedPurchasesNewCustomerSchema: MetricSchema = newSchema;

/**
 * Expected purchases of a new customer in its first `horizon` time units,
 * under the Pareto/NBD: r beta / (alpha (s - 1)) [1 - (beta/(beta + t))^(s - 1)].
 *
 * @remarks Cost: O(1).
 * @param parameters - `{ r, alpha, s, beta }`, for example a {@link fitParetoNbd} result.
 * @param options - the horizon, in the fit's time unit.
 * @returns the expected number of purchases.
 * @throws {@link MetricInputError} when a parameter is not positive or the horizon is negative.
 *
 * @example
 * ```ts
 * import { paretoNbdExpectedPurchasesNewCustomer } from 'retention-metrics';
 *
 * // r = alpha = beta = 1, s = 2: 1 - 1/(1 + t); t = 1 gives 0.5.
 * paretoNbdExpectedPurchasesNewCustomer({ r: 1, alpha: 1, s: 2, beta: 1 }, { horizon: 1 });
 * //=> 0.5
 * ```
 */
export function paretoNbdExpectedPurchasesNewCustomer(
  parameters: ParetoNbdParameters,
  options: { horizon: number },
): number {
  const v = parseModelCall('paretoNbdExpectedPurchasesNewCustomer', newSchema, parameters, options);
  return paretoExpectedNew(v.parameters, v.horizon);
}
