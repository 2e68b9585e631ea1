/**
 * cacPaybackPeriods: the simple payback acquisitionCost / margin, and with a
 * retention (or churn) rate the first whole number of periods k whose
 * expected, discounted margin (CLV over k periods) reaches the cost.
 * Expected values come from hand calculations in the comments and from a
 * plain loop that adds the margins period by period in an independent
 * decimal.js clone at 60 digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CacPaybackPeriodsOptions, cacPaybackPeriods, Decimal } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls cacPaybackPeriods with an input the type system would refuse. */
const call = (input: unknown) => () => cacPaybackPeriods(input as CacPaybackPeriodsOptions);

interface Terms {
  acquisitionCost: string | number;
  margin: string | number;
  retentionRate: string | number;
  discountRate?: string | number;
  marginGrowth?: string | number;
  timing?: 'start' | 'end';
}

/**
 * Adds the expected discounted margin period by period (start: paid at t = k - 1;
 * end: paid at t = k by a survivor) and returns the first k at which the running
 * total reaches the cost, or null if it has not within `limit` periods.
 */
function firstCoveringPeriod(terms: Terms, limit: number): number | null {
  const cost = new D(terms.acquisitionCost);
  const m = new D(terms.margin);
  const r = new D(terms.retentionRate);
  const growth = new D(terms.marginGrowth ?? 0).plus(1);
  const b = new D(terms.discountRate ?? 0).plus(1);
  const end = terms.timing === 'end';
  let total = new D(0);
  for (let k = 1; k <= limit; k++) {
    const t = end ? k : k - 1;
    total = total.plus(
      m
        .times(growth.pow(k - 1))
        .times(r.pow(t))
        .div(b.pow(t)),
    );
    if (total.gte(cost)) return k;
  }
  return null;
}

const valid = { acquisitionCost: 300, margin: 40 };

