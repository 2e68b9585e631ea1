/**
 * topCustomerShare: the fraction of revenue from the top `share` of customers.
 * Expected values are worked out by hand in comments or computed here from the
 * definition (sort largest first, take floor(p n) customers whole and the
 * fraction p n - floor(p n) of the next) with an independent decimal.js clone.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, MetricInputError, type RevenueList, topCustomerShare } from '../../src';
import { mutationPart } from '../support/mutation';

const D = DecimalJs.clone({ precision: 60 });

type Value = number | string | bigint;

const toD = (value: Value): DecimalJs => new D(typeof value === 'bigint' ? value.toString() : value);

/** The top-share definition of DESIGN.md, computed directly. */
function expectedTopShare(values: readonly Value[], share: Value): DecimalJs {
  const sorted = values.map(toD).sort((x, y) => y.comparedTo(x));
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum.plus(x), new D(0));
  const position = toD(share).times(n);
  const whole = position.floor().toNumber();
  let top = new D(0);
  for (let i = 0; i < whole; i++) top = top.plus(sorted[i] ?? 0);
  const next = sorted[whole];
  if (next !== undefined) top = top.plus(position.minus(whole).times(next));
  return top.div(total);
}

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** The library's result, printed by the same clone as the expectation so that notation matches. */
const shown = (value: Decimal): string => new D(value).toString();

