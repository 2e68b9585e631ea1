/**
 * How revenue lists are read (src/internal/revenues.ts, under
 * revenueConcentration, topCustomerShare and revenueRetention): short decimals
 * are read as numbers, longer ones as Decimals, and a list may mix the two.
 * Expected totals are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { revenueConcentration, revenueConcentrationSchema, revenueRetention } from '../../src';
import { IntegerSum, readAmount } from '../../src/internal/revenues';
import { inputErrorOf } from '../support/expectInputError';

describe('readAmount', () => {
  it('reads numbers and decimal strings a double holds exactly as numbers', () => {
    expect(readAmount(12.5)).toBe(12.5);
    expect(readAmount('1250.50')).toBe(1250.5);
    expect(readAmount('123456789012345')).toBe(123456789012345);
    expect(readAmount('1234567.12345678')).toBe(1234567.12345678);
    // -0 is read as 0, so no -0 reaches a sum or a result.
    expect(Object.is(readAmount(-0), 0)).toBe(true);
  });

  it('keeps a decimal string with more digits than a double holds as a Decimal, digit for digit', () => {
    // 18 significant digits: the nearest double is 123456789.12345679.
    for (const text of ['123456789.123456789', '0.1000000000000000001', '12345678901234567890']) {
      const read = readAmount(text);
      expect(typeof read, text).toBe('object');
      expect(read.toString()).toBe(text);
    }
  });

  it('refuses malformed and negative amounts with the reason', () => {
    expect(readAmount('12.ab')).toBe(
      'must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "12.ab"',
    );
    expect(readAmount('12.')).toBe(12);
    expect(readAmount(-1)).toBe('must not be negative, got -1');
    expect(readAmount('-0.5')).toBe('must not be negative, got -0.5');
    expect(readAmount(Number.NaN)).toBe('must be a number, got NaN');
  });
});

describe('IntegerSum', () => {
  it('adds past 2^53 exactly', () => {
    const sum = new IntegerSum();
    const big = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    for (let i = 0; i < 5; i++) sum.add(big);
    sum.add(7);
    sum.addBig(10n ** 20n);
    expect(sum.value().toString()).toBe((5n * (2n ** 53n - 1n) + 7n + 10n ** 20n).toString());
  });
});

describe('revenue lists that mix numbers and long decimals', () => {
  it('sums a number and a Decimal exactly, whichever comes first', () => {
    for (const revenues of [
      [1, '123456789.123456789'],
      ['123456789.123456789', 1],
      [1, '2', '123456789.123456789', 0],
    ]) {
      expect(revenueConcentration(revenues).total.toString()).toBe(
        revenues.length === 2 ? '123456790.123456789' : '123456792.123456789',
      );
    }
  });

  it('keeps long decimals exact in revenueRetention too', () => {
    const result = revenueRetention({
      startRevenue: [{ customerId: 'a', revenue: '123456789.123456789' }],
      endRevenue: [{ customerId: 'a', revenue: '123456789.123456790' }],
    });
    // Results are in plain notation (the library's Decimal prints no exponent down to 1e-40).
    expect(result.expansion.toString()).toBe('0.000000001');
    expect(result.startingRevenue.toString()).toBe('123456789.123456789');
  });

  it('revenueRetention: a number row before a Decimal row, sums past 2^53 and amounts finer than 10^-9', () => {
    const mixed = revenueRetention({
      startRevenue: [
        { customerId: 'a', revenue: 1 },
        { customerId: 'b', revenue: '123456789.123456789' },
      ],
      endRevenue: [{ customerId: 'a', revenue: 2 }],
    });
    expect([mixed.startingRevenue, mixed.expansion, mixed.churnedRevenue].map(String)).toEqual([
      '123456790.123456789',
      '1',
      '123456789.123456789',
    ]);
    // Three rows of 2^52 + 1 for one customer: 3 x 4503599627370497 = 13510798882111491, odd and
    // above 2^53, so no double holds it.
    const big = 4503599627370497;
    const past = revenueRetention({
      startRevenue: [big, big, big].map((revenue) => ({ customerId: 'a', revenue })),
      endRevenue: [{ customerId: 'a', revenue: 1 }],
    });
    expect([past.startingRevenue, past.contraction].map(String)).toEqual(['13510798882111491', '13510798882111490']);
    // 1e-10 and 3e-10 have ten decimal places: beyond the scaled-integer path.
    const fine = revenueRetention({
      startRevenue: [{ customerId: 'a', revenue: 1e-10 }],
      endRevenue: [{ customerId: 'a', revenue: 3e-10 }],
    });
    expect([fine.startingRevenue, fine.expansion].map(String)).toEqual(['0.0000000001', '0.0000000002']);
  });

  it('names the row of a malformed revenue', () => {
    const error = inputErrorOf(() => revenueConcentration([3, '12.ab']));
    expect(error.message).toBe(
      'revenueConcentration: revenues[1] must be a plain decimal number such as "1250.50" (no spaces, thousands separators or hex), got "12.ab"',
    );
  });

  it('reports a problem in the schema as a custom issue at the revenue it is about', () => {
    const result = revenueConcentrationSchema.safeParse({ revenues: [1, -2] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('custom');
    expect(result.error?.issues[0]?.path).toEqual(['revenues', 1]);
    expect(result.error?.issues[0]?.message).toBe('must not be negative, got -2');
    const shares = revenueConcentrationSchema.safeParse({ revenues: [1], topShares: [0.5, 2] });
    expect(shares.error?.issues[0]?.code).toBe('custom');
    expect(shares.error?.issues[0]?.path).toEqual(['topShares', 1]);
    const notAList = revenueConcentrationSchema.safeParse({ revenues: [1], topShares: 0.5 });
    expect(notAList.error?.issues[0]?.code).toBe('custom');
    expect(notAList.error?.issues[0]?.message).toBe('must be an array of shares, got 0.5');
  });
});
