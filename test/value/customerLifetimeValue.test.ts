/**
 * customerLifetimeValue, against the definitions in DESIGN.md:
 * - timing 'start': CLV = m * sum_{t=0}^{H-1} (r(1+g)/(1+d))^t, unlimited m(1+d) / (1 + d - r(1+g));
 * - timing 'end': CLV = m * sum_{t=1}^{H} (1+g)^{t-1} r^t / (1+d)^t, unlimited m r / (1 + d - r) when g = 0.
 * Finite horizons are checked against a plain term-by-term sum in an
 * independent decimal.js clone at 60 digits; unlimited ones against the
 * closed forms worked out by hand in the comments.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CustomerLifetimeValueOptions, customerLifetimeValue, Decimal, MetricInputError } from '../../src';
import { expectInputError } from '../support/expectInputError';

/**
 * The test's own decimal.js: a different constructor from the library's clone,
 * printing plain notation up to 40 digits as the library documents for its results.
 */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });

/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** Calls customerLifetimeValue with an input the type system would refuse. */
const call = (input: unknown) => () => customerLifetimeValue(input as CustomerLifetimeValueOptions);

interface Terms {
  margin: string | number;
  retentionRate: string | number;
  discountRate?: string | number;
  marginGrowth?: string | number;
  timing?: 'start' | 'end';
}

/** The expected lifetime value over `periods`, summed term by term from the definition. */
function termByTerm(terms: Terms, periods: number): DecimalJs {
  const m = new D(terms.margin);
  const r = new D(terms.retentionRate);
  const growth = new D(terms.marginGrowth ?? 0).plus(1);
  const b = new D(terms.discountRate ?? 0).plus(1);
  let sum = new D(0);
  if ((terms.timing ?? 'start') === 'start') {
    // paid at t = 0, 1, ..., H-1 by a customer still active with probability r^t
    for (let t = 0; t < periods; t++) sum = sum.plus(m.times(growth.pow(t)).times(r.pow(t)).div(b.pow(t)));
  } else {
    // paid at t = 1, ..., H by a customer who survived to it
    for (let t = 1; t <= periods; t++)
      sum = sum.plus(
        m
          .times(growth.pow(t - 1))
          .times(r.pow(t))
          .div(b.pow(t)),
      );
  }
  return sum;
}

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
  { label: "'10%'", value: '10%', rule: /must be a plain decimal number/ },
  { label: 'null', value: null, rule: /got null$/ },
  { label: 'true', value: true, rule: /must be a number, a numeric string, a bigint or a Decimal, got true$/ },
  { label: 'false', value: false, rule: /got false$/ },
  { label: 'an object', value: { value: 1 }, rule: /got an object$/ },
  { label: 'an array', value: [1], rule: /got an array$/ },
  { label: 'a Decimal NaN', value: new D(Number.NaN), rule: /must be finite, got NaN$/ },
  { label: 'a Decimal -Infinity', value: new D(Number.NEGATIVE_INFINITY), rule: /must be finite, got -Infinity$/ },
];

