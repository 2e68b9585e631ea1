import type { Decimal } from './decimal';
import type { LifetimeTerms, MarginTiming } from './lifetime';
import { all, discountFraction, fraction, growthRate, positiveCount, type Rule } from './rules';
import { choiceField, optionalDecimalField, report } from './schema';

const MAX_PERIODS = Number.MAX_SAFE_INTEGER;

/** A whole number of periods: at least 1 and at most 2^53 - 1. */
export const periodCount: Rule = all(positiveCount(), (v) =>
  v.gt(MAX_PERIODS) ? `must be at most ${MAX_PERIODS}, got ${v.toString()}` : undefined,
);

/**
 * The optional fields shared by every function that values a customer over
 * time: discountRate (0), periods (unlimited), marginGrowth (0), timing ('start').
 */
export function lifetimeOptionFields() {
  return {
    discountRate: optionalDecimalField(discountFraction),
    periods: optionalDecimalField(periodCount),
    marginGrowth: optionalDecimalField(growthRate),
    timing: choiceField(['start', 'end'] as const),
  };
}

/** The optional lifetime fields a user may pass (see {@link LifetimeOptions} in the public types). */
export interface ParsedLifetimeOptions {
  discountRate?: Decimal | undefined;
  periods?: Decimal | undefined;
  marginGrowth?: Decimal | undefined;
  timing?: MarginTiming | undefined;
}

/** Fills the defaults of the optional lifetime fields. */
export function lifetimeTerms(margin: Decimal, retentionRate: Decimal, options: ParsedLifetimeOptions): LifetimeTerms {
  const zero = margin.minus(margin);
  return {
    margin,
    retentionRate,
    discountRate: options.discountRate ?? zero,
    marginGrowth: options.marginGrowth ?? zero,
    periods: options.periods,
    timing: options.timing ?? 'start',
  };
}

/** The pair of fields through which a per-period rate is given: retentionRate or churnRate. */
export function retentionOrChurnFields() {
  return {
    retentionRate: optionalDecimalField(fraction),
    churnRate: optionalDecimalField(fraction),
  };
}

interface RetentionOrChurn {
  retentionRate?: Decimal | undefined;
  churnRate?: Decimal | undefined;
}

/** Cross-field rule: exactly one of the pair, or both when they agree (r + c = 1). */
export function checkRetentionOrChurn(v: RetentionOrChurn, ctx: Parameters<typeof report>[0]): boolean {
  if (v.retentionRate === undefined && v.churnRate === undefined) {
    report(ctx, 'retentionRate', 'is required (or give churnRate instead)');
    return false;
  }
  if (v.retentionRate !== undefined && v.churnRate !== undefined && !v.retentionRate.plus(v.churnRate).eq(1)) {
    report(
      ctx,
      'churnRate',
      `must equal 1 - retentionRate (${v.retentionRate.negated().plus(1)}) when both are given, got ${v.churnRate}`,
    );
    return false;
  }
  return true;
}

/** The retention rate of a validated pair. */
export function retentionOf(v: RetentionOrChurn): Decimal {
  return v.retentionRate ?? (v.churnRate as Decimal).negated().plus(1);
}

/**
 * The fields of a periodCounts result, which retentionRate and churnRate take
 * as it is: the fields they do not read are accepted, any other is refused.
 */
export const PERIOD_COUNTS_FIELDS: readonly string[] = [
  'periodStart',
  'periodEnd',
  'customersAtStart',
  'customersAtEnd',
  'newCustomers',
  'lostCustomers',
  'retainedCustomers',
  'newAndLostCustomers',
  'returningCustomers',
  'retentionRate',
  'startingCustomerRetention',
];

/**
 * The columns of an rfmSummary row, which the per-customer predictions take
 * as it is (with their own options added): the columns they do not read are
 * accepted, any other field is refused as a misspelt option.
 */
export const RFM_ROW_FIELDS: readonly string[] = [
  'customerId',
  'frequency',
  'recency',
  'age',
  'monetaryValue',
  'holdoutPurchases',
  'holdoutSpend',
  'customers',
  'covariates',
];
