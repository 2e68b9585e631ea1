import type { Column, ColumnTable } from '../../data/columns';
import { describeValue } from '../../internal/numeric';
import {
  fail,
  isOptionsObject,
  type MetricSchema,
  objectSchema,
  optionsWith,
  parseInput,
  readerSchema,
  readField,
} from '../../internal/schema';
import { optionalNumberField } from '../internal/inputs';
import { type Horizon, horizonUnits, neededRate, ratePerUnit, scoringTermFields } from '../internal/terms';
import type { UnitLength } from '../internal/units';
import type { BgNbdParameters } from '../nbd/bgNbdMath';
import type { GammaGammaParameters } from '../nbd/gammaGamma';
import type { ParetoNbdParameters } from '../nbd/paretoNbdMath';
import type { RfmSummary } from '../nbd/rfmSummary';
import { posteriorMeanSpend } from '../nbd/spendMean';
import type { FrequencyRecency } from '../nbd/summaryData';
import { type CustomerId, purchaseTable, readCustomerTable } from './customerTable';
import { fitReader, type ReadFit, scoringUnit } from './fitInputs';
import { checkSimulatedCustomers, intervalFields, intervalSettings, parameterDraws } from './intervals';
import { mbgNbdKernel, simulateMbgNbdFuture } from './mbgNbdKernel';
import {
  type PurchaseIntervals,
  type PurchaseSimulator,
  purchaseIntervals,
  simulateBgNbdFuture,
  simulateParetoNbdFuture,
} from './purchaseIntervals';
import {
  ALIVE,
  ALIVE_AT_HORIZON,
  bgNbdKernel,
  DISCOUNTED,
  EXPECTED,
  KERNEL_WIDTH,
  NO_PURCHASE,
  type PurchaseKernel,
  paretoNbdKernel,
} from './purchaseKernels';

/**
 * A customer table as columns, one value per customer in each (plain or typed arrays of one length).
 *
 * @category Batch scoring
 */
export interface PurchaseColumns {
  /** Repeat purchases x. */
  frequency: Column<number | string | bigint>;
  /** Time of the last purchase t_x, in the fit's unit. */
  recency: Column<number | string | bigint>;
  /** Time since the first purchase T, in the fit's unit. */
  age: Column<number | string | bigint>;
  /** Mean value of the repeat purchases (needed when spend is scored). */
  monetaryValue?: Column<number | string | bigint>;
  /** Each customer's id, carried through to the scores. */
  customerId?: Column<CustomerId>;
  /**
   * How many customers each row stands for, for grouped rows (whole numbers,
   * 0 or more): the totals and the simulated outcomes count each of them.
   */
  customers?: Column<number | string | bigint>;
}

/**
 * One customer's summary as the scorers read it: an rfmSummary row, or the same fields.
 *
 * @category Batch scoring
 */
export interface PurchaseSummary extends FrequencyRecency {
  /** Mean value of the repeat purchases (needed when spend is scored). */
  monetaryValue?: number;
}

/**
 * A table of customers to score: an rfmSummary result, an array of summaries, an object of columns, or an Arrow table.
 *
 * @category Batch scoring
 */
export type PurchaseCustomers = RfmSummary | readonly PurchaseSummary[] | PurchaseColumns | ColumnTable;

/**
 * What the intervals read from a fit's diagnostics: its covariance, and the fit's warnings when it has none.
 *
 * @category Batch scoring
 */
export interface FitCovariance {
  /** Covariance of the estimates, rows and columns in `parameterOrder`. */
  covariance?: readonly (readonly number[])[];
  /** The parameters in the order of `covariance`. */
  parameterOrder?: readonly string[];
  /** The fit's warnings, quoted when it has no covariance. */
  warnings?: readonly string[];
}

/**
 * A model's parameters as a fit returns them, with the diagnostics intervals draw from.
 *
 * @category Batch scoring
 */
export type WithCovariance<P> = P & {
  /** The fit's diagnostics; intervals need its covariance. */
  diagnostics?: FitCovariance;
};

/**
 * A fitted model's parameters, with the time unit a fit records (see the `timeUnit` option of the fits).
 *
 * @category Batch scoring
 */
