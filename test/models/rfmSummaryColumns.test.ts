/**
 * rfmSummary from columns `{ customerId, at, amount? }`: the same summary as
 * from rows on the CDNOW files and on a seeded log with the row tests'
 * awkward cases (same-day purchases, zero amounts, amounts as strings, time
 * zones across a UTC day, customers first seen after the calibration end, a
 * holdout); the published CDNOW summary and a plain loop written here as
 * independent expected values; and a refusal naming the column and cell for
 * every bad input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingAmounts } from '../../src/models/nbd/amounts';
import { rfmSummary, type Transaction, type TransactionColumns } from '../../src/models/nbd/rfmSummary';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError } from '../support/expectInputError';
import { mulberry32 } from './simulate';

const DAY = 86_400_000;

/** A CDNOW file as columns: the id (column `idColumn`), the day (ISO), its epoch ms, and the dollars as written. */
function readCdnow(file: string, idColumn: number) {
  const ids: string[] = [];
  const days: string[] = [];
  const dollars: string[] = [];
  for (const line of readFileSync(new URL(`../fixtures/cdnow/${file}`, import.meta.url), 'utf8').split('\n')) {
    const cells = line.trim().split(/\s+/);
    const id = cells[idColumn];
    const day = cells[idColumn + 1];
    const amount = cells[idColumn + 3];
    if (id === undefined || day === undefined || amount === undefined || !/^\d{8}$/.test(day)) continue;
    ids.push(id);
    days.push(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
    dollars.push(amount);
  }
  const ms = Float64Array.from(days, (d) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))),
  );
  return { ids, days, ms, dollars, amounts: Float64Array.from(dollars, Number) };
}

const calibration = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };

describe('rfmSummary from columns', () => {
  it('gives the published CDNOW summary from columns of the sample, exactly as from rows', () => {
    const sample = readCdnow('CDNOW_sample.txt', 1);
    const ids = Int32Array.from(sample.ids, Number);
    const rows: Transaction[] = Array.from(ids, (customerId, i) => ({
      customerId,
      at: sample.days[i] as string,
      amount: sample.amounts[i] as number,
    }));
    const fromRows = rfmSummary(rows, calibration);
    // Ids 1 to 2,357 in an Int32Array: looked up by table.
    expect(rfmSummary({ customerId: ids, at: sample.ms, amount: sample.amounts }, calibration)).toEqual(fromRows);
    expect(rfmSummary({ customerId: Array.from(ids), at: sample.days, amount: sample.dollars }, calibration)).toEqual(
      fromRows,
    );
    // The published summary (ID, x, t_x, T, zbar, two decimals), independent of the library.
    const published = readCdnowSummary();
    expect(published).toHaveLength(2_357);
    const byId = new Map(fromRows.customers.map((c) => [c.customerId, c]));
    for (const p of published) {
      const c = byId.get(p.id);
      expect(c?.frequency).toBe(p.frequency);
      expect(Math.abs((c?.recency ?? Number.NaN) - p.recency)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((c?.age ?? Number.NaN) - p.age)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((c?.monetaryValue ?? Number.NaN) - p.monetaryValue)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('gives the whole CDNOW log (23,570 customers) the same summary from columns as from rows', () => {
    const all = readCdnow('CDNOW_master.txt', 0);
    const rows: Transaction[] = all.ids.map((customerId, i) => ({
      customerId,
      at: all.ms[i] as number,
      amount: all.dollars[i] as string,
    }));
    const fromRows = rfmSummary(rows, calibration);
    expect(fromRows.customers).toHaveLength(23_570);
    expect(rfmSummary({ customerId: all.ids, at: all.ms, amount: all.dollars }, calibration)).toEqual(fromRows);
    // Independent: repeat purchase days in calibration, by a plain loop over the file.
    const daysOf = new Map<string, Set<string>>();
    all.ids.forEach((id, i) => {
      const day = all.days[i] as string;
      if (day > '1997-09-30') return;
      daysOf.set(id, (daysOf.get(id) ?? new Set()).add(day));
    });
    let repeats = 0;
    for (const days of daysOf.values()) repeats += days.size - 1;
    expect(fromRows.customers.reduce((sum, c) => sum + c.frequency, 0)).toBe(repeats);
  });

  describe('a seeded log of 6,000 purchases', () => {
    const random = mulberry32(19970930);
    const n = 6_000;
    const ids = new Float64Array(n);
    const at = new Float64Array(n);
    const amounts: Array<number | string> = [];
    for (let i = 0; i < n; i++) {
      ids[i] = Math.floor(random() * 900);
      // 1997-01-01 to 1998-03-31, any time of day, so times with zones fall on either UTC day.
      at[i] = Date.UTC(1997, 0, 1) + Math.floor(random() * 455 * DAY);
      const u = random();
      amounts.push(u < 0.1 ? 0 : u < 0.4 ? (Math.floor(u * 10_000) / 100).toFixed(2) : Math.floor(u * 10_000) / 100);
    }
    // Same-day purchases: every tenth purchase repeats the one before it an hour later, the same customer.
    for (let i = 10; i < n; i += 10) {
      ids[i] = ids[i - 1] as number;
      at[i] = Math.min((at[i - 1] as number) + 3_600_000, Math.floor((at[i - 1] as number) / DAY) * DAY + DAY - 1);
    }
    // A few customers first seen in 1998, after either calibration end.
    for (let i = 7; i < n; i += 500) {
      ids[i] = 2_000 + i;
      at[i] = Date.UTC(1998, 0, 1) + i * 3_600_000;
    }
    /** The instant written at +05:30, which names the local day: the same UTC day after reading. */
    const zoned = (t: number) => {
      const local = new Date(t + 5.5 * 3_600_000).toISOString().slice(0, 19);
      return `${local}+05:30`;
    };
    const rows: Transaction[] = Array.from(ids, (customerId, i) => ({
      customerId,
      at: at[i] as number,
      amount: amounts[i] as number | string,
    }));

    it('gives the same summary from columns of every kind as from rows, in days and weeks', () => {
      const forms: TransactionColumns[] = [
        { customerId: ids, at, amount: amounts },
        { customerId: Int32Array.from(ids), at: Array.from(at, (t) => new Date(t)), amount: amounts },
        { customerId: Array.from(ids), at: Array.from(at, zoned), amount: amounts.map(String) },
      ];
      for (const options of [
        { calibrationEnd: '1997-12-31', holdoutEnd: '1998-03-31', timeUnit: 'day' as const },
        { calibrationEnd: '1997-06-30' },
      ]) {
        const fromRows = rfmSummary(rows, options);
        expect(fromRows.customersFirstSeenAfterCalibration).toBeGreaterThan(0);
        for (const columns of forms) expect(rfmSummary(columns, options)).toEqual(fromRows);
      }
    });

    it('agrees with a plain loop over the columns: frequency, recency in days and repeat spend', () => {
      const summary = rfmSummary(
        { customerId: ids, at, amount: amounts },
        { calibrationEnd: '1997-12-31', timeUnit: 'day' },
      );
      const end = Math.floor(Date.UTC(1997, 11, 31) / DAY);
      const spent = new Map<number, Map<number, number>>();
      for (let i = 0; i < n; i++) {
        const day = Math.floor((at[i] as number) / DAY);
        const days = spent.get(ids[i] as number) ?? new Map<number, number>();
        days.set(day, (days.get(day) ?? 0) + Number(amounts[i]));
        spent.set(ids[i] as number, days);
      }
      let checked = 0;
      for (const c of summary.customers) {
        const days = [...(spent.get(c.customerId as number) ?? new Map()).entries()].sort((a, b) => a[0] - b[0]);
        const inCalibration = days.filter(([d]) => d <= end);
        const first = inCalibration[0]?.[0] as number;
        expect(c.frequency).toBe(inCalibration.length - 1);
        expect(c.recency).toBe((inCalibration[inCalibration.length - 1]?.[0] as number) - first);
        expect(c.age).toBe(end - first);
        const repeat = inCalibration.slice(1).reduce((sum, [, x]) => sum + x, 0);
        expect(c.monetaryValue).toBeCloseTo(c.frequency > 0 ? repeat / c.frequency : 0, 9);
        checked++;
      }
      expect(checked).toBeGreaterThan(800);
    });
  });

  it('reads an Arrow-style table (getChild, toArray) and a vector whose nulls are read as no amount', () => {
    const columns: Record<string, unknown> = {
      customerId: { toArray: () => ['a', 'a', 'a'] },
      at: { toArray: () => Float64Array.of(Date.UTC(1997, 0, 1), Date.UTC(1997, 0, 18), Date.UTC(1997, 7, 2)) },
      amount: { toArray: () => Float64Array.of(29.33, 29.73, 14.96) },
    };
    const table = { getChild: (name: string) => columns[name] ?? null, schema: { fields: [{ name: 'customerId' }] } };
    const summary = rfmSummary(table as never, { calibrationEnd: '1997-09-30' });
    // 01-01 -> 01-18 -> 08-02: two repeats; recency 213 days = 30.43 weeks; monetary (29.73 + 14.96) / 2.
    expect([summary.customers[0]?.frequency, summary.customers[0]?.recency.toFixed(2)]).toEqual([2, '30.43']);
    expect(summary.customers[0]?.monetaryValue).toBe((29.73 + 14.96) / 2);
    // A vector with nulls is read through its iterator: a null amount is refused as a row's null is.
    const withNull = {
      nullCount: 1,
      toArray: () => Float64Array.of(1, 0, 2),
      [Symbol.iterator]: () => [1, null, 2][Symbol.iterator](),
    };
    expectInputError(
      () =>
        rfmSummary(
          { customerId: ['a', 'a', 'a'], at: ['1997-01-01', '1997-01-02', '1997-01-03'], amount: withNull } as never,
          calibration,
        ),
      /^rfmSummary: transactions\.amount\[1\] /,
    );
  });

  describe('without amounts', () => {
    const at = ['1997-01-01', '1997-02-01', '1997-03-01'];

    it('marks the summary as without spend, naming the other columns as rows do', () => {
      const summary = rfmSummary({ customerId: ['a', 'a', 'b'], at, value: [1, 2, 3] } as never, calibration);
      expect(summary.customers.map((c) => c.monetaryValue)).toEqual([0, 0]);
      const fromRows = rfmSummary(
        [
          { customerId: 'a', at: at[0], value: 1 },
          { customerId: 'a', at: at[1], value: 2 },
          { customerId: 'b', at: at[2], value: 3 },
        ] as never,
        calibration,
      );
      expect(missingAmounts(summary)).toBe(missingAmounts(fromRows));
      expect(missingAmounts(summary)).toMatch(/the transactions have 'value': if that is the amount, name it amount/);
    });

    it('takes an amount column of undefined cells as no amounts, and names an Arrow table’s columns from its schema', () => {
      const summary = rfmSummary(
        { customerId: ['a', 'a', 'b'], at, amount: [undefined, undefined, undefined] },
        calibration,
      );
      expect(missingAmounts(summary)).toBe(
        'no transaction given to rfmSummary had an amount, so the summary has no spend',
      );
      const columns: Record<string, unknown> = { customerId: ['a'], at: ['1997-01-01'] };
      const arrow = {
        getChild: (name: string) => columns[name] ?? null,
        schema: { fields: [{ name: 'customerId' }, { name: 'at' }, { name: 'spend' }, null] },
      };
      expect(missingAmounts(rfmSummary(arrow as never, calibration))).toMatch(/the transactions have 'spend': if that/);
      const noSchema = { getChild: (name: string) => columns[name] ?? null };
      expect(missingAmounts(rfmSummary(noSchema as never, calibration))).toMatch(/has no spend$/);
      const badSchema = {
        getChild: (name: string) => columns[name] ?? null,
        get schema(): unknown {
          throw new Error('no schema');
        },
      };
      expect(missingAmounts(rfmSummary(badSchema as never, calibration))).toMatch(/has no spend$/);
      // A Proxy whose keys cannot be listed (after its columns were read) names no column either.
      const unlisted = new Proxy(
        { customerId: ['a'], at: ['1997-01-01'] },
        {
          ownKeys: () => {
            throw new Error('no keys');
          },
        },
      );
      expect(missingAmounts(rfmSummary(unlisted, calibration))).toMatch(/has no spend$/);
    });
  });

  describe('refusals name the column and the cell', () => {
    const at = ['1997-01-01', '1997-01-02', '1997-01-03', '1997-01-04'];
    const ids = ['a', 'b', 'c', 'd'];

    it('refuses bad amounts, dates and ids with their place', () => {
      expectInputError(
        () => rfmSummary({ customerId: ids, at, amount: [1, 2, 3, -4] }, calibration),
        /^rfmSummary: transactions\.amount\[3\] must be a finite amount, 0 or more \(net returns off before summarising\), got -4$/,
      );
      expectInputError(
        () => rfmSummary({ customerId: ids, at, amount: ['1', '2', 'lots', '4'] }, calibration),
        /^rfmSummary: transactions\.amount\[2\] /,
      );
      expectInputError(
        () => rfmSummary({ customerId: ids, at: ['1997-01-01', 'soon', '1997-01-03', '1997-01-04'] }, calibration),
        /^rfmSummary: transactions\.at\[1\] /,
      );
      expectInputError(
        () => rfmSummary({ customerId: ids, at: Float64Array.of(0, 1, 9e15, 3) }, calibration),
        /^rfmSummary: transactions\.at\[2\] /,
      );
      expectInputError(
        () => rfmSummary({ customerId: ['a', 'b', Number.NaN, 'd'], at }, calibration),
        /^rfmSummary: transactions\.customerId\[2\] must be a non-empty string or a number, got NaN/,
      );
      expectInputError(
        () => rfmSummary({ customerId: [1, 2, 3, '2'], at }, calibration),
        /^rfmSummary: transactions\.customerId\[3\] is the string "2", and transactions\.customerId\[1\] is the number 2/,
      );
      // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
      const holey = [1, , 3, 4] as number[];
      expectInputError(
        () => rfmSummary({ customerId: ids, at, amount: holey }, calibration),
        /^rfmSummary: transactions\.amount\[1\] is missing/,
      );
      expectInputError(
        () =>
          rfmSummary({ customerId: ['a', 'a'], at: ['1997-01-01', '1997-01-01'], amount: [1e308, 1e308] }, calibration),
        /^rfmSummary: transactions\.amount\[1\] of customer "a" add up beyond the largest number/,
      );
    });

    it('refuses missing, unequal and non-list columns, and what is neither rows nor columns', () => {
      expectInputError(
        () => rfmSummary({ customerId: ids } as never, calibration),
        /^rfmSummary: transactions\.at is missing/,
      );
      expectInputError(
        () => rfmSummary({ customerId: ids, at, amount: [1, 2] }, calibration),
        /^rfmSummary: transactions\.amount has 2 cells, but transactions\.customerId has 4/,
      );
      expectInputError(
        () => rfmSummary({ customerId: ids, at: 12 } as never, calibration),
        /^rfmSummary: transactions\.at must be an array or a typed array/,
      );
      expectInputError(
        () => rfmSummary({} as never, calibration),
        /^rfmSummary: transactions must be an array of rows \{ customerId, at, amount\? \} or a table of columns/,
      );
      expectInputError(
        () => rfmSummary('a,b' as never, calibration),
        /^rfmSummary: transactions must be an array of \{ customerId, at, amount \} or a table of columns \{ customerId, at, amount\? \}, got "a,b"$/,
      );
    });

    it('turns a throwing column or cell into a refusal naming it', () => {
      const throwing = {
        customerId: ids,
        get at(): string[] {
          throw new Error('column gone');
        },
      };
      expectInputError(
        () => rfmSummary(throwing, calibration),
        /^rfmSummary: transactions\.at could not be read.*column gone/,
      );
      const cells = new Proxy([1, 2, 3, 4], {
        get: (target, key) => {
          if (key === '3') throw new Error('cell gone');
          return Reflect.get(target, key);
        },
      });
      expectInputError(
        () => rfmSummary({ customerId: ids, at, amount: cells }, calibration),
        /^rfmSummary: transactions\.amount\[3\] could not be read.*cell gone/,
      );
    });

    it('summarises empty columns to no customers', () => {
      const summary = rfmSummary({ customerId: [], at: new Float64Array(0) }, calibration);
      expect(summary.customers).toEqual([]);
      expect(missingAmounts(summary)).toBeUndefined();
    });
  });
});
