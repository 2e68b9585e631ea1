import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { PERIOD_COUNTS_FIELDS } from '../internal/fields';
import { positiveCount, wholeCount } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput, report } from '../internal/schema';

/**
 * Input of {@link retentionRate}: customer counts for one period.
 *
 * @expand
 * @category Retention and churn
 */
export interface RetentionRateOptions {
  /** Customers at the start of the period (S), a whole number greater than 0. */
  customersAtStart: Numeric;
  /** Customers at the end of the period (E), new customers included. */
  customersAtEnd: Numeric;
  /** Customers acquired during the period (N) who are counted in `customersAtEnd`. */
  newCustomers: Numeric;
}

const schema = /* @__PURE__ */ buildRetentionRateSchema();

/**
 * The zod schema {@link retentionRate} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const retentionRateSchema: MetricSchema = schema;

function buildRetentionRateSchema() {
  return objectSchema(
    {
      customersAtStart: decimalField(
        positiveCount(
          ' (a retention rate needs customers at the start; for a new business, start from its first period)',
        ),
      ),
      customersAtEnd: decimalField(wholeCount),
      newCustomers: decimalField(wholeCount),
    },
    (v, ctx) => {
      if (v.newCustomers.gt(v.customersAtEnd)) {
        report(
          ctx,
          'newCustomers',
          `must not exceed customersAtEnd (${v.customersAtEnd}), got ${v.newCustomers}: when new customers also left within the period, count the starting customers still active and use churnRate with lostCustomers`,
        );
      } else if (v.customersAtEnd.minus(v.newCustomers).gt(v.customersAtStart)) {
        report(
          ctx,
          'customersAtEnd',
          `minus newCustomers (${v.customersAtEnd.minus(v.newCustomers)}) must not exceed customersAtStart (${v.customersAtStart}): more customers retained than there were at the start means a count is missing from newCustomers`,
        );
      }
    },
    // A periodCounts row passes straight in: its other fields are accepted, unknown ones refused.
    PERIOD_COUNTS_FIELDS,
  );
}

/**
 * Customer retention rate (CRR): the share of the customers at the start of a
 * period who are still customers at its end.
 *
 * @remarks
 * CRR is as below, with S customers at the start, E at the end and N new
 * customers acquired during the period.
 *
 * ```math
 * \text{CRR} = \frac{E - N}{S}
 * ```
 *
 * New customers are taken out of the end
 * count, so acquisition cannot hide churn. The result is a fraction in [0, 1];
 * multiply by 100 for a percent (`rate.times(100).toFixed(1) + ' %'`).
 *
 * The formula counts every new customer who left within the same period as a
 * lost starting customer; when that matters, count retained starting
 * customers directly.
 *
 * Cost: O(1).
 *
 * @param options - customer counts for the period.
 * @returns the retention rate as an exact Decimal fraction.
 * @throws {@link MetricInputError} when a count is missing, negative or not whole,
 *   when `customersAtStart` is 0, or when the counts contradict each other.
 * @see Worked example [W01](../../docs/sources.md#w01), from a Persian web article on keeping customers and their satisfaction in the long run, and formula [W02](../../docs/sources.md#w02), from the Persian web article "What is customer retention? + customer retention strategies".
 *
 * @example
 * ```ts
 * import { retentionRate } from 'retention-metrics';
 *
 * // 100 customers at the start, 20 won and 10 lost during the year: 110 at the end.
 * retentionRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }).toString();
 * //=> '0.9'
 * ```
 *
 * @category Retention and churn
 */
export function retentionRate(options: RetentionRateOptions): Decimal {
  const v = parseInput('retentionRate', schema, options);
  return toResult(v.customersAtEnd.minus(v.newCustomers).div(v.customersAtStart));
}