export type Fitted<P> = WithCovariance<P> & {
  /** Days per time unit of the fit, as the fits record it. */
  timeUnit?: UnitLength;
};

/**
 * Options of {@link scoreBgNbd} and {@link scoreParetoNbd}.
 *
 * @expand
 * @category Batch scoring
 */
export interface PurchaseScoreOptions {
  /**
   * How far ahead to score: a number of the fit's time units (read in the
   * fit's unit, whatever it is), or a calendar duration `{ days }`,
   * `{ weeks }`, `{ months }` (30.4375 days) or `{ years }` (365.25 days),
   * which needs a fit or a table that records its unit. Fractional horizons
   * are fine. At most 100,000 units.
   */
  horizon: Horizon;
  /** Discount rate per time unit of the fit, from 0 to 1. Give this or `annualDiscountRate` when spend is scored. */
  discountRate?: number;
  /** Discount rate per year of 365.25 days, from 0 to 1, compounded to the fit's unit: (1 + D)^(days per unit / 365.25) - 1. */
  annualDiscountRate?: number;
  /** Share of spend kept as margin, from 0 to 1. Default 1 (value in revenue). */
  marginRate?: number;
  /**
   * Asks for intervals at this level (0.9 for 90 %): of every column, of the
   * base's expected totals and of its simulated outcome, by drawing
   * parameters from the fits' sampling distributions (their
   * `diagnostics.covariance`, on the log scale). Needs fit results, not bare
   * parameters. Costs `draws` times the scoring itself.
   */
  intervalLevel?: number;
  /** Parameter sets drawn for the intervals: default 200, at least 2 / (1 - intervalLevel). */
  draws?: number;
  /** Seed of the draws, a whole number from 0 to 4294967295: default 1. The same seed gives the same intervals. */
  seed?: number;
}

/**
 * The per-customer columns of {@link PurchaseScores}, one value per customer in the table's order.
 *
 * @category Batch scoring
 */
export interface PurchaseScoreColumns {
  /** P(alive) at the end of the calibration period. */
  probabilityAlive: Float64Array;
  /** P(alive) at the end of the horizon. */
  probabilityAliveAtHorizon: Float64Array;
  /** Expected purchases in the horizon. */
  expectedPurchases: Float64Array;
  /** Probability of no purchase in the horizon. */
  probabilityNoPurchase: Float64Array;
  /** Expected spend per future purchase (Gamma-Gamma), when the spend fit is given. */
  expectedSpend?: Float64Array;
  /**
   * Residual value: the discounted value of the purchases expected in the
   * horizon, from the calibration end on (margin applied), when the spend fit is given.
   */
  residualValue?: Float64Array;
  /**
   * Total value: the repeat purchases already made, at their mean value
   * (frequency x monetaryValue, margin applied, not discounted), plus the
   * residual value. The first purchase is not in it: the summaries' monetary
   * value covers repeat purchases only.
   */
  totalValue?: Float64Array;
}

/**
 * The totals of a customer table over the horizon: the whole base's forecast.
 *
 * @category Batch scoring
 */
export interface PurchaseAggregate {
  /** Expected purchases of all customers together. */
  expectedPurchases: number;
  /** Their residual value, when the spend fit is given. */
  residualValue?: number;
  /** Their total value (residual plus the repeat purchases already made), when the spend fit is given. */
  totalValue?: number;
}

/**
 * Result of {@link scoreBgNbd} and {@link scoreParetoNbd}: columns of scores, one row per customer.
 *
 * @expand
 * @category Batch scoring
 */
export interface PurchaseScores {
  /** The purchase model. */
  model: 'bgnbd' | 'paretonbd' | 'mbgnbd';
  /** Customers scored: the rows, or with grouped rows the sum of their `customers`. */
  customers: number;
  /** Rows scored: one per customer, or one per group of customers sharing a summary. */
  rows: number;
  /** Each row's id, in the table's order, when the table has ids. */
  customerId?: CustomerId[];
  /** With grouped rows, the customers each row stands for (its `customers`), as the totals count them. */
  customersPerRow?: Float64Array;
  /** The horizon in the fit's time units (a calendar horizon converted). */
  horizon: number;
  /** The time unit of the fit and the horizon, when known. */
  timeUnit?: UnitLength;
  /** The discount rate per time unit used for the value columns (an annual rate converted). */
  discountRate?: number;
  /** The margin rate used for the value columns. */
  marginRate?: number;
  /** The scores, as columns. */
  columns: PurchaseScoreColumns;
  /** The whole table's expected purchases and value over the horizon: the sums of the columns. */
  aggregate: PurchaseAggregate;
  /** The intervals, when `intervalLevel` is given. */
  intervals?: PurchaseIntervals;
}

