/**
 * retentionProfitSensitivity: profit per acquired customer, CLV(r) - acquisitionCost,
 * before and after a lift in retention, and the relative change
 * (profit(r + lift) - profit(r)) / |profit(r)|.
 *
 * Expected values come from hand calculations in comments or from the CLV
 * definitions of DESIGN.md evaluated here with an independent decimal.js clone
 * at 60 digits: the closed forms for an unlimited horizon, the term-by-term sum
 * for a finite one.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  MetricInputError,
  type RetentionProfitSensitivityOptions,
  type RetentionProfitSensitivityResult,
  retentionProfitSensitivity,
} from '../../src';

const D = DecimalJs.clone({ precision: 60 });

type Value = number | string;

interface Terms {
  margin: Value;
  retentionRate: Value;
  discountRate?: Value;
  marginGrowth?: Value;
  periods?: number;
  timing?: 'start' | 'end';
}

/**
 * CLV from DESIGN.md. Start timing: m * sum_{t=0}^{H-1} (r(1+g)/(1+d))^t, unlimited m(1+d)/(1+d-r(1+g)).
 * End timing: m * sum_{t=1}^{H} (1+g)^{t-1} r^t / (1+d)^t, unlimited m r / (1+d-r(1+g)).
 */
function lifetimeValue(terms: Terms): DecimalJs {
  const m = new D(terms.margin);
  const r = new D(terms.retentionRate);
  const b = new D(terms.discountRate ?? 0).plus(1);
  const growth = new D(terms.marginGrowth ?? 0).plus(1);
  const timing = terms.timing ?? 'start';
  if (terms.periods === undefined) {
    const denominator = b.minus(r.times(growth));
    return timing === 'start' ? m.times(b).div(denominator) : m.times(r).div(denominator);
  }
  let sum = new D(0);
  if (timing === 'start') {
    let term = m; // m (r(1+g)/(1+d))^t at t = 0
    for (let t = 0; t < terms.periods; t++) {
      sum = sum.plus(term);
      term = term.times(r).times(growth).div(b);
    }
  } else {
    let term = m.times(r).div(b); // m (1+g)^0 r^1 / (1+d)^1 at t = 1
    for (let t = 1; t <= terms.periods; t++) {
      sum = sum.plus(term);
      term = term.times(r).times(growth).div(b);
    }
  }
  return sum;
}

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** A library result printed by the same clone as the expectations, so that notation matches. */
const shown = (value: Decimal | undefined): string => (value === undefined ? 'undefined' : new D(value).toString());

/** The whole expected result for a scenario, from the independent CLV. */
function expectedResult(terms: Terms, lift: Value, acquisitionCost: Value = 0) {
  const cost = new D(acquisitionCost);
  const baseValue = lifetimeValue(terms);
  const liftedValue = lifetimeValue({ ...terms, retentionRate: new D(terms.retentionRate).plus(lift).toString() });
  const base = baseValue.minus(cost);
  const lifted = liftedValue.minus(cost);
  return {
    baseValue: rounded(base),
    liftedValue: rounded(lifted),
    change: rounded(lifted.minus(base).div(base.abs())),
    baseLifetimeValue: rounded(baseValue),
    liftedLifetimeValue: rounded(liftedValue),
    profitGain: rounded(lifted.minus(base)),
  };
}

function plain(result: RetentionProfitSensitivityResult) {
  return {
    baseValue: shown(result.baseValue),
    liftedValue: shown(result.liftedValue),
    change: shown(result.change),
    baseLifetimeValue: shown(result.baseLifetimeValue),
    liftedLifetimeValue: shown(result.liftedLifetimeValue),
    profitGain: shown(result.profitGain),
  };
}

/** Runs `run`, expecting a MetricInputError, and returns it. */
function inputError(run: () => unknown): MetricInputError {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricInputError);
    expect(MetricInputError.is(error)).toBe(true);
    return error as MetricInputError;
  }
  throw new Error(`expected a MetricInputError, but the call returned ${JSON.stringify(result)}`);
}

const loose = retentionProfitSensitivity as (options: unknown) => RetentionProfitSensitivityResult;

/** The scenario DESIGN.md pins: retention 0.85, margin 100 per period, 10 % discount rate. */
const pinned = { retentionRate: 0.85, margin: 100, discountRate: 0.1 };

