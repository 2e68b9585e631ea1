import { describeValue } from '../../internal/numeric';
import { ownKeys, readKey, refuseUnknownKeys } from '../../internal/read';
import {
  fail,
  formatPath,
  isOptionsObject,
  type MetricSchema,
  optionsWith,
  parseInput,
  readerSchema,
} from '../../internal/schema';
import type { BgBbFit } from '../bgbb/fitBgBb';
import type { Horizon } from '../internal/terms';
import type { BgNbdFit } from '../nbd/fitBgNbd';
import type { MbgNbdFit } from '../nbd/fitMbgNbd';
import type { GammaGammaFit } from '../nbd/gammaGamma';
import type { ParetoNbdFit } from '../nbd/paretoNbd';
import { type FrequencyRecencyData, readFrequencyRecency } from '../nbd/summaryData';
import type { BdwFit } from '../sbg/fitBdw';
import type { SbgFit } from '../sbg/fitSbg';
import { scoreBgNbd, scoreMbgNbd, scoreParetoNbd } from '../scoring/scorePurchases';
import { chiSquare1Survival } from '../special/chiSquare';

/**
 * A fit the comparison takes: any of the library's fits as the fit function returned it.
 *
 * @category Model comparison
 */
export type ComparableFit = BgNbdFit | MbgNbdFit | ParetoNbdFit | BgBbFit | SbgFit | BdwFit | GammaGammaFit;

/**
 * A holdout for {@link compareModels}: the customers and the length of the holdout period.
 *
 * @expand
 * @category Model comparison
 */
export interface ComparisonHoldout {
  /**
   * The customers' calibration summaries with their `holdoutPurchases`: an
   * `rfmSummary` result made with a `holdoutEnd`, or rows.
   */
  customers: unknown;
  /**
   * The length of the holdout period: a number of the fits' time units, or a
   * calendar duration such as `{ weeks: 39 }` when the fits record their unit.
   */
  horizon: Horizon;
}

/**
 * Options of {@link compareModels}: a holdout to check the purchase models' forecasts on.
 *
 * @expand
 * @category Model comparison
 */
export interface CompareModelsOptions {
  /** The holdout; only the BG/NBD and Pareto/NBD fits are checked on it. */
  holdout?: ComparisonHoldout;
}

/**
 * One model's row of the comparison.
 *
 * @category Model comparison
 */
export interface ModelComparisonRow {
  /** The name given (`{ name, fit }`), or the model's own (`'bgnbd'`, `'paretonbd'`, ...). */
  name: string;
  /** The model. */
  model: ComparableFit['model'];
  /** Number of fitted parameters, k. */
  parameters: number;
  /** Customers the fit saw, n. */
  customers: number;
  /** The fit's log-likelihood. */
  logLikelihood: number;
  /** Akaike's information criterion, 2k - 2 logLikelihood: lower is better. */
  aic: number;
  /** The Bayesian information criterion, k ln n - 2 logLikelihood: lower is better. */
  bic: number;
  /** AIC minus the lowest AIC of the table (0 for the best; above about 10, essentially no support). */
  deltaAic: number;
  /** BIC minus the lowest BIC of the table. */
  deltaBic: number;
  /** Whether the fit converged to an interior maximum: a row whose fit did not is not a fair comparison. */
  converged: boolean;
  /** On the holdout (purchase models, when a holdout is given): mean over customers of |expected - actual| purchases. */
  holdoutMeanAbsoluteError?: number;
  /** On the holdout: the purchases the model expects of all the customers. */
  holdoutExpected?: number;
  /** On the holdout: the purchases the customers made. */
  holdoutActual?: number;
  /** On the holdout: (expected - actual) / actual, the aggregate forecast's relative error (absent when there were no purchases). */
  holdoutAggregateError?: number;
}

/**
 * A likelihood-ratio test between two nested models of the table.
 *
 * @category Model comparison
 */
export interface LikelihoodRatioTest {
  /** The name of the restricted model (the sBG). */
  restricted: string;
  /** The name of the general model (the beta-discrete-Weibull, which is the sBG when c = 1). */
  general: string;
  /** 2 (logLikelihood of the general - of the restricted): chi-square with `degreesOfFreedom` when the restriction holds. */
  statistic: number;
  /** The parameters the general model adds. */
  degreesOfFreedom: number;
  /** P(chi-square > statistic): small values reject the restricted model. */
  pValue: number;
}