const optionsSchema = /* @__PURE__ */ buildOptionsSchema();

function buildOptionsSchema() {
  return objectSchema({
    ...scoringTermFields(),
    ...intervalFields(),
    marginRate: optionalNumberField((v) =>
      v >= 0 && v <= 1 ? undefined : `must be a share of spend from 0 to 1 (0.3 for 30 %), got ${v}`,
    ),
  });
}

const BG_NBD_NAMES = ['r', 'alpha', 'a', 'b'] as const;
const PARETO_NAMES = ['r', 'alpha', 's', 'beta'] as const;
const SPEND_NAMES = ['p', 'q', 'gamma'] as const;
const readBgNbd = /* @__PURE__ */ fitReader(BG_NBD_NAMES);
const readPareto = /* @__PURE__ */ fitReader(PARETO_NAMES);
const readSpend = /* @__PURE__ */ fitReader(SPEND_NAMES);

/** What a purchase model brings to the scorer: its parameter names, its kernel and its simulator. */
interface PurchaseModel<P> {
  names: readonly (keyof P & string)[];
  read: (fn: string, value: unknown, path: string) => ReadFit<P>;
  kernel: PurchaseKernel<P>;
  simulate: PurchaseSimulator<P>;
}

/** The purchase fit and the optional spend fit, from `{ purchases, spend }` or a purchase fit alone, with the purchase fit's path. */
function readFits(functionName: string, fits: unknown): { purchases: unknown; spend: unknown; path: string } {
  if (!isOptionsObject(fits)) {
    fail(
      functionName,
      'fits',
      `must be a fit, or { purchases, spend } (a purchase fit and a fitGammaGamma result), got ${describeValue(fits)}`,
    );
  }
  const purchases = readField(functionName, fits, 'purchases', 'fits.purchases');
  if (purchases === undefined) return { purchases: fits, spend: undefined, path: 'fits' };
  return { purchases, spend: readField(functionName, fits, 'spend', 'fits.spend'), path: 'fits.purchases' };
}

/**
 * Refuses a column with a value beyond the range of a float: amounts near
 * 1e308 are a unit or parsing slip, and an Infinity must not pass as a score.
 */
export function finiteColumn(
  functionName: string,
  values: Float64Array,
  ids: readonly CustomerId[] | undefined,
  blame: (row: number) => string,
  what: string,
): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number)) {
      fail(
        functionName,
        blame(i),
        `make ${what} of customer ${ids === undefined ? `row ${i}` : describeValue(ids[i])} overflow (it came out as ${values[i]}): values this large (near 1.8e308, the largest float) are almost always a unit or parsing error`,
      );
    }
  }
}

/** A column total, refused when the sum of finite values overflows. */
export function finiteTotal(functionName: string, total: number): number {
  if (Number.isFinite(total)) return total;
  return fail(
    functionName,
    'customers',
    'have values whose total exceeds the largest float (about 1.8e308): values this large are almost always a unit or parsing error',
  );
}

