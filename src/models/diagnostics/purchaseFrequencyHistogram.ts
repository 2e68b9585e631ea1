import * as z from 'zod/mini';
import { fail, type MetricSchema, objectSchema, optionsWith, parseInput } from '../../internal/schema';
import { optionalNumberField } from '../internal/inputs';
import { finiteResult } from '../internal/modelCall';
import type { CalibrationFitRow } from '../nbd/fitQuality';
import type { FrequencyRecency } from '../nbd/summaryData';
import { type FrequencyRecencyData, readFrequencyRecency } from '../nbd/summaryData';
import { type PurchaseModelFit, purchaseFitField } from './purchaseModels';

/**
 * Options of {@link purchaseFrequencyHistogram}.
 *
 * @expand
 * @category Model diagnostics
 */
export interface PurchaseFrequencyHistogramOptions {
  /** The last, open-ended bar: "this many repeat purchases or more". A whole number from 1 to 1000; default 7. */
  maxFrequency?: number;
}

function summariesField() {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): FrequencyRecencyData => {
      const read = readFrequencyRecency(value);
      if (!Array.isArray(read)) return read;
      const [path, message] = read;
      ctx.issues.push({ code: 'custom', message, input: value, path });
      return undefined as unknown as FrequencyRecencyData;
    }),
  );
}

const schema = /* @__PURE__ */ buildSchema();

function buildSchema() {
  return objectSchema({
    fit: purchaseFitField(),
    customers: summariesField(),
    maxFrequency: optionalNumberField((v) =>
      Number.isInteger(v) && v >= 1 && v <= 1000 ? undefined : `must be a whole number from 1 to 1000, got ${v}`,
    ),
  });
}

/**
 * The zod schema {@link purchaseFrequencyHistogram} validates its arguments with, as `{ fit, customers, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const purchaseFrequencyHistogramSchema: MetricSchema = schema;

/**
 * The frequency histogram of a purchase model: for 0, 1, 2, ...,
 * maxFrequency or more repeat purchases in the calibration period, the
 * customers observed and the customers the model expects, for the BG/NBD or
 * the Pareto/NBD.
 *
 * @remarks
 * The expected count of bar x sums each customer's probability of exactly x
 * repeat purchases over its own age T_i (the last bar takes the rest, so the
 * expected counts add up to the number of customers):
 *
 * ```math
 * \text{expected}(x) = \sum_i P(X(T_i) = x)
 * ```
 *
 * BG/NBD: Fader, Hardie and Lee (2005), equation 8 (as in
 * {@link bgNbdCalibrationFit}, which this extends to the Pareto/NBD).
 * Pareto/NBD: the customer buys as a Poisson process with a gamma-mixed rate
 * (negative binomial counts NB(x; tau) over a span tau) for an exponential
 * lifetime with a gamma-mixed rate, so
 *
 * ```math
 * P(X(t) = x) = \left(\frac{\beta}{\beta + t}\right)^{s} NB(x; t)
 *   + \int_0^t \frac{s \beta^s}{(\beta + \tau)^{s + 1}}\, NB(x; \tau)\, d\tau,
 * ```
 *
 * which equals the closed form of Fader, Hardie and Lee (2006); the integral
 * is taken by Gauss-Legendre quadrature (768 nodes on panels that halve
 * towards 0), accurate to about 1e-12.
 *
 * Cost: O(customers + A x maxFrequency) for A distinct ages (times 768 for
 * the Pareto/NBD): customers of one age share one distribution.
 *
 * @param fit - a {@link fitBgNbd} or {@link fitParetoNbd} result, or `{ model, ...parameters }`.
 * @param customers - the calibration summaries the model was fitted on (an {@link rfmSummary} result or its rows).
 * @param options - the last, open-ended bar (default 7).
 * @returns one row per bar: `{ frequency, orMore, actual, expected }`.
 * @throws {@link MetricInputError} when the fit, a summary or the option is invalid.
 * @see Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2006), Deriving an expression for P(X(t) = x) under the Pareto/NBD model, http://brucehardie.com/notes/012/.
 *
 * @example
 * ```ts
 * import { purchaseFrequencyHistogram } from 'retention-metrics';
 *
 * const fit = { model: 'paretonbd', r: 0.5533, alpha: 10.5802, s: 0.6061, beta: 11.6562 } as const;
 * const rows = purchaseFrequencyHistogram(fit, [{ frequency: 0, recency: 0, age: 30 }], { maxFrequency: 2 });
 * rows.map((row) => row.expected.toFixed(4));
 * //=> ['0.6154', '0.1696', '0.2150']
 * ```
 *
 * @category Model diagnostics
 */
export function purchaseFrequencyHistogram(
  fit: PurchaseModelFit,
  customers: readonly FrequencyRecency[] | { customers: readonly FrequencyRecency[] },
  options: PurchaseFrequencyHistogramOptions = {},
): CalibrationFitRow[] {
  const fn = 'purchaseFrequencyHistogram';
  const v = parseInput(fn, schema, optionsWith(fn, options, { fit, customers }, 'an options object'));
  const top = v.maxFrequency ?? 7;
  const rows: CalibrationFitRow[] = [];
  for (let k = 0; k <= top; k++) rows.push({ frequency: k, orMore: k === top, actual: 0, expected: 0 });
  const data = v.customers;
  const ages = new Map<number, number>();
  for (let j = 0; j < data.frequency.length; j++) {
    const weight = data.weight[j] as number;
    (rows[Math.min(data.frequency[j] as number, top)] as CalibrationFitRow).actual += weight;
    const age = data.age[j] as number;
    ages.set(age, (ages.get(age) ?? 0) + weight);
  }
  for (const [age, count] of ages) {
    // Age 0: no time to repeat, so 0 repeat purchases for sure.
    const distribution = age > 0 ? v.fit.countDistribution(v.fit.parameters, top, age) : Float64Array.of(1);
    let below = 0;
    for (let k = 0; k < top && k < distribution.length; k++) {
      const p = distribution[k] as number;
      if (!(p >= 0))
        fail(fn, 'fit', `gives no probability of ${k} repeat purchases at age ${age}: check its parameters`);
      (rows[k] as CalibrationFitRow).expected += count * p;
      below += p;
    }
    (rows[top] as CalibrationFitRow).expected += count * Math.max(0, 1 - below);
  }
  for (const row of rows) finiteResult(fn, row.expected, 'fit');
  return rows;
}
