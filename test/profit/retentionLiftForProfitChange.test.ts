/**
 * retentionLiftForProfitChange: the lift (in points of retention) that changes
 * profit per acquired customer by a target share, the inverse of
 * retentionProfitSensitivity.
 *
 * Expected values come from hand-solved closed forms in comments, from a
 * bisection written here in plain numbers over the CLV definitions of
 * DESIGN.md, and from plugging the solved lift back into
 * retentionProfitSensitivity, which must give the target to 25 significant digits.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  MetricInputError,
  type RetentionLiftForProfitChangeOptions,
  retentionLiftForProfitChange,
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
  acquisitionCost?: number;
}

/** CLV of DESIGN.md in plain numbers: closed form when unlimited, term by term when finite. */
function lifetimeValue(s: Scenario, r: number): number {
  const b = 1 + (s.discountRate ?? 0);
  const growth = 1 + (s.marginGrowth ?? 0);
  const start = (s.timing ?? 'start') === 'start';
  if (s.periods === undefined) return start ? (s.margin * b) / (b - r * growth) : (s.margin * r) / (b - r * growth);
  let sum = 0;
  let term = start ? s.margin : (s.margin * r) / b;
  for (let t = 0; t < s.periods; t++) {
    sum += term;
    term *= (r * growth) / b;
  }
  return sum;
}

/** The lift found by bisection on [0, highest] in plain numbers: profit(r') = profit(r) + target |profit(r)|. */
function bisectedLift(s: Scenario, target: number): number {
  const cost = s.acquisitionCost ?? 0;
  const profit = (r: number) => lifetimeValue(s, r) - cost;
  const base = profit(s.retentionRate);
  const wanted = base + target * Math.abs(base);
  const b = 1 + (s.discountRate ?? 0);
  const growth = 1 + (s.marginGrowth ?? 0);
  let low = 0;
  let high = s.periods === undefined ? Math.min(1, (b / growth) * (1 - 1e-15)) : 1;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (profit(mid) < wanted) low = mid;
    else high = mid;
  }
  return (low + high) / 2 - s.retentionRate;
}

/** Solves for the lift, plugs it back into retentionProfitSensitivity and checks the change to 25 digits. */
function expectRoundTrip(s: Scenario, target: number | string): Decimal {
  const lift = retentionLiftForProfitChange({ ...s, targetChange: target });
  const change = retentionProfitSensitivity({ ...s, retentionLift: lift }).change;
  const wanted = new D(target);
  const error = new D(change).minus(wanted).abs();
  const tolerance = wanted.isZero() ? new D('1e-25') : wanted.abs().times('1e-25');
  expect(error.lte(tolerance), `change ${change} for target ${target}`).toBe(true);
  return lift;
}

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

const shown = (value: Decimal): string => new D(value).toString();

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

const loose = retentionLiftForProfitChange as (options: unknown) => Decimal;

/** The scenario DESIGN.md pins: retention 0.85, margin 100 per period, 10 % discount rate. */
const pinned = { retentionRate: 0.85, margin: 100, discountRate: 0.1 };

