/**
 * periodCounts and periodCountsSeries from columns `{ customerId, startedAt,
 * endedAt? }`: the same counts as from rows (on lifecycles made from the
 * CDNOW purchases and on a seeded generated set with boundary, touching,
 * overlapping, returning and open lifecycles), a brute-force count written
 * here, and a refusal naming the column and cell for every bad input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lifecycle, LifecycleColumns } from '../../src/data/lifecycles';
import { periodCounts, periodCountsSeries } from '../../src/data/periodCounts';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

const DAY = 86_400_000;

/** The CDNOW purchases as lifecycles: each purchase day starts 90 days of activity (test/fixtures/cdnow/CDNOW_master.txt). */
function cdnowLifecycles(): { ids: string[]; starts: Float64Array; ends: Float64Array } {
  const ids: string[] = [];
  const starts: number[] = [];
  for (const line of readFileSync(new URL('../fixtures/cdnow/CDNOW_master.txt', import.meta.url), 'utf8').split('\n')) {
    const [id, day] = line.trim().split(/\s+/);
    if (id === undefined || day === undefined || id === '' || id === 'customer_id') continue;
    ids.push(id);
    starts.push(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
  }
  const s = Float64Array.from(starts);
  return { ids, starts: s, ends: s.map((t) => t + 90 * DAY) };
}

interface Raw {
  id: number;
  start: number;
  end: number; // +Infinity when open
}

/** 3,000 lifecycles of numeric customers: many on month boundaries, touching, overlapping, returning, open. */
function generate(seed: number): Raw[] {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const raw: Raw[] = [];
  let customer = 0;
  while (raw.length < 3_000) {
    const id = customer++;
    let cursor =
      random() < 0.3 ? Date.UTC(2025, pick(30), 1) : Date.UTC(2025, 0, 1) + pick(900) * DAY + pick(24) * 3_600_000;
    for (let j = 0, count = 1 + pick(4); j < count && raw.length < 3_000; j++) {
      const start = cursor;
      const shape = random();
      const end =
        shape < 0.2
          ? Number.POSITIVE_INFINITY
          : shape < 0.45
            ? Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1 + pick(8), 1)
            : start + (1 + pick(300)) * DAY;
      raw.push({ id, start, end });
      if (end === Number.POSITIVE_INFINITY) break;
      const next = random();
      cursor = next < 0.2 ? end : next < 0.35 ? Math.max(start, end - pick(20) * DAY) : end + (1 + pick(200)) * DAY;
    }
  }
  // Any order: the rows are shuffled (Fisher-Yates, seeded).
  for (let i = raw.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [raw[i], raw[j]] = [raw[j] as Raw, raw[i] as Raw];
  }
  return raw;
}

/** Counts one period straight from the conventions, customer by customer, without merging intervals. */
function bruteForce(raw: readonly Raw[], from: number, to: number) {
  const byId = new Map<number, Raw[]>();
  for (const r of raw) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  let s = 0;
  let n = 0;
  let e = 0;
  let returning = 0;
  for (const list of byId.values()) {
    const active = (t: number) => list.some((r) => r.start <= t && t < r.end);
    const atStart = active(from) && active(from - 1);
    const atEnd = active(to) && active(to - 1);
    const isNew =
      !atStart && list.some((r) => r.start >= from && r.start < to && r.end > r.start && !active(r.start - 1));
    if (atStart) s++;
    if (atEnd) e++;
    if (isNew) n++;
    if (isNew && list.some((r) => r.start < from)) returning++;
  }
  return [s, n, e, returning];
}

