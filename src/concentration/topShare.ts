import type { Decimal } from '../internal/decimal';
import type { SortedRevenues } from '../internal/revenues';

/**
 * Share of revenue from the top `share` of customers, interpolating linearly
 * on the Lorenz curve: the top p of n customers is the whole of the first
 * floor(p n) and the fraction p n - floor(p n) of the next one.
 */
export function topRevenueShare(revenues: SortedRevenues, share: Decimal): Decimal {
  const n = revenues.count;
  const position = share.times(n);
  const whole = position.floor().toNumber();
  let top = revenues.topSum(whole);
  if (whole < n) top = top.plus(position.minus(whole).times(revenues.valueAt(whole)));
  return top.div(revenues.total);
}

/**
 * Smallest share of customers (largest first) whose revenue reaches
 * `revenueShare` of the total, interpolated the same way.
 */
export function customersForRevenueShare(revenues: SortedRevenues, revenueShare: Decimal): Decimal {
  const target = revenueShare.times(revenues.total);
  // revenueShare > 0 and the total > 0, so k >= 1: at least one customer is needed.
  const k = revenues.countReaching(target);
  // The first k - 1 customers fall short; the k-th closes the gap by a fraction of its revenue.
  const before = revenues.topSum(k - 1);
  const fraction = target.minus(before).div(revenues.valueAt(k - 1));
  return fraction.plus(k - 1).div(revenues.count);
}
