import { fail } from '../../internal/schema';
import type { RandomStream } from '../internal/random';
import { periodLogRetention } from '../sbg/survival';
import {
  blockIntervals,
  blockSize,
  type ColumnInterval,
  type Interval,
  type IntervalSettings,
  sampleInterval,
  streamOf,
} from './intervals';

/** Retention parameters of the sBG (c = 1) or the BdW. */
export interface RetentionParameters {
  alpha: number;
  beta: number;
  c: number;
}

/**
 * The scores of one tenure: renewal probability, P(active at the horizon),
 * expected payments and their discounted sum, written to `out`; with
 * `ratios`, the chance of each of the K payments, S(n + k) / S(n - 1), too.
 */
export function tenureScores(
  p: RetentionParameters,
  periods: number,
  K: number,
  logDiscount: number,
  out: Float64Array,
  ratios?: Float64Array,
): void {
  // S(n + k) / S(n - 1) = exp(sum_{t=n}^{n+k} ln r(t)), each period's retention in logs.
  let logRatio = 0;
  let expected = 0;
  let discounted = 0;
  for (let k = 0; k < K; k++) {
    logRatio += periodLogRetention(p.alpha, p.beta, p.c, periods + k);
    const ratio = Math.exp(logRatio);
    if (ratios !== undefined) ratios[k] = ratio;
    if (k === 0) out[0] = ratio;
    expected += ratio;
    discounted += Math.exp(logRatio - k * logDiscount);
    if (k === K - 1) out[1] = ratio;
  }
  out[2] = expected;
  out[3] = discounted;
}

/**
 * The intervals of {@link scoreSbg} and {@link scoreBdw}, when `intervalLevel` is given.
 *
 * @category Batch scoring
 */
export interface SubscriberIntervals extends IntervalSettings {
  /** Each column's interval per subscriber: the spread of the column over the parameter draws. */
  columns: {
    /** Of the renewal probability. */
    renewalProbability: ColumnInterval;
    /** Of P(still paying in the horizon's last period). */
    probabilityActiveAtHorizon: ColumnInterval;
    /** Of the expected payments. */
    expectedRenewals: ColumnInterval;
    /** Of their discounted sum. */
    discountedExpectedResidualLifetime: ColumnInterval;
    /** Of the residual value, with `valuePerPeriod`. */
    residualValue?: ColumnInterval;
  };
  /** Intervals of the whole table's expected totals: the uncertainty of the fit alone. */
  aggregate: {
    /** Of the expected payments of all subscribers. */
    expectedRenewals: Interval;
    /** Of their residual value, with `valuePerPeriod`. */
    residualValue?: Interval;
  };
  /**
   * Prediction intervals of what the table will actually pay in the horizon:
   * the fit's uncertainty and each subscriber's chance of leaving together,
   * by simulating every subscriber's remaining lifetime once per draw.
   */
  outcome: {
    /** Of the payments all subscribers will make. */
    renewals: Interval;
    /** Of their discounted value, with `valuePerPeriod`. */
    residualValue?: Interval;
  };
}

const NAMES = [
  'renewalProbability',
  'probabilityActiveAtHorizon',
  'expectedRenewals',
  'discountedExpectedResidualLifetime',
  'residualValue',
] as const;

/**
 * The intervals of every column, of the totals and of the simulated outcome.
 * Each draw scores every distinct tenure (O(K) each) and simulates every
 * subscriber's remaining lifetime (O(log K) each, by bisection on the chances
 * of the K payments), so the cost is `draws` times the scoring, plus that.
 */
