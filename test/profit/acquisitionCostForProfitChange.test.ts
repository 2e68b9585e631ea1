/**
 * acquisitionCostForProfitChange: the acquisition cost per customer at which a
 * retention lift changes profit by a target share. Profit is CLV(r) - A, so
 * change = (CLV(r + lift) - CLV(r)) / (CLV(r) - A) and A = CLV(r) - gain / target.
 *
 * Expected values come from hand calculations in comments, from the CLV
 * definitions of DESIGN.md evaluated here with an independent decimal.js clone
 * at 60 digits, and from plugging the cost back into retentionProfitSensitivity.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type AcquisitionCostForProfitChangeOptions,
  acquisitionCostForProfitChange,
  Decimal,
  MetricInputError,
  retentionProfitSensitivity,
} from '../../src';

const D = DecimalJs.clone({ precision: 60 });

interface Scenario {
  retentionRate: number;
  margin: number;
  discountRate?: number;
  marginGrowth?: number;
  periods?: number;
  timing?: 'start' | 'end';
}

/**
 * CLV from DESIGN.md at retention r. Start timing: m * sum_{t=0}^{H-1} (r(1+g)/(1+d))^t,
 * unlimited m(1+d)/(1+d-r(1+g)); end timing: m * sum_{t=1}^{H} (1+g)^{t-1} r^t/(1+d)^t,
 * unlimited m r/(1+d-r(1+g)).
 */
function lifetimeValue(s: Scenario, rate: DecimalJs): DecimalJs {
  const m = new D(s.margin);
  const b = new D(s.discountRate ?? 0).plus(1);
  const growth = new D(s.marginGrowth ?? 0).plus(1);
  const start = (s.timing ?? 'start') === 'start';
  if (s.periods === undefined) {
    const denominator = b.minus(rate.times(growth));
    return start ? m.times(b).div(denominator) : m.times(rate).div(denominator);
  }
  let sum = new D(0);
  let term = start ? m : m.times(rate).div(b);
  for (let t = 0; t < s.periods; t++) {
    sum = sum.plus(term);
    term = term.times(rate).times(growth).div(b);
  }
  return sum;
}

/** A = CLV(r) - (CLV(r + lift) - CLV(r)) / target. */
function expectedCost(s: Scenario, lift: number, target: number): DecimalJs {
  const r = new D(s.retentionRate);
  const base = lifetimeValue(s, r);
  const lifted = lifetimeValue(s, r.plus(lift));
  return base.minus(lifted.minus(base).div(target));
}

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

const shown = (value: Decimal): string => new D(value).toString();

/** Plugs the cost back into retentionProfitSensitivity and checks the change to 25 significant digits. */
function expectRoundTrip(s: Scenario, lift: number, target: number, cost: Decimal): void {
  const change = retentionProfitSensitivity({ ...s, retentionLift: lift, acquisitionCost: cost }).change;
  const error = new D(change).minus(target).abs();
  expect(error.lte(new D(target).abs().times('1e-25')), `change ${change} for target ${target}`).toBe(true);
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
  throw new Error(`expected a MetricInputError, but the call returned ${String(result)}`);
}

const loose = acquisitionCostForProfitChange as (options: unknown) => Decimal;

/** The scenario DESIGN.md pins: retention 0.85, margin 100 per period, 10 % discount rate. */
const pinned = { retentionRate: 0.85, margin: 100, discountRate: 0.1 };

