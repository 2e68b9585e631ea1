import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, objectSchema, parseInput } from '../../internal/schema';
import { bfgs } from '../internal/bfgs';
import { iterationLimit, optionalNumberField } from '../internal/inputs';
import { bgNbdNegativeLogLikelihoodWithGradient } from './bgNbdLikelihood';
import type { BgNbdParameters } from './bgNbdMath';
import { type FrequencyRecency, type FrequencyRecencyData, readFrequencyRecency } from './summaryData';

/** A fitted BG/NBD model: plain numbers, safe to store as JSON. */
export interface BgNbdFit extends BgNbdParameters {
  /** Which model this is. */
  model: 'bgnbd';
  /** Log-likelihood at the estimate. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Customers fitted. */
  customers: number;
}

/** Customer summaries: an array of `{ frequency, recency, age }` or an {@link rfmSummary} result. */
export type CustomerSummaries = readonly FrequencyRecency[] | SummaryTable;

/** Customer summaries wrapped as rfmSummary returns them. */
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

/** The zod schema {@link fitBgNbd} validates its arguments with, as `{ customers, ...options }`. */
export const fitBgNbdSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema({ customers: summariesField(), maxIterations: optionalNumberField(iterationLimit) });
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
 * parameters (which keeps them positive), from 1; it stops when every
 * gradient component of the mean log-likelihood per customer is below 1e-9.
 *
 * Time is in the unit of the summaries (weeks for rfmSummary's default), and
 * alpha is in that unit.
 *
 * Cost: O(iterations x distinct summaries); a few dozen iterations.
 *
 * @param customers - `{ frequency, recency, age }` per customer, or an rfmSummary result.
 * @param options - the iteration limit.
 * @returns r, alpha, a, b, the log-likelihood and the iterations.
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
 * fit.converged;
 * //=> true
 * ```
 */
export function fitBgNbd(customers: CustomerSummaries, options: { maxIterations?: number } = {}): BgNbdFit {
  if (!isOptionsObject(options))
    fail('fitBgNbd', 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput('fitBgNbd', schema, { ...options, customers });
  const data = v.customers;
  // Minimise the mean negative log-likelihood per customer, so that the
  // tolerance and the first step mean the same for 2,000 or 2,000,000 customers.
  const perCustomer = 1 / data.customers;
  const found = bfgs(
    (point) => {
      const [value, gradient] = bgNbdNegativeLogLikelihoodWithGradient(data, point);
      return [value * perCustomer, gradient.map((g) => g * perCustomer)];
    },
    [0, 0, 0, 0],
    { maxIterations: v.maxIterations ?? 1000, gradientTolerance: 1e-9 },
  );
  const [r, alpha, a, b] = found.point.map(Math.exp) as [number, number, number, number];
  return {
    model: 'bgnbd',
    r,
    alpha,
    a,
    b,
    logLikelihood: -found.value * data.customers,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
  };
}
