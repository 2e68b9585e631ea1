import * as z from 'zod/mini';
import { MetricInputError } from '../../internal/errors';
import { type MetricSchema, objectSchema } from '../../internal/schema';
import { nonNegativeNumber, numberField, optionalNumberField, parametersField } from '../internal/inputs';
import { finiteResult, parseModelCall } from '../internal/modelCall';
import { type BgNbdParameters, conditionalExpectedPurchases, purchaseCountDistribution } from './bgNbdMath';
import { type FrequencyRecencyData, readFrequencyRecency } from './summaryData';

/**
 * One bar of the calibration chart: customers with a given number of repeat purchases.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface CalibrationFitRow {
  /** Repeat purchases; the last row counts this many or more. */
  frequency: number;
  /** Whether this row is the open-ended last one ("7 or more"). */
  orMore: boolean;
  /** Customers observed with this many repeat purchases. */
  actual: number;
  /** Customers the model expects with this many, given each customer's age. */
  expected: number;
}

/**
 * One row of the holdout comparison: customers grouped by calibration frequency.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface HoldoutComparisonRow {
  /** Repeat purchases in calibration; the last row counts this many or more. */
  frequency: number;
  /** Whether this row is the open-ended last one. */
  orMore: boolean;
  /** Customers in the group. */
  customers: number;
  /** Mean purchases per customer observed in the holdout period. */
  actualMean: number;
  /** Mean purchases per customer the model expects over the holdout period. */
  expectedMean: number;
}

const maxFrequencyRule = (v: number) =>
  Number.isInteger(v) && v >= 1 && v <= 1000 ? undefined : `must be a whole number from 1 to 1000, got ${v}`;

function rowsField(holdoutColumn?: 'holdoutPurchases') {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): FrequencyRecencyData => {
      const read = readFrequencyRecency(value, holdoutColumn);
      if (!Array.isArray(read)) return read;
      const [path, message] = read;
      ctx.issues.push({ code: 'custom', message, input: value, path });
      return undefined as unknown as FrequencyRecencyData;
    }),
  );
}

const calibrationSchema = /* @__PURE__ */ buildCalibrationSchema();
function buildCalibrationSchema() {
  return objectSchema({
    parameters: parametersField(['r', 'alpha', 'a', 'b'] as const),
    customers: rowsField(),
    maxFrequency: optionalNumberField(maxFrequencyRule),
  });
}

/**
 * The zod schema {@link bgNbdCalibrationFit} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgNbdCalibrationFitSchema: MetricSchema = calibrationSchema;

/**
 * How well a BG/NBD fit reproduces the calibration data: for each number of
 * repeat purchases 0, 1, ..., maxFrequency or more, the customers observed
 * and the customers the model expects (sum over customers of
 * P(X(T_i) = k) at each one's own age T_i). Data for the usual fit chart.
 *
 * @remarks Cost: O(customers + distinct ages x maxFrequency): customers of the
 * same age share one distribution, computed in one pass over the buckets.
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param customers - the calibration summaries the model was fitted on.
 * @param options - the last, open-ended bucket (default 7: "7 or more").
 * @returns one row per bucket.
 * @throws {@link MetricInputError} when a parameter or a summary is invalid.
 *
 * @example
 * ```ts
 * import { bgNbdCalibrationFit } from 'retention-metrics';
 *
 * const rows = bgNbdCalibrationFit({ r: 1, alpha: 1, a: 1, b: 1 }, [{ frequency: 0, recency: 0, age: 1 }], { maxFrequency: 1 });
 * rows.map((row) => row.expected.toFixed(6));
 * //=> ['0.500000', '0.500000']
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdCalibrationFit(
  parameters: BgNbdParameters,
  customers:
    | ReadonlyArray<{ frequency: number; recency: number; age: number }>
    | { customers: ReadonlyArray<{ frequency: number; recency: number; age: number }> },
  options: { maxFrequency?: number } = {},
): CalibrationFitRow[] {
  const v = parseModelCall('bgNbdCalibrationFit', calibrationSchema, parameters, options, { customers });
  const top = v.maxFrequency ?? 7;
  const rows: CalibrationFitRow[] = [];
  for (let k = 0; k <= top; k++) rows.push({ frequency: k, orMore: k === top, actual: 0, expected: 0 });
  // Customers of one age share one distribution: count them by age, then one pass of O(maxFrequency) per age.
  const ages = new Map<number, number>();
  const data = v.customers;
  for (let j = 0; j < data.frequency.length; j++) {
    const weight = data.weight[j] as number;
    (rows[Math.min(data.frequency[j] as number, top)] as CalibrationFitRow).actual += weight;
    const age = data.age[j] as number;
    ages.set(age, (ages.get(age) ?? 0) + weight);
  }
  for (const [age, customers] of ages) {
    const distribution = age > 0 ? purchaseCountDistribution(v.parameters, top, age) : Float64Array.of(1);
    let below = 0;
    for (let k = 0; k < top && k < distribution.length; k++) {
      (rows[k] as CalibrationFitRow).expected += customers * (distribution[k] as number);
      below += distribution[k] as number;
    }
    (rows[top] as CalibrationFitRow).expected += customers * Math.max(0, 1 - below);
  }
  for (const row of rows) finiteResult('bgNbdCalibrationFit', row.expected);
  return rows;
}

const holdoutSchema = /* @__PURE__ */ buildHoldoutSchema();
function buildHoldoutSchema() {
  return objectSchema({
    parameters: parametersField(['r', 'alpha', 'a', 'b'] as const),
    customers: rowsField('holdoutPurchases'),
    horizon: numberField(nonNegativeNumber),
    maxFrequency: optionalNumberField(maxFrequencyRule),
  });
}

