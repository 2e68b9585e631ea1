import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { decimalField, fail, type MetricSchema, objectSchema, parseInput, report } from '../internal/schema';
import type { LifetimeOptions } from '../types';
import { profitFields, valueAt } from './profitTerms';

/**
 * Input of {@link acquisitionCostForProfitChange}.
 *
 * @expand
 * @category Retention and profit
 */
export interface AcquisitionCostForProfitChangeOptions extends LifetimeOptions {
  /** Retention rate per period today, a fraction in [0, 1]. */
  retentionRate: Numeric;
  /** Change in retention, in points (0.05 for 5 points), greater than 0. */
  retentionLift: Numeric;
  /** The relative profit change the lift should bring: 0.95 for +95 %. Greater than 0. */
  targetChange: Numeric;
  /** Margin of one active customer per period, greater than 0. */
  margin: Numeric;
}

const schema = /* @__PURE__ */ buildAcquisitionCostForProfitChangeSchema();

/**
 * The zod schema {@link acquisitionCostForProfitChange} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const acquisitionCostForProfitChangeSchema: MetricSchema = schema;

function buildAcquisitionCostForProfitChangeSchema() {
  const { acquisitionCost: _unused, ...fields } = profitFields();
  return objectSchema({ ...fields, retentionLift: decimalField(), targetChange: decimalField() }, (v, ctx) => {
    const lifted = v.retentionRate.plus(v.retentionLift);
    if (!v.retentionLift.isPositive() || v.retentionLift.isZero() || lifted.gt(1)) {
      report(ctx, 'retentionLift', `must be greater than 0 and keep retention at most 1, got ${v.retentionLift}`);
    } else if (!v.targetChange.isPositive() || v.targetChange.isZero()) {
      report(ctx, 'targetChange', `must be greater than 0 (a lift raises profit), got ${v.targetChange}`);
    } else if (!v.margin.isPositive() || v.margin.isZero()) {
      report(ctx, 'margin', `must be greater than 0, got ${v.margin}`);
    }
  });
}

/**
 * The acquisition cost per customer at which a given retention lift changes
 * profit by a target share: the scenario behind claims such as "5 % more
 * retention, 95 % more profit".
 *
 * @remarks
 * Profit per acquired customer is CLV(r) - A. A lift raises it by
 * CLV(r + lift) - CLV(r), whatever A is, so the relative change grows as A
 * eats into today's profit, as on the first line below. Solved for A, on the
 * second line, the solution with today's profit positive.
 *
 * ```math
 * \begin{aligned}
 * \text{change} &= \frac{\text{CLV}(r + \text{lift}) - \text{CLV}(r)}{\text{CLV}(r) - A}, \\
 * A &= \text{CLV}(r) - \frac{\text{CLV}(r + \text{lift}) - \text{CLV}(r)}{\text{targetChange}}
 * \end{aligned}
 * ```
 *
 * A target below the change without
 * acquisition cost cannot be reached with A >= 0 and is an input error.
 *
 * Cost: O(log H) multiplications.
 *
 * @param options - today's retention, the lift, the target change, the margin and lifetime terms.
 * @returns the acquisition cost per customer.
 * @throws {@link MetricInputError} when no acquisition cost of 0 or more gives the target.
 * @see Claims [C01](../../docs/sources.md#c01), which three Persian web articles credit to Bain & Company, and [C02](../../docs/sources.md#c02), from a Persian forum post on repeat customers as the key to a start-up's growth.
 *
 * @example
 * ```ts
 * import { acquisitionCostForProfitChange } from 'retention-metrics';
 *
 * // With a 10 % discount rate, +5 points of retention from 0.85 gives +125 % profit
 * // when acquiring a customer costs 352 (3.52 periods of margin).
 * acquisitionCostForProfitChange({
 *   retentionRate: 0.85, retentionLift: 0.05, targetChange: 1.25, margin: 100, discountRate: 0.1,
 * }).toString();
 * //=> '352'
 * ```
 *
 * @category Retention and profit
 */
export function acquisitionCostForProfitChange(options: AcquisitionCostForProfitChangeOptions): Decimal {
  const fn = 'acquisitionCostForProfitChange';
  const v = parseInput(fn, schema, options);
  const base = valueAt(fn, v, v.retentionRate);
  const lifted = valueAt(fn, v, v.retentionRate.plus(v.retentionLift), 'retentionLift');
  const gain = lifted.minus(base);
  const cost = base.minus(gain.div(v.targetChange));
  if (cost.isNegative() && !cost.isZero()) {
    fail(
      fn,
      'targetChange',
      `${v.targetChange} is below the change with no acquisition cost (${toResult(gain.div(base))}); an acquisition cost only makes the change larger`,
    );
  }
  return toResult(cost);
}