/** Neumaier's compensated sum of a column, each value counted `weights[i]` times when the table is grouped. */
export function columnSum(values: Float64Array, weights?: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = weights === undefined ? (values[i] as number) : (values[i] as number) * (weights[i] as number);
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

function scorePurchases<P extends { [K in keyof P]: number }>(
  functionName: string,
  model: 'bgnbd' | 'paretonbd' | 'mbgnbd',
  family: PurchaseModel<P>,
  fits: unknown,
  customers: unknown,
  options: unknown,
): PurchaseScores {
  const given = readFits(functionName, fits);
  const { kernel } = family;
  const purchases = family.read(functionName, given.purchases, given.path);
  const spendFit = given.spend === undefined ? undefined : readSpend(functionName, given.spend, 'fits.spend');
  const spend = spendFit?.parameters;
  if (spend !== undefined && spend.q <= 1) {
    fail(functionName, 'fits.spend.q', `must be greater than 1 for a finite expected spend, got ${spend.q}`);
  }
  const v = parseInput(functionName, optionsSchema, optionsWith(functionName, options, {}, 'an options object', true));
  if (spend === undefined) {
    for (const name of ['discountRate', 'annualDiscountRate', 'marginRate'] as const) {
      if (v[name] !== undefined) {
        fail(
          functionName,
          name,
          'is used only for the value columns, which need the spend model: pass { purchases, spend } with a fitGammaGamma result',
        );
      }
    }
  }
  const table = readCustomerTable(functionName, customers, 'customers', purchaseTable(spend !== undefined));
  const unitDays = scoringUnit(functionName, purchases.unitDays, table.unitDays);
  const horizon = horizonUnits(functionName, v.horizon, unitDays);
  const rate =
    spend === undefined
      ? undefined
      : neededRate(functionName, ratePerUnit(functionName, v, unitDays), 'time unit', ' for the value columns');
  const n = table.count;
  const x = table.values.frequency as Float64Array;
  const tx = table.values.recency as Float64Array;
  const T = table.values.age as Float64Array;
  const columns: PurchaseScoreColumns = {
    probabilityAlive: new Float64Array(n),
    probabilityAliveAtHorizon: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    probabilityNoPurchase: new Float64Array(n),
  };
  const out = new Float64Array(KERNEL_WIDTH);
  const discounted = spend === undefined ? undefined : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    if (!kernel(purchases.parameters, xi, tx[i] as number, T[i] as number, horizon, rate, out)) {
      fail(
        functionName,
        `customers[${i}]`,
        `cannot be scored with these parameters: the model's terms leave the range of a float for this history (frequency ${xi}, recency ${tx[i]}, age ${T[i]}${table.ids === undefined ? '' : `, customerId ${describeValue(table.ids[i])}`}); a fit's parameters lie within about 1e-8 to 1e8 of the time unit`,
      );
    }
    columns.probabilityAlive[i] = out[ALIVE] as number;
    columns.probabilityAliveAtHorizon[i] = out[ALIVE_AT_HORIZON] as number;
    columns.expectedPurchases[i] = out[EXPECTED] as number;
    columns.probabilityNoPurchase[i] = out[NO_PURCHASE] as number;
    if (discounted !== undefined) discounted[i] = out[DISCOUNTED] as number;
  }
  const result: PurchaseScores = {
    model,
    customers: table.customers,
    rows: n,
    ...(table.ids === undefined ? {} : { customerId: table.ids }),
    ...(table.weights === undefined ? {} : { customersPerRow: table.weights }),
    horizon,
    ...(unitDays === undefined ? {} : { timeUnit: { days: unitDays } }),
    columns,
    aggregate: { expectedPurchases: columnSum(columns.expectedPurchases, table.weights) },
  };
  if (spend !== undefined && discounted !== undefined && rate !== undefined) {
    const margin = v.marginRate ?? 1;
    const m = table.values.monetaryValue as Float64Array;
    const expectedSpend = new Float64Array(n);
    const residualValue = new Float64Array(n);
    const totalValue = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const spendPerPurchase = posteriorMeanSpend(spend, x[i] as number, m[i] as number);
      expectedSpend[i] = spendPerPurchase;
      residualValue[i] = margin * spendPerPurchase * (discounted[i] as number);
      totalValue[i] = margin * (x[i] as number) * (m[i] as number) + (residualValue[i] as number);
    }
    const populationMean = (spend.p * spend.gamma) / (spend.q - 1);
    // A population mean beyond the float range is the fit's fault; anything else, the row's spend.
    const blame = (i: number) => (Number.isFinite(populationMean) ? `customers[${i}].monetaryValue` : 'fits.spend');
    finiteColumn(functionName, expectedSpend, table.ids, blame, 'the expected spend');
    finiteColumn(functionName, totalValue, table.ids, blame, 'the value');
    columns.expectedSpend = expectedSpend;
    columns.residualValue = residualValue;
    columns.totalValue = totalValue;
    result.discountRate = rate;
    result.marginRate = margin;
    result.aggregate.residualValue = finiteTotal(functionName, columnSum(residualValue, table.weights));
    result.aggregate.totalValue = finiteTotal(functionName, columnSum(totalValue, table.weights));
  }
  const settings = intervalSettings(functionName, v);
  if (settings !== undefined) {
    checkSimulatedCustomers(functionName, table.customers, settings.draws);
    const purchaseDraws = parameterDraws(
      functionName,
      purchases.source,
      given.path,
      family.names,
      purchases.parameters,
      settings,
      0,
    );
    const spendDraws =
      spendFit === undefined
        ? undefined
        : parameterDraws(functionName, spendFit.source, 'fits.spend', SPEND_NAMES, spendFit.parameters, settings, 1);
    const infinite = spendDraws?.filter((draw) => draw.q <= 1).length ?? 0;
    if (infinite > 0) {
      fail(
        functionName,
        'fits.spend.q',
        `is too uncertain for intervals: ${infinite} of ${settings.draws} draws from its sampling distribution put q at or below 1, where the expected spend is infinite; the spend fit needs more customers with repeat purchases`,
      );
    }
    result.intervals = purchaseIntervals({
      functionName,
      kernel,
      simulate: family.simulate,
      settings,
      purchaseDraws,
      spendDraws,
      margin: result.marginRate ?? 1,
      x,
      tx,
      T,
      m: spend === undefined ? undefined : (table.values.monetaryValue as Float64Array),
      ids: table.ids,
      weights: table.weights,
      horizon,
      rate,
    });
  }
  return result;
}

