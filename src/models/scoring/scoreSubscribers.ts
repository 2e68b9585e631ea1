import type { Column, ColumnTable } from '../../data/columns';
import { describeValue } from '../../internal/numeric';
import { fail, type MetricSchema, objectSchema, optionsWith, parseInput, readerSchema } from '../../internal/schema';
import { optionalNumberField } from '../internal/inputs';
import { type Horizon, horizonUnits, neededRate, ratePerUnit, scoringTermFields } from '../internal/terms';
import type { UnitLength } from '../internal/units';
import type { BdwParameters } from '../sbg/fitBdw';
import type { SbgParameters } from '../sbg/types';
import { type CustomerId, readCustomerTable, SUBSCRIBER_TABLE } from './customerTable';
import { fitReader, type ReadFit, scoringUnit } from './fitInputs';
import { checkSimulatedCustomers, intervalFields, intervalSettings, parameterDraws } from './intervals';
import { columnSum, type Fitted, finiteColumn, finiteTotal } from './scorePurchases';
import { type SubscriberIntervals, subscriberIntervals, tenureScores } from './subscriberIntervals';

/**
 * One subscriber: its tenure, and optionally its id.
 *
 * @category Batch scoring
 */
export interface Subscriber {
  /** Periods active so far (renewals + 1), a whole number from 1. */
  periodsActive: number;
  /** The subscriber's id, carried through to the scores. */
  customerId?: CustomerId;
  /**
   * How many subscribers share this tenure, for grouped rows; 1 when left
   * out. The totals and the simulated outcomes count each of them.
   */
  customers?: number;
}

/**
 * Subscribers as columns, one value per subscriber in each.
 *
 * @category Batch scoring
 */
export interface SubscriberColumns {
  /** Periods active so far (renewals + 1), whole numbers from 1. */
  periodsActive: Column<number | string | bigint>;
  /** Each subscriber's id, carried through to the scores. */
  customerId?: Column<CustomerId>;
  /** How many subscribers each row stands for, for grouped rows (whole numbers, 0 or more). */
  customers?: Column<number | string | bigint>;
}

/**
 * A table of subscribers: an array of `{ periodsActive, customerId? }`, an object of those columns, or an Arrow table.
 *
 * @category Batch scoring
 */
export type SubscriberTable = readonly Subscriber[] | SubscriberColumns | ColumnTable;

/**
 * Options of {@link scoreSbg} and {@link scoreBdw}.
 *
 * @expand
 * @category Batch scoring
 */
export interface SubscriberScoreOptions {
  /**
   * How far ahead to score: a number of the fit's periods, or a calendar
   * duration (`{ months: 12 }`), which needs a fit that records its unit.
   * The payments counted are those at the start of each period that begins
   * within it: the renewal now and one each period after, ceil(horizon) in all.
   */
  horizon: Horizon;
  /** Discount rate per period, from 0 to 1. Give this or `annualDiscountRate`. */
  discountRate?: number;
  /** Discount rate per year of 365.25 days, from 0 to 1, compounded to the fit's period. */
  annualDiscountRate?: number;
  /** What one paid period is worth (the margin per period, in currency); when given, `residualValue` is added. */
  valuePerPeriod?: number;
  /**
   * Asks for intervals at this level (0.9 for 90 %): of every column, of the
   * table's expected totals and of its simulated outcome, by drawing
   * parameters from the fit's sampling distribution (its
   * `diagnostics.covariance`, on the log scale). Needs a fit result, not bare
   * parameters. Costs `draws` times the scoring itself, plus one simulated
   * lifetime per subscriber and draw.
   */
  intervalLevel?: number;
  /** Parameter sets drawn for the intervals: default 200, at least 2 / (1 - intervalLevel). */
  draws?: number;
  /** Seed of the draws, a whole number from 0 to 4294967295: default 1. The same seed gives the same intervals. */
  seed?: number;
}

/**
 * The per-subscriber columns of {@link SubscriberScores}.
 *
 * @category Batch scoring
 */
