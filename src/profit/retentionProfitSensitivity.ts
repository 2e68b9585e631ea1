import { type Decimal, type Numeric, toResult } from '../internal/decimal';
import { positive, positiveCount } from '../internal/rules';
import {
  decimalField,
  type MetricSchema,
  objectSchema,
  optionalDecimalField,
  parseInput,
  report,
} from '../internal/schema';
import type { LifetimeOptions } from '../types';
import { profitAt, profitFields, zeroProfit } from './profitTerms';

/**
 * Input of {@link retentionProfitSensitivity}.
 *
 * @expand
 * @category Retention and profit
 */
export interface RetentionProfitSensitivityOptions extends LifetimeOptions {
  /** Retention rate per period today, a fraction in [0, 1]. */
  retentionRate: Numeric;
  /** Change in retention, in points of retention: 0.05 takes 0.85 to 0.90. May be negative. */
  retentionLift: Numeric;
  /** Margin of one active customer per period. */
  margin: Numeric;
  /** Cost of acquiring one customer, at least 0. Default 0. */
  acquisitionCost?: Numeric;
  /**
   * Costs to compare the profit gain with, for `costCutEquivalent`: per
   * customer, or for the whole base when `customers` is given. Greater than 0.
   */
  costs?: Numeric;
  /** Customers in the base, when `costs` are for the whole base. */
  customers?: Numeric;
}

/**
 * Result of {@link retentionProfitSensitivity}.
 *
 * @expand
 * @category Retention and profit
 */
export interface RetentionProfitSensitivityResult {
  /** Profit per acquired customer at today's retention: CLV(r) - acquisitionCost. */
  baseValue: Decimal;
  /** Profit per acquired customer at the lifted retention: CLV(r + lift) - acquisitionCost. */
  liftedValue: Decimal;
  /** Relative change in profit: (liftedValue - baseValue) / |baseValue|. 0.25 is +25 %. */
  change: Decimal;
  /** Lifetime value at today's retention. */
  baseLifetimeValue: Decimal;
  /** Lifetime value at the lifted retention. */
  liftedLifetimeValue: Decimal;
  /** Profit gained per customer: liftedValue - baseValue. */
  profitGain: Decimal;
  /**
   * The share of `costs` one would have to cut for the same gain (profit gain
   * times `customers`, if given, divided by `costs`). Present when `costs` is given.
   */
  costCutEquivalent?: Decimal;
}

const schema = /* @__PURE__ */ buildRetentionProfitSensitivitySchema();

/**
 * The zod schema {@link retentionProfitSensitivity} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const retentionProfitSensitivitySchema: MetricSchema = schema;

function buildRetentionProfitSensitivitySchema() {
  return objectSchema(
    {
      ...profitFields(),
      retentionLift: decimalField(),
      costs: optionalDecimalField(positive(' (the costs the profit gain is compared with)')),
      customers: optionalDecimalField(positiveCount()),
    },
    (v, ctx) => {
      const lifted = v.retentionRate.plus(v.retentionLift);
      if (lifted.gt(1) || lifted.isNegative()) {
        report(
          ctx,
          'retentionLift',
          `takes retention from ${v.retentionRate} to ${lifted}, outside [0, 1]; a lift is in points of retention (0.05 for +5 points)`,
        );
      } else if (v.customers !== undefined && v.costs === undefined) {
        report(ctx, 'costs', 'is required with customers (the costs of the whole base)');
      }
    },
  );
}

/**
 * How strongly profit responds to retention: the profit per acquired customer
 * before and after a lift in the retention rate, and the relative change.
 *
 * @remarks
 * Profit per acquired customer, profit(r), and the change are as below, with
 * CLV as in customerLifetimeValue (same discount rate, horizon, margin growth
 * and timing).
 *
 * ```math
 * \begin{aligned}
 * \text{profit}(r) &= \text{CLV}(r) - \text{acquisitionCost}, \\
 * \text{change} &= \frac{\text{profit}(r + \text{lift}) - \text{profit}(r)}{|\text{profit}(r)|}
 * \end{aligned}
 * ```
 *
 * Example: r = 0.85, a lift of 0.05, margin 100 and a 10 % discount rate give
 * a lifetime value of 440 before and 550 after: +25 %, the low end of the
 * often-quoted "5 % more retention, 25 % to 95 % more profit". The higher
 * figures need an acquisition cost in the model (acquisitionCostForProfitChange
 * finds it). These are industry claims, not laws: the answer depends entirely
 * on the inputs.
 *
 * With `costs`, the gain is also expressed as the cut in those costs that
 * would bring the same profit ([C03](../../docs/sources.md#c03)).
 *
 * Cost: O(log H) multiplications.
 *
 * @param options - today's retention, the lift, the margin and the lifetime terms.
 * @returns profit before and after, the change, and the cost-cut equivalent if asked.
 * @throws {@link MetricInputError} when a field is out of range, the lift leaves
 *   [0, 1], the value is infinite, or today's profit is exactly 0 (a relative
 *   change is then undefined).
 * @see Claims [C01](../../docs/sources.md#c01), which three Persian web articles credit to Bain & Company, [C02](../../docs/sources.md#c02), from a Persian forum post on repeat customers as the key to a start-up's growth, and [C03](../../docs/sources.md#c03), from a Persian web article on winning new customers or keeping the ones you have.
 *
 * @example
 * ```ts
 * import { retentionProfitSensitivity } from 'retention-metrics';
 *
 * const s = retentionProfitSensitivity({ retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1 });
 * s.baseValue.toString();
 * //=> '440'
 * s.liftedValue.toString();
 * //=> '550'
 * s.change.toString();
 * //=> '0.25'
 * ```
 *
 * @category Retention and profit
 */
export function retentionProfitSensitivity(
  options: RetentionProfitSensitivityOptions,
): RetentionProfitSensitivityResult {
  const fn = 'retentionProfitSensitivity';
  const v = parseInput(fn, schema, options);
  const cost = v.acquisitionCost ?? v.margin.minus(v.margin);
  const base = profitAt(fn, v, v.retentionRate);
  const lifted = profitAt(fn, v, v.retentionRate.plus(v.retentionLift), 'retentionLift');
  if (base.isZero()) zeroProfit(fn, v, 'a relative change');
  const gain = lifted.minus(base);
  const result: RetentionProfitSensitivityResult = {
    baseValue: toResult(base),
    liftedValue: toResult(lifted),
    change: toResult(gain.div(base.abs())),
    baseLifetimeValue: toResult(base.plus(cost)),
    liftedLifetimeValue: toResult(lifted.plus(cost)),
    profitGain: toResult(gain),
  };
  if (v.costs !== undefined) {
    result.costCutEquivalent = toResult(gain.times(v.customers ?? 1).div(v.costs));
  }
  return result;
}