describe('periodCounts and periodCountsSeries from columns', () => {
  it('gives the CDNOW lifecycles the same monthly series from columns as from rows', () => {
    const { ids, starts, ends } = cdnowLifecycles();
    const rows: Lifecycle[] = ids.map((customerId, i) => ({
      customerId,
      startedAt: starts[i] as number,
      endedAt: ends[i] as number,
    }));
    const options = { from: '1997-01-01', periods: 18 };
    const fromRows = periodCountsSeries(rows, options);
    expect(fromRows[3]?.customersAtStart).toBeGreaterThan(5_000);
    expect(periodCountsSeries({ customerId: ids, startedAt: starts, endedAt: ends }, options)).toEqual(fromRows);
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(
      periodCountsSeries(
        { customerId: ids, startedAt: Array.from(starts, iso), endedAt: Array.from(ends, iso) },
        options,
      ),
    ).toEqual(fromRows);
    // Independent of both, by a plain loop over the file: the customers at the end of March, active at
    // 1997-04-01 and the millisecond before it (by any of their purchase windows, touching ones included).
    const april = Date.UTC(1997, 3, 1);
    const at = new Set<string>();
    const before = new Set<string>();
    ids.forEach((id, i) => {
      const start = starts[i] as number;
      const end = ends[i] as number;
      if (start <= april && april < end) at.add(id);
      if (start <= april - 1 && april - 1 < end) before.add(id);
    });
    const atEnd = [...at].filter((id) => before.has(id)).length;
    expect(atEnd).toBeGreaterThan(1_000);
    expect(fromRows[2]?.customersAtEnd).toBe(atEnd);
  });

  describe('a generated set of 3,000 lifecycles', () => {
    const raw = generate(20261208);
    const rows: Lifecycle[] = raw.map((r, i) =>
      r.end === Number.POSITIVE_INFINITY
        ? i % 2 === 0
          ? { customerId: r.id, startedAt: r.start }
          : { customerId: r.id, startedAt: r.start, endedAt: null }
        : { customerId: r.id, startedAt: r.start, endedAt: r.end },
    );
    const ids = Float64Array.from(raw, (r) => r.id);
    const startedAt = Float64Array.from(raw, (r) => r.start);
    const endedAt = raw.map((r) => (r.end === Number.POSITIVE_INFINITY ? null : r.end));

    it('has the awkward cases in it: boundaries, touching lifecycles, open ones', () => {
      expect(raw.filter((r) => r.start % DAY === 0 && new Date(r.start).getUTCDate() === 1).length).toBeGreaterThan(
        100,
      );
      expect(raw.filter((r) => raw.some((q) => q.id === r.id && q.start === r.end)).length).toBeGreaterThan(50);
      expect(endedAt.filter((e) => e === null).length).toBeGreaterThan(100);
    });

    it('gives the same months and weeks from columns of every kind as from rows, and agrees with a brute-force count', () => {
      const forms: LifecycleColumns[] = [
        { customerId: ids, startedAt, endedAt },
        { customerId: Int32Array.from(ids), startedAt: Array.from(startedAt, (t) => new Date(t)), endedAt },
        {
          customerId: Array.from(ids, (id) => `c${id}`),
          startedAt: Array.from(startedAt, (t) => new Date(t).toISOString()),
          endedAt: endedAt.map((t) => (t === null ? null : new Date(t).toISOString())),
        },
        // Ids far beyond the rows: looked up by Map, not by table.
        { customerId: ids.map((id) => 1e12 + id), startedAt, endedAt },
      ];
      for (const options of [
        { from: '2026-01-01', periods: 12 },
        { from: '2026-01-01', periods: 20, period: 'week' as const },
      ]) {
        const fromRows = periodCountsSeries(rows, options);
        for (const columns of forms) {
          const fromColumns = periodCountsSeries(columns, options);
          const rename = typeof (columns.customerId as ArrayLike<unknown>)[0] === 'string';
          expect(fromColumns).toEqual(
            rename
              ? periodCountsSeries(
                  rows.map((r) => ({ ...r, customerId: `c${r.customerId}` })),
                  options,
                )
              : fromRows,
          );
        }
      }
      const months = periodCountsSeries({ customerId: ids, startedAt, endedAt }, { from: '2026-01-01', periods: 12 });
      months.forEach((row, k) => {
        const want = bruteForce(raw, Date.UTC(2026, k, 1), Date.UTC(2026, k + 1, 1));
        expect([row.customersAtStart, row.newCustomers, row.customersAtEnd, row.returningCustomers]).toEqual(want);
      });
      expect(months.some((r) => r.returningCustomers > 0 && r.newAndLostCustomers > 0)).toBe(true);
      const one = { from: '2026-03-01', to: '2026-03-16T12:00:00Z' };
      expect(periodCounts({ customerId: ids, startedAt, endedAt }, one)).toEqual(periodCounts(rows, one));
    });

    it('takes a table without an endedAt column as every lifecycle still open', () => {
      const open = raw.filter((r) => r.end === Number.POSITIVE_INFINITY);
      const columns = { customerId: open.map((r) => r.id), startedAt: open.map((r) => r.start) };
      const period = { from: '2026-05-01', to: '2026-06-01' };
      const fromRows = periodCounts(
        open.map((r) => ({ customerId: r.id, startedAt: r.start })),
        period,
      );
      expect(periodCounts(columns, period)).toEqual(fromRows);
      const [s, n, e] = bruteForce(open, Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1));
      expect([fromRows.customersAtStart, fromRows.newCustomers, fromRows.customersAtEnd]).toEqual([s, n, e]);
    });
  });

  it('reads an Arrow-style table: getChild, vectors with toArray, and nulls in a vector read as open', () => {
    // A vector with nulls: its toArray() holds a 0 where the null is; its iterator gives null.
    const withNulls = (values: Array<number | null>) => ({
      nullCount: values.filter((v) => v === null).length,
      toArray: () => Float64Array.from(values, (v) => v ?? 0),
      [Symbol.iterator]: () => values[Symbol.iterator](),
    });
    const columns: Record<string, unknown> = {
      customerId: { toArray: () => ['a', 'b', 'c'] },
      startedAt: {
        nullCount: 0,
        toArray: () => Float64Array.of(Date.UTC(2026, 0, 10), Date.UTC(2026, 0, 15), Date.UTC(2026, 1, 3)),
      },
      endedAt: withNulls([null, Date.UTC(2026, 1, 10), Date.UTC(2026, 1, 20)]),
    };
    const table = { getChild: (name: string) => columns[name] ?? null };
    const counts = periodCounts(table as never, { from: '2026-02-01', to: '2026-03-01' });
    // a: open from 01-10 (S, E); b: 01-15 to 02-10 (S, lost); c: 02-03 to 02-20 (new and lost).
    expect([counts.customersAtStart, counts.newCustomers, counts.customersAtEnd, counts.lostCustomers]).toEqual([
      2, 1, 1, 2,
    ]);
    expect(counts.retentionRate?.toString()).toBe('0');
  });

  describe('refusals name the column and the cell', () => {
    const from = { from: '2026-01-01', to: '2026-02-01' };
    const call = (columns: unknown) => periodCounts(columns as never, from);

    it('refuses missing, unequal and non-list columns', () => {
      expectInputError(() => call({ customerId: ['a'] }), /^periodCounts: customers\.startedAt is missing/);
      expectInputError(
        () => call({ customerId: ['a', 'b'], startedAt: ['2026-01-01', '2026-01-02'], endedAt: [null] }),
        /^periodCounts: customers\.endedAt has 1 cells, but customers\.customerId has 2/,
      );
      expectInputError(
        () => call({ customerId: ['a'], startedAt: '2026-01-01' }),
        /^periodCounts: customers\.startedAt must be an array or a typed array/,
      );
      expectInputError(
        () => call({ 0: { customerId: 'a', startedAt: '2026-01-01' } }),
        /^periodCounts: customers must be an array of rows \{ customerId, startedAt, endedAt\? \} or a table of columns/,
      );
      expectInputError(
        () => periodCountsSeries({ startedAt: ['2026-01-01'] } as never, { from: '2026-01-01', periods: 1 }),
        /^periodCountsSeries: customers\.customerId is missing/,
      );
    });

    it('refuses bad cells with their place', () => {
      const ids = ['a', 'b', 'c'];
      const starts = ['2026-01-01', '2026-01-02', '2026-01-03'];
      expectInputError(
        () => call({ customerId: ['a', '', 'c'], startedAt: starts }),
        /^periodCounts: customers\.customerId\[1\] must be a non-empty string/,
      );
      expectInputError(
        () => call({ customerId: ids, startedAt: ['2026-01-01', '2026-01-02', 'soon'] }),
        /^periodCounts: customers\.startedAt\[2\] /,
      );
      expectInputError(
        () => call({ customerId: ids, startedAt: starts, endedAt: [null, '2026-01-01', null] }),
        /^periodCounts: customers\.endedAt\[1\] must not be before startedAt \(2026-01-02T00:00:00\.000Z\)/,
      );
      expectInputError(
        () => call({ customerId: ids, startedAt: starts, endedAt: [null, null, ''] }),
        /^periodCounts: customers\.endedAt\[2\] must be a date, or null .*an empty CSV cell/,
      );
      expectInputError(
        () => call({ customerId: ids, startedAt: starts, endedAt: Float64Array.of(Number.NaN, 0, 0) }),
        /^periodCounts: customers\.endedAt\[0\] must be a finite time/,
      );
      // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
      const holey = ['2026-01-01', , '2026-01-03'] as string[];
      expectInputError(
        () => call({ customerId: ids, startedAt: holey }),
        /^periodCounts: customers\.startedAt\[1\] is missing/,
      );
      expectInputError(
        () => call({ customerId: [1, 2, '1'], startedAt: starts }),
        /^periodCounts: customers\.customerId\[2\] is the string "1", and customers\.customerId\[0\] is the number 1/,
      );
    });

    it('turns a throwing column or cell into a refusal naming it', () => {
      const throwing = {
        customerId: ['a'],
        get startedAt(): string[] {
          throw new Error('column gone');
        },
      };
      expectInputError(() => call(throwing), /^periodCounts: customers\.startedAt could not be read.*column gone/);
      const cells = new Proxy(['2026-01-01', '2026-01-02'], {
        get: (target, key) => {
          if (key === '1') throw new Error('cell gone');
          return Reflect.get(target, key);
        },
      });
      expectInputError(
        () => call({ customerId: ['a', 'b'], startedAt: ['2026-01-01', '2026-01-02'], endedAt: cells }),
        /^periodCounts: customers\.endedAt\[1\] could not be read.*cell gone/,
      );
    });

    it('counts nothing for empty columns', () => {
      const c = call({ customerId: [], startedAt: new Float64Array(0) });
      expect([c.customersAtStart, c.newCustomers, c.customersAtEnd]).toEqual([0, 0, 0]);
    });
  });
});
