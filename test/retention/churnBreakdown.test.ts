/**
 * churnBreakdown: churn by reason, as shares of lost customers or as counts,
 * with the unattributed rest reported. Expected values are worked out by hand
 * in the comments or with an independent decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type ChurnBreakdownOptions, churnBreakdown } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls churnBreakdown with an input the type system would refuse. */
const call = (input: unknown) => () => churnBreakdown(input as ChurnBreakdownOptions);

/** A result as plain strings, for comparison. */
function plain(result: ReturnType<typeof churnBreakdown>) {
  return {
    reasons: result.reasons.map((line) => ({
      reason: line.reason,
      share: line.share.toString(),
      customers: line.customers?.toString(),
    })),
    unattributed: { share: result.unattributed.share.toString(), customers: result.unattributed.customers?.toString() },
  };
}

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'an object', value: {}, rule: /got an object$/ },
  { label: 'an array', value: [], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('churnBreakdown', () => {
  describe('known values', () => {
    it('reports the 1 % no reason accounts for in the survey 3 + 5 + 9 + 14 + 68 = 99 %, for 200 lost customers', () => {
      const why = churnBreakdown({
        reasonShares: { noReason: 0.03, betterSupplier: 0.05, price: 0.09, product: 0.14, indifference: 0.68 },
        lostCustomers: 200,
      });
      // customers: 0.03 x 200 = 6, 0.05 x 200 = 10, 0.09 x 200 = 18, 0.14 x 200 = 28, 0.68 x 200 = 136
      // unattributed: 1 - 0.99 = 0.01, 0.01 x 200 = 2
      expect(plain(why)).toEqual({
        reasons: [
          { reason: 'noReason', share: '0.03', customers: '6' },
          { reason: 'betterSupplier', share: '0.05', customers: '10' },
          { reason: 'price', share: '0.09', customers: '18' },
          { reason: 'product', share: '0.14', customers: '28' },
          { reason: 'indifference', share: '0.68', customers: '136' },
        ],
        unattributed: { share: '0.01', customers: '2' },
      });
    });

    it('gives shares only, without customer counts, when lostCustomers is not given', () => {
      const why = churnBreakdown({ reasonShares: { price: 0.5, service: '0.25' } });
      // 1 - 0.5 - 0.25 = 0.25
      expect(plain(why)).toEqual({
        reasons: [
          { reason: 'price', share: '0.5', customers: undefined },
          { reason: 'service', share: '0.25', customers: undefined },
        ],
        unattributed: { share: '0.25', customers: undefined },
      });
      expect('customers' in why.unattributed).toBe(false);
    });

    it('turns counts into shares of lost customers: 3 and 4 of 10 leave 3 unattributed', () => {
      const why = churnBreakdown({ reasonCounts: { price: 3, service: 4 }, lostCustomers: 10 });
      // 3 / 10 = 0.3, 4 / 10 = 0.4, rest 10 - 7 = 3 = 0.3
      expect(plain(why)).toEqual({
        reasons: [
          { reason: 'price', share: '0.3', customers: '3' },
          { reason: 'service', share: '0.4', customers: '4' },
        ],
        unattributed: { share: '0.3', customers: '3' },
      });
    });

    it('rounds a share of 1 in 3 once to 34 digits', () => {
      const why = churnBreakdown({ reasonCounts: { price: 1 }, lostCustomers: 3 });
      expect(why.reasons[0]?.share.toString()).toBe(to34(new D(1).div(3)));
      expect(why.unattributed.share.toString()).toBe(to34(new D(2).div(3)));
      expect(why.unattributed.customers?.toString()).toBe('2');
    });

    it('reports an unattributed share of exactly 0 when the counts cover every lost customer', () => {
      const why = churnBreakdown({ reasonCounts: { price: 3, service: 7 }, lostCustomers: 10 });
      expect(why.unattributed.share.toString()).toBe('0');
      expect(why.unattributed.customers?.toString()).toBe('0');
    });

    it('keeps the reasons in the order given', () => {
      const why = churnBreakdown({ reasonShares: { z: 0.1, a: 0.2, m: 0.3 } });
      expect(why.reasons.map((line) => line.reason)).toEqual(['z', 'a', 'm']);
    });

    it('gives expected (possibly fractional) counts from shares: 0.25 of 10 lost is 2.5', () => {
      const why = churnBreakdown({ reasonShares: { price: 0.25 }, lostCustomers: 10 });
      expect(why.reasons[0]?.customers?.toString()).toBe('2.5');
      // 0.75 x 10
      expect(why.unattributed.customers?.toString()).toBe('7.5');
    });
  });

  describe('boundary inputs', () => {
    it('adds decimal shares exactly: 0.1 + 0.2 + 0.7 is 1 with nothing unattributed', () => {
      // In binary floating point 0.1 + 0.2 + 0.7 = 1.0000000000000002, which would exceed 1.
      const fromNumbers = churnBreakdown({ reasonShares: { a: 0.1, b: 0.2, c: 0.7 } });
      expect(fromNumbers.unattributed.share.toString()).toBe('0');
      expect(fromNumbers.unattributed.share.isNegative()).toBe(false);
      const fromStrings = churnBreakdown({ reasonShares: { a: '0.1', b: '0.2', c: '0.7' } });
      expect(fromStrings.unattributed.share.toString()).toBe('0');
    });

    it('accepts shares of exactly 0 and 1, and -0 as 0', () => {
      const all = churnBreakdown({ reasonShares: { price: 1, other: 0 } });
      expect(all.unattributed.share.toString()).toBe('0');
      const none = churnBreakdown({ reasonShares: { price: -0 }, lostCustomers: 5 });
      expect(none.reasons[0]?.share.toString()).toBe('0');
      expect(none.reasons[0]?.share.isNegative()).toBe(false);
      expect(none.unattributed.share.toString()).toBe('1');
      expect(none.unattributed.customers?.toString()).toBe('5');
    });

    it('handles zero lost customers with zero counts without returning NaN', () => {
      const why = churnBreakdown({ reasonCounts: { price: 0 }, lostCustomers: 0 });
      expect(why.reasons[0]?.share.isNaN()).toBe(false);
      expect(why.reasons[0]?.share.toString()).toBe('0');
      expect(why.reasons[0]?.customers?.toString()).toBe('0');
      expect(why.unattributed.customers?.toString()).toBe('0');
      expect(why.unattributed.share.isNaN()).toBe(false);
    });

    it('reads counts above 2^53 exactly, as bigints and digit strings', () => {
      const why = churnBreakdown({
        reasonCounts: { price: 123456789012345678901234567890n },
        lostCustomers: '246913578024691357802469135780',
      });
      expect(why.reasons[0]?.share.toString()).toBe('0.5');
      expect(why.reasons[0]?.customers?.toString()).toBe('123456789012345678901234567890');
      expect(why.unattributed.customers?.toString()).toBe('123456789012345678901234567890');
    });

    it('tells apart counts that differ by one above 2^53', () => {
      const lost = 2n ** 60n;
      const why = churnBreakdown({ reasonCounts: { price: lost - 1n }, lostCustomers: lost });
      expect(why.unattributed.customers?.toString()).toBe('1');
      // 1 / 2^60
      expect(why.unattributed.share.toString()).toBe(to34(new D(1).div(new D(2).pow(60))));
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      const why = churnBreakdown({ reasonShares: { a: new D('0.1'), b: '0.2' }, lostCustomers: new D(10) });
      expect(plain(why)).toEqual({
        reasons: [
          { reason: 'a', share: '0.1', customers: '1' },
          { reason: 'b', share: '0.2', customers: '2' },
        ],
        unattributed: { share: '0.7', customers: '7' },
      });
    });

    it('treats a reason named __proto__ as an ordinary reason and leaves Object.prototype alone', () => {
      const reasonShares = JSON.parse('{"__proto__": 0.25, "price": 0.5}') as Record<string, number>;
      const why = churnBreakdown({ reasonShares });
      expect(why.reasons.map((line) => [line.reason, line.share.toString()])).toEqual([
        ['__proto__', '0.25'],
        ['price', '0.5'],
      ]);
      expect(why.unattributed.share.toString()).toBe('0.25');
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    });
  });

  describe('bad input', () => {
    it('asks for reasonShares or reasonCounts when neither is given', () => {
      const error = expectInputError(
        call({ lostCustomers: 10 }),
        /^churnBreakdown: reasonShares or reasonCounts is required, one of the two and not both$/,
      );
      expect(error.functionName).toBe('churnBreakdown');
      expect(error.field).toBe('reasonShares');
      expect(error.issues.length).toBeGreaterThan(0);
    });

    it('asks for the reasons when the options object is empty', () => {
      expectInputError(call({}), /^churnBreakdown: reasonShares or reasonCounts is required/);
    });

    const shareCases = notNumbers.map((c) => ({ ...c, form: 'reasonShares' }));
    const countCases = notNumbers.map((c) => ({ ...c, form: 'reasonCounts' }));
    it.each([...shareCases, ...countCases])(
      'rejects $label as one value of $form, naming the reason',
      ({ form, value, rule }) => {
        const input = { [form]: { price: value }, lostCustomers: 10 };
        const error = expectInputError(call(input), new RegExp(`^churnBreakdown: ${form}\\.price `));
        expect(error.message).toMatch(rule);
        expect(error.field).toBe(`${form}.price`);
        expect(error.issues[0]?.path).toEqual([form, 'price']);
      },
    );

    it.each(notNumbers)('rejects $label as lostCustomers', ({ value, rule }) => {
      const error = expectInputError(
        call({ reasonCounts: { price: 1 }, lostCustomers: value }),
        /^churnBreakdown: lostCustomers /,
      );
      expect(error.message).toMatch(rule);
      expect(error.field).toBe('lostCustomers');
    });

    it('rejects a share above 1, hinting at percent versus fraction', () => {
      expectInputError(
        call({ reasonShares: { price: 9 } }),
        /^churnBreakdown: reasonShares\.price must be between 0 and 1 \(a fraction: 0\.9 for 90 %\), got 9$/,
      );
    });

    it('rejects a negative share', () => {
      expectInputError(
        call({ reasonShares: { price: -0.1 } }),
        /^churnBreakdown: reasonShares\.price must be between 0 and 1, got -0\.1$/,
      );
    });

    it('rejects a fractional or negative count', () => {
      expectInputError(
        call({ reasonCounts: { price: 1.5 }, lostCustomers: 6 }),
        /^churnBreakdown: reasonCounts\.price must be a whole number, got 1\.5$/,
      );
      expectInputError(
        call({ reasonCounts: { price: -1 }, lostCustomers: 6 }),
        /^churnBreakdown: reasonCounts\.price must not be negative, got -1$/,
      );
    });

    it('rejects a fractional or negative lostCustomers', () => {
      expectInputError(
        call({ reasonCounts: { price: 1 }, lostCustomers: 6.5 }),
        /^churnBreakdown: lostCustomers must be a whole number, got 6\.5$/,
      );
      expectInputError(
        call({ reasonShares: { price: 0.1 }, lostCustomers: -6 }),
        /^churnBreakdown: lostCustomers must not be negative, got -6$/,
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'an array', value: [0.5], shown: 'an array' },
      { label: 'a number', value: 0.5, shown: '0.5' },
      { label: 'a string', value: 'price', shown: '"price"' },
    ])('rejects $label in place of the reasons object', ({ value, shown }) => {
      expectInputError(
        call({ reasonShares: value }),
        new RegExp(
          `^churnBreakdown: reasonShares must be an object of named values such as \\{ price: 0\\.09 \\}, got ${shown}$`,
        ),
      );
    });

    it('rejects an empty reasons object', () => {
      expectInputError(
        call({ reasonCounts: {}, lostCustomers: 3 }),
        /^churnBreakdown: reasonCounts must name at least one value, got an empty object$/,
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 0.99, shown: '0\\.99' },
      { label: 'an array', value: [{ price: 0.5 }], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^churnBreakdown: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects both reason forms at once', () => {
      expectInputError(
        call({ reasonShares: { price: 0.5 }, reasonCounts: { price: 1 }, lostCustomers: 2 }),
        /^churnBreakdown: reasonShares or reasonCounts is required, one of the two and not both$/,
      );
    });

    it('rejects shares that add up to more than 1, giving the sum', () => {
      // 0.5 + 0.6 = 1.1
      const error = expectInputError(
        call({ reasonShares: { price: 0.5, service: 0.6 } }),
        /^churnBreakdown: reasonShares must add up to at most 1, got 1\.1$/,
      );
      expect(error.field).toBe('reasonShares');
    });

    it('rejects shares that exceed 1 only in the 34th decimal place', () => {
      expectInputError(
        call({ reasonShares: { price: '0.5', service: '0.5000000000000000000000000000000001' } }),
        /^churnBreakdown: reasonShares must add up to at most 1, got 1\.0000000000000000000000000000000001$/,
      );
    });

    it('asks for lostCustomers with reasonCounts', () => {
      const error = expectInputError(
        call({ reasonCounts: { price: 1 } }),
        /^churnBreakdown: lostCustomers is required with reasonCounts$/,
      );
      expect(error.field).toBe('lostCustomers');
    });

    it('rejects counts that add up to more than lostCustomers', () => {
      // 3 + 4 = 7 > 6
      const error = expectInputError(
        call({ reasonCounts: { price: 3, service: 4 }, lostCustomers: 6 }),
        /^churnBreakdown: reasonCounts must add up to at most lostCustomers \(6\), got 7$/,
      );
      expect(error.field).toBe('reasonCounts');
    });
  });
});
