import { type Decimal, Exact } from '../internal/decimal';
import { lifetimeOptionFields, lifetimeTerms, type ParsedLifetimeOptions } from '../internal/fields';
import { lifetimeValue } from '../internal/lifetime';
import { fraction, nonNegative } from '../internal/rules';
import { decimalField, fail, optionalDecimalField } from '../internal/schema';

/** Fields shared by the retention-to-profit functions. */
export function profitFields() {
  return {
    retentionRate: decimalField(fraction),
    margin: decimalField(),
    acquisitionCost: optionalDecimalField(nonNegative),
    ...lifetimeOptionFields(),
  };
}

/** Parsed profit terms. */
export interface ProfitTerms extends ParsedLifetimeOptions {
  retentionRate: Decimal;
  margin: Decimal;
  acquisitionCost?: Decimal | undefined;
}

/** Lifetime value per customer at retention `r`, under the other terms of `v`. */
export function valueAt(functionName: string, v: ProfitTerms, r: Decimal, field = 'retentionRate'): Decimal {
  return lifetimeValue(functionName, lifetimeTerms(v.margin, r, v), field);
}

/** Profit per acquired customer: lifetime value minus acquisition cost. */
export function profitAt(functionName: string, v: ProfitTerms, r: Decimal, field?: string): Decimal {
  return valueAt(functionName, v, r, field).minus(v.acquisitionCost ?? new Exact(0));
}

/** Throws the input error for a profit of exactly 0, naming the field that makes it so. */
export function zeroProfit(functionName: string, v: ProfitTerms, what: string): never {
  if (v.margin.isZero()) {
    return fail(functionName, 'margin', `is 0, so profit is 0 and ${what} is undefined; give the margin per period`);
  }
  return fail(
    functionName,
    'acquisitionCost',
    `equals the lifetime value, so profit is 0 and ${what} is undefined; compare absolute profits instead`,
  );
}
