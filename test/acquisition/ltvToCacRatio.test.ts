/**
 * ltvToCacRatio: lifetimeValue / acquisitionCost. Expected values are worked
 * out by hand in the comments or with an independent decimal.js clone.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, type LtvToCacRatioOptions, ltvToCacRatio } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls ltvToCacRatio with an input the type system would refuse. */
const call = (input: unknown) => () => ltvToCacRatio(input as LtvToCacRatioOptions);

const valid = { lifetimeValue: 500, acquisitionCost: 125 };
const fields = ['lifetimeValue', 'acquisitionCost'] as const;

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'€125'", value: '€125', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'an object', value: {}, rule: /got an object$/ },
  { label: 'an array', value: [], rule: /got an array$/ },
  { label: 'a Decimal Infinity', value: new D(Number.POSITIVE_INFINITY), rule: /must be finite, got Infinity$/ },
];

describe('ltvToCacRatio', () => {
  describe('known values', () => {
    it('returns 4 for a lifetime value of 500 and an acquisition cost of 125', () => {
      // 500 / 125 = 4
      expect(ltvToCacRatio(valid).toString()).toBe('4');
    });

    it('rounds 1000 / 300 once to 34 significant digits', () => {
      expect(ltvToCacRatio({ lifetimeValue: 1000, acquisitionCost: 300 }).toString()).toBe(to34(new D(10).div(3)));
    });

    it('returns a ratio below 1 when each customer loses money: 150 / 200 = 0.75', () => {
      expect(ltvToCacRatio({ lifetimeValue: 150, acquisitionCost: 200 }).toString()).toBe('0.75');
    });

    it('returns a negative ratio for a negative lifetime value: -500 / 125 = -4', () => {
      expect(ltvToCacRatio({ lifetimeValue: -500, acquisitionCost: 125 }).toString()).toBe('-4');
    });

    it('returns 0 for a lifetime value of 0', () => {
      expect(ltvToCacRatio({ lifetimeValue: 0, acquisitionCost: 3 }).toString()).toBe('0');
    });

    it('gives back the ratio a CAC ceiling was set with: 500 / (500 / 3) = 3 to 34 digits', () => {
      const cost = new D(500).div(3);
      expect(ltvToCacRatio({ lifetimeValue: 500, acquisitionCost: cost }).toString()).toBe(to34(new D(500).div(cost)));
    });

    it("returns the library's own Decimal", () => {
      expect(ltvToCacRatio(valid).constructor).toBe(Decimal);
    });
  });

  describe('boundary inputs', () => {
    it("reads '0.1' and 0.1 as exactly one tenth: 0.3 / 0.1 = 3", () => {
      expect(ltvToCacRatio({ lifetimeValue: '0.3', acquisitionCost: '0.1' }).toString()).toBe('3');
      // 0.3 / 0.1 is 2.9999999999999996 in binary floating point
      expect(ltvToCacRatio({ lifetimeValue: 0.3, acquisitionCost: 0.1 }).toString()).toBe('3');
    });

    it('reads large values exactly, as digit strings and bigints above 2^53', () => {
      expect(
        ltvToCacRatio({
          lifetimeValue: '123456789012345678901234567890',
          acquisitionCost: '12345678901234567890123456789',
        }).toString(),
      ).toBe('10');
      // (2^60 + 1) / 2^60 = 1 + 2^-60
      expect(ltvToCacRatio({ lifetimeValue: 2n ** 60n + 1n, acquisitionCost: 2n ** 60n }).toString()).toBe(
        to34(new D(1).plus(new D(1).div(new D(2).pow(60)))),
      );
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      expect(ltvToCacRatio({ lifetimeValue: new D(900), acquisitionCost: new D('112.5') }).toString()).toBe('8');
    });

    it('treats a lifetime value of -0 as 0 and never returns a negative zero', () => {
      const ratio = ltvToCacRatio({ lifetimeValue: -0, acquisitionCost: 10 });
      expect(ratio.toString()).toBe('0');
      expect(ratio.isNegative()).toBe(false);
    });

    it('accepts a very small positive acquisition cost', () => {
      // 1 / 1e-30 = 1e30
      expect(ltvToCacRatio({ lifetimeValue: 1, acquisitionCost: '1e-30' }).toString()).toBe(
        '1000000000000000000000000000000',
      );
    });
  });

  describe('bad input', () => {
    it.each(fields)('names %s when it is missing', (field) => {
      const input: Record<string, unknown> = { ...valid };
      delete input[field];
      const error = expectInputError(call(input), new RegExp(`^ltvToCacRatio: ${field} is required$`));
      expect(error.functionName).toBe('ltvToCacRatio');
      expect(error.field).toBe(field);
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual([field]);
    });

    const cases = fields.flatMap((field) => notNumbers.map((c) => ({ ...c, field })));
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(call({ ...valid, [field]: value }), new RegExp(`^ltvToCacRatio: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each([
      { label: '0', value: 0, shown: '0' },
      { label: '-0', value: -0, shown: '0' },
      { label: '-1', value: -1, shown: '-1' },
    ])('rejects an acquisition cost of $label and says what to compare instead', ({ value, shown }) => {
      expectInputError(
        call({ lifetimeValue: 500, acquisitionCost: value }),
        new RegExp(
          `^ltvToCacRatio: acquisitionCost must be greater than 0 \\(a customer acquired for free has no LTV:CAC ratio; compare lifetime values directly\\), got ${shown}$`,
        ),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 4, shown: '4' },
      { label: 'an array', value: [500, 125], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^ltvToCacRatio: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  // ltvToCacRatio has no cross-field rule: each field is checked on its own.
});