export interface SubscriberScoreColumns {
  /** Probability of renewing at the coming renewal: S(n) / S(n - 1) for a subscriber active n periods. */
  renewalProbability: Float64Array;
  /** Probability of still paying in the horizon's last period: S(n - 1 + K) / S(n - 1), K = ceil(horizon). */
  probabilityActiveAtHorizon: Float64Array;
  /** Expected payments in the horizon, the coming renewal included: sum_{k<K} S(n + k) / S(n - 1). */
  expectedRenewals: Float64Array;
  /** The same payments, each discounted to now: sum_{k<K} S(n + k) / S(n - 1) / (1 + d)^k. */
  discountedExpectedResidualLifetime: Float64Array;
  /** valuePerPeriod x discountedExpectedResidualLifetime, when `valuePerPeriod` is given: value from now on. */
  residualValue?: Float64Array;
}

/**
 * The totals of a subscriber table over the horizon.
 *
 * @category Batch scoring
 */
export interface SubscriberAggregate {
  /** Expected payments of all subscribers together. */
  expectedRenewals: number;
  /** Their residual value, when `valuePerPeriod` is given. */
  residualValue?: number;
}

/**
 * Result of {@link scoreSbg} and {@link scoreBdw}.
 *
 * @expand
 * @category Batch scoring
 */
export interface SubscriberScores {
  /** The retention model. */
  model: 'sbg' | 'bdw';
  /** Subscribers scored: the rows, or with grouped rows the sum of their `customers`. */
  customers: number;
  /** Rows scored: one per subscriber, or one per group of subscribers sharing a tenure. */
  rows: number;
  /** Each row's id, in the table's order, when the table has ids. */
  customerId?: CustomerId[];
  /** With grouped rows, the subscribers each row stands for (its `customers`), as the totals count them. */
  customersPerRow?: Float64Array;
  /** The horizon in the fit's periods (a calendar horizon converted). */
  horizon: number;
  /** Payments counted per subscriber: ceil(horizon). */
  periods: number;
  /** The fit's period length, when known. */
  timeUnit?: UnitLength;
  /** The discount rate per period used (an annual rate converted). */
  discountRate: number;
  /** The columns. */
  columns: SubscriberScoreColumns;
  /** The whole table's expected payments and value over the horizon: the sums of the columns. */
  aggregate: SubscriberAggregate;
  /** The intervals, when `intervalLevel` is given. */
  intervals?: SubscriberIntervals;
}

const optionsSchema = /* @__PURE__ */ buildOptionsSchema();

function buildOptionsSchema() {
  return objectSchema({
    ...scoringTermFields(),
    ...intervalFields(),
    valuePerPeriod: optionalNumberField((v) =>
      v >= 0 ? undefined : `must be a value per period, 0 or more, got ${v}`,
    ),
  });
}

const readSbg = /* @__PURE__ */ fitReader(['alpha', 'beta'] as const);
const readBdw = /* @__PURE__ */ fitReader(['alpha', 'beta', 'c'] as const);

/** The most payments counted per subscriber: the horizon's periods. */
const MAX_PERIODS = 100_000;

