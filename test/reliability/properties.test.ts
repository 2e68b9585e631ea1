/**
 * Invariants the mathematics guarantees, checked on generated inputs
 * (fast-check): if one fails, fast-check prints the smallest input it found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  churnRate,
  customerLifetimeValue,
  retentionRate,
  revenueConcentration,
  sbgSurvival,
  topCustomerShare,
} from '../../src';
import '../support/properties';

const runs = { numRuns: 150 };
/** A rate with up to four decimals, as a string so it is read exactly. */
const rate = fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 10_000).toString());
const revenues = fc
  .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 60 })
  .filter((xs) => xs.some((x) => x > 0));

describe('retention and churn', () => {
  it('add up to 1 for any consistent counts (and so when nobody was acquired)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(1e6), fc.nat(1e6), (start, kept, acquired) => {
        const retained = Math.min(kept, start);
        const counts = { customersAtStart: start, customersAtEnd: retained + acquired, newCustomers: acquired };
        expect(retentionRate(counts).plus(churnRate(counts)).toString()).toBe('1');
      }),
      runs,
    );
  });
});

describe('customer lifetime value', () => {
  const terms = fc.record({
    margin: fc.integer({ min: 1, max: 10_000 }),
    retention: fc.integer({ min: 0, max: 9_000 }).map((n) => n / 10_000),
    discount: fc.integer({ min: 0, max: 5_000 }).map((n) => n / 10_000),
  });

  it('rises with retention and with margin, and falls with the discount rate', () => {
    fc.assert(
      fc.property(terms, ({ margin, retention, discount }) => {
        const base = customerLifetimeValue({ margin, retentionRate: retention, discountRate: discount });
        expect(
          customerLifetimeValue({ margin, retentionRate: retention + 0.05, discountRate: discount }).gt(base),
        ).toBe(true);
        expect(
          customerLifetimeValue({ margin: margin + 1, retentionRate: retention, discountRate: discount }).gt(base),
        ).toBe(true);
        expect(
          customerLifetimeValue({ margin, retentionRate: retention, discountRate: discount + 0.01 }).lte(base),
        ).toBe(true);
      }),
      runs,
    );
  });

  it('over a finite horizon rises with the horizon towards, and never beyond, the unlimited value', () => {
    fc.assert(
      fc.property(terms, fc.integer({ min: 1, max: 200 }), ({ margin, retention, discount }, periods) => {
        const unlimited = customerLifetimeValue({ margin, retentionRate: retention, discountRate: discount });
        const finite = customerLifetimeValue({ margin, retentionRate: retention, discountRate: discount, periods });
        const longer = customerLifetimeValue({
          margin,
          retentionRate: retention,
          discountRate: discount,
          periods: periods + 1,
        });
        expect(finite.lte(unlimited)).toBe(true);
        expect(longer.gte(finite)).toBe(true);
      }),
      runs,
    );
    // And gets as close as one likes: 2,000 periods at retention 0.9 are within 1e-80 of the limit.
    const gap = customerLifetimeValue({ margin: 100, retentionRate: 0.9 }).minus(
      customerLifetimeValue({ margin: 100, retentionRate: 0.9, periods: 2000 }),
    );
    expect(gap.abs().lt('1e-80')).toBe(true);
  });
});

describe('revenue concentration', () => {
  it('top shares rise with the share and lie in [share, 1]', () => {
    fc.assert(
      fc.property(revenues, rate, rate, (xs, a, b) => {
        const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
        if (Number(low) === 0) return;
        const small = topCustomerShare(xs, low);
        const large = topCustomerShare(xs, high);
        expect(small.lte(large)).toBe(true);
        expect(small.gte(low) && small.lte(1)).toBe(true);
      }),
      runs,
    );
  });

  it('Gini lies in [0, 1) and Herfindahl in [1/n, 1]', () => {
    fc.assert(
      fc.property(revenues, (xs) => {
        const c = revenueConcentration(xs);
        expect(c.gini.gte(0) && c.gini.lt(1)).toBe(true);
        expect(c.herfindahl.gte(1 / xs.length - 1e-30) && c.herfindahl.lte(1)).toBe(true);
      }),
      runs,
    );
  });

  it('does not change when customers are permuted or all revenues are scaled', () => {
    fc.assert(
      fc.property(revenues, fc.integer({ min: 2, max: 1000 }), (xs, factor) => {
        const c = revenueConcentration(xs);
        const shuffled = revenueConcentration([...xs].reverse());
        const scaled = revenueConcentration(xs.map((x) => x * factor));
        for (const other of [shuffled, scaled]) {
          expect(other.gini.toString()).toBe(c.gini.toString());
          expect(other.herfindahl.toString()).toBe(c.herfindahl.toString());
          expect(other.customersForRevenueShare.toString()).toBe(c.customersForRevenueShare.toString());
          expect(other.top.map((t) => t.revenueShare.toString())).toEqual(c.top.map((t) => t.revenueShare.toString()));
        }
      }),
      runs,
    );
  });
});

describe('fitted models', () => {
  const positive = fc.double({ min: 0.01, max: 100, noNaN: true });

  it('sBG survival is non-increasing in t and stays in [0, 1]', () => {
    fc.assert(
      fc.property(positive, positive, fc.integer({ min: 0, max: 5000 }), (alpha, beta, t) => {
        const now = sbgSurvival({ alpha, beta }, { period: t });
        const next = sbgSurvival({ alpha, beta }, { period: t + 1 });
        expect(now >= 0 && now <= 1).toBe(true);
        expect(next).toBeLessThanOrEqual(now);
      }),
      runs,
    );
  });

  it('BG/NBD: P(alive) is in [0, 1] and expected purchases grow with the horizon', () => {
    fc.assert(
      fc.property(
        fc.record({ r: positive, alpha: positive, a: positive, b: positive }),
        fc.nat(200),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (parameters, x, share, age) => {
          const history = { frequency: x, recency: x === 0 ? 0 : share * age, age };
          const alive = bgNbdProbabilityAlive(parameters, history);
          expect(alive >= 0 && alive <= 1).toBe(true);
          const soon = bgNbdExpectedPurchases(parameters, { ...history, horizon: 10 });
          const later = bgNbdExpectedPurchases(parameters, { ...history, horizon: 20 });
          expect(Number.isFinite(soon) && soon >= 0).toBe(true);
          // The quadrature route converges to 1e-12 relative: allow that much noise, and no more than 1e-9.
          expect(later).toBeGreaterThanOrEqual(soon * (1 - 1e-9));
        },
      ),
      { numRuns: 100 },
    );
  });
});
