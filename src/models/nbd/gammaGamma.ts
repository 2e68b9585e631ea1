import * as z from 'zod/mini';
import { describeValue } from '../../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, objectSchema, parseInput, report } from '../../internal/schema';
import {
  iterationLimit,
  nonNegativeNumber,
  numberField,
  optionalNumberField,
  parametersField,
  wholePeriod,
} from '../internal/inputs';
import { parseModelCall } from '../internal/modelCall';
import { nelderMead } from '../internal/nelderMead';
import { logGamma } from '../special/logGamma';

/** Gamma-Gamma parameters. */
export interface GammaGammaParameters {
  /** Shape p of each transaction's gamma-distributed value. */
  p: number;
  /** Shape q of the gamma distribution of customers' scale. */
  q: number;
  /** Scale gamma of that distribution, in currency. */
  gamma: number;
}

/** A fitted Gamma-Gamma model, with the check of its assumption. */
export interface GammaGammaFit extends GammaGammaParameters {
  /** Which model this is. */
  model: 'gammagamma';
  /** Log-likelihood at the estimate. */
  logLikelihood: number;
  /** Optimiser iterations used. */
  iterations: number;
  /** Whether the optimiser met its tolerances. */
  converged: boolean;
  /** Customers fitted: those with at least one repeat purchase. */
  customers: number;
  /** Customers left out because they made no repeat purchase. */
  customersWithoutRepeat: number;
  /**
   * Pearson correlation between frequency and mean spend among the customers
   * fitted. The model assumes none; far from 0 (say above 0.3 in absolute
   * value), its spend predictions are suspect.
   */
  frequencySpendCorrelation: number;
}

/** One customer's spend summary: repeat purchases and their mean value. */
export interface SpendSummary {
  /** Repeat purchases x. */
  frequency: number;
  /** Mean value of the repeat purchases (zbar), greater than 0 when frequency > 0. */
  monetaryValue: number;
}

interface SpendData {
  x: Float64Array;
  m: Float64Array;
  without: number;
}

function readSpend(value: unknown): SpendData | [PropertyKey[], string] {
  const rows = Array.isArray(value)
    ? value
    : isOptionsObject(value) && Array.isArray(value.customers)
      ? (value.customers as unknown[])
      : undefined;
  if (rows === undefined)
    return [
      [],
      `must be an array of { frequency, monetaryValue } (or an rfmSummary result), got ${describeValue(value)}`,
    ];
  const xs: number[] = [];
  const ms: number[] = [];
  let without = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null)
      return [[i], `must be { frequency, monetaryValue }, got ${describeValue(row)}`];
    const { frequency: x, monetaryValue: m } = row;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0)
      return [[i, 'frequency'], `must be a whole number, 0 or more, got ${describeValue(x)}`];
    if (x === 0) {
      without++;
      continue;
    }
    if (typeof m !== 'number' || !Number.isFinite(m) || m <= 0) {
      return [
        [i, 'monetaryValue'],
        `must be greater than 0 for a customer with repeat purchases (the model is for positive spend), got ${describeValue(m)}`,
      ];
    }
    xs.push(x);
    ms.push(m);
  }
  if (xs.length < 3) return [[], `need at least 3 customers with repeat purchases to fit, got ${xs.length}`];
  return { x: Float64Array.from(xs), m: Float64Array.from(ms), without };
}

function spendField(): z.ZodMiniType<SpendData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): SpendData => {
      const read = readSpend(value);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return read as unknown as SpendData;
    }),
  );
}

/**
 * Gamma-Gamma log-likelihood of customers with x repeat purchases of mean m
 * (Fader and Hardie, "The Gamma-Gamma model of monetary value", 2013):
 * ln Gamma(px + q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px - 1) ln m
 * + px ln x - (px + q) ln(gamma + m x).
 */
export function gammaGammaLogLikelihood(x: Float64Array, m: Float64Array, p: number, q: number, gamma: number): number {
  let total = 0;
  const base = q * Math.log(gamma) - logGamma(q);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const mi = m[i] as number;
    const px = p * xi;
    total +=
      logGamma(px + q) -
      logGamma(px) +
      base +
      (px - 1) * Math.log(mi) +
      px * Math.log(xi) -
      (px + q) * Math.log(gamma + mi * xi);
  }
  return total;
}

