/**
 * maxAcquisitionCost: the CAC ceiling lifetimeValue / ltvToCacRatio, with a
 * default ratio of 3. Expected values are worked out by hand in the comments
 * or with an independent decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, type MaxAcquisitionCostOptions, maxAcquisitionCost } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls maxAcquisitionCost with an input the type system would refuse. */
const call = (input: unknown) => () => maxAcquisitionCost(input as MaxAcquisitionCostOptions);

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'3:1'", value: '3:1', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'an object', value: {}, rule: /got an object$/ },
  { label: 'an array', value: [], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('maxAcquisitionCost', () => {
  describe('known values', () => {
    it('allows a third of a lifetime value of 500 by default: 500 / 3', () => {
      const ceiling = maxAcquisitionCost({ lifetimeValue: 500 });
      expect(ceiling.toString()).toBe(to34(new D(500).div(3)));
      expect(ceiling.toFixed(2)).toBe('166.67');
    });

    it('returns the break-even cost at a ratio of 1', () => {
      expect(maxAcquisitionCost({ lifetimeValue: 500, ltvToCacRatio: 1 }).toString()).toBe('500');
    });

    it('returns 125 at a ratio of 4 and 200 at a ratio of 2.5', () => {
      // 500 / 4 = 125; 500 / 2.5 = 200
      expect(maxAcquisitionCost({ lifetimeValue: 500, ltvToCacRatio: 4 }).toString()).toBe('125');
      expect(maxAcquisitionCost({ lifetimeValue: 500, ltvToCacRatio: '2.5' }).toString()).toBe('200');
    });

    it('allows more than the lifetime value at a ratio below 1: 500 / 0.5 = 1000', () => {
      expect(maxAcquisitionCost({ lifetimeValue: 500, ltvToCacRatio: 0.5 }).toString()).toBe('1000');
    });

    it('gives a negative ceiling for a negative lifetime value: -300 / 3 = -100', () => {
      expect(maxAcquisitionCost({ lifetimeValue: -300 }).toString()).toBe('-100');
    });

    it('gives a ceiling of 0 for a lifetime value of 0', () => {
      const ceiling = maxAcquisitionCost({ lifetimeValue: 0 });
      expect(ceiling.toString()).toBe('0');
      expect(ceiling.isNegative()).toBe(false);
    });

    it('uses the default ratio when ltvToCacRatio is explicitly undefined', () => {
      expect(maxAcquisitionCost({ lifetimeValue: 300, ltvToCacRatio: undefined }).toString()).toBe('100');
    });

    it("returns the library's own Decimal", () => {
      expect(maxAcquisitionCost({ lifetimeValue: 300 }).constructor).toBe(Decimal);
    });
  });

  describe('boundary inputs', () => {
    it("reads '0.1' and 0.1 as exactly one tenth: 0.3 / 3 = 0.1", () => {
      expect(maxAcquisitionCost({ lifetimeValue: '0.3' }).toString()).toBe('0.1');
      expect(maxAcquisitionCost({ lifetimeValue: 0.3 }).toString()).toBe('0.1');
      // 1 / 0.1 = 10
      expect(maxAcquisitionCost({ lifetimeValue: 1, ltvToCacRatio: 0.1 }).toString()).toBe('10');
    });

    it('reads large lifetime values exactly, as digit strings and bigints above 2^53', () => {
      // 123456789012345678901234567890 / 3 = 41152263004115226300411522630
      expect(maxAcquisitionCost({ lifetimeValue: '123456789012345678901234567890' }).toString()).toBe(
        '41152263004115226300411522630',
      );
      // (3 x 2^60 + 3) / 3 = 2^60 + 1
      expect(maxAcquisitionCost({ lifetimeValue: 3n * 2n ** 60n + 3n }).toString()).toBe((2n ** 60n + 1n).toString());
      expect(maxAcquisitionCost({ lifetimeValue: 2n ** 60n, ltvToCacRatio: 2n ** 59n }).toString()).toBe('2');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      expect(maxAcquisitionCost({ lifetimeValue: new D('999.99'), ltvToCacRatio: new D(3) }).toString()).toBe('333.33');
    });

    it('treats a lifetime value of -0 as 0 and never returns a negative zero', () => {
      const ceiling = maxAcquisitionCost({ lifetimeValue: -0 });
      expect(ceiling.toString()).toBe('0');
      expect(ceiling.isNegative()).toBe(false);
    });

    it('accepts a very small positive ratio', () => {
      // 1 / 1e-30 = 1e30
      expect(maxAcquisitionCost({ lifetimeValue: 1, ltvToCacRatio: '1e-30' }).toString()).toBe(
        '1000000000000000000000000000000',
      );
    });
  });

  describe('bad input', () => {
    it('names lifetimeValue when it is missing', () => {
      const error = expectInputError(call({ ltvToCacRatio: 3 }), /^maxAcquisitionCost: lifetimeValue is required$/);
      expect(error.functionName).toBe('maxAcquisitionCost');
      expect(error.field).toBe('lifetimeValue');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual(['lifetimeValue']);
    });

    it('names lifetimeValue when the options object is empty', () => {
      expectInputError(call({}), /^maxAcquisitionCost: lifetimeValue is required$/);
    });

    const cases = (['lifetimeValue', 'ltvToCacRatio'] as const).flatMap((field) =>
      notNumbers.map((c) => ({ ...c, field })),
    );
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(
        call({ lifetimeValue: 500, [field]: value }),
        new RegExp(`^maxAcquisitionCost: ${field} `),
      );
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it('rejects null for the optional ltvToCacRatio without calling the optional field required', () => {
      const error = expectInputError(
        call({ lifetimeValue: 500, ltvToCacRatio: null }),
        /^maxAcquisitionCost: ltvToCacRatio .*got null$/,
      );
      expect(error.message).not.toMatch(/is required/);
    });

    it.each([
      { label: '0', value: 0, shown: '0' },
      { label: '-0', value: -0, shown: '0' },
      { label: '-3', value: -3, shown: '-3' },
    ])('rejects a ratio of $label and says what the ratio is', ({ value, shown }) => {
      expectInputError(
        call({ lifetimeValue: 500, ltvToCacRatio: value }),
        new RegExp(
          `^maxAcquisitionCost: ltvToCacRatio must be greater than 0 \\(the ratio of lifetime value to acquisition cost\\), got ${shown}$`,
        ),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 500, shown: '500' },
      { label: 'an array', value: [500, 3], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^maxAcquisitionCost: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  // maxAcquisitionCost has no cross-field rule: each field is checked on its own.
});