describe('customerLifetimeValue', () => {
  describe('known values with an unlimited horizon', () => {
    it('returns 500 for a margin of 100 at retention 0.8: margin / churn', () => {
      // 100 / (1 - 0.8) = 100 / 0.2 = 500
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.8 }).toString()).toBe('500');
    });

    it('returns the same 500 for the churn rate form, churn 0.2', () => {
      expect(customerLifetimeValue({ margin: 100, churnRate: 0.2 }).toString()).toBe('500');
    });

    it('returns 500 when retention 0.8 and churn 0.2 are both given and agree', () => {
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.8, churnRate: 0.2 }).toString()).toBe('500');
      // 0.7 + 0.3 = 1 exactly in decimal: 100 / 0.3
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.7, churnRate: 0.3 }).toString()).toBe(
        to34(new D(100).div('0.3')),
      );
    });

    it('returns 440 for margin 100, retention 0.85 and a 10 % discount rate', () => {
      // m(1+d) / (1 + d - r) = 110 / 0.25 = 440
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1 }).toString()).toBe('440');
    });

    it('adds margin growth: margin 100, retention 0.9, discount 0.1, growth 0.05', () => {
      // m(1+d) / (1 + d - r(1+g)) = 110 / (1.1 - 0.945) = 110 / 0.155
      const value = customerLifetimeValue({ margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.05 });
      expect(value.toString()).toBe(to34(new D(110).div('0.155')));
    });

    it('lets a falling margin shrink the value: growth -0.5 at retention 0.8', () => {
      // 1 / (1 - 0.8 x 0.5) = 1 / 0.6
      expect(customerLifetimeValue({ margin: 1, retentionRate: 0.8, marginGrowth: -0.5 }).toString()).toBe(
        to34(new D(1).div('0.6')),
      );
    });

    it("returns 340 with timing 'end' for margin 100, retention 0.85, discount 0.1", () => {
      // m r / (1 + d - r) = 85 / 0.25 = 340
      expect(
        customerLifetimeValue({ margin: 100, retentionRate: 0.85, discountRate: 0.1, timing: 'end' }).toString(),
      ).toBe('340');
    });

    it("returns 400 with timing 'end' and no discount: m r / (1 - r) = 80 / 0.2", () => {
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.8, timing: 'end' }).toString()).toBe('400');
    });

    it("values timing 'end' with margin growth as the limit of its term-by-term sum", () => {
      const terms = { margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.05, timing: 'end' } as const;
      // The ratio of successive terms is 0.945 / 1.1 < 0.86, so after 1,000 terms the rest is below 1e-60.
      const limit = termByTerm(terms, 1000);
      expect(customerLifetimeValue(terms).toString()).toBe(to34(limit));
      // and it agrees with m r / (1 + d - r(1+g)) = 90 / 0.155
      expect(to34(limit)).toBe(to34(new D(90).div('0.155')));
    });

    it('returns a negative value for a negative margin: -50 at retention 0.8 is -250', () => {
      // -50 / 0.2
      expect(customerLifetimeValue({ margin: -50, retentionRate: 0.8 }).toString()).toBe('-250');
    });

    it('returns 0 for a margin of 0', () => {
      expect(customerLifetimeValue({ margin: 0, retentionRate: 0.8 }).toString()).toBe('0');
    });

    it('gives the same value when the defaults are spelled out', () => {
      const defaults = customerLifetimeValue({ margin: 100, retentionRate: 0.85 });
      const explicit = customerLifetimeValue({
        margin: 100,
        retentionRate: 0.85,
        discountRate: 0,
        marginGrowth: 0,
        timing: 'start',
        periods: undefined,
      });
      expect(explicit.toString()).toBe(defaults.toString());
      // 100 / 0.15
      expect(defaults.toString()).toBe(to34(new D(100).div('0.15')));
    });

    it("returns the library's own Decimal", () => {
      const value = customerLifetimeValue({ margin: 100, retentionRate: 0.8 });
      expect(value).toBeInstanceOf(Decimal);
      expect(value.constructor).toBe(Decimal);
    });
  });

  describe('known values over a finite number of periods', () => {
    it('returns 175 for margin 100, churn 0.5 and 3 periods', () => {
      // 100 * (1 + 0.5 + 0.25) = 175
      expect(customerLifetimeValue({ margin: 100, churnRate: 0.5, periods: 3 }).toString()).toBe('175');
    });

    it("returns 87.5 with timing 'end' for margin 100, churn 0.5 and 3 periods", () => {
      // 100 * (0.5 + 0.25 + 0.125) = 87.5
      expect(customerLifetimeValue({ margin: 100, churnRate: 0.5, periods: 3, timing: 'end' }).toString()).toBe('87.5');
    });

    it('returns the margin itself for one period at the start, and m r / (1+d) at the end', () => {
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.9, discountRate: 0.1, periods: 1 }).toString()).toBe(
        '100',
      );
      // 100 x 0.9 / 1.1
      expect(
        customerLifetimeValue({
          margin: 100,
          retentionRate: 0.9,
          discountRate: 0.1,
          periods: 1,
          timing: 'end',
        }).toString(),
      ).toBe(to34(new D(90).div('1.1')));
    });

    const scenarios: ReadonlyArray<{ name: string; terms: Terms }> = [
      {
        name: 'retention 0.9, discount 0.1, growth 0.05',
        terms: { margin: 100, retentionRate: '0.9', discountRate: '0.1', marginGrowth: '0.05' },
      },
      {
        name: 'retention 0.7, discount 0.08, growth -0.03',
        terms: { margin: '250.75', retentionRate: '0.7', discountRate: '0.08', marginGrowth: '-0.03' },
      },
      {
        name: 'a negative margin growing faster than the discount',
        terms: { margin: -40, retentionRate: '0.95', marginGrowth: '0.1' },
      },
      {
        name: 'r(1+g) exactly equal to 1+d (0.8 x 1.375 = 1.1)',
        terms: { margin: 1, retentionRate: '0.8', discountRate: '0.1', marginGrowth: '0.375' },
      },
      { name: 'retention 1 with no discount', terms: { margin: 7, retentionRate: 1 } },
      { name: 'retention 0', terms: { margin: 100, retentionRate: 0, discountRate: '0.1' } },
    ];
    const horizons = [1, 2, 3, 10, 37, 120];
    const cases = scenarios.flatMap(({ name, terms }) =>
      (['start', 'end'] as const).flatMap((timing) =>
        horizons.map((periods) => ({ name, terms: { ...terms, timing }, periods, timing })),
      ),
    );
    it.each(cases)(
      'matches the term-by-term sum for $name, timing $timing, over $periods periods',
      ({ terms, periods }) => {
        const value = customerLifetimeValue({ ...terms, periods });
        expect(value.toString()).toBe(to34(termByTerm(terms, periods)));
      },
    );

    it('returns margin x periods when retention is 1 and nothing is discounted: 7 x 100 = 700', () => {
      expect(customerLifetimeValue({ margin: 100, retentionRate: 1, periods: 7 }).toString()).toBe('700');
      expect(customerLifetimeValue({ margin: 100, retentionRate: 1, periods: 7, timing: 'end' }).toString()).toBe(
        '700',
      );
    });

    it('collects one margin at the start and none at the end when retention is 0', () => {
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0 }).toString()).toBe('100');
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0, periods: 5 }).toString()).toBe('100');
      const atEnd = customerLifetimeValue({ margin: 100, retentionRate: 0, timing: 'end' });
      expect(atEnd.toString()).toBe('0');
      expect(atEnd.isNegative()).toBe(false);
    });

    it('approaches the unlimited value as the number of periods grows', () => {
      const terms = { margin: 100, retentionRate: 0.9, discountRate: 0.1, marginGrowth: 0.05 };
      const unlimited = new D(customerLifetimeValue(terms).toString());
      // For timing 'start' the unlimited value minus the first H periods is U q^H, q = 0.945 / 1.1.
      const q = new D('0.945').div('1.1');
      let previousGap = new D(Number.POSITIVE_INFINITY);
      for (const periods of [1, 5, 10, 50, 100, 200, 400]) {
        const finite = new D(customerLifetimeValue({ ...terms, periods }).toString());
        const gap = unlimited.minus(finite);
        expect(gap.gt(0)).toBe(true);
        expect(gap.lt(previousGap)).toBe(true);
        expect(
          gap
            .minus(unlimited.times(q.pow(periods)))
            .abs()
            .lt('1e-29'),
        ).toBe(true);
        previousGap = gap;
      }
      // q^1000 is about 1e-66: the finite value equals the unlimited one to every digit kept.
      expect(customerLifetimeValue({ ...terms, periods: 1000 }).toString()).toBe(unlimited.toString());
    });

    it("approaches the unlimited value with timing 'end' too", () => {
      const terms = { margin: 100, retentionRate: 0.85, discountRate: 0.1, timing: 'end' } as const;
      const gaps = [1, 10, 100].map((periods) =>
        new D(340).minus(customerLifetimeValue({ ...terms, periods }).toString()),
      );
      expect(gaps.every((gap, i) => gap.gt(0) && (i === 0 || gap.lt(gaps[i - 1] ?? 0)))).toBe(true);
      expect(customerLifetimeValue({ ...terms, periods: 1000 }).toString()).toBe('340');
    });

    it('accepts the largest allowed horizon, 2^53 - 1 periods, and returns the unlimited value', () => {
      const value = customerLifetimeValue({
        margin: 100,
        retentionRate: 0.5,
        discountRate: 0.1,
        periods: Number.MAX_SAFE_INTEGER,
      });
      // 110 / 0.6
      expect(value.toString()).toBe(to34(new D(110).div('0.6')));
    });

    it('values a horizon that would diverge if unlimited: 30 periods at r(1+g) = 1.045 > 1.04', () => {
      const terms = { margin: 100, retentionRate: '0.95', marginGrowth: '0.1', discountRate: '0.04' };
      expect(customerLifetimeValue({ ...terms, periods: 30 }).toString()).toBe(to34(termByTerm(terms, 30)));
    });
  });

  describe('boundary inputs', () => {
    it("reads '0.1' and 0.1 as exactly one tenth: churn 0.1 gives 1000, not 999.99...", () => {
      expect(customerLifetimeValue({ margin: 100, churnRate: '0.1' }).toString()).toBe('1000');
      expect(customerLifetimeValue({ margin: 100, churnRate: 0.1 }).toString()).toBe('1000');
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.9 }).toString()).toBe('1000');
    });

    it('reads a margin given as a long digit string exactly', () => {
      // 123456789012345678901234567890 / 0.5
      expect(customerLifetimeValue({ margin: '123456789012345678901234567890', retentionRate: '0.5' }).toString()).toBe(
        '246913578024691357802469135780',
      );
    });

    it('reads a bigint margin above 2^53 exactly', () => {
      // 2^70 / 0.5 = 2^71
      expect(customerLifetimeValue({ margin: 2n ** 70n, retentionRate: '0.5' }).toString()).toBe(
        new D(2).pow(71).toString(),
      );
      expect(customerLifetimeValue({ margin: 2n ** 70n + 1n, retentionRate: 0 }).toString()).toBe(
        '1180591620717411303425',
      );
    });

    it('accepts periods as a number, a string, a bigint or a Decimal', () => {
      for (const periods of [3, '3', 3n, new D(3), '3.000', '3e0']) {
        expect(customerLifetimeValue({ margin: 100, churnRate: 0.5, periods }).toString()).toBe('175');
      }
    });

    it("accepts Decimal inputs from the application's own decimal.js clone", () => {
      const margin = new D(1).div(3);
      const value = customerLifetimeValue({ margin, retentionRate: new D('0.5'), discountRate: new D(0) });
      // (1/3 to 60 digits) / 0.5
      expect(value.toString()).toBe(to34(margin.times(2)));
    });

    it('treats -0 as 0 everywhere and never returns a negative zero', () => {
      const value = customerLifetimeValue({ margin: -0, retentionRate: 0.8 });
      expect(value.toString()).toBe('0');
      expect(value.isNegative()).toBe(false);
      expect(
        customerLifetimeValue({ margin: 100, retentionRate: 0.8, discountRate: -0, marginGrowth: '-0' }).toString(),
      ).toBe('500');
      expect(customerLifetimeValue({ margin: 100, churnRate: -0, periods: 2 }).toString()).toBe('200');
    });

    it('accepts a discount rate above 1: 100 per period at retention 0.5 and discount 1', () => {
      // 100 x 2 / (2 - 0.5) = 200 / 1.5
      expect(customerLifetimeValue({ margin: 100, retentionRate: 0.5, discountRate: 1 }).toString()).toBe(
        to34(new D(200).div('1.5')),
      );
    });

    it('values a churn rate of 1e-70 at margin / churn = 1e70 rather than calling it infinite', () => {
      // m / (1 - r) with r = 1 - 1e-70: 1 / 1e-70
      const value = customerLifetimeValue({ margin: 1, churnRate: '1e-70' });
      expect(value.toString()).toBe(new D('1e70').toString());
    });

    it('values a retention rate of 1 - 1e-70 at 1e70 rather than calling it infinite', () => {
      const value = customerLifetimeValue({ margin: 1, retentionRate: `0.${'9'.repeat(70)}` });
      expect(value.toString()).toBe(new D('1e70').toString());
    });

    it('refuses a discount rate above 1 per period, a percentage typed as a number, with the hint', () => {
      for (const [discountRate, shown] of [
        [10, '10'],
        [1e10, '10000000000'],
        ['1.0001', '1.0001'],
      ] as const) {
        expectInputError(
          () => customerLifetimeValue({ margin: 100, retentionRate: 0.5, discountRate, periods: 1e15 }),
          new RegExp(
            `^customerLifetimeValue: discountRate must be at most 1 per period \\(rates are fractions: 0\\.1 for 10 %\\), got ${shown.replace('.', '\\.')}$`,
          ),
        );
      }
      // 1 itself is a rate (100 % per period): m(1 + d) / (1 + d - r) over a very long horizon, 200 / 1.5.
      const value = customerLifetimeValue({ margin: 100, retentionRate: 0.5, discountRate: 1, periods: 1e15 });
      expect(value.toString()).toBe(to34(new D(200).div(new D('1.5'))));
    });

    it('never returns Infinity: a value beyond any Decimal is an input error or a finite number', () => {
      // 100 x (1 + 1e10)^(1e15 - 1) and more: about 10^(10^16), beyond decimal.js's range
      let outcome: unknown;
      try {
        outcome = customerLifetimeValue({ margin: 100, retentionRate: 1, marginGrowth: 1e10, periods: 1e15 });
      } catch (error) {
        outcome = error;
      }
      const acceptable = outcome instanceof MetricInputError || (outcome instanceof Decimal && outcome.isFinite());
      expect(acceptable, `got ${String(outcome)}`).toBe(true);
    });
  });

  describe('bad input', () => {
    it('names margin when it is missing', () => {
      const error = expectInputError(call({ retentionRate: 0.8 }), /^customerLifetimeValue: margin is required$/);
      expect(error.functionName).toBe('customerLifetimeValue');
      expect(error.field).toBe('margin');
      expect(error.issues.length).toBeGreaterThan(0);
      expect(error.issues[0]?.path).toEqual(['margin']);
    });

    it('asks for retentionRate (or churnRate) when neither is given', () => {
      const error = expectInputError(
        call({ margin: 100 }),
        /^customerLifetimeValue: retentionRate is required \(or give churnRate instead\)$/,
      );
      expect(error.field).toBe('retentionRate');
    });

    const numericFields = ['margin', 'retentionRate', 'churnRate', 'discountRate', 'periods', 'marginGrowth'] as const;
    const cases = numericFields.flatMap((field) => notNumbers.map((c) => ({ ...c, field })));
    it.each(cases)('rejects $label as $field', ({ field, value, rule }) => {
      const base: Record<string, unknown> = { margin: 100, retentionRate: 0.8 };
      if (field === 'churnRate') delete base.retentionRate;
      const error = expectInputError(
        call({ ...base, [field]: value }),
        new RegExp(`^customerLifetimeValue: ${field} `),
      );
      expect(error.message).toMatch(rule);
      expect(error.field).toBe(field);
    });

    it.each(['discountRate', 'periods', 'marginGrowth'] as const)(
      'rejects null for the optional %s without calling the optional field required',
      (field) => {
        const error = expectInputError(
          call({ margin: 100, retentionRate: 0.8, [field]: null }),
          new RegExp(`^customerLifetimeValue: ${field} .*got null$`),
        );
        expect(error.message).not.toMatch(/is required/);
      },
    );

    it.each(['retentionRate', 'churnRate'] as const)(
      'rejects %s above 1, hinting at percent versus fraction',
      (field) => {
        expectInputError(
          call({ margin: 100, [field]: 90 }),
          new RegExp(
            `^customerLifetimeValue: ${field} must be between 0 and 1 \\(a fraction: 0\\.9 for 90 %\\), got 90$`,
          ),
        );
        expectInputError(
          call({ margin: 100, [field]: 1.2 }),
          new RegExp(`^customerLifetimeValue: ${field} must be between 0 and 1`),
        );
      },
    );

    it.each(['retentionRate', 'churnRate'] as const)('rejects %s below 0', (field) => {
      expectInputError(
        call({ margin: 100, [field]: -0.1 }),
        new RegExp(`^customerLifetimeValue: ${field} must be between 0 and 1, got -0\\.1$`),
      );
    });

    it('rejects a negative discount rate', () => {
      expectInputError(
        call({ margin: 100, retentionRate: 0.8, discountRate: -0.1 }),
        /^customerLifetimeValue: discountRate must not be negative, got -0\.1$/,
      );
    });

    it('rejects a margin growth of -1 or less', () => {
      expectInputError(
        call({ margin: 100, retentionRate: 0.8, marginGrowth: -1 }),
        /^customerLifetimeValue: marginGrowth must be greater than -1 \(-0\.1 is a fall of 10 %\), got -1$/,
      );
      expectInputError(
        call({ margin: 100, retentionRate: 0.8, marginGrowth: '-2.5' }),
        /^customerLifetimeValue: marginGrowth must be greater than -1 .*, got -2\.5$/,
      );
    });

    it.each([
      { label: '0', value: 0, rule: /must be greater than 0, got 0$/ },
      { label: '-0', value: -0, rule: /must be greater than 0, got 0$/ },
      { label: '-1', value: -1, rule: /must not be negative, got -1$/ },
      { label: '2.5', value: 2.5, rule: /must be a whole number, got 2\.5$/ },
      { label: '2^53', value: 2n ** 53n, rule: /must be at most 9007199254740991, got 9007199254740992$/ },
    ])('rejects $label periods', ({ value, rule }) => {
      const error = expectInputError(
        call({ margin: 100, retentionRate: 0.8, periods: value }),
        /^customerLifetimeValue: periods /,
      );
      expect(error.message).toMatch(rule);
    });

    it.each([
      { label: "'middle'", value: 'middle', shown: '"middle"' },
      { label: "'START'", value: 'START', shown: '"START"' },
      { label: 'null', value: null, shown: 'null' },
      { label: 'the number 1', value: 1, shown: '1' },
      { label: 'true', value: true, shown: 'true' },
    ])('rejects $label as timing, listing the choices', ({ value, shown }) => {
      const error = expectInputError(
        call({ margin: 100, retentionRate: 0.8, timing: value }),
        new RegExp(`^customerLifetimeValue: timing must be one of 'start', 'end', got ${shown}$`),
      );
      expect(error.field).toBe('timing');
    });

    it.each([
      { label: 'null', value: null, shown: 'null' },
      { label: 'undefined', value: undefined, shown: 'nothing \\(undefined\\)' },
      { label: 'a number', value: 100, shown: '100' },
      { label: 'an array', value: [100, 0.8], shown: 'an array' },
    ])('rejects $label in place of the options object', ({ value, shown }) => {
      const error = expectInputError(
        call(value),
        new RegExp(`^customerLifetimeValue: expects an options object, got ${shown};`),
      );
      expect(error.field).toBeUndefined();
      expect(error.issues.length).toBeGreaterThan(0);
    });
  });

  describe('cross-field rules', () => {
    it('rejects a retention and a churn rate that do not add up to 1', () => {
      const error = expectInputError(
        call({ margin: 100, retentionRate: 0.8, churnRate: 0.3 }),
        /^customerLifetimeValue: churnRate must equal 1 - retentionRate \(0\.2\) when both are given, got 0\.3$/,
      );
      expect(error.field).toBe('churnRate');
    });

    it('rejects an unlimited horizon at retention 1, asking for a finite number of periods', () => {
      const error = expectInputError(
        call({ margin: 100, retentionRate: 1 }),
        /^customerLifetimeValue: retentionRate makes the lifetime value infinite: retention x \(1 \+ marginGrowth\) = 1 must stay below 1 \+ discountRate = 1; state a finite number of periods$/,
      );
      expect(error.field).toBe('retentionRate');
      expect(error.issues.length).toBeGreaterThan(0);
      expectInputError(
        call({ margin: 100, retentionRate: 1, timing: 'end' }),
        /^customerLifetimeValue: retentionRate .*infinite/,
      );
    });

    it('rejects an unlimited horizon when r(1+g) equals 1+d exactly: 0.8 x 1.375 = 1.1', () => {
      expectInputError(
        call({ margin: 100, retentionRate: 0.8, marginGrowth: 0.375, discountRate: 0.1 }),
        /^customerLifetimeValue: retentionRate makes the lifetime value infinite: retention x \(1 \+ marginGrowth\) = 1\.1 must stay below 1 \+ discountRate = 1\.1;/,
      );
    });

    it('rejects an unlimited horizon when r(1+g) exceeds 1+d: 0.95 x 1.1 = 1.045 > 1.04', () => {
      expectInputError(
        call({ margin: 100, retentionRate: 0.95, marginGrowth: 0.1, discountRate: 0.04 }),
        /^customerLifetimeValue: retentionRate .*infinite.*state a finite number of periods$/,
      );
    });

    it('accepts r(1+g) just below 1+d: 0.99 x 1.1 = 1.089 < 1.09', () => {
      // m(1+d) / (1 + d - r(1+g)) = 109 / 0.001 = 109000
      expect(
        customerLifetimeValue({ margin: 100, retentionRate: 0.99, marginGrowth: 0.1, discountRate: 0.09 }).toString(),
      ).toBe('109000');
    });

    it('names churnRate, with the churn rate that was given, when a churn rate of 0 makes the value infinite', () => {
      const error = expectInputError(
        call({ margin: 100, churnRate: 0 }),
        /^customerLifetimeValue: churnRate .*infinite.*state a finite number of periods$/,
      );
      expect(error.field).toBe('churnRate');
      // The message must not report the retention rate (1) as if it were the churn rate.
      expect(error.message).not.toMatch(/churnRate 1 /);
    });

    it('quotes the churn rate that was given (0.1), not the retention rate (0.9), when growth makes the value infinite', () => {
      // r(1+g) = 0.9 x 1.2 = 1.08 >= 1
      const error = expectInputError(
        call({ margin: 100, churnRate: 0.1, marginGrowth: 0.2 }),
        /^customerLifetimeValue: churnRate .*infinite/,
      );
      expect(error.message).not.toMatch(/churnRate 0\.9 /);
    });
  });
});
