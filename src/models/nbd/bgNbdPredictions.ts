import { type MetricSchema, objectSchema } from '../../internal/schema';
import { numberField, parametersField, wholePeriod } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { callTerms, type Horizon, horizonField } from '../internal/terms';
import {
  type BgNbdParameters,
  conditionalExpectedPurchases,
  expectedPurchasesNew,
  probabilityAlive,
  purchaseCountProbability,
} from './bgNbdMath';
import { aliveSchemaFor, expectedSchemaFor, newCustomerSchemaFor } from './history';

export type { BgNbdParameters } from './bgNbdMath';

/**
 * A customer's history in a calibration period: repeat purchases, recency and age, in time units.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface CustomerHistory {
  /** Repeat purchases x (purchase occasions after the first). */
  frequency: number;
  /** Time from the first to the last purchase, t_x. */
  recency: number;
  /** Time from the first purchase to the end of the calibration period, T. */
  age: number;
}

const PARAMETERS = ['r', 'alpha', 'a', 'b'] as const;

const aliveSchema = /* @__PURE__ */ aliveSchemaFor(PARAMETERS);

/**
 * The zod schema {@link bgNbdProbabilityAlive} validates its arguments with, as `{ parameters, ...history }`.
 *
 * @category Input schemas (zod)
 */
export const bgNbdProbabilityAliveSchema: MetricSchema = aliveSchema;

/**
 * Probability that a customer with the given history is still active at the
 * end of the calibration period, under the BG/NBD.
 *
 * @remarks
 * ```math
 * P(\text{alive} \mid x, t_x, T) = \frac{1}{1 + [x > 0]\, \dfrac{a}{b + x - 1} \left(\dfrac{\alpha + T}{\alpha + t_x}\right)^{r + x}}
 * ```
 *
 * A customer with no repeat purchase is alive by the model's assumption (it
 * can only drop out right after a purchase); a long silence after many
 * purchases makes it unlikely. Cost: O(1).
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param history - frequency, recency and age, in the fit's time unit.
 * @returns a probability in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 * @see Fader, Hardie and Lee (2005), equation (13).
 *
 * @example
 * ```ts
 * import { bgNbdProbabilityAlive } from 'retention-metrics';
 *
 * // CDNOW customer 1 under the published fit.
 * const fit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * bgNbdProbabilityAlive(fit, { frequency: 2, recency: 30.43, age: 38.86 }).toFixed(4);
 * //=> '0.7266'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdProbabilityAlive(parameters: BgNbdParameters, history: CustomerHistory): number {
  const v = parseModelCall('bgNbdProbabilityAlive', aliveSchema, parameters, history);
  return finiteResult('bgNbdProbabilityAlive', probabilityAlive(v.parameters, v.frequency, v.recency, v.age));
}

const expectedSchema = /* @__PURE__ */ expectedSchemaFor(PARAMETERS);

/**
 * The zod schema {@link bgNbdExpectedPurchases} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const bgNbdExpectedPurchasesSchema: MetricSchema = expectedSchema;

/**
 * Expected purchases of a customer with the given history over the next
 * `horizon` time units, under the BG/NBD.
 *
 * @remarks
 * FHL (2005) equation (10):
 *
 * ```math
 * \begin{aligned}
 * E[Y(t) \mid x, t_x, T] &= \frac{a + b + x - 1}{a - 1} \Bigg[1 - \left(\frac{\alpha + T}{\alpha + T + t}\right)^{r + x} \\
 * &\qquad {}_2F_1\left(r + x, b + x; a + b + x - 1; \frac{t}{\alpha + T + t}\right)\Bigg] \\
 * &\quad \times P(\text{alive})
 * \end{aligned}
 * ```
 *
 * The hypergeometric term is summed directly or through Euler's
 * transformation, whose parameters stay small however many purchases the
 * customer made. Where the closed form would lose its digits (the bracket
 * close to 0 for a tiny r or a short horizon, a close to 1, z close to 1,
 * parameters in the millions), the expectation of a customer still active
 * (all but the factor P(alive)) is taken as its integral over the drop-out
 * probability, the expectation below, by quadrature in the log-odds of p, and
 * multiplied by P(alive): accurate to about 1e-9 for any parameters from 1e-8 to 1e8,
 * and never falling as the horizon grows.
 *
 * ```math
 * E\left[\frac{1 - \left(\dfrac{\alpha + T}{\alpha + T + p t}\right)^{r + x}}{p}\right],
 * \qquad p \sim \mathrm{Beta}(a, b + x)
 * ```
 *
 * Cost: a few dozen series terms, or a few hundred to a few
 * thousand evaluations of the integrand (under a millisecond).
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param options - the history, and the horizon t: a number of the fit's time units (fractions fine), or a
 *   calendar duration such as `{ months: 12 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of purchases, 0 or more.
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 *
 * @example
 * ```ts
 * import { bgNbdExpectedPurchases } from 'retention-metrics';
 *
 * const fit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * bgNbdExpectedPurchases(fit, { frequency: 2, recency: 30.43, age: 38.86, horizon: 39 }).toFixed(3);
 * //=> '1.226'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdExpectedPurchases(
  parameters: BgNbdParameters,
  options: CustomerHistory & { horizon: Horizon },
): number {
  const fn = 'bgNbdExpectedPurchases';
  const v = parseModelCall(fn, expectedSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  return finiteResult(fn, conditionalExpectedPurchases(v.parameters, v.frequency, v.recency, v.age, horizon));
}

const newSchema = /* @__PURE__ */ newCustomerSchemaFor(PARAMETERS);

