import * as z from 'zod/mini';
import { RFM_ROW_FIELDS } from '../../internal/fields';
import { choiceField, type MetricSchema, objectSchema, optionsWith, parseInput, report } from '../../internal/schema';
import { boundaryWarning, type FitOptions, fitOptionFields } from '../internal/fitOptions';
import { type BoundaryDirection, type FitDiagnostics, maximiseLikelihood } from '../internal/fitting';
import { nonNegativeNumber, numberField, parametersField, wholePeriod } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { refuseWithoutAmounts } from './amounts';
import {
  gammaGammaDataLogLikelihood,
  gammaGammaLikelihoodTerms,
  gammaGammaShapeTerms,
  readSpend,
  type SpendData,
  type ZeroSpendRule,
} from './gammaGammaLikelihood';
import { posteriorMeanSpend } from './spendMean';

/**
 * Gamma-Gamma parameters.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface GammaGammaParameters {
  /** Shape p of each transaction's gamma-distributed value. */
  p: number;
  /** Shape q of the gamma distribution of customers' scale. */
  q: number;
  /** Scale gamma of that distribution, in currency. */
  gamma: number;
}

/**
 * The names of the Gamma-Gamma model's parameters.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type GammaGammaParameterName = 'p' | 'q' | 'gamma';

/**
 * A fitted Gamma-Gamma model, with the check of its assumption: plain numbers, safe to store as JSON.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface GammaGammaFit extends GammaGammaParameters {
  /** Which model this is. */
  model: 'gammagamma';
  /** The log-likelihood at the estimate: {@link gammaGammaLogLikelihood} of these parameters and data. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** True only at an interior maximum of the likelihood (small gradient, positive-definite Hessian, no parameter at a boundary). */
  converged: boolean;
  /** Customers fitted: those with at least one repeat purchase and a positive mean repeat spend. */
  customers: number;
  /** Customers left out because they made no repeat purchase. */
  customersWithoutRepeat: number;
  /** Repeat buyers left out because their mean repeat spend is 0 (`zeroSpend: 'exclude'`, the default). */
  customersWithZeroSpend: number;
  /**
   * Pearson correlation between frequency and mean spend among the customers
   * fitted. The model assumes none; far from 0 (say above 0.3 in absolute
   * value), its spend predictions are suspect.
   */
  frequencySpendCorrelation: number;
  /** Gradient, curvature, boundaries, warnings, standard errors and intervals of the estimate. */
  diagnostics: FitDiagnostics<GammaGammaParameterName>;
}

/**
 * Options of {@link fitGammaGamma}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface FitGammaGammaOptions extends FitOptions {
  /**
   * A repeat buyer whose mean repeat spend is 0 (returns, free orders):
   * `'exclude'` (default) leaves it out of the fit and counts it in
   * `customersWithZeroSpend`; `'refuse'` throws a {@link MetricInputError}
   * naming the row. The model is for positive spend either way.
   */
  zeroSpend?: ZeroSpendRule;
}

/**
 * One customer's spend summary: repeat purchases and their mean value.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface SpendSummary {
  /** Repeat purchases x. */
  frequency: number;
  /** Mean value of the repeat purchases (zbar): greater than 0 when frequency > 0, or 0 for a repeat buyer who spent nothing. */
  monetaryValue: number;
  /** The customer's id, as rfmSummary gives it: an error in the row names it. */
  customerId?: string | number;
  /** How many customers share this row, for grouped data; 1 when left out. The fit on grouped rows equals the fit on the rows expanded. */
  customers?: number;
}

/**
 * Spend summaries: an array of `{ frequency, monetaryValue }` or an {@link rfmSummary} result.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type SpendSummaries = readonly SpendSummary[] | SpendTable;

/**
 * Spend summaries wrapped as rfmSummary returns them.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface SpendTable {
  /** One summary per customer. */
  customers: readonly SpendSummary[];
}