const BG_NBD: PurchaseModel<BgNbdParameters> = {
  names: BG_NBD_NAMES,
  read: readBgNbd,
  kernel: bgNbdKernel,
  simulate: simulateBgNbdFuture,
};
const MBG_NBD: PurchaseModel<BgNbdParameters> = {
  names: BG_NBD_NAMES,
  read: readBgNbd,
  kernel: mbgNbdKernel,
  simulate: simulateMbgNbdFuture,
};
const PARETO_NBD: PurchaseModel<ParetoNbdParameters> = {
  names: PARETO_NAMES,
  read: readPareto,
  kernel: paretoNbdKernel,
  simulate: simulateParetoNbdFuture,
};

/**
 * Scores a whole table of customers under a fitted BG/NBD (and, with a
 * Gamma-Gamma fit, their spend and value) in one call, as columns.
 *
 * @remarks
 * For each customer with history (x, t_x, T) and a horizon of t units:
 * - `probabilityAlive`: P(alive | x, t_x, T), as {@link bgNbdProbabilityAlive};
 * - `probabilityAliveAtHorizon`: alive now and no purchase followed by a
 *   drop-out, as below;
 *   ```math
 *   \begin{aligned}
 *   &P(\text{alive}) \times E_{p \sim \mathrm{Beta}(a, b + x)}\left[\left(1 + \frac{p t}{\alpha + T}\right)^{-(r + x)}\right] \\
 *   &\quad = P(\text{alive})\, (1 - z)^{r + x}\, {}_2F_1(r + x, b + x; a + b + x; z), \\
 *   &\quad \text{with } z = \frac{t}{\alpha + T + t}
 *   \end{aligned}
 *   ```
 * - `expectedPurchases`: as {@link bgNbdExpectedPurchases};
 * - `probabilityNoPurchase`: as below;
 *   ```math
 *   1 - P(\text{alive}) + P(\text{alive}) \left(\frac{\alpha + T}{\alpha + T + t}\right)^{r + x}
 *   ```
 * - with `{ purchases, spend }`: `expectedSpend` as {@link gammaGammaExpectedSpend},
 *   `residualValue` as {@link predictiveLifetimeValue} (the purchases of each
 *   unit discounted to its end; a fractional last unit to the horizon's end),
 *   and `totalValue`, which adds the repeat purchases already made.
 *
 * The fit is read once, and each customer's row once; the cost per customer
 * is that of the per-customer functions without their validation: a few
 * microseconds, plus one expected-purchase evaluation per unit of the
 * horizon for a discounted value (see `docs/performance.md`).
 *
 * With `intervalLevel`, `intervals` holds each column's bounds per customer,
 * the intervals of the expected totals (`aggregate`) and of what the base
 * will actually buy (`outcome`, with each customer's future simulated under
 * every draw). The parameters are drawn from the fits' covariance on the log
 * scale, seeded (`seed`), so the same call gives the same intervals; the
 * cost is about `draws` (default 200) times the scoring. Fits without a
 * covariance are refused.
 *
 * A horizon given as a number is read in the fit's time unit. A calendar
 * horizon (`{ months: 12 }`) and an `annualDiscountRate` need the unit,
 * which a fit from an rfmSummary result records (or the `timeUnit` option of
 * the fit). A table and a fit in different units are refused.
 *
 * @param fits - a {@link fitBgNbd} result (or `{ r, alpha, a, b }`), or `{ purchases, spend }` with a {@link fitGammaGamma} result for the value columns.
 * @param customers - an {@link rfmSummary} result, an array of `{ frequency, recency, age, monetaryValue?, customerId?, customers? }` (`customers`: how many customers share a grouped row), or an object of such columns (plain or typed arrays).
 * @param options - the horizon, and for the value columns the discount rate and the margin rate.
 * @returns the columns, the ids, the horizon in units, and the totals.
 * @throws {@link MetricInputError} naming the row and the column of a bad cell, or the option at fault.
 *
 * @example
 * ```ts
 * import { scoreBgNbd } from 'retention-metrics';
 *
 * const purchases = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
 * const scores = scoreBgNbd({ purchases, spend }, [
 *   { customerId: 'A', frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35 },
 *   { customerId: 'B', frequency: 0, recency: 0, age: 38.86, monetaryValue: 0 },
 * ], { horizon: 39, discountRate: 0 });
 * Array.from(scores.columns.expectedPurchases, (v) => v.toFixed(3));
 * //=> ['1.226', '0.195']
 * ```
 *
 * @category Batch scoring
 */