/**
 * The comparison of several fits of the same data.
 *
 * @expand
 * @category Model comparison
 */
export interface ModelComparison {
  /** One row per fit, in the order given. */
  models: ModelComparisonRow[];
  /** The likelihood-ratio tests between the nested pairs in the table (the sBG within the BdW). */
  likelihoodRatioTests: LikelihoodRatioTest[];
  /** What to watch for in reading the table, in plain words (a fit that did not converge, say); empty when nothing. */
  warnings: string[];
}

const PARAMETER_COUNT: Record<ComparableFit['model'], number> = {
  bgnbd: 4,
  mbgnbd: 4,
  paretonbd: 4,
  bgbb: 4,
  sbg: 2,
  bdw: 3,
  gammagamma: 3,
};

/** Which data a model fits: only fits of the same kind of data can be compared. */
const DATA_KIND: Record<ComparableFit['model'], string> = {
  bgnbd: 'purchase summaries',
  mbgnbd: 'purchase summaries',
  paretonbd: 'purchase summaries',
  bgbb: 'discrete-time histories',
  sbg: 'cohorts of subscribers',
  bdw: 'cohorts of subscribers',
  gammagamma: 'spend summaries',
};

/** A fit as read: its fields read once each, and the fit itself for the holdout scoring. */
interface Entry {
  name: string;
  model: ComparableFit['model'];
  customers: number;
  logLikelihood: number;
  converged: boolean;
  fit: ComparableFit;
  /** Where the fit is in the arguments, for messages. */
  at: string;
}

function readEntry(fn: string, value: unknown, at: string): Entry {
  if (!isOptionsObject(value)) fail(fn, at, `must be a fit, or { name, fit }, got ${describeValue(value)}`);
  const keys = ownKeys(value);
  const named = Array.isArray(keys) && keys.includes('fit') && !keys.includes('model');
  const fitValue = named ? readKey(value, 'fit') : { value };
  if (fitValue.rule !== undefined) fail(fn, `${at}.fit`, fitValue.rule);
  const fit = fitValue.value;
  const where = named ? `${at}.fit` : at;
  if (!isOptionsObject(fit)) fail(fn, where, `must be a fit, got ${describeValue(fit)}`);
  const model = readKey(fit, 'model');
  if (model.rule !== undefined) fail(fn, `${where}.model`, model.rule);
  if (typeof model.value !== 'string' || !(model.value in PARAMETER_COUNT)) {
    fail(
      fn,
      `${where}.model`,
      `must name one of the library's models (${Object.keys(PARAMETER_COUNT).join(', ')}), as a fit function returns it, got ${describeValue(model.value)}`,
    );
  }
  const figures: Record<string, number> = {};
  for (const field of ['logLikelihood', 'customers'] as const) {
    const read = readKey(fit, field);
    if (read.rule !== undefined) fail(fn, `${where}.${field}`, read.rule);
    const ok =
      typeof read.value === 'number' &&
      Number.isFinite(read.value) &&
      (field === 'logLikelihood' ? read.value <= 0 : read.value > 0);
    if (!ok) {
      fail(
        fn,
        `${where}.${field}`,
        `must be the fit's ${field}, as the fit function returned it, got ${describeValue(read.value)}`,
      );
    }
    figures[field] = read.value as number;
  }
  const converged = readKey(fit, 'converged');
  if (converged.rule !== undefined) fail(fn, `${where}.converged`, converged.rule);
  let name = model.value;
  if (named) {
    const read = readKey(value, 'name');
    if (read.rule !== undefined) fail(fn, `${at}.name`, read.rule);
    if (read.value !== undefined) {
      if (typeof read.value !== 'string' || read.value === '') {
        fail(fn, `${at}.name`, `must be a non-empty string, got ${describeValue(read.value)}`);
      }
      name = read.value;
    }
  }
  return {
    name,
    model: model.value as ComparableFit['model'],
    customers: figures.customers as number,
    logLikelihood: figures.logLikelihood as number,
    converged: converged.value === true,
    fit: fit as unknown as ComparableFit,
    at: where,
  };
}

const compareInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'compareModels';
  refuseUnknownKeys(fn, input, ['fits', 'holdout']);
  const fits = input.fits;
  if (!Array.isArray(fits) || fits.length < 2) {
    fail(fn, 'fits', `must be a list of at least two fits of the same data, got ${describeValue(fits)}`);
  }
  const entries = fits.map((value, i) => readEntry(fn, value, `fits[${i}]`));
  const names = new Set<string>();
  entries.forEach((entry, i) => {
    if (names.has(entry.name)) {
      fail(fn, `fits[${i}]`, `is named ${entry.name} like an earlier fit: give each { name, fit } a name of its own`);
    }
    names.add(entry.name);
  });
  const first = entries[0] as Entry;
  entries.forEach((entry, i) => {
    if (DATA_KIND[entry.model] !== DATA_KIND[first.model]) {
      fail(
        fn,
        `fits[${i}]`,
        `is a fit of ${DATA_KIND[entry.model]} (${entry.model}), the first of ${DATA_KIND[first.model]} (${first.model}): only fits of the same data compare`,
      );
    }
    if (entry.customers !== first.customers) {
      fail(
        fn,
        `${entry.at}.customers`,
        `is ${entry.customers}, the first fit's ${first.customers}: the fits must be of the same data`,
      );
    }
  });
  let holdout: HoldoutData | undefined;
  if (input.holdout !== undefined) {
    if (!isOptionsObject(input.holdout)) {
      fail(fn, 'holdout', `must be { customers, horizon }, got ${describeValue(input.holdout)}`);
    }
    refuseUnknownKeys(fn, input.holdout, ['customers', 'horizon'], 'holdout');
    const customers = readKey(input.holdout, 'customers');
    if (customers.rule !== undefined) fail(fn, 'holdout.customers', customers.rule);
    const horizon = readKey(input.holdout, 'horizon');
    if (horizon.rule !== undefined) fail(fn, 'holdout.horizon', horizon.rule);
    if (horizon.value === undefined) fail(fn, 'holdout.horizon', 'is required: the length of the holdout period');
    // Read once for every purchase model the table scores on it.
    const read = readFrequencyRecency(customers.value, 'holdoutPurchases');
    if (Array.isArray(read)) fail(fn, formatPath(['holdout', 'customers', ...read[0]]) as string, read[1]);
    holdout = { rows: read.rows, horizon: horizon.value as Horizon };
  }
  return { entries, holdout };
});

/**
 * The zod schema {@link compareModels} validates its arguments with, as `{ fits, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const compareModelsSchema: MetricSchema = compareInput;

/** The holdout as read: the customers' calibration summaries and holdout purchases, row by row, and its length. */
interface HoldoutData {
  rows: FrequencyRecencyData['rows'];
  horizon: Horizon;
}

/** The holdout figures of one purchase model: per-customer absolute errors and the totals. */
function holdoutScores(entry: Entry, holdout: HoldoutData) {
  const { frequency, recency, age, holdout: actual } = holdout.rows;
  const score = entry.model === 'bgnbd' ? scoreBgNbd : entry.model === 'mbgnbd' ? scoreMbgNbd : scoreParetoNbd;
  const scores = score(entry.fit as never, { frequency, recency, age }, { horizon: holdout.horizon });
  const expected = scores.columns.expectedPurchases as Float64Array;
  let absolute = 0;
  let totalExpected = 0;
  let totalActual = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = (actual as Float64Array)[i] as number;
    const e = expected[i] as number;
    absolute += Math.abs(e - a);
    totalExpected += e;
    totalActual += a;
  }
  return {
    holdoutMeanAbsoluteError: absolute / expected.length,
    holdoutExpected: totalExpected,
    holdoutActual: totalActual,
    // Without a purchase in the holdout the relative error is not defined: left out, with a warning.
    ...(totalActual === 0 ? {} : { holdoutAggregateError: (totalExpected - totalActual) / totalActual }),
  };
}

