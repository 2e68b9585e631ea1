import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { nonNegative } from '../internal/rules';
import {
  decimalField,
  type MetricSchema,
  objectSchema,
  optionalDecimalField,
  parseInput,
  report,
} from '../internal/schema';

/**
 * Input of {@link referralValue}: the value of one customer and how many new
 * customers one customer brings, either directly (`referralsPerCustomer`) or
 * per purchase (`referralsPerPurchase` with `purchasesPerCustomer`).
 *
 * @expand
 * @category Customer lifetime value
 */
export interface ReferralValueOptions {
  /** Lifetime value of one customer, without referrals. */
  lifetimeValue: Numeric;
  /** New customers one customer brings over its lifetime, below 1. */
  referralsPerCustomer?: Numeric;
  /** New customers per purchase (1/7 for one new customer every 7 purchases). */
  referralsPerPurchase?: Numeric;
  /** Purchases one customer makes over its lifetime. */
  purchasesPerCustomer?: Numeric;
}

/**
 * Result of {@link referralValue}.
 *
 * @expand
 * @category Customer lifetime value
 */
export interface ReferralValueResult {
  /** New customers one customer brings directly (k). */
  directReferrals: Decimal;
  /** All customers that follow from one, through referrals of referrals: k / (1 - k). */
  totalReferredCustomers: Decimal;
  /** Lifetime value including every referred customer: CLV / (1 - k). */
  lifetimeValueWithReferrals: Decimal;
}

const schema = /* @__PURE__ */ buildReferralValueSchema();

/**
 * The zod schema {@link referralValue} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const referralValueSchema: MetricSchema = schema;

function buildReferralValueSchema() {
  return objectSchema(
    {
      lifetimeValue: decimalField(),
      referralsPerCustomer: optionalDecimalField(nonNegative),
      referralsPerPurchase: optionalDecimalField(nonNegative),
      purchasesPerCustomer: optionalDecimalField(nonNegative),
    },
    (v, ctx) => {
      const perPurchase = v.referralsPerPurchase !== undefined || v.purchasesPerCustomer !== undefined;
      if (v.referralsPerCustomer !== undefined && perPurchase) {
        return report(
          ctx,
          'referralsPerCustomer',
          'or referralsPerPurchase with purchasesPerCustomer is required, not both',
        );
      }
      if (v.referralsPerCustomer === undefined) {
        if (v.referralsPerPurchase === undefined) {
          return report(
            ctx,
            'referralsPerCustomer',
            'is required (or give referralsPerPurchase and purchasesPerCustomer)',
          );
        }
        if (v.purchasesPerCustomer === undefined) {
          return report(ctx, 'purchasesPerCustomer', 'is required with referralsPerPurchase');
        }
      }
      const k = v.referralsPerCustomer ?? (v.referralsPerPurchase as Decimal).times(v.purchasesPerCustomer as Decimal);
      if (k.gte(1)) {
        report(
          ctx,
          v.referralsPerCustomer === undefined ? 'referralsPerPurchase' : 'referralsPerCustomer',
          `${v.referralsPerCustomer === undefined ? 'x purchasesPerCustomer ' : ''}gives k = ${k} referred customers per customer; at 1 or more every customer replaces itself and the referral chain never ends, so the value is unbounded`,
        );
      }
    },
  );
}

/**
 * The value of referrals: how many customers one customer brings, through
 * referrals of referrals, and the lifetime value that includes them.
 *
 * @remarks
 * If each customer brings k new customers (k = referrals per purchase x
 * purchases per customer), and each of those brings k more, one customer leads
 * to the number of others on the first line below, and is worth the value on
 * the second.
 *
 * ```math
 * \begin{aligned}
 * k + k^2 + \cdots &= \frac{k}{1 - k}, \\
 * \text{CLV} \times (1 + k + k^2 + \cdots) &= \frac{\text{CLV}}{1 - k}
 * \end{aligned}
 * ```
 *
 * The series converges only for k < 1, which is checked. Referred customers are assumed worth the same CLV.
 *
 * Cost: O(1).
 *
 * @param options - the lifetime value and the referral rate.
 * @returns direct and total referred customers and the value including them.
 * @throws {@link MetricInputError} when k is 1 or more (the chain never ends),
 *   or when a field is missing or negative.
 * @see Claim [C09](../../docs/sources.md#c09), from a Persian forum post on repeat customers as the key to a start-up's growth.
 *
 * @example
 * ```ts
 * import { referralValue } from 'retention-metrics';
 *
 * // One new customer for every 7 rides; a customer takes 3.5 rides in its lifetime.
 * const r = referralValue({ lifetimeValue: 90, referralsPerPurchase: '0.142857142857142857', purchasesPerCustomer: 3.5 });
 * r.lifetimeValueWithReferrals.toFixed(2);
 * //=> '180.00'
 * ```
 *
 * @category Customer lifetime value
 */
export function referralValue(options: ReferralValueOptions): ReferralValueResult {
  const v = parseInput('referralValue', schema, options);
  const k = v.referralsPerCustomer ?? (v.referralsPerPurchase as Decimal).times(v.purchasesPerCustomer as Decimal);
  const keep = k.negated().plus(1);
  return {
    directReferrals: toResult(k),
    totalReferredCustomers: toResult(k.div(keep)),
    lifetimeValueWithReferrals: toResult(v.lifetimeValue.div(keep)),
  };
}