export function scoreBgNbd(
  fits: Fitted<BgNbdParameters> | { purchases: Fitted<BgNbdParameters>; spend?: WithCovariance<GammaGammaParameters> },
  customers: PurchaseCustomers,
  options: PurchaseScoreOptions,
): PurchaseScores {
  return scorePurchases('scoreBgNbd', 'bgnbd', BG_NBD, fits, customers, options);
}

/**
 * Scores a whole table of customers under a fitted Pareto/NBD (and, with a
 * Gamma-Gamma fit, their spend and value) in one call, as columns.
 *
 * @remarks
 * The columns are those of {@link scoreBgNbd}, under the Pareto/NBD:
 * `probabilityAlive` as {@link paretoNbdProbabilityAlive};
 * `probabilityAliveAtHorizon` as below;
 * `expectedPurchases` as {@link paretoNbdExpectedPurchases};
 * `probabilityNoPurchase` as below: alive now, and either alive
 * through the horizon without a purchase or gone before the first (by
 * adaptive Gauss-Legendre quadrature, to about 1e-15); the value columns as
 * in {@link scoreBgNbd}.
 *
 * ```math
 * \begin{aligned}
 * &\text{probabilityAliveAtHorizon} = P(\text{alive}) \left(\frac{\beta + T}{\beta + T + t}\right)^s, \\
 * &\text{probabilityNoPurchase} = 1 - P(\text{alive}) + P(\text{alive}) \times \Big[ \\
 * &\qquad (1 + t/A)^{-(r + x)} (1 + t/B)^{-s} \\
 * &\qquad + s\, (A/B) \int_0^Y e^{(1 - r - x) y} \big(1 + (A/B)(e^y - 1)\big)^{-s - 1}\, dy\Big], \\
 * &A = \alpha + T, \quad B = \beta + T, \quad Y = \ln(1 + t/A)
 * \end{aligned}
 * ```
 *
 * @param fits - a {@link fitParetoNbd} result (or `{ r, alpha, s, beta }`), or `{ purchases, spend }` with a {@link fitGammaGamma} result for the value columns.
 * @param customers - an {@link rfmSummary} result, an array of summaries (grouped rows with `customers` counts too), or an object of columns.
 * @param options - the horizon, and for the value columns the discount rate and the margin rate.
 * @returns the columns, the ids, the horizon in units, and the totals.
 * @throws {@link MetricInputError} naming the row and the column of a bad cell, or the option at fault.
 *
 * @example
 * ```ts
 * import { scoreParetoNbd } from 'retention-metrics';
 *
 * const purchases = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6656 };
 * const scores = scoreParetoNbd(purchases, [{ frequency: 2, recency: 30.43, age: 38.86 }], { horizon: 39 });
 * scores.columns.probabilityAlive[0]?.toFixed(4);
 * //=> '0.8691'
 * ```
 *
 * @category Batch scoring
 */
