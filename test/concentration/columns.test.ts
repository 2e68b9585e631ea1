/**
 * revenueConcentration and topCustomerShare from an Arrow-style vector (an
 * object whose toArray() gives the revenues): the same exact results as from
 * the array itself, a share computed here by a plain loop, nulls refused on
 * their cell, and a refusal for a vector that gives no list.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type RevenueVector, revenueConcentration } from '../../src/concentration/revenueConcentration';
import { topCustomerShare } from '../../src/concentration/topCustomerShare';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

const D = DecimalJs.clone({ precision: 60 });
/** An Arrow-style vector of `values` (typed as a RevenueVector; some tests give it what no vector should). */
const vector = (values: unknown): RevenueVector => ({ toArray: () => values as Float64Array });

describe('revenue concentration from a vector', () => {
  const random = mulberry32(1_000_003);
  // Cents, with zeros and ties: the cases the array tests use.
  const cents = Float64Array.from({ length: 5_000 }, () => {
    const u = random();
    return u < 0.1 ? 0 : u < 0.2 ? 25 : Math.floor(u ** 4 * 1e6) / 100;
  });

  it('gives the same result from a vector of a Float64Array, of an array and of strings as from the array', () => {
    const expected = revenueConcentration(cents, { topShares: [0.01, 0.2, 0.333] });
    expect(revenueConcentration(vector(cents) as never, { topShares: [0.01, 0.2, 0.333] })).toEqual(expected);
    expect(revenueConcentration(vector(Array.from(cents)) as never, { topShares: [0.01, 0.2, 0.333] })).toEqual(
      expected,
    );
    expect(
      revenueConcentration(vector(Array.from(cents, (x) => x.toFixed(2))), { topShares: [0.01, 0.2, 0.333] }),
    ).toEqual(expected);
    for (const share of [0.01, 0.2, 0.5])
      expect(topCustomerShare(vector(cents) as never, share)).toEqual(topCustomerShare(cents, share));
  });

  it('agrees with a plain loop: the top 20 % of customers, sorted, over the total, in the test’s own decimal.js', () => {
    const sorted = Array.from(cents).sort((a, b) => b - a);
    const k = 0.2 * sorted.length; // 1,000 whole customers
    let top = new D(0);
    let total = new D(0);
    sorted.forEach((x, i) => {
      total = total.plus(String(x));
      if (i < k) top = top.plus(String(x));
    });
    const expected = top.div(total).toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();
    expect(topCustomerShare(vector(cents), 0.2).toString()).toBe(expected);
    expect(revenueConcentration(vector(cents), { topShares: [0.2] }).top[0]?.revenueShare.toString()).toBe(expected);
  });

  it('reads a vector with nulls through its iterator, and refuses the null on its cell', () => {
    const withNulls = {
      nullCount: 1,
      toArray: () => Float64Array.of(5, 0, 3),
      [Symbol.iterator]: () => [5, null, 3][Symbol.iterator](),
    };
    expectInputError(() => topCustomerShare(withNulls as never, 0.5), /^topCustomerShare: revenues\[1\] /);
    // Without nulls (nullCount 0) its toArray() is used.
    const noNulls = { ...withNulls, nullCount: 0 };
    expect(topCustomerShare(noNulls as never, 0.5).toString()).toBe(topCustomerShare([5, 0, 3], 0.5).toString());
  });

  it('refuses a vector whose toArray() gives no list, an object without one, and a throwing toArray', () => {
    expectInputError(
      () => revenueConcentration(vector('1,2,3') as never),
      /^revenueConcentration: revenues must be an array of revenues \(or a Float64Array, or a vector whose toArray\(\) gives one\), got "1,2,3"$/,
    );
    expectInputError(
      () => topCustomerShare({ length: 2 } as never, 0.5),
      /^topCustomerShare: revenues must be an array of revenues/,
    );
    expectInputError(
      () =>
        topCustomerShare(
          {
            toArray: () => {
              throw new Error('vector gone');
            },
          } as never,
          0.5,
        ),
      /^topCustomerShare: revenues could not be read.*vector gone/,
    );
    expectInputError(
      () => topCustomerShare(vector([]) as never, 0.5),
      /^topCustomerShare: revenues must hold at least one customer/,
    );
  });
});
