import { fail, type MetricSchema, objectSchema, report } from '../../internal/schema';
import { numberField, parametersField } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { rateField } from '../internal/terms';
import { MAX_PERIODS } from './bgBbData';
import {
  type BgBbParameters,
  discountedResidualTransactions,
  expectedTransactions,
  expectedTransactionsNew,
  probabilityAlive,
} from './bgBbMath';

/**
 * One customer's history in discrete time, as the BG/BB predictions take it.
 *
 * @expand
 * @category Discrete-time model: BG/BB
 */
export interface BgBbHistory {
  /** Repeat transactions x. */
  frequency: number;
  /** The opportunity of the last repeat transaction t_x; 0 when there is none. */
  recency: number;
  /** Opportunities since the first transaction, n. */
  periods: number;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;
/** Row fields a prediction call accepts and does not read (a grouped row, an id). */
const ROW_FIELDS = ['customers', 'customerId'] as const;

const whole = (what: string, least: number) => (v: number) =>
  Number.isInteger(v) && v >= least && v <= MAX_PERIODS
    ? undefined
    : `must be a whole number of ${what} from ${least} to ${MAX_PERIODS.toLocaleString('en-US')}, got ${v}`;

function historyFields() {
  return {
    parameters: parametersField(NAMES),
    frequency: numberField(whole('repeat transactions', 0)),
    recency: numberField(whole('opportunities', 0)),
    periods: numberField(whole('opportunities', 0)),
  };
}

function checkHistory(v: { frequency: number; recency: number; periods: number }, ctx: Parameters<typeof report>[0]) {
  if (v.frequency > v.periods) report(ctx, 'frequency', `must not exceed periods (${v.periods}), got ${v.frequency}`);
  else if (v.recency > v.periods) report(ctx, 'recency', `must not exceed periods (${v.periods}), got ${v.recency}`);
  else if (v.recency < v.frequency)
    report(
      ctx,
      'recency',
      `must be at least frequency (${v.frequency}): x transactions need x opportunities, got ${v.recency}`,
    );
  else if (v.frequency === 0 && v.recency !== 0) report(ctx, 'recency', 'must be 0 when frequency is 0');
}

// Each schema is built inside a function: a call in the arguments of a pure-annotated call would be kept by bundlers.
const aliveSchema = /* @__PURE__ */ buildAliveSchema();
function buildAliveSchema() {
  return objectSchema(historyFields(), checkHistory, ROW_FIELDS);
}

/**
 * The zod schema {@link bgBbProbabilityAlive} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgBbProbabilityAliveSchema: MetricSchema = aliveSchema;

/**
 * Probability that a customer with the given history is still alive at the
 * next opportunity, n + 1, under the BG/BB.
 *
 * @remarks
 * FHS 2010, equation 11:
 *
 * ```math
 * \begin{aligned}
 * &\frac{B(\alpha + x, \beta + n - x)}{B(\alpha, \beta)} \times \frac{B(\gamma, \delta + n + 1)}{B(\gamma, \delta)} \\
 * &\quad \Big/\, L(\alpha, \beta, \gamma, \delta \mid x, t_x, n)
 * \end{aligned}
 * ```
 *
 * A customer who transacted at the last opportunity (t_x = n) was alive then,
 * and is alive at n + 1 unless it left in between. Cost: O(n).
 *
 * @param parameters - `{ alpha, beta, gamma, delta }`, for example a {@link fitBgBb} result.
 * @param history - `{ frequency, recency, periods }`: x, t_x and n.
 * @returns P(alive at n + 1), in [0, 1].
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 * @see Fader, P. S., Hardie, B. G. S. and Shang, J. (2010), Customer-base analysis in a discrete-time noncontractual setting, Marketing Science 29(6).
 *
 * @example
 * ```ts
 * import { bgBbProbabilityAlive } from 'retention-metrics';
 *
 * // No opportunity yet: alive at the first one with probability E[1 - theta] = delta / (gamma + delta).
 * bgBbProbabilityAlive({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 }, { frequency: 0, recency: 0, periods: 0 }) ===
 *   2.78 / (0.66 + 2.78);
 * //=> true
 * ```
 *
 * @category Discrete-time model: BG/BB
 */
export function bgBbProbabilityAlive(parameters: BgBbParameters, history: BgBbHistory): number {
  const v = parseModelCall('bgBbProbabilityAlive', aliveSchema, parameters, history);
  return finiteResult('bgBbProbabilityAlive', probabilityAlive(v.parameters, v.frequency, v.recency, v.periods));
}

const expectedSchema = /* @__PURE__ */ buildExpectedSchema();
function buildExpectedSchema() {
  return objectSchema(
    { ...historyFields(), futurePeriods: numberField(whole('opportunities ahead', 0)) },
    checkHistory,
    ROW_FIELDS,
  );
}

/**
 * The zod schema {@link bgBbExpectedTransactions} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgBbExpectedTransactionsSchema: MetricSchema = expectedSchema;

/**
 * Expected transactions of a customer with the given history over the next
 * `futurePeriods` opportunities (n + 1 to n + n*), under the BG/BB.
 *
 * @remarks
 * FHS 2010, equation 13, as below: the chance of being alive at each coming
 * opportunity times the expected transaction probability of those alive.
 *
 * ```math
 * \frac{1}{L}\, \frac{B(\alpha + x + 1, \beta + n - x)}{B(\alpha, \beta)}
 * \times \sum_{k=1}^{n^*} \frac{B(\gamma, \delta + n + k)}{B(\gamma, \delta)}
 * ```
 *
 * The paper writes the sum in gamma functions
 * (with a 1 / (gamma - 1) that needs its limit at gamma = 1); here it is
 * summed opportunity by opportunity. Cost: O(n + n*).
 *
 * @param parameters - `{ alpha, beta, gamma, delta }`, for example a {@link fitBgBb} result.
 * @param options - the history `{ frequency, recency, periods }` and `futurePeriods`, the opportunities ahead.
 * @returns the expected number of transactions, 0 or more.
 * @throws {@link MetricInputError} when a parameter is not positive or the history is inconsistent.
 * @see Fader, Hardie and Shang (2010), Marketing Science 29(6).
 *
 * @example
 * ```ts
 * import { bgBbExpectedTransactions } from 'retention-metrics';
 *
 * // Nothing is expected over no opportunities.
 * bgBbExpectedTransactions({ alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 }, { frequency: 3, recency: 5, periods: 6, futurePeriods: 0 });
 * //=> 0
 * ```
 *
 * @category Discrete-time model: BG/BB
 */
export function bgBbExpectedTransactions(
  parameters: BgBbParameters,
  options: BgBbHistory & { futurePeriods: number },
): number {
  const v = parseModelCall('bgBbExpectedTransactions', expectedSchema, parameters, options);
  return finiteResult(
    'bgBbExpectedTransactions',
    expectedTransactions(v.parameters, v.frequency, v.recency, v.periods, v.futurePeriods),
  );
}

const newSchema = /* @__PURE__ */ buildNewSchema();
function buildNewSchema() {
  return objectSchema({ parameters: parametersField(NAMES), periods: numberField(whole('opportunities', 0)) });
}

/**
 * The zod schema {@link bgBbExpectedTransactionsNewCustomer} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgBbExpectedTransactionsNewCustomerSchema: MetricSchema = newSchema;

/**
 * Expected repeat transactions of a new customer over its first `periods`
 * opportunities after the first transaction, under the BG/BB.
 *
 * @remarks
 * FHS 2010, equation 8, as below, summed opportunity by opportunity.
 *
 * ```math
 * \frac{\alpha}{\alpha + \beta} \times \sum_{t=1}^{n} \frac{B(\gamma, \delta + t)}{B(\gamma, \delta)}
 * ```
 *
 * Cost: O(n).
 *
 * @param parameters - `{ alpha, beta, gamma, delta }`, for example a {@link fitBgBb} result.
 * @param options - `{ periods }`, the opportunities n.
 * @returns the expected number of repeat transactions.
 * @throws {@link MetricInputError} when a parameter is not positive or n is not a whole number from 0.
 * @see Fader, Hardie and Shang (2010), Marketing Science 29(6).
 *
 * @example
 * ```ts
 * import { bgBbExpectedTransactionsNewCustomer } from 'retention-metrics';
 *
 * // One opportunity: E[p] E[1 - theta] = (1/2)(1/2) with all parameters 1.
 * bgBbExpectedTransactionsNewCustomer({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, { periods: 1 });
 * //=> 0.25
 * ```
 *
 * @category Discrete-time model: BG/BB
 */
export function bgBbExpectedTransactionsNewCustomer(parameters: BgBbParameters, options: { periods: number }): number {
  const v = parseModelCall('bgBbExpectedTransactionsNewCustomer', newSchema, parameters, options);
  return finiteResult('bgBbExpectedTransactionsNewCustomer', expectedTransactionsNew(v.parameters, v.periods));
}

const dertSchema = /* @__PURE__ */ buildDertSchema();
function buildDertSchema() {
  return objectSchema({ ...historyFields(), discountRate: rateField('period', true) }, checkHistory, ROW_FIELDS);
}

/**
 * The zod schema {@link bgBbDiscountedResidualTransactions} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgBbDiscountedResidualTransactionsSchema: MetricSchema = dertSchema;

/**
 * Discounted expected residual transactions (DERT) of a customer with the
 * given history under the BG/BB: every future opportunity's expected
 * transaction, discounted to now, over an unbounded future. Times the value
 * of one transaction, the customer's residual lifetime value.
 *
 * @remarks
 * FHS 2010, equation 14, as below, the transaction at opportunity n + 1
 * discounted by one period.
 *
 * ```math
 * \begin{aligned}
 * \text{DERT} &= \frac{B(\alpha + x + 1, \beta + n - x)}{B(\alpha, \beta)} \times \frac{B(\gamma, \delta + n + 1)}{(1 + d)\, B(\gamma, \delta)} \\
 * &\quad \times {}_2F_1\left(1, \delta + n + 1; \gamma + \delta + n + 1; \frac{1}{1 + d}\right) \Big/ L
 * \end{aligned}
 * ```
 *
 * The Gauss hypergeometric series needs about 37 / d terms, so d must be at
 * least about 1e-6. Cost: O(n + 1 / d).
 *
 * @param parameters - `{ alpha, beta, gamma, delta }`, for example a {@link fitBgBb} result.
 * @param options - the history `{ frequency, recency, periods }` and `discountRate` per opportunity, greater than 0.
 * @returns DERT, in transactions.
 * @throws {@link MetricInputError} when a parameter is not positive, the history is inconsistent, or the rate is not in (0, 1].
 * @see Fader, Hardie and Shang (2010), Marketing Science 29(6).
 *
 * @example
 * ```ts
 * import { bgBbDiscountedResidualTransactions } from 'retention-metrics';
 *
 * // The donation data's fit, at 10 % a year: a donor who gave in each of the six years,
 * // and one who never gave again.
 * const fit = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
 * const dert = (frequency: number, recency: number) =>
 *   bgBbDiscountedResidualTransactions(fit, { frequency, recency, periods: 6, discountRate: 0.1 });
 * [dert(6, 6).toFixed(3), dert(0, 0).toFixed(3)];
 * //=> ['5.909', '0.115']
 * ```
 *
 * @category Discrete-time model: BG/BB
 */
export function bgBbDiscountedResidualTransactions(
  parameters: BgBbParameters,
  options: BgBbHistory & { discountRate: number },
): number {
  const fn = 'bgBbDiscountedResidualTransactions';
  const v = parseModelCall(fn, dertSchema, parameters, options);
  if (v.discountRate === undefined) fail(fn, 'discountRate', 'is required: the rate per opportunity, greater than 0');
  const dert = discountedResidualTransactions(v.parameters, v.frequency, v.recency, v.periods, v.discountRate);
  if (dert === undefined) {
    fail(
      fn,
      'discountRate',
      `is too small for the series to converge in reasonable time (about 37 / discountRate terms); use at least 1e-6 per period, got ${v.discountRate}`,
    );
  }
  return finiteResult(fn, dert);
}
