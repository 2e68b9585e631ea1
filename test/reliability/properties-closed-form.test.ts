/**
 * Invariants of the closed-form functions (exact Decimal results), checked on
 * generated inputs with fast-check. Each property is stated from the
 * function's definition in its TSDoc and guide; where a result is a rounded
 * quotient the test either rounds its own exact value the same way (34
 * significant digits, half even) or states the rounding it allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acquisitionCostForProfitChange,
  averageRevenuePerCustomer,
  cacPaybackPeriods,
  churnBreakdown,
  churnRate,
  convertRatePeriod,
  customerLifetimeValue,
  Decimal,
  expectedCustomerLifetime,
  ltvToCacRatio,
  maxAcquisitionCost,
  projectCustomerBase,
  referralValue,
  retentionLiftForProfitChange,
  retentionProfitElasticity,
  retentionProfitSensitivity,
} from '../../src';
import { runs } from '../support/properties';

const fewRuns = { numRuns: 25 };

/** The tests' own arithmetic at 200 digits: sums and products of the inputs below are exact, quotients far finer than a result. */
const Big = Decimal.clone({ precision: 200 });
type Dec = Decimal;
const big = (x: Dec | string | number): Dec => new Big(x);
/** An exact value rounded the way the library rounds a result: 34 significant digits, half even. */
const asResult = (x: Dec): Dec => x.toSignificantDigits(34, Decimal.ROUND_HALF_EVEN);
/** |a - b| <= tolerance x |b|, computed exactly. */
const near = (a: Dec, b: Dec, tolerance: string): boolean =>
  big(a).minus(big(b)).abs().lte(big(b).abs().times(tolerance));
/** |a - b| <= bound, computed exactly. */
const within = (a: Dec, b: Dec, bound: Dec): boolean => big(a).minus(big(b)).abs().lte(bound);

/** n / 10^places as an exact decimal string. */
const scaled = (places: number) => (n: number) => new Big(n).div(10 ** places).toString();
/** A fraction in [min, max] / 10^4 with four decimals. */
const fraction4 = (min = 0, max = 10_000) => fc.integer({ min, max }).map(scaled(4));
/** Money from 0.01 to 100,000.00, two decimals. */
const money = fc.integer({ min: 1, max: 10_000_000 }).map(scaled(2));
const timing = fc.constantFrom<'start' | 'end'>('start', 'end');

