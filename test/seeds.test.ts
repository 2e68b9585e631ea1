/**
 * Every worked example (W) and quantitative claim (C) of the source documents
 * that has an expectation, as listed in the project's worked-examples list.
 * Expected values come from the documents or from a calculation written out
 * here, never from the library's own output.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  acquisitionCostForProfitChange,
  averageRevenuePerCustomer,
  churnBreakdown,
  churnRate,
  customerLifetimeValue,
  ltvToCacRatio,
  MetricInputError,
  maxAcquisitionCost,
  projectCustomerBase,
  referralValue,
  retentionLiftForProfitChange,
  retentionProfitSensitivity,
  retentionRate,
  revenueConcentration,
  topCustomerShare,
} from '../src';

/** An independent high-precision decimal for expected values (not the library's clone). */
const D = DecimalJs.clone({ precision: 60 });

describe('worked examples', () => {
  it('W01 CRR worked example (001_e8caa3237d4c4060.txt): 100 customers, 20 won, 10 lost, 110 at the end give retention 90 %', () => {
    const rate = retentionRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 });
    expect(rate.toString()).toBe('0.9');
    expect(rate.times(100).toString()).toBe('90');
  });

  it('W02 CRR formula (004_925f761572a4583e.txt): ((E - N) / S) for counts other than W01', () => {
    // (E - N) / S = (240 - 30) / 250 = 210 / 250 = 0.84
    expect(retentionRate({ customersAtStart: 250, customersAtEnd: 240, newCustomers: 30 }).toString()).toBe('0.84');
    // A rate that is not a terminating decimal is rounded once to 34 digits: 2/3.
    expect(retentionRate({ customersAtStart: 3, customersAtEnd: 2, newCustomers: 0 }).toString()).toBe(
      '0.6666666666666666666666666666666667',
    );
  });

  it('W03 churn rate (004_925f761572a4583e.txt): 10 lost of 100 is 10 %, and L = S + N - E gives the same', () => {
    expect(churnRate({ customersAtStart: 100, lostCustomers: 10 }).toString()).toBe('0.1');
    expect(churnRate({ customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 }).toString()).toBe('0.1');
  });

  it('W04 average revenue per customer (002_d7888effba50cb48.txt): 1,800,000 NIS from 600 customers is 3,000', () => {
    expect(averageRevenuePerCustomer({ revenue: 1_800_000, customers: 600 }).toString()).toBe('3000');
  });

  it('W05 CLV drives a CAC ceiling (004_925f761572a4583e.txt): margin 100 at retention 0.8 is worth 500; at LTV:CAC 3 the ceiling is 500/3', () => {
    const lifetimeValue = customerLifetimeValue({ margin: 100, retentionRate: 0.8 });
    // margin / churn = 100 / 0.2
    expect(lifetimeValue.toString()).toBe('500');
    const ceiling = maxAcquisitionCost({ lifetimeValue });
    expect(ceiling.toString()).toBe(new D(500).div(3).toSignificantDigits(34).toString());
    expect(maxAcquisitionCost({ lifetimeValue, ltvToCacRatio: 1 }).toString()).toBe('500');
  });
});

