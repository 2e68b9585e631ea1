/**
 * retentionProfitElasticity: (dP/dr) x r / P with P = CLV(r) - acquisitionCost.
 *
 * Expected values come from hand-derived closed forms in comments and from a
 * central difference of the CLV definitions of DESIGN.md, written here in
 * plain numbers (no library code involved).
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  customerLifetimeValue,
  Decimal,
  MetricInputError,
  type RetentionProfitElasticityOptions,
  retentionProfitElasticity,
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

/**
 * Elasticity by central difference: (P(r + h) - P(r - h)) / 2h x r / |P(r)|. The size of P, as in the
 * relative change of retentionProfitSensitivity (DESIGN.md: change = (P(r + lift) - P(r)) / |P(r)|), so
 * that a positive elasticity always means "more retention, more profit".
 */
function numericalElasticity(s: Scenario): number {
  const h = 1e-6;
  const profit = (r: number) => lifetimeValue(s, r) - (s.acquisitionCost ?? 0);
  const r = s.retentionRate;
  return (((profit(r + h) - profit(r - h)) / (2 * h)) * r) / Math.abs(profit(r));
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

const loose = retentionProfitElasticity as (options: unknown) => Decimal;

/** The scenario DESIGN.md pins: retention 0.85, margin 100 per period, 10 % discount rate. */
const pinned = { retentionRate: 0.85, margin: 100, discountRate: 0.1 };

describe('retentionProfitElasticity', () => {
  describe('known values', () => {
    it('gives r / (1 + d - r) = 3.4 for the pinned scenario', () => {
      // CLV = m b / (b - r), dCLV/dr = m b / (b - r)^2, so e = r / (b - r) = 0.85 / 0.25.
      const elasticity = retentionProfitElasticity(pinned);
      expect(elasticity.toString()).toBe('3.4');
      expect(elasticity).toBeInstanceOf(Decimal);
    });

    it('gives r / (1 - r) = 4 at retention 0.8 without a discount rate', () => {
      expect(retentionProfitElasticity({ retentionRate: 0.8, margin: 100 }).toString()).toBe('4');
    });

    it("gives (1 + d) / (1 + d - r) = 4.4 with timing 'end'", () => {
      // CLV = m r / (b - r), dCLV/dr = m b / (b - r)^2, so e = b / (b - r) = 1.1 / 0.25.
      expect(retentionProfitElasticity({ ...pinned, timing: 'end' }).toString()).toBe('4.4');
    });

    it('grows with an acquisition cost, which shrinks profit but not its slope', () => {
      // Slope 110 / 0.25^2 = 1760; profit 440 - 140 = 300; e = 1760 x 0.85 / 300 = 4.98666...
      const elasticity = retentionProfitElasticity({ ...pinned, acquisitionCost: 140 });
      expect(shown(elasticity)).toBe(rounded(new D(1760).times('0.85').div(300)));
    });

    it('gives r(1+g) / (1 + d - r(1+g)) with margin growth', () => {
      // CLV = m b / (b - rG): slope m b G / (b - rG)^2, e = rG / (b - rG) = 0.867 / 0.233.
      const elasticity = retentionProfitElasticity({ ...pinned, marginGrowth: 0.02 });
      expect(shown(elasticity)).toBe(rounded(new D('0.867').div('0.233')));
    });

    it('gives r / (1 + d + r) over two periods', () => {
      // CLV = m (1 + r/b): slope m/b, e = (m/b) r / (m (1 + r/b)) = r / (b + r) = 0.85 / 1.95 = 17/39.
      const elasticity = retentionProfitElasticity({ ...pinned, periods: 2 });
      expect(shown(elasticity)).toBe(rounded(new D(17).div(39)));
    });

    it('gives 0 over a single period, where retention does not matter', () => {
      expect(retentionProfitElasticity({ ...pinned, periods: 1 }).toString()).toBe('0');
    });

    it('gives 0 at a retention rate of 0', () => {
      expect(retentionProfitElasticity({ ...pinned, retentionRate: 0 }).toString()).toBe('0');
    });

    it('gives H(H-1)/2 x r / CLV = 4.5 at full retention over 10 undiscounted periods', () => {
      // CLV = m H = 1000; slope m H (H - 1) / 2 = 4500; e = 4500 x 1 / 1000.
      expect(retentionProfitElasticity({ retentionRate: 1, margin: 100, periods: 10 }).toString()).toBe('4.5');
    });

    it('accepts the inputs as strings, bigints and Decimals', () => {
      const elasticity = retentionProfitElasticity({
        retentionRate: '0.85',
        margin: 100n,
        discountRate: new Decimal('0.1'),
        acquisitionCost: new D(0),
      });
      expect(elasticity.toString()).toBe('3.4');
    });

    it('agrees with a central difference of the lifetime value in plain numbers', () => {
      const scenarios: Scenario[] = [
        { ...pinned, acquisitionCost: 100 },
        { ...pinned, periods: 5 },
        { ...pinned, periods: 30, timing: 'end', marginGrowth: 0.04, acquisitionCost: 50 },
        { retentionRate: 0.6, margin: 40, discountRate: 0.05, marginGrowth: 0.1, timing: 'end' },
        { retentionRate: 0.97, margin: 10, periods: 120, discountRate: 0.01 },
      ];
      for (const scenario of scenarios) {
        const elasticity = retentionProfitElasticity(scenario).toNumber();
        const numerical = numericalElasticity(scenario);
        expect(
          Math.abs(elasticity - numerical),
          `${JSON.stringify(scenario)}: ${elasticity} vs ${numerical}`,
        ).toBeLessThan(Math.abs(numerical) * 1e-7 + 1e-12);
      }
    });

    it('agrees with the relative change of retentionProfitSensitivity for a tiny lift, when profit is positive', () => {
      // change / (lift / r) tends to the elasticity as the lift tends to 0.
      const scenario = { ...pinned, acquisitionCost: 300 };
      const lift = new D('1e-15');
      const change = retentionProfitSensitivity({ ...scenario, retentionLift: lift }).change;
      const ratio = new D(change).div(lift.div('0.85'));
      const elasticity = new D(retentionProfitElasticity(scenario));
      expect(ratio.minus(elasticity).abs().lt(elasticity.abs().times('1e-10'))).toBe(true);
    });

    it('agrees with a central difference measured against the size of a negative profit', () => {
      // Acquisition cost above CLV (profit -60, rising with retention) and a negative margin
      // (profit falling with retention): the sign must say whether profit rises or falls.
      const scenarios: Scenario[] = [
        { ...pinned, acquisitionCost: 500 },
        { retentionRate: 0.3, margin: -20, periods: 4 },
      ];
      for (const scenario of scenarios) {
        const elasticity = retentionProfitElasticity(scenario).toNumber();
        const numerical = numericalElasticity(scenario);
        expect(
          Math.abs(elasticity - numerical),
          `${JSON.stringify(scenario)}: ${elasticity} vs ${numerical}`,
        ).toBeLessThan(Math.abs(numerical) * 1e-7 + 1e-12);
      }
    });

    it('agrees in sign with the relative change of retentionProfitSensitivity when profit is negative', () => {
      // Acquisition cost 500 > CLV 440: profit -60. More retention raises profit towards 0,
      // which retentionProfitSensitivity reports as a positive change (it divides by |profit|).
      const scenario = { ...pinned, acquisitionCost: 500 };
      const lift = new D('1e-15');
      const change = retentionProfitSensitivity({ ...scenario, retentionLift: lift }).change;
      expect(change.isPositive()).toBe(true);
      const ratio = new D(change).div(lift.div('0.85'));
      const elasticity = new D(retentionProfitElasticity(scenario));
      // Hand: slope 1760 x 0.85 / |-60| = 24.9333...
      const hand = new D(1760).times('0.85').div(60);
      expect(ratio.minus(hand).abs().lt(hand.times('1e-10'))).toBe(true);
      expect(elasticity.minus(ratio).abs().lt(ratio.abs().times('1e-10')), `elasticity ${elasticity}`).toBe(true);
    });
  });

  describe('bad input', () => {
    it('refuses a profit of exactly 0, naming acquisitionCost', () => {
      const error = inputError(() => retentionProfitElasticity({ ...pinned, acquisitionCost: 440 }));
      expect(error.message).toBe(
        'retentionProfitElasticity: acquisitionCost equals the lifetime value, so profit is 0 and an elasticity is undefined; compare absolute profits instead',
      );
    });

    it('refuses a zero margin with no acquisition cost, with a message that points at the margin', () => {
      // Profit is 0 - 0; no acquisition cost was given, so the cause to report is the zero margin.
      const error = inputError(() => retentionProfitElasticity({ ...pinned, margin: 0 }));
      expect(error.message).toBe(
        'retentionProfitElasticity: margin is 0, so profit is 0 and an elasticity is undefined; give the margin per period',
      );
    });

    it('refuses a horizon at which the slope overflows although the lifetime value does not, naming periods', () => {
      // q = 0.5 x (1 + 19) / 1 = 10. Over H = 9e15 periods the value (10^H - 1)/9 is about 1.1e(9e15 - 1),
      // just inside decimal.js's largest exponent (9e15); its slope in r, about
      // 20 H 10^(H-1) / 81, is about 2e(9e15 + 15), beyond it.
      const options = { retentionRate: 0.5, margin: 1, discountRate: 0, marginGrowth: 19, periods: 9e15 };
      expect(customerLifetimeValue(options).isFinite()).toBe(true);
      const error = inputError(() => retentionProfitElasticity(options));
      expect(error.message).toBe('retentionProfitElasticity: periods makes the lifetime value too large to represent');
    });

    it('refuses a retention rate whose unlimited lifetime value is infinite, naming retentionRate', () => {
      for (const options of [
        { retentionRate: 1, margin: 100 },
        { ...pinned, marginGrowth: 0.3 },
      ]) {
        const error = inputError(() => retentionProfitElasticity(options));
        expect(error.message).toMatch(/^retentionProfitElasticity: retentionRate .*infinite/);
      }
    });

    const valid: RetentionProfitElasticityOptions = { ...pinned };
    const required = ['retentionRate', 'margin'] as const;
    const numericFields = [...required, 'discountRate', 'acquisitionCost', 'periods', 'marginGrowth'] as const;
    const junk: Array<[unknown, RegExp]> = [
      [Number.NaN, /must be a number, got NaN$/],
      [Number.POSITIVE_INFINITY, /must be finite/],
      [Number.NEGATIVE_INFINITY, /must be finite/],
      ['', /must be a plain decimal number/],
      ['1,000', /must be a plain decimal number.*"1,000"$/],
      [null, /got null$/],
      [true, /got true$/],
      [false, /got false$/],
      [{}, /got an object$/],
      [[], /got an array$/],
    ];

    for (const field of required) {
      it(`says ${field} is required when it is missing`, () => {
        const options: Record<string, unknown> = { ...valid };
        delete options[field];
        expect(inputError(() => loose(options)).message).toBe(`retentionProfitElasticity: ${field} is required`);
      });
    }

    for (const field of numericFields) {
      it(`refuses NaN, infinities, malformed strings, null, booleans, objects and arrays as ${field}`, () => {
        for (const [value, rule] of junk) {
          const error = inputError(() => loose({ ...valid, [field]: value }));
          expect(error.message).toMatch(new RegExp(`^retentionProfitElasticity: ${field} `));
          expect(error.message).toMatch(rule);
        }
      });
    }

    const outOfRange: Array<[string, Record<string, unknown>, RegExp]> = [
      [
        'a negative retention rate',
        { retentionRate: -0.01 },
        /^retentionProfitElasticity: retentionRate must be between 0 and 1, got -0.01$/,
      ],
      ['a retention rate in percent', { retentionRate: 85 }, /^retentionProfitElasticity: retentionRate .*a fraction/],
      [
        'a negative discount rate',
        { discountRate: -0.1 },
        /^retentionProfitElasticity: discountRate must not be negative/,
      ],
      [
        'a negative acquisition cost',
        { acquisitionCost: -0.01 },
        /^retentionProfitElasticity: acquisitionCost must not be negative/,
      ],
      ['zero periods', { periods: 0 }, /^retentionProfitElasticity: periods must be greater than 0/],
      [
        'a fractional number of periods',
        { periods: 0.5 },
        /^retentionProfitElasticity: periods must be a whole number/,
      ],
      [
        'a margin growth of -100 %',
        { marginGrowth: -1 },
        /^retentionProfitElasticity: marginGrowth must be greater than -1/,
      ],
      ['an unknown timing', { timing: 'begin' }, /^retentionProfitElasticity: timing must be one of 'start', 'end'/],
    ];

    for (const [name, change, message] of outOfRange) {
      it(`refuses ${name}`, () => {
        expect(inputError(() => loose({ ...valid, ...change })).message).toMatch(message);
      });
    }

    it('refuses options that are not an object', () => {
      for (const options of [undefined, null, 3.4, 'r=0.85', [0.85, 100], true]) {
        expect(inputError(() => loose(options)).message).toMatch(
          /^retentionProfitElasticity: expects an options object, got /,
        );
      }
    });
  });
});