describe('averageRevenuePerCustomer', () => {
  it('is revenue / customers: k x customers over customers is exactly k, and scaling both changes nothing', () => {
    fc.assert(
      fc.property(money, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 1000 }), (k, customers, c) => {
        const revenue = big(k).times(customers).toString();
        expect(averageRevenuePerCustomer({ revenue, customers }).equals(k)).toBe(true);
        const odd = averageRevenuePerCustomer({ revenue: k, customers });
        expect(odd.equals(asResult(big(k).div(customers)))).toBe(true);
        expect(
          averageRevenuePerCustomer({ revenue: big(k).times(c).toString(), customers: customers * c }).equals(odd),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('rises with revenue, falls as revenue is spread over more customers, and pooling two periods lands between them', () => {
    fc.assert(
      fc.property(
        money,
        money,
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 1e6 }),
        (r1, r2, n1, n2) => {
          const a = averageRevenuePerCustomer({ revenue: r1, customers: n1 });
          const b = averageRevenuePerCustomer({ revenue: r2, customers: n2 });
          expect(averageRevenuePerCustomer({ revenue: big(r1).plus(r2).toString(), customers: n1 }).gt(a)).toBe(true);
          expect(averageRevenuePerCustomer({ revenue: r1, customers: n1 + 1 }).lt(a)).toBe(true);
          const pooled = averageRevenuePerCustomer({ revenue: big(r1).plus(r2).toString(), customers: n1 + n2 });
          expect(pooled.gte(Decimal.min(a, b)) && pooled.lte(Decimal.max(a, b))).toBe(true);
        },
      ),
      runs,
    );
  });
});

describe('cacPaybackPeriods', () => {
  it('simple payback is cost / margin: k margins pay back in exactly k periods; the currency unit does not matter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }).map(scaled(2)),
        money,
        fc.integer({ min: 2, max: 1000 }),
        (k, margin, c) => {
          const cost = big(k).times(margin).toString();
          expect(cacPaybackPeriods({ acquisitionCost: cost, margin }).periods.equals(k)).toBe(true);
          const p = cacPaybackPeriods({ acquisitionCost: k, margin }).periods;
          expect(p.equals(asResult(big(k).div(margin)))).toBe(true);
          const inCents = cacPaybackPeriods({
            acquisitionCost: big(k).times(c).toString(),
            margin: big(margin).times(c).toString(),
          });
          expect(inCents.periods.equals(p)).toBe(true);
        },
      ),
      runs,
    );
  });

  const paybackCase = fc.record({
    margin: fc.integer({ min: 1, max: 100_000 }).map(scaled(2)),
    costInMargins: fc.integer({ min: 0, max: 5_000 }).map(scaled(2)),
    retentionRate: fraction4(0, 9_950),
    discountRate: fc.option(fraction4(0, 2_000), { nil: undefined }),
    marginGrowth: fc.option(fc.integer({ min: -1_000, max: 1_000 }).map(scaled(4)), { nil: undefined }),
    timing,
  });
  type PaybackCase = typeof paybackCase extends fc.Arbitrary<infer T> ? T : never;
  const terms = (c: PaybackCase) => ({
    retentionRate: c.retentionRate,
    discountRate: c.discountRate,
    marginGrowth: c.marginGrowth,
    timing: c.timing,
  });
  /** Unlimited lifetime value, or undefined when r(1 + g) >= 1 + d makes it infinite. */
  const unlimited = (c: PaybackCase): Dec | undefined => {
    const a = big(c.retentionRate).times(big(c.marginGrowth ?? 0).plus(1));
    if (a.gte(big(c.discountRate ?? 0).plus(1))) return undefined;
    return customerLifetimeValue({ margin: c.margin, ...terms(c) });
  };

  it('retention-adjusted payback is the smallest whole k whose lifetime value over k periods covers the cost, null when none does', () => {
    fc.assert(
      fc.property(paybackCase, (c) => {
        const cost = big(c.costInMargins).times(c.margin).toString();
        const k = cacPaybackPeriods({ acquisitionCost: cost, margin: c.margin, ...terms(c) }).retentionAdjustedPeriods;
        expect(k).not.toBeUndefined();
        if (k === null || k === undefined) {
          // Never paid back: the lifetime value has a finite limit, and it does not exceed the cost.
          const limit = unlimited(c);
          expect(limit?.lte(cost)).toBe(true);
          return;
        }
        expect(k.isInteger() && k.gte(0)).toBe(true);
        if (k.isZero()) {
          expect(big(cost).isZero()).toBe(true);
          return;
        }
        const over = (periods: Dec) => customerLifetimeValue({ margin: c.margin, ...terms(c), periods });
        expect(over(k).gte(cost)).toBe(true);
        if (k.gt(1)) expect(over(k.minus(1)).lt(cost)).toBe(true);
        else expect(big(cost).isZero()).toBe(false);
      }),
      fewRuns,
    );
  });

  it('more retention never lengthens the payback; the churn form gives the same answer', () => {
    fc.assert(
      fc.property(paybackCase, fraction4(0, 9_950), (c, other) => {
        const cost = big(c.costInMargins).times(c.margin).toString();
        const [low, high] = big(c.retentionRate).lte(other) ? [c.retentionRate, other] : [other, c.retentionRate];
        const at = (retentionRate: string) =>
          cacPaybackPeriods({ acquisitionCost: cost, margin: c.margin, ...terms(c), retentionRate })
            .retentionAdjustedPeriods;
        const slow = at(low);
        const fast = at(high);
        // null means never: anything is at most never.
        if (slow !== null && slow !== undefined) expect(fast?.lte(slow)).toBe(true);
        const viaChurn = cacPaybackPeriods({
          acquisitionCost: cost,
          margin: c.margin,
          ...terms(c),
          retentionRate: undefined,
          churnRate: big(1).minus(high).toString(),
        }).retentionAdjustedPeriods;
        expect(viaChurn === null ? fast === null : fast !== null && fast !== undefined && viaChurn?.equals(fast)).toBe(
          true,
        );
      }),
      fewRuns,
    );
  });

  it('without discounting or margin growth is never shorter than the simple payback, and at retention 1 is the simple payback rounded up', () => {
    fc.assert(
      fc.property(paybackCase, (c) => {
        const cost = big(c.costInMargins).times(c.margin).toString();
        const base = { acquisitionCost: cost, margin: c.margin, timing: c.timing };
        const simple = cacPaybackPeriods(base).periods;
        const adjusted = cacPaybackPeriods({ ...base, retentionRate: c.retentionRate }).retentionAdjustedPeriods;
        if (adjusted !== null && adjusted !== undefined) expect(adjusted.gte(simple)).toBe(true);
        const loyal = cacPaybackPeriods({ ...base, retentionRate: 1 }).retentionAdjustedPeriods;
        expect(loyal?.equals(simple.ceil())).toBe(true);
      }),
      fewRuns,
    );
  });
});