/** A zod schema for spend summaries, read and merged by readSpend. */
function spendField(zeroSpend: ZeroSpendRule, minimum: number): z.ZodMiniType<SpendData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): SpendData => {
      const read = readSpend(value, zeroSpend, minimum);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return read as unknown as SpendData;
    }),
  );
}

const ZERO_SPEND_CHOICES = ['exclude', 'refuse'] as const;

const fitSchema = /* @__PURE__ */ buildFitSchema();
function buildFitSchema() {
  // The rows are read after the options, since how they are read depends on zeroSpend.
  return objectSchema(
    { customers: z.unknown(), ...fitOptionFields(), zeroSpend: choiceField(ZERO_SPEND_CHOICES) },
    (v, ctx) => {
      const read = readSpend(v.customers, v.zeroSpend ?? 'exclude', 3);
      if (Array.isArray(read)) ctx.addIssue({ code: 'custom', message: read[1], path: ['customers', ...read[0]] });
      else (v as { customers: unknown }).customers = read;
    },
  );
}

/**
 * The zod schema {@link fitGammaGamma} validates its arguments with, as `{ customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const fitGammaGammaSchema: MetricSchema = fitSchema;

/**
 * Fits the Gamma-Gamma model of the value of customers' purchases by maximum
 * likelihood, on the customers with at least one repeat purchase, and reports
 * the correlation between frequency and spend that the model assumes away.
 *
 * @remarks
 * Each transaction's value is Gamma(p, nu) for a customer-specific nu, and
 * nu varies as Gamma(q, gamma) across customers. The model is fitted on mean
 * repeat spend and repeat frequency; customers without repeats carry no
 * information about spend variation and are left out (and counted), and so,
 * by default, are repeat buyers whose mean spend is 0 (see `zeroSpend`).
 * Identical (frequency, spend) rows are merged. The optimiser is BFGS with
 * the analytic gradient, on the logs of p, q and gamma, from p = 1, q = 2,
 * gamma = the mean spend (so the fit does not depend on the currency unit),
 * followed by the checks of {@link FitDiagnostics}: `converged` is true only
 * at an interior maximum, and `diagnostics` gives standard errors and
 * intervals from the observed information, or says in `warnings` what the
 * data lack. When every repeat buyer has the same mean spend, the likelihood
 * rises without end as the spread of spend vanishes (p and q run to
 * infinity): the fit returns that limit, p = q = 1e12 and gamma =
 * m (q - 1) / p, with `converged: false`, both in `diagnostics.boundary`
 * and a warning, without optimising; its expected spend is the common mean
 * m for every customer.
 *
 * Cost: O(evaluations x (distinct (frequency, spend) rows + distinct
 * frequencies)); a few dozen iterations on CDNOW-like data (about 20), each
 * one or two evaluations, and 6 to 12 more for the Hessian; at most 1,500
 * evaluations in all (the work limit), so a few milliseconds per thousand
 * customers and never more than about 0.1 s for a thousand, whatever the data.
 *
 * @param customers - `{ frequency, monetaryValue }` per customer, or an rfmSummary result.
 * @param options - the iteration limit, the confidence level of the intervals, and what to do with repeat buyers who spent 0.
 * @returns p, q, gamma, the log-likelihood, whether it converged, the counts of the customers left out, the frequency-spend correlation and the diagnostics.
 * @throws {@link MetricInputError} naming the row (and its customerId, when it has one) for a
 *   negative or non-finite spend of a repeat buyer, or a spend of 0 with `zeroSpend: 'refuse'`;
 *   and for fewer than 3 repeat buyers with a positive spend.
 * @see Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), RFM and CLV: using iso-value curves for customer base analysis, Journal of Marketing Research 42(4).
 * @see Fader, P. S. and Hardie, B. G. S. (2013), The Gamma-Gamma model of monetary value.
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'retention-metrics';
 *
 * const fit = fitGammaGamma([
 *   { frequency: 2, monetaryValue: 22.35 },
 *   { frequency: 1, monetaryValue: 11.77 },
 *   { frequency: 0, monetaryValue: 0 },
 *   { frequency: 6, monetaryValue: 35.5 },
 *   { frequency: 3, monetaryValue: 15.2 },
 *   { frequency: 1, monetaryValue: 0 },
 * ]);
 * [fit.customers, fit.customersWithoutRepeat, fit.customersWithZeroSpend];
 * //=> [4, 1, 1]
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function fitGammaGamma(customers: SpendSummaries, options: FitGammaGammaOptions = {}): GammaGammaFit {
  const v = parseInput('fitGammaGamma', fitSchema, optionsWith('fitGammaGamma', options, { customers }));
  const data = v.customers as SpendData;
  const confidenceLevel = v.confidenceLevel ?? 0.95;
  const common = commonSpend(data);
  if (common !== undefined) return identicalSpendLimit(data, common, confidenceLevel);
  const found = maximiseLikelihood(
    {
      names: NAMES,
      count: data.customers,
      evaluate: (point) => {
        const [p, q, gamma] = point.map(Math.exp) as [number, number, number];
        return gammaGammaShapeTerms(data, p, q, gamma);
      },
      logLikelihood: ([p, q, gamma]) => gammaGammaDataLogLikelihood(data, p as number, q as number, gamma as number),
      starts: [[0, Math.log(2), Math.log(data.meanSpend)]],
      scales: [1, 1, data.meanSpend],
      describeBoundary: (name, towards) => boundaryWarning(name, towards, BOUNDARY_MEANING[name][towards]),
    },
    { maxIterations: v.maxIterations ?? 500, maxEvaluations: 1500, confidenceLevel },
    data.spendVariation < 1e-6
      ? [
          `the mean spends of the customers fitted differ by less than one part in a million (coefficient of variation ${data.spendVariation.toPrecision(2)}): the spread of spend is too small to estimate in floating point, and the likelihood climbs towards the limit of no spread at all`,
        ]
      : [],
  );
  const [p, q, gamma] = found.parameters as [number, number, number];
  return {
    model: 'gammagamma',
    p,
    q,
    gamma,
    logLikelihood: found.logLikelihood,
    iterations: found.iterations,
    converged: found.converged,
    customers: data.customers,
    customersWithoutRepeat: data.withoutRepeat,
    customersWithZeroSpend: data.zeroSpend,
    frequencySpendCorrelation: data.correlation,
    diagnostics: found.diagnostics,
  };
}

const NAMES = ['p', 'q', 'gamma'] as const;

/** What each Gamma-Gamma parameter running to a boundary says about the customers' spend. */
const BOUNDARY_MEANING: Record<GammaGammaParameterName, Record<BoundaryDirection, string>> = {
  p: {
    zero: "each customer's purchase values become extremely variable around its own mean (their coefficient of variation, 1 / sqrt(p), grows without bound)",
    infinity:
      "each customer's purchase values stop varying around its own mean (every purchase of a customer is worth the same)",
  },
  q: {
    zero: "customers' mean spends become extremely spread out (a heavy tail: the population's mean spend p gamma / (q - 1) is infinite for q at or below 1)",
    infinity:
      "customers' mean spends lose their spread (every customer has about the same mean spend, p gamma / (q - 1))",
  },
  gamma: {
    zero: 'the scale of spend runs to 0 (with q: mean spends concentrate near 0 or spread without bound)',
    infinity: "the scale of spend runs to infinity, with q or p growing too (customers' spends lose their spread)",
  },
};

