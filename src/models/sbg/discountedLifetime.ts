import { fail } from '../../internal/schema';
import { callTerms, neededRate, rateField } from '../internal/terms';
import { hypergeometric2F1 } from '../special/hypergeometric';

/**
 * Discounted expected residual lifetime of a customer active for n periods
 * (n - 1 renewals), standing at the end of period n before its renewal:
 * sum_{t>=n} S(t) / S(n - 1) / (1 + d)^(t - n)
 *   = (beta + n - 1) / (alpha + beta + n - 1) x 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d)).
 * With n = 0 this is the discounted expected lifetime of a new customer,
 * sum_{t>=0} S(t) / (1 + d)^t = 2F1(1, beta; alpha + beta; 1 / (1 + d)).
 */
export function discountedLifetime(
  functionName: string,
  alpha: number,
  beta: number,
  discountRate: number,
  n: number,
): number {
  const z = 1 / (1 + discountRate);
  const lead = n === 0 ? 1 : (beta + (n - 1)) / (alpha + beta + (n - 1));
  const series = hypergeometric2F1(1, beta + n, alpha + beta + n, z);
  if (series === undefined) {
    fail(
      functionName,
      'discountRate',
      `is too small for the series to converge in reasonable time (about 37 / discountRate terms); use at least 1e-6 per period, got ${discountRate}`,
    );
  }
  return lead * series.value;
}

/** The discount rate options of the sBG's valuations: per period or per year, greater than 0. */
export function lifetimeRateFields() {
  return { discountRate: rateField('period', true), annualDiscountRate: rateField('year', true) };
}

/**
 * The discount rate per period of an sBG valuation: `discountRate` as given,
 * or `annualDiscountRate` converted with the period length the fit records.
 */
export function lifetimeRate(
  functionName: string,
  parameters: unknown,
  rates: { discountRate?: number | undefined; annualDiscountRate?: number | undefined },
): number {
  return neededRate(functionName, callTerms(functionName, parameters, 'parameters').rate(rates), 'period', '', false);
}