function scoreSubscribers(
  functionName: string,
  model: 'sbg' | 'bdw',
  fit: ReadFit<{ alpha: number; beta: number; c?: number }>,
  names: readonly ('alpha' | 'beta' | 'c')[],
  subscribers: unknown,
  options: unknown,
): SubscriberScores {
  const v = parseInput(functionName, optionsSchema, optionsWith(functionName, options, {}, 'an options object', true));
  const table = readCustomerTable(functionName, subscribers, 'subscribers', SUBSCRIBER_TABLE);
  const unitDays = scoringUnit(functionName, fit.unitDays, table.unitDays);
  const horizon = horizonUnits(functionName, v.horizon, unitDays);
  const rate = neededRate(functionName, ratePerUnit(functionName, v, unitDays), 'period');
  const K = Math.ceil(horizon);
  if (K > MAX_PERIODS) fail(functionName, 'horizon', `must span at most ${MAX_PERIODS} periods, got ${horizon}`);
  const { alpha, beta } = fit.parameters;
  const c = fit.parameters.c ?? 1;
  const n = table.count;
  const tenure = table.values.periodsActive as Float64Array;
  const columns: SubscriberScoreColumns = {
    renewalProbability: new Float64Array(n),
    probabilityActiveAtHorizon: new Float64Array(n),
    expectedRenewals: new Float64Array(n),
    discountedExpectedResidualLifetime: new Float64Array(n),
  };
  const logDiscount = Math.log1p(rate);
  const scratch = new Float64Array(4);
  // Subscribers of equal tenure share every score: each distinct tenure is computed once.
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const periods = tenure[i] as number;
    const first = seen.get(periods);
    if (first !== undefined) {
      columns.renewalProbability[i] = columns.renewalProbability[first] as number;
      columns.probabilityActiveAtHorizon[i] = columns.probabilityActiveAtHorizon[first] as number;
      columns.expectedRenewals[i] = columns.expectedRenewals[first] as number;
      columns.discountedExpectedResidualLifetime[i] = columns.discountedExpectedResidualLifetime[first] as number;
      continue;
    }
    seen.set(periods, i);
    tenureScores({ alpha, beta, c }, periods, K, logDiscount, scratch);
    columns.renewalProbability[i] = scratch[0] as number;
    columns.probabilityActiveAtHorizon[i] = scratch[1] as number;
    const expected = scratch[2] as number;
    const discounted = scratch[3] as number;
    columns.expectedRenewals[i] = expected;
    columns.discountedExpectedResidualLifetime[i] = discounted;
    if (!Number.isFinite(discounted)) {
      fail(
        functionName,
        `subscribers[${i}]`,
        `cannot be scored with these parameters (periodsActive ${describeValue(periods)})`,
      );
    }
  }
  const result: SubscriberScores = {
    model,
    customers: table.customers,
    rows: n,
    ...(table.ids === undefined ? {} : { customerId: table.ids }),
    ...(table.weights === undefined ? {} : { customersPerRow: table.weights }),
    horizon,
    periods: K,
    ...(unitDays === undefined ? {} : { timeUnit: { days: unitDays } }),
    discountRate: rate,
    columns,
    aggregate: { expectedRenewals: columnSum(columns.expectedRenewals, table.weights) },
  };
  if (v.valuePerPeriod !== undefined) {
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) value[i] = v.valuePerPeriod * (columns.discountedExpectedResidualLifetime[i] as number);
    finiteColumn(functionName, value, table.ids, () => 'valuePerPeriod', 'the value');
    columns.residualValue = value;
    result.aggregate.residualValue = finiteTotal(functionName, columnSum(value, table.weights));
  }
  const settings = intervalSettings(functionName, v);
  if (settings !== undefined) {
    checkSimulatedCustomers(functionName, table.customers, settings.draws);
    const draws = parameterDraws(functionName, fit.source, 'fit', names, fit.parameters, settings, 0).map((d) => ({
      alpha: d.alpha,
      beta: d.beta,
      c: d.c ?? 1,
    }));
    result.intervals = subscriberIntervals(
      functionName,
      settings,
      draws,
      tenure,
      table.weights,
      K,
      rate,
      v.valuePerPeriod,
    );
  }
  return result;
}

/**
 * Scores a table of subscribers under a fitted shifted beta-geometric (sBG)
 * model, given each one's tenure: the chance of renewing, of still paying at
 * the horizon, the payments expected and their discounted sum and value.
 *
 * @remarks
 * A subscriber active for n periods (n - 1 renewals so far) stands before
 * its next renewal. With S(t) and the K payments counted (the coming renewal
 * and one at the start of each later period that begins within the horizon)
 * as on the first line below, the columns are those of the lines after it:
 * the renewal probability, as {@link sbgRetentionRate} of period n;
 * P(active at horizon); the expected payments; their discounted sum, the
 * discounted expected residual lifetime over the horizon, which tends to
 * {@link sbgDiscountedResidualLifetime} as the horizon grows (Fader and
 * Hardie 2010, equation 6); and with `valuePerPeriod` the residual value,
 * that sum times the value of a period.
 *
 * ```math
 * \begin{aligned}
 * S(t) &= \frac{B(\alpha, \beta + t)}{B(\alpha, \beta)}, \qquad K = \lceil \text{horizon} \rceil, \\
 * \text{renewal probability} &= \frac{S(n)}{S(n - 1)}, \\
 * P(\text{active at horizon}) &= \frac{S(n - 1 + K)}{S(n - 1)}, \\
 * \text{expected payments} &= \sum_{k < K} \frac{S(n + k)}{S(n - 1)}, \\
 * \text{discounted sum} &= \sum_{k < K} \frac{S(n + k) / S(n - 1)}{(1 + d)^k}
 * \end{aligned}
 * ```
 *
 * Subscribers of equal tenure share their scores, so the cost is O(K) per
 * distinct tenure plus O(1) per subscriber.
 *
 * With `intervalLevel`, `intervals` holds each column's bounds, the
 * intervals of the expected totals (`aggregate`) and of the payments the
 * table will actually make (`outcome`, each subscriber's remaining lifetime
 * simulated under every draw), from parameters drawn from the fit's
 * covariance on the log scale with a seeded generator; about `draws` times
 * the scoring.
 *
 * @param fit - a {@link fitSbg} result, or `{ alpha, beta }`.
 * @param subscribers - an array of `{ periodsActive, customerId?, customers? }` (`customers`: how many subscribers share a grouped row), or an object of those columns.
 * @param options - the horizon, the discount rate and the value of a period.
 * @returns the columns, the ids, and the totals.
 * @throws {@link MetricInputError} naming the row of a bad tenure, or the option at fault.
 *
 * @example
 * ```ts
 * import { scoreSbg } from 'retention-metrics';
 *
 * // Fader and Hardie's "high end" segment; r(n) = (beta + n - 1) / (alpha + beta + n - 1).
 * const scores = scoreSbg({ alpha: 0.668, beta: 3.806 }, [{ periodsActive: 1 }, { periodsActive: 5 }], {
 *   horizon: 1, discountRate: 0.1,
 * });
 * Array.from(scores.columns.renewalProbability, (v) => v.toFixed(4));
 * //=> ['0.8507', '0.9212']
 * ```
 *
 * @category Batch scoring
 */
