/**
 * revenueRetention: net and gross revenue retention from each customer's
 * recurring revenue at the start and end of a period. Expected values are
 * worked out by hand in the comments, or with the test's own decimal.js clone.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type CustomerRevenue,
  Decimal,
  type RevenueRetentionOptions,
  type RevenueRetentionResult,
  revenueRetention,
} from '../../src';
import { expectInputError } from '../support/expectInputError';

/** The test's own decimal.js, independent of the library's clone. */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** All fields as strings, for toEqual. */
function strings(r: RevenueRetentionResult): Record<keyof RevenueRetentionResult, string> {
  return {
    startingRevenue: r.startingRevenue.toString(),
    retainedRevenue: r.retainedRevenue.toString(),
    expansion: r.expansion.toString(),
    contraction: r.contraction.toString(),
    churnedRevenue: r.churnedRevenue.toString(),
    newRevenue: r.newRevenue.toString(),
    netRevenueRetention: r.netRevenueRetention.toString(),
    grossRevenueRetention: r.grossRevenueRetention.toString(),
    grossRevenueChurn: r.grossRevenueChurn.toString(),
  };
}

// Start and end of a month, per customer:
//   a: 100 -> 150             expansion 50
//   b: 200 -> 120             contraction 80
//   c:  50 -> (absent)        churned 50
//   d: 100 -> 0               churned 100 (an explicit 0 is churned too)
//   f:  30 + 20 -> 25 + 35    several rows: 50 -> 60, expansion 10
//   e:   0 -> 40              at 0 at the start: new, not expansion
//   h: (absent) -> 70         new
// starting = 100 + 200 + 50 + 100 + 50 = 500; retained = 150 + 120 + 0 + 0 + 60 = 330.
// expansion 60, contraction 80, churned 150, new 40 + 70 = 110.
// NRR = (500 + 60 - 80 - 150) / 500 = 330 / 500 = 0.66; GRR = (500 - 80 - 150) / 500 = 270 / 500 = 0.54;
// gross revenue churn = (80 + 150) / 500 = 0.46 = 1 - GRR.
const month: { startRevenue: CustomerRevenue[]; endRevenue: CustomerRevenue[] } = {
  startRevenue: [
    { customerId: 'a', revenue: 100 },
    { customerId: 'b', revenue: '200' },
    { customerId: 'c', revenue: 50 },
    { customerId: 'd', revenue: 100n },
    { customerId: 'f', revenue: 30 },
    { customerId: 'e', revenue: 0 },
    { customerId: 'f', revenue: '20.00' },
  ],
  endRevenue: [
    { customerId: 'a', revenue: 150 },
    { customerId: 'b', revenue: 120 },
    { customerId: 'd', revenue: 0 },
    { customerId: 'f', revenue: 25 },
    { customerId: 'e', revenue: 40 },
    { customerId: 'h', revenue: 70 },
    { customerId: 'f', revenue: 35 },
  ],
};

