/**
 * revenueConcentration, with its helpers src/concentration/topShare.ts and
 * src/internal/revenues.ts. Expected values are worked out by hand in comments
 * or computed here by brute force from the definitions of DESIGN.md, with an
 * independent decimal.js clone at 60 digits:
 * - top share p of n customers: sort largest first, take floor(p n) customers whole
 *   and the fraction p n - floor(p n) of the next;
 * - customersForRevenueShare: the inverse of that piecewise-linear Lorenz curve;
 * - Gini = sum_i sum_j |x_i - x_j| / (2 n^2 mean), as a double sum;
 * - Herfindahl = sum of squared revenue shares.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  MetricInputError,
  type RevenueConcentrationResult,
  type RevenueList,
  revenueConcentration,
} from '../../src';
import { readRevenues, type SortedRevenues } from '../../src/internal/revenues';
import { mutationPart } from '../support/mutation';

const D = DecimalJs.clone({ precision: 60 });

type Value = number | string | bigint;

const toD = (value: Value): DecimalJs => new D(typeof value === 'bigint' ? value.toString() : value);

/** Rounds an exact expectation the way the library rounds a result: 34 digits, half even. */
const rounded = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

/** A library result printed by the same clone as the expectations, so that notation matches. */
const shown = (value: Decimal): string => new D(value).toString();

interface Plain {
  total: string;
  customers: number;
  top: Array<[string, string]>;
  customersForRevenueShare: string;
  gini: string;
  herfindahl: string;
}

/** A result as plain strings (printed by the test's clone). */
function plain(result: RevenueConcentrationResult): Plain {
  return {
    total: shown(result.total),
    customers: result.customers,
    top: result.top.map((line): [string, string] => [shown(line.share), shown(line.revenueShare)]),
    customersForRevenueShare: shown(result.customersForRevenueShare),
    gini: shown(result.gini),
    herfindahl: shown(result.herfindahl),
  };
}

/** The parts of a result that do not depend on the currency unit. */
function shares(result: RevenueConcentrationResult): Omit<Plain, 'total'> {
  const { total: _total, ...rest } = plain(result);
  return rest;
}

const DEFAULT_SHARES = ['0.01', '0.05', '0.1', '0.2', '0.5'];

/** Everything revenueConcentration reports, computed by brute force from the definitions. */
function expected(values: readonly Value[], topShares: readonly Value[] = DEFAULT_SHARES, revenueShare: Value = '0.8') {
  const xs = values.map(toD);
  const n = xs.length;
  const total = xs.reduce((sum, x) => sum.plus(x), new D(0));
  const descending = xs.slice().sort((x, y) => y.comparedTo(x));
  // cumulative[k] = revenue of the k largest customers.
  const cumulative = [new D(0)];
  for (const x of descending) cumulative.push((cumulative[cumulative.length - 1] ?? new D(0)).plus(x));

  const topShare = (share: Value): DecimalJs => {
    const position = toD(share).times(n);
    const whole = position.floor().toNumber();
    let top = cumulative[whole] ?? new D(0);
    const next = descending[whole];
    if (next !== undefined) top = top.plus(position.minus(whole).times(next));
    return top.div(total);
  };

  // Lorenz points (k/n, cumulative[k]/total); find the segment where the target is reached and interpolate.
  const target = toD(revenueShare).times(total);
  let customersFor = new D(1);
  for (let k = 1; k <= n; k++) {
    const low = cumulative[k - 1] ?? new D(0);
    const high = cumulative[k] ?? new D(0);
    if (high.gte(target)) {
      customersFor = new D(k - 1).plus(target.minus(low).div(high.minus(low))).div(n);
      break;
    }
  }

  let absoluteDifferences = new D(0);
  for (const xi of xs) for (const xj of xs) absoluteDifferences = absoluteDifferences.plus(xi.minus(xj).abs());
  const mean = total.div(n);
  const gini = absoluteDifferences.div(new D(2).times(n * n).times(mean));

  const herfindahl = xs.reduce((sum, x) => sum.plus(x.div(total).pow(2)), new D(0));

  const result: Plain = {
    total: rounded(total),
    customers: n,
    top: topShares.map((share): [string, string] => [rounded(toD(share)), rounded(topShare(share))]),
    customersForRevenueShare: rounded(customersFor),
    gini: rounded(gini),
    herfindahl: rounded(herfindahl),
  };
  return result;
}

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

