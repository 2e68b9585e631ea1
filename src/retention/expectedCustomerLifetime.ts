import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { checkRetentionOrChurn, retentionOf, retentionOrChurnFields } from '../internal/fields';
import { type MetricSchema, objectSchema, parseInput, report } from '../internal/schema';

/**
 * Input of {@link expectedCustomerLifetime}. Give `churnRate` or `retentionRate`, per period.
 *
 * @expand
 * @category Retention and churn
 */
export interface ExpectedCustomerLifetimeOptions {
  /** Churn rate per period, a fraction in (0, 1]. */
  churnRate?: Numeric;
  /** Retention rate per period, a fraction in [0, 1). */
  retentionRate?: Numeric;
}

const schema = /* @__PURE__ */ buildExpectedCustomerLifetimeSchema();

/**
 * The zod schema {@link expectedCustomerLifetime} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const expectedCustomerLifetimeSchema: MetricSchema = schema;

function buildExpectedCustomerLifetimeSchema() {
  return objectSchema(retentionOrChurnFields(), (v, ctx) => {
    if (checkRetentionOrChurn(v, ctx) && retentionOf(v).eq(1)) {
      report(
        ctx,
        v.churnRate === undefined ? 'retentionRate' : 'churnRate',
        'describes customers who never leave, whose expected lifetime is unlimited; give a churn rate above 0',
      );
    }
  });
}

/**
 * Expected customer lifetime in periods: how many periods a new customer stays
 * on average when a constant share leaves every period.
 *
 * @remarks
 * The lifetime below is the mean of a geometric distribution that counts the
 * period of acquisition as the first.
 *
 * ```math
 * \text{lifetime} = \frac{1}{\text{churn}} = \frac{1}{1 - \text{retention}}
 * ```
 *
 * A monthly churn of 5 % gives 20 months.
 *
 * Cost: O(1).
 *
 * @param options - the churn or retention rate per period.
 * @returns the expected number of periods as a Decimal.
 * @throws {@link MetricInputError} when the rate is missing, outside [0, 1],
 *   or describes customers who never leave.
 *
 * @example
 * ```ts
 * import { expectedCustomerLifetime } from 'retention-metrics';
 *
 * expectedCustomerLifetime({ churnRate: 0.05 }).toString();
 * //=> '20'
 * ```
 *
 * @category Retention and churn
 */
export function expectedCustomerLifetime(options: ExpectedCustomerLifetimeOptions): Decimal {
  const v = parseInput('expectedCustomerLifetime', schema, options);
  return toResult(retentionOf(v).negated().plus(1).pow(-1));
}