describe('retentionProfitSensitivity', () => {
  describe('known values', () => {
    it('takes CLV from 440 to 550, a change of exactly 0.25, for the pinned example of DESIGN.md', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05 });
      // CLV = m(1+d)/(1+d-r): 110 / 0.25 = 440 at r = 0.85 and 110 / 0.20 = 550 at r = 0.90.
      expect(result.baseValue.toString()).toBe('440');
      expect(result.liftedValue.toString()).toBe('550');
      expect(result.change.toString()).toBe('0.25');
      expect(result.profitGain.toString()).toBe('110');
      expect(result.baseLifetimeValue.toString()).toBe('440');
      expect(result.liftedLifetimeValue.toString()).toBe('550');
      expect(result.change).toBeInstanceOf(Decimal);
      expect('costCutEquivalent' in result).toBe(false);
    });

    it('gives the same result when the inputs are strings, bigints and Decimals', () => {
      const result = retentionProfitSensitivity({
        retentionRate: '0.85',
        retentionLift: new Decimal('0.05'),
        margin: 100n,
        discountRate: new D('0.1'),
      });
      expect(plain(result)).toEqual(plain(retentionProfitSensitivity({ ...pinned, retentionLift: 0.05 })));
    });

    it('subtracts the acquisition cost from both profits, so the same gain is a larger change', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, acquisitionCost: 300 });
      // 440 - 300 = 140 and 550 - 300 = 250: change 110 / 140 = 11/14.
      expect(result.baseValue.toString()).toBe('140');
      expect(result.liftedValue.toString()).toBe('250');
      expect(shown(result.change)).toBe(rounded(new D(11).div(14)));
      expect(result.baseLifetimeValue.toString()).toBe('440');
      expect(result.liftedLifetimeValue.toString()).toBe('550');
      expect(result.profitGain.toString()).toBe('110');
    });

    it('divides by the size of a negative profit, so a gain is a positive change', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, acquisitionCost: 500 });
      // 440 - 500 = -60 and 550 - 500 = 50: change 110 / |-60| = 11/6.
      expect(result.baseValue.toString()).toBe('-60');
      expect(result.liftedValue.toString()).toBe('50');
      expect(shown(result.change)).toBe(rounded(new D(11).div(6)));
    });

    it('gives a negative change for a negative lift', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: -0.05 });
      // r = 0.80: 110 / 0.30 = 1100/3; change (1100/3 - 440) / 440 = -1/6.
      expect(shown(result.liftedValue)).toBe(rounded(new D(1100).div(3)));
      expect(shown(result.change)).toBe(rounded(new D(-1).div(6)));
      expect(plain(result)).toEqual(expectedResult(pinned, -0.05));
    });

    it('gives a change of 0 for a lift of 0', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0 });
      expect(result.change.toString()).toBe('0');
      expect(result.liftedValue.toString()).toBe('440');
    });

    it('handles a negative margin, where a lift makes profit more negative', () => {
      const result = retentionProfitSensitivity({ ...pinned, margin: -100, retentionLift: 0.05 });
      // -440 -> -550: change -110 / 440 = -0.25.
      expect(result.baseValue.toString()).toBe('-440');
      expect(result.liftedValue.toString()).toBe('-550');
      expect(result.change.toString()).toBe('-0.25');
    });

    it('gives margin / churn without a discount rate: 500 to 2000/3, a change of 1/3', () => {
      const result = retentionProfitSensitivity({ retentionRate: 0.8, retentionLift: 0.05, margin: 100 });
      // 100 / 0.2 = 500; 100 / 0.15 = 2000/3; (2000/3 - 500) / 500 = 1/3.
      expect(result.baseValue.toString()).toBe('500');
      expect(shown(result.change)).toBe(rounded(new D(1).div(3)));
    });

    it('counts a finite number of periods term by term', () => {
      const terms = { ...pinned, periods: 3 };
      // 100 (1 + 0.85/1.1 + (0.85/1.1)^2) at r = 0.85, likewise at 0.9.
      const base = new D(100).times(new D(1).plus(new D(0.85).div(1.1)).plus(new D(0.85).div(1.1).pow(2)));
      const result = retentionProfitSensitivity({ ...terms, retentionLift: 0.05 });
      expect(shown(result.baseValue)).toBe(rounded(base));
      expect(plain(result)).toEqual(expectedResult(terms, 0.05));
      const long = { retentionRate: 0.6, margin: 25, discountRate: 0.02, periods: 40 };
      expect(plain(retentionProfitSensitivity({ ...long, retentionLift: 0.3, acquisitionCost: 12 }))).toEqual(
        expectedResult(long, 0.3, 12),
      );
    });

    it("counts margins at the end of each period with timing 'end'", () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, timing: 'end' });
      // m r / (1 + d - r): 85 / 0.25 = 340 and 90 / 0.2 = 450; change 110 / 340 = 11/34.
      expect(result.baseValue.toString()).toBe('340');
      expect(result.liftedValue.toString()).toBe('450');
      expect(shown(result.change)).toBe(rounded(new D(11).div(34)));
    });

    it("combines timing 'end', a finite horizon and margin growth", () => {
      const terms = { ...pinned, periods: 12, marginGrowth: 0.03, timing: 'end' as const };
      expect(plain(retentionProfitSensitivity({ ...terms, retentionLift: 0.07, acquisitionCost: 150 }))).toEqual(
        expectedResult(terms, 0.07, 150),
      );
    });

    it('grows the margin each period with marginGrowth', () => {
      const terms = { ...pinned, marginGrowth: 0.02 };
      // 110 / (1.1 - 0.85 x 1.02) = 110 / 0.233 and 110 / (1.1 - 0.9 x 1.02) = 110 / 0.182.
      const result = retentionProfitSensitivity({ ...terms, retentionLift: 0.05 });
      expect(shown(result.baseValue)).toBe(rounded(new D(110).div('0.233')));
      expect(shown(result.liftedValue)).toBe(rounded(new D(110).div('0.182')));
      expect(plain(result)).toEqual(expectedResult(terms, 0.05));
    });

    it('starts from a retention of 0, where CLV is one margin', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionRate: 0, retentionLift: 0.05 });
      // r = 0: 110 / 1.1 = 100; r = 0.05: 110 / 1.05.
      expect(result.baseValue.toString()).toBe('100');
      expect(shown(result.liftedValue)).toBe(rounded(new D(110).div('1.05')));
    });

    it('lifts retention to exactly 1 over a finite horizon', () => {
      const result = retentionProfitSensitivity({ retentionRate: 0.95, retentionLift: 0.05, margin: 100, periods: 10 });
      // At r = 1 every one of 10 margins is paid: 1000. At 0.95: 100 (1 - 0.95^10) / 0.05.
      expect(result.liftedValue.toString()).toBe('1000');
      expect(shown(result.baseValue)).toBe(
        rounded(new D(100).times(new D(1).minus(new D('0.95').pow(10))).div('0.05')),
      );
    });

    it('gives the unlimited value for a horizon of 2^53 - 1 periods', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, periods: Number.MAX_SAFE_INTEGER });
      expect(result.baseValue.toString()).toBe('440');
      expect(result.liftedValue.toString()).toBe('550');
    });
  });

  describe('cost-cut equivalent', () => {
    it('divides the gain per customer by costs per customer when no customer count is given', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, costs: 1000 });
      // Gain 110 per customer against costs of 1000 per customer: 0.11.
      expect(result.costCutEquivalent?.toString()).toBe('0.11');
    });

    it('multiplies the gain by the customers when the costs are for the whole base', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05, costs: 22000, customers: 50 });
      // 110 x 50 = 5500 against 22000: 0.25.
      expect(result.costCutEquivalent?.toString()).toBe('0.25');
      expect(result.change.toString()).toBe('0.25');
    });

    it('compares a two-point lift with the costs of a base, in the spirit of claim C03', () => {
      // r 0.85 -> 0.87 at d 0.1: 110/0.25 = 440 -> 110/0.23; gain 110/0.23 - 440 per customer.
      const gain = new D(110).div('0.23').minus(440);
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.02, costs: 400_000, customers: 1000 });
      expect(shown(result.costCutEquivalent)).toBe(rounded(gain.times(1000).div(400_000)));
    });

    it('leaves costCutEquivalent out when costs are not given', () => {
      const result = retentionProfitSensitivity({ ...pinned, retentionLift: 0.05 });
      expect(result.costCutEquivalent).toBeUndefined();
    });
  });

  describe('bad input', () => {
    const valid: RetentionProfitSensitivityOptions = { ...pinned, retentionLift: 0.05 };
    const required = ['retentionRate', 'retentionLift', 'margin'] as const;
    const numericFields = [
      ...required,
      'discountRate',
      'acquisitionCost',
      'periods',
      'marginGrowth',
      'costs',
      'customers',
    ] as const;
    const junk: Array<[string, unknown, RegExp]> = [
      ['NaN', Number.NaN, /must be a number, got NaN$/],
      ['Infinity', Number.POSITIVE_INFINITY, /must be finite/],
      ['-Infinity', Number.NEGATIVE_INFINITY, /must be finite/],
      ['an empty string', '', /must be a plain decimal number/],
      ["'1,000'", '1,000', /must be a plain decimal number.*"1,000"$/],
      ['null', null, /got null$/],
      ['true', true, /got true$/],
      ['false', false, /got false$/],
      ['an object', { value: 1 }, /got an object$/],
      ['an array', [1], /got an array$/],
    ];

    for (const field of required) {
      it(`says ${field} is required when it is missing`, () => {
        const options: Record<string, unknown> = { ...valid };
        delete options[field];
        expect(inputError(() => loose(options)).message).toBe(`retentionProfitSensitivity: ${field} is required`);
        expect(inputError(() => loose({ ...valid, [field]: undefined })).message).toBe(
          `retentionProfitSensitivity: ${field} is required`,
        );
      });
    }

    for (const field of numericFields) {
      it(`refuses NaN, infinities, malformed strings, null, booleans, objects and arrays as ${field}`, () => {
        for (const [, value, rule] of junk) {
          const error = inputError(() => loose({ ...valid, costs: 1000, customers: 10, [field]: value }));
          expect(error.message).toMatch(new RegExp(`^retentionProfitSensitivity: ${field} `));
          expect(error.message).toMatch(rule);
          expect(error.field).toBe(field);
        }
      });
    }

    const outOfRange: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a negative retention rate',
        { retentionRate: -0.1 },
        /^retentionProfitSensitivity: retentionRate must be between 0 and 1, got -0.1$/,
      ],
      [
        'a retention rate above 1',
        { retentionRate: 1.1 },
        /^retentionProfitSensitivity: retentionRate must be between 0 and 1/,
      ],
      [
        'a retention rate given in percent',
        { retentionRate: 85 },
        /^retentionProfitSensitivity: retentionRate .*a fraction: 0.9 for 90 %/,
      ],
      [
        'a lift that takes retention above 1',
        { retentionLift: 0.2 },
        /^retentionProfitSensitivity: retentionLift takes retention from 0.85 to 1.05, outside \[0, 1\]/,
      ],
      [
        'a lift that takes retention below 0',
        { retentionLift: -0.9 },
        /^retentionProfitSensitivity: retentionLift takes retention from 0.85 to -0.05, outside \[0, 1\]/,
      ],
      [
        'a negative discount rate',
        { discountRate: -0.1 },
        /^retentionProfitSensitivity: discountRate must not be negative, got -0.1$/,
      ],
      [
        'a negative acquisition cost',
        { acquisitionCost: -1 },
        /^retentionProfitSensitivity: acquisitionCost must not be negative, got -1$/,
      ],
      ['zero periods', { periods: 0 }, /^retentionProfitSensitivity: periods must be greater than 0, got 0$/],
      [
        'a fractional number of periods',
        { periods: 1.5 },
        /^retentionProfitSensitivity: periods must be a whole number, got 1.5$/,
      ],
      [
        'a negative number of periods',
        { periods: -2 },
        /^retentionProfitSensitivity: periods must not be negative, got -2$/,
      ],
      [
        'more than 2^53 - 1 periods',
        { periods: 2 ** 53 },
        /^retentionProfitSensitivity: periods must be at most 9007199254740991/,
      ],
      [
        'a margin growth of -100 %',
        { marginGrowth: -1 },
        /^retentionProfitSensitivity: marginGrowth must be greater than -1/,
      ],
      ['zero costs', { costs: 0 }, /^retentionProfitSensitivity: costs must be greater than 0/],
      ['negative costs', { costs: -5 }, /^retentionProfitSensitivity: costs must be greater than 0/],
      [
        'zero customers',
        { costs: 10, customers: 0 },
        /^retentionProfitSensitivity: customers must be greater than 0, got 0$/,
      ],
      [
        'a fractional customer count',
        { costs: 10, customers: 1.5 },
        /^retentionProfitSensitivity: customers must be a whole number, got 1.5$/,
      ],
      [
        'a negative customer count',
        { costs: 10, customers: -1 },
        /^retentionProfitSensitivity: customers must not be negative, got -1$/,
      ],
      ['customers without costs', { customers: 10 }, /^retentionProfitSensitivity: costs is required with customers/],
      [
        'an unknown timing',
        { timing: 'middle' },
        /^retentionProfitSensitivity: timing must be one of 'start', 'end', got "middle"$/,
      ],
      [
        'a timing in capitals',
        { timing: 'START' },
        /^retentionProfitSensitivity: timing must be one of 'start', 'end'/,
      ],
      [
        'a timing that is a number',
        { timing: 1 },
        /^retentionProfitSensitivity: timing must be one of 'start', 'end', got 1$/,
      ],
      [
        'a timing that is null',
        { timing: null },
        /^retentionProfitSensitivity: timing must be one of 'start', 'end', got null$/,
      ],
    ];

    for (const [name, change, message] of outOfRange) {
      it(`refuses ${name}`, () => {
        expect(inputError(() => loose({ ...valid, ...change })).message).toMatch(message);
      });
    }

    it('refuses options that are not an object', () => {
      for (const options of [undefined, null, 0.85, 'retentionRate=0.85', [0.85, 0.05, 100], true]) {
        const error = inputError(() => loose(options));
        expect(error.message).toMatch(/^retentionProfitSensitivity: expects an options object, got /);
      }
    });

    it('refuses a base profit of exactly 0, naming acquisitionCost', () => {
      const error = inputError(() => retentionProfitSensitivity({ ...valid, acquisitionCost: 440 }));
      expect(error.message).toMatch(/^retentionProfitSensitivity: acquisitionCost equals the lifetime value/);
      expect(error.field).toBe('acquisitionCost');
    });

    it('refuses a zero margin with no acquisition cost, with a message that points at the margin', () => {
      // CLV is 0 and profit is 0 - 0: the relative change divides by zero. No acquisition cost was
      // given, so advice to lower it cannot help; the cause to report is the zero margin.
      const error = inputError(() => retentionProfitSensitivity({ ...valid, margin: 0 }));
      expect(error.message).toMatch(/^retentionProfitSensitivity: /);
      expect(error.message).toMatch(/margin/);
    });

    it('refuses a retention rate that makes the unlimited lifetime value infinite, naming retentionRate', () => {
      const error = inputError(() => retentionProfitSensitivity({ retentionRate: 1, retentionLift: 0, margin: 100 }));
      expect(error.message).toMatch(
        /^retentionProfitSensitivity: retentionRate .*infinite.*state a finite number of periods$/,
      );
      // Margin growth can make it infinite too: 0.85 x 1.3 = 1.105 > 1.1.
      const grown = inputError(() => retentionProfitSensitivity({ ...valid, marginGrowth: 0.3 }));
      expect(grown.message).toMatch(/^retentionProfitSensitivity: retentionRate .*infinite/);
    });

    it('refuses a lift to an infinite lifetime value, naming retentionLift', () => {
      const error = inputError(() =>
        retentionProfitSensitivity({ retentionRate: 0.85, retentionLift: 0.15, margin: 100 }),
      );
      expect(error.message).toMatch(/^retentionProfitSensitivity: retentionLift .*infinite/);
      expect(error.field).toBe('retentionLift');
    });

    it('does not state that the lift is 1 when a lift of 0.15 makes the lifetime value infinite', () => {
      const error = inputError(() =>
        retentionProfitSensitivity({ retentionRate: 0.85, retentionLift: 0.15, margin: 100 }),
      );
      // The lift given was 0.15; the value 1 is the lifted retention rate.
      expect(error.message).not.toMatch(/retentionLift 1 /);
    });
  });
});