export function scoreSbg(
  fit: Fitted<SbgParameters>,
  subscribers: SubscriberTable,
  options: SubscriberScoreOptions,
): SubscriberScores {
  return scoreSubscribers('scoreSbg', 'sbg', readSbg('scoreSbg', fit, 'fit'), ['alpha', 'beta'], subscribers, options);
}

/**
 * Scores a table of subscribers under a fitted beta-discrete-Weibull (BdW)
 * model: the columns of {@link scoreSbg}, with S(t) as below.
 *
 * ```math
 * S(t) = \frac{B(\alpha, \beta + t^c)}{B(\alpha, \beta)}
 * ```
 *
 * @remarks Each period's retention is taken in logs as a log-beta step, so
 * long tenures and retention close to 1 keep their digits. Cost: O(K) per
 * distinct tenure.
 * @param fit - a {@link fitBdw} result, or `{ alpha, beta, c }`.
 * @param subscribers - an array of `{ periodsActive, customerId?, customers? }`, or an object of those columns.
 * @param options - the horizon, the discount rate and the value of a period.
 * @returns the columns, the ids, and the totals.
 * @throws {@link MetricInputError} naming the row of a bad tenure, or the option at fault.
 *
 * @example
 * ```ts
 * import { scoreBdw } from 'retention-metrics';
 *
 * // With c = 1 the BdW is the sBG.
 * scoreBdw({ alpha: 1, beta: 1, c: 1 }, [{ periodsActive: 2 }], { horizon: 1, discountRate: 0 })
 *   .columns.renewalProbability[0]?.toFixed(4);
 * //=> '0.6667'
 * ```
 *
 * @category Batch scoring
 */
export function scoreBdw(
  fit: Fitted<BdwParameters>,
  subscribers: SubscriberTable,
  options: SubscriberScoreOptions,
): SubscriberScores {
  return scoreSubscribers(
    'scoreBdw',
    'bdw',
    readBdw('scoreBdw', fit, 'fit'),
    ['alpha', 'beta', 'c'],
    subscribers,
    options,
  );
}

/**
 * The zod schema of {@link scoreSbg}'s arguments, as `{ fit, subscribers, ...options }`; it validates by scoring.
 *
 * @category Input schemas (zod)
 */
export const scoreSbgSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ fit, subscribers, ...options }) =>
  scoreSbg(fit as never, subscribers as never, options as never),
) as unknown as MetricSchema;

/**
 * The zod schema of {@link scoreBdw}'s arguments, as `{ fit, subscribers, ...options }`; it validates by scoring.
 *
 * @category Input schemas (zod)
 */
export const scoreBdwSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ fit, subscribers, ...options }) =>
  scoreBdw(fit as never, subscribers as never, options as never),
) as unknown as MetricSchema;
