/**
 * expectedCustomerLifetime: 1 / churn = 1 / (1 - retention) periods. Expected
 * values are worked out by hand in the comments or with an independent
 * decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type ExpectedCustomerLifetimeOptions, expectedCustomerLifetime } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls expectedCustomerLifetime with an input the type system would refuse. */
const call = (input: unknown) => () => expectedCustomerLifetime(input as ExpectedCustomerLifetimeOptions);

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
  { label: "the string 'NaN'", value: 'NaN', rule: /must be finite, got "NaN"$/ },
  { label: 'an empty string', value: '', rule: /must be a plain decimal number .*, got ""$/ },
  { label: "'1,000'", value: '1,000', rule: /thousands separators.*, got "1,000"$/ },
  { label: "' 0.5 '", value: ' 0.5 ', rule: /no spaces.*, got " 0\.5 "$/ },
  { label: "'0x10'", value: '0x10', rule: /hex\), got "0x10"$/ },
  { label: "'5%'", value: '5%', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /got true$/ },
  { label: 'false', value: false, rule: /got false$/ },
  { label: 'an object', value: { rate: 0.05 }, rule: /got an object$/ },
  { label: 'an array', value: [0.05], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
];

describe('expectedCustomerLifetime', () => {
  describe('known values', () => {
    it('returns 20 periods for a churn of 5 % per period', () => {
      // 1 / 0.05 = 20
      expect(expectedCustomerLifetime({ churnRate: 0.05 }).toString()).toBe('20');
    });

    it('returns 5 periods for a retention of 0.8', () => {
      // 1 / (1 - 0.8) = 1 / 0.2 = 5
      expect(expectedCustomerLifetime({ retentionRate: 0.8 }).toString()).toBe('5');
    });

    it('returns 4 periods when both rates are given and agree (0.75 and 0.25)', () => {
      expect(expectedCustomerLifetime({ retentionRate: 0.75, churnRate: 0.25 }).toString()).toBe('4');
    });

    it('rounds 1 / 0.3 once to 34 significant digits', () => {
      expect(expectedCustomerLifetime({ churnRate: 0.3 }).toString()).toBe(to34(new D(1).div('0.3')));
    });

    it('returns 10000 periods for a retention of 0.9999', () => {
      // 1 / 0.0001
      expect(expectedCustomerLifetime({ retentionRate: '0.9999' }).toString()).toBe('10000');
    });
  });

  describe('boundary inputs', () => {
    it('returns 1 period when every customer leaves (churn 1, retention 0)', () => {
      expect(expectedCustomerLifetime({ churnRate: 1 }).toString()).toBe('1');
      expect(expectedCustomerLifetime({ retentionRate: 0 }).toString()).toBe('1');
      expect(expectedCustomerLifetime({ retentionRate: -0 }).toString()).toBe('1');
    });

    it("reads '0.1' and 0.1 as exactly one tenth: a lifetime of 10, not 9.999...", () => {
      expect(expectedCustomerLifetime({ churnRate: '0.1' }).toString()).toBe('10');
      expect(expectedCustomerLifetime({ churnRate: 0.1 }).toString()).toBe('10');
      // 1 - 0.9 is 0.09999999999999998 in binary floating point; here it is exactly 0.1
      expect(expectedCustomerLifetime({ retentionRate: 0.9 }).toString()).toBe('10');
    });

    it('returns 10^30 periods for a churn of 1e-30 in plain notation', () => {
      expect(expectedCustomerLifetime({ churnRate: '1e-30' }).toString()).toBe('1000000000000000000000000000000');
    });

    it('returns 10^65 periods for a churn rate of 1e-65, which is above 0', () => {
      // 1 / 1e-65 = 1e65; the churn rate is positive, so the lifetime is finite
      const lifetime = expectedCustomerLifetime({ churnRate: '1e-65' });
      expect(lifetime.toString()).toBe(new D('1e65').toString());
    });

    it('returns 10^70 periods for a retention rate of 1 - 1e-70', () => {
      const lifetime = expectedCustomerLifetime({ retentionRate: `0.${'9'.repeat(70)}` });
      expect(lifetime.toString()).toBe(new D('1e70').toString());
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      // churn 1/3 to 60 digits: 1 / 0.333...3 = 3.000...03, which rounds to 3 at 34 digits
      expect(expectedCustomerLifetime({ churnRate: new D(1).div(3) }).toString()).toBe('3');
      expect(expectedCustomerLifetime({ retentionRate: new D('0.5') }).toString()).toBe('2');
    });

    it('accepts a churn rate given as a bigint: 1 period for 1n', () => {
      expect(expectedCustomerLifetime({ churnRate: 1n }).toString()).toBe('1');
    });
  });

  describe('bad input', () => {
    it('asks for retentionRate (or churnRate) when neither is given', () => {
      const error = expectInputError(
        call({}),
        /^expectedCustomerLifetime: retentionRate is required \(or give churnRate instead\)$/,
      );
      expect(error.functionName).toBe('expectedCustomerLifetime');
      expect(error.field).toBe('retentionRate');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual(['retentionRate']);
    });

    it('asks for a rate when both are explicitly undefined', () => {
      expectInputError(
        call({ retentionRate: undefined, churnRate: undefined }),
        /^expectedCustomerLifetime: retentionRate is required/,
      );
    });

    const cases = (['retentionRate', 'churnRate'] as const).flatMap((field) =>
      notNumbers.map((c) => ({ ...c, field })),
    );
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(call({ [field]: value }), new RegExp(`^expectedCustomerLifetime: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each(['retentionRate', 'churnRate'] as const)(
      'rejects %s above 1, hinting at percent versus fraction',
      (field) => {
        expectInputError(
          call({ [field]: 5 }),
          new RegExp(
            `^expectedCustomerLifetime: ${field} must be between 0 and 1 \\(a fraction: 0\\.9 for 90 %\\), got 5$`,
          ),
        );
      },
    );

    it.each(['retentionRate', 'churnRate'] as const)('rejects %s below 0', (field) => {
      expectInputError(
        call({ [field]: '-0.05' }),
        new RegExp(`^expectedCustomerLifetime: ${field} must be between 0 and 1, got -0\\.05$`),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 0.05, shown: '0\\.05' },
      { label: 'an array', value: [0.05], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^expectedCustomerLifetime: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects a retention rate of 1: customers who never leave have no finite lifetime', () => {
      const error = expectInputError(
        call({ retentionRate: 1 }),
        /^expectedCustomerLifetime: retentionRate describes customers who never leave, whose expected lifetime is unlimited; give a churn rate above 0$/,
      );
      expect(error.field).toBe('retentionRate');
    });

    it('rejects a churn rate of 0 (and -0) the same way, naming churnRate', () => {
      expectInputError(
        call({ churnRate: 0 }),
        /^expectedCustomerLifetime: churnRate describes customers who never leave/,
      );
      expectInputError(
        call({ churnRate: -0 }),
        /^expectedCustomerLifetime: churnRate describes customers who never leave/,
      );
    });

    it('names churnRate when both rates are given as 1 and 0', () => {
      expectInputError(
        call({ retentionRate: 1, churnRate: 0 }),
        /^expectedCustomerLifetime: churnRate describes customers who never leave/,
      );
    });

    it('rejects a retention and a churn rate that do not add up to 1', () => {
      const error = expectInputError(
        call({ retentionRate: 0.75, churnRate: 0.2 }),
        /^expectedCustomerLifetime: churnRate must equal 1 - retentionRate \(0\.25\) when both are given, got 0\.2$/,
      );
      expect(error.field).toBe('churnRate');
    });

    it('reports only the disagreement when the retention rate given is also 1', () => {
      // Once the two rates disagree, which one describes the customers is unknown: no second issue.
      const error = expectInputError(
        call({ retentionRate: 1, churnRate: 0.5 }),
        /^expectedCustomerLifetime: churnRate must equal 1 - retentionRate \(0\) when both are given, got 0\.5$/,
      );
      expect(error.issues).toHaveLength(1);
    });
  });
});
