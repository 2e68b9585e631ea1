/**
 * retentionRate: CRR = (customersAtEnd - newCustomers) / customersAtStart.
 * Expected values are worked out by hand in the comments or with an
 * independent decimal.js clone at 60 digits, never copied from the library.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, MetricInputError, type RetentionRateOptions, retentionRate } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls retentionRate with an input the type system would refuse. */
const call = (input: unknown) => () => retentionRate(input as RetentionRateOptions);

const valid = { customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 };
const fields = ['customersAtStart', 'customersAtEnd', 'newCustomers'] as const;

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
  { label: "'twelve'", value: 'twelve', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /must be a number, a numeric string, a bigint or a Decimal, got true$/ },
  { label: 'false', value: false, rule: /got false$/ },
  { label: 'an object', value: { value: 12 }, rule: /got an object$/ },
  { label: 'an array', value: [12], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
  { label: 'a Decimal Infinity', value: new D(Number.POSITIVE_INFINITY), rule: /must be finite, got Infinity$/ },
];

describe('retentionRate', () => {
  describe('known values', () => {
    it('returns 0.9 for 100 customers at the start, 20 won and 110 at the end', () => {
      // (110 - 20) / 100 = 90 / 100 = 0.9
      expect(retentionRate(valid).toString()).toBe('0.9');
    });

    it('returns 0.84 for 250 at the start, 30 won and 240 at the end', () => {
      // (240 - 30) / 250 = 210 / 250 = 0.84
      expect(retentionRate({ customersAtStart: 250, customersAtEnd: 240, newCustomers: 30 }).toString()).toBe('0.84');
    });

    it('rounds 2 retained of 3 once to 34 significant digits, half even', () => {
      const rate = retentionRate({ customersAtStart: 3, customersAtEnd: 2, newCustomers: 0 });
      expect(rate.toString()).toBe(to34(new D(2).div(3)));
      expect(rate.toString()).toBe('0.6666666666666666666666666666666667');
    });

    it('returns 1 when every starting customer stays and nobody is won', () => {
      // (50 - 0) / 50 = 1
      expect(retentionRate({ customersAtStart: 50, customersAtEnd: 50, newCustomers: 0 }).toString()).toBe('1');
    });

    it('returns 0 when every customer at the end is new', () => {
      // (10 - 10) / 50 = 0
      const rate = retentionRate({ customersAtStart: 50, customersAtEnd: 10, newCustomers: 10 });
      expect(rate.toString()).toBe('0');
      expect(rate.isNegative()).toBe(false);
    });

    it('returns 0 when the business ends the period with no customers at all', () => {
      expect(retentionRate({ customersAtStart: 7, customersAtEnd: 0, newCustomers: 0 }).toString()).toBe('0');
    });

    it("returns an instance of the library's own Decimal constructor", () => {
      const rate = retentionRate(valid);
      expect(rate).toBeInstanceOf(Decimal);
      expect(rate.constructor).toBe(Decimal);
    });

    it('keeps 1/7 exact to 34 digits where binary floating point would not', () => {
      // (8 - 2) / 42 = 6 / 42 = 1 / 7
      const rate = retentionRate({ customersAtStart: 42, customersAtEnd: 8, newCustomers: 2 });
      expect(rate.toString()).toBe(to34(new D(1).div(7)));
    });
  });

  describe('boundary inputs', () => {
    it('reads bigint counts above 2^53 exactly: 2^60 - 1 retained of 2^60', () => {
      const start = 2n ** 60n;
      const rate = retentionRate({ customersAtStart: start, customersAtEnd: start - 1n + 5n, newCustomers: 5n });
      // (2^60 - 1) / 2^60 = 1 - 2^-60
      const expected = new D(2).pow(60).minus(1).div(new D(2).pow(60));
      expect(rate.toString()).toBe(to34(expected));
      expect(rate.lt(1)).toBe(true);
    });

    it('reads counts given as long digit strings exactly', () => {
      // 61728394506172839450617283945 * 2 = 123456789012345678901234567890
      const rate = retentionRate({
        customersAtStart: '123456789012345678901234567890',
        customersAtEnd: '61728394506172839450617283945',
        newCustomers: '0',
      });
      expect(rate.toString()).toBe('0.5');
    });

    it('accepts whole counts written with exponents, decimal points and signs', () => {
      // 1e3 = 1000 customers, 750.000 at the end, +0 new: 750 / 1000
      expect(retentionRate({ customersAtStart: '1e3', customersAtEnd: '750.000', newCustomers: '+0' }).toString()).toBe(
        '0.75',
      );
      // 10. = 10, .5e1 = 5: 5 / 10
      expect(retentionRate({ customersAtStart: '10.', customersAtEnd: '.5e1', newCustomers: '0e5' }).toString()).toBe(
        '0.5',
      );
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      expect(D).not.toBe(Decimal);
      const rate = retentionRate({ customersAtStart: new D(3), customersAtEnd: new D(2), newCustomers: new D(0) });
      expect(rate.toString()).toBe(to34(new D(2).div(3)));
    });

    it('accepts a mix of number, string, bigint and Decimal inputs', () => {
      // (110 - 20) / 100
      expect(retentionRate({ customersAtStart: 100n, customersAtEnd: '110', newCustomers: new D(20) }).toString()).toBe(
        '0.9',
      );
    });

    it('treats -0 as 0 for the end and new counts and never returns a negative zero', () => {
      const rate = retentionRate({ customersAtStart: 10, customersAtEnd: -0, newCustomers: -0 });
      expect(rate.toString()).toBe('0');
      expect(rate.isNegative()).toBe(false);
      const fromString = retentionRate({ customersAtStart: 10, customersAtEnd: '-0', newCustomers: new D('-0') });
      expect(fromString.isNegative()).toBe(false);
    });

    it('rejects -0 customers at the start as 0', () => {
      const error = expectInputError(
        call({ ...valid, customersAtStart: -0 }),
        /^retentionRate: customersAtStart must be greater than 0 .*got 0$/,
      );
      expect(error.field).toBe('customersAtStart');
    });
  });

  describe('bad input', () => {
    it.each(fields)('names %s when it is missing', (field) => {
      const input: Record<string, unknown> = { ...valid };
      delete input[field];
      const error = expectInputError(call(input), new RegExp(`^retentionRate: ${field} is required$`));
      expect(error.functionName).toBe('retentionRate');
      expect(error.field).toBe(field);
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual([field]);
    });

    it.each(fields)('names %s when it is explicitly undefined', (field) => {
      expectInputError(call({ ...valid, [field]: undefined }), new RegExp(`^retentionRate: ${field} is required$`));
    });

    it('names the first field, customersAtStart, when every field is missing', () => {
      const error = expectInputError(call({}), /^retentionRate: customersAtStart is required$/);
      expect(error.issues[0]?.path).toEqual(['customersAtStart']);
    });

    const cases = fields.flatMap((field) => notNumbers.map((c) => ({ ...c, field })));
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(call({ ...valid, [field]: value }), new RegExp(`^retentionRate: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
      expect(error.functionName).toBe('retentionRate');
    });

    it.each(fields)('rejects a fractional count as %s', (field) => {
      expectInputError(
        call({ ...valid, [field]: '10.5' }),
        new RegExp(`^retentionRate: ${field} must be a whole number, got 10\\.5$`),
      );
    });

    it.each(fields)('rejects a negative count as %s', (field) => {
      expectInputError(
        call({ ...valid, [field]: -1 }),
        new RegExp(`^retentionRate: ${field} must not be negative, got -1$`),
      );
    });

    it('rejects 0 customers at the start and says what to do instead', () => {
      const error = expectInputError(
        call({ ...valid, customersAtStart: 0 }),
        /^retentionRate: customersAtStart must be greater than 0 \(a retention rate needs customers at the start; for a new business, start from its first period\), got 0$/,
      );
      expect(error.issues[0]?.message).toMatch(/^must be greater than 0/);
    });

    it('rejects a count given in float form that is not whole (0.1 + 0.2 customers)', () => {
      expectInputError(
        call({ ...valid, newCustomers: 0.1 + 0.2 }),
        /^retentionRate: newCustomers must be a whole number/,
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 100, shown: '100' },
      { label: 'a string', value: '100', shown: '"100"' },
      { label: 'an array', value: [100, 110, 20], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^retentionRate: expects an options object, got ${shown}; see the documentation of retentionRate`),
      );
      expect(error.field).toBeUndefined();
      expect(error.functionName).toBe('retentionRate');
      expect(error.issues.length).toBeGreaterThan(0);
    });

    it('turns a getter that throws into a MetricInputError, not a raw error', () => {
      const hostile = {
        get customersAtStart(): number {
          throw new TypeError('boom');
        },
        customersAtEnd: 1,
        newCustomers: 0,
      };
      expectInputError(call(hostile), /^retentionRate: customersAtStart could not be read: reading it threw \(boom\)/);
    });

    it('is recognised by MetricInputError.is', () => {
      let caught: unknown;
      try {
        retentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 });
      } catch (error) {
        caught = error;
      }
      expect(MetricInputError.is(caught)).toBe(true);
      expect(caught).not.toBeInstanceOf(TypeError);
    });
  });

  describe('cross-field rules', () => {
    it('rejects more new customers than customers at the end, pointing to churnRate', () => {
      const error = expectInputError(
        call({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 }),
        /^retentionRate: newCustomers must not exceed customersAtEnd \(5\), got 6: .*use churnRate with lostCustomers$/,
      );
      expect(error.field).toBe('newCustomers');
      expect(error.issues).toHaveLength(1);
    });

    it('accepts new customers equal to the customers at the end', () => {
      expect(retentionRate({ customersAtStart: 10, customersAtEnd: 6, newCustomers: 6 }).toString()).toBe('0');
    });

    it('rejects more retained customers than there were at the start', () => {
      // 25 - 6 = 19 retained out of 10
      const error = expectInputError(
        call({ customersAtStart: 10, customersAtEnd: 25, newCustomers: 6 }),
        /^retentionRate: customersAtEnd minus newCustomers \(19\) must not exceed customersAtStart \(10\): .*newCustomers$/,
      );
      expect(error.field).toBe('customersAtEnd');
    });

    it('accepts exactly as many retained customers as there were at the start', () => {
      // (16 - 6) / 10 = 1
      expect(retentionRate({ customersAtStart: 10, customersAtEnd: 16, newCustomers: 6 }).toString()).toBe('1');
    });

    it('applies the cross-field rules to counts above 2^53 exactly', () => {
      const start = 2n ** 60n;
      // start + 1 retained: one more than the start, invisible to float64
      expectInputError(
        call({ customersAtStart: start, customersAtEnd: start + 1n, newCustomers: 0n }),
        /^retentionRate: customersAtEnd minus newCustomers \(1152921504606846977\) must not exceed customersAtStart \(1152921504606846976\)/,
      );
    });
  });
});