export function scoreParetoNbd(
  fits:
    | Fitted<ParetoNbdParameters>
    | { purchases: Fitted<ParetoNbdParameters>; spend?: WithCovariance<GammaGammaParameters> },
  customers: PurchaseCustomers,
  options: PurchaseScoreOptions,
): PurchaseScores {
  return scorePurchases('scoreParetoNbd', 'paretonbd', PARETO_NBD, fits, customers, options);
}

/**
 * Scores a whole table of customers under a fitted MBG/NBD (and, with a
 * Gamma-Gamma fit, their spend and value) in one call, as columns.
 *
 * @remarks
 * The columns are those of {@link scoreBgNbd}, under the MBG/NBD, whose
 * customers may also drop out right after their first purchase:
 * `probabilityAlive` as {@link mbgNbdProbabilityAlive} (below 1 for a
 * customer without repeat purchases too); `expectedPurchases` as
 * {@link mbgNbdExpectedPurchases}; `probabilityAliveAtHorizon` and
 * `probabilityNoPurchase` as in {@link scoreBgNbd} with the drop-out
 * probability's posterior Beta(a, b + x + 1) in place of Beta(a, b + x);
 * the value columns as in {@link scoreBgNbd}.
 *
 * @param fits - a {@link fitMbgNbd} result (or `{ r, alpha, a, b }`), or `{ purchases, spend }` with a {@link fitGammaGamma} result for the value columns.
 * @param customers - an {@link rfmSummary} result, an array of summaries (grouped rows with `customers` counts too), or an object of columns.
 * @param options - the horizon, and for the value columns the discount rate and the margin rate.
 * @returns the columns, the ids, the horizon in units, and the totals.
 * @throws {@link MetricInputError} naming the row and the column of a bad cell, or the option at fault.
 *
 * @category Batch scoring
 */
export function scoreMbgNbd(
  fits: Fitted<BgNbdParameters> | { purchases: Fitted<BgNbdParameters>; spend?: WithCovariance<GammaGammaParameters> },
  customers: PurchaseCustomers,
  options: PurchaseScoreOptions,
): PurchaseScores {
  return scorePurchases('scoreMbgNbd', 'mbgnbd', MBG_NBD, fits, customers, options);
}

/**
 * The zod schema of {@link scoreMbgNbd}'s arguments, as `{ fits, customers, ...options }`;
 * it validates by scoring, so its cost is the call's.
 *
 * @category Input schemas (zod)
 */
export const scoreMbgNbdSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ fits, customers, ...options }) =>
  scoreMbgNbd(fits as never, customers as never, options as never),
) as unknown as MetricSchema;

/**
 * The zod schema of {@link scoreBgNbd}'s arguments, as `{ fits, customers, ...options }`;
 * it validates by scoring, so its cost is the call's.
 *
 * @category Input schemas (zod)
 */
export const scoreBgNbdSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ fits, customers, ...options }) =>
  scoreBgNbd(fits as never, customers as never, options as never),
) as unknown as MetricSchema;

/**
 * The zod schema of {@link scoreParetoNbd}'s arguments, as `{ fits, customers, ...options }`;
 * it validates by scoring, so its cost is the call's.
 *
 * @category Input schemas (zod)
 */
export const scoreParetoNbdSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ fits, customers, ...options }) =>
  scoreParetoNbd(fits as never, customers as never, options as never),
) as unknown as MetricSchema;