describe('churnBreakdown', () => {
  /** Up to six reasons, with four-decimal shares adding up to at most 1. */
  const shares = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }).chain((raw) => {
    const total = raw.reduce((s, x) => s + x, 0);
    const cap = fc.integer({ min: Math.max(total, 1), max: Math.max(total, 1) * 2 });
    return cap.map((c) => raw.map((x) => Math.floor((x * 10_000) / Math.max(c, 10_000))));
  });
  const named = (values: Array<number | string>) =>
    Object.fromEntries(values.map((v, i) => [`reason${i}`, typeof v === 'number' ? scaled(4)(v) : v]));

  it('with shares: the unattributed share is exactly 1 minus the shares, and the customers add up to the lost customers', () => {
    fc.assert(
      fc.property(shares, fc.option(fc.nat(1_000_000), { nil: undefined }), (units, lost) => {
        const reasonShares = named(units);
        const result = churnBreakdown({ reasonShares, lostCustomers: lost });
        expect(result.reasons.map((r) => r.reason)).toEqual(Object.keys(reasonShares));
        let attributed = big(0);
        let customers = big(0);
        for (const [i, line] of result.reasons.entries()) {
          const share = reasonShares[`reason${i}`] as string;
          expect(line.share.equals(share)).toBe(true);
          attributed = attributed.plus(share);
          if (lost === undefined) expect(line.customers).toBeUndefined();
          else {
            expect(line.customers?.equals(big(share).times(lost))).toBe(true);
            customers = customers.plus(line.customers ?? Number.NaN);
          }
        }
        expect(result.unattributed.share.equals(big(1).minus(attributed))).toBe(true);
        expect(result.unattributed.share.gte(0)).toBe(true);
        if (lost !== undefined)
          expect(customers.plus(result.unattributed.customers ?? Number.NaN).equals(lost)).toBe(true);
      }),
      runs,
    );
  });

  it('with counts: the counts and the unattributed rest add up to the lost customers, and each share is count / lost', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 6 }), fc.nat(1000), (counts, rest) => {
        const lost = counts.reduce((s, x) => s + x, 0) + rest;
        const result = churnBreakdown({ reasonCounts: named(counts.map(String)), lostCustomers: lost });
        let customers = big(0);
        let shareSum = big(0);
        for (const [i, line] of result.reasons.entries()) {
          expect(line.customers?.equals(counts[i] ?? Number.NaN)).toBe(true);
          expect(line.share.equals(lost === 0 ? 0 : asResult(big(counts[i] ?? Number.NaN).div(lost)))).toBe(true);
          customers = customers.plus(line.customers ?? Number.NaN);
          shareSum = shareSum.plus(line.share);
        }
        expect(result.unattributed.customers?.equals(rest)).toBe(true);
        expect(customers.plus(rest).equals(lost)).toBe(true);
        // Shares are rounded quotients: they add up to 1 within one rounding each.
        if (lost > 0) expect(near(shareSum.plus(result.unattributed.share), big(1), '1e-32')).toBe(true);
      }),
      runs,
    );
  });
});

