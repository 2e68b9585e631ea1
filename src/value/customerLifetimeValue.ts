import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import {
  checkRetentionOrChurn,
  lifetimeOptionFields,
  lifetimeTerms,
  retentionOf,
  retentionOrChurnFields,
} from '../internal/fields';
import { lifetimeValue } from '../internal/lifetime';
import { decimalField, type MetricSchema, objectSchema, parseInput } from '../internal/schema';
import type { LifetimeOptions } from '../types';

/**
 * Input of {@link customerLifetimeValue}: the margin per period and either the
 * retention rate or the churn rate per period, with optional lifetime terms.
 *
 * @expand
 * @category Customer lifetime value
 */
export interface CustomerLifetimeValueOptions extends LifetimeOptions {
  /**
   * Contribution of one active customer in one period: revenue times gross
   * margin, minus the cost to serve. May be negative.
   */
  margin: Numeric;
  /** Retention rate per period, a fraction in [0, 1]. */
  retentionRate?: Numeric;
  /** Churn rate per period, a fraction in [0, 1] (1 - retentionRate). */
  churnRate?: Numeric;
}

const schema = /* @__PURE__ */ buildCustomerLifetimeValueSchema();

/**
 * The zod schema {@link customerLifetimeValue} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const customerLifetimeValueSchema: MetricSchema = schema;

function buildCustomerLifetimeValueSchema() {
  return objectSchema(
    { margin: decimalField(), ...retentionOrChurnFields(), ...lifetimeOptionFields() },
    (v, ctx) => void checkRetentionOrChurn(v, ctx),
  );
}

/**
 * Customer lifetime value (CLV): the expected, discounted margin a customer
 * brings over the whole relationship.
 *
 * @remarks
 * With margin m, retention r, discount rate d and margin growth g per period,
 * and timing `'start'` (default: margin paid at the start of every period
 * t = 0, 1, 2, ... while the customer is active):
 *
 * ```math
 * \begin{aligned}
 * \text{CLV} &= m \sum_{t=0}^{H-1} \left(\frac{r(1+g)}{1+d}\right)^t, \\
 * \text{CLV} &= \frac{m(1+d)}{1 + d - r(1+g)} \quad \text{for an unlimited horizon}
 * \end{aligned}
 * ```
 *
 * The unlimited form needs r(1+g) < 1 + d. With d = g = 0 this is m / churn.
 *
 * With timing `'end'` margins arrive at the end of periods t = 1, 2, ... from
 * customers who survived to them, as below (Gupta and Lehmann 2003).
 *
 * ```math
 * \begin{aligned}
 * \text{CLV} &= m \sum_{t=1}^{H} \frac{(1+g)^{t-1} r^t}{(1+d)^t}, \\
 * \text{CLV} &= \frac{m r}{1 + d - r(1+g)} \quad \text{unlimited}
 * \end{aligned}
 * ```
 *
 * The result is exact up to 34 significant digits.
 *
 * Cost: O(log H) multiplications.
 *
 * @param options - margin, retention (or churn) and optional lifetime terms.
 * @returns the lifetime value per customer, in the margin's currency.
 * @throws {@link MetricInputError} when a field is missing or out of range, or
 *   when an unlimited horizon makes the value infinite.
 * @see Gupta, S. and Lehmann, D. R. (2003), Customers as assets, Journal of Interactive Marketing 17(1).
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'retention-metrics';
 *
 * customerLifetimeValue({ margin: 100, retentionRate: 0.8 }).toString();
 * //=> '500'
 * customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1 }).toString();
 * //=> '440'
 * customerLifetimeValue({ margin: 100, churnRate: 0.5, periods: 3 }).toString();
 * //=> '175'
 * ```
 *
 * @category Customer lifetime value
 */
export function customerLifetimeValue(options: CustomerLifetimeValueOptions): Decimal {
  const v = parseInput('customerLifetimeValue', schema, options);
  const field = v.retentionRate === undefined ? 'churnRate' : 'retentionRate';
  return toResult(lifetimeValue('customerLifetimeValue', lifetimeTerms(v.margin, retentionOf(v), v), field));
}