/** Reads revenues with the internal helper, failing the test on a refusal. */
function read(values: unknown): SortedRevenues {
  const result = readRevenues(values);
  if (Array.isArray(result)) throw new Error(`expected the revenues to be read, got ${result.join(': ')}`);
  return result;
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
const looseRevenueConcentration = revenueConcentration as (
  revenues: unknown,
  options?: unknown,
) => RevenueConcentrationResult;

describe('revenueConcentration', () => {
  describe('known values', () => {
    it('reproduces the documented example 500, 300, 100, 50, 50 from a hand calculation', () => {
      const result = revenueConcentration([500, 300, 100, 50, 50]);
      // Total 1000, 5 customers. Top p of 5 customers = 5p customers:
      // 0.05 -> 0.05 x 500 = 25; 0.25 -> 125; 0.5 -> 250; 1 -> 500; 2.5 -> 500 + 300 + 50 = 850.
      // 80 % of 1000 = 800 = 500 + 300: exactly 2 customers of 5 = 0.4.
      // Gini: pair differences (i < j) 200+400+450+450+200+250+250+50+50+0 = 2300, doubled 4600;
      //   2 n^2 mean = 2 x 25 x 200 = 10000; 4600 / 10000 = 0.46.
      // Herfindahl: 0.25 + 0.09 + 0.01 + 0.0025 + 0.0025 = 0.355.
      expect(plain(result)).toEqual({
        total: '1000',
        customers: 5,
        top: [
          ['0.01', '0.025'],
          ['0.05', '0.125'],
          ['0.1', '0.25'],
          ['0.2', '0.5'],
          ['0.5', '0.85'],
        ],
        customersForRevenueShare: '0.4',
        gini: '0.46',
        herfindahl: '0.355',
      });
    });

    it('reports the default top shares 1 %, 5 %, 10 %, 20 % and 50 % and the default revenue share of 80 %', () => {
      const values = [9, 7, 5, 3, 1, 0];
      const byDefault = revenueConcentration(values);
      expect(byDefault.top.map((line) => line.share.toString())).toEqual(DEFAULT_SHARES);
      const explicit = revenueConcentration(values, { topShares: [0.01, 0.05, 0.1, 0.2, 0.5], revenueShare: 0.8 });
      expect(plain(byDefault)).toEqual(plain(explicit));
      expect(plain(revenueConcentration(values, {}))).toEqual(plain(explicit));
      expect(plain(revenueConcentration(values, undefined))).toEqual(plain(explicit));
    });

    it('matches the brute-force definitions for a pseudo-random list of whole amounts with zeros', () => {
      const values = pseudoRandomIntegers(60, 11, 500).map((x) => (x % 7 === 0 ? 0 : x));
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
      const topShares = ['0.3333333333333333', 0.75, 1];
      for (const revenueShare of ['0.5', '0.95', '0.123456789', 1]) {
        expect(plain(revenueConcentration(values, { topShares, revenueShare }))).toEqual(
          expected(values, topShares, revenueShare),
        );
      }
    });

    it('matches the brute-force definitions for amounts in cents', () => {
      const values = [1999.99, 0.01, 250.5, 250.5, 12.34, 0, 87.65, 1000, 0.99];
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
      expect(plain(revenueConcentration(values, { topShares: [0.15, 0.45], revenueShare: 0.6 }))).toEqual(
        expected(values, [0.15, 0.45], 0.6),
      );
    });

    it('returns Decimals of the library and a plain number of customers', () => {
      const result = revenueConcentration([3, 2, 1]);
      expect(result.total).toBeInstanceOf(Decimal);
      expect(result.gini).toBeInstanceOf(Decimal);
      expect(result.herfindahl).toBeInstanceOf(Decimal);
      expect(result.customersForRevenueShare).toBeInstanceOf(Decimal);
      expect(typeof result.customers).toBe('number');
      // Gini of [3, 2, 1]: differences 1, 2, 1 doubled = 8; 2 x 9 x 2 = 36; 8/36 = 2/9.
      expect(result.gini.toString()).toBe('0.2222222222222222222222222222222222');
    });
  });

  describe('special cases', () => {
    it('gives Gini 0, Herfindahl 1 and a top share of 1 for a single customer', () => {
      const result = revenueConcentration([250], { topShares: [1, 0.5] });
      expect(result.gini.toString()).toBe('0');
      expect(result.herfindahl.toString()).toBe('1');
      expect(result.top[0]?.revenueShare.toString()).toBe('1');
      // Below the whole share, the top p of one customer is the fraction p of it (Lorenz interpolation).
      expect(result.top[1]?.revenueShare.toString()).toBe('0.5');
      // 80 % of the revenue is 0.8 of the only customer.
      expect(result.customersForRevenueShare.toString()).toBe('0.8');
      expect(result.customers).toBe(1);
    });

    it('gives Gini 0 and Herfindahl 1/n when every customer brings the same', () => {
      const result = revenueConcentration([4, 4, 4, 4, 4], { topShares: [0.2, 0.3, 0.9] });
      expect(result.gini.toString()).toBe('0');
      expect(result.herfindahl.toString()).toBe('0.2');
      expect(result.top.map((line) => line.revenueShare.toString())).toEqual(['0.2', '0.3', '0.9']);
      expect(result.customersForRevenueShare.toString()).toBe('0.8');
      // 1/3 for three equal customers.
      expect(revenueConcentration([1, 1, 1]).herfindahl.toString()).toBe('0.3333333333333333333333333333333333');
    });

    it('gives Gini (n - 1)/n and Herfindahl 1 when one customer brings everything', () => {
      const result = revenueConcentration([0, 0, 0, 0, 0, 0, 0, 0, 0, 70], { topShares: [0.01, 0.1, 0.5] });
      expect(result.gini.toString()).toBe('0.9');
      expect(result.herfindahl.toString()).toBe('1');
      // 0.01 x 10 = 0.1 of the top customer; 0.1 x 10 = 1 customer = everything.
      expect(result.top.map((line) => line.revenueShare.toString())).toEqual(['0.1', '1', '1']);
      // 80 % is 0.8 of one customer out of 10.
      expect(result.customersForRevenueShare.toString()).toBe('0.08');
      expect(revenueConcentration([5, 0, 0]).gini.toString()).toBe('0.6666666666666666666666666666666667');
    });

    it('counts customers with zero revenue', () => {
      const withZeros = revenueConcentration([100, 0, 0, 0]);
      expect(withZeros.customers).toBe(4);
      expect(withZeros.gini.toString()).toBe('0.75');
      expect(withZeros.customersForRevenueShare.toString()).toBe('0.2');
      const alone = revenueConcentration([100]);
      expect(alone.customers).toBe(1);
      expect(alone.gini.toString()).toBe('0');
    });

    it('handles ties', () => {
      const result = revenueConcentration([5, 5, 5, 1], { topShares: [0.5] });
      // Double sum of |differences|: three pairs (5, 1) each way: 2 x 3 x 4 = 24; 2 x 16 x 4 = 128; 24/128.
      expect(result.gini.toString()).toBe('0.1875');
      // 3 x (5/16)^2 + (1/16)^2 = 76/256.
      expect(result.herfindahl.toString()).toBe('0.296875');
      expect(result.top[0]?.revenueShare.toString()).toBe('0.625');
      // 80 % of 16 = 12.8: two customers bring 10, the third closes 2.8 of its 5: (2 + 0.56)/4.
      expect(result.customersForRevenueShare.toString()).toBe('0.64');
    });

    it('accepts a top share of 1 and a revenue share of 1', () => {
      const result = revenueConcentration([100, 50, 0, 0], { topShares: [1], revenueShare: 1 });
      expect(result.top[0]?.revenueShare.toString()).toBe('1');
      // All revenue needs the two paying customers: 2 of 4.
      expect(result.customersForRevenueShare.toString()).toBe('0.5');
    });

    it('interpolates inside one customer: the top 25 % of two customers is half of the larger one', () => {
      const result = revenueConcentration([1, 3], { topShares: [0.25], revenueShare: 0.5 });
      // 0.5 of a customer of 3 out of 4.
      expect(result.top[0]?.revenueShare.toString()).toBe('0.375');
      // Half of 4 = 2 is 2/3 of the first customer: (2/3)/2 = 1/3 of the customers.
      expect(result.customersForRevenueShare.toString()).toBe('0.3333333333333333333333333333333333');
    });

    it('accepts an empty list of top shares', () => {
      expect(revenueConcentration([1, 2], { topShares: [] }).top).toEqual([]);
    });

    it('does not change when the customers are permuted', () => {
      const values = pseudoRandomIntegers(40, 3, 1_000);
      const reference = plain(revenueConcentration(values));
      expect(plain(revenueConcentration(values.slice().reverse()))).toEqual(reference);
      const shuffled = values.map((x, i) => [x, (i * 17) % 41] as const).sort((a, b) => a[1] - b[1]);
      expect(plain(revenueConcentration(shuffled.map(([x]) => x)))).toEqual(reference);
    });

    it('changes no share, Gini or Herfindahl when every revenue is scaled by the same constant', () => {
      const values = pseudoRandomIntegers(40, 8, 1_000);
      const reference = shares(revenueConcentration(values));
      expect(shares(revenueConcentration(values.map((x) => x * 3)))).toEqual(reference);
      expect(shares(revenueConcentration(values.map((x) => new D(x).times('0.01').toString())))).toEqual(reference);
      expect(shares(revenueConcentration(values.map((x) => new D(x).times('1e-15').toString())))).toEqual(reference);
      expect(shares(revenueConcentration(values.map((x) => BigInt(x) * 10n ** 30n)))).toEqual(reference);
      // The total scales with the revenues.
      expect(revenueConcentration(values.map((x) => x * 3)).total.toString()).toBe(
        revenueConcentration(values).total.times(3).toString(),
      );
    });
  });

  describe('kinds of input', () => {
    it('gives the same result for a Float64Array, an Int32Array, a Uint8Array and a plain array', () => {
      const values = [200, 0, 13, 13, 99, 1, 250];
      const reference = plain(revenueConcentration(values));
      expect(reference).toEqual(expected(values));
      expect(plain(revenueConcentration(new Float64Array(values)))).toEqual(reference);
      expect(plain(revenueConcentration(new Int32Array(values)))).toEqual(reference);
      expect(plain(revenueConcentration(new Uint8Array(values)))).toEqual(reference);
    });

    it('accepts an array mixing numbers, strings, bigints and Decimals', () => {
      const mixed = [100, '50.5', 25n, new Decimal('10.25'), new D('0'), new DecimalJs('3')];
      expect(plain(revenueConcentration(mixed))).toEqual(expected([100, '50.5', 25n, '10.25', '0', '3']));
    });
  });

  describe('exact sums', () => {
    it('sums numbers with up to two decimal places as scaled integers', () => {
      const sorted = read([12.5, 7.25, 0]);
      // Scale 10^2: 1250 + 725 + 0 = 1975 hundredths.
      expect(sorted.unit.toString()).toBe('100');
      expect(sorted.total.toString()).toBe('1975');
      expect(revenueConcentration([12.5, 7.25, 0]).total.toString()).toBe('19.75');
    });

    it('sums numbers with nine decimal places exactly as scaled integers', () => {
      const values = [0.123456789, 1.000000001, 2];
      const sorted = read(values);
      expect(sorted.unit.toString()).toBe('1000000000');
      // 123456789 + 1000000001 + 2000000000 = 3123456790 billionths.
      expect(sorted.total.toString()).toBe('3123456790');
      expect(revenueConcentration(values).total.toString()).toBe('3.12345679');
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
    });

    it('falls back to Decimals for numbers with ten decimal places, and stays exact', () => {
      const values = [0.0123456789, 1];
      const sorted = read(values);
      expect(sorted.unit.toString()).toBe('1');
      expect(sorted.total.toString()).toBe('1.0123456789');
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
    });

    it('reads 0.1 + 0.2 as 0.30000000000000004 and sums it exactly, not in binary floating point', () => {
      const values = [0.1, 0.2, 0.1 + 0.2];
      expect(0.1 + 0.2 + (0.1 + 0.2)).not.toBe(0.6); // binary floating point would drift
      const result = revenueConcentration(values);
      expect(result.total.toString()).toBe('0.60000000000000004');
      expect(plain(result)).toEqual(expected(['0.1', '0.2', '0.30000000000000004']));
      expect(read(values).unit.toString()).toBe('1');
    });

    it('reads strings with twenty decimal places exactly', () => {
      const values = ['1.00000000000000000001', '2.00000000000000000002', '3'];
      const result = revenueConcentration(values);
      expect(result.total.toString()).toBe('6.00000000000000000003');
      expect(plain(result)).toEqual(expected(values));
    });

    it('stays exact when one string with many decimals sends whole numbers down the Decimal path', () => {
      const values: Value[] = [12.5, 7.25, 3, '0.00000000000000000001'];
      const sorted = read(values);
      expect(sorted.unit.toString()).toBe('1');
      expect(sorted.total.toString()).toBe('22.75000000000000000001');
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
    });

    it('gives the same top sums and reaching counts in any order of asking (the walking cursor)', () => {
      // Cents, with ties and zeros; each question asked in a seeded random order, answered by brute force.
      const cents = pseudoRandomIntegers(400, 7, 5_000).map((c) => (c % 9 === 0 ? 0 : c));
      const values = cents.map((c) => c / 100);
      const sorted = read(values);
      expect(sorted.unit.toString()).toBe('100');
      const descending = cents.slice().sort((a, b) => b - a);
      const prefix = [0];
      for (const c of descending) prefix.push((prefix.at(-1) as number) + c);
      const total = prefix.at(-1) as number;
      const order = pseudoRandomIntegers(300, 99, 1_000_000);
      for (const r of order) {
        if (r % 2 === 0) {
          const k = r % (values.length + 1);
          expect(sorted.topSum(k).toString(), `topSum(${k})`).toBe(String(prefix[k]));
        } else {
          const target = new D(r % (total + 1)).plus(r % 3 === 0 ? '0.5' : 0);
          // The smallest k whose top sum reaches the target.
          const k = prefix.findIndex((p) => target.lte(p));
          expect(sorted.countReaching(target as never), `countReaching(${target})`).toBe(k);
        }
      }
      expect(sorted.valueAt(0).toString()).toBe(String(descending[0]));
      expect(sorted.valueAt(399).toString()).toBe(String(descending[399]));
    });

    it('falls back to Decimals when nine-decimal amounts would pass 2^53 as scaled integers', () => {
      // 10000000.5 in billionths is 1.00000005e16 > 2^53.
      const values = [10_000_000.5, 0.000000001];
      expect(read(values).unit.toString()).toBe('1');
      expect(revenueConcentration(values).total.toString()).toBe('10000000.500000001');
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
    });

    it('sums totals above 2^53 exactly', () => {
      const twoTo52 = 2 ** 52;
      const result = revenueConcentration([twoTo52, twoTo52, twoTo52]);
      // 3 x 4503599627370496 = 13510798882111488, beyond Number.MAX_SAFE_INTEGER.
      expect(result.total.toString()).toBe('13510798882111488');
      expect(result.gini.toString()).toBe('0');
      expect(result.herfindahl.toString()).toBe('0.3333333333333333333333333333333333');
      const safe = Number.MAX_SAFE_INTEGER;
      expect(revenueConcentration([safe, safe, 1]).total.toString()).toBe('18014398509481983');
      // In tenths the largest, 5e15, fits below 2^53 and the two do not: the Decimals take the values back as read.
      const tenths = [5e14, 0.5, 5e14];
      expect(read(tenths).unit.toString()).toBe('1');
      expect(revenueConcentration(tenths).total.toString()).toBe('1000000000000000.5');
      expect(plain(revenueConcentration(tenths))).toEqual(expected(tenths));
      const big: Value[] = [2n ** 70n, 3n, 2n ** 70n + 1n, 0n];
      expect(plain(revenueConcentration(big as bigint[]))).toEqual(expected(big));
    });

    it('stays exact on the integer path when running sums and squares pass 2^53', () => {
      // Total 8000000000000005 is below 2^53, but the sum of running totals and the squares are not.
      const values = [4e15, 3e15, 1e15, 5];
      expect(plain(revenueConcentration(values))).toEqual(expected(values));
      const many = pseudoRandomIntegers(300, 21, 2 ** 30).map((x) => x * 8);
      expect(plain(revenueConcentration(many))).toEqual(expected(many));
    });

    it('gives the same result for the same amounts as numbers and as strings, on the integer path', () => {
      const numbers = [12.5, 7.25, 0, 1999.99, 0.01];
      const strings = numbers.map(String);
      expect(read(numbers).unit.toString()).toBe('100');
      expect(read(strings).unit.toString()).toBe('100');
      expect(plain(revenueConcentration(strings))).toEqual(plain(revenueConcentration(numbers)));
      expect(plain(revenueConcentration(numbers))).toEqual(expected(strings));
    });

    it('gives the same result for the same amounts as numbers and as strings, on the Decimal path', () => {
      const numbers = [0.1, 0.2, 0.1 + 0.2, 1e-12, 123.456];
      const strings = ['0.1', '0.2', '0.30000000000000004', '1e-12', '123.456'];
      expect(read(numbers).unit.toString()).toBe('1');
      expect(read(strings).unit.toString()).toBe('1');
      expect(plain(revenueConcentration(strings))).toEqual(plain(revenueConcentration(numbers)));
      expect(plain(revenueConcentration(numbers))).toEqual(expected(strings));
    });

    it('gives the same shares on the integer path and on the Decimal path for proportional amounts', () => {
      const values = pseudoRandomIntegers(50, 4, 100_000).map((x) => x / 100);
      const tiny = values.map((x) => new D(x).times('1e-12').toString());
      expect(read(values).unit.toString()).toBe('100');
      expect(read(tiny).unit.toString()).toBe('1');
      const options = { topShares: [0.02, 0.3, 0.77, 1], revenueShare: 0.9 };
      expect(shares(revenueConcentration(tiny, options))).toEqual(shares(revenueConcentration(values, options)));
    });

    it('handles a million revenues in integer cents and agrees with a plain total and sum of squares', () => {
      // Under mutation testing (tens of times slower) 10,000 revenues; in npm test a million.
      const count = mutationPart ? 10_000 : 1_000_000;
      const cents = new Float64Array(count);
      let state = 77;
      for (let i = 0; i < count; i++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        cents[i] = state % 10_000_000;
      }
      let total = 0n;
      let squares = 0n;
      for (let i = 0; i < count; i++) {
        const x = BigInt(cents[i] ?? 0);
        total += x;
        squares += x * x;
      }
      const result = revenueConcentration(cents);
      expect(result.total.toString()).toBe(total.toString());
      expect(result.customers).toBe(count);
      expect(shown(result.herfindahl)).toBe(rounded(new D(squares.toString()).div(new D(total.toString()).pow(2))));
      expect(result.gini.gte(0) && result.gini.lt(1)).toBe(true);

      // The same amounts in currency units with two decimals: the total is the cents total / 100.
      const units = cents.map((x) => x / 100);
      expect(shown(revenueConcentration(units).total)).toBe(new D(total.toString()).div(100).toString());
    });
  });

  describe('bad input', () => {
    const badRevenues: Array<[string, unknown, RegExp]> = [
      ['NaN', Number.NaN, /must be a number, got NaN$/],
      ['Infinity', Number.POSITIVE_INFINITY, /must be finite, got Infinity$/],
      ['an empty string', '', /must be a plain decimal number/],
      ["'1,000'", '1,000', /must be a plain decimal number.*got "1,000"$/],
      ['null', null, /got null$/],
      ['undefined', undefined, /is required$/],
      ['true', true, /got true$/],
      ['false', false, /got false$/],
      ['an object', {}, /got an object$/],
      ['a negative number', -3, /must not be negative, got -3$/],
      ['a negative string', '-0.01', /must not be negative, got -0.01$/],
      ['a negative bigint', -1n, /must not be negative, got -1$/],
    ];

    for (const [name, value, rule] of badRevenues) {
      it(`refuses ${name} as a revenue, naming its index`, () => {
        const error = inputError(() => looseRevenueConcentration([1, 2, value]));
        expect(error.message).toMatch(/^revenueConcentration: revenues\[2\] /);
        expect(error.message).toMatch(rule);
        expect(error.field).toBe('revenues[2]');
      });
    }

    it('refuses NaN, Infinity and a negative number in a typed array, naming its index', () => {
      for (const [value, rule] of [
        [Number.NaN, /must be a number, got NaN$/],
        [Number.POSITIVE_INFINITY, /must be finite, got Infinity$/],
        [Number.NEGATIVE_INFINITY, /got -Infinity$/],
        [-0.5, /must not be negative, got -0.5$/],
      ] as const) {
        const error = inputError(() => revenueConcentration(Float64Array.of(1, 2, 3, value)));
        expect(error.field).toBe('revenues[3]');
        expect(error.message).toMatch(rule);
      }
    });

    it('refuses a sparse array, naming the hole', () => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of this test
      const error = inputError(() => looseRevenueConcentration([1, , 3]));
      expect(error.message).toBe('revenueConcentration: revenues[1] is missing (the array has a hole)');
    });

    it('refuses an empty list, all-zero revenues and a value that is not a list', () => {
      expect(inputError(() => revenueConcentration([])).message).toBe(
        'revenueConcentration: revenues must hold at least one customer, got an empty list',
      );
      const zeros: RevenueList[] = [[0, 0], new Uint8Array(4), ['0.000', 0n]];
      for (const revenues of zeros) {
        expect(inputError(() => revenueConcentration(revenues)).message).toBe(
          'revenueConcentration: revenues must not all be 0: shares of a zero total are undefined',
        );
      }
      for (const revenues of [undefined, null, 100, '100', { 0: 1, length: 1 }]) {
        expect(inputError(() => looseRevenueConcentration(revenues)).message).toMatch(
          /^revenueConcentration: revenues must be an array of revenues/,
        );
      }
    });

    it('refuses options that are not an object', () => {
      for (const [options, shownAs] of [
        [null, 'null'],
        [5, '5'],
        ['0.2', '"0.2"'],
        [[0.2], 'an array'],
        [true, 'true'],
      ] as const) {
        expect(inputError(() => looseRevenueConcentration([1, 2], options)).message).toBe(
          `revenueConcentration: options must be an object when given, got ${shownAs}`,
        );
      }
    });

    it('refuses topShares that are not an array', () => {
      for (const topShares of [0.2, '0.2', {}, null, new Float64Array([0.2])]) {
        expect(inputError(() => looseRevenueConcentration([1, 2], { topShares })).message).toMatch(
          /^revenueConcentration: topShares must be an array of shares, got /,
        );
      }
    });

    const badShares: Array<[string, unknown, RegExp]> = [
      ['0', 0, /must be greater than 0 and at most 1, got 0$/],
      ['negative', -0.1, /must be between 0 and 1, got -0.1$/],
      ['above 1', 1.5, /must be between 0 and 1 \(a fraction: 0.9 for 90 %\), got 1.5$/],
      ['a percent', 20, /a fraction/],
      ['NaN', Number.NaN, /must be a number, got NaN$/],
      ['Infinity', Number.POSITIVE_INFINITY, /must be finite/],
      ['an empty string', '', /must be a plain decimal number/],
      ["'1,000'", '1,000', /must be a plain decimal number/],
      ['null', null, /got null$/],
      ['undefined', undefined, /is required$/],
      ['true', true, /got true$/],
      ['an object', {}, /got an object$/],
    ];

    for (const [name, share, rule] of badShares) {
      it(`refuses a top share that is ${name}, naming its index`, () => {
        const error = inputError(() => looseRevenueConcentration([1, 2], { topShares: [0.5, share] }));
        expect(error.message).toMatch(/^revenueConcentration: topShares\[1\] /);
        expect(error.message).toMatch(rule);
      });

      if (name !== 'undefined') {
        it(`refuses a revenue share that is ${name}`, () => {
          const error = inputError(() => looseRevenueConcentration([1, 2], { revenueShare: share }));
          expect(error.message).toMatch(/^revenueConcentration: revenueShare /);
          expect(error.message).toMatch(rule);
          expect(error.field).toBe('revenueShare');
        });
      }
    }

    it('refuses a sparse list of top shares, naming the hole', () => {
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of this test
      const error = inputError(() => looseRevenueConcentration([1, 2], { topShares: [0.1, , 0.5] }));
      expect(error.message).toMatch(/^revenueConcentration: topShares\[1\] /);
    });
  });
});
