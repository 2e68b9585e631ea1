import * as z from 'zod/mini';
import { MetricInputError } from '../../internal/errors';
import { describeValue } from '../../internal/numeric';
import { type MetricSchema, objectSchema } from '../../internal/schema';
import { nonNegativeNumber, numberField, optionalNumberField, parametersField } from '../internal/inputs';
import { parseModelCall, readOptions } from '../internal/modelCall';
import { type BgNbdParameters, conditionalExpectedPurchases, purchaseCountDistribution } from './bgNbdMath';
import { readFrequencyRecency } from './summaryData';

/** One bar of the calibration chart: customers with a given number of repeat purchases. */
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

/** One row of the holdout comparison: customers grouped by calibration frequency. */
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

function rowsField() {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): unknown[] => {
      const rows = Array.isArray(value)
        ? value
        : typeof value === 'object' && value !== null && Array.isArray((value as { customers?: unknown }).customers)
          ? ((value as { customers: unknown[] }).customers as unknown[])
          : undefined;
      const read = rows === undefined ? undefined : readFrequencyRecency(rows);
      if (rows === undefined || read === undefined || Array.isArray(read)) {
        const [path, message] = Array.isArray(read)
          ? read
          : [[], `must be an array of customer summaries (or an rfmSummary result), got ${describeValue(value)}`];
        ctx.issues.push({ code: 'custom', message, input: value, path });
        return [];
      }
      return rows;
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

/** The zod schema {@link bgNbdCalibrationFit} validates its arguments with. */
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
 */
export function bgNbdCalibrationFit(
  parameters: BgNbdParameters,
  customers:
    | ReadonlyArray<{ frequency: number; recency: number; age: number }>
    | { customers: ReadonlyArray<{ frequency: number; recency: number; age: number }> },
  options: { maxFrequency?: number } = {},
): CalibrationFitRow[] {
  const v = parseModelCall('bgNbdCalibrationFit', calibrationSchema, parameters, {
    ...readOptions('bgNbdCalibrationFit', options),
    customers,
  });
  const top = v.maxFrequency ?? 7;
  const rows: CalibrationFitRow[] = [];
  for (let k = 0; k <= top; k++) rows.push({ frequency: k, orMore: k === top, actual: 0, expected: 0 });
  // Customers of one age share one distribution: count them by age, then one pass of O(maxFrequency) per age.
  const ages = new Map<number, number>();
  for (const customer of v.customers as Array<{ frequency: number; age: number }>) {
    (rows[Math.min(customer.frequency, top)] as CalibrationFitRow).actual++;
    ages.set(customer.age, (ages.get(customer.age) ?? 0) + 1);
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
  return rows;
}

const holdoutSchema = /* @__PURE__ */ buildHoldoutSchema();
function buildHoldoutSchema() {
  return objectSchema({
    parameters: parametersField(['r', 'alpha', 'a', 'b'] as const),
    customers: rowsField(),
    horizon: numberField(nonNegativeNumber),
    maxFrequency: optionalNumberField(maxFrequencyRule),
  });
}

/** The zod schema {@link bgNbdHoldoutComparison} validates its arguments with. */
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
 */
export function bgNbdHoldoutComparison(
  parameters: BgNbdParameters,
  customers:
    | ReadonlyArray<{ frequency: number; recency: number; age: number; holdoutPurchases?: number }>
    | { customers: ReadonlyArray<{ frequency: number; recency: number; age: number; holdoutPurchases?: number }> },
  options: { horizon: number; maxFrequency?: number },
): HoldoutComparisonRow[] {
  const v = parseModelCall('bgNbdHoldoutComparison', holdoutSchema, parameters, {
    ...readOptions('bgNbdHoldoutComparison', options),
    customers,
  });
  const top = v.maxFrequency ?? 7;
  const sums = Array.from({ length: top + 1 }, () => ({ customers: 0, actual: 0, expected: 0 }));
  const list = v.customers as Array<{ frequency: number; recency: number; age: number; holdoutPurchases?: unknown }>;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as (typeof list)[number];
    if (typeof c.holdoutPurchases !== 'number' || !Number.isInteger(c.holdoutPurchases) || c.holdoutPurchases < 0) {
      throw holdoutError(i, c.holdoutPurchases);
    }
    const group = sums[Math.min(c.frequency, top)] as { customers: number; actual: number; expected: number };
    group.customers++;
    group.actual += c.holdoutPurchases;
    group.expected += conditionalExpectedPurchases(
      v.parameters,
      c.frequency,
      c.recency,
      c.age,
      v.horizon,
      'bgNbdHoldoutComparison',
    );
  }
  return sums.map((s, k) => ({
    frequency: k,
    orMore: k === top,
    customers: s.customers,
    actualMean: s.customers === 0 ? 0 : s.actual / s.customers,
    expectedMean: s.customers === 0 ? 0 : s.expected / s.customers,
  }));
}

function holdoutError(index: number, value: unknown): MetricInputError {
  return new MetricInputError(
    'bgNbdHoldoutComparison',
    `customers[${index}].holdoutPurchases`,
    `must be a whole number of holdout purchases (summarise with a holdoutEnd), got ${describeValue(value)}`,
  );
}
