import type { MetricSchema } from '../../internal/schema';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { callTerms, type Horizon } from '../internal/terms';
import type { BgNbdParameters } from './bgNbdMath';
import type { CustomerHistory } from './bgNbdPredictions';
import { aliveSchemaFor, expectedSchemaFor, newCustomerSchemaFor } from './history';
import { mbgConditionalExpectedPurchases, mbgExpectedPurchasesNew, mbgProbabilityAlive } from './mbgNbdMath';

const PARAMETERS = ['r', 'alpha', 'a', 'b'] as const;

const aliveSchema = /* @__PURE__ */ aliveSchemaFor(PARAMETERS);

/**
 * The zod schema {@link mbgNbdProbabilityAlive} validates its arguments with, as `{ parameters, ...history }`.
 *
 * @category Input schemas (zod)
 */
export const mbgNbdProbabilityAliveSchema: MetricSchema = aliveSchema;

/**
 * Probability that a customer with the given history is still active at the
 * end of the calibration period, under the MBG/NBD.
 *
 * @remarks
 * ```math
 * P(\text{alive} \mid x, t_x, T) = \frac{1}{1 + \dfrac{a}{b + x} \left(\dfrac{\alpha + T}{\alpha + t_x}\right)^{r + x}}
 * ```
 *
 * for every x, 0 included: unlike under the BG/NBD, a customer who never
 * bought again may have dropped out right after its first purchase, and the
 * longer its silence the likelier that is. Computed from the log of the odds,
 * so it is never 0/0 or an overflow. Cost: O(1).
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitMbgNbd} result.
 * @param history - frequency, recency and age, in the fit's time unit.
 * @returns a probability in [0, 1], below 1 for every history.
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 * @see Batislam, Denizel and Filiztekin (2007), appendix A, equation (5).
 *
 * @example
 * ```ts
 * import { mbgNbdProbabilityAlive } from 'retention-metrics';
 *
 * // The MBG/NBD fit of the CDNOW sample (lifetimes' and BTYDplus's figures).
 * const fit = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
 * mbgNbdProbabilityAlive(fit, { frequency: 2, recency: 30.43, age: 38.86 }).toFixed(4);
 * //=> '0.7062'
 * // A one-time buyer, silent for 38.86 weeks: certainly alive under the BG/NBD, not here.
 * mbgNbdProbabilityAlive(fit, { frequency: 0, recency: 0, age: 38.86 }).toFixed(4);
 * //=> '0.3897'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function mbgNbdProbabilityAlive(parameters: BgNbdParameters, history: CustomerHistory): number {
  const v = parseModelCall('mbgNbdProbabilityAlive', aliveSchema, parameters, history);
  return finiteResult('mbgNbdProbabilityAlive', mbgProbabilityAlive(v.parameters, v.frequency, v.recency, v.age));
}

const expectedSchema = /* @__PURE__ */ expectedSchemaFor(PARAMETERS);

