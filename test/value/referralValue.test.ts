/**
 * referralValue: with k referred customers per customer (given, or referrals
 * per purchase x purchases per customer), one customer leads to k / (1 - k)
 * others and is worth CLV / (1 - k). Expected values are worked out by hand
 * in the comments or with an independent decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type ReferralValueOptions, referralValue } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls referralValue with an input the type system would refuse. */
const call = (input: unknown) => () => referralValue(input as ReferralValueOptions);

/** A result as plain strings. */
function plain(result: ReturnType<typeof referralValue>) {
  return {
    directReferrals: result.directReferrals.toString(),
    totalReferredCustomers: result.totalReferredCustomers.toString(),
    lifetimeValueWithReferrals: result.lifetimeValueWithReferrals.toString(),
  };
}

/** The expected result for a lifetime value and k, from the geometric series. */
function expected(lifetimeValue: DecimalJs.Value, k: DecimalJs) {
  const keep = new D(1).minus(k);
  return {
    directReferrals: to34(k),
    totalReferredCustomers: to34(k.div(keep)),
    lifetimeValueWithReferrals: to34(new D(lifetimeValue).div(keep)),
  };
}

const perCustomer = { lifetimeValue: 100, referralsPerCustomer: 0.5 };
const perPurchase = { lifetimeValue: 100, referralsPerPurchase: 0.1, purchasesPerCustomer: 4 };

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'1/7'", value: '1/7', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'an object', value: {}, rule: /got an object$/ },
  { label: 'an array', value: [], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('referralValue', () => {
  describe('known values', () => {
    it('doubles the value of a customer who brings half a customer: k = 0.5', () => {
      // k / (1 - k) = 0.5 / 0.5 = 1; 100 / 0.5 = 200
      expect(plain(referralValue(perCustomer))).toEqual({
        directReferrals: '0.5',
        totalReferredCustomers: '1',
        lifetimeValueWithReferrals: '200',
      });
    });

    it('multiplies referrals per purchase by purchases: 0.1 x 4 = 0.4', () => {
      // k = 0.4; 0.4 / 0.6 = 2/3; 100 / 0.6 = 500/3
      expect(plain(referralValue(perPurchase))).toEqual(expected(100, new D('0.4')));
    });

    it('reproduces one new customer per 7 rides over 3.5 rides: k = 1/7 x 3.5 = 0.5, value 90 -> 180', () => {
      const perRide = new D(1).div(7);
      const result = referralValue({ lifetimeValue: 90, referralsPerPurchase: perRide, purchasesPerCustomer: 3.5 });
      // k from the 60-digit 1/7 is 0.5 to 59 digits; every result rounds to 34 digits from it
      expect(plain(result)).toEqual(expected(90, perRide.times('3.5')));
      expect(result.lifetimeValueWithReferrals.toDecimalPlaces(20).toString()).toBe('180');
    });

    it('keeps a decimal per-ride rate exact: 0.142857142857142857 x 3.5 = 0.4999999999999999995', () => {
      const result = referralValue({
        lifetimeValue: 90,
        referralsPerPurchase: '0.142857142857142857',
        purchasesPerCustomer: 3.5,
      });
      expect(result.directReferrals.toString()).toBe('0.4999999999999999995');
      expect(plain(result)).toEqual(expected(90, new D('0.4999999999999999995')));
    });

    it('gives 1/3 more customers and 120 for k = 0.25 from 0.1 per purchase x 2.5 purchases', () => {
      // 0.25 / 0.75 = 1/3; 90 / 0.75 = 120
      const result = referralValue({ lifetimeValue: 90, referralsPerPurchase: 0.1, purchasesPerCustomer: 2.5 });
      expect(result.totalReferredCustomers.toString()).toBe(to34(new D(1).div(3)));
      expect(result.lifetimeValueWithReferrals.toString()).toBe('120');
    });

    it('scales a negative lifetime value too: -90 at k = 0.1 is -100', () => {
      // -90 / 0.9 = -100
      const result = referralValue({ lifetimeValue: -90, referralsPerCustomer: 0.1 });
      expect(result.lifetimeValueWithReferrals.toString()).toBe('-100');
      expect(result.totalReferredCustomers.toString()).toBe(to34(new D(1).div(9)));
    });
  });

  describe('boundary inputs', () => {
    it('adds nothing when a customer refers nobody: k = 0', () => {
      expect(plain(referralValue({ lifetimeValue: 90, referralsPerCustomer: 0 }))).toEqual({
        directReferrals: '0',
        totalReferredCustomers: '0',
        lifetimeValueWithReferrals: '90',
      });
      expect(plain(referralValue({ lifetimeValue: 90, referralsPerPurchase: 0, purchasesPerCustomer: 12 }))).toEqual({
        directReferrals: '0',
        totalReferredCustomers: '0',
        lifetimeValueWithReferrals: '90',
      });
      // zero purchases, any rate
      expect(
        referralValue({
          lifetimeValue: 90,
          referralsPerPurchase: 0.5,
          purchasesPerCustomer: 0,
        }).directReferrals.toString(),
      ).toBe('0');
    });

    it('treats -0 as 0 and never returns a negative zero', () => {
      const result = referralValue({ lifetimeValue: -0, referralsPerCustomer: -0 });
      expect(result.directReferrals.isNegative()).toBe(false);
      expect(result.totalReferredCustomers.isNegative()).toBe(false);
      expect(result.lifetimeValueWithReferrals.isNegative()).toBe(false);
      expect(result.lifetimeValueWithReferrals.toString()).toBe('0');
    });

    it('handles k just below 1: 0.999 gives 999 more customers and 1000 times the value', () => {
      // 0.999 / 0.001 = 999; 1 / 0.001 = 1000
      expect(plain(referralValue({ lifetimeValue: 1, referralsPerCustomer: '0.999' }))).toEqual({
        directReferrals: '0.999',
        totalReferredCustomers: '999',
        lifetimeValueWithReferrals: '1000',
      });
    });

    it("reads 0.1 and '0.1' as exactly one tenth: 90 / 0.9 = 100", () => {
      expect(
        referralValue({ lifetimeValue: 90, referralsPerCustomer: 0.1 }).lifetimeValueWithReferrals.toString(),
      ).toBe('100');
      expect(
        referralValue({ lifetimeValue: '90', referralsPerCustomer: '0.1' }).lifetimeValueWithReferrals.toString(),
      ).toBe('100');
    });

    it('reads large lifetime values exactly, as digit strings and bigints above 2^53', () => {
      // 123456789012345678901234567890 / 0.5
      expect(
        referralValue({
          lifetimeValue: '123456789012345678901234567890',
          referralsPerCustomer: 0.5,
        }).lifetimeValueWithReferrals.toString(),
      ).toBe('246913578024691357802469135780');
      // (2^60 + 1) / 0.5 = 2^61 + 2
      expect(
        referralValue({
          lifetimeValue: 2n ** 60n + 1n,
          referralsPerCustomer: '0.5',
        }).lifetimeValueWithReferrals.toString(),
      ).toBe((2n ** 61n + 2n).toString());
    });

    it('accepts large purchase counts with tiny per-purchase rates: 1e-30 x 1e29 = 0.1', () => {
      const result = referralValue({
        lifetimeValue: 9,
        referralsPerPurchase: '1e-30',
        purchasesPerCustomer: 100000000000000000000000000000n,
      });
      expect(result.directReferrals.toString()).toBe('0.1');
      expect(result.lifetimeValueWithReferrals.toString()).toBe('10');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      const result = referralValue({ lifetimeValue: new D(100), referralsPerCustomer: new D('0.2') });
      // 0.2 / 0.8 = 0.25; 100 / 0.8 = 125
      expect(plain(result)).toEqual({
        directReferrals: '0.2',
        totalReferredCustomers: '0.25',
        lifetimeValueWithReferrals: '125',
      });
    });
  });

  describe('bad input', () => {
    it('names lifetimeValue when it is missing', () => {
      const error = expectInputError(call({ referralsPerCustomer: 0.5 }), /^referralValue: lifetimeValue is required$/);
      expect(error.functionName).toBe('referralValue');
      expect(error.field).toBe('lifetimeValue');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual(['lifetimeValue']);
    });

    it('asks for referralsPerCustomer (or the per-purchase pair) when no referral rate is given', () => {
      const error = expectInputError(
        call({ lifetimeValue: 100 }),
        /^referralValue: referralsPerCustomer is required \(or give referralsPerPurchase and purchasesPerCustomer\)$/,
      );
      expect(error.field).toBe('referralsPerCustomer');
    });

    it('asks for purchasesPerCustomer when only referralsPerPurchase is given', () => {
      const error = expectInputError(
        call({ lifetimeValue: 100, referralsPerPurchase: 0.1 }),
        /^referralValue: purchasesPerCustomer is required with referralsPerPurchase$/,
      );
      expect(error.field).toBe('purchasesPerCustomer');
    });

    it('asks for a referral rate when only purchasesPerCustomer is given', () => {
      expectInputError(
        call({ lifetimeValue: 100, purchasesPerCustomer: 4 }),
        /^referralValue: referralsPerCustomer is required \(or give referralsPerPurchase and purchasesPerCustomer\)$/,
      );
    });

    const cases = [
      ...notNumbers.map((c) => ({ ...c, field: 'lifetimeValue', base: perCustomer as Record<string, unknown> })),
      ...notNumbers.map((c) => ({ ...c, field: 'referralsPerCustomer', base: perCustomer as Record<string, unknown> })),
      ...notNumbers.map((c) => ({ ...c, field: 'referralsPerPurchase', base: perPurchase as Record<string, unknown> })),
      ...notNumbers.map((c) => ({ ...c, field: 'purchasesPerCustomer', base: perPurchase as Record<string, unknown> })),
    ];
    it.each(cases)('rejects $label as $field', ({ field, base, value, rule }) => {
      const error = expectInputError(call({ ...base, [field]: value }), new RegExp(`^referralValue: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each([
      { field: 'referralsPerCustomer', base: perCustomer },
      { field: 'referralsPerPurchase', base: perPurchase },
      { field: 'purchasesPerCustomer', base: perPurchase },
    ])('rejects a negative $field', ({ field, base }) => {
      expectInputError(
        call({ ...base, [field]: -0.1 }),
        new RegExp(`^referralValue: ${field} must not be negative, got -0\\.1$`),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 100, shown: '100' },
      { label: 'an array', value: [100, 0.5], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^referralValue: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects referralsPerCustomer together with the per-purchase pair', () => {
      const error = expectInputError(
        call({ lifetimeValue: 100, referralsPerCustomer: 0.1, referralsPerPurchase: 0.1, purchasesPerCustomer: 4 }),
        /^referralValue: referralsPerCustomer or referralsPerPurchase with purchasesPerCustomer is required, not both$/,
      );
      expect(error.field).toBe('referralsPerCustomer');
    });

    it('rejects referralsPerCustomer together with only one of the per-purchase fields', () => {
      expectInputError(
        call({ lifetimeValue: 100, referralsPerCustomer: 0.1, purchasesPerCustomer: 4 }),
        /^referralValue: referralsPerCustomer or referralsPerPurchase with purchasesPerCustomer is required, not both$/,
      );
      expectInputError(
        call({ lifetimeValue: 100, referralsPerCustomer: 0.1, referralsPerPurchase: 0.1 }),
        /^referralValue: referralsPerCustomer or referralsPerPurchase with purchasesPerCustomer is required, not both$/,
      );
    });

    it('rejects one referred customer per customer: the chain never ends', () => {
      const error = expectInputError(
        call({ lifetimeValue: 100, referralsPerCustomer: 1 }),
        /^referralValue: referralsPerCustomer gives k = 1 referred customers per customer; .*the value is unbounded$/,
      );
      expect(error.field).toBe('referralsPerCustomer');
    });

    it('rejects a per-purchase rate that reaches 1 per customer, naming referralsPerPurchase: 0.25 x 4 = 1', () => {
      const error = expectInputError(
        call({ lifetimeValue: 100, referralsPerPurchase: '0.25', purchasesPerCustomer: 4 }),
        /^referralValue: referralsPerPurchase x purchasesPerCustomer gives k = 1 referred customers per customer; /,
      );
      expect(error.field).toBe('referralsPerPurchase');
    });

    it('rejects more than one referred customer per customer: 0.5 x 3 = 1.5', () => {
      expectInputError(
        call({ lifetimeValue: 100, referralsPerPurchase: 0.5, purchasesPerCustomer: 3 }),
        /^referralValue: referralsPerPurchase x purchasesPerCustomer gives k = 1\.5 referred customers per customer/,
      );
    });
  });
});