describe('convertRatePeriod', () => {
  it('retention and churn over the new length add up to exactly 1 and stay in [0, 1]', () => {
    fc.assert(
      fc.property(fraction4(), fc.integer({ min: 1, max: 36 }), fc.integer({ min: 1, max: 36 }), (r, from, to) => {
        const c = convertRatePeriod({ retentionRate: r, fromPeriodLength: from, toPeriodLength: to });
        expect(c.retentionRate.plus(c.churnRate).equals(1)).toBe(true);
        expect(c.retentionRate.gte(0) && c.retentionRate.lte(1)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('a whole-number ratio k of lengths gives exactly r^k, and only the ratio of the lengths matters', () => {
    fc.assert(
      fc.property(fraction4(), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 30 }), (r, k, unit) => {
        // r has four decimals, so r^8 has at most 32 digits: exact at 34.
        let power = big(1);
        for (let i = 0; i < k; i++) power = power.times(r);
        const c = convertRatePeriod({ retentionRate: r, fromPeriodLength: unit, toPeriodLength: k * unit });
        expect(c.retentionRate.equals(power)).toBe(true);
        expect(
          convertRatePeriod({ retentionRate: r, fromPeriodLength: 1, toPeriodLength: k }).retentionRate.equals(power),
        ).toBe(true);
        expect(
          convertRatePeriod({ retentionRate: r, fromPeriodLength: unit, toPeriodLength: unit }).retentionRate.equals(r),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('a longer period never retains more; converting there and back returns the rate; churn gives what retention gives', () => {
    fc.assert(
      fc.property(fraction4(1), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (r, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        const shorter = convertRatePeriod({ retentionRate: r, fromPeriodLength: 1, toPeriodLength: short });
        const longer = convertRatePeriod({ retentionRate: r, fromPeriodLength: 1, toPeriodLength: long });
        expect(longer.retentionRate.lte(shorter.retentionRate)).toBe(true);
        const there = convertRatePeriod({ retentionRate: r, fromPeriodLength: a, toPeriodLength: b }).retentionRate;
        const back = convertRatePeriod({ retentionRate: there, fromPeriodLength: b, toPeriodLength: a }).retentionRate;
        // Two correctly rounded powers: the round trip keeps about 32 digits.
        expect(near(back, big(r), '1e-30')).toBe(true);
        const viaChurn = convertRatePeriod({
          churnRate: big(1).minus(r).toString(),
          fromPeriodLength: a,
          toPeriodLength: b,
        });
        expect(viaChurn.retentionRate.equals(there)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('expectedCustomerLifetime', () => {
  it('is 1 / churn: the lifetime value of a margin of 1 undiscounted, at least 1 period, and falls as churn rises', () => {
    fc.assert(
      fc.property(fraction4(1), fraction4(1), (c1, c2) => {
        const lifetime = expectedCustomerLifetime({ churnRate: c1 });
        expect(lifetime.equals(customerLifetimeValue({ margin: 1, churnRate: c1 }))).toBe(true);
        expect(lifetime.equals(asResult(big(1).div(c1)))).toBe(true);
        expect(lifetime.gte(1)).toBe(true);
        expect(expectedCustomerLifetime({ retentionRate: big(1).minus(c1).toString() }).equals(lifetime)).toBe(true);
        const other = expectedCustomerLifetime({ churnRate: c2 });
        expect(big(c1).lte(c2) ? other.lte(lifetime) : other.gte(lifetime)).toBe(true);
      }),
      runs,
    );
  });
});

describe('ltvToCacRatio and maxAcquisitionCost', () => {
  const value = fc.integer({ min: -10_000_000, max: 10_000_000 }).map(scaled(2));

  it('the ratio is value / cost: k times the cost gives exactly k, and the currency unit does not matter', () => {
    fc.assert(
      fc.property(value, money, fc.integer({ min: 2, max: 1000 }), (k, cost, c) => {
        expect(ltvToCacRatio({ lifetimeValue: big(k).times(cost).toString(), acquisitionCost: cost }).equals(k)).toBe(
          true,
        );
        const ratio = ltvToCacRatio({ lifetimeValue: k, acquisitionCost: cost });
        expect(ratio.equals(asResult(big(k).div(cost)))).toBe(true);
        const inCents = ltvToCacRatio({
          lifetimeValue: big(k).times(c).toString(),
          acquisitionCost: big(cost).times(c).toString(),
        });
        expect(inCents.equals(ratio)).toBe(true);
        expect(Math.sign(ratio.toNumber())).toBe(Math.sign(Number(k)));
      }),
      runs,
    );
  });

  it('the ratio rises with the lifetime value and falls with the acquisition cost', () => {
    fc.assert(
      fc.property(value, money, money, (v, cost, more) => {
        const ratio = ltvToCacRatio({ lifetimeValue: v, acquisitionCost: cost });
        expect(ltvToCacRatio({ lifetimeValue: big(v).plus(more).toString(), acquisitionCost: cost }).gt(ratio)).toBe(
          true,
        );
        const dearer = ltvToCacRatio({ lifetimeValue: v, acquisitionCost: big(cost).plus(more).toString() });
        expect(big(v).gte(0) ? dearer.lte(ratio) : dearer.gte(ratio)).toBe(true);
      }),
      runs,
    );
  });

  it('the ceiling is value / ratio (3 by default, the value itself at 1), and undoes the ratio', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 1000 }).map(scaled(1)), money, (v, ratio, cost) => {
        expect(
          maxAcquisitionCost({ lifetimeValue: v }).equals(maxAcquisitionCost({ lifetimeValue: v, ltvToCacRatio: 3 })),
        ).toBe(true);
        expect(maxAcquisitionCost({ lifetimeValue: v, ltvToCacRatio: 1 }).equals(v)).toBe(true);
        expect(
          maxAcquisitionCost({ lifetimeValue: big(v).times(ratio).toString(), ltvToCacRatio: ratio }).equals(v),
        ).toBe(true);
        const ceiling = maxAcquisitionCost({ lifetimeValue: v, ltvToCacRatio: ratio });
        expect(ceiling.equals(asResult(big(v).div(ratio)))).toBe(true);
        // A stricter ratio lowers the ceiling of a positive value.
        const stricter = maxAcquisitionCost({ lifetimeValue: v, ltvToCacRatio: big(ratio).plus(1).toString() });
        expect(big(v).gte(0) ? stricter.lte(ceiling) : stricter.gte(ceiling)).toBe(true);
        // The ceiling at the ratio a cost gives is that cost, within the ratio's rounding.
        const r = ltvToCacRatio({ lifetimeValue: v, acquisitionCost: cost });
        if (!r.isZero())
          expect(near(maxAcquisitionCost({ lifetimeValue: v, ltvToCacRatio: r.abs() }).abs(), big(cost), '1e-32')).toBe(
            true,
          );
      }),
      runs,
    );
  });
});

describe('projectCustomerBase', () => {
  // Two-decimal retention over at most 12 periods keeps every value within 34 digits: all exact.
  const projection = fc.record({
    newCustomersPerPeriod: fc.nat(200),
    retentionRate: fc.integer({ min: 0, max: 100 }).map(scaled(2)),
    periods: fc.integer({ min: 1, max: 12 }),
    initialCustomers: fc.option(fc.nat(1000), { nil: undefined }),
    margin: fc.option(fc.integer({ min: -100_000, max: 100_000 }).map(scaled(2)), { nil: undefined }),
    acquisitionCost: fc.option(fc.integer({ min: 0, max: 100_000 }).map(scaled(2)), { nil: undefined }),
  });

  it('rows chain: customers = carried + new, lost = customers x (1 - r), the end is the next start, profit accumulates', () => {
    fc.assert(
      fc.property(projection, (o) => {
        const rows = projectCustomerBase(o);
        expect(rows.map((row) => row.period)).toEqual(Array.from({ length: o.periods }, (_, i) => i + 1));
        let carried = big(o.initialCustomers ?? 0);
        let cumulative = big(0);
        const churn = big(1).minus(o.retentionRate);
        for (const row of rows) {
          expect(row.customersAtStart.equals(carried)).toBe(true);
          expect(row.newCustomers.equals(o.newCustomersPerPeriod)).toBe(true);
          expect(row.customers.equals(carried.plus(o.newCustomersPerPeriod))).toBe(true);
          expect(row.lostCustomers.equals(big(row.customers).times(churn))).toBe(true);
          expect(row.customersAtEnd.equals(big(row.customers).minus(row.lostCustomers))).toBe(true);
          expect(row.margin.equals(big(row.customers).times(o.margin ?? 0))).toBe(true);
          expect(row.acquisitionSpend.equals(big(o.newCustomersPerPeriod).times(o.acquisitionCost ?? 0))).toBe(true);
          expect(row.profit.equals(big(row.margin).minus(row.acquisitionSpend))).toBe(true);
          cumulative = cumulative.plus(row.profit);
          expect(row.cumulativeProfit.equals(cumulative)).toBe(true);
          expect(row.lostCustomers.gte(0) && row.customersAtEnd.gte(0)).toBe(true);
          carried = big(row.customersAtEnd);
        }
      }),
      runs,
    );
  });

  it('follows the closed form customers_t = r^(t-1) I + N (1 + r + ... + r^(t-1)); a shorter projection is a prefix', () => {
    fc.assert(
      fc.property(projection, fc.integer({ min: 1, max: 12 }), (o, shorter) => {
        const rows = projectCustomerBase(o);
        const r = big(o.retentionRate);
        for (const row of rows) {
          let geometric = big(0);
          for (let j = 0; j < row.period; j++) geometric = geometric.plus(r.pow(j));
          const expected = r
            .pow(row.period - 1)
            .times(o.initialCustomers ?? 0)
            .plus(geometric.times(o.newCustomersPerPeriod));
          expect(row.customers.equals(expected)).toBe(true);
        }
        const prefix = projectCustomerBase({ ...o, periods: Math.min(shorter, o.periods) });
        expect(prefix.map((row) => row.cumulativeProfit.toString())).toEqual(
          rows.slice(0, prefix.length).map((row) => row.cumulativeProfit.toString()),
        );
      }),
      runs,
    );
  });

  it('from no customers the base grows every period and never exceeds N / (1 - r)', () => {
    fc.assert(
      fc.property(projection, (o) => {
        const rows = projectCustomerBase({ ...o, initialCustomers: 0 });
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i]?.customers.gte(rows[i - 1]?.customers ?? Number.NaN)).toBe(true);
        }
        if (big(o.retentionRate).lt(1) && o.newCustomersPerPeriod > 0) {
          const limit = big(o.newCustomersPerPeriod).div(big(1).minus(o.retentionRate));
          for (const row of rows) expect(row.customers.lte(limit)).toBe(true);
        }
      }),
      runs,
    );
  });
});

describe('referralValue', () => {
  const k = fraction4(0, 9_999);
  const value = fc.integer({ min: -10_000_000, max: 10_000_000 }).map(scaled(2));

  it('one customer leads to k / (1 - k) others and is worth CLV / (1 - k) = CLV x (1 + those others)', () => {
    fc.assert(
      fc.property(value, k, (clv, referrals) => {
        const r = referralValue({ lifetimeValue: clv, referralsPerCustomer: referrals });
        const keep = big(1).minus(referrals);
        expect(r.directReferrals.equals(referrals)).toBe(true);
        expect(r.totalReferredCustomers.equals(asResult(big(referrals).div(keep)))).toBe(true);
        expect(r.lifetimeValueWithReferrals.equals(asResult(big(clv).div(keep)))).toBe(true);
        expect(near(r.lifetimeValueWithReferrals, big(clv).times(big(r.totalReferredCustomers).plus(1)), '1e-30')).toBe(
          true,
        );
        expect(r.totalReferredCustomers.gte(referrals)).toBe(true);
      }),
      runs,
    );
  });

  it('per purchase gives what k = referralsPerPurchase x purchasesPerCustomer gives; no referrals change nothing; more add value', () => {
    fc.assert(
      fc.property(
        value,
        fc.integer({ min: 0, max: 999 }).map(scaled(4)),
        fc.integer({ min: 0, max: 10 }),
        k,
        (clv, perPurchase, purchases, more) => {
          const perCustomer = big(perPurchase).times(purchases).toString();
          const a = referralValue({
            lifetimeValue: clv,
            referralsPerPurchase: perPurchase,
            purchasesPerCustomer: purchases,
          });
          const b = referralValue({ lifetimeValue: clv, referralsPerCustomer: perCustomer });
          expect(a.lifetimeValueWithReferrals.equals(b.lifetimeValueWithReferrals)).toBe(true);
          expect(a.totalReferredCustomers.equals(b.totalReferredCustomers)).toBe(true);
          const none = referralValue({ lifetimeValue: clv, referralsPerCustomer: 0 });
          expect(none.lifetimeValueWithReferrals.equals(clv) && none.totalReferredCustomers.isZero()).toBe(true);
          const [low, high] = big(perCustomer).lte(more) ? [perCustomer, more] : [more, perCustomer];
          const lowValue = referralValue({ lifetimeValue: clv, referralsPerCustomer: low }).lifetimeValueWithReferrals;
          const highValue = referralValue({
            lifetimeValue: clv,
            referralsPerCustomer: high,
          }).lifetimeValueWithReferrals;
          expect(big(clv).gte(0) ? highValue.gte(lowValue) : highValue.lte(lowValue)).toBe(true);
        },
      ),
      runs,
    );
  });
});

describe('retention and profit', () => {
  /** Lifetime terms with a finite lifetime value for retention up to 0.99. */
  const profitCase = fc
    .record({
      retentionRate: fraction4(0, 9_000),
      margin: fc.integer({ min: 1, max: 100_000 }).map(scaled(2)),
      discountRate: fc.option(fraction4(0, 2_000), { nil: undefined }),
      marginGrowth: fc.option(fc.integer({ min: -500, max: 0 }).map(scaled(4)), { nil: undefined }),
      periods: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      timing: fc.option(timing, { nil: undefined }),
    })
    // With end timing a customer at retention 0 is worth nothing: no profit to change relatively.
    .filter((c) => !(c.timing === 'end' && big(c.retentionRate).isZero()));
  const lift = fraction4(1, 900);
  /** Over a single period with start timing the margin is paid whatever the retention: profit does not respond to it. */
  const responds = (c: { periods?: number | undefined; timing?: 'start' | 'end' | undefined }) =>
    c.periods !== 1 || c.timing === 'end';

  it('sensitivity: base and lifted lifetime values are customerLifetimeValue at r and r + lift; change = gain / |base profit|', () => {
    fc.assert(
      fc.property(
        profitCase,
        lift,
        fc.nat(300),
        fc.option(money, { nil: undefined }),
        fc.integer({ min: 1, max: 1000 }),
        (c, l, costShare, costs, customers) => {
          const clv = customerLifetimeValue(c);
          // An acquisition cost anywhere from 0 to three times the lifetime value.
          const acquisitionCost = asResult(big(clv).times(costShare).div(100)).toString();
          fc.pre(!big(clv).equals(acquisitionCost));
          const s = retentionProfitSensitivity({
            ...c,
            retentionLift: l,
            acquisitionCost,
            ...(costs === undefined ? {} : { costs, customers }),
          });
          const lifted = customerLifetimeValue({ ...c, retentionRate: big(c.retentionRate).plus(l).toString() });
          expect(s.baseLifetimeValue.equals(clv)).toBe(true);
          expect(s.liftedLifetimeValue.equals(lifted)).toBe(true);
          // Profits are computed from the unrounded lifetime values: equal to these within their rounding.
          const rounding = big(clv).abs().plus(big(lifted).abs()).times('1e-33');
          expect(within(s.baseValue, big(clv).minus(acquisitionCost), rounding)).toBe(true);
          expect(within(s.liftedValue, big(lifted).minus(acquisitionCost), rounding)).toBe(true);
          expect(within(s.profitGain, big(s.liftedValue).minus(s.baseValue), rounding)).toBe(true);
          expect(near(s.change, big(s.profitGain).div(big(s.baseValue).abs()), '1e-30')).toBe(true);
          // With a positive margin, more retention is more lifetime value, so more profit.
          expect(responds(c) ? s.profitGain.gt(0) && s.change.gt(0) : s.profitGain.isZero()).toBe(true);
          if (costs !== undefined)
            expect(
              near(s.costCutEquivalent ?? big(Number.NaN), big(s.profitGain).times(customers).div(costs), '1e-30'),
            ).toBe(true);
          else expect(s.costCutEquivalent).toBeUndefined();
        },
      ),
      fewRuns,
    );
  });

  it('sensitivity: a larger lift gives a larger change, no lift none, and a fall in retention a loss', () => {
    fc.assert(
      fc.property(profitCase, lift, lift, (c, a, b) => {
        const [small, large] = big(a).lte(b) ? [a, b] : [b, a];
        const change = (retentionLift: string) => retentionProfitSensitivity({ ...c, retentionLift }).change;
        expect(change(large).gte(change(small))).toBe(true);
        expect(change('0').isZero()).toBe(true);
        if (big(c.retentionRate).gte(small) && responds(c)) expect(change(`-${small}`).lt(0)).toBe(true);
      }),
      fewRuns,
    );
  });

  it('retentionLiftForProfitChange inverts the sensitivity: the lift it finds gives back the change, and a change gives back its lift', () => {
    fc.assert(
      fc.property(profitCase, fc.integer({ min: -900, max: 900 }).map(scaled(4)), fc.nat(200), (c, l, costShare) => {
        const lifted = big(c.retentionRate).plus(l);
        // Not to retention 0 itself: the target is rounded, and may then need a retention a hair below 0.
        fc.pre(lifted.gt(0) && !big(l).isZero() && responds(c));
        const clv = customerLifetimeValue(c);
        const acquisitionCost = asResult(big(clv).times(costShare).div(100)).toString();
        // A relative change needs a profit today.
        fc.pre(!big(clv).equals(acquisitionCost));
        const base = { ...c, acquisitionCost };
        const target = retentionProfitSensitivity({ ...base, retentionLift: l }).change;
        const found = retentionLiftForProfitChange({ ...base, targetChange: target });
        expect(near(found, big(l), '1e-25')).toBe(true);
        const back = retentionProfitSensitivity({ ...base, retentionLift: found }).change;
        expect(back.minus(target).abs().lte(big(target).abs().times('1e-25').plus('1e-30'))).toBe(true);
        // The sign of the lift is the sign of the change, and no change needs no lift.
        expect(found.isPositive()).toBe(big(l).isPositive());
        expect(
          retentionLiftForProfitChange({ ...base, targetChange: 0 })
            .abs()
            .lte('1e-30'),
        ).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('acquisitionCostForProfitChange gives the cost at which the lift changes profit by the target; it rises with the target', () => {
    fc.assert(
      fc.property(profitCase, lift, fc.integer({ min: 1, max: 5_000 }).map(scaled(2)), (c, l, extra) => {
        fc.pre(responds(c));
        const free = retentionProfitSensitivity({ ...c, retentionLift: l }).change;
        const target = asResult(big(free).times(big(extra).plus(1))).toString();
        const cost = acquisitionCostForProfitChange({ ...c, retentionLift: l, targetChange: target });
        const clv = customerLifetimeValue(c);
        expect(cost.gte(0) && cost.lt(clv)).toBe(true);
        const change = retentionProfitSensitivity({ ...c, retentionLift: l, acquisitionCost: cost }).change;
        expect(near(change, big(target), '1e-25')).toBe(true);
        const higher = acquisitionCostForProfitChange({
          ...c,
          retentionLift: l,
          targetChange: big(target).times(2).toString(),
        });
        expect(higher.gte(cost)).toBe(true);
      }),
      fewRuns,
    );
  });

  it('elasticity is dP/dr x r / |P|: it matches a central difference of the lifetime value', () => {
    fc.assert(
      fc.property(profitCase, fc.nat(90), (c, costShare) => {
        fc.pre(big(c.retentionRate).gt(0));
        const clv = customerLifetimeValue(c);
        const acquisitionCost = asResult(big(clv).times(costShare).div(100)).toString();
        fc.pre(!big(clv).equals(acquisitionCost));
        const e = retentionProfitElasticity({ ...c, acquisitionCost });
        const h = '1e-12';
        const at = (r: Dec) => big(customerLifetimeValue({ ...c, retentionRate: r.toString() }));
        const slope = at(big(c.retentionRate).plus(h))
          .minus(at(big(c.retentionRate).minus(h)))
          .div(big(h).times(2));
        const profit = big(clv).minus(acquisitionCost).abs();
        expect(within(e, slope.times(c.retentionRate).div(profit), big(e).abs().times('1e-9').plus('1e-20'))).toBe(
          true,
        );
        expect(responds(c) ? e.gt(0) : e.isZero()).toBe(true);
      }),
      fewRuns,
    );
  });

  it('elasticity with no acquisition cost, unlimited horizon, start timing and no growth is r / (1 + d - r); a cost raises it', () => {
    fc.assert(
      fc.property(
        fraction4(0, 9_900),
        fraction4(0, 5_000),
        money,
        fc.integer({ min: 1, max: 99 }),
        (r, d, margin, costShare) => {
          const e = retentionProfitElasticity({ retentionRate: r, margin, discountRate: d });
          expect(e.equals(asResult(big(r).div(big(d).plus(1).minus(r))))).toBe(true);
          const clv = customerLifetimeValue({ margin, retentionRate: r, discountRate: d });
          const acquisitionCost = asResult(big(clv).times(costShare).div(100)).toString();
          const withCost = retentionProfitElasticity({ retentionRate: r, margin, discountRate: d, acquisitionCost });
          expect(withCost.gte(e)).toBe(true);
        },
      ),
      runs,
    );
  });
});

describe('customerLifetimeValue and churnRate, beyond properties.test.ts', () => {
  it('end timing is start timing times r / (1 + d) (the first margin comes a period later, from a survivor)', () => {
    fc.assert(
      fc.property(
        fraction4(0, 9_900),
        fraction4(0, 3_000),
        money,
        fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
        (r, d, m, periods) => {
          const start = customerLifetimeValue({ margin: m, retentionRate: r, discountRate: d, periods });
          const end = customerLifetimeValue({ margin: m, retentionRate: r, discountRate: d, periods, timing: 'end' });
          expect(near(end, big(start).times(r).div(big(d).plus(1)), '1e-32')).toBe(true);
          if (!big(r).isZero()) expect(end.lt(start)).toBe(true);
        },
      ),
      runs,
    );
  });

  it('churn from lost customers equals churn from the counts, lost = start + new - end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(1e6), fc.nat(1e6), (start, kept, acquired) => {
        const retained = Math.min(kept, start);
        const counts = { customersAtStart: start, customersAtEnd: retained + acquired, newCustomers: acquired };
        const lost = churnRate({ customersAtStart: start, lostCustomers: start - retained });
        expect(lost.equals(churnRate(counts))).toBe(true);
        expect(lost.equals(asResult(big(start - retained).div(start)))).toBe(true);
      }),
      runs,
    );
  });
});
