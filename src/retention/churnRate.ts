import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { PERIOD_COUNTS_FIELDS } from '../internal/fields';
import { positiveCount, wholeCount } from '../internal/rules';
import { type MetricSchema, objectSchema, optionalDecimalField, parseInput, report } from '../internal/schema';

/**
 * Input of {@link churnRate}: either the customers lost during the period, or
 * the end and new-customer counts from which the loss follows (lost = S + N - E).
 *
 * @expand
 * @category Retention and churn
 */
export type ChurnRateOptions =
  | {
      /** Customers at the start of the period (S), a whole number greater than 0. */
      customersAtStart: Numeric;
      /** Customers lost during the period (L). */
      lostCustomers: Numeric;
      /** Customers at the end of the period; when given with newCustomers, must agree with lostCustomers. */
      customersAtEnd?: Numeric;
      /** Customers acquired during the period; when given with customersAtEnd, must agree with lostCustomers. */
      newCustomers?: Numeric;
    }
  | {
      /** Customers at the start of the period (S), a whole number greater than 0. */
      customersAtStart: Numeric;
      /** Customers at the end of the period (E), new customers included. */
      customersAtEnd: Numeric;
      /** Customers acquired during the period (N). */
      newCustomers: Numeric;
      /** Customers lost during the period; when given, must equal customersAtStart + newCustomers - customersAtEnd. */
      lostCustomers?: Numeric;
    };

const schema = /* @__PURE__ */ buildChurnRateSchema();

/**
 * The zod schema {@link churnRate} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const churnRateSchema: MetricSchema = schema;

function buildChurnRateSchema() {
  return objectSchema(
    {
      customersAtStart: optionalDecimalField(
        positiveCount(' (a churn rate needs customers at the start of the period)'),
      ),
      lostCustomers: optionalDecimalField(wholeCount),
      customersAtEnd: optionalDecimalField(wholeCount),
      newCustomers: optionalDecimalField(wholeCount),
    },
    (v, ctx) => {
      const { customersAtStart: s, lostCustomers, customersAtEnd: e, newCustomers: n } = v;
      if (s === undefined) return report(ctx, 'customersAtStart', 'is required');
      if (e === undefined && n === undefined && lostCustomers === undefined) {
        return report(ctx, 'lostCustomers', 'is required (or give customersAtEnd and newCustomers instead)');
      }
      if (lostCustomers === undefined && (e === undefined || n === undefined)) {
        return report(
          ctx,
          e === undefined ? 'customersAtEnd' : 'newCustomers',
          'is required when lostCustomers is not given',
        );
      }
      if (e !== undefined && n !== undefined) {
        const derived = s.plus(n).minus(e);
        if (derived.isNegative() && !derived.isZero()) {
          return report(
            ctx,
            'customersAtEnd',
            `must not exceed customersAtStart + newCustomers (${s.plus(n)}), got ${e}`,
          );
        }
        if (lostCustomers !== undefined && !lostCustomers.eq(derived)) {
          return report(
            ctx,
            'lostCustomers',
            `must equal customersAtStart + newCustomers - customersAtEnd (${derived}) when all four are given, got ${lostCustomers}`,
          );
        }
      }
      const lost = lostCustomers ?? s.plus(n as Decimal).minus(e as Decimal);
      if (lost.gt(s)) {
        report(
          ctx,
          lostCustomers === undefined ? 'newCustomers' : 'lostCustomers',
          `gives more customers lost (${lost}) than customersAtStart (${s}): new customers who left within the period are not starting customers; count only starting customers lost`,
        );
      }
    },
    // A periodCounts row passes straight in: its other fields are accepted, unknown ones refused.
    PERIOD_COUNTS_FIELDS,
  );
}

/**
 * Churn rate: the share of the customers at the start of a period who were
 * lost during it.
 *
 * @remarks
 * The churn rate is the first formula below. When L is not given it is
 * derived as in the second, so that churn = 1 - retention exactly. The
 * result is a fraction in [0, 1].
 *
 * ```math
 * \text{churn} = \frac{L}{S}, \qquad L = S + N - E
 * ```
 *
 * Cost: O(1).
 *
 * @param options - customers at the start and either `lostCustomers` or
 *   `customersAtEnd` with `newCustomers`.
 * @returns the churn rate as an exact Decimal fraction.
 * @throws {@link MetricInputError} when a count is missing, negative or not whole,
 *   when `customersAtStart` is 0, or when the counts contradict each other.
 * @see Formula [W03](../../docs/sources.md#w03), from the Persian web article "What is customer retention? + customer retention strategies".
 *
 * @example
 * ```ts
 * import { churnRate } from 'retention-metrics';
 *
 * churnRate({ customersAtStart: 100, lostCustomers: 10 }).toString();
 * //=> '0.1'
 * churnRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }).toString();
 * //=> '0.1'
 * ```
 *
 * @category Retention and churn
 */
export function churnRate(options: ChurnRateOptions): Decimal {
  const v = parseInput('churnRate', schema, options);
  const s = v.customersAtStart as Decimal;
  const lost = v.lostCustomers ?? s.plus(v.newCustomers as Decimal).minus(v.customersAtEnd as Decimal);
  return toResult(lost.div(s));
}
