import { describeValue } from '../../internal/numeric';
import { fail } from '../../internal/schema';
import type { RandomStream } from '../internal/random';
import type { BgNbdParameters } from '../nbd/bgNbdMath';
import type { GammaGammaParameters } from '../nbd/gammaGamma';
import type { ParetoNbdParameters } from '../nbd/paretoNbdMath';
import { posteriorMeanSpend } from '../nbd/spendMean';
import type { CustomerId } from './customerTable';
import {
  blockIntervals,
  blockSize,
  type ColumnInterval,
  type Interval,
  type IntervalSettings,
  sampleInterval,
  streamOf,
} from './intervals';
import { ALIVE, DISCOUNTED, KERNEL_WIDTH, type PurchaseKernel } from './purchaseKernels';

/**
 * One customer's future under a purchase model, simulated from its
 * posterior: alive now with probability `alive`, and if so its purchase and
 * drop-out rates drawn given its history, then its purchases in the next
 * `horizon` units; `purchase(t)` is called with the time of each.
 */
export type PurchaseSimulator<P> = (
  p: P,
  x: number,
  T: number,
  alive: number,
  horizon: number,
  rng: RandomStream,
  purchase: (t: number) => void,
) => void;

/**
 * BG/NBD: given alive, lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x)
 * (the prior times lambda^x e^(-lambda T) (1 - p)^x); exponential gaps at rate
 * lambda, and after each purchase a drop-out with probability p.
 */
export const simulateBgNbdFuture: PurchaseSimulator<BgNbdParameters> = (p, x, T, alive, horizon, rng, purchase) =>
  simulateDropOutAfterPurchases(p, x, T, alive, horizon, rng, purchase, p.b + x);

/**
 * The BG/NBD family's future given alive: lambda ~ Gamma(r + x, alpha + T),
 * the drop-out probability p ~ Beta(a, B) (B = b + x for the BG/NBD, b + x + 1
 * for the MBG/NBD), exponential gaps at rate lambda, and after each purchase a
 * drop-out with probability p.
 */
export function simulateDropOutAfterPurchases(
  p: BgNbdParameters,
  x: number,
  T: number,
  alive: number,
  horizon: number,
  rng: RandomStream,
  purchase: (t: number) => void,
  B: number,
): void {
  if (rng.uniform() >= alive) return;
  const lambda = rng.gamma(p.r + x, p.alpha + T);
  const dropOut = rng.beta(p.a, B);
  let t = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (!(t <= horizon)) return;
    purchase(t);
    if (rng.uniform() < dropOut) return;
  }
}

/**
 * Pareto/NBD: given alive, lambda ~ Gamma(r + x, alpha + T) and
 * mu ~ Gamma(s, beta + T); a remaining lifetime Exp(mu), and exponential gaps
 * at rate lambda until it or the horizon ends.
 */
export const simulateParetoNbdFuture: PurchaseSimulator<ParetoNbdParameters> = (
  p,
  x,
  T,
  alive,
  horizon,
  rng,
  purchase,
) => {
  if (rng.uniform() >= alive) return;
  const lambda = rng.gamma(p.r + x, p.alpha + T);
  const end = Math.min(horizon, rng.exponential(rng.gamma(p.s, p.beta + T)));
  let t = 0;
  for (;;) {
    t += rng.exponential(lambda);
    if (!(t <= end)) return;
    purchase(t);
  }
};

/**
 * The intervals of {@link scoreBgNbd} and {@link scoreParetoNbd}, when `intervalLevel` is given.
 *
 * @category Batch scoring
 */
export interface PurchaseIntervals extends IntervalSettings {
  /** Each column's interval per customer: the spread of the column over the parameter draws. */
  columns: {
    /** Of P(alive). */
    probabilityAlive: ColumnInterval;
    /** Of P(alive) at the horizon's end. */
    probabilityAliveAtHorizon: ColumnInterval;
    /** Of the expected purchases. */
    expectedPurchases: ColumnInterval;
    /** Of P(no purchase). */
    probabilityNoPurchase: ColumnInterval;
    /** Of the expected spend per purchase, with the spend fit. */
    expectedSpend?: ColumnInterval;
    /** Of the residual value, with the spend fit. */
    residualValue?: ColumnInterval;
    /** Of the total value, with the spend fit. */
    totalValue?: ColumnInterval;
  };
  /** Intervals of the whole base's expected totals: the uncertainty of the fit alone. */
  aggregate: {
    /** Of the expected purchases of all customers. */
    expectedPurchases: Interval;
    /** Of their residual value, with the spend fit. */
    residualValue?: Interval;
    /** Of their total value, with the spend fit. */
    totalValue?: Interval;
  };
  /**
   * Prediction intervals of what the base will actually do in the horizon:
   * the fit's uncertainty and the chance in each customer's purchases (and
   * their amounts) together, by simulating every customer once per draw.
   */
  outcome: {
    /** Of the purchases all customers will make. */
    purchases: Interval;
    /** Of the discounted value of those purchases (margin applied), with the spend fit. */
    residualValue?: Interval;
  };
}

