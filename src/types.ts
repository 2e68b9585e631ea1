import type { Numeric } from './internal/decimal';
import type { MarginTiming } from './internal/lifetime';

export type { Decimal, Numeric } from './internal/decimal';
export type { MarginTiming } from './internal/lifetime';

/**
 * Optional terms shared by every function that values a customer over time.
 *
 * Every rate is per period, and the period is the one the margin and the
 * retention rate are measured in (a month, a year).
 *
 * @category Errors and numbers
 */
export interface LifetimeOptions {
  /** Discount rate per period, as a fraction (0.1 for 10 %). Default 0. */
  discountRate?: Numeric;
  /** Number of periods to count, a whole number from 1. Default: unlimited. */
  periods?: Numeric;
  /** Growth of the margin per period, as a fraction (0.05 for +5 %), greater than -1. Default 0. */
  marginGrowth?: Numeric;
  /**
   * When a period's margin arrives: `'start'` (default; the first margin is
   * paid on acquisition and is not discounted) or `'end'` (the first margin
   * arrives one period after acquisition, from a customer who survived to it).
   */
  timing?: MarginTiming;
}