describe('revenueRetention', () => {
  describe('a hand-computed month', () => {
    it('gives NRR, GRR, gross revenue churn and their components', () => {
      expect(strings(revenueRetention(month))).toEqual({
        startingRevenue: '500',
        retainedRevenue: '330',
        expansion: '60',
        contraction: '80',
        churnedRevenue: '150',
        newRevenue: '110',
        netRevenueRetention: '0.66',
        grossRevenueRetention: '0.54',
        grossRevenueChurn: '0.46',
      });
    });

    it('returns Decimals, with NRR = retained / starting and gross churn = 1 - GRR', () => {
      const r = revenueRetention(month);
      for (const value of Object.values(r)) expect(value).toBeInstanceOf(Decimal);
      expect(r.netRevenueRetention.eq(r.retainedRevenue.div(r.startingRevenue))).toBe(true);
      expect(r.grossRevenueChurn.plus(r.grossRevenueRetention).toString()).toBe('1');
      expect(
        r.startingRevenue.plus(r.expansion).minus(r.contraction).minus(r.churnedRevenue).eq(r.retainedRevenue),
      ).toBe(true);
    });

    it('gives the same result whatever the order of the rows', () => {
      const reversed = { startRevenue: [...month.startRevenue].reverse(), endRevenue: [...month.endRevenue].reverse() };
      expect(strings(revenueRetention(reversed))).toEqual(strings(revenueRetention(month)));
    });

    it('gives NRR above 1 when expansion outweighs losses, GRR still at most 1', () => {
      // a 100 -> 180 (+80), b 100 -> 90 (-10), c 100 -> gone (-100), d 100 -> 250 (+150): start 400,
      // retained 520, NRR 520 / 400 = 1.3, GRR (400 - 10 - 100) / 400 = 0.725, gross churn 0.275.
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'b', revenue: 100 },
          { customerId: 'c', revenue: 100 },
          { customerId: 'd', revenue: 100 },
        ],
        endRevenue: [
          { customerId: 'a', revenue: 180 },
          { customerId: 'b', revenue: 90 },
          { customerId: 'd', revenue: 250 },
        ],
      });
      expect(r.netRevenueRetention.toString()).toBe('1.3');
      expect(r.grossRevenueRetention.toString()).toBe('0.725');
      expect(r.grossRevenueChurn.toString()).toBe('0.275');
      expect(r.expansion.toString()).toBe('230');
    });

    it('gives 1 and no movement when every customer pays the same', () => {
      const same = [
        { customerId: 1, revenue: '49.99' },
        { customerId: 2, revenue: '19.99' },
      ];
      const r = revenueRetention({ startRevenue: same, endRevenue: same });
      expect([r.netRevenueRetention, r.grossRevenueRetention, r.grossRevenueChurn].map(String)).toEqual([
        '1',
        '1',
        '0',
      ]);
      expect([r.expansion, r.contraction, r.churnedRevenue, r.newRevenue].map(String)).toEqual(['0', '0', '0', '0']);
      expect(r.startingRevenue.toString()).toBe('69.98');
    });

    it('gives a non-terminating ratio to 34 significant digits', () => {
      // start 300; a keeps 100, b drops to 0, c 100 -> 0: NRR 100 / 300 = 1/3.
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'b', revenue: 100 },
          { customerId: 'c', revenue: 100 },
        ],
        endRevenue: [{ customerId: 'a', revenue: 100 }],
      });
      // Python: Decimal(1) / Decimal(3) at 34 digits.
      expect(r.netRevenueRetention.toString()).toBe('0.3333333333333333333333333333333333');
      expect(r.grossRevenueChurn.toString()).toBe('0.6666666666666666666666666666666667');
    });
  });

  describe('exact decimals', () => {
    it("adds '0.1' + '0.2' revenue to exactly 0.3", () => {
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'g', revenue: '0.1' },
          { customerId: 'g', revenue: '0.2' },
        ],
        endRevenue: [{ customerId: 'g', revenue: '0.3' }],
      });
      expect(r.startingRevenue.toString()).toBe('0.3');
      // 0.3 at the end is neither more nor less than 0.1 + 0.2.
      expect([r.expansion, r.contraction, r.churnedRevenue].map(String)).toEqual(['0', '0', '0']);
      expect(r.netRevenueRetention.toString()).toBe('1');
    });

    it('adds the numbers 0.1 and 0.2 to exactly 0.3, unlike floating point', () => {
      expect(0.1 + 0.2).not.toBe(0.3);
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'g', revenue: 0.1 },
          { customerId: 'g', revenue: 0.2 },
        ],
        endRevenue: [{ customerId: 'g', revenue: 0.3 }],
      });
      expect(r.startingRevenue.toString()).toBe('0.3');
      expect(r.netRevenueRetention.toString()).toBe('1');
    });

    it('accepts the application’s own decimal.js values, bigints and decimal strings alike', () => {
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'x', revenue: new DecimalJs('1234.56') },
          { customerId: 'y', revenue: 1000n },
        ],
        endRevenue: [
          { customerId: 'x', revenue: '1300.01' },
          { customerId: 'y', revenue: new D('999.99') },
        ],
      });
      // start 2234.56; expansion 65.45; contraction 0.01; retained 2300
      expect(r.startingRevenue.toString()).toBe('2234.56');
      expect(r.expansion.toString()).toBe('65.45');
      expect(r.contraction.toString()).toBe('0.01');
      expect(r.retainedRevenue.toString()).toBe('2300');
      expect(r.netRevenueRetention.toString()).toBe(to34(new D('2300').div('2234.56')));
    });
  });

  describe('new customers', () => {
    it('counts a customer at 0 at the start with revenue at the end as new, outside NRR and GRR', () => {
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'z', revenue: 0 },
          { customerId: 'z', revenue: '0.00' },
        ],
        endRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'z', revenue: 500 },
        ],
      });
      expect(r.newRevenue.toString()).toBe('500');
      expect(r.startingRevenue.toString()).toBe('100');
      expect(r.retainedRevenue.toString()).toBe('100');
      expect(r.expansion.toString()).toBe('0');
      expect(r.netRevenueRetention.toString()).toBe('1');
    });

    it('does not count as churned a customer at 0 at both ends', () => {
      const r = revenueRetention({
        startRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'z', revenue: 0 },
        ],
        endRevenue: [
          { customerId: 'a', revenue: 100 },
          { customerId: 'z', revenue: 0 },
        ],
      });
      expect([r.churnedRevenue, r.newRevenue, r.grossRevenueChurn].map(String)).toEqual(['0', '0', '0']);
    });
  });

  describe('a generated book of 2,000 customers', () => {
    // Three kinds of amounts, one for each way the library sums: cents (exact scaled
    // integers), twelve decimal places (more than the integer path's nine: Decimals),
    // and amounts near 2^53 whose per-customer sums outgrow safe integers (Decimals again).
    it.each([
      ['cents', (u: number) => (Math.floor(u * 50_000) / 100).toFixed(2)],
      ['twelve decimal places', (u: number) => `${(Math.floor(u * 50_000) / 100).toFixed(2)}000000000007`],
      ['amounts near 2^53', (u: number) => String(9_007_199_254_740_000n + BigInt(Math.floor(u * 50_000)))],
    ])('agrees with a direct computation in the test’s own decimal.js (%s)', (_, amount) => {
      // mulberry32, seeded: the same book on every run
      let seed = 12345;
      const next = () => {
        seed = (seed + 0x6d2b79f5) >>> 0;
        let t = seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const start: CustomerRevenue[] = [];
      const end: CustomerRevenue[] = [];
      const cents = () => amount(next());
      for (let i = 0; i < 2_000; i++) {
        const id = `k${i}`;
        const kind = next();
        if (kind < 0.85) start.push({ customerId: id, revenue: cents() });
        if (kind < 0.2) start.push({ customerId: id, revenue: cents() }); // a second subscription
        const fate = next();
        if (kind >= 0.85 || fate < 0.8) end.push({ customerId: id, revenue: fate < 0.05 ? '0' : cents() });
      }
      const sum = (rows: CustomerRevenue[]) => {
        const map = new Map<string | number, DecimalJs>();
        for (const r of rows) map.set(r.customerId, (map.get(r.customerId) ?? new D(0)).plus(String(r.revenue)));
        return map;
      };
      const s = sum(start);
      const e = sum(end);
      let starting = new D(0);
      let retained = new D(0);
      let expansion = new D(0);
      let contraction = new D(0);
      let churned = new D(0);
      let fresh = new D(0);
      for (const [id, a] of s) {
        if (a.isZero()) continue;
        const b = e.get(id) ?? new D(0);
        starting = starting.plus(a);
        retained = retained.plus(b);
        if (b.isZero()) churned = churned.plus(a);
        else if (b.gt(a)) expansion = expansion.plus(b.minus(a));
        else contraction = contraction.plus(a.minus(b));
      }
      for (const [id, b] of e) if (!(s.get(id)?.gt(0) ?? false)) fresh = fresh.plus(b);
      const r = revenueRetention({ startRevenue: start, endRevenue: end });
      expect(strings(r)).toEqual({
        startingRevenue: starting.toString(),
        retainedRevenue: retained.toString(),
        expansion: expansion.toString(),
        contraction: contraction.toString(),
        churnedRevenue: churned.toString(),
        newRevenue: fresh.toString(),
        netRevenueRetention: to34(retained.div(starting)),
        grossRevenueRetention: to34(starting.minus(contraction).minus(churned).div(starting)),
        grossRevenueChurn: to34(contraction.plus(churned).div(starting)),
      });
      expect(churned.gt(0) && expansion.gt(0) && contraction.gt(0) && fresh.gt(0)).toBe(true);
    });
  });

  describe('bad input', () => {
    const good = { customerId: 'a', revenue: 100 };
    const call = (options: unknown) => () => revenueRetention(options as RevenueRetentionOptions);

    it.each([-1, '-0.01', -100n, new DecimalJs(-5)])('refuses the negative revenue %s, naming the row', (revenue) => {
      expectInputError(
        call({ startRevenue: [good, { customerId: 'b', revenue }], endRevenue: [] }),
        /^revenueRetention: startRevenue\[1\]\.revenue must not be negative/,
      );
      expectInputError(
        call({ startRevenue: [good], endRevenue: [good, good, { customerId: 'b', revenue }] }),
        /^revenueRetention: endRevenue\[2\]\.revenue must not be negative/,
      );
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY, 'ten', '', '1,000', null, undefined, true])(
      'refuses the revenue %s, naming the row',
      (revenue) => {
        expectInputError(
          call({ startRevenue: [good, good, { customerId: 'b', revenue }], endRevenue: [] }),
          /^revenueRetention: startRevenue\[2\]\.revenue /,
        );
      },
    );

    it.each([
      ['missing', undefined],
      ['null', null],
      ['an empty string', ''],
      ['NaN', Number.NaN],
    ])('refuses a customerId that is %s, naming the row', (_, customerId) => {
      const error = expectInputError(
        call({ startRevenue: [good, good, { customerId, revenue: 5 }], endRevenue: [] }),
        /^revenueRetention: startRevenue\[2\]\.customerId /,
      );
      expect(error.field).toBe('startRevenue[2].customerId');
      expectInputError(
        call({ startRevenue: [good], endRevenue: [{ customerId, revenue: 5 }] }),
        /^revenueRetention: endRevenue\[0\]\.customerId /,
      );
    });

    it('refuses a start with no revenue above 0, saying what to supply', () => {
      expectInputError(
        call({
          startRevenue: [
            { customerId: 'a', revenue: 0 },
            { customerId: 'b', revenue: '0.00' },
          ],
          endRevenue: [good],
        }),
        /^revenueRetention: startRevenue must hold some revenue above 0/,
      );
      expectInputError(call({ startRevenue: [], endRevenue: [good] }), /^revenueRetention: startRevenue must hold/);
    });

    it('refuses lists that are not arrays, rows that are not objects, and missing options', () => {
      expectInputError(call({ startRevenue: { a: 1 }, endRevenue: [] }), /^revenueRetention: startRevenue /);
      expectInputError(call({ startRevenue: [good] }), /^revenueRetention: endRevenue /);
      expectInputError(call({ startRevenue: [good, 5], endRevenue: [] }), /^revenueRetention: startRevenue\[1\] /);
      expectInputError(call(undefined), /^revenueRetention: expects an options object, got nothing \(undefined\)/);
    });
  });
});
