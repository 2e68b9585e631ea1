import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { checkRetentionOrChurn, retentionOf, retentionOrChurnFields } from '../internal/fields';
import { positive } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput } from '../internal/schema';

/**
 * Input of {@link convertRatePeriod}. Give `retentionRate` or `churnRate`.
 *
 * @expand
 * @category Retention and churn
 */
export interface ConvertRatePeriodOptions {
  /** Retention rate per period of length `fromPeriodLength`, a fraction in [0, 1]. */
  retentionRate?: Numeric;
  /** Churn rate per period of length `fromPeriodLength`, a fraction in [0, 1]. */
  churnRate?: Numeric;
  /** Length of the period the given rate is measured over (1 for a month, say). */
  fromPeriodLength: Numeric;
  /** Length of the period to convert to, in the same unit (12 for a year of months). */
  toPeriodLength: Numeric;
}

/**
 * Result of {@link convertRatePeriod}: the same behaviour over the new period length.
 *
 * @expand
 * @category Retention and churn
 */
export interface ConvertRatePeriodResult {
  /** Retention rate over a period of length `toPeriodLength`. */
  retentionRate: Decimal;
  /** Churn rate over a period of length `toPeriodLength` (1 - retentionRate). */
  churnRate: Decimal;
}

const schema = /* @__PURE__ */ buildConvertRatePeriodSchema();

/**
 * The zod schema {@link convertRatePeriod} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const convertRatePeriodSchema: MetricSchema = schema;

function buildConvertRatePeriodSchema() {
  return objectSchema(
    {
      ...retentionOrChurnFields(),
      fromPeriodLength: decimalField(positive()),
      toPeriodLength: decimalField(positive()),
    },
    (v, ctx) => void checkRetentionOrChurn(v, ctx),
  );
}

/**
 * Converts a retention or churn rate from one period length to another,
 * assuming the same chance of staying in every sub-period.
 *
 * @remarks
 * ```math
 * r_{\text{to}} = r_{\text{from}}^{\,\text{toPeriodLength} / \text{fromPeriodLength}}
 * ```
 *
 * Churn does not add up across periods: a monthly churn of 2 % is an annual
 * retention of 0.98^12 = 0.7847 (annual churn 21.53 %), not
 * 1 - 12 x 0.02 = 76 %.
 * The result is exact when the ratio of lengths is a whole number; otherwise
 * it is correctly rounded to 34 significant digits.
 *
 * Cost: O(log k) multiplications for a whole ratio k.
 *
 * @param options - the rate and the two period lengths, in one unit.
 * @returns retention and churn over the new period length.
 * @throws {@link MetricInputError} when neither rate is given, a rate lies
 *   outside [0, 1], or a length is not greater than 0.
 *
 * @example
 * ```ts
 * import { convertRatePeriod } from 'retention-metrics';
 *
 * // Monthly churn of 2 % as an annual rate.
 * const annual = convertRatePeriod({ churnRate: 0.02, fromPeriodLength: 1, toPeriodLength: 12 });
 * annual.retentionRate.toString();
 * //=> '0.784716723734800033386496'
 * ```
 *
 * @category Retention and churn
 */
export function convertRatePeriod(options: ConvertRatePeriodOptions): ConvertRatePeriodResult {
  const v = parseInput('convertRatePeriod', schema, options);
  const r = retentionOf(v);
  const exponent = v.toPeriodLength.div(v.fromPeriodLength);
  const converted = r.isZero() ? r : r.pow(exponent);
  return { retentionRate: toResult(converted), churnRate: toResult(converted.negated().plus(1)) };
}
