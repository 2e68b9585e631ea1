/**
 * revenueRetention from columns `{ customerId, revenue }`: the same exact
 * Decimals as from rows (hand-computed month, a seeded book of cents, long
 * decimals and amounts near 2^53, typed-array ids read by table and by Map,
 * one side rows and the other columns), a direct decimal.js computation
 * written here, and a refusal naming the column and cell for every bad input.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CustomerRevenue, type RevenueRetentionResult, revenueRetention } from '../../src/data/revenueRetention';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

/** The test's own decimal.js, independent of the library's clone. */
const D = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 40 });
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

function strings(r: RevenueRetentionResult): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
}

/** Rows as columns. */
const columns = (rows: readonly CustomerRevenue[]) => ({
  customerId: rows.map((r) => r.customerId),
  revenue: rows.map((r) => r.revenue),
});

/** NRR and its parts, straight from the definitions, in the test's own decimal.js. */
function direct(start: readonly CustomerRevenue[], end: readonly CustomerRevenue[]) {
  const sum = (rows: readonly CustomerRevenue[]) => {
    const map = new Map<string | number, DecimalJs>();
    for (const r of rows) map.set(r.customerId, (map.get(r.customerId) ?? new D(0)).plus(String(r.revenue)));
    return map;
  };
  const s = sum(start);
  const e = sum(end);
  let starting = new D(0);
  let retained = new D(0);
  let lost = new D(0);
  for (const [id, a] of s) {
    if (a.isZero()) continue;
    const b = e.get(id) ?? new D(0);
    starting = starting.plus(a);
    retained = retained.plus(b);
    if (b.lt(a)) lost = lost.plus(a.minus(b));
  }
  return {
    startingRevenue: starting.toString(),
    retainedRevenue: retained.toString(),
    netRevenueRetention: to34(retained.div(starting)),
    grossRevenueRetention: to34(starting.minus(lost).div(starting)),
  };
}