export function subscriberIntervals(
  functionName: string,
  settings: IntervalSettings,
  draws: RetentionParameters[],
  tenure: Float64Array,
  weights: Float64Array | undefined,
  K: number,
  rate: number,
  valuePerPeriod: number | undefined,
): SubscriberIntervals {
  const n = tenure.length;
  const D = settings.draws;
  const width = valuePerPeriod === undefined ? 4 : 5;
  // The distinct tenures, and each row's.
  const groupOf = new Uint32Array(n);
  const tenures: number[] = [];
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const periods = tenure[i] as number;
    let g = index.get(periods);
    if (g === undefined) {
      g = tenures.length;
      index.set(periods, g);
      tenures.push(periods);
    }
    groupOf[i] = g;
  }
  const G = tenures.length;
  // The subscribers of each distinct tenure: its rows, or with grouped rows the sum of their counts.
  const groupCustomers = new Float64Array(G);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] as number;
    groupCustomers[g] = (groupCustomers[g] as number) + (weights === undefined ? 1 : (weights[i] as number));
  }
  const logDiscount = Math.log1p(rate);
  const v = 1 / (1 + rate);
  const block = blockSize(G, D, width);
  const store = new Float64Array(block * width * D);
  const groupBounds = Array.from({ length: width }, () => ({ lower: new Float64Array(G), upper: new Float64Array(G) }));
  const expectedTotals = new Float64Array(D);
  const valueTotals = new Float64Array(D);
  const renewalOutcomes = new Float64Array(D);
  const valueOutcomes = new Float64Array(D);
  const streams = draws.map((_, d) => streamOf(settings, 2 + d));
  const out = new Float64Array(4);
  const ratios = new Float64Array(K);
  for (let lo = 0; lo < G; lo += block) {
    const hi = Math.min(G, lo + block);
    for (let d = 0; d < D; d++) {
      const parameters = draws[d] as RetentionParameters;
      const rng = streams[d] as RandomStream;
      for (let g = lo; g < hi; g++) {
        tenureScores(parameters, tenures[g] as number, K, logDiscount, out, ratios);
        if (!Number.isFinite(out[3] as number)) {
          fail(
            functionName,
            'fit',
            `cannot be scored under parameter draw ${d + 1} of ${D} for subscribers active ${tenures[g]} periods: the fit is too uncertain for intervals at this level`,
          );
        }
        const count = groupCustomers[g] as number;
        const base = (g - lo) * width * D + d;
        for (let c = 0; c < 4; c++) store[base + c * D] = out[c] as number;
        if (valuePerPeriod !== undefined) store[base + 4 * D] = valuePerPeriod * (out[3] as number);
        expectedTotals[d] = (expectedTotals[d] as number) + count * (out[2] as number);
        valueTotals[d] = (valueTotals[d] as number) + count * (valuePerPeriod ?? 0) * (out[3] as number);
        for (let j = 0; j < count; j++) {
          // Payments made: how many of the decreasing chances S(n + k) / S(n - 1) exceed a uniform.
          const u = rng.uniform();
          let paid = 0;
          let top = K;
          while (paid < top) {
            const middle = (paid + top) >>> 1;
            if ((ratios[middle] as number) > u) paid = middle + 1;
            else top = middle;
          }
          renewalOutcomes[d] = (renewalOutcomes[d] as number) + paid;
          if (valuePerPeriod !== undefined) {
            // sum_{k < paid} v^k, each payment discounted to now.
            const worth = rate === 0 ? paid : -Math.expm1(-paid * logDiscount) / (1 - v);
            valueOutcomes[d] = (valueOutcomes[d] as number) + valuePerPeriod * worth;
          }
        }
      }
    }
    blockIntervals(store, hi - lo, width, D, settings.level, groupBounds, (k) => lo + k);
  }
  const columns = {} as Record<(typeof NAMES)[number], ColumnInterval>;
  groupBounds.forEach((bounds, c) => {
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lower[i] = bounds.lower[groupOf[i] as number] as number;
      upper[i] = bounds.upper[groupOf[i] as number] as number;
    }
    columns[NAMES[c] as (typeof NAMES)[number]] = { lower, upper };
  });
  const result: SubscriberIntervals = {
    ...settings,
    columns,
    aggregate: { expectedRenewals: sampleInterval(expectedTotals, settings.level) },
    outcome: { renewals: sampleInterval(renewalOutcomes, settings.level) },
  };
  if (valuePerPeriod !== undefined) {
    result.aggregate.residualValue = sampleInterval(valueTotals, settings.level);
    result.outcome.residualValue = sampleInterval(valueOutcomes, settings.level);
  }
  return result;
}