/** The mean spend every customer fitted shares, or undefined when they differ. */
function commonSpend(data: SpendData): number | undefined {
  const { monetaryValue } = data;
  for (let i = 1; i < monetaryValue.length; i++) if (monetaryValue[i] !== monetaryValue[0]) return undefined;
  return monetaryValue[0];
}

/**
 * The stand-in for p and q in the limit that identical spends run to: every
 * spread (coefficient of variation 1 / sqrt(p) within a customer,
 * 1 / sqrt(q) across customers) one in a million.
 */
const LIMIT_SHAPE = 1e12;

/**
 * The limit of the likelihood when every customer fitted has the same mean
 * spend m: it rises without end as the spread of spend vanishes (p and q to
 * infinity with p gamma / (q - 1) = m), so there is no maximum to climb to.
 * Returns p = q = 1e12, gamma = m (q - 1) / p: every expected spend is m.
 */
function identicalSpendLimit(data: SpendData, spend: number, confidenceLevel: number): GammaGammaFit {
  const p = LIMIT_SHAPE;
  const q = LIMIT_SHAPE;
  const gamma = (spend * (q - 1)) / p;
  const [logLikelihood, gradient] = gammaGammaLikelihoodTerms(data, p, q, gamma);
  const boundary: FitDiagnostics<GammaGammaParameterName>['boundary'] = [
    { parameter: 'p', towards: 'infinity' },
    { parameter: 'q', towards: 'infinity' },
  ];
  return {
    model: 'gammagamma',
    p,
    q,
    gamma,
    logLikelihood,
    iterations: 0,
    converged: false,
    customers: data.customers,
    customersWithoutRepeat: data.withoutRepeat,
    customersWithZeroSpend: data.zeroSpend,
    frequencySpendCorrelation: data.correlation,
    diagnostics: {
      gradientNorm: Math.max(...gradient.map((g) => Math.abs(g) / data.customers)),
      hessianConditionNumber: null,
      hessianPositiveDefinite: false,
      boundary,
      unidentified: [],
      warnings: [
        `every customer fitted has the same mean spend (${spend}): the data show no spread of spend, within or across customers, so the likelihood only rises as the model's spread vanishes and has no maximum; the fit returns that limit (p and q stand at 1e12, every spread one in a million), whose expected spend is ${spend} for every customer`,
        ...boundary.map((b) => boundaryWarning(b.parameter, b.towards, BOUNDARY_MEANING[b.parameter][b.towards])),
        'no standard errors or intervals: they mean nothing for a parameter at a boundary or not determined',
      ],
      confidenceLevel,
      parameterOrder: [...NAMES],
    },
  };
}

