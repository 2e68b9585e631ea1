import * as z from 'zod/mini';
import { type DateInput, dayField } from '../../internal/calendar';
import { fail, type MetricSchema, objectSchema, optionsWith, parseInput, report } from '../../internal/schema';
import { finiteResult } from '../internal/modelCall';
import { timeUnitField } from '../internal/units';
import type { TimeUnit, Transaction } from '../nbd/rfmSummary';
import { forEachCustomer, readTransactions, transactionsField } from '../nbd/transactions';
import { isoDay } from './days';
import { type PurchaseModelFit, type PurchaseModelName, purchaseFitField } from './purchaseModels';

/**
 * Options of {@link purchaseTracking}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface PurchaseTrackingOptions {
  /** The fitted model: a {@link fitBgNbd} or {@link fitParetoNbd} result, or `{ model: 'bgnbd', r, alpha, a, b }`. */
  fit: PurchaseModelFit;
  /** Last day of the calibration period, included: the day the model's summaries were cut at. */
  calibrationEnd: DateInput;
  /** Last day of the holdout period, included; default the calibration end (no holdout). */
  holdoutEnd?: DateInput;
  /**
   * The length of a period, which is also the unit of the fit's parameters: 'day', 'week' (7 days),
   * 'month' (30.4375 days), 'year' (365.25 days) or { days }. Default: the unit the fit records, else 'week'.
   */
  timeUnit?: TimeUnit;
}

/**
 * One period of the tracking chart.
 *
 * @expand
 * @category Model diagnostics
 */
export interface PurchaseTrackingRow {
  /** The period's number, 1 for the first. */
  period: number;
  /** Its first day (ISO 8601, UTC). */
  start: string;
  /** Its last day (ISO 8601, UTC), included. */
  end: string;
  /** 'calibration' when the period starts on or before the calibration end, else 'holdout'. */
  phase: 'calibration' | 'holdout';
  /** Repeat purchases made in the period (purchase days after each customer's first). */
  actual: number;
  /** Repeat purchases the model expects in the period. */
  expected: number;
  /** Repeat purchases made from the first period to this one. */
  cumulativeActual: number;
  /** Repeat purchases expected from the first period to this one. */
  cumulativeExpected: number;
}

/**
 * Result of {@link purchaseTracking}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface PurchaseTracking {
  /** The model whose expectation is charted. */
  model: PurchaseModelName;
  /** Days per period (the time unit). */
  unitDays: number;
  /** Customers tracked: those first seen by the calibration end. */
  customers: number;
  /** Customers whose first purchase is after the calibration end: left out, as rfmSummary leaves them out. */
  customersFirstSeenAfterCalibration: number;
  /** Periods that start on or before the calibration end. */
  calibrationPeriods: number;
  /** One row per period, from the first customer's first purchase day to the holdout end. */
  periods: PurchaseTrackingRow[];
}

/** The most periods a chart may have. */
const MAX_PERIODS = 100_000;

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link purchaseTracking} validates its arguments with, as
 * `{ transactions, ...options }`; each transaction row is checked by the
 * function itself, which names the row.
 *
 * @category Input schemas (zod)
 */
export const purchaseTrackingSchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema(
    {
      transactions: transactionsField(),
      fit: purchaseFitField(),
      calibrationEnd: dayField(),
      holdoutEnd: z.optional(dayField()),
      timeUnit: timeUnitField(undefined),
    },
    (v, ctx) => {
      if (v.holdoutEnd !== undefined && v.holdoutEnd < v.calibrationEnd) {
        report(ctx, 'holdoutEnd', 'must not be before calibrationEnd');
      }
    },
  );
}

/**
 * The tracking chart of a purchase model: repeat purchases per period
 * (incremental and cumulative), actual against expected, over the
 * calibration and holdout periods.
 *
 * @remarks
 * The actual purchases follow {@link rfmSummary}'s conventions exactly: UTC
 * days, several purchases on one day one occasion, the first purchase not a
 * repeat, customers first seen after the calibration end left out. Periods
 * are whole time units counted from the earliest first purchase day D_0:
 * period k holds the days d with k - 1 <= (d - D_0) / u < k, and the last
 * one stops at the holdout end. A customer born (first purchase) on day s_i
 * is expected to make, in period k from day b_{k-1} to day b_k,
 *
 * ```math
 * E_{\text{new}}\left(\frac{b_k - s_i}{u}\right) - E_{\text{new}}\left(\frac{b_{k-1} - s_i}{u}\right),
 * \qquad E_{\text{new}}(t) = 0 \text{ for } t \le 0,
 * ```
 *
 * with E_new the expected purchases of a new customer over its first t units
 * (BG/NBD: Fader, Hardie and Lee 2005, equation 9; Pareto/NBD: Schmittlein,
 * Morrison and Colombo 1987), summed over customers. The expected curve in
 * the holdout is a forecast from the calibration fit: a curve that leaves
 * the actual one there is the warning the chart is for. A period that holds
 * the calibration end and days after it counts as calibration; cut the
 * calibration at a period's last day to keep them apart.
 *
 * Cost: O(transactions + customers log K + B x K) for B distinct first
 * purchase days and K periods: customers born on the same day share one
 * expected curve (CDNOW: 84 birth days x 78 weeks).
 *
 * @param transactions - the purchase log, in any order, as {@link rfmSummary} takes it.
 * @param options - the fit, the calibration end and holdout end, and the period length.
 * @returns one row per period, and the counts of customers tracked and left out.
 * @throws {@link MetricInputError} naming the row for a bad transaction, or the
 *   option at fault; when no customer is first seen by the calibration end; or
 *   when the time unit disagrees with the one the fit records.
 * @see Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "Counting your customers" the easy way: an alternative to the Pareto/NBD model, Marketing Science 24(2), figure 2 and equation 9.
 *
 * @example
 * ```ts
 * import { purchaseTracking } from 'retention-metrics';
 *
 * const fit = { model: 'bgnbd', r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 } as const;
 * const chart = purchaseTracking(
 *   [
 *     { customerId: 'a', at: '1997-01-01' },
 *     { customerId: 'a', at: '1997-01-09' },
 *     { customerId: 'b', at: '1997-01-03' },
 *   ],
 *   { fit, calibrationEnd: '1997-01-14', holdoutEnd: '1997-01-21' },
 * );
 * chart.periods.map((row) => [row.phase, row.actual]);
 * //=> [['calibration', 0], ['calibration', 1], ['holdout', 0]]
 * chart.periods[2]?.cumulativeExpected.toFixed(4);
 * //=> '0.2880'
 * ```
 *
 * @category Model diagnostics
 */