/**
 * The zod schema {@link bgNbdExpectedPurchasesNewCustomer} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgNbdExpectedPurchasesNewCustomerSchema: MetricSchema = newSchema;

/**
 * Expected repeat purchases of a new customer in its first `horizon` time
 * units, under the BG/NBD: FHL (2005) equation (9), below.
 *
 * ```math
 * \begin{aligned}
 * E[X(t)] &= \frac{a + b - 1}{a - 1} \Bigg[1 - \left(\frac{\alpha}{\alpha + t}\right)^r \\
 * &\qquad {}_2F_1\left(r, b; a + b - 1; \frac{t}{\alpha + t}\right)\Bigg]
 * \end{aligned}
 * ```
 *
 * @remarks Computed as {@link bgNbdExpectedPurchases} is, by the series or,
 * where it would lose its digits, by quadrature over the drop-out
 * probability. Cost: a few dozen series terms or a few thousand evaluations
 * of the integrand at most.
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param options - the horizon t: a number of the fit's time units, or a calendar duration such as
 *   `{ years: 1 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of repeat purchases.
 * @throws {@link MetricInputError} when a parameter is not positive or the horizon is negative.
 *
 * @example
 * ```ts
 * import { bgNbdExpectedPurchasesNewCustomer } from 'retention-metrics';
 *
 * const fit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * bgNbdExpectedPurchasesNewCustomer(fit, { horizon: 78 }).toFixed(4);
 * //=> '1.8580'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdExpectedPurchasesNewCustomer(parameters: BgNbdParameters, options: { horizon: Horizon }): number {
  const fn = 'bgNbdExpectedPurchasesNewCustomer';
  const v = parseModelCall(fn, newSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  return finiteResult(fn, expectedPurchasesNew(v.parameters, horizon));
}

const countSchema = /* @__PURE__ */ buildCountSchema();
function buildCountSchema() {
  return objectSchema({
    parameters: parametersField(PARAMETERS),
    purchases: numberField(
      (k) => wholePeriod(k) ?? (k > 1_000_000 ? `must be at most 1,000,000 (the cost is O(k)), got ${k}` : undefined),
    ),
    horizon: horizonField(),
  });
}

/**
 * The zod schema {@link bgNbdPurchaseCountProbability} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgNbdPurchaseCountProbabilitySchema: MetricSchema = countSchema;

/**
 * Probability that a new customer makes exactly k repeat purchases in its
 * first t time units, under the BG/NBD (FHL 2005, equation 8).
 *
 * @remarks Computed in logs; cost O(k).
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param options - the number of purchases k and the horizon t (time units, or a calendar duration when
 *   `parameters` is a fit that records its unit).
 * @returns P(X(t) = k), in [0, 1]; over k = 0, 1, 2, ... they add up to 1.
 * @throws {@link MetricInputError} when a parameter is not positive, k is not whole, or t is not positive.
 *
 * @example
 * ```ts
 * import { bgNbdPurchaseCountProbability } from 'retention-metrics';
 *
 * // With r = alpha = a = b = 1 and t = 1, P(X = 0) = B(1, 1)/B(1, 1) x (1/2)^1 = 0.5.
 * bgNbdPurchaseCountProbability({ r: 1, alpha: 1, a: 1, b: 1 }, { purchases: 0, horizon: 1 }).toFixed(6);
 * //=> '0.500000'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdPurchaseCountProbability(
  parameters: BgNbdParameters,
  options: { purchases: number; horizon: Horizon },
): number {
  const fn = 'bgNbdPurchaseCountProbability';
  const v = parseModelCall(fn, countSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  return finiteResult(fn, Math.min(1, purchaseCountProbability(v.parameters, v.purchases, horizon)));
}
