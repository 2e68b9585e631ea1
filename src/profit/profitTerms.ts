import { type Decimal, Exact } from '../internal/decimal';
import { lifetimeOptionFields, lifetimeTerms, type ParsedLifetimeOptions } from '../internal/fields';
import { lifetimeValue } from '../internal/lifetime';
import { fraction, nonNegative } from '../internal/rules';
import { decimalField, optionalDecimalField } from '../internal/schema';

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