export function purchaseTracking(
  transactions: readonly Transaction[],
  options: PurchaseTrackingOptions,
): PurchaseTracking {
  const fn = 'purchaseTracking';
  const v = parseInput(fn, schema, optionsWith(fn, options, { transactions }, 'an object with fit and calibrationEnd'));
  const { fit, calibrationEnd } = v;
  const holdoutEnd = v.holdoutEnd ?? calibrationEnd;
  if (v.timeUnit !== undefined && fit.unitDays !== undefined && v.timeUnit !== fit.unitDays) {
    fail(
      fn,
      'timeUnit',
      `is ${v.timeUnit} days, but the fit was made in units of ${fit.unitDays} days: leave timeUnit out, or refit in this unit`,
    );
  }
  const unit = v.timeUnit ?? fit.unitDays ?? 7;
  const log = readTransactions(fn, v.transactions);
  // Each tracked customer's purchase days, and the customers born on each day.
  const tracked: number[][] = [];
  const births = new Map<number, number>();
  let after = 0;
  let origin = Number.POSITIVE_INFINITY;
  forEachCustomer(fn, log, (_, count, occasions) => {
    const first = occasions[0] as number;
    if (first > calibrationEnd) {
      after++;
      return;
    }
    tracked.push(Array.from(occasions.subarray(0, count)));
    births.set(first, (births.get(first) ?? 0) + 1);
    if (first < origin) origin = first;
  });
  if (tracked.length === 0) {
    fail(
      fn,
      'transactions',
      after > 0
        ? `have no customer first seen by calibrationEnd (all ${after} bought first after it): move calibrationEnd later`
        : 'are empty: give the purchase log the model was fitted on',
    );
  }
  const stop = holdoutEnd + 1;
  const K = Math.ceil((stop - origin) / unit);
  if (K > MAX_PERIODS) {
    fail(
      fn,
      'timeUnit',
      `makes ${K} periods from the first purchase to the holdout end: at most ${MAX_PERIODS}, use a longer unit`,
    );
  }
  // bounds[k]: the first day after period k (bounds[0] = origin); days d with (d - origin) < k u are in periods 1..k.
  const bounds = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) bounds[k] = Math.min(stop, origin + Math.ceil(k * unit));
  const actual = new Float64Array(K);
  for (const days of tracked) {
    for (let j = 1; j < days.length; j++) {
      const day = days[j] as number;
      if (day > holdoutEnd) break;
      // The period k with bounds[k - 1] <= day < bounds[k], by bisection.
      let low = 1;
      let high = K;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((bounds[middle] as number) <= day) low = middle + 1;
        else high = middle;
      }
      actual[low - 1] = (actual[low - 1] as number) + 1;
    }
  }
  const expected = new Float64Array(K);
  for (const [birth, count] of births) {
    let before = 0;
    for (let k = 1; k <= K; k++) {
      const t = ((bounds[k] as number) - birth) / unit;
      if (t <= 0) continue;
      const now = fit.expectedNew(fit.parameters, t, fn);
      expected[k - 1] = (expected[k - 1] as number) + count * (now - before);
      before = now;
    }
  }
  const periods: PurchaseTrackingRow[] = [];
  let cumulativeActual = 0;
  let cumulativeExpected = 0;
  let calibrationPeriods = 0;
  for (let k = 1; k <= K; k++) {
    const start = bounds[k - 1] as number;
    const phase = start <= calibrationEnd ? 'calibration' : 'holdout';
    if (phase === 'calibration') calibrationPeriods++;
    cumulativeActual += actual[k - 1] as number;
    cumulativeExpected += expected[k - 1] as number;
    periods.push({
      period: k,
      start: isoDay(start),
      end: isoDay((bounds[k] as number) - 1),
      phase,
      actual: actual[k - 1] as number,
      expected: finiteResult(fn, expected[k - 1] as number, 'fit'),
      cumulativeActual,
      cumulativeExpected: finiteResult(fn, cumulativeExpected, 'fit'),
    });
  }
  return {
    model: fit.model,
    unitDays: unit,
    customers: tracked.length,
    customersFirstSeenAfterCalibration: after,
    calibrationPeriods,
    periods,
  };
}