/**
 * Compares fits of several models on the same data: the number of
 * parameters, the log-likelihood, AIC and BIC (with their differences from
 * the best), the likelihood-ratio test between nested models, and, on a
 * holdout, how well each purchase model forecasts each customer and the
 * whole base.
 *
 * @remarks
 * AIC = 2k - 2 ln L and BIC = k ln n - 2 ln L, with k the model's parameters
 * and n the customers fitted; lower is better, and a difference of less than
 * about 2 is no real preference. The sBG is the beta-discrete-Weibull with
 * c = 1, so a table with both gets the likelihood-ratio test of c = 1:
 * 2 (ln L of the BdW - ln L of the sBG), a chi-square with 1 degree of freedom
 * when the sBG holds. The BG/NBD and the Pareto/NBD are not nested (their
 * drop-out processes differ), so they compare by AIC, BIC and the holdout.
 *
 * On a holdout (`holdout.customers`: the calibration summaries with each
 * customer's `holdoutPurchases`, `holdout.horizon`: the holdout's length),
 * each BG/NBD and Pareto/NBD fit predicts each customer's purchases over the
 * horizon (as {@link scoreBgNbd} and {@link scoreParetoNbd} do) and the table
 * gives the mean absolute error per customer and the relative error of the
 * total. Fits must be of the same data: the same kind of data and the same
 * number of customers.
 *
 * Cost: O(fits), plus one scoring of the holdout customers per purchase model.
 *
 * @param fits - the fits, as the fit functions returned them, or `{ name, fit }` to label them.
 * @param options - an optional holdout.
 * @returns one row per fit, the likelihood-ratio tests, and warnings.
 * @throws {@link MetricInputError} when an entry is not a fit, fits are of different data, or the holdout is invalid.
 *
 * @example
 * ```ts
 * import { compareModels, fitBdw, fitSbg } from 'retention-metrics';
 *
 * // Fader and Hardie's "regular" cohort, years 0 to 7.
 * const cohort = [1000, 631, 468, 382, 326, 289, 262, 241];
 * const table = compareModels([fitSbg(cohort), fitBdw(cohort)]);
 * table.models.map((m) => [m.name, m.parameters]);
 * //=> [['sbg', 2], ['bdw', 3]]
 * table.likelihoodRatioTests.map((t) => `${t.restricted} within ${t.general}, ${t.degreesOfFreedom} df`);
 * //=> ['sbg within bdw, 1 df']
 * ```
 *
 * @category Model comparison
 */
export function compareModels(
  fits: ReadonlyArray<ComparableFit | { name?: string; fit: ComparableFit }>,
  options: CompareModelsOptions = {},
): ModelComparison {
  const fn = 'compareModels';
  const v = parseInput(fn, compareInput, optionsWith(fn, options, { fits }, '{ holdout }', true));
  const warnings: string[] = [];
  const rows: ModelComparisonRow[] = v.entries.map((entry) => {
    const k = PARAMETER_COUNT[entry.model];
    const n = entry.customers;
    const ll = entry.logLikelihood;
    const converged = entry.converged;
    if (!converged) {
      warnings.push(
        `${entry.name} did not converge to an interior maximum (see its diagnostics): its log-likelihood, AIC and BIC are those of a limit, not of a fitted model`,
      );
    }
    const row: ModelComparisonRow = {
      name: entry.name,
      model: entry.model,
      parameters: k,
      customers: n,
      logLikelihood: ll,
      aic: 2 * k - 2 * ll,
      bic: k * Math.log(n) - 2 * ll,
      deltaAic: 0,
      deltaBic: 0,
      converged,
    };
    if (
      v.holdout !== undefined &&
      (entry.model === 'bgnbd' || entry.model === 'mbgnbd' || entry.model === 'paretonbd')
    ) {
      Object.assign(row, holdoutScores(entry, v.holdout));
      if (row.holdoutActual === 0) {
        warnings.push(
          'the holdout has no purchases: the aggregate error, relative to them, is not defined and is left out',
        );
      }
    }
    return row;
  });
  const bestAic = Math.min(...rows.map((r) => r.aic));
  const bestBic = Math.min(...rows.map((r) => r.bic));
  for (const row of rows) {
    row.deltaAic = row.aic - bestAic;
    row.deltaBic = row.bic - bestBic;
  }
  const likelihoodRatioTests: LikelihoodRatioTest[] = [];
  for (const restricted of rows.filter((r) => r.model === 'sbg')) {
    for (const general of rows.filter((r) => r.model === 'bdw')) {
      const statistic = 2 * (general.logLikelihood - restricted.logLikelihood);
      if (statistic < -1e-6 * Math.abs(restricted.logLikelihood)) {
        warnings.push(
          `${general.name} fits worse than ${restricted.name}, which it contains (statistic ${statistic}): one of the fits has not reached its maximum`,
        );
      }
      likelihoodRatioTests.push({
        restricted: restricted.name,
        general: general.name,
        statistic: Math.max(0, statistic),
        degreesOfFreedom: 1,
        pValue: chiSquare1Survival(Math.max(0, statistic)),
      });
    }
  }
  return { models: rows, likelihoodRatioTests, warnings: [...new Set(warnings)] };
}