describe('retentionLiftForProfitChange', () => {
  describe('known values', () => {
    it('finds the lift of 0.05 behind the pinned +25 % of DESIGN.md', () => {
      // +25 % of 440 is 550 = 110 / (1.1 - r'), so r' = 0.9: a lift of 0.05.
      const lift = retentionLiftForProfitChange({ ...pinned, targetChange: 0.25 });
      expect(lift.toString()).toBe('0.05');
      expect(lift).toBeInstanceOf(Decimal);
    });

    it('accepts the inputs as strings, bigints and Decimals', () => {
      const lift = retentionLiftForProfitChange({
        retentionRate: '0.85',
        targetChange: new Decimal('0.25'),
        margin: 100n,
        discountRate: new D('0.1'),
      });
      expect(lift.toString()).toBe('0.05');
    });

    it('accounts for an acquisition cost', () => {
      const scenario = { ...pinned, acquisitionCost: 300 };
      // Profit 440 - 300 = 140; +95 % is 273, so CLV 573 = 110 / (1.1 - r'): r' = 1.1 - 110/573.
      const lift = retentionLiftForProfitChange({ ...scenario, targetChange: 0.95 });
      expect(shown(lift)).toBe(rounded(new D('1.1').minus(new D(110).div(573)).minus('0.85')));
      expectRoundTrip(scenario, 0.95);
    });

    it('gives a negative lift for a negative target', () => {
      // -10 % of 440 is 396 = 110 / (1.1 - r'): r' = 1.1 - 110/396.
      const lift = retentionLiftForProfitChange({ ...pinned, targetChange: -0.1 });
      expect(shown(lift)).toBe(rounded(new D('1.1').minus(new D(110).div(396)).minus('0.85')));
      expect(lift.isNegative()).toBe(true);
      expectRoundTrip(pinned, -0.1);
    });

    it('gives a lift of 0 for a target of 0', () => {
      expect(retentionLiftForProfitChange({ ...pinned, targetChange: 0 }).toString()).toBe('0');
    });

    it('gives a lift of 0, to 30 decimal places, for a target of 0 over a finite horizon', () => {
      for (const retentionRate of [0, 0.85, 1]) {
        const lift = retentionLiftForProfitChange({ ...pinned, retentionRate, periods: 10, targetChange: 0 });
        expect(lift.abs().lt('1e-30'), `lift ${lift} at retention ${retentionRate}`).toBe(true);
      }
    });

    it('measures the change against the size of a negative profit', () => {
      const scenario = { ...pinned, acquisitionCost: 500 };
      // Profit 440 - 500 = -60; +50 % of |-60| is -30, so CLV 470: r' = 1.1 - 110/470.
      const lift = retentionLiftForProfitChange({ ...scenario, targetChange: 0.5 });
      expect(shown(lift)).toBe(rounded(new D('1.1').minus(new D(110).div(470)).minus('0.85')));
      expectRoundTrip(scenario, 0.5);
    });

    it("solves timing 'end' in closed form", () => {
      const scenario = { ...pinned, timing: 'end' as const };
      // CLV = m r / (1.1 - r): 340 today; +25 % is 425 = 100 r' / (1.1 - r'), so r' = 467.5 / 525.
      const lift = retentionLiftForProfitChange({ ...scenario, targetChange: 0.25 });
      expect(shown(lift)).toBe(rounded(new D('467.5').div(525).minus('0.85')));
      expectRoundTrip(scenario, 0.25);
    });

    it('solves with margin growth in closed form', () => {
      const scenario = { ...pinned, marginGrowth: 0.02 };
      // CLV = 110 / (1.1 - 1.02 r). Today 110/0.233; +25 % gives 1.1 - 1.02 r' = 0.233 / 1.25.
      const lift = retentionLiftForProfitChange({ ...scenario, targetChange: 0.25 });
      const r1 = new D('1.1').minus(new D('0.233').div('1.25')).div('1.02');
      expect(shown(lift)).toBe(rounded(r1.minus('0.85')));
      expectRoundTrip(scenario, 0.25);
    });

    it('agrees with a plain-number bisection for unlimited horizons', () => {
      const scenarios: Array<[Scenario, number]> = [
        [pinned, 0.25],
        [{ ...pinned, acquisitionCost: 300 }, 0.95],
        [{ ...pinned, timing: 'end' }, 0.4],
        [{ retentionRate: 0.6, margin: 40, discountRate: 0.05, marginGrowth: 0.1 }, 0.3],
        [{ retentionRate: 0.7, margin: 10 }, -0.2],
      ];
      for (const [scenario, target] of scenarios) {
        const lift = retentionLiftForProfitChange({ ...scenario, targetChange: target });
        expect(lift.toNumber()).toBeCloseTo(bisectedLift(scenario, target), 10);
      }
    });

    it('agrees with a plain-number bisection for finite horizons and round-trips to 25 digits', () => {
      const scenarios: Array<[Scenario, number]> = [
        [{ ...pinned, periods: 10 }, 0.25],
        [{ ...pinned, periods: 3, timing: 'end' }, 0.1],
        [{ retentionRate: 0.5, margin: 100, discountRate: 0.1, periods: 20, timing: 'end', marginGrowth: 0.05 }, 0.25],
        [{ retentionRate: 0.9, margin: 50, periods: 36, acquisitionCost: 200 }, -0.15],
        [{ retentionRate: 0.3, margin: 5, discountRate: 0.01, periods: 2, acquisitionCost: 1 }, 0.05],
      ];
      for (const [scenario, target] of scenarios) {
        const lift = expectRoundTrip(scenario, target);
        expect(lift.toNumber()).toBeCloseTo(bisectedLift(scenario, target), 10);
      }
    });

    it('round-trips targets that are not terminating decimals', () => {
      expectRoundTrip(pinned, '0.3333333333333333333333333333333333');
      expectRoundTrip({ ...pinned, periods: 7, marginGrowth: 0.04 }, '0.1428571428571428571428571428571429');
    });

    it('finds a lift to exactly full retention over a finite horizon', () => {
      // r = 0.95, 10 periods, no discount: CLV(1) = 1000 and CLV(0.95) = 100 (1 - 0.95^10) / 0.05.
      const base = new D(100).times(new D(1).minus(new D('0.95').pow(10))).div('0.05');
      // The exact target 1000/base - 1 does not terminate: round it down so that it stays reachable.
      const target = new D(1000).minus(base).div(base).toSignificantDigits(40, DecimalJs.ROUND_DOWN);
      const lift = retentionLiftForProfitChange({
        retentionRate: 0.95,
        margin: 100,
        periods: 10,
        targetChange: target.toString(),
      });
      expect(lift.minus('0.05').abs().lt('1e-25')).toBe(true);
    });
  });

  describe('unreachable targets and bad input', () => {
    it('refuses a target that would need retention above 1 over a finite horizon', () => {
      const error = inputError(() => retentionLiftForProfitChange({ ...pinned, periods: 10, targetChange: 100 }));
      expect(error.message).toMatch(
        /^retentionLiftForProfitChange: targetChange 100 would need a retention rate above 1/,
      );
    });

    it('refuses a target that would need retention above 1 over an unlimited horizon', () => {
      // CLV < 110 / 0.1 = 1100 for r <= 1; +200 % of 440 is 1320.
      const error = inputError(() => retentionLiftForProfitChange({ ...pinned, targetChange: 2 }));
      expect(error.message).toMatch(
        /^retentionLiftForProfitChange: targetChange 2 would need a retention rate above 1/,
      );
    });

    it('refuses a target that would need retention below 0', () => {
      // CLV >= 100 (one margin) at r >= 0; -90 % of 440 is 44.
      for (const options of [
        { ...pinned, targetChange: -0.9 },
        { ...pinned, targetChange: -1 },
        { ...pinned, targetChange: -5 },
        { ...pinned, periods: 5, targetChange: -0.9 },
      ]) {
        const error = inputError(() => retentionLiftForProfitChange(options));
        expect(error.message).toMatch(
          /^retentionLiftForProfitChange: targetChange -?[\d.]+ would need a retention rate below 0/,
        );
      }
    });

    it('reaches retention 0 exactly at end timing with no horizon, where a customer is then worth nothing', () => {
      // End timing, d = 0, no growth: CLV(r) = 100 r / (1 - r), 100 at r = 0.5. A change of -100 %
      // wants a value of 0, which is r = 0: a lift of -0.5 (the finite horizon gives the same).
      const options = { retentionRate: 0.5, margin: 100, timing: 'end' as const, targetChange: -1 };
      expect(retentionLiftForProfitChange(options).toString()).toBe('-0.5');
      expect(retentionLiftForProfitChange({ ...options, periods: 50 }).toString()).toBe('-0.5');
      // At start timing retention 0 still earns the first margin, so the same target is out of reach.
      expect(inputError(() => retentionLiftForProfitChange({ ...options, timing: 'start' })).message).toMatch(
        /would need a retention rate below 0/,
      );
    });

    it('refuses a profit of exactly 0 today, naming acquisitionCost', () => {
      const error = inputError(() =>
        retentionLiftForProfitChange({ ...pinned, acquisitionCost: 440, targetChange: 0.1 }),
      );
      expect(error.message).toMatch(/^retentionLiftForProfitChange: acquisitionCost equals the lifetime value/);
    });

    it('refuses a margin of 0 or less', () => {
      for (const margin of [0, -100]) {
        const error = inputError(() => retentionLiftForProfitChange({ ...pinned, margin, targetChange: 0.1 }));
        expect(error.message).toMatch(/^retentionLiftForProfitChange: margin must be greater than 0/);
      }
    });

    it('refuses a retention rate whose unlimited lifetime value is infinite, naming retentionRate', () => {
      const error = inputError(() =>
        retentionLiftForProfitChange({ retentionRate: 1, margin: 100, targetChange: 0.1 }),
      );
      expect(error.message).toMatch(/^retentionLiftForProfitChange: retentionRate .*infinite/);
    });

    const valid: RetentionLiftForProfitChangeOptions = { ...pinned, targetChange: 0.25 };
    const required = ['retentionRate', 'targetChange', 'margin'] as const;
    const numericFields = [...required, 'discountRate', 'acquisitionCost', 'periods', 'marginGrowth'] as const;
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
        expect(inputError(() => loose(options)).message).toBe(`retentionLiftForProfitChange: ${field} is required`);
      });
    }

    for (const field of numericFields) {
      it(`refuses NaN, Infinity, malformed strings, null, booleans and objects as ${field}`, () => {
        for (const [value, rule] of junk) {
          const error = inputError(() => loose({ ...valid, [field]: value }));
          expect(error.message).toMatch(new RegExp(`^retentionLiftForProfitChange: ${field} `));
          expect(error.message).toMatch(rule);
        }
      });
    }

    const outOfRange: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a negative retention rate',
        { retentionRate: -0.5 },
        /^retentionLiftForProfitChange: retentionRate must be between 0 and 1/,
      ],
      [
        'a retention rate in percent',
        { retentionRate: 85 },
        /^retentionLiftForProfitChange: retentionRate .*a fraction/,
      ],
      [
        'a negative discount rate',
        { discountRate: -0.1 },
        /^retentionLiftForProfitChange: discountRate must not be negative/,
      ],
      [
        'a negative acquisition cost',
        { acquisitionCost: -1 },
        /^retentionLiftForProfitChange: acquisitionCost must not be negative/,
      ],
      ['zero periods', { periods: 0 }, /^retentionLiftForProfitChange: periods must be greater than 0/],
      [
        'a fractional number of periods',
        { periods: 2.5 },
        /^retentionLiftForProfitChange: periods must be a whole number/,
      ],
      [
        'a margin growth of -100 %',
        { marginGrowth: -1 },
        /^retentionLiftForProfitChange: marginGrowth must be greater than -1/,
      ],
      ['an unknown timing', { timing: 'later' }, /^retentionLiftForProfitChange: timing must be one of 'start', 'end'/],
    ];

    for (const [name, change, message] of outOfRange) {
      it(`refuses ${name}`, () => {
        expect(inputError(() => loose({ ...valid, ...change })).message).toMatch(message);
      });
    }

    it('refuses options that are not an object', () => {
      for (const options of [undefined, null, 0.25, 'targetChange', [0.85], false]) {
        expect(inputError(() => loose(options)).message).toMatch(
          /^retentionLiftForProfitChange: expects an options object, got /,
        );
      }
    });
  });
});