/** Values that are not numbers at all, with the rule each one breaks. */
const notNumbers: ReadonlyArray<{ label: string; value: unknown; rule: RegExp }> = [
  { label: 'NaN', value: Number.NaN, rule: /must be a number, got NaN$/ },
  { label: 'Infinity', value: Number.POSITIVE_INFINITY, rule: /must be finite, got Infinity$/ },
  { label: '-Infinity', value: Number.NEGATIVE_INFINITY, rule: /must be finite, got -Infinity$/ },
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

describe('cacPaybackPeriods', () => {
  describe('known values: the simple payback', () => {
    it('returns 7.5 periods for a cost of 300 and a margin of 40', () => {
      // 300 / 40 = 7.5
      const payback = cacPaybackPeriods(valid);
      expect(payback.periods.toString()).toBe('7.5');
      expect(payback.periods.constructor).toBe(Decimal);
    });

    it('leaves out the retention-adjusted payback when no rate is given', () => {
      expect('retentionAdjustedPeriods' in cacPaybackPeriods(valid)).toBe(false);
    });

    it('rounds 1 / 3 once to 34 significant digits', () => {
      expect(cacPaybackPeriods({ acquisitionCost: 1, margin: 3 }).periods.toString()).toBe(to34(new D(1).div(3)));
    });

    it('returns 0 periods for a customer acquired for free', () => {
      const payback = cacPaybackPeriods({ acquisitionCost: 0, margin: 40, retentionRate: 0.9 });
      expect(payback.periods.toString()).toBe('0');
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('0');
    });
  });

  describe('known values: the retention-adjusted payback', () => {
    it('returns 14 periods for a cost of 300, a margin of 40 and retention 0.9', () => {
      // 40 (1 - 0.9^k) / 0.1 >= 300  <=>  0.9^k <= 0.25; 0.9^13 = 0.254, 0.9^14 = 0.229
      const payback = cacPaybackPeriods({ ...valid, retentionRate: 0.9 });
      expect(payback.periods.toString()).toBe('7.5');
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('14');
      expect(firstCoveringPeriod({ ...valid, retentionRate: '0.9' }, 100)).toBe(14);
    });

    it('gives the same 14 periods for churn 0.1, and for both rates when they agree', () => {
      expect(cacPaybackPeriods({ ...valid, churnRate: 0.1 }).retentionAdjustedPeriods?.toString()).toBe('14');
      expect(
        cacPaybackPeriods({ ...valid, retentionRate: 0.9, churnRate: 0.1 }).retentionAdjustedPeriods?.toString(),
      ).toBe('14');
    });

    it("returns 18 periods with timing 'end'", () => {
      // 36 (1 - 0.9^k) / 0.1 >= 300  <=>  0.9^k <= 1/6; 0.9^17 = 0.16677 > 1/6, 0.9^18 = 0.150
      const payback = cacPaybackPeriods({ ...valid, retentionRate: 0.9, timing: 'end' });
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('18');
      expect(firstCoveringPeriod({ ...valid, retentionRate: '0.9', timing: 'end' }, 100)).toBe(18);
    });

    it('returns 7 periods with a margin growth of 0.2', () => {
      // 40 (1.08^k - 1) / 0.08 >= 300  <=>  1.08^k >= 1.6; 1.08^6 = 1.587, 1.08^7 = 1.714
      const payback = cacPaybackPeriods({ ...valid, retentionRate: 0.9, marginGrowth: 0.2 });
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('7');
      expect(firstCoveringPeriod({ ...valid, retentionRate: '0.9', marginGrowth: '0.2' }, 100)).toBe(7);
    });

    it('returns 8 periods for a customer who never leaves: 40 x 8 = 320 >= 300 > 280 = 40 x 7', () => {
      expect(cacPaybackPeriods({ ...valid, retentionRate: 1 }).retentionAdjustedPeriods?.toString()).toBe('8');
    });

    it('counts a period whose total equals the cost exactly: 40 x 8 = 320', () => {
      expect(
        cacPaybackPeriods({ acquisitionCost: 320, margin: 40, retentionRate: 1 }).retentionAdjustedPeriods?.toString(),
      ).toBe('8');
    });

    it('pays back in the first period when the first margin covers the cost, even at retention 0', () => {
      // start timing: the first margin of 40 is paid on acquisition
      expect(
        cacPaybackPeriods({ acquisitionCost: 30, margin: 40, retentionRate: 0 }).retentionAdjustedPeriods?.toString(),
      ).toBe('1');
    });

    it('pays back in the first period at retention 0 when the one margin equals the cost exactly: 40 for 40', () => {
      // start timing: the margin of 40 is paid on acquisition and covers the cost of 40 (totals equal to the
      // cost count, as in 40 x 8 = 320 above); the unlimited value, 40, is reached after one period
      expect(firstCoveringPeriod({ acquisitionCost: 40, margin: 40, retentionRate: 0 }, 10)).toBe(1);
      const payback = cacPaybackPeriods({ acquisitionCost: 40, margin: 40, retentionRate: 0 });
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('1');
    });

    it('finds a late payback when the cost is just below the lifetime value: 167 periods for 399.99999', () => {
      // 400 (1 - 0.9^k) >= 399.99999  <=>  0.9^k <= 2.5e-8; ln(2.5e-8) / ln(0.9) = 166.1
      const payback = cacPaybackPeriods({ acquisitionCost: '399.99999', margin: 40, retentionRate: 0.9 });
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('167');
      expect(firstCoveringPeriod({ acquisitionCost: '399.99999', margin: 40, retentionRate: '0.9' }, 1000)).toBe(167);
    });

    const looped: ReadonlyArray<{ name: string; terms: Terms }> = [
      {
        name: 'discount 0.05 and retention 0.95',
        terms: { acquisitionCost: 250, margin: 30, retentionRate: '0.95', discountRate: '0.05' },
      },
      {
        name: 'margin growth above the discount rate',
        terms: { acquisitionCost: 5000, margin: 20, retentionRate: '0.95', marginGrowth: '0.1', discountRate: '0.04' },
      },
      {
        name: "timing 'end' with a falling margin",
        terms: {
          acquisitionCost: '123.45',
          margin: '19.99',
          retentionRate: '0.97',
          marginGrowth: '-0.01',
          discountRate: '0.01',
          timing: 'end',
        },
      },
      { name: 'a fractional cost and margin', terms: { acquisitionCost: '0.3', margin: '0.1', retentionRate: '0.99' } },
    ];
    it.each(looped)('agrees with a period-by-period sum for $name', ({ terms }) => {
      const expected = firstCoveringPeriod(terms, 5000);
      expect(expected).not.toBeNull();
      expect(cacPaybackPeriods(terms).retentionAdjustedPeriods?.toString()).toBe(String(expected));
    });
  });

  describe('payback that never comes', () => {
    it('returns null when the discounted lifetime value stays below the cost', () => {
      // unlimited CLV = 40 x 1.1 / (1.1 - 0.9) = 220 < 300
      const payback = cacPaybackPeriods({ ...valid, retentionRate: 0.9, discountRate: 0.1 });
      expect(payback.retentionAdjustedPeriods).toBeNull();
      expect(firstCoveringPeriod({ ...valid, retentionRate: '0.9', discountRate: '0.1' }, 2000)).toBeNull();
    });

    it('returns null when the cost equals the unlimited lifetime value, reached only in the limit', () => {
      // unlimited CLV = 40 / 0.1 = 400; every finite horizon falls short of it
      expect(
        cacPaybackPeriods({ acquisitionCost: 400, margin: 40, retentionRate: 0.9 }).retentionAdjustedPeriods,
      ).toBeNull();
    });

    it('returns null at retention 0 when one margin does not cover the cost', () => {
      // one margin of 40 at the start, nothing after
      expect(
        cacPaybackPeriods({ acquisitionCost: 50, margin: 40, retentionRate: 0 }).retentionAdjustedPeriods,
      ).toBeNull();
    });

    it("returns null at retention 0 with timing 'end': nobody survives to be paid for", () => {
      expect(
        cacPaybackPeriods({ acquisitionCost: 30, margin: 40, retentionRate: 0, timing: 'end' })
          .retentionAdjustedPeriods,
      ).toBeNull();
    });

    it('does not return null for a customer who never leaves, even when payback takes more than 2^53 periods', () => {
      // retention 1, no discount: k periods bring k x 1; the cost of 1e30 is covered after exactly 1e30 periods
      const payback = cacPaybackPeriods({ acquisitionCost: '1e30', margin: 1, retentionRate: 1 });
      expect(payback.periods.toString()).toBe('1000000000000000000000000000000');
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('1000000000000000000000000000000');
    });

    it('finds a payback near the largest representable value, where doubling the horizon overflows', () => {
      // r (1 + g) / (1 + d) = 0.5 x 20 = 10: k periods bring (10^k - 1) / 9 (timing 'start'), which
      // reaches 10^8999999999999990 first at k = 8999999999999991 (10^k >= 9 x 10^8999999999999990 + 1).
      // The search's next power of two, 2^53, would be worth about 10^(9.007e15): past decimal.js's limit.
      const payback = cacPaybackPeriods({
        acquisitionCost: '1e8999999999999990',
        margin: 1,
        retentionRate: 0.5,
        marginGrowth: 19,
      });
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('8999999999999991');
    });
  });

  describe('boundary inputs', () => {
    it('reads bigint costs above 2^53 exactly', () => {
      expect(cacPaybackPeriods({ acquisitionCost: 2n ** 60n + 1n, margin: 1n }).periods.toString()).toBe(
        (2n ** 60n + 1n).toString(),
      );
    });

    it('reads long digit strings exactly', () => {
      // 123456789012345678901234567890 / 10
      expect(
        cacPaybackPeriods({ acquisitionCost: '123456789012345678901234567890', margin: '10' }).periods.toString(),
      ).toBe('12345678901234567890123456789');
    });

    it("reads '0.1' and 0.1 as exactly one tenth: 0.3 / 0.1 = 3", () => {
      expect(cacPaybackPeriods({ acquisitionCost: 0.3, margin: 0.1 }).periods.toString()).toBe('3');
      expect(
        cacPaybackPeriods({
          acquisitionCost: '0.3',
          margin: '0.1',
          retentionRate: 1,
        }).retentionAdjustedPeriods?.toString(),
      ).toBe('3');
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      const payback = cacPaybackPeriods({ acquisitionCost: new D(300), margin: new D(40), churnRate: new D('0.1') });
      expect(payback.periods.toString()).toBe('7.5');
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('14');
    });

    it('treats a cost of -0 as 0 and never returns a negative zero', () => {
      const payback = cacPaybackPeriods({ acquisitionCost: -0, margin: 40, retentionRate: '-0' });
      expect(payback.periods.toString()).toBe('0');
      expect(payback.periods.isNegative()).toBe(false);
      expect(payback.retentionAdjustedPeriods?.toString()).toBe('0');
    });
  });

  describe('bad input', () => {
    it.each(['acquisitionCost', 'margin'] as const)('names %s when it is missing', (field) => {
      const input: Record<string, unknown> = { ...valid, retentionRate: 0.9 };
      delete input[field];
      const error = expectInputError(call(input), new RegExp(`^cacPaybackPeriods: ${field} is required$`));
      expect(error.functionName).toBe('cacPaybackPeriods');
      expect(error.field).toBe(field);
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual([field]);
    });

    const numericFields = [
      'acquisitionCost',
      'margin',
      'retentionRate',
      'churnRate',
      'discountRate',
      'marginGrowth',
    ] as const;
    const cases = numericFields.flatMap((field) => notNumbers.map((c) => ({ ...c, field })));
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const error = expectInputError(call({ ...valid, [field]: value }), new RegExp(`^cacPaybackPeriods: ${field} `));
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each([
      { label: '0', value: 0, shown: '0' },
      { label: '-0', value: -0, shown: '0' },
      { label: '-5', value: -5, shown: '-5' },
    ])('rejects a margin of $label and says why', ({ value, shown }) => {
      expectInputError(
        call({ acquisitionCost: 100, margin: value }),
        new RegExp(
          `^cacPaybackPeriods: margin must be greater than 0 \\(a customer who brings no margin never pays back its acquisition cost\\), got ${shown}$`,
        ),
      );
    });

    it('rejects a negative acquisition cost', () => {
      expectInputError(
        call({ acquisitionCost: -1, margin: 40 }),
        /^cacPaybackPeriods: acquisitionCost must not be negative, got -1$/,
      );
    });

    it.each(['retentionRate', 'churnRate'] as const)('rejects %s outside [0, 1]', (field) => {
      expectInputError(
        call({ ...valid, [field]: 90 }),
        new RegExp(`^cacPaybackPeriods: ${field} must be between 0 and 1 \\(a fraction: 0\\.9 for 90 %\\), got 90$`),
      );
      expectInputError(
        call({ ...valid, [field]: -0.5 }),
        new RegExp(`^cacPaybackPeriods: ${field} must be between 0 and 1, got -0\\.5$`),
      );
    });

    it('rejects a negative discount rate and a margin growth of -1 or less', () => {
      expectInputError(
        call({ ...valid, retentionRate: 0.9, discountRate: -0.05 }),
        /^cacPaybackPeriods: discountRate must not be negative, got -0\.05$/,
      );
      expectInputError(
        call({ ...valid, retentionRate: 0.9, marginGrowth: -1 }),
        /^cacPaybackPeriods: marginGrowth must be greater than -1 .*, got -1$/,
      );
    });

    it.each([
      { label: "'middle'", value: 'middle', shown: '"middle"' },
      { label: 'null', value: null, shown: 'null' },
      { label: 'the number 0', value: 0, shown: '0' },
    ])('rejects $label as timing, listing the choices', ({ value, shown }) => {
      expectInputError(
        call({ ...valid, retentionRate: 0.9, timing: value }),
        new RegExp(`^cacPaybackPeriods: timing must be one of 'start', 'end', got ${shown}$`),
      );
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 300, shown: '300' },
      { label: 'an array', value: [300, 40], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^cacPaybackPeriods: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
    });
  });

  describe('cross-field rules', () => {
    it('rejects a retention and a churn rate that do not add up to 1', () => {
      const error = expectInputError(
        call({ ...valid, retentionRate: 0.9, churnRate: 0.2 }),
        /^cacPaybackPeriods: churnRate must equal 1 - retentionRate when both are given, got 0\.2$/,
      );
      expect(error.field).toBe('churnRate');
    });
  });
});