/**
 * The zod schema {@link bgNbdHoldoutComparison} validates its arguments with.
 *
 * @category Input schemas (zod)
 */
export const bgNbdHoldoutComparisonSchema: MetricSchema = holdoutSchema;

/**
 * Calibration/holdout check of a BG/NBD fit: customers grouped by their
 * calibration frequency (0 to maxFrequency or more), with the mean number of
 * purchases each group made in the holdout period and the mean the model
 * expects (E[Y(horizon) | x, t_x, T]). Data for the conditional-expectations chart.
 *
 * @remarks Cost: O(customers) expected-purchase evaluations.
 * @param parameters - `{ r, alpha, a, b }`, for example a {@link fitBgNbd} result.
 * @param customers - summaries with `holdoutPurchases` (rfmSummary with a holdout end).
 * @param options - the holdout length in time units, and the last bucket (default 7).
 * @returns one row per frequency group.
 * @throws {@link MetricInputError} when a customer has no `holdoutPurchases`, or a parameter or summary is invalid.
 *
 * @example
 * ```ts
 * import { bgNbdHoldoutComparison } from 'retention-metrics';
 *
 * const fit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * const rows = bgNbdHoldoutComparison(fit, [{ frequency: 2, recency: 30.43, age: 38.86, holdoutPurchases: 1 }], { horizon: 39 });
 * rows[2]?.expectedMean.toFixed(3);
 * //=> '1.226'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function bgNbdHoldoutComparison(
  parameters: BgNbdParameters,
  customers:
    | ReadonlyArray<{ frequency: number; recency: number; age: number; holdoutPurchases?: number }>
    | { customers: ReadonlyArray<{ frequency: number; recency: number; age: number; holdoutPurchases?: number }> },
  options: { horizon: number; maxFrequency?: number },
): HoldoutComparisonRow[] {
  const v = parseModelCall('bgNbdHoldoutComparison', holdoutSchema, parameters, options, { customers });
  const top = v.maxFrequency ?? 7;
  const sums = Array.from({ length: top + 1 }, () => ({ customers: 0, actual: 0, expected: 0 }));
  const { frequency, recency, age, holdout } = v.customers.rows;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i] as number;
    const group = sums[Math.min(x, top)] as { customers: number; actual: number; expected: number };
    group.customers++;
    group.actual += (holdout as Float64Array)[i] as number;
    group.expected += conditionalExpectedPurchases(
      v.parameters,
      x,
      recency[i] as number,
      age[i] as number,
      v.horizon,
      'bgNbdHoldoutComparison',
    );
  }
  for (const group of sums) finiteResult('bgNbdHoldoutComparison', group.expected, 'parameters and horizon');
  return sums.map((s, k) => ({
    frequency: k,
    orMore: k === top,
    customers: s.customers,
    actualMean: s.customers === 0 ? 0 : s.actual / s.customers,
    expectedMean: s.customers === 0 ? 0 : s.expected / s.customers,
  }));
}
