/**
 * churnRate: lost / customersAtStart, with lost given or derived as
 * customersAtStart + newCustomers - customersAtEnd. Expected values are worked
 * out by hand in the comments or with an independent decimal.js clone.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type ChurnRateOptions, churnRate, Decimal } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls churnRate with an input the type system would refuse. */
const call = (input: unknown) => () => churnRate(input as ChurnRateOptions);

const withLost = { customersAtStart: 100, lostCustomers: 10 };
const withCounts = { customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 };

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: "the string '-Infinity'", value: '-Infinity', rule: /must be finite, got "-Infinity"$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'10%'", value: '10%', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /must be a number, a numeric string, a bigint or a Decimal, got true$/ },
  { label: 'false', value: false, rule: /got false$/ },
  { label: 'an object', value: { count: 10 }, rule: /got an object$/ },
  { label: 'an array', value: [10], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('churnRate', () => {
  describe('known values', () => {
    it('returns 0.1 for 10 lost of 100 customers at the start', () => {
      // 10 / 100
      expect(churnRate(withLost).toString()).toBe('0.1');
    });

    it('derives 10 lost from 100 at the start, 20 won and 110 at the end, and returns 0.1', () => {
      // lost = 100 + 20 - 110 = 10; 10 / 100 = 0.1
      expect(churnRate(withCounts).toString()).toBe('0.1');
    });

    it('takes lostCustomers with only one of customersAtEnd and newCustomers, and uses lostCustomers', () => {
      // With one of the two missing there is nothing to check lostCustomers against: 20 of 100.
      expect(churnRate({ customersAtStart: 100, lostCustomers: 20, customersAtEnd: 95 }).toString()).toBe('0.2');
      expect(churnRate({ customersAtStart: 100, lostCustomers: 20, newCustomers: 15 }).toString()).toBe('0.2');
    });

    it('accepts all four counts when they agree', () => {
      expect(churnRate({ ...withCounts, lostCustomers: 10 }).toString()).toBe('0.1');
    });

    it('returns 0.16 for 250 at the start, 30 won and 240 at the end', () => {
      // lost = 250 + 30 - 240 = 40; 40 / 250 = 0.16, the complement of retention 0.84
      expect(churnRate({ customersAtStart: 250, customersAtEnd: 240, newCustomers: 30 }).toString()).toBe('0.16');
    });

    it('rounds 1 lost of 3 once to 34 significant digits', () => {
      expect(churnRate({ customersAtStart: 3, lostCustomers: 1 }).toString()).toBe(to34(new D(1).div(3)));
    });

    it('rounds 2 lost of 3 half even in the last digit', () => {
      expect(churnRate({ customersAtStart: 3, lostCustomers: 2 }).toString()).toBe(
        '0.6666666666666666666666666666666667',
      );
    });

    it('returns 0 when nobody was lost and 1 when everybody was', () => {
      expect(churnRate({ customersAtStart: 40, lostCustomers: 0 }).toString()).toBe('0');
      expect(churnRate({ customersAtStart: 40, lostCustomers: 40 }).toString()).toBe('1');
      // 40 + 0 - 0 = 40 lost
      expect(churnRate({ customersAtStart: 40, customersAtEnd: 0, newCustomers: 0 }).toString()).toBe('1');
    });

    it('is exactly 1 - retention when nobody was won: 37 at the end of 100', () => {
      // lost = 100 + 0 - 37 = 63, churn 0.63; retention 37 / 100 = 0.37
      expect(churnRate({ customersAtStart: 100, customersAtEnd: 37, newCustomers: 0 }).toString()).toBe('0.63');
    });

    it("returns the library's own Decimal", () => {
      expect(churnRate(withLost).constructor).toBe(Decimal);
    });
  });

  describe('boundary inputs', () => {
    it('reads bigint counts above 2^53 exactly: 1 lost of 2^60', () => {
      const rate = churnRate({ customersAtStart: 2n ** 60n, lostCustomers: 1n });
      // 2^-60 = 8.67361737988403547205962240695953369140625e-19, to 34 digits
      expect(rate.toString()).toBe(to34(new D(1).div(new D(2).pow(60))));
      expect(rate.gt(0)).toBe(true);
    });

    it('derives the loss exactly from bigint counts where float64 would lose it', () => {
      const start = 2n ** 60n;
      // lost = 2^60 + 3 - (2^60 + 2) = 1
      const rate = churnRate({ customersAtStart: start, customersAtEnd: start + 2n, newCustomers: 3n });
      expect(rate.toString()).toBe(to34(new D(1).div(new D(2).pow(60))));
    });

    it('reads counts given as long digit strings exactly', () => {
      // 12345678901234567890123456789 * 10 = 123456789012345678901234567890
      const rate = churnRate({
        customersAtStart: '123456789012345678901234567890',
        lostCustomers: '12345678901234567890123456789',
      });
      expect(rate.toString()).toBe('0.1');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      expect(churnRate({ customersAtStart: new D(8), lostCustomers: new D(2) }).toString()).toBe('0.25');
      expect(
        churnRate({ customersAtStart: new D(100), customersAtEnd: new D(110), newCustomers: new D(20) }).toString(),
      ).toBe('0.1');
    });

    it('accepts whole counts written as decimal strings', () => {
      expect(churnRate({ customersAtStart: '100.00', lostCustomers: '1e1' }).toString()).toBe('0.1');
    });

    it('treats -0 lost customers as 0 and never returns a negative zero', () => {
      const rate = churnRate({ customersAtStart: 10, lostCustomers: -0 });
      expect(rate.toString()).toBe('0');
      expect(rate.isNegative()).toBe(false);
    });

    it('rejects -0 customers at the start as 0', () => {
      expectInputError(
        call({ customersAtStart: -0, lostCustomers: 0 }),
        /^churnRate: customersAtStart must be greater than 0 \(a churn rate needs customers at the start of the period\), got 0$/,
      );
    });
  });

  describe('bad input', () => {
    it('names customersAtStart when it is missing from the lost-customers form', () => {
      const error = expectInputError(call({ lostCustomers: 10 }), /^churnRate: customersAtStart is required$/);
      expect(error.functionName).toBe('churnRate');
      expect(error.field).toBe('customersAtStart');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual(['customersAtStart']);
    });

    it('names customersAtStart when it is missing from the counts form', () => {
      expectInputError(call({ customersAtEnd: 110, newCustomers: 20 }), /^churnRate: customersAtStart is required$/);
    });

    it('names customersAtStart when nothing is given', () => {
      expectInputError(call({}), /^churnRate: customersAtStart is required$/);
    });

    it('asks for lostCustomers (or the end and new counts) when only the start is given', () => {
      const error = expectInputError(
        call({ customersAtStart: 100 }),
        /^churnRate: lostCustomers is required \(or give customersAtEnd and newCustomers instead\)$/,
      );
      expect(error.field).toBe('lostCustomers');
    });

    it('asks for newCustomers when only customersAtEnd is given', () => {
      expectInputError(
        call({ customersAtStart: 100, customersAtEnd: 110 }),
        /^churnRate: newCustomers is required when lostCustomers is not given$/,
      );
    });

    it('asks for customersAtEnd when only newCustomers is given', () => {
      expectInputError(
        call({ customersAtStart: 100, newCustomers: 20 }),
        /^churnRate: customersAtEnd is required when lostCustomers is not given$/,
      );
    });

    const cases = [
      ...(['customersAtStart', 'lostCustomers'] as const).map((field) => ({ field, base: withLost })),
      ...(['customersAtEnd', 'newCustomers'] as const).map((field) => ({ field, base: withCounts })),
    ].flatMap(({ field, base }) => notNumbers.map((c) => ({ ...c, field, base })));
    it.each(cases)('rejects $label as $field', ({ field, base, value, rule }) => {
      const error = expectInputError(call({ ...base, [field]: value }), new RegExp(`^churnRate: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each(['customersAtStart', 'lostCustomers'] as const)('rejects a fractional count as %s', (field) => {
      expectInputError(
        call({ ...withLost, [field]: 2.5 }),
        new RegExp(`^churnRate: ${field} must be a whole number, got 2\\.5$`),
      );
    });

    it.each(['customersAtEnd', 'newCustomers'] as const)('rejects a fractional count as %s', (field) => {
      expectInputError(
        call({ ...withCounts, [field]: '7.25' }),
        new RegExp(`^churnRate: ${field} must be a whole number, got 7\\.25$`),
      );
    });

    it.each(['customersAtStart', 'lostCustomers'] as const)('rejects a negative count as %s', (field) => {
      expectInputError(
        call({ ...withLost, [field]: -3 }),
        new RegExp(`^churnRate: ${field} must not be negative, got -3$`),
      );
    });

    it.each(['customersAtEnd', 'newCustomers'] as const)('rejects a negative count as %s', (field) => {
      expectInputError(
        call({ ...withCounts, [field]: -3n }),
        new RegExp(`^churnRate: ${field} must not be negative, got -3$`),
      );
    });

    it('rejects 0 customers at the start and says why', () => {
      expectInputError(
        call({ customersAtStart: 0, lostCustomers: 0 }),
        /^churnRate: customersAtStart must be greater than 0 \(a churn rate needs customers at the start of the period\), got 0$/,
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 0.1, shown: '0\\.1' },
      { label: 'an array', value: [100, 10], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(call(value), new RegExp(`^churnRate: expects an options object, got ${shown};`));
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects more customers at the end than at the start plus new ones', () => {
      // 10 + 5 = 15 < 20
      const error = expectInputError(
        call({ customersAtStart: 10, customersAtEnd: 20, newCustomers: 5 }),
        /^churnRate: customersAtEnd must not exceed customersAtStart \+ newCustomers \(15\), got 20$/,
      );
      expect(error.field).toBe('customersAtEnd');
    });

    it('rejects a lostCustomers that disagrees with the other three counts', () => {
      // 100 + 20 - 110 = 10, not 11
      const error = expectInputError(
        call({ ...withCounts, lostCustomers: 11 }),
        /^churnRate: lostCustomers must equal customersAtStart \+ newCustomers - customersAtEnd \(10\) when all four are given, got 11$/,
      );
      expect(error.field).toBe('lostCustomers');
    });

    it('rejects more customers lost than there were at the start', () => {
      const error = expectInputError(
        call({ customersAtStart: 10, lostCustomers: 11 }),
        /^churnRate: lostCustomers gives more customers lost \(11\) than customersAtStart \(10\): .*count only starting customers lost$/,
      );
      expect(error.field).toBe('lostCustomers');
    });

    it('rejects counts that derive more customers lost than there were at the start, naming newCustomers', () => {
      // 10 + 5 - 0 = 15 lost of 10
      expectInputError(
        call({ customersAtStart: 10, customersAtEnd: 0, newCustomers: 5 }),
        /^churnRate: newCustomers gives more customers lost \(15\) than customersAtStart \(10\): /,
      );
    });

    it('applies the cross-field rules to counts above 2^53 exactly', () => {
      const start = 2n ** 60n;
      expectInputError(
        call({ customersAtStart: start, lostCustomers: start + 1n }),
        /^churnRate: lostCustomers gives more customers lost \(1152921504606846977\) than customersAtStart \(1152921504606846976\)/,
      );
    });
  });
});