describe('revenueRetention from columns', () => {
  it('gives a hand-computed month from columns exactly as from rows', () => {
    // a 100 -> 130 (expansion 30), b 50 -> 40 (contraction 10), c 50 -> none (churned 50), d new 70.
    // NRR = (200 + 30 - 10 - 50) / 200 = 0.85, GRR = (200 - 60) / 200 = 0.7.
    const start = { customerId: ['a', 'b', 'c'], revenue: Float64Array.of(100, 50, 50) };
    const end = { customerId: ['a', 'b', 'd'], revenue: ['130', '40.00', '70'] };
    const r = revenueRetention({ startRevenue: start, endRevenue: end });
    expect([r.expansion, r.contraction, r.churnedRevenue, r.newRevenue].map(String)).toEqual(['30', '10', '50', '70']);
    expect([r.netRevenueRetention, r.grossRevenueRetention].map(String)).toEqual(['0.85', '0.7']);
    const rows = (c: { customerId: string[]; revenue: ArrayLike<number | string> }) =>
      c.customerId.map((customerId, i) => ({ customerId, revenue: c.revenue[i] as number | string }));
    expect(revenueRetention({ startRevenue: rows(start), endRevenue: rows(end) })).toEqual(r);
  });

  it('adds 0.1 and 0.2 in a Float64Array to exactly 0.3, as rows do', () => {
    const r = revenueRetention({
      startRevenue: { customerId: ['g', 'g'], revenue: Float64Array.of(0.1, 0.2) },
      endRevenue: { customerId: ['g'], revenue: Float64Array.of(0.3) },
    });
    expect([r.startingRevenue, r.expansion, r.contraction, r.netRevenueRetention].map(String)).toEqual([
      '0.3',
      '0',
      '0',
      '1',
    ]);
  });

  describe('a generated book of 2,000 customers', () => {
    it.each([
      ['cents', (u: number) => Math.floor(u * 50_000) / 100],
      ['cents as strings', (u: number) => (Math.floor(u * 50_000) / 100).toFixed(2)],
      ['twelve decimal places', (u: number) => `${(Math.floor(u * 50_000) / 100).toFixed(2)}000000000007`],
      ['amounts near 2^53', (u: number) => String(9_007_199_254_740_000n + BigInt(Math.floor(u * 50_000)))],
    ])('gives the same exact result from columns as from rows (%s)', (_, amount) => {
      const random = mulberry32(4242);
      const start: CustomerRevenue[] = [];
      const end: CustomerRevenue[] = [];
      for (let i = 0; i < 2_000; i++) {
        const kind = random();
        if (kind < 0.85) start.push({ customerId: i, revenue: amount(random()) });
        if (kind < 0.2) start.push({ customerId: i, revenue: amount(random()) }); // a second subscription
        if (kind < 0.03) start.push({ customerId: i, revenue: 0 }); // a zero row besides
        const fate = random();
        if (kind >= 0.85 || fate < 0.8) end.push({ customerId: i, revenue: fate < 0.05 ? 0 : amount(random()) });
      }
      // Any order.
      end.reverse();
      const fromRows = revenueRetention({ startRevenue: start, endRevenue: end });
      expect(strings(fromRows)).toMatchObject(direct(start, end));
      expect(fromRows.expansion.gt(0) && fromRows.contraction.gt(0) && fromRows.newRevenue.gt(0)).toBe(true);
      const s = columns(start);
      const e = columns(end);
      // Numeric ids as plain arrays, as Float64Arrays (a table), as Int32Arrays, and far beyond the rows (a Map).
      expect(revenueRetention({ startRevenue: s, endRevenue: e })).toEqual(fromRows);
      const typed = (c: typeof s, f: (id: number) => number) => ({
        ...c,
        customerId: Float64Array.from(c.customerId as number[], f),
      });
      expect(revenueRetention({ startRevenue: typed(s, (id) => id), endRevenue: typed(e, (id) => id) })).toEqual(
        fromRows,
      );
      expect(
        revenueRetention({
          startRevenue: { ...s, customerId: Int32Array.from(s.customerId as number[]) },
          endRevenue: { ...e, customerId: Int32Array.from(e.customerId as number[]) },
        }),
      ).toEqual(fromRows);
      expect(
        revenueRetention({ startRevenue: typed(s, (id) => 1e12 + id), endRevenue: typed(e, (id) => 1e12 + id) }),
      ).toEqual(fromRows);
      // One side rows, the other columns; one side a typed array of ids, the other a plain array.
      expect(revenueRetention({ startRevenue: start, endRevenue: e })).toEqual(fromRows);
      expect(revenueRetention({ startRevenue: typed(s, (id) => id), endRevenue: e })).toEqual(fromRows);
    });

    it('looks ids up correctly when the end list holds ids beyond the start list (a table for both)', () => {
      // Start ids 0..9, end ids up to 5,000: the table must cover both columns.
      const start = {
        customerId: Float64Array.from({ length: 10 }, (_, i) => i),
        revenue: new Float64Array(10).fill(10),
      };
      const end = { customerId: Float64Array.of(0, 1, 5_000, 4_999), revenue: Float64Array.of(10, 5, 7, 8) };
      const r = revenueRetention({ startRevenue: start, endRevenue: end });
      // starting 100, retained 15 (0: 10, 1: 5), contraction 5, churned 80, new 15.
      expect([r.startingRevenue, r.retainedRevenue, r.contraction, r.churnedRevenue, r.newRevenue].map(String)).toEqual(
        ['100', '15', '5', '80', '15'],
      );
      // BigInt ids are no ids: the table is not used, and the first id is refused.
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: start,
            endRevenue: { customerId: BigInt64Array.of(1n), revenue: [1] } as never,
          }),
        /^revenueRetention: endRevenue\.customerId\[0\] must be a non-empty string or a number/,
      );
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: { customerId: BigUint64Array.of(1n), revenue: [1] } as never,
            endRevenue: end,
          }),
        /^revenueRetention: startRevenue\.customerId\[0\] must be a non-empty string or a number/,
      );
    });
  });

  it('reads Arrow-style columns: a table with getChild, vectors with toArray', () => {
    const table = (values: Record<string, unknown>) => ({ getChild: (name: string) => values[name] ?? null });
    const r = revenueRetention({
      startRevenue: table({
        customerId: { toArray: () => ['a', 'b'] },
        revenue: { toArray: () => Float64Array.of(100, 100) },
      }) as never,
      endRevenue: table({
        customerId: { toArray: () => ['a'] },
        revenue: { toArray: () => Float64Array.of(120) },
      }) as never,
    });
    expect([r.netRevenueRetention, r.grossRevenueRetention].map(String)).toEqual(['0.6', '0.5']);
  });

  describe('refusals name the column and the cell', () => {
    const good = { customerId: ['a'], revenue: [100] };

    it('refuses missing, unequal and non-list columns', () => {
      expectInputError(
        () => revenueRetention({ startRevenue: { customerId: ['a'] } as never, endRevenue: good }),
        /^revenueRetention: startRevenue\.revenue is missing/,
      );
      expectInputError(
        () => revenueRetention({ startRevenue: good, endRevenue: { customerId: ['a', 'b'], revenue: [1] } }),
        /^revenueRetention: endRevenue\.revenue has 1 cells, but endRevenue\.customerId has 2/,
      );
      expectInputError(
        () => revenueRetention({ startRevenue: good, endRevenue: { customerId: 'a', revenue: [1] } as never }),
        /^revenueRetention: endRevenue\.customerId must be an array or a typed array/,
      );
      expectInputError(
        () => revenueRetention({ startRevenue: {} as never, endRevenue: good }),
        /^revenueRetention: startRevenue must be an array of rows \{ customerId, revenue \} or a table of columns/,
      );
    });

    it('refuses bad cells with their place', () => {
      expectInputError(
        () => revenueRetention({ startRevenue: { customerId: ['a', 'b'], revenue: [1, -2] }, endRevenue: good }),
        /^revenueRetention: startRevenue\.revenue\[1\] must not be negative, got -2/,
      );
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: good,
            endRevenue: { customerId: ['a', 'b'], revenue: Float64Array.of(1, Number.NaN) },
          }),
        /^revenueRetention: endRevenue\.revenue\[1\] /,
      );
      expectInputError(
        () => revenueRetention({ startRevenue: good, endRevenue: { customerId: ['a', 'b'], revenue: ['1', 'ten'] } }),
        /^revenueRetention: endRevenue\.revenue\[1\] /,
      );
      expectInputError(
        () => revenueRetention({ startRevenue: { customerId: ['a', ''], revenue: [1, 2] }, endRevenue: good }),
        /^revenueRetention: startRevenue\.customerId\[1\] must be a non-empty string/,
      );
      // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
      const holey = [1, , 3] as number[];
      expectInputError(
        () => revenueRetention({ startRevenue: { customerId: ['a', 'b', 'c'], revenue: holey }, endRevenue: good }),
        /^revenueRetention: startRevenue\.revenue\[1\] is missing/,
      );
      // One index over both lists: the number 1 at the end against the string '1' at the start.
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: { customerId: ['1'], revenue: [1] },
            endRevenue: { customerId: [1], revenue: [1] },
          }),
        /^revenueRetention: endRevenue\.customerId\[0\] is the number 1, and startRevenue\.customerId\[0\] is the string "1"/,
      );
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: [{ customerId: '1', revenue: 1 }],
            endRevenue: { customerId: [1], revenue: [1] },
          }),
        /^revenueRetention: endRevenue\.customerId\[0\] is the number 1, and startRevenue\[0\]\.customerId is the string "1"/,
      );
      expectInputError(
        () =>
          revenueRetention({
            startRevenue: { customerId: [0], revenue: [0] },
            endRevenue: { customerId: [0], revenue: [5] },
          }),
        /^revenueRetention: startRevenue must hold some revenue above 0/,
      );
    });

    it('turns a throwing column or cell into a refusal naming it', () => {
      const throwing = {
        customerId: ['a'],
        get revenue(): number[] {
          throw new Error('column gone');
        },
      };
      expectInputError(
        () => revenueRetention({ startRevenue: throwing, endRevenue: good }),
        /^revenueRetention: startRevenue\.revenue could not be read.*column gone/,
      );
      const cells = new Proxy([1, 2], {
        get: (target, key) => {
          if (key === '1') throw new Error('cell gone');
          return Reflect.get(target, key);
        },
      });
      expectInputError(
        () => revenueRetention({ startRevenue: good, endRevenue: { customerId: ['a', 'b'], revenue: cells } }),
        /^revenueRetention: endRevenue\.revenue\[1\] could not be read.*cell gone/,
      );
    });
  });
});