describe('acquisitionCostForProfitChange', () => {
  describe('known values', () => {
    it('finds an acquisition cost of 352 for +125 % from a 5-point lift in the pinned scenario', () => {
      // CLV 440 -> 550, gain 110. 110 / (440 - A) = 1.25  =>  A = 440 - 88 = 352.
      const cost = acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange: 1.25 });
      expect(cost.toString()).toBe('352');
      expect(cost).toBeInstanceOf(Decimal);
      expectRoundTrip(pinned, 0.05, 1.25, cost);
    });

    it('finds the cost behind the claimed +95 % (C01): 440 - 2200/19 = 6160/19', () => {
      // 110 / (440 - A) = 0.95  =>  A = 440 - 110/0.95 = 440 - 2200/19 = 6160/19.
      const cost = acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange: 0.95 });
      expect(shown(cost)).toBe(rounded(new D(6160).div(19)));
      expectRoundTrip(pinned, 0.05, 0.95, cost);
    });

    it('gives a cost of 0 when the target equals the change with no acquisition cost', () => {
      expect(acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange: 0.25 }).toString()).toBe(
        '0',
      );
    });

    it('accepts the inputs as strings, bigints and Decimals', () => {
      const cost = acquisitionCostForProfitChange({
        retentionRate: '0.85',
        retentionLift: new Decimal('0.05'),
        targetChange: new D('1.25'),
        margin: 100n,
        discountRate: '0.1',
      });
      expect(cost.toString()).toBe('352');
    });

    it('raises the cost towards the lifetime value as the target grows', () => {
      let previous = new D(-1);
      for (const target of [0.25, 0.5, 1, 2, 10, 1000]) {
        const cost = new D(acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange: target }));
        expect(cost.gt(previous)).toBe(true);
        expect(cost.lt(440)).toBe(true);
        previous = cost;
      }
    });

    it('matches the definition for finite horizons, end timing and margin growth, and round-trips to 25 digits', () => {
      const cases: Array<[Scenario, number, number]> = [
        [{ ...pinned, periods: 10 }, 0.05, 0.5],
        [{ ...pinned, timing: 'end' }, 0.05, 0.6],
        [{ ...pinned, marginGrowth: 0.02 }, 0.03, 1.5],
        [
          { retentionRate: 0.5, margin: 100, discountRate: 0.1, periods: 20, timing: 'end', marginGrowth: 0.05 },
          0.1,
          0.9,
        ],
        [{ retentionRate: 0.7, margin: 12.5, periods: 3 }, 0.3, 0.8],
        [{ retentionRate: 0, margin: 100, discountRate: 0.1 }, 0.05, 0.2],
      ];
      for (const [scenario, lift, target] of cases) {
        const cost = acquisitionCostForProfitChange({ ...scenario, retentionLift: lift, targetChange: target });
        expect(shown(cost)).toBe(rounded(expectedCost(scenario, lift, target)));
        expectRoundTrip(scenario, lift, target, cost);
      }
    });

    it('lifts retention to exactly 1 over a finite horizon', () => {
      // 10 periods, no discount: CLV(1) = 1000, CLV(0.9) = 100 (1 - 0.9^10) / 0.1 = 1000 (1 - 0.9^10).
      const scenario = { retentionRate: 0.9, margin: 100, periods: 10 };
      const base = new D(1000).times(new D(1).minus(new D('0.9').pow(10)));
      const cost = acquisitionCostForProfitChange({ ...scenario, retentionLift: 0.1, targetChange: 2 });
      expect(shown(cost)).toBe(rounded(base.minus(new D(1000).minus(base).div(2))));
    });
  });

  describe('bad input', () => {
    it('refuses a target below the change with no acquisition cost, naming targetChange and that change', () => {
      const error = inputError(() =>
        acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange: 0.1 }),
      );
      expect(error.message).toMatch(
        /^acquisitionCostForProfitChange: targetChange 0.1 is below the change with no acquisition cost \(0.25\)/,
      );
      expect(error.field).toBe('targetChange');
    });

    it('refuses a lift of 0, a negative lift and a lift beyond full retention', () => {
      for (const retentionLift of [0, -0.05, 0.2]) {
        const error = inputError(() => acquisitionCostForProfitChange({ ...pinned, retentionLift, targetChange: 1 }));
        expect(error.message).toMatch(
          /^acquisitionCostForProfitChange: retentionLift must be greater than 0 and keep retention at most 1, got /,
        );
      }
    });

    it('refuses a target of 0 or less', () => {
      for (const targetChange of [0, -0.5]) {
        const error = inputError(() =>
          acquisitionCostForProfitChange({ ...pinned, retentionLift: 0.05, targetChange }),
        );
        expect(error.message).toMatch(/^acquisitionCostForProfitChange: targetChange must be greater than 0/);
      }
    });

    it('refuses a margin of 0 or less', () => {
      for (const margin of [0, -100]) {
        const error = inputError(() =>
          acquisitionCostForProfitChange({ ...pinned, margin, retentionLift: 0.05, targetChange: 1 }),
        );
        expect(error.message).toMatch(/^acquisitionCostForProfitChange: margin must be greater than 0/);
      }
    });

    it('refuses a retention rate whose unlimited lifetime value is infinite, naming retentionRate', () => {
      // 0.85 x 1.3 = 1.105 > 1.1.
      const error = inputError(() =>
        acquisitionCostForProfitChange({ ...pinned, marginGrowth: 0.3, retentionLift: 0.01, targetChange: 1 }),
      );
      expect(error.message).toMatch(/^acquisitionCostForProfitChange: retentionRate .*infinite/);
    });

    it('refuses a lift to an infinite lifetime value, naming retentionLift', () => {
      const error = inputError(() =>
        acquisitionCostForProfitChange({ retentionRate: 0.85, margin: 100, retentionLift: 0.15, targetChange: 1 }),
      );
      expect(error.message).toMatch(/^acquisitionCostForProfitChange: retentionLift .*infinite/);
    });

    it('does not state that the lift is 1 when a lift of 0.15 makes the lifetime value infinite', () => {
      const error = inputError(() =>
        acquisitionCostForProfitChange({ retentionRate: 0.85, margin: 100, retentionLift: 0.15, targetChange: 1 }),
      );
      expect(error.message).not.toMatch(/retentionLift 1 /);
    });

    const valid: AcquisitionCostForProfitChangeOptions = { ...pinned, retentionLift: 0.05, targetChange: 1.25 };
    const required = ['retentionRate', 'retentionLift', 'targetChange', 'margin'] as const;
    const numericFields = [...required, 'discountRate', 'periods', 'marginGrowth'] as const;
    const junk: Array<[unknown, RegExp]> = [
      [Number.NaN, /must be a number, got NaN$/],
      [Number.POSITIVE_INFINITY, /must be finite/],
      ['', /must be a plain decimal number/],
      ['1,000', /must be a plain decimal number.*"1,000"$/],
      [null, /got null$/],
      [true, /got true$/],
      [false, /got false$/],
      [{}, /got an object$/],
    ];

    for (const field of required) {
      it(`says ${field} is required when it is missing`, () => {
        const options: Record<string, unknown> = { ...valid };
        delete options[field];
        expect(inputError(() => loose(options)).message).toBe(`acquisitionCostForProfitChange: ${field} is required`);
      });
    }

    for (const field of numericFields) {
      it(`refuses NaN, Infinity, malformed strings, null, booleans and objects as ${field}`, () => {
        for (const [value, rule] of junk) {
          const error = inputError(() => loose({ ...valid, [field]: value }));
          expect(error.message).toMatch(new RegExp(`^acquisitionCostForProfitChange: ${field} `));
          expect(error.message).toMatch(rule);
        }
      });
    }

    const outOfRange: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a negative retention rate',
        { retentionRate: -0.5 },
        /^acquisitionCostForProfitChange: retentionRate must be between 0 and 1/,
      ],
      [
        'a retention rate in percent',
        { retentionRate: 85 },
        /^acquisitionCostForProfitChange: retentionRate .*a fraction/,
      ],
      [
        'a negative discount rate',
        { discountRate: -0.1 },
        /^acquisitionCostForProfitChange: discountRate must not be negative/,
      ],
      ['zero periods', { periods: 0 }, /^acquisitionCostForProfitChange: periods must be greater than 0/],
      [
        'a fractional number of periods',
        { periods: 2.5 },
        /^acquisitionCostForProfitChange: periods must be a whole number/,
      ],
      [
        'a margin growth below -100 %',
        { marginGrowth: -2 },
        /^acquisitionCostForProfitChange: marginGrowth must be greater than -1/,
      ],
      [
        'an unknown timing',
        { timing: 'sometimes' },
        /^acquisitionCostForProfitChange: timing must be one of 'start', 'end'/,
      ],
    ];

    for (const [name, change, message] of outOfRange) {
      it(`refuses ${name}`, () => {
        expect(inputError(() => loose({ ...valid, ...change })).message).toMatch(message);
      });
    }

    it('refuses options that are not an object', () => {
      for (const options of [undefined, null, 352, '352', [0.85, 0.05], true]) {
        expect(inputError(() => loose(options)).message).toMatch(
          /^acquisitionCostForProfitChange: expects an options object, got /,
        );
      }
    });
  });
});
