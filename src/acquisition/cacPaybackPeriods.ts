import { type Decimal, Exact, type Numeric, toResult } from '../internal/decimal';
import { lifetimeOptionFields, lifetimeTerms, retentionOrChurnFields } from '../internal/fields';
import { type LifetimeTerms, lifetimeValue } from '../internal/lifetime';
import { nonNegative, positive } from '../internal/rules';
import { decimalField, type MetricSchema, objectSchema, parseInput, report } from '../internal/schema';
import type { LifetimeOptions } from '../types';

/**
 * Input of {@link cacPaybackPeriods}. With a retention (or churn) rate the
 * result also counts the periods a customer needs, on average, to pay back.
 *
 * @expand
 * @category Acquisition cost
 */
export interface CacPaybackPeriodsOptions extends Omit<LifetimeOptions, 'periods'> {
  /** Cost of acquiring one customer, at least 0. */
  acquisitionCost: Numeric;
  /** Margin of one active customer per period, greater than 0. */
  margin: Numeric;
  /** Retention rate per period, for the retention-adjusted payback. */
  retentionRate?: Numeric;
  /** Churn rate per period (1 - retentionRate), for the retention-adjusted payback. */
  churnRate?: Numeric;
}

/**
 * Result of {@link cacPaybackPeriods}.
 *
 * @expand
 * @category Acquisition cost
 */
export interface CacPaybackPeriodsResult {
  /** acquisitionCost / margin: periods of margin from a customer who never leaves, undiscounted. */
  periods: Decimal;
  /**
   * The whole number of periods after which the expected (discounted) margin of
   * a new customer first covers the acquisition cost, counting churn; `null`
   * when it never does (the lifetime value does not exceed the cost). Present
   * only when a retention or churn rate is given.
   */
  retentionAdjustedPeriods?: Decimal | null;
}

const schema = /* @__PURE__ */ buildCacPaybackPeriodsSchema();

/**
 * The zod schema {@link cacPaybackPeriods} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const cacPaybackPeriodsSchema: MetricSchema = schema;

function buildCacPaybackPeriodsSchema() {
  const { periods: _unused, ...lifetime } = lifetimeOptionFields();
  return objectSchema(
    {
      acquisitionCost: decimalField(nonNegative),
      margin: decimalField(positive(' (a customer who brings no margin never pays back its acquisition cost)')),
      ...retentionOrChurnFields(),
      ...lifetime,
    },
    (v, ctx) => {
      if (v.retentionRate !== undefined && v.churnRate !== undefined && !v.retentionRate.plus(v.churnRate).eq(1)) {
        report(ctx, 'churnRate', `must equal 1 - retentionRate when both are given, got ${v.churnRate}`);
      }
    },
  );
}

/** Smallest whole k with lifetime value over k periods >= cost, or null when none exists. */
function paybackPeriods(terms: LifetimeTerms, cost: Decimal): Decimal | null {
  if (cost.isZero()) return new Exact(0);
  const reaches = (k: Decimal): boolean => {
    try {
      return lifetimeValue('cacPaybackPeriods', { ...terms, periods: k }).gte(cost);
    } catch {
      // Over a finite horizon lifetimeValue refuses only a value too large to represent
      // (margins outgrowing the discount over ~1e16 periods): that exceeds every cost.
      return true;
    }
  };
  const one = new Exact(1);
  if (reaches(one)) return one;
  const a = terms.retentionRate.times(terms.marginGrowth.plus(1));
  // With r(1+g) < 1+d the value over k periods rises towards a finite limit,
  // reached only in the limit: if the limit does not exceed the cost, never.
  if (a.lt(terms.discountRate.plus(1))) {
    const unlimited = lifetimeValue('cacPaybackPeriods', { ...terms, periods: undefined });
    if (unlimited.lte(cost)) return null;
  }
  // Exponential search for an upper bound, then bisection on whole numbers:
  // O(log k) evaluations, for k as large as the cost requires.
  let low = one;
  let high = new Exact(2);
  while (!reaches(high)) {
    low = high;
    high = high.times(2);
  }
  while (high.minus(low).gt(1)) {
    const middle = low.plus(high).div(2).floor();
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * CAC payback: how long it takes a customer's margin to repay the cost of
 * acquiring it.
 *
 * @remarks
 * The simple payback is the number of periods below, the figure usually
 * quoted for subscription businesses; it ignores churn and discounting.
 *
 * ```math
 * \text{simple payback} = \frac{\text{acquisitionCost}}{\text{margin}}
 * ```
 *
 * With a retention rate r (and optionally a discount rate, margin growth and
 * timing, as in customerLifetimeValue), the retention-adjusted payback is the
 * smallest whole number of periods k for which the expected discounted margin
 * of a new customer over k periods, CLV(periods = k), reaches the cost. It is
 * `null` when even the unlimited lifetime value falls short.
 *
 * Cost: O(1) for the simple payback; O(log k) lifetime-value evaluations for
 * the retention-adjusted one.
 *
 * @param options - acquisition cost, margin per period, and optionally the retention terms.
 * @returns the simple payback in periods, and the retention-adjusted one when asked.
 * @throws {@link MetricInputError} when the margin is not greater than 0 or a field is out of range.
 *
 * @example
 * ```ts
 * import { cacPaybackPeriods } from 'retention-metrics';
 *
 * const payback = cacPaybackPeriods({ acquisitionCost: 300, margin: 40, retentionRate: 0.9 });
 * payback.periods.toString();
 * //=> '7.5'
 * payback.retentionAdjustedPeriods?.toString();
 * //=> '14'
 * ```
 *
 * @category Acquisition cost
 */
export function cacPaybackPeriods(options: CacPaybackPeriodsOptions): CacPaybackPeriodsResult {
  const v = parseInput('cacPaybackPeriods', schema, options);
  const result: CacPaybackPeriodsResult = { periods: toResult(v.acquisitionCost.div(v.margin)) };
  const r = v.retentionRate ?? v.churnRate?.negated().plus(1);
  if (r !== undefined) {
    const adjusted = paybackPeriods(lifetimeTerms(v.margin, r, { ...v, periods: undefined }), v.acquisitionCost);
    result.retentionAdjustedPeriods = adjusted === null ? null : toResult(adjusted);
  }
  return result;
}