/** Deterministic pseudo-random whole numbers (a linear congruential generator). */
function pseudoRandomIntegers(count: number, seed: number, modulo: number): number[] {
  const out: number[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(state % modulo);
  }
  return out;
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

/** The function with its parameter types widened, to pass bad input. */
const looseTopCustomerShare = topCustomerShare as (revenues: unknown, share?: unknown) => Decimal;

describe('topCustomerShare', () => {
  describe('known values', () => {
    it('gives 0.5 for the top 20 % and 0.85 for the top half of 500, 300, 100, 50, 50', () => {
      // Total 1000. Top 20 % of 5 customers = 1 customer: 500 / 1000 = 0.5.
      expect(topCustomerShare([500, 300, 100, 50, 50], 0.2).toString()).toBe('0.5');
      // Top 50 % = 2.5 customers: 500 + 300 + 0.5 * 100 = 850, / 1000 = 0.85.
      expect(topCustomerShare([500, 300, 100, 50, 50], 0.5).toString()).toBe('0.85');
    });

    it('interpolates inside one customer: the top 25 % of two customers is half of the larger one', () => {
      // 2 customers x 0.25 = 0.5 customer: half of 3, out of a total of 4: 1.5 / 4 = 0.375.
      expect(topCustomerShare([3, 1], 0.25).toString()).toBe('0.375');
      expect(topCustomerShare([1, 3], 0.25).toString()).toBe('0.375');
    });

    it('rounds a share that is not a terminating decimal once, to 34 significant digits', () => {
      // Top half of [2, 1] is the first customer: 2 / 3.
      expect(topCustomerShare([2, 1], 0.5).toString()).toBe('0.6666666666666666666666666666666667');
    });

    it('matches the definition computed independently for a pseudo-random list and many shares', () => {
      const values = pseudoRandomIntegers(37, 7, 10_000);
      for (const share of ['0.01', '0.05', '0.1', '0.2', '0.25', '0.3333333333333333', '0.5', '0.8', '0.99', '1']) {
        const actual = topCustomerShare(values, share);
        expect(shown(actual)).toBe(rounded(expectedTopShare(values, share)));
      }
    });

    it('matches the definition for revenues with cents', () => {
      const values = [1999.99, 0.01, 250.5, 250.5, 12.34, 0, 87.65];
      for (const share of [0.1, 0.3, 0.5, 0.7]) {
        expect(shown(topCustomerShare(values, share))).toBe(rounded(expectedTopShare(values, share)));
      }
    });

    it('returns a Decimal of the library', () => {
      expect(topCustomerShare([2, 1], 0.5)).toBeInstanceOf(Decimal);
    });
  });

  describe('special cases', () => {
    it('gives 1 for a single customer and the whole share, and interpolates inside that customer below it', () => {
      expect(topCustomerShare([42], 1).toString()).toBe('1');
      // The top p of 1 customer is p customers: the fraction p of the only customer's revenue.
      expect(topCustomerShare([42], 0.5).toString()).toBe('0.5');
      expect(topCustomerShare([42], 0.01).toString()).toBe('0.01');
    });

    it('gives 1 for a share of 1, the whole customer base', () => {
      expect(topCustomerShare([500, 300, 100, 50, 50], 1).toString()).toBe('1');
      expect(topCustomerShare([0.1, 0.2, 0.30000000000000004], 1).toString()).toBe('1');
    });

    it('gives the share itself when every customer brings the same', () => {
      // p n customers of x each out of n x: p.
      expect(topCustomerShare([7, 7, 7, 7], 0.3).toString()).toBe('0.3');
      expect(topCustomerShare([7, 7, 7, 7], 0.75).toString()).toBe('0.75');
    });

    it('counts customers with zero revenue', () => {
      // With three zero customers the top 20 % of 5 is one customer: 60 / 100.
      expect(topCustomerShare([60, 40, 0, 0, 0], 0.2).toString()).toBe('0.6');
      // Without them the top 20 % of 2 is 0.4 of the first customer: 24 / 100.
      expect(topCustomerShare([60, 40], 0.2).toString()).toBe('0.24');
      // One customer with everything: any top share of at least one customer is all of it.
      expect(topCustomerShare([100, 0, 0, 0], 0.25).toString()).toBe('1');
      // Half a customer of four: 0.125 x 4 = 0.5 of 100.
      expect(topCustomerShare([100, 0, 0, 0], 0.125).toString()).toBe('0.5');
    });

    it('handles ties the same whichever tied customer comes first', () => {
      // Top half of [5, 5, 5, 1] is two customers of 5: 10 / 16.
      expect(topCustomerShare([5, 5, 5, 1], 0.5).toString()).toBe('0.625');
      expect(topCustomerShare([1, 5, 5, 5], 0.5).toString()).toBe('0.625');
    });

    it('does not change when the customers are permuted', () => {
      const values = pseudoRandomIntegers(25, 99, 1_000);
      const reversed = values.slice().reverse();
      const interleaved = values.filter((_, i) => i % 2 === 0).concat(values.filter((_, i) => i % 2 === 1));
      for (const share of [0.1, 0.33, 0.5]) {
        const reference = topCustomerShare(values, share).toString();
        expect(topCustomerShare(reversed, share).toString()).toBe(reference);
        expect(topCustomerShare(interleaved, share).toString()).toBe(reference);
      }
    });

    it('does not change when every revenue is scaled by the same constant', () => {
      const values = pseudoRandomIntegers(25, 5, 1_000);
      for (const share of [0.1, 0.33, 0.5]) {
        const reference = topCustomerShare(values, share).toString();
        expect(
          topCustomerShare(
            values.map((x) => x * 7),
            share,
          ).toString(),
        ).toBe(reference);
        // Scaled to thousandths, given as strings.
        expect(
          topCustomerShare(
            values.map((x) => new D(x).times('0.001').toString()),
            share,
          ).toString(),
        ).toBe(reference);
        // Scaled by 1e-12: too many decimal places for the integer path.
        expect(
          topCustomerShare(
            values.map((x) => new D(x).times('1e-12').toString()),
            share,
          ).toString(),
        ).toBe(reference);
        // Scaled beyond 2^53 in total, given as bigints.
        expect(
          topCustomerShare(
            values.map((x) => BigInt(x) * 10n ** 20n),
            share,
          ).toString(),
        ).toBe(reference);
      }
    });
  });

  describe('kinds of input', () => {
    it('accepts Float64Array, Int32Array and Uint8Array revenues', () => {
      expect(topCustomerShare(new Float64Array([500, 300, 100, 50, 50]), 0.2).toString()).toBe('0.5');
      expect(topCustomerShare(new Int32Array([500, 300, 100, 50, 50]), 0.5).toString()).toBe('0.85');
      // 200, 100, 50, 50: top 25 % is 200 of 400.
      expect(topCustomerShare(new Uint8Array([50, 200, 50, 100]), 0.25).toString()).toBe('0.5');
    });

    it('reads a Float32Array through the exact values its floats hold', () => {
      // 0.5 and 0.25 are exact in single precision: top half = 0.5 / 0.75 = 2/3.
      expect(topCustomerShare(new Float32Array([0.25, 0.5]), 0.5).toString()).toBe(
        '0.6666666666666666666666666666666667',
      );
    });

    it('accepts an array that mixes numbers, strings, bigints and Decimals', () => {
      const mixed = [500, '300', 100n, new Decimal('50'), new D('50')];
      expect(topCustomerShare(mixed, 0.2).toString()).toBe('0.5');
      expect(topCustomerShare(mixed, 0.5).toString()).toBe('0.85');
    });

    it('accepts the share as a number, a string, a bigint or a Decimal', () => {
      const values = [500, 300, 100, 50, 50];
      expect(topCustomerShare(values, '0.2').toString()).toBe('0.5');
      expect(topCustomerShare(values, new Decimal('0.5')).toString()).toBe('0.85');
      expect(topCustomerShare(values, 1n).toString()).toBe('1');
    });

    it('gives the same result for the same revenues as numbers and as strings', () => {
      const numbers = [1999.99, 0.01, 250.5, 0.1 + 0.2, 0];
      const strings = numbers.map((x) => String(x));
      for (const share of [0.2, 0.5, 0.9]) {
        expect(topCustomerShare(strings, share).toString()).toBe(topCustomerShare(numbers, share).toString());
      }
    });

    it('reads 0.1 + 0.2 as 0.30000000000000004, exactly', () => {
      // Top half of 3 customers = 1.5 customers: 0.30000000000000004 + 0.5 x 0.2 = 0.40000000000000004,
      // out of a total of 0.60000000000000004.
      const expected = new D('0.40000000000000004').div('0.60000000000000004');
      expect(shown(topCustomerShare([0.1, 0.2, 0.1 + 0.2], 0.5))).toBe(rounded(expected));
      expect(shown(topCustomerShare([0.1, 0.2, 0.1 + 0.2], 1))).toBe('1');
    });

    it('completes on a million revenues in integer cents and agrees with a plain sort-and-sum', () => {
      // Under mutation testing (tens of times slower) 10,000 revenues; in npm test a million.
      const count = mutationPart ? 10_000 : 1_000_000;
      const cents = new Float64Array(count);
      let state = 2024;
      for (let i = 0; i < count; i++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        cents[i] = state % 10_000_000;
      }
      // Independent: sort a copy, sum the top 20 % (count / 5 customers, a whole number: no
      // interpolation) and all, in bigints.
      const sorted = Float64Array.from(cents).sort().reverse();
      let top = 0n;
      let total = 0n;
      for (let i = 0; i < count; i++) {
        total += BigInt(sorted[i] ?? 0);
        if (i < count / 5) top += BigInt(sorted[i] ?? 0);
      }
      const share = topCustomerShare(cents, 0.2);
      expect(shown(share)).toBe(rounded(new D(top.toString()).div(total.toString())));
      expect(topCustomerShare(cents, 1).toString()).toBe('1');
    });
  });

  describe('bad input', () => {
    const bad: Array<[string, unknown, RegExp]> = [
      ['NaN', Number.NaN, /must be a number, got NaN$/],
      ['Infinity', Number.POSITIVE_INFINITY, /must be finite, got Infinity$/],
      ['-Infinity', Number.NEGATIVE_INFINITY, /must be finite, got -Infinity$/],
      ['an empty string', '', /must be a plain decimal number/],
      ["'1,000'", '1,000', /must be a plain decimal number.*got "1,000"$/],
      ["'Infinity'", 'Infinity', /must be finite/],
      ['null', null, /got null$/],
      ['undefined', undefined, /is required$/],
      ['true', true, /got true$/],
      ['false', false, /got false$/],
      ['an object', { value: 1 }, /got an object$/],
      ['an array', [1], /got an array$/],
      ['a negative number', -1, /must not be negative, got -1$/],
      ['a small negative number', -0.0001, /must not be negative, got -0.0001$/],
      ['a negative string', '-5', /must not be negative, got -5$/],
      ['a negative bigint', -5n, /must not be negative, got -5$/],
      ['a negative Decimal', new Decimal('-5'), /must not be negative, got -5$/],
      ['a negative string too small for decimal.js', '-1e-9999999999999999', /./],
    ];

    for (const [name, value, rule] of bad) {
      it(`refuses ${name} as a revenue, naming its index`, () => {
        const error = inputError(() => looseTopCustomerShare([1, 2, value, 4], 0.5));
        expect(error.message).toMatch(/^topCustomerShare: revenues\[2\] /);
        expect(error.message).toMatch(rule);
        expect(error.field).toBe('revenues[2]');
        expect(error.functionName).toBe('topCustomerShare');
      });
    }

    it('refuses a sparse array, naming the hole', () => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of this test
      const error = inputError(() => looseTopCustomerShare([1, 2, , 4], 0.5));
      expect(error.message).toBe('topCustomerShare: revenues[2] is missing (the array has a hole)');
    });

    it('refuses a negative value in an Int32Array, naming its index', () => {
      const error = inputError(() => topCustomerShare(new Int32Array([5, 3, -1]), 0.5));
      expect(error.message).toBe('topCustomerShare: revenues[2] must not be negative, got -1');
    });

    it('refuses NaN in a Float64Array, naming its index', () => {
      const error = inputError(() => topCustomerShare(new Float64Array([5, Number.NaN]), 0.5));
      expect(error.message).toBe('topCustomerShare: revenues[1] must be a number, got NaN');
    });

    it('refuses a hostile object among the revenues without calling its conversion methods', () => {
      let calls = 0;
      const hostile = {
        valueOf(): never {
          calls++;
          throw new Error('valueOf');
        },
        toString(): never {
          calls++;
          throw new Error('toString');
        },
      };
      const error = inputError(() => looseTopCustomerShare([1, hostile], 0.5));
      expect(error.message).toMatch(/^topCustomerShare: revenues\[1\] must be a number/);
      expect(calls).toBe(0);
    });

    it('refuses an object built on the Decimal prototype with a throwing toString, naming its index', () => {
      const fake = Object.create(Decimal.prototype) as object;
      Object.defineProperty(fake, 'toString', {
        value: (): never => {
          throw new Error('boom');
        },
      });
      const error = inputError(() => looseTopCustomerShare([1, fake], 0.5));
      expect(error.message).toMatch(/^topCustomerShare: revenues\[1\] /);
    });

    it('refuses an empty list of revenues', () => {
      expect(inputError(() => topCustomerShare([], 0.5)).message).toBe(
        'topCustomerShare: revenues must hold at least one customer, got an empty list',
      );
      expect(inputError(() => topCustomerShare(new Float64Array(0), 0.5)).message).toMatch(
        /^topCustomerShare: revenues must hold at least one customer/,
      );
    });

    it('refuses revenues that are all zero, in any form', () => {
      const zeros: RevenueList[] = [[0], [0, 0, 0], new Float64Array(3), ['0', 0n, new Decimal(0), '-0', -0]];
      for (const revenues of zeros) {
        expect(inputError(() => topCustomerShare(revenues, 0.5)).message).toBe(
          'topCustomerShare: revenues must not all be 0: shares of a zero total are undefined',
        );
      }
    });

    it('refuses revenues that are not a list', () => {
      const notLists: unknown[] = [
        undefined,
        null,
        5,
        '1,2,3',
        { length: 2, 0: 1, 1: 2 },
        new DataView(new ArrayBuffer(8)),
      ];
      for (const revenues of notLists) {
        const error = inputError(() => looseTopCustomerShare(revenues, 0.5));
        expect(error.message).toMatch(/^topCustomerShare: revenues must be an array of revenues/);
        expect(error.field).toBe('revenues');
      }
    });

    const badShares: Array<[string, unknown, RegExp]> = [
      ['missing', undefined, /^topCustomerShare: share is required$/],
      ['NaN', Number.NaN, /^topCustomerShare: share must be a number, got NaN$/],
      ['Infinity', Number.POSITIVE_INFINITY, /^topCustomerShare: share must be finite/],
      ['an empty string', '', /^topCustomerShare: share must be a plain decimal number/],
      ["'1,000'", '1,000', /^topCustomerShare: share must be a plain decimal number/],
      ['null', null, /^topCustomerShare: share .*got null$/],
      ['true', true, /^topCustomerShare: share must be a number.*got true$/],
      ['an object', {}, /^topCustomerShare: share must be a number.*got an object$/],
      ['0', 0, /^topCustomerShare: share must be greater than 0 and at most 1, got 0$/],
      ['negative', -0.2, /^topCustomerShare: share must be between 0 and 1, got -0.2$/],
      ['above 1', 1.5, /^topCustomerShare: share must be between 0 and 1 \(a fraction: 0.9 for 90 %\), got 1.5$/],
      ['a percent', 20, /^topCustomerShare: share must be between 0 and 1 \(a fraction/],
      ['just above 1', '1.0000000000000000000001', /^topCustomerShare: share must be between 0 and 1/],
    ];

    for (const [name, share, message] of badShares) {
      it(`refuses a share that is ${name}`, () => {
        const error = inputError(() => looseTopCustomerShare([500, 300, 100], share));
        expect(error.message).toMatch(message);
        expect(error.field).toBe('share');
      });
    }

    it('reports the first problem and lists it among the issues', () => {
      const error = inputError(() => looseTopCustomerShare([1, -1], 0));
      expect(error.issues.length).toBeGreaterThanOrEqual(1);
      expect(error.issues[0]?.path).toEqual(['revenues', 1]);
    });
  });
});
