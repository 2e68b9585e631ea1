/**
 * convertRatePeriod: r_to = r_from ^ (toPeriodLength / fromPeriodLength), and
 * churn_to = 1 - r_to. Expected values are worked out by hand in the comments
 * or with an independent decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type ConvertRatePeriodOptions, convertRatePeriod } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls convertRatePeriod with an input the type system would refuse. */
const call = (input: unknown) => () => convertRatePeriod(input as ConvertRatePeriodOptions);

const valid = { retentionRate: 0.9, fromPeriodLength: 1, toPeriodLength: 12 };

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 12 '", value: ' 12 ', rule: /no spaces.*, got " 12 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'90%'", value: '90%', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'an object', value: {}, rule: /got an object$/ },
  { label: 'an array', value: [], rule: /got an array$/ },
  { label: 'a Decimal Infinity', value: new D(Number.POSITIVE_INFINITY), rule: /must be finite, got Infinity$/ },
];

describe('convertRatePeriod', () => {
  describe('known values', () => {
    it('turns a monthly churn of 2 % into an annual retention of 0.98^12', () => {
      const annual = convertRatePeriod({ churnRate: 0.02, fromPeriodLength: 1, toPeriodLength: 12 });
      // 0.98^12 is a terminating decimal of 24 places: exact
      const retention = new D('0.98').pow(12);
      expect(annual.retentionRate.toString()).toBe(retention.toString());
      expect(annual.retentionRate.toString()).toBe('0.784716723734800033386496');
      expect(annual.churnRate.toString()).toBe(new D(1).minus(retention).toString());
    });

    it('turns a two-month retention of 0.81 into a monthly retention of exactly 0.9', () => {
      // sqrt(0.81) = 0.9
      const monthly = convertRatePeriod({ retentionRate: 0.81, fromPeriodLength: 2, toPeriodLength: 1 });
      expect(monthly.retentionRate.toString()).toBe('0.9');
      expect(monthly.churnRate.toString()).toBe('0.1');
    });

    it('takes the cube root of 0.125 exactly: 0.5', () => {
      const r = convertRatePeriod({ retentionRate: '0.125', fromPeriodLength: 3, toPeriodLength: 1 });
      expect(r.retentionRate.toString()).toBe('0.5');
    });

    it('rounds an irrational square root correctly to 34 digits: sqrt(0.5)', () => {
      const r = convertRatePeriod({ retentionRate: 0.5, fromPeriodLength: 2, toPeriodLength: 1 });
      const expected = new D('0.5').sqrt();
      expect(r.retentionRate.toString()).toBe(to34(expected));
      expect(r.churnRate.toString()).toBe(to34(new D(1).minus(expected)));
    });

    it('takes a twelfth root of an annual retention of 0.9 to 34 digits', () => {
      const r = convertRatePeriod({ retentionRate: 0.9, fromPeriodLength: 12, toPeriodLength: 1 });
      // exp(ln(0.9) / 12), a different route from a power
      const expected = new D('0.9').ln().div(12).exp();
      expect(r.retentionRate.toString()).toBe(to34(expected));
      // and back: the twelfth power of the 34-digit monthly rate is 0.9 to about 33 digits
      expect(new D(r.retentionRate.toString()).pow(12).minus('0.9').abs().lt('1e-32')).toBe(true);
    });

    it('uses fractional period lengths in one unit: half a year to a year and a half cubes the rate', () => {
      // (1.5 / 0.5) = 3; 0.9^3 = 0.729
      const r = convertRatePeriod({ retentionRate: 0.9, fromPeriodLength: 0.5, toPeriodLength: 1.5 });
      expect(r.retentionRate.toString()).toBe('0.729');
      expect(r.churnRate.toString()).toBe('0.271');
    });

    it('returns the same rate for equal period lengths', () => {
      const r = convertRatePeriod({ retentionRate: '0.123456789', fromPeriodLength: 7, toPeriodLength: 7 });
      expect(r.retentionRate.toString()).toBe('0.123456789');
      expect(r.churnRate.toString()).toBe('0.876543211');
    });

    it('gives the same result for a churn rate and its complementary retention rate', () => {
      const fromChurn = convertRatePeriod({ churnRate: '0.3', fromPeriodLength: 1, toPeriodLength: 4 });
      // 0.7^4 = 0.2401
      expect(fromChurn.retentionRate.toString()).toBe('0.2401');
      expect(fromChurn.churnRate.toString()).toBe('0.7599');
      const both = convertRatePeriod({
        retentionRate: '0.7',
        churnRate: '0.3',
        fromPeriodLength: 1,
        toPeriodLength: 4,
      });
      expect(both.retentionRate.toString()).toBe('0.2401');
    });

    it('returns retention and churn that add up to exactly 1', () => {
      const r = convertRatePeriod({ retentionRate: 0.95, fromPeriodLength: 12, toPeriodLength: 5 });
      expect(r.retentionRate.plus(r.churnRate).toString()).toBe('1');
    });
  });

  describe('boundary inputs', () => {
    it('keeps a retention of 0 at 0 and a churn of 1 at 1, whatever the lengths', () => {
      for (const [from, to] of [
        [1, 12],
        [12, 1],
      ] as const) {
        const r = convertRatePeriod({ retentionRate: 0, fromPeriodLength: from, toPeriodLength: to });
        expect(r.retentionRate.toString()).toBe('0');
        expect(r.churnRate.toString()).toBe('1');
        expect(
          convertRatePeriod({ churnRate: 1, fromPeriodLength: from, toPeriodLength: to }).churnRate.toString(),
        ).toBe('1');
      }
    });

    it('keeps a retention of 1 at 1 and a churn of 0 at 0', () => {
      const r = convertRatePeriod({ retentionRate: 1, fromPeriodLength: 1, toPeriodLength: 12 });
      expect(r.retentionRate.toString()).toBe('1');
      expect(r.churnRate.toString()).toBe('0');
      expect(r.churnRate.isNegative()).toBe(false);
      const fromChurn = convertRatePeriod({ churnRate: -0, fromPeriodLength: 3, toPeriodLength: 1 });
      expect(fromChurn.retentionRate.toString()).toBe('1');
      expect(fromChurn.churnRate.isNegative()).toBe(false);
    });

    it('treats a retention of -0 as 0', () => {
      const r = convertRatePeriod({ retentionRate: -0, fromPeriodLength: 1, toPeriodLength: 2 });
      expect(r.retentionRate.toString()).toBe('0');
      expect(r.retentionRate.isNegative()).toBe(false);
    });

    it("reads '0.1' and 0.1 as exactly one tenth: 0.1^3 = 0.001", () => {
      expect(
        convertRatePeriod({ retentionRate: '0.1', fromPeriodLength: 1, toPeriodLength: 3 }).retentionRate.toString(),
      ).toBe('0.001');
      expect(
        convertRatePeriod({ retentionRate: 0.1, fromPeriodLength: 1, toPeriodLength: 3 }).retentionRate.toString(),
      ).toBe('0.001');
    });

    it('accepts bigint period lengths above 2^53: 2^61 / 2^60 squares the rate', () => {
      const r = convertRatePeriod({ retentionRate: '0.9', fromPeriodLength: 2n ** 60n, toPeriodLength: 2n ** 61n });
      expect(r.retentionRate.toString()).toBe('0.81');
    });

    it('accepts long digit strings as period lengths', () => {
      // 246913578024691357802469135780 / 123456789012345678901234567890 = 2
      const r = convertRatePeriod({
        retentionRate: '0.5',
        fromPeriodLength: '123456789012345678901234567890',
        toPeriodLength: '246913578024691357802469135780',
      });
      expect(r.retentionRate.toString()).toBe('0.25');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      const r = convertRatePeriod({ churnRate: new D('0.19'), fromPeriodLength: new D(2), toPeriodLength: new D(1) });
      // 1 - 0.19 = 0.81; sqrt = 0.9
      expect(r.retentionRate.toString()).toBe('0.9');
    });

    it('stays a fraction in [0, 1], never NaN, for a very large ratio of lengths', () => {
      const r = convertRatePeriod({ retentionRate: 0.5, fromPeriodLength: 1, toPeriodLength: '1e20' });
      expect(r.retentionRate.isNaN()).toBe(false);
      expect(r.retentionRate.gte(0) && r.retentionRate.lte(1)).toBe(true);
      expect(r.churnRate.isNaN()).toBe(false);
      expect(r.churnRate.gte(0) && r.churnRate.lte(1)).toBe(true);
    });

    it('resolves a very small ratio of lengths to 34 digits: 0.5^(1e-30)', () => {
      const r = convertRatePeriod({ retentionRate: 0.5, fromPeriodLength: '1e30', toPeriodLength: 1 });
      // 0.5^x = exp(-y) with y = x ln 2; churn = 1 - exp(-y) = y - y^2/2 + y^3/6 - ..., summed
      // as a series so that no digits cancel (y is about 7e-31, so three terms reach 1e-90)
      const y = new D('1e-30').times(new D(2).ln());
      const expectedChurn = y.minus(y.pow(2).div(2)).plus(y.pow(3).div(6));
      expect(r.churnRate.toString()).toBe(to34(expectedChurn));
    });

    it('keeps a tiny churn rate of 1e-70 per period visible after doubling the period', () => {
      // retention 1 - 1e-70; over two periods churn = 1 - (1 - 1e-70)^2 = 2e-70 - 1e-140
      const r = convertRatePeriod({ churnRate: '1e-70', fromPeriodLength: 1, toPeriodLength: 2 });
      const expectedChurn = new D(2).times('1e-70').minus('1e-140');
      expect(r.churnRate.toString()).toBe(to34(expectedChurn));
    });
  });

  describe('bad input', () => {
    it.each(['fromPeriodLength', 'toPeriodLength'] as const)('names %s when it is missing', (field) => {
      const input: Record<string, unknown> = { ...valid };
      delete input[field];
      const error = expectInputError(call(input), new RegExp(`^convertRatePeriod: ${field} is required$`));
      expect(error.functionName).toBe('convertRatePeriod');
      expect(error.field).toBe(field);
      expect(error.issues.length).toBeGreaterThan(0);
    });

    it('asks for retentionRate (or churnRate) when neither is given', () => {
      const error = expectInputError(
        call({ fromPeriodLength: 1, toPeriodLength: 12 }),
        /^convertRatePeriod: retentionRate is required \(or give churnRate instead\)$/,
      );
      expect(error.field).toBe('retentionRate');
    });

    const cases = (['retentionRate', 'churnRate', 'fromPeriodLength', 'toPeriodLength'] as const).flatMap((field) =>
      notNumbers.map((c) => ({ ...c, field })),
    );
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const base: Record<string, unknown> = { ...valid };
      if (field === 'churnRate') delete base.retentionRate;
      const error = expectInputError(call({ ...base, [field]: value }), new RegExp(`^convertRatePeriod: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each(['retentionRate', 'churnRate'] as const)(
      'rejects %s above 1, hinting at percent versus fraction',
      (field) => {
        expectInputError(
          call({ fromPeriodLength: 1, toPeriodLength: 2, [field]: 90 }),
          new RegExp(`^convertRatePeriod: ${field} must be between 0 and 1 \\(a fraction: 0\\.9 for 90 %\\), got 90$`),
        );
        expectInputError(
          call({ fromPeriodLength: 1, toPeriodLength: 2, [field]: '1.0000000000000000000000000000001' }),
          new RegExp(`^convertRatePeriod: ${field} must be between 0 and 1`),
        );
      },
    );

    it.each(['retentionRate', 'churnRate'] as const)('rejects %s below 0', (field) => {
      expectInputError(
        call({ fromPeriodLength: 1, toPeriodLength: 2, [field]: -0.01 }),
        new RegExp(`^convertRatePeriod: ${field} must be between 0 and 1, got -0\\.01$`),
      );
    });

    it.each(['fromPeriodLength', 'toPeriodLength'] as const)('rejects 0, -0 and negative lengths as %s', (field) => {
      expectInputError(
        call({ ...valid, [field]: 0 }),
        new RegExp(`^convertRatePeriod: ${field} must be greater than 0, got 0$`),
      );
      expectInputError(
        call({ ...valid, [field]: -0 }),
        new RegExp(`^convertRatePeriod: ${field} must be greater than 0, got 0$`),
      );
      expectInputError(
        call({ ...valid, [field]: -12 }),
        new RegExp(`^convertRatePeriod: ${field} must be greater than 0, got -12$`),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 0.9, shown: '0\\.9' },
      { label: 'an array', value: [0.9, 1, 12], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^convertRatePeriod: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects a retention and a churn rate that do not add up to 1', () => {
      const error = expectInputError(
        call({ retentionRate: 0.9, churnRate: 0.2, fromPeriodLength: 1, toPeriodLength: 1 }),
        /^convertRatePeriod: churnRate must equal 1 - retentionRate \(0\.1\) when both are given, got 0\.2$/,
      );
      expect(error.field).toBe('churnRate');
    });

    it('accepts a retention and a churn rate that add up to exactly 1 in decimal (0.7 + 0.3)', () => {
      // 0.7 + 0.3 is 1 in decimal, though not in binary floating point arithmetic on other pairs
      expect(
        convertRatePeriod({
          retentionRate: 0.7,
          churnRate: 0.3,
          fromPeriodLength: 1,
          toPeriodLength: 2,
        }).retentionRate.toString(),
      ).toBe('0.49');
    });
  });
});