describe('quantitative claims, reproduced under stated assumptions', () => {
  // The scenario the design pins: retention 0.85, margin 100 per period, 10 % discount rate.
  const scenario = { retentionRate: 0.85, margin: 100, discountRate: 0.1 };

  it('C01 +25 % (000, 001, 004): a 5-point lift from 0.85 with no acquisition cost raises profit exactly 25 %', () => {
    const s = retentionProfitSensitivity({ ...scenario, retentionLift: 0.05 });
    // CLV = m(1+d)/(1+d-r): 110/0.25 = 440 and 110/0.20 = 550.
    expect(s.baseValue.toString()).toBe('440');
    expect(s.liftedValue.toString()).toBe('550');
    expect(s.change.toString()).toBe('0.25');
  });

  it('C01 +95 % (000, 001, 004): the acquisition cost under which the same lift raises profit 95 % is found, then checked', () => {
    const acquisitionCost = acquisitionCostForProfitChange({ ...scenario, retentionLift: 0.05, targetChange: 0.95 });
    // 110 / (440 - A) = 0.95  =>  A = 440 - 2200/19 = 6160/19
    expect(acquisitionCost.toString()).toBe(new D(6160).div(19).toSignificantDigits(34).toString());
    const s = retentionProfitSensitivity({ ...scenario, retentionLift: 0.05, acquisitionCost });
    expect(s.change.toDecimalPlaces(25).toString()).toBe('0.95');
  });

  it('C01 the lift that gives +25 % is found back from the target: 5 points', () => {
    expect(retentionLiftForProfitChange({ ...scenario, targetChange: 0.25 }).toString()).toBe('0.05');
  });

  it('C02 +125 % (003_663b2f2b5d70b4af.txt): with acquisition cost in the model, a 5-point lift gives +125 % at a cost of 352', () => {
    const acquisitionCost = acquisitionCostForProfitChange({ ...scenario, retentionLift: 0.05, targetChange: 1.25 });
    // 110 / (440 - A) = 1.25  =>  A = 440 - 88 = 352
    expect(acquisitionCost.toString()).toBe('352');
    const s = retentionProfitSensitivity({ ...scenario, retentionLift: 0.05, acquisitionCost });
    expect(s.baseValue.toString()).toBe('88');
    expect(s.liftedValue.toString()).toBe('198');
    expect(s.change.toString()).toBe('1.25');
    // "7 times more expensive than keeping a customer": a retention spend of 352 / 7 per period.
    expect(acquisitionCost.div(7).toFixed(2)).toBe('50.29');
  });

  it('C03 (000_84483c762a2766f5.txt): a 2-point lift is worth a 10 % cut in lifetime costs when serving a customer costs 87 per period', () => {
    // Lifetime cost of serving: 87 per period, valued like a margin: 87 x 4.4 = 382.8.
    const costs = customerLifetimeValue({ margin: 87, retentionRate: 0.85, discountRate: 0.1 });
    expect(costs.toString()).toBe('382.8');
    const s = retentionProfitSensitivity({ ...scenario, retentionLift: 0.02, costs });
    // Gain: 110/0.23 - 440 = 880/23; cost-cut equivalent (880/23) / 382.8.
    const gain = new D(880).div(23);
    expect(s.profitGain.toString()).toBe(gain.toSignificantDigits(34).toString());
    expect(s.costCutEquivalent?.toString()).toBe(gain.div('382.8').toSignificantDigits(34).toString());
    expect(s.costCutEquivalent?.toFixed(3)).toBe('0.100');
    // For a whole base the gain scales with its customers: 1,000 customers, costs 382,800.
    const base = retentionProfitSensitivity({ ...scenario, retentionLift: 0.02, costs: 382_800, customers: 1000 });
    expect(base.costCutEquivalent?.toString()).toBe(s.costCutEquivalent?.toString());
  });

  it('C04 (000, 002): in a base where 2 of 10 customers bring 80 % of revenue, the top 20 % share is 0.8 and 20 % of customers reach 80 %', () => {
    const revenues = [40, 2.5, 2.5, 40, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5];
    expect(topCustomerShare(revenues, 0.2).toString()).toBe('0.8');
    const c = revenueConcentration(revenues, { topShares: [0.2] });
    expect(c.customersForRevenueShare.toString()).toBe('0.2');
    expect(c.top[0]?.revenueShare.toString()).toBe('0.8');
  });

  it('C04 (000, 002): customers drawn from a Pareto law with tail index log 5 / log 4 put 80 % of revenue in the top 20 %', () => {
    // For a Pareto(alpha) law the top share p of customers holds p^b of revenue, b = 1 - 1/alpha;
    // alpha = log 5 / log 4 gives 0.2^b = 0.8. Each of n customers stands for one n-th of the
    // population and brings the mean revenue of its quantile band, n ((1 - i/n)^b - (1 - (i+1)/n)^b) / b,
    // so the discrete Lorenz curve meets the continuous one at every multiple of 1/n.
    const b = 1 - Math.log(4) / Math.log(5);
    const n = 10_000;
    const revenues = new Float64Array(n);
    for (let i = 0; i < n; i++) revenues[i] = (n * ((1 - i / n) ** b - (1 - (i + 1) / n) ** b)) / b;
    expect(0.2 ** b).toBeCloseTo(0.8, 12);
    expect(topCustomerShare(revenues, 0.2).toNumber()).toBeCloseTo(0.8, 9);
    expect(revenueConcentration(revenues).customersForRevenueShare.toNumber()).toBeCloseTo(0.2, 9);
  });

  it('C05 (002_d7888effba50cb48.txt): where the most loyal 10 % bring 30 %, the top 10 % share is 0.3', () => {
    const revenues = [30, 10, 10, 10, 10, 10, 5, 5, 5, 5];
    expect(topCustomerShare(revenues, 0.1).toString()).toBe('0.3');
  });

  it('C06 (000, 001, 002, 003, 004): acquisition at 5x to 25x a retention spend of 30 against a CLV of 500 and its CAC ceiling', () => {
    const lifetimeValue = customerLifetimeValue({ margin: 100, retentionRate: 0.8 });
    const ceiling = maxAcquisitionCost({ lifetimeValue });
    const retentionSpend = 30;
    const ratios = [5, 7, 25].map((multiple) => ({
      multiple,
      acquisitionCost: multiple * retentionSpend,
      ltvToCac: ltvToCacRatio({ lifetimeValue, acquisitionCost: multiple * retentionSpend }),
    }));
    // 500 / 150, 500 / 210, 500 / 750
    expect(ratios.map((r) => r.ltvToCac.toSignificantDigits(6).toString())).toEqual(['3.33333', '2.38095', '0.666667']);
    // Only the 5x cost stays under the ceiling of 500 / 3 = 166.67.
    expect(ratios.filter((r) => ceiling.gte(r.acquisitionCost)).map((r) => r.multiple)).toEqual([5]);
  });

  it('C07 (004_925f761572a4583e.txt): spending 67 % more in the third year is a margin growth of sqrt(1.67) - 1 per year', () => {
    const growth = new D('1.67').sqrt().minus(1);
    expect(growth.toFixed(4)).toBe('0.2923');
    const threeYears = customerLifetimeValue({ margin: 100, retentionRate: 1, periods: 3, marginGrowth: growth });
    // 100 + 100 (1 + g) + 100 (1 + g)^2 = 100 + 100 sqrt(1.67) + 167
    const expected = new D(100).plus(new D('1.67').sqrt().times(100)).plus(167);
    expect(threeYears.toSignificantDigits(30).toString()).toBe(expected.toSignificantDigits(30).toString());
  });

  it('C08 (000_84483c762a2766f5.txt): 40 new customers a year who leave after a year lose to 20 a year who stay 20 years on average', () => {
    const economics = { periods: 20, margin: 100, acquisitionCost: 150 };
    const churners = projectCustomerBase({ newCustomersPerPeriod: 40, retentionRate: 0, ...economics });
    const stayers = projectCustomerBase({ newCustomersPerPeriod: 20, retentionRate: 0.95, ...economics });
    // Churners: 40 customers every year, 40 x (100 - 150) = -2,000 a year, -40,000 over 20 years.
    expect(churners.at(-1)?.cumulativeProfit.toString()).toBe('-40000');
    // Stayers, by an independent loop in binary floating point.
    let customers = 0;
    let cumulative = 0;
    for (let year = 1; year <= 20; year++) {
      customers = customers * 0.95 + 20;
      cumulative += customers * 100 - 20 * 150;
    }
    expect(stayers.at(-1)?.cumulativeProfit.toNumber()).toBeCloseTo(cumulative, 6);
    expect(stayers.at(-1)?.customers.toNumber()).toBeCloseTo(customers, 9);
    expect(cumulative).toBeGreaterThan(100_000);
  });

  it('C09 (003_663b2f2b5d70b4af.txt): one new customer per 7 rides; a customer who rides 3.5 times brings 0.5 and doubles its value', () => {
    const perRide = new D(1).div(7);
    const r = referralValue({ lifetimeValue: 90, referralsPerPurchase: perRide, purchasesPerCustomer: 3.5 });
    expect(r.directReferrals.toDecimalPlaces(30).toString()).toBe('0.5');
    // k / (1 - k) = 1 and CLV / (1 - k) = 180
    expect(r.totalReferredCustomers.toDecimalPlaces(28).toString()).toBe('1');
    expect(r.lifetimeValueWithReferrals.toDecimalPlaces(28).toString()).toBe('180');
    // Seven rides or more: each customer brings one or more, and the chain never ends.
    expect(() => referralValue({ lifetimeValue: 90, referralsPerPurchase: '0.25', purchasesPerCustomer: 4 })).toThrow(
      MetricInputError,
    );
  });

  it('C10 (002_d7888effba50cb48.txt): churn reasons 3 + 5 + 9 + 14 + 68 = 99 %, with the unattributed 1 % reported', () => {
    const why = churnBreakdown({
      reasonShares: { noReason: 0.03, betterSupplier: 0.05, price: 0.09, dissatisfied: 0.14, indifference: 0.68 },
      lostCustomers: 1000,
    });
    expect(why.reasons.map((r) => r.reason)).toEqual([
      'noReason',
      'betterSupplier',
      'price',
      'dissatisfied',
      'indifference',
    ]);
    expect(why.reasons.map((r) => r.customers?.toString())).toEqual(['30', '50', '90', '140', '680']);
    expect(why.unattributed.share.toString()).toBe('0.01');
    expect(why.unattributed.customers?.toString()).toBe('10');
  });
});