/** What {@link purchaseIntervals} needs: the table, the terms and the drawn parameters. */
export interface PurchaseIntervalInputs<P> {
  functionName: string;
  kernel: PurchaseKernel<P>;
  simulate: PurchaseSimulator<P>;
  settings: IntervalSettings;
  purchaseDraws: P[];
  spendDraws: GammaGammaParameters[] | undefined;
  margin: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array | undefined;
  ids: readonly CustomerId[] | undefined;
  /** How many customers each row stands for, with grouped rows. */
  weights: Float64Array | undefined;
  horizon: number;
  rate: number | undefined;
}

const NAMES = [
  'probabilityAlive',
  'probabilityAliveAtHorizon',
  'expectedPurchases',
  'probabilityNoPurchase',
  'expectedSpend',
  'residualValue',
  'totalValue',
] as const;
const EXPECTED_COLUMN = 2;
const RESIDUAL_COLUMN = 5;
const TOTAL_COLUMN = 6;

/** The customers' indices ordered by (x, t_x, T), so that equal histories are neighbours. */
function historyOrder(x: Float64Array, tx: Float64Array, T: Float64Array): Uint32Array {
  const order = new Uint32Array(x.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort(
    (i, j) =>
      (x[i] as number) - (x[j] as number) ||
      (tx[i] as number) - (tx[j] as number) ||
      (T[i] as number) - (T[j] as number) ||
      i - j,
  );
}

/**
 * The intervals of every column, of the aggregate expectations and of the
 * simulated outcome. Every draw scores every distinct history (x, t_x, T), so
 * the cost is about `draws` times that of scoring without intervals (less
 * where customers share histories), plus one simulated future per customer
 * and draw. Customers are taken in blocks, so the draws
 * held at once stay near 8 MB whatever the table's size; each draw has a
 * random stream of its own, so the result does not depend on the blocks.
 */
export function purchaseIntervals<P>(inputs: PurchaseIntervalInputs<P>): PurchaseIntervals {
  const { functionName, kernel, simulate, settings, purchaseDraws, spendDraws, margin, x, tx, T, m, horizon, rate } =
    inputs;
  const { weights } = inputs;
  const n = x.length;
  const D = settings.draws;
  const width = spendDraws === undefined ? 4 : 7;
  const block = blockSize(n, D, width);
  const store = new Float64Array(block * width * D);
  const bounds = Array.from({ length: width }, () => ({ lower: new Float64Array(n), upper: new Float64Array(n) }));
  const expectedTotals = new Float64Array(D);
  const residualTotals = new Float64Array(D);
  const totalTotals = new Float64Array(D);
  const purchaseOutcomes = new Float64Array(D);
  const valueOutcomes = new Float64Array(D);
  const streams = purchaseDraws.map((_, d) => streamOf(settings, 2 + d));
  const kernelOut = new Float64Array(KERNEL_WIDTH);
  const values = new Float64Array(width);
  const logDiscount = Math.log1p(rate ?? 0);
  // The simulated customer's spend: the posterior of its rate nu, Gamma(nuShape, nuRate) (nuShape 0
  // without a spend fit), nu itself once drawn (0 until the first simulated purchase needs it), and the
  // shape p of each purchase's amount.
  let nuShape = 0;
  let nuRate = 0;
  let nu = 0;
  let shape = 0;
  let rng: RandomStream | undefined;
  let purchases = 0;
  let value = 0;
  const purchase = (t: number) => {
    purchases++;
    if (nuShape > 0 && rng !== undefined) {
      if (nu === 0) nu = rng.gamma(nuShape, nuRate);
      const discount = logDiscount === 0 ? 1 : Math.exp(-Math.min(Math.ceil(t), horizon) * logDiscount);
      value += discount * rng.gamma(shape, nu);
    }
  };
  // Customers in the order of their histories, so that those who share one are scored once per draw.
  const order = historyOrder(x, tx, T);
  for (let lo = 0; lo < n; lo += block) {
    const hi = Math.min(n, lo + block);
    for (let d = 0; d < D; d++) {
      const parameters = purchaseDraws[d] as P;
      const spend = spendDraws?.[d];
      rng = streams[d] as RandomStream;
      for (let position = lo; position < hi; position++) {
        const i = order[position] as number;
        const xi = x[i] as number;
        const previous = position === lo ? -1 : (order[position - 1] as number);
        const repeat = previous >= 0 && x[previous] === xi && tx[previous] === tx[i] && T[previous] === T[i];
        if (!repeat && !kernel(parameters, xi, tx[i] as number, T[i] as number, horizon, rate, kernelOut)) {
          fail(
            functionName,
            `customers[${i}]`,
            `cannot be scored under parameter draw ${d + 1} of ${D} (the model's terms leave the range of a float for frequency ${xi}, recency ${tx[i]}, age ${T[i]}${inputs.ids === undefined ? '' : `, customerId ${describeValue(inputs.ids[i])}`}): the fit is too uncertain for intervals at this level`,
          );
        }
        for (let c = 0; c < 4; c++) values[c] = kernelOut[c] as number;
        const w = weights === undefined ? 1 : (weights[i] as number);
        nuShape = 0;
        if (spend !== undefined && m !== undefined) {
          const mi = m[i] as number;
          const perPurchase = posteriorMeanSpend(spend, xi, mi);
          values[4] = perPurchase;
          values[RESIDUAL_COLUMN] = margin * perPurchase * (kernelOut[DISCOUNTED] as number);
          values[TOTAL_COLUMN] = margin * xi * mi + (values[RESIDUAL_COLUMN] as number);
          // The customer's spend rate given its purchases: nu ~ Gamma(q + p x, gamma + x m), drawn at its first purchase.
          nuShape = spend.q + spend.p * xi;
          nuRate = spend.gamma + xi * mi;
          shape = spend.p;
          residualTotals[d] = (residualTotals[d] as number) + w * (values[RESIDUAL_COLUMN] as number);
          totalTotals[d] = (totalTotals[d] as number) + w * (values[TOTAL_COLUMN] as number);
        }
        expectedTotals[d] = (expectedTotals[d] as number) + w * (values[EXPECTED_COLUMN] as number);
        const base = (position - lo) * width * D + d;
        for (let c = 0; c < width; c++) store[base + c * D] = values[c] as number;
        // Each customer of the row lives its own future: a grouped row is simulated once per customer.
        purchases = 0;
        value = 0;
        for (let k = 0; k < w; k++) {
          nu = 0;
          simulate(parameters, xi, T[i] as number, kernelOut[ALIVE] as number, horizon, rng, purchase);
        }
        purchaseOutcomes[d] = (purchaseOutcomes[d] as number) + purchases;
        valueOutcomes[d] = (valueOutcomes[d] as number) + margin * value;
      }
    }
    blockIntervals(store, hi - lo, width, D, settings.level, bounds, (k) => order[lo + k] as number);
  }
  for (const column of bounds) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column.upper[i] as number)) {
        fail(
          functionName,
          `customers[${i}]`,
          'have a value that overflows under a parameter draw: the fit is too uncertain, or the amounts too large, for intervals',
        );
      }
    }
  }
  const columns = {} as Record<(typeof NAMES)[number], ColumnInterval>;
  bounds.forEach((column, c) => {
    columns[NAMES[c] as (typeof NAMES)[number]] = column;
  });
  const result: PurchaseIntervals = {
    ...settings,
    columns,
    aggregate: { expectedPurchases: sampleInterval(expectedTotals, settings.level) },
    outcome: { purchases: sampleInterval(purchaseOutcomes, settings.level) },
  };
  if (spendDraws !== undefined) {
    result.aggregate.residualValue = sampleInterval(residualTotals, settings.level);
    result.aggregate.totalValue = sampleInterval(totalTotals, settings.level);
    result.outcome.residualValue = sampleInterval(valueOutcomes, settings.level);
  }
  return result;
}
