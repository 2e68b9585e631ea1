/**
 * averageRevenuePerCustomer: revenue / customers. Expected values are worked
 * out by hand in the comments or with an independent decimal.js clone.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type AverageRevenuePerCustomerOptions, averageRevenuePerCustomer, Decimal } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls averageRevenuePerCustomer with an input the type system would refuse. */
const call = (input: unknown) => () => averageRevenuePerCustomer(input as AverageRevenuePerCustomerOptions);

const valid = { revenue: 1_800_000, customers: 600 };
const fields = ['revenue', 'customers'] as const;

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: "the string 'Infinity'", value: 'Infinity', rule: /must be finite, got "Infinity"$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'$1800'", value: '$1800', rule: /must be a plain decimal number/ },
  { label: "'1 800 000'", value: '1 800 000', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'false', value: false, rule: /got false$/ },
  { label: 'an object', value: { amount: 1 }, rule: /got an object$/ },
  { label: 'an array', value: [1], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('averageRevenuePerCustomer', () => {
  describe('known values', () => {
    it('returns 3,000 for 1,800,000 of revenue from 600 customers', () => {
      // 1,800,000 / 600 = 3,000
      expect(averageRevenuePerCustomer(valid).toString()).toBe('3000');
    });

    it('keeps cents exact: 1234.56 from 4 customers is 308.64', () => {
      // 1234.56 / 4 = 308.64
      expect(averageRevenuePerCustomer({ revenue: '1234.56', customers: 4 }).toString()).toBe('308.64');
    });

    it('rounds 1 from 3 customers once to 34 significant digits', () => {
      expect(averageRevenuePerCustomer({ revenue: 1, customers: 3 }).toString()).toBe(to34(new D(1).div(3)));
    });

    it('returns 0 when no revenue came in', () => {
      const average = averageRevenuePerCustomer({ revenue: 0, customers: 12 });
      expect(average.toString()).toBe('0');
      expect(average.isNegative()).toBe(false);
    });

    it("returns the library's own Decimal", () => {
      expect(averageRevenuePerCustomer(valid).constructor).toBe(Decimal);
    });
  });

  describe('boundary inputs', () => {
    it("reads 0.1 and '0.1' as exactly one tenth: 0.3 from 3 customers is 0.1", () => {
      // 0.1 + 0.2 is 0.30000000000000004 in binary; '0.3' / 3 is exactly 0.1
      expect(averageRevenuePerCustomer({ revenue: '0.3', customers: 3 }).toString()).toBe('0.1');
      expect(averageRevenuePerCustomer({ revenue: 0.3, customers: 3 }).toString()).toBe('0.1');
      expect(averageRevenuePerCustomer({ revenue: '0.1', customers: 1 }).toString()).toBe('0.1');
    });

    it('reads a revenue given as a long digit string exactly', () => {
      // 123456789012345678901234567890 / 10 = 12345678901234567890123456789
      expect(averageRevenuePerCustomer({ revenue: '123456789012345678901234567890', customers: 10n }).toString()).toBe(
        '12345678901234567890123456789',
      );
    });

    it('reads bigint inputs above 2^53 exactly', () => {
      // (2^60 + 1) / 1 keeps the final 1 that float64 would drop
      expect(averageRevenuePerCustomer({ revenue: 2n ** 60n + 1n, customers: 1n }).toString()).toBe(
        '1152921504606846977',
      );
      // 2^60 / 2^59 = 2
      expect(averageRevenuePerCustomer({ revenue: 2n ** 60n, customers: 2n ** 59n }).toString()).toBe('2');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      expect(averageRevenuePerCustomer({ revenue: new D('999.99'), customers: new D(3) }).toString()).toBe('333.33');
    });

    it('treats a revenue of -0 as 0 and never returns a negative zero', () => {
      const average = averageRevenuePerCustomer({ revenue: -0, customers: 5 });
      expect(average.toString()).toBe('0');
      expect(average.isNegative()).toBe(false);
      expect(averageRevenuePerCustomer({ revenue: '-0', customers: 5 }).isNegative()).toBe(false);
    });

    it('rejects -0 customers as 0', () => {
      expectInputError(
        call({ revenue: 10, customers: -0 }),
        /^averageRevenuePerCustomer: customers must be greater than 0 .*, got 0$/,
      );
    });
  });

  describe('bad input', () => {
    it.each(fields)('names %s when it is missing', (field) => {
      const input: Record<string, unknown> = { ...valid };
      delete input[field];
      const error = expectInputError(call(input), new RegExp(`^averageRevenuePerCustomer: ${field} is required$`));
      expect(error.functionName).toBe('averageRevenuePerCustomer');
      expect(error.field).toBe(field);
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual([field]);
    });

    const cases = fields.flatMap((field) => notNumbers.map((c) => ({ ...c, field })));
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(
        call({ ...valid, [field]: value }),
        new RegExp(`^averageRevenuePerCustomer: ${field} `),
      );
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it('rejects a negative revenue', () => {
      expectInputError(
        call({ revenue: -10, customers: 1 }),
        /^averageRevenuePerCustomer: revenue must not be negative, got -10$/,
      );
    });

    it('rejects 0 customers and says what an average needs', () => {
      expectInputError(
        call({ revenue: 10, customers: 0 }),
        /^averageRevenuePerCustomer: customers must be greater than 0 \(an average needs at least one customer\), got 0$/,
      );
    });

    it('rejects a fractional or negative number of customers', () => {
      expectInputError(
        call({ revenue: 10, customers: 1.5 }),
        /^averageRevenuePerCustomer: customers must be a whole number, got 1\.5$/,
      );
      expectInputError(
        call({ revenue: 10, customers: -2 }),
        /^averageRevenuePerCustomer: customers must not be negative, got -2$/,
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 3000, shown: '3000' },
      { label: 'an array', value: [1_800_000, 600], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^averageRevenuePerCustomer: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  // averageRevenuePerCustomer has no cross-field rule: each field is checked on its own.
});
