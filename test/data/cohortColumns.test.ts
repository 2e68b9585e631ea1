import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/data/cohortRetention';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

// test/fixtures/cdnow/CDNOW_master.txt: every purchase of the 23,570 customers of the CDNOW cohort (see test/fixtures/README.md).
function readCdnowEvents(): { ids: string[]; days: string[]; ms: Float64Array } {
  const lines = readFileSync(new URL('../fixtures/cdnow/CDNOW_master.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const ids: string[] = [];
  const days: string[] = [];
  for (const line of lines) {
    const [id, day] = line.trim().split(/\s+/);
    if (id === 'customer_id' || id === undefined || day === undefined) continue;
    ids.push(id);
    days.push(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
  }
  const ms = Float64Array.from(days, (d) => Date.parse(`${d}T00:00:00Z`));
  return { ids, days, ms };
}

describe('cohortRetention from columns', () => {
  const cdnow = readCdnowEvents();

  it('gives the CDNOW table from columns of ISO strings and of epoch ms exactly as from rows', () => {
    const rows = cdnow.ids.map((customerId, i) => ({ customerId, at: cdnow.days[i] as string }));
    const fromRows = cohortRetention(rows);
    expect(cohortRetention({ customerId: cdnow.ids, at: cdnow.days })).toEqual(fromRows);
    expect(cohortRetention({ customerId: cdnow.ids, at: cdnow.ms })).toEqual(fromRows);
    // Independent of both: each customer's first purchase month, by a plain loop over the file.
    const firstDay = new Map<string, string>();
    cdnow.ids.forEach((id, i) => {
      const day = cdnow.days[i] as string;
      const seen = firstDay.get(id);
      if (seen === undefined || day < seen) firstDay.set(id, day);
    });
    const sizes = new Map<string, number>();
    for (const day of firstDay.values())
      sizes.set(`${day.slice(0, 7)}-01`, (sizes.get(`${day.slice(0, 7)}-01`) ?? 0) + 1);
    expect(fromRows.cohorts.map((c) => [c.cohort, c.size])).toEqual([...sizes.entries()].sort());
    expect(firstDay.size).toBe(23_570);
  });

  it('agrees with rows on generated data: numeric ids, any order, Dates, weeks, asOf before the last event', () => {
    const random = mulberry32(20261207);
    const n = 5_000;
    const ids = new Float64Array(n);
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = Math.floor(random() * 700);
      // Two years around an ISO-week boundary, at any time of day.
      ms[i] = Date.UTC(2025, 11, 29) + Math.floor(random() * 730 * 86_400_000);
    }
    const dates = Array.from(ms, (t) => new Date(t));
    const rows = Array.from(ids, (customerId, i) => ({ customerId, at: dates[i] as Date }));
    for (const options of [{ period: 'week' as const }, { period: 'quarter' as const, asOf: '2026-09-30T12:00:00Z' }]) {
      const fromRows = cohortRetention(rows, options);
      expect(fromRows.cohorts.length).toBeGreaterThan(2);
      expect(cohortRetention({ customerId: ids, at: ms }, options)).toEqual(fromRows);
      expect(cohortRetention({ customerId: Array.from(ids), at: dates }, options)).toEqual(fromRows);
    }
  });

  it('gives the same table for typed-array ids read by table and by Map: large, negative, fractional ids', () => {
    const random = mulberry32(7);
    const n = 3_000;
    const small = new Float64Array(n);
    const ms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      small[i] = Math.floor(random() * 400);
      ms[i] = Date.UTC(2026, 0, 1) + Math.floor(random() * 200 * 86_400_000);
    }
    const rows = Array.from(small, (customerId, i) => ({ customerId, at: ms[i] as number }));
    const expected = cohortRetention(rows);
    expect(expected.cohorts[0]?.size).toBeGreaterThan(50);
    // The same customers under other names: each mapping is one-to-one, so the table is the same.
    for (const rename of [
      (id: number) => id,
      (id: number) => 1e9 + id,
      (id: number) => -id - 1,
      (id: number) => id + 0.5,
    ]) {
      expect(cohortRetention({ customerId: small.map(rename), at: ms })).toEqual(expected);
      expect(cohortRetention({ customerId: Int32Array.from(small, rename), at: ms })).toEqual(
        cohortRetention(Array.from(small, (id, i) => ({ customerId: Math.trunc(rename(id)), at: ms[i] as number }))),
      );
    }
    expectInputError(
      () => cohortRetention({ customerId: Float64Array.of(1, Number.NaN, 2), at: ms.subarray(0, 3) }),
      /events\.customerId\[1\] must be a non-empty string or a number, got NaN/,
    );
    expectInputError(
      () => cohortRetention({ customerId: BigInt64Array.of(1n, 2n) as never, at: ms.subarray(0, 2) }),
      /events\.customerId\[0\] must be a non-empty string or a number/,
    );
  });

  it('reads Arrow-style input: a table with getChild and vectors with toArray', () => {
    const vector = (values: ArrayLike<unknown>) => ({ toArray: () => values });
    const columns: Record<string, unknown> = {
      customerId: vector(['a', 'b', 'a']),
      at: vector(Float64Array.of(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 20), Date.UTC(2026, 1, 11))),
    };
    const table = { numRows: 3, getChild: (name: string) => columns[name] ?? null };
    const expected = cohortRetention([
      { customerId: 'a', at: '2026-01-05' },
      { customerId: 'b', at: '2026-01-20' },
      { customerId: 'a', at: '2026-02-11' },
    ]);
    expect(expected.cohorts[0]?.active).toEqual([2, 1]);
    expect(cohortRetention(table as never)).toEqual(expected);
    const noAt = { numRows: 3, getChild: (name: string) => (name === 'at' ? null : columns[name]) };
    expectInputError(() => cohortRetention(noAt as never), /events\.at is missing/);
  });

  it('names the column and the row in every refusal', () => {
    const at = ['2026-01-05', '2026-01-20', '2026-02-11'];
    expectInputError(() => cohortRetention({ customerId: ['a', 'b', 'c'] } as never), /events\.at is missing/);
    expectInputError(
      () => cohortRetention({ customerId: ['a', 'b'], at }),
      /events\.at has 3 cells, but events\.customerId has 2/,
    );
    expectInputError(
      () => cohortRetention({ customerId: ['a', 'b', 'c'], at: '2026-01-05' } as never),
      /events\.at must be an array or a typed array/,
    );
    expectInputError(
      () => cohortRetention({ customerId: ['a', 'b', 'c'], at: ['2026-01-05', 'soon', '2026-02-11'] }),
      /events\.at\[1\]/,
    );
    expectInputError(() => cohortRetention({ customerId: ['a', '', 'c'], at }), /events\.customerId\[1\]/);
    // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
    const holey = ['a', , 'c'] as string[];
    expectInputError(() => cohortRetention({ customerId: holey, at }), /events\.customerId\[1\] is missing/);
    expectInputError(
      () => cohortRetention({ customerId: [1, '1', 2], at }),
      /events\.customerId\[1\] is the string "1", and events\.customerId\[0\] is the number 1/,
    );
    const throwing = {
      customerId: ['a', 'b', 'c'],
      get at(): string[] {
        throw new Error('column gone');
      },
    };
    expectInputError(() => cohortRetention(throwing), /events\.at could not be read.*column gone/);
    const badCell = new Proxy(at, {
      get: (target, key) => {
        if (key === '2') throw new Error('cell gone');
        return Reflect.get(target, key);
      },
    });
    expectInputError(
      () => cohortRetention({ customerId: ['a', 'b', 'c'], at: badCell }),
      /events\.at\[2\] could not be read/,
    );
  });

  it('refuses a bad time in typed columns with small ids (the fast path) as the general reader does', () => {
    const ids = Int32Array.of(0, 1, 2);
    for (const [bad, rule] of [
      [Number.NaN, /^cohortRetention: events\.at\[1\] must be a finite time, got NaN$/],
      [Number.POSITIVE_INFINITY, /^cohortRetention: events\.at\[1\] must be a finite time, got Infinity$/],
      [8.64e15 + 1, /^cohortRetention: events\.at\[1\] /],
    ] as const) {
      const at = Float64Array.of(Date.UTC(2026, 0, 5), bad, Date.UTC(2026, 1, 11));
      const fast = expectInputError(() => cohortRetention({ customerId: ids, at }), rule);
      // The same message from string ids, which take the general reader.
      const general = expectInputError(() => cohortRetention({ customerId: ['a', 'b', 'c'], at }), rule);
      expect(fast.message).toBe(general.message);
    }
  });

  it('reads typed columns before 1970 and across centuries as rows do', () => {
    const at = Float64Array.of(
      Date.UTC(1969, 11, 31, 23, 59),
      Date.UTC(1970, 0, 1),
      Date.UTC(1900, 1, 28),
      Date.UTC(1900, 2, 1),
      Date.UTC(2100, 0, 1),
      -1,
    );
    const ids = Int32Array.of(0, 0, 1, 1, 1, 2);
    const rows = Array.from(ids, (customerId, i) => ({ customerId, at: at[i] as number }));
    for (const period of ['month', 'year', 'week'] as const) {
      expect(cohortRetention({ customerId: ids, at }, { period })).toEqual(cohortRetention(rows, { period }));
    }
    const byYear = cohortRetention({ customerId: ids, at }, { period: 'year' });
    // Customer 1 from 1900, customers 0 and 2 from 1969 (-1 ms is 1969-12-31T23:59:59.999Z).
    expect(byYear.cohorts.map((c) => [c.cohort, c.size])).toEqual([
      ['1900-01-01', 1],
      ['1969-01-01', 2],
    ]);
  });

  it('keeps a set per customer when the bits would pass 256 MB, from rows and from typed columns alike', () => {
    // 21,475 customers over 100,001 days are 2,147,575,475 customer-days, past 2^31 bits.
    const customers = 21_475;
    const day0 = Date.UTC(2000, 0, 1);
    const ids = new Int32Array(customers + 1);
    const at = new Float64Array(customers + 1);
    for (let c = 0; c < customers; c++) {
      ids[c] = c;
      at[c] = day0 + (c % 24) * 3_600_000;
    }
    // Customer 0 comes back 100,000 days later.
    ids[customers] = 0;
    at[customers] = day0 + 100_000 * 86_400_000;
    const table = cohortRetention({ customerId: ids, at }, { period: 'day' });
    expect(table.cohorts).toHaveLength(1);
    const cohort = table.cohorts[0];
    expect(cohort?.size).toBe(customers);
    expect(cohort?.active).toHaveLength(100_001);
    expect([cohort?.active[0], cohort?.active[1], cohort?.active[99_999], cohort?.active[100_000]]).toEqual([
      customers,
      0,
      0,
      1,
    ]);
    expect(cohort?.active.reduce((a, b) => a + b, 0)).toBe(customers + 1);
    expect([cohort?.activeOrLater[0], cohort?.activeOrLater[1], cohort?.activeOrLater[100_000]]).toEqual([
      customers,
      1,
      1,
    ]);
    const rows = Array.from(ids, (customerId, i) => ({ customerId: `c${customerId}`, at: at[i] as number }));
    const fromRows = cohortRetention(rows, { period: 'day' });
    expect(fromRows.cohorts[0]?.active).toEqual(cohort?.active);
    expect(fromRows.cohorts[0]?.activeOrLater).toEqual(cohort?.activeOrLater);
  }, 60_000);

  it('says what it takes when an object has none of the columns', () => {
    expectInputError(
      () => cohortRetention({ 0: { customerId: 'a', at: '2026-01-05' } } as never),
      /^cohortRetention: events must be an array of rows \{ customerId, at \} or a table of columns/,
    );
    const emptyArrow = { numRows: 0, getChild: () => null };
    expectInputError(() => cohortRetention(emptyArrow as never), /^cohortRetention: events must be an array of rows/);
    // Only customerId is missing (the at column, unreadable, counts as present): the message names that column.
    const onlyAt = {
      get at(): string[] {
        throw new Error('column gone');
      },
    };
    expectInputError(() => cohortRetention(onlyAt as never), /^cohortRetention: events\.customerId is missing/);
    expectInputError(() => cohortRetention({ at: ['2026-01-05'] } as never), /events\.customerId is missing/);
  });

  it('returns an empty table for empty columns', () => {
    expect(cohortRetention({ customerId: [], at: new Float64Array(0) }).cohorts).toEqual([]);
  });
});