const logLikelihoodSchema = /* @__PURE__ */ buildLogLikelihoodSchema();
function buildLogLikelihoodSchema() {
  return objectSchema({ parameters: parametersField(NAMES), customers: spendField('exclude', 1) });
}

/**
 * The zod schema {@link gammaGammaLogLikelihood} validates its arguments with, as `{ parameters, customers }`.
 *
 * @category Input schemas (zod)
 */
export const gammaGammaLogLikelihoodSchema: MetricSchema = logLikelihoodSchema;

/**
 * The Gamma-Gamma log-likelihood of spend summaries at given parameters: the
 * function {@link fitGammaGamma} maximises, and the value it reports.
 *
 * @remarks
 * Per customer with x repeat purchases of mean m (Fader, Hardie and Lee
 * 2005, "RFM and CLV"), the term below, summed over the customers the fit
 * uses: those with repeat purchases and a positive mean spend (customers
 * without repeats, and repeat buyers who spent 0, are left out, as
 * {@link fitGammaGamma} leaves them out by default).
 *
 * ```math
 * \begin{aligned}
 * &\ln \Gamma(p x + q) - \ln \Gamma(p x) - \ln \Gamma(q) + q \ln \gamma \\
 * &\quad + (p x - 1) \ln m + p x \ln x - (p x + q) \ln(\gamma + m x)
 * \end{aligned}
 * ```
 *
 * Computed so that p, q and gamma up to 1e12 keep their digits. Cost: O(customers).
 *
 * @param parameters - `{ p, q, gamma }`, for example a {@link fitGammaGamma} result.
 * @param customers - `{ frequency, monetaryValue }` per customer, or an rfmSummary result.
 * @returns the log-likelihood, a finite number.
 * @throws {@link MetricInputError} when a parameter is not positive, a summary is invalid, or no customer has repeat purchases and a positive spend.
 *
 * @example
 * ```ts
 * import { gammaGammaLogLikelihood } from 'retention-metrics';
 *
 * // One customer, one repeat purchase worth 2, with p = 2, q = 3, gamma = 4: the density
 * // Gamma(5) / (Gamma(2) Gamma(3)) x 4^3 x 2^1 / (4 + 2)^5 = 12 x 128 / 7776 = 0.19753..., in logs.
 * gammaGammaLogLikelihood({ p: 2, q: 3, gamma: 4 }, [{ frequency: 1, monetaryValue: 2 }]).toFixed(6);
 * //=> '-1.621860'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, customers: SpendSummaries): number {
  const v = parseInput('gammaGammaLogLikelihood', logLikelihoodSchema, { parameters, customers });
  const { p, q, gamma } = v.parameters;
  return finiteResult('gammaGammaLogLikelihood', gammaGammaDataLogLikelihood(v.customers, p, q, gamma));
}

const spendSchema = /* @__PURE__ */ buildSpendSchema();
function buildSpendSchema() {
  return objectSchema(
    {
      parameters: parametersField(['p', 'q', 'gamma'] as const),
      frequency: numberField(wholePeriod),
      monetaryValue: numberField(nonNegativeNumber),
    },
    (v, ctx) => {
      if (v.parameters.q <= 1)
        report(ctx, 'parameters.q', `must be greater than 1 for a finite expected spend, got ${v.parameters.q}`);
    },
    RFM_ROW_FIELDS,
  );
}