function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

const fitSchema = /* @__PURE__ */ buildFitSchema();
function buildFitSchema() {
  return objectSchema({ customers: spendField(), maxIterations: optionalNumberField(iterationLimit) });
}

/** The zod schema {@link fitGammaGamma} validates its arguments with, as `{ customers, ...options }`. */
export const fitGammaGammaSchema: MetricSchema = fitSchema;

/**
 * Fits the Gamma-Gamma model of the value of customers' purchases, on the
 * customers with at least one repeat purchase, and reports the correlation
 * between frequency and spend that the model assumes away.
 *
 * @remarks
 * Each transaction's value is Gamma(p, nu) for a customer-specific nu, and
 * nu varies as Gamma(q, gamma) across customers. The model is fitted on mean
 * repeat spend and repeat frequency; customers without repeats carry no
 * information about spend variation and are left out (and counted). Nelder-Mead
 * on the logs of p, q and gamma.
 *
 * Cost: O(iterations x customers).
 *
 * @param customers - `{ frequency, monetaryValue }` per customer, or an rfmSummary result.
 * @param options - the iteration limit.
 * @returns p, q, gamma, the log-likelihood and the frequency-spend correlation.
 * @throws {@link MetricInputError} for a repeat buyer with spend of 0 or less,
 *   or fewer than 3 repeat buyers.
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
 * ]);
 * fit.customers;
 * //=> 4
 * ```
 */
export function fitGammaGamma(
  customers: readonly SpendSummary[] | { customers: readonly SpendSummary[] },
  options: { maxIterations?: number } = {},
): GammaGammaFit {
  if (!isOptionsObject(options))
    fail('fitGammaGamma', 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput('fitGammaGamma', fitSchema, { ...options, customers });
  const { x, m, without } = v.customers;
  const found = nelderMead(
    (point) => {
      const [p, q, gamma] = point.map(Math.exp) as [number, number, number];
      // The mean per customer, so the tolerance means the same for 100 or 100,000 buyers.
      return -gammaGammaLogLikelihood(x, m, p, q, gamma) / x.length;
    },
    // From p = 1, q = 2 and gamma = the mean spend, so that the population mean
    // p gamma / (q - 1) starts right and the fit does not depend on the currency unit.
    [0, Math.log(2), Math.log(m.reduce((sum, value) => sum + value, 0) / m.length)],
    { maxIterations: v.maxIterations ?? 10_000, valueTolerance: 1e-10, pointTolerance: 1e-10 },
  );
  const [p, q, gamma] = found.point.map(Math.exp) as [number, number, number];
  return {
    model: 'gammagamma',
    p,
    q,
    gamma,
    logLikelihood: -found.value * x.length,
    iterations: found.iterations,
    converged: found.converged,
    customers: x.length,
    customersWithoutRepeat: without,
    frequencySpendCorrelation: correlation(x, m),
  };
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
      else if (v.frequency > 0 && v.monetaryValue <= 0)
        report(ctx, 'monetaryValue', 'must be greater than 0 when frequency > 0');
    },
    'ignore',
  );
}

/** The zod schema {@link gammaGammaExpectedSpend} validates its arguments with. */
export const gammaGammaExpectedSpendSchema: MetricSchema = spendSchema;

/**
 * Expected value of a customer's future purchases under the Gamma-Gamma
 * model, given its repeat frequency and mean repeat spend.
 *
 * @remarks
 * E[M | x, m] = (q - 1)/(p x + q - 1) x (p gamma/(q - 1)) + p x/(p x + q - 1) x m:
 * a weighted mean of the population's mean spend and the customer's own,
 * which counts for more the more purchases it rests on. With x = 0 it is the
 * population mean p gamma / (q - 1). Needs q > 1. Cost: O(1).
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
 */
export function gammaGammaExpectedSpend(parameters: GammaGammaParameters, customer: SpendSummary): number {
  const v = parseModelCall('gammaGammaExpectedSpend', spendSchema, parameters, customer);
  const { p, q, gamma } = v.parameters;
  const px = p * v.frequency;
  const weight = px / (px + q - 1);
  return (1 - weight) * ((p * gamma) / (q - 1)) + weight * v.monetaryValue;
}
