import { type Decimal, Exact, type Numeric, toResult } from '../internal/decimal';
import { positive } from '../internal/rules';
import { decimalField, fail, type MetricSchema, objectSchema, parseInput } from '../internal/schema';
import type { LifetimeOptions } from '../types';
import { profitAt, profitFields, zeroProfit } from './profitTerms';

/**
 * Input of {@link retentionLiftForProfitChange}.
 *
 * @expand
 * @category Retention and profit
 */
export interface RetentionLiftForProfitChangeOptions extends LifetimeOptions {
  /** Retention rate per period today, a fraction in [0, 1]. */
  retentionRate: Numeric;
  /** The relative profit change wanted: 0.25 for +25 %, -0.1 for -10 %. */
  targetChange: Numeric;
  /** Margin of one active customer per period, greater than 0. */
  margin: Numeric;
  /** Cost of acquiring one customer, at least 0. Default 0. */
  acquisitionCost?: Numeric;
}

const schema = /* @__PURE__ */ buildRetentionLiftForProfitChangeSchema();

/**
 * The zod schema {@link retentionLiftForProfitChange} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const retentionLiftForProfitChangeSchema: MetricSchema = schema;

function buildRetentionLiftForProfitChangeSchema() {
  return objectSchema({
    ...profitFields(),
    margin: decimalField(positive(' (with no margin, retention cannot change profit)')),
    targetChange: decimalField(),
  });
}

const BISECTION_STEPS = 230; // 2^-230 < 1e-69: below the working precision.

/**
 * The retention lift (in points) that changes profit per acquired customer by
 * a target share: the inverse of retentionProfitSensitivity.
 *
 * @remarks
 * Solves the equation below (with |profit(r)| in place of profit(r) when it
 * is negative).
 *
 * ```math
 * \begin{aligned}
 * &\text{CLV}(r + \text{lift}) - \text{acquisitionCost} \\
 * &\quad = (1 + \text{targetChange}) \times \text{profit}(r)
 * \end{aligned}
 * ```
 *
 * For an unlimited horizon the solution is closed-form, as below, with
 * a = 1 + d and G = 1 + g, where V is the lifetime value wanted.
 *
 * ```math
 * \begin{aligned}
 * r' &= \frac{a (V - m)}{V G} && \text{for timing } \texttt{'start'}, \\
 * r' &= \frac{V a}{m + V G} && \text{for } \texttt{'end'}
 * \end{aligned}
 * ```
 *
 * With a finite horizon the lifetime value is increasing in r and the lift is
 * found by bisection to the full working precision.
 *
 * Cost: O(1) unlimited; O(log H) per step over 230 bisection steps otherwise.
 *
 * @param options - today's retention, the target change, the margin and lifetime terms.
 * @returns the lift in points of retention (0.05 for 5 points).
 * @throws {@link MetricInputError} when the target needs retention above 1 or
 *   below 0, when today's profit is 0, or when a field is out of range.
 * @see Claims [C01](../../docs/sources.md#c01), which three Persian web articles credit to Bain & Company, and [C02](../../docs/sources.md#c02), from a Persian forum post on repeat customers as the key to a start-up's growth.
 *
 * @example
 * ```ts
 * import { retentionLiftForProfitChange } from 'retention-metrics';
 *
 * retentionLiftForProfitChange({ retentionRate: 0.85, targetChange: 0.25, margin: 100, discountRate: 0.1 }).toString();
 * //=> '0.05'
 * ```
 *
 * @category Retention and profit
 */
export function retentionLiftForProfitChange(options: RetentionLiftForProfitChangeOptions): Decimal {
  const fn = 'retentionLiftForProfitChange';
  const v = parseInput(fn, schema, options);
  const r0 = v.retentionRate;
  const base = profitAt(fn, v, r0);
  if (base.isZero()) zeroProfit(fn, v, 'a relative change');
  const wanted = base.plus(v.targetChange.times(base.abs()));
  const cost = v.acquisitionCost ?? new Exact(0);
  const valueWanted = wanted.plus(cost);
  const unreachable = (where: string): never =>
    fail(
      fn,
      'targetChange',
      `${v.targetChange} would need a retention rate ${where} with this margin, discountRate, marginGrowth, periods and acquisitionCost; no lift reaches it`,
    );
  let r1: Decimal;
  if (v.periods === undefined) {
    const start = (v.timing ?? 'start') === 'start';
    // A lifetime value below 0 is out of reach; so is 0 at start timing, where even
    // retention 0 earns the first margin. At end timing, 0 is retention 0 exactly.
    if (valueWanted.isZero() ? start : valueWanted.isNegative()) unreachable('below 0');
    const a = (v.discountRate ?? new Exact(0)).plus(1);
    const growth = (v.marginGrowth ?? new Exact(0)).plus(1);
    r1 = start
      ? a.times(valueWanted.minus(v.margin)).div(valueWanted.times(growth))
      : valueWanted.times(a).div(v.margin.plus(valueWanted.times(growth)));
  } else {
    const zero = new Exact(0);
    const one = new Exact(1);
    if (profitAt(fn, v, one).lt(wanted)) unreachable('above 1');
    if (profitAt(fn, v, zero).gt(wanted)) unreachable('below 0');
    let low = zero;
    let high = one;
    for (let step = 0; step < BISECTION_STEPS; step++) {
      const mid = low.plus(high).div(2);
      if (profitAt(fn, v, mid).lt(wanted)) low = mid;
      else high = mid;
    }
    r1 = low.plus(high).div(2);
  }
  if (r1.gt(1)) unreachable('above 1');
  if (r1.isNegative() && !r1.isZero()) unreachable('below 0');
  return toResult(r1.minus(r0));
}