/**
 * The zod schema {@link mbgNbdExpectedPurchases} validates its arguments with, as `{ parameters, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const mbgNbdExpectedPurchasesSchema: MetricSchema = expectedSchema;

/**
 * Expected purchases of a customer with the given history over the next
 * `horizon` time units, under the MBG/NBD.
 *
 * @remarks
 * A customer still active has survived x + 1 drop-out chances, so its
 * drop-out probability is Beta(a, b + x + 1) and its expected purchases are
 * the BG/NBD's with b + 1 for b; times P(alive) ({@link mbgNbdProbabilityAlive}):
 *
 * ```math
 * \begin{aligned}
 * E[Y(t) \mid x, t_x, T] &= \frac{a + b + x}{a - 1} \Bigg[1 - \left(\frac{\alpha + T}{\alpha + T + t}\right)^{r + x} \\
 * &\qquad {}_2F_1\left(r + x, b + x + 1; a + b + x; \frac{t}{\alpha + T + t}\right)\Bigg] \\
 * &\quad \times P(\text{alive})
 * \end{aligned}
 * ```
 *
 * Computed as {@link bgNbdExpectedPurchases} is: the series directly or
 * through Euler's transformation, and where the closed form would lose its
 * digits (a close to 1, a bracket near 0, z near 1) the expectation of an
 * active customer as its integral over the drop-out probability, by
 * quadrature. lifetimes (ModifiedBetaGeoFitter) and pymc-marketing
 * (ModifiedBetaGeoModel) implement the same expression, and BTYDplus
 * (mbgcnbd.ConditionalExpectedTransactions with k = 1) writes it in its R
 * source; evaluated with SciPy's hyp2f1 at this library's CDNOW fit, that
 * expression agrees with this function to 2e-13 for every customer.
 * Cost: a few dozen series terms, or a few thousand evaluations of the
 * integrand.
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitMbgNbd} result.
 * @param options - the history, and the horizon t: a number of the fit's time units (fractions fine), or a
 *   calendar duration such as `{ months: 12 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of purchases, 0 or more.
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 * @see Batislam, Denizel and Filiztekin (2007); Wagner, U. and Hoppe, D. (2008), Erratum on the MBG/NBD model, International Journal of Research in Marketing 25(3), 225-226.
 *
 * @example
 * ```ts
 * import { mbgNbdExpectedPurchases } from 'retention-metrics';
 *
 * const fit = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
 * mbgNbdExpectedPurchases(fit, { frequency: 2, recency: 30.43, age: 38.86, horizon: 39 }).toFixed(3);
 * //=> '1.263'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function mbgNbdExpectedPurchases(
  parameters: BgNbdParameters,
  options: CustomerHistory & { horizon: Horizon },
): number {
  const fn = 'mbgNbdExpectedPurchases';
  const v = parseModelCall(fn, expectedSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  return finiteResult(fn, mbgConditionalExpectedPurchases(v.parameters, v.frequency, v.recency, v.age, horizon, fn));
}

const newSchema = /* @__PURE__ */ newCustomerSchemaFor(PARAMETERS);

/**
 * The zod schema {@link mbgNbdExpectedPurchasesNewCustomer} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const mbgNbdExpectedPurchasesNewCustomerSchema: MetricSchema = newSchema;

/**
 * Expected repeat purchases of a new customer in its first `horizon` time
 * units, under the MBG/NBD.
 *
 * @remarks
 * Given lambda and p, the customer survives the drop-out at time 0 with
 * probability 1 - p and then makes (1/p)(1 - e^(-lambda p t)) purchases on
 * average, so E[X(t) | lambda, p] = ((1 - p)/p)(1 - e^(-lambda p t)).
 * Over lambda ~ Gamma(r, alpha) and p ~ Beta(a, b) (E[(1 - p)/p] = b/(a - 1),
 * and Pfaff's transformation for the rest):
 *
 * ```math
 * E[X(t)] = \frac{b}{a - 1} \left[1 - \left(\frac{\alpha}{\alpha + t}\right)^r
 * {}_2F_1\left(r, b + 1; a + b; \frac{t}{\alpha + t}\right)\right]
 * ```
 *
 * It is b/(a + b), the chance of surviving time 0, times the BG/NBD's
 * new-customer expectation with b + 1 for b, and is computed that way (series
 * or quadrature, see {@link bgNbdExpectedPurchasesNewCustomer}). lifetimes
 * and pymc-marketing implement the same expression. Cost: a few dozen series
 * terms or a few thousand evaluations of the integrand at most.
 *
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitMbgNbd} result.
 * @param options - the horizon t: a number of the fit's time units, or a calendar duration such as
 *   `{ years: 1 }` when `parameters` is a fit that records its unit.
 * @returns the expected number of repeat purchases.
 * @throws {@link MetricInputError} when a parameter is not positive or the horizon is negative.
 * @see Batislam, Denizel and Filiztekin (2007).
 *
 * @example
 * ```ts
 * import { mbgNbdExpectedPurchasesNewCustomer } from 'retention-metrics';
 *
 * const fit = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
 * mbgNbdExpectedPurchasesNewCustomer(fit, { horizon: 78 }).toFixed(4);
 * //=> '1.8048'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function mbgNbdExpectedPurchasesNewCustomer(parameters: BgNbdParameters, options: { horizon: Horizon }): number {
  const fn = 'mbgNbdExpectedPurchasesNewCustomer';
  const v = parseModelCall(fn, newSchema, parameters, options);
  const horizon = callTerms(fn, parameters, 'parameters').horizon(v.horizon, Number.POSITIVE_INFINITY);
  return finiteResult(fn, mbgExpectedPurchasesNew(v.parameters, horizon, fn));
}