/**
 * The zod schema {@link gammaGammaExpectedSpend} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const gammaGammaExpectedSpendSchema: MetricSchema = spendSchema;

/**
 * Expected value of a customer's future purchases under the Gamma-Gamma
 * model, given its repeat frequency and mean repeat spend.
 *
 * @remarks
 * The expected spend below is a weighted mean of the population's mean spend
 * and the customer's own, which counts for more the more purchases it rests on:
 *
 * ```math
 * E[M \mid x, m] = \frac{q - 1}{p x + q - 1} \times \left(\frac{p \gamma}{q - 1}\right) + \frac{p x}{p x + q - 1} \times m
 * ```
 *
 * With x = 0 it is the
 * population mean p gamma / (q - 1). A repeat buyer whose mean spend is 0
 * (returns, free orders; {@link fitGammaGamma} leaves such customers out)
 * gets p gamma / (p x + q - 1), the posterior mean at a total spend of 0: the
 * limit of the formula as its spend falls to 0, below the population mean
 * and lower the more such purchases. Needs q > 1. Cost: O(1).
 *
 * @param parameters - `{ p, q, gamma }`, for example a {@link fitGammaGamma} result.
 * @param customer - frequency and mean repeat spend.
 * @returns the expected spend per purchase, in the currency of the data.
 * @throws {@link MetricInputError} when q is 1 or less, or the customer's figures are invalid.
 *
 * @example
 * ```ts
 * import { gammaGammaExpectedSpend } from 'retention-metrics';
 *
 * const fit = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
 * gammaGammaExpectedSpend(fit, { frequency: 2, monetaryValue: 22.35 }).toFixed(2);
 * //=> '24.66'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function gammaGammaExpectedSpend(parameters: GammaGammaParameters, customer: SpendSummary): number {
  refuseWithoutAmounts('gammaGammaExpectedSpend', customer);
  const v = parseModelCall('gammaGammaExpectedSpend', spendSchema, parameters, customer);
  return finiteResult('gammaGammaExpectedSpend', posteriorMeanSpend(v.parameters, v.frequency, v.monetaryValue));
}
