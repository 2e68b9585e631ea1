/**
 * What the DuckDB and the PostgreSQL recipe tests share (test/sql/duckdb.test.ts,
 * test/sql/postgres.test.ts): reading a recipe and setting its parameters, the
 * generated data and the hand-counted cases, and the suites that run every
 * recipe on them and compare the rows with the library's own results.
 *
 * A seeded generator makes 100,000 customers' lifecycles, activity events and
 * recurring revenue snapshots, with the cases that decide definitions: open
 * lifecycles, ends exactly on month boundaries, zero-length lifecycles,
 * overlapping and touching lifecycles, customers who come back, events on
 * period boundaries, revenue in cents that expands, contracts, churns or is
 * new. The rows go to the database as tables and to the library as objects;
 * each recipe's result must equal the library's result from the raw rows:
 * every count exactly, every Decimal with `.equals`. The two sides share
 * nothing but the generated rows.
 *
 * The recipes are run as the files are written, with their parameters set the
 * documented way (docs/sql/README.md): in the `params` CTE at the top, each
 * parameter is one line `<value> AS <name>`, and the value is replaced.
 *
 * Small hand-written cases then go through the recipes, with every expected
 * number counted by hand in the comments.
 *
 * Each engine's test file gives `describeRecipes` a way to load tables and run
 * SQL (an {@link EngineSpec}); the expectations are the same for both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import DecimalJs from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityEvent,
  type CohortRetention,
  type CohortRow,
  type CustomerRevenue,
  churnRate,
  cohortRetention,
  Decimal,
  type Lifecycle,
  type PeriodCounts,
  type PeriodUnit,
  periodCounts,
  periodCountsSeries,
  type RevenueRetentionResult,
  retentionRate,
  revenueRetention,
} from '../../src';
import { mulberry32 } from '../models/simulate';

export type Dialect = 'duckdb' | 'postgres';

export const sqlDir = fileURLToPath(new URL('../../docs/sql/', import.meta.url));
export const DAY = 86_400_000;

/** The test's own decimal.js, independent of the library's clone. */
export const D = DecimalJs.clone({ precision: 60 });
/** Rounds an independent value the way the library rounds its results: 34 digits, half even. */
export const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

// ---------------------------------------------------------------------------
// Recipes

/** A recipe's parameters, as in its params CTE: one line `<value> AS <name>` each. */
export function recipeParameters(sql: string): Map<string, string> {
  const block = /^WITH params AS \(\n {2}SELECT\n([\s\S]*?)\n\),$/m.exec(sql)?.[1];
  if (block === undefined) throw new Error('no params CTE');
  const parameters = new Map<string, string>();
  for (const line of block.split('\n')) {
    const match = /^ {4}(.*) AS (\w+),?(?: --.*)?$/.exec(line);
    if (match) parameters.set(match[2] as string, match[1] as string);
  }
  return parameters;
}

/** The text of docs/sql/<dialect>/<name>.sql with the given parameters' values replaced. */
export function recipeText(dialect: Dialect, name: string, values: Record<string, string> = {}): string {
  let sql = readFileSync(join(sqlDir, dialect, `${name}.sql`), 'utf8');
  const parameters = recipeParameters(sql);
  for (const [parameter, value] of Object.entries(values)) {
    const old = parameters.get(parameter);
    if (old === undefined) throw new Error(`${name}.sql has no parameter ${parameter}`);
    const line = `    ${old} AS ${parameter}`;
    expect(sql.split(line).length, `${name}.sql: ${line}`).toBe(2);
    sql = sql.replace(line, `    ${value} AS ${parameter}`);
  }
  return sql;
}

/** A SQL timestamp literal for epoch milliseconds: TIMESTAMP 'YYYY-MM-DD HH:MM:SS.mmm' (UTC). */
export const timestamp = (ms: number): string =>
  `TIMESTAMP '${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}'`;
/** DuckDB's text of a TIMESTAMP ('2026-03-01 00:00:00') as the library's ISO string. */
export const isoOf = (value: unknown): string => new Date(`${String(value).replace(' ', 'T')}Z`).toISOString();

export type Row = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Engines and tables

/** A customer id column's type. */
export type IdType = 'text' | 'bigint';

/**
 * A column's type, which each engine maps to its own: an id, an instant (given
 * as epoch milliseconds, stored as TIMESTAMP, UTC wall-clock time), a DATE, or
 * money in an exact type (DECIMAL(18,2) / NUMERIC(18,2)).
 */
export type ColumnType = IdType | 'instant' | 'date' | 'money';

/** A table to load: its columns and their types, and the rows (null for NULL). */
export interface Table {
  name: string;
  columns: Record<string, ColumnType>;
  rows: Array<Array<string | number | null>>;
}

/** An open database holding the tables it was opened with. */
export interface Engine {
  /** The result rows as objects; numbers may come as numbers or as exact strings. */
  query(sql: string): Promise<Row[]>;
  /** The result by column, every value as text (DECIMAL and BIGINT exact), NULL as null. */
  columns(sql: string): Promise<Array<Array<string | null>>>;
  close(): Promise<void> | void;
}

export interface EngineSpec {
  dialect: Dialect;
  /** The engine's name in test titles. */
  name: string;
  /** Skip the suites (the engine is not available here). */
  skip: boolean;
  /** Loads the tables into a new, empty database. */
  open(tables: Table[]): Promise<Engine>;
  /** A money value as the hand-counted cases write it (two decimals), when the engine prints it otherwise. */
  moneyText?: (value: unknown) => string;
}

export function subscriptionsTable(rows: readonly Lifecycle[], idType: IdType): Table {
  return {
    name: 'subscriptions',
    columns: { customer_id: idType, started_at: 'instant', ended_at: 'instant' },
    rows: rows.map((r) => [
      r.customerId,
      toMs(r.startedAt),
      r.endedAt === undefined || r.endedAt === null ? null : toMs(r.endedAt),
    ]),
  };
}

export function eventsTable(rows: readonly ActivityEvent[], idType: IdType): Table {
  return {
    name: 'events',
    columns: { customer_id: idType, at: 'instant' },
    rows: rows.map((r) => [r.customerId, toMs(r.at)]),
  };
}

export interface Snapshot {
  customerId: string | number;
  date: string;
  revenue: string;
}

export function snapshotsTable(rows: readonly Snapshot[], idType: IdType): Table {
  return {
    name: 'mrr_snapshots',
    columns: { customer_id: idType, snapshot_date: 'date', mrr: 'money' },
    rows: rows.map((r) => [r.customerId, r.date, r.revenue]),
  };
}

/** Epoch ms of a date the test wrote: a number already, or 'YYYY-MM-DD' / 'YYYY-MM-DDTHH:MM:SS.mmm' in UTC. */
export function toMs(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const [date = '', time = '00:00:00.000'] = value.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  const whole = Math.floor(s ?? 0);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, whole, Math.round(((s ?? 0) - whole) * 1000));
}

// ---------------------------------------------------------------------------
// Comparing the two sides

export interface Counts {
  periodStart: string;
  periodEnd: string;
  customersAtStart: number;
  customersAtEnd: number;
  newCustomers: number;
  lostCustomers: number;
  retainedCustomers: number;
  newAndLostCustomers: number;
  returningCustomers: number;
}

export function countsOfSql(row: Row): Counts {
  return {
    periodStart: isoOf(row.period_start),
    periodEnd: isoOf(row.period_end),
    customersAtStart: Number(row.customers_at_start),
    customersAtEnd: Number(row.customers_at_end),
    newCustomers: Number(row.new_customers),
    lostCustomers: Number(row.lost_customers),
    retainedCustomers: Number(row.retained_customers),
    newAndLostCustomers: Number(row.new_and_lost_customers),
    returningCustomers: Number(row.returning_customers),
  };
}

export function countsOfLibrary(c: PeriodCounts): Counts {
  return {
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    customersAtStart: c.customersAtStart,
    customersAtEnd: c.customersAtEnd,
    newCustomers: c.newCustomers,
    lostCustomers: c.lostCustomers,
    retainedCustomers: c.retainedCustomers,
    newAndLostCustomers: c.newAndLostCustomers,
    returningCustomers: c.returningCustomers,
  };
}

/**
 * Feeds one SQL row, as the strings DuckDB returns, to retentionRate and
 * churnRate, and requires the rates the library reports for the same period.
 */
export function expectRatesFromSqlRow(row: Row, library: PeriodCounts): void {
  const customersAtStart = String(row.customers_at_start);
  const customersAtEnd = String(row.customers_at_end);
  const newCustomers = String(row.new_customers);
  const lostCustomers = String(row.lost_customers);
  if (library.customersAtStart === 0) {
    expect(library.retentionRate).toBeNull();
    return;
  }
  if (library.customersAtEnd >= library.newCustomers) {
    const rate = retentionRate({ customersAtStart, customersAtEnd, newCustomers });
    expect(rate.equals(library.retentionRate as Decimal), library.periodStart).toBe(true);
  }
  if (library.lostCustomers <= library.customersAtStart) {
    const churn = churnRate({ customersAtStart, lostCustomers });
    expect(to34(new D(library.lostCustomers).div(library.customersAtStart))).toBe(churn.toString());
  }
  const retained = new Decimal(String(row.retained_customers)).div(customersAtStart);
  expect(retained.equals(library.startingCustomerRetention as Decimal)).toBe(true);
}

export interface Cell {
  cohort: string;
  periodIndex: number;
  period: string;
  size: number;
  active: number;
  activeOrLater: number;
}

export function cellsOfSql(rows: Row[]): Cell[] {
  return rows.map((r) => ({
    cohort: String(r.cohort),
    periodIndex: Number(r.period_index),
    period: String(r.period),
    size: Number(r.size),
    active: Number(r.active),
    activeOrLater: Number(r.active_or_later),
  }));
}

export function cellsOf(table: CohortRetention): Cell[] {
  return table.rows.map((r) => {
    // The library's rates are count / size, rounded once to 34 digits.
    expect(to34(new D(r.active).div(r.size))).toBe(r.activeRate.toString());
    expect(to34(new D(r.activeOrLater).div(r.size))).toBe(r.activeOrLaterRate.toString());
    return {
      cohort: r.cohort,
      periodIndex: r.periodIndex,
      period: r.period,
      size: r.size,
      active: r.active,
      activeOrLater: r.activeOrLater,
    };
  });
}

/** The cohort recipe's parameters for the library's options. */
export function cohortParams(options: { period: PeriodUnit; asOf?: number }): Record<string, string> {
  return {
    unit: `'${options.period}'`,
    as_of: options.asOf === undefined ? 'CAST(NULL AS TIMESTAMP)' : timestamp(options.asOf),
  };
}

export const revenueFields = [
  ['starting_revenue', 'startingRevenue'],
  ['retained_revenue', 'retainedRevenue'],
  ['expansion', 'expansion'],
  ['contraction', 'contraction'],
  ['churned_revenue', 'churnedRevenue'],
  ['new_revenue', 'newRevenue'],
] as const;

/** The inputs of revenueRetention from the snapshot rows at the two dates, as the library reads them. */
export function revenueInputs(snapshots: readonly Snapshot[], startDate: string, endDate: string) {
  const at = (date: string): CustomerRevenue[] =>
    snapshots.filter((s) => s.date === date).map((s) => ({ customerId: s.customerId, revenue: s.revenue }));
  return { startRevenue: at(startDate), endRevenue: at(endDate) };
}

// ---------------------------------------------------------------------------
// The generated data set

/** A small, seeded, deterministic generator of floats in (0, 1): test/models/simulate.ts's mulberry32. */
export const prng = mulberry32;

export const CUSTOMERS = 100_000;

/** The first instant of the UTC month holding `ms`, moved by `months`. */
export function monthOf(ms: number, months = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

export interface Generated {
  lifecycles: Lifecycle[];
  events: ActivityEvent[];
  snapshots: Snapshot[];
  stats: Record<string, number>;
}

export function generate(seed: number): Generated {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const stats: Record<string, number> = {
    open: 0,
    endOnMonthBoundary: 0,
    zeroLength: 0,
    touching: 0,
    overlapping: 0,
    comeBack: 0,
    duplicate: 0,
    eventOnBoundary: 0,
  };
  const spanStart = Date.UTC(2024, 9, 1);
  const spanEnd = Date.UTC(2026, 7, 1);

  const startAt = (): number => {
    const r = random();
    if (r < 0.25) return Date.UTC(2024, 9 + int(22), 1); // a month boundary
    if (r < 0.4) return spanStart + int((spanEnd - spanStart) / DAY) * DAY; // a midnight
    return spanStart + int(spanEnd - spanStart); // any millisecond
  };
  const endAfter = (start: number): number | null => {
    const r = random();
    if (r < 0.3) {
      stats.open = (stats.open as number) + 1;
      return null;
    }
    if (r < 0.5) {
      stats.endOnMonthBoundary = (stats.endOnMonthBoundary as number) + 1;
      return monthOf(start, 1 + int(12));
    }
    if (r < 0.53) {
      stats.zeroLength = (stats.zeroLength as number) + 1;
      return start;
    }
    return start + 1 + int(400 * DAY);
  };

  const lifecycles: Lifecycle[] = [];
  for (let id = 1; id <= CUSTOMERS; id++) {
    const start = startAt();
    const end = endAfter(start);
    lifecycles.push({ customerId: id, startedAt: start, endedAt: end });
    if (random() < 0.01) {
      stats.duplicate = (stats.duplicate as number) + 1;
      lifecycles.push({ customerId: id, startedAt: start, endedAt: end });
    }
    if (end === null) {
      if (random() < 0.05) {
        // A second subscription inside an open one: one stretch.
        stats.overlapping = (stats.overlapping as number) + 1;
        const inner = start + int(200 * DAY);
        lifecycles.push({ customerId: id, startedAt: inner, endedAt: inner + int(90 * DAY) });
      }
      continue;
    }
    let previousStart = start;
    let previousEnd = end;
    for (let again = 0; again < 2 && random() < (again === 0 ? 0.2 : 0.25); again++) {
      const g = random();
      let next: number;
      if (g < 0.2) {
        stats.touching = (stats.touching as number) + 1;
        next = previousEnd; // renewal at the instant the last one ended
      } else if (g < 0.3) {
        stats.overlapping = (stats.overlapping as number) + 1;
        next = previousStart + int(previousEnd - previousStart + 1);
      } else {
        stats.comeBack = (stats.comeBack as number) + 1;
        next = random() < 0.3 ? monthOf(previousEnd, 1 + int(6)) : previousEnd + 1 + int(200 * DAY);
      }
      const nextEnd = endAfter(next);
      lifecycles.push({ customerId: id, startedAt: next, endedAt: nextEnd });
      if (nextEnd === null) break;
      previousStart = next;
      previousEnd = Math.max(previousEnd, nextEnd);
    }
  }

  // Activity over 18 months, 2025-01 to 2026-06.
  const eventsStart = Date.UTC(2025, 0, 1);
  const eventsEnd = Date.UTC(2026, 6, 1);
  const events: ActivityEvent[] = [];
  const place = (at: number): number => {
    const r = random();
    if (r < 0.08) {
      stats.eventOnBoundary = (stats.eventOnBoundary as number) + 1;
      return monthOf(at);
    }
    if (r < 0.1) {
      stats.eventOnBoundary = (stats.eventOnBoundary as number) + 1;
      return monthOf(at, 1) - 1; // the month's last millisecond
    }
    return at;
  };
  for (let id = 1; id <= CUSTOMERS; id++) {
    let at = place(eventsStart + int(eventsEnd - eventsStart));
    events.push({ customerId: id, at });
    while (random() < 0.8) {
      at = place(at + Math.floor(-Math.log(1 - random()) * 35 * DAY));
      if (at >= eventsEnd) break;
      events.push({ customerId: id, at });
      if (random() < 0.03) events.push({ customerId: id, at }); // the same instant twice
    }
  }

  // Recurring revenue at 2026-01-01 (start) and 2026-02-01 (end), in cents, with noise at other dates.
  const snapshots: Snapshot[] = [];
  const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const add = (customerId: number, date: string, cents: number) =>
    snapshots.push({ customerId, date, revenue: money(cents) });
  for (let id = 1; id <= CUSTOMERS; id++) {
    const r = random();
    const s = 100 + int(500_000);
    if (r < 0.35) {
      add(id, '2026-01-01', s);
      add(id, '2026-02-01', s);
    } else if (r < 0.5) {
      add(id, '2026-01-01', s);
      add(id, '2026-02-01', s + 1 + int(20_000));
    } else if (r < 0.65) {
      add(id, '2026-01-01', s);
      add(id, '2026-02-01', 1 + int(s - 1));
    } else if (r < 0.73) {
      add(id, '2026-01-01', s); // churned: no row at the end
    } else if (r < 0.76) {
      add(id, '2026-01-01', s);
      add(id, '2026-02-01', 0); // churned: a row of 0 at the end
    } else if (r < 0.84) {
      add(id, '2026-02-01', s); // new: no row at the start
    } else if (r < 0.86) {
      add(id, '2026-01-01', 0);
      add(id, '2026-02-01', s); // new: a row of 0 at the start
    } else if (r < 0.91) {
      // Several subscriptions, some of 0.
      for (let k = 0; k < 2 + int(2); k++) add(id, '2026-01-01', random() < 0.2 ? 0 : int(300_000));
      for (let k = 0; k < 1 + int(3); k++) add(id, '2026-02-01', random() < 0.2 ? 0 : int(300_000));
    } else if (r < 0.95) {
      add(id, '2026-01-01', 0);
      add(id, '2026-02-01', 0);
    }
    if (random() < 0.3) add(id, random() < 0.5 ? '2025-12-01' : '2026-01-15', int(400_000));
  }
  return { lifecycles, events, snapshots, stats };
}

// ---------------------------------------------------------------------------
// Hand-counted cases

// March 2026, [2026-03-01, 2026-04-01); also February and April for the series.
export const handLifecycles: Lifecycle[] = [
  { customerId: 'ana', startedAt: '2025-11-03' }, // Feb S E, Mar S E, Apr S E
  { customerId: 'ben', startedAt: '2026-01-10', endedAt: '2026-03-18' }, // Feb S E, Mar S, lost
  { customerId: 'cal', startedAt: '2026-02-20', endedAt: '2026-04-01' }, // Feb N E; Mar S, ends exactly at `to`: lost
  { customerId: 'dee', startedAt: '2026-03-01' }, // Mar: starts exactly at `from`: N E; Apr S E
  { customerId: 'eve', startedAt: '2026-03-05', endedAt: '2026-03-25' }, // Mar: starts and ends inside: N, new and lost
  { customerId: 'fay', startedAt: '2025-06-01', endedAt: '2025-12-01' }, // fay left in 2025...
  { customerId: 'fay', startedAt: '2026-03-12' }, // ...and comes back: Mar N E returning; Apr S E
  { customerId: 'gus', startedAt: '2026-01-15' }, // Feb S E, Mar S E, Apr S E
  { customerId: 'hal', startedAt: '2026-01-01', endedAt: '2026-03-01' }, // renewed at the instant it ended:
  { customerId: 'hal', startedAt: '2026-03-01', endedAt: '2026-05-01' }, // one stretch, Feb S E, Mar S E, Apr S, lost
  { customerId: 'ida', startedAt: '2026-02-01', endedAt: '2026-03-10' }, // Feb N E; Mar S, leaves...
  { customerId: 'ida', startedAt: '2026-03-20' }, // ...and comes back within March: retained, not new; Apr S E
  { customerId: 'jon', startedAt: '2026-02-01', endedAt: '2026-03-01' }, // Feb N, lost (ends at `to`); nothing in Mar
  { customerId: 'kim', startedAt: '2026-03-15', endedAt: '2026-03-15' }, // zero length in March: N, new and lost
  { customerId: 'lea', startedAt: '2026-04-01' }, // Mar: starts exactly at `to`: nothing; Apr N E
  { customerId: 'max', startedAt: '2026-03-31T23:59:59.999' }, // Mar's last millisecond: N E; Apr S E
  { customerId: 'ned', startedAt: '2025-01-01', endedAt: '2025-06-01' }, // ned left in 2025,
  { customerId: 'ned', startedAt: '2026-03-10', endedAt: '2026-03-20' }, // comes back and leaves in March: N, returning, new and lost
];
// February: S = ana ben gus hal = 4; N = cal ida jon = 3; E = ana ben cal gus hal ida = 6;
//   lost = 4 + 3 - 6 = 1 (jon); retained = 4; new and lost = jon = 1; returning = 0.
// March: S = ana ben cal gus hal ida = 6; N = dee eve fay kim max ned = 6; E = ana dee fay gus hal ida max = 7;
//   lost = 6 + 6 - 7 = 5 (ben cal eve kim ned); retained = ana gus hal ida = 4; new and lost = eve kim ned = 3;
//   returning = fay ned = 2.
// April: S = ana dee fay gus hal ida max = 7; N = lea = 1; E = ana dee fay gus ida lea max = 7;
//   lost = 7 + 1 - 7 = 1 (hal); retained = 6; new and lost = 0; returning = 0.
export const handCounts = (start: string, end: string, c: number[]): Counts => ({
  periodStart: `${start}T00:00:00.000Z`,
  periodEnd: `${end}T00:00:00.000Z`,
  customersAtStart: c[0] as number,
  customersAtEnd: c[1] as number,
  newCustomers: c[2] as number,
  lostCustomers: c[3] as number,
  retainedCustomers: c[4] as number,
  newAndLostCustomers: c[5] as number,
  returningCustomers: c[6] as number,
});
// [S, E, N, lost, retained, new and lost, returning]
export const february = handCounts('2026-02-01', '2026-03-01', [4, 6, 3, 1, 4, 1, 0]);
export const march = handCounts('2026-03-01', '2026-04-01', [6, 7, 6, 5, 4, 3, 2]);
export const april = handCounts('2026-04-01', '2026-05-01', [7, 7, 1, 1, 6, 0, 0]);

// Cohorts by month: u1 Jan Feb Apr; u2 Jan (its last millisecond), Mar (its first instant); u3 Jan;
// u4 Feb (its first instant) Feb Mar; u5 Feb Feb; u6 Apr (late on its last day).
export const handEvents: ActivityEvent[] = [
  { customerId: 'u1', at: '2026-01-03' },
  { customerId: 'u1', at: '2026-02-14' },
  { customerId: 'u1', at: '2026-04-02' },
  { customerId: 'u2', at: '2026-01-31T23:59:59.999' },
  { customerId: 'u2', at: '2026-03-01' },
  { customerId: 'u3', at: '2026-01-28' },
  { customerId: 'u4', at: '2026-02-01' },
  { customerId: 'u4', at: '2026-02-25' },
  { customerId: 'u4', at: '2026-03-30' },
  { customerId: 'u5', at: '2026-02-17' },
  { customerId: 'u5', at: '2026-02-18' },
  { customerId: 'u6', at: '2026-04-30T23:59:59' },
];

/** Cells of one cohort from its active and active-or-later counts, periods counted by month from `first`. */
export function handCohort(first: string, size: number, active: number[], activeOrLater: number[]): Cell[] {
  const [y, m] = first.split('-').map(Number);
  return active.map((count, k) => ({
    cohort: first,
    periodIndex: k,
    period: new Date(Date.UTC(y as number, (m as number) - 1 + k, 1)).toISOString().slice(0, 10),
    size,
    active: count,
    activeOrLater: activeOrLater[k] as number,
  }));
}

// Snapshots: start 2026-01-01, end 2026-02-01, and one row at another date to leave out.
export const handSnapshots: Snapshot[] = [
  { customerId: 'acme', date: '2026-01-01', revenue: '1000.00' }, // 1000 -> 1200: expansion 200
  { customerId: 'acme', date: '2026-02-01', revenue: '1200.00' },
  { customerId: 'blue', date: '2026-01-01', revenue: '400.00' }, // 400 -> 300: contraction 100
  { customerId: 'blue', date: '2026-02-01', revenue: '300.00' },
  { customerId: 'cyan', date: '2026-01-01', revenue: '300.00' }, // 300 + 100 -> 400: unchanged
  { customerId: 'cyan', date: '2026-01-01', revenue: '100.00' },
  { customerId: 'cyan', date: '2026-02-01', revenue: '400.00' },
  { customerId: 'dune', date: '2026-01-01', revenue: '200.00' }, // 200 -> nothing: churned 200
  { customerId: 'echo', date: '2026-02-01', revenue: '600.00' }, // nothing -> 600: new 600
  { customerId: 'fox', date: '2026-01-01', revenue: '10.10' }, // 10.10 + 0.20 -> 10.31: expansion 0.01
  { customerId: 'fox', date: '2026-01-01', revenue: '0.20' },
  { customerId: 'fox', date: '2026-02-01', revenue: '10.31' },
  { customerId: 'gil', date: '2026-01-01', revenue: '0.00' }, // 0 -> 50: new 50
  { customerId: 'gil', date: '2026-02-01', revenue: '50.00' },
  { customerId: 'hoy', date: '2026-01-01', revenue: '19.99' }, // 19.99 -> 19.99: unchanged
  { customerId: 'hoy', date: '2026-02-01', revenue: '19.99' },
  { customerId: 'hoy', date: '2026-01-15', revenue: '99.99' }, // another date: left out
];
// starting = 1000 + 400 + 400 + 200 + 10.30 + 19.99 = 2030.29; retained = 1200 + 300 + 400 + 0 + 10.31 + 19.99 = 1930.30
// expansion = 200 + 0.01 = 200.01; contraction = 100; churned = 200; new = 600 + 50 = 650
// NRR = 1930.30 / 2030.29; GRR = (2030.29 - 300) / 2030.29 = 1730.29 / 2030.29; gross churn = 300 / 2030.29.

// ---------------------------------------------------------------------------
// The suites

/** Every recipe of docs/sql/<dialect>/ but the RFM ones, on the generated data and on the hand-counted cases. */
export function describeRecipes(spec: EngineSpec): void {
  const recipe = (name: string, values: Record<string, string> = {}) => recipeText(spec.dialect, name, values);

  describe.skipIf(spec.skip)(`the ${spec.name} recipes, on 100,000 generated customers`, () => {
    let data: Generated;
    let db: Engine;

    beforeAll(async () => {
      data = generate(20_260_301);
      db = await spec.open([
        subscriptionsTable(data.lifecycles, 'bigint'),
        eventsTable(data.events, 'bigint'),
        snapshotsTable(data.snapshots, 'bigint'),
      ]);
    });
    afterAll(() => db?.close());

    it('load data with the cases that decide the definitions', async () => {
      const [loaded] =
        await db.query(`SELECT (SELECT COUNT(*) FROM subscriptions) AS lifecycles, (SELECT COUNT(DISTINCT customer_id) FROM subscriptions) AS customers,
        (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM mrr_snapshots) AS snapshots`);
      expect(loaded).toEqual({
        lifecycles: String(data.lifecycles.length),
        customers: String(CUSTOMERS),
        events: String(data.events.length),
        snapshots: String(data.snapshots.length),
      });
      expect(data.events.length).toBeGreaterThan(350_000);
      for (const [name, count] of Object.entries(data.stats)) expect(count, name).toBeGreaterThan(500);
    });

    describe('period-counts.sql', () => {
      const periods: Array<[string, number, number]> = [
        ['March 2026', Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1)],
        ['a month that starts on a boundary many lifecycles end at', Date.UTC(2025, 5, 1), Date.UTC(2025, 6, 1)],
        ['odd instants, 3.5 months', Date.UTC(2025, 10, 3, 12, 34, 56, 789), Date.UTC(2026, 1, 17, 0, 0, 0, 1)],
        ['one millisecond', Date.UTC(2025, 8, 1), Date.UTC(2025, 8, 1, 0, 0, 0, 1)],
        ['all of time', Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)],
      ];

      it.each(periods)('gives the counts periodCounts gives (%s)', async (_, from, to) => {
        const rows = await db.query(
          recipe('period-counts', { period_start: timestamp(from), period_end: timestamp(to) }),
        );
        expect(rows).toHaveLength(1);
        const library = periodCounts(data.lifecycles, { from, to });
        expect(countsOfSql(rows[0] as Row)).toEqual(countsOfLibrary(library));
        expect(library.customersAtStart + library.newCustomers).toBeGreaterThan(0);
        expectRatesFromSqlRow(rows[0] as Row, library);
      });
    });

    describe('period-counts-series.sql', () => {
      const series: Array<[PeriodUnit, number, number]> = [
        ['month', Date.UTC(2025, 0, 20, 5), 18],
        ['week', Date.UTC(2025, 6, 3, 9), 16], // a Thursday: the first week starts on Monday 2025-06-30
        ['day', Date.UTC(2026, 1, 20, 23, 59, 59, 999), 14],
        ['quarter', Date.UTC(2024, 10, 5), 8],
        ['year', Date.UTC(2024, 6, 1), 3],
      ];

      it.each(series)('gives the counts periodCountsSeries gives, by %s', async (unit, from, periods) => {
        const rows = await db.query(
          recipe('period-counts-series', {
            first_period: timestamp(from),
            periods: String(periods),
            unit: `'${unit}'`,
          }),
        );
        const library = periodCountsSeries(data.lifecycles, { from, periods, period: unit });
        expect(rows.map(countsOfSql)).toEqual(library.map(countsOfLibrary));
        rows.forEach((row, i) => {
          expectRatesFromSqlRow(row, library[i] as PeriodCounts);
        });
        // The data reach every kind of customer in these periods.
        const total = (field: keyof Counts) => library.reduce((sum, c) => sum + (c[field] as number), 0);
        expect(total('returningCustomers')).toBeGreaterThan(0);
        expect(total('newAndLostCustomers')).toBeGreaterThan(0);
      });

      it('agrees with period-counts.sql on each of its months', async () => {
        const rows = await db.query(
          recipe('period-counts-series', { first_period: timestamp(Date.UTC(2025, 11, 1)), periods: '3' }),
        );
        for (const row of rows) {
          const from = Date.parse(isoOf(row.period_start));
          const to = Date.parse(isoOf(row.period_end));
          const [single] = await db.query(
            recipe('period-counts', { period_start: timestamp(from), period_end: timestamp(to) }),
          );
          expect(countsOfSql(single as Row)).toEqual(countsOfSql(row));
        }
      });
    });

    describe('cohort-retention.sql', () => {
      const cases: Array<[string, { period: PeriodUnit; asOf?: number }]> = [
        ['by month, to the last event', { period: 'month' }],
        ['by month, as of the middle of a month', { period: 'month', asOf: Date.UTC(2026, 2, 15, 12) }],
        ['by month, as of the first instant of a month', { period: 'month', asOf: Date.UTC(2026, 2, 1) }],
        ['by month, as of months after the last event', { period: 'month', asOf: Date.UTC(2026, 8, 30) }],
        ['by ISO week', { period: 'week' }],
        ['by day, as of the end of February 2025', { period: 'day', asOf: Date.UTC(2025, 1, 28, 23, 59, 59, 999) }],
        ['by quarter', { period: 'quarter' }],
        ['by year', { period: 'year' }],
      ];

      it.each(cases)('gives the table cohortRetention gives, %s', async (_, options) => {
        const rows = await db.query(recipe('cohort-retention', cohortParams(options)));
        const sql = cellsOfSql(rows);
        const library = cohortRetention(data.events, options);
        expect(sql).toEqual(cellsOf(library));
        expect(sql.length).toBeGreaterThan(0);
        // Exact rates from the SQL counts, with the library's Decimal.
        sql.forEach((cell, i) => {
          const row = library.rows[i] as CohortRow;
          expect(new Decimal(cell.active).div(cell.size).equals(row.activeRate)).toBe(true);
          expect(new Decimal(cell.activeOrLater).div(cell.size).equals(row.activeOrLaterRate)).toBe(true);
        });
      });
    });

    describe('cohort-activity.sql', () => {
      it.each([
        ['by month', { period: 'month' as PeriodUnit }],
        ['by ISO week, as of a Wednesday noon', { period: 'week' as PeriodUnit, asOf: Date.UTC(2026, 0, 14, 12) }],
      ])('reduces the events to rows that give cohortRetention the same table, %s', async (_, options) => {
        const [ids = [], starts = []] = await db.columns(recipe('cohort-activity', cohortParams(options)));
        expect(ids.length).toBeLessThan(0.8 * data.events.length);
        const reduced = ids.map((id, i) => ({ customerId: Number(id), at: Date.parse(isoOf(starts[i])) }));
        expect(cellsOf(cohortRetention(reduced, options))).toEqual(cellsOf(cohortRetention(data.events, options)));
      });
    });

    describe('revenue-by-customer.sql and revenue-retention.sql', () => {
      const params = { start_date: "DATE '2026-01-01'", end_date: "DATE '2026-02-01'" };
      let fromRawRows: RevenueRetentionResult | undefined;
      /** revenueRetention on the generated snapshot rows, computed once. */
      const library = (): RevenueRetentionResult => {
        fromRawRows ??= revenueRetention(revenueInputs(data.snapshots, '2026-01-01', '2026-02-01'));
        return fromRawRows;
      };

      it('give per customer the inputs from which revenueRetention computes what it computes from the raw rows', async () => {
        const [ids = [], starts = [], ends = []] = await db.columns(recipe('revenue-by-customer', params));
        expect(ids.length).toBeGreaterThan(0.9 * CUSTOMERS);
        const fromSql = revenueRetention({
          startRevenue: ids.map((id, i) => ({ customerId: String(id), revenue: String(starts[i]) })),
          endRevenue: ids.map((id, i) => ({ customerId: String(id), revenue: String(ends[i]) })),
        });
        const expected = library();
        for (const key of Object.keys(expected) as Array<keyof RevenueRetentionResult>) {
          expect(fromSql[key].equals(expected[key]), key).toBe(true);
        }
        expect(expected.expansion.gt(0) && expected.contraction.gt(0) && expected.churnedRevenue.gt(0)).toBe(true);
        expect(expected.newRevenue.gt(0)).toBe(true);
      });

      it('give the totals revenueRetention gives, and from them its exact ratios', async () => {
        const [row] = (await db.query(recipe('revenue-retention', params))) as [Row];
        const expected = library();
        for (const [column, field] of revenueFields) {
          expect(new Decimal(String(row[column])).equals(expected[field]), column).toBe(true);
        }
        // The exact ratios, from the sums, as docs/warehouse.md computes them.
        const starting = new Decimal(String(row.starting_revenue));
        const lost = new Decimal(String(row.contraction)).plus(String(row.churned_revenue));
        expect(new Decimal(String(row.retained_revenue)).div(starting).equals(expected.netRevenueRetention)).toBe(true);
        expect(starting.minus(lost).div(starting).equals(expected.grossRevenueRetention)).toBe(true);
        expect(lost.div(starting).equals(expected.grossRevenueChurn)).toBe(true);
        // The DOUBLE ratios, for charts, within floating-point error.
        expect(Number(row.net_revenue_retention)).toBeCloseTo(expected.netRevenueRetention.toNumber(), 12);
        expect(Number(row.gross_revenue_retention)).toBeCloseTo(expected.grossRevenueRetention.toNumber(), 12);
        expect(Number(row.gross_revenue_churn)).toBeCloseTo(expected.grossRevenueChurn.toNumber(), 12);
      });
    });
  });

  describe.skipIf(spec.skip)(`the ${spec.name} recipes, on hand-counted cases`, () => {
    let db: Engine;

    beforeAll(async () => {
      db = await spec.open([
        subscriptionsTable(handLifecycles, 'text'),
        eventsTable(handEvents, 'text'),
        snapshotsTable(handSnapshots, 'text'),
      ]);
    });
    afterAll(() => db?.close());

    it('period-counts.sql counts March: boundary ends and starts, returns, renewals, stays within the month', async () => {
      const rows = await db.query(
        recipe('period-counts', {
          period_start: "TIMESTAMP '2026-03-01 00:00:00'",
          period_end: "TIMESTAMP '2026-04-01 00:00:00'",
        }),
      );
      expect(rows.map(countsOfSql)).toEqual([march]);
      expect(countsOfLibrary(periodCounts(handLifecycles, { from: '2026-03-01', to: '2026-04-01' }))).toEqual(march);
      // (E - N) / S = (7 - 6) / 6 = 1/6; churn = 5 / 6.
      const [row] = rows as [Row];
      const counts = {
        customersAtStart: String(row.customers_at_start),
        customersAtEnd: String(row.customers_at_end),
        newCustomers: String(row.new_customers),
      };
      expect(retentionRate(counts).toString()).toBe('0.1666666666666666666666666666666667');
      expect(churnRate(counts).toString()).toBe('0.8333333333333333333333333333333333');
    });

    it('period-counts-series.sql counts February to April, each month starting where the last ended', async () => {
      const rows = await db.query(
        recipe('period-counts-series', { first_period: "TIMESTAMP '2026-02-14 10:00:00'", periods: '3' }),
      );
      expect(rows.map(countsOfSql)).toEqual([february, march, april]);
      expect(
        periodCountsSeries(handLifecycles, { from: '2026-02-14T10:00:00', periods: 3 }).map(countsOfLibrary),
      ).toEqual([february, march, april]);
    });

    it('period-counts.sql counts nobody in a period before any lifecycle', async () => {
      const rows = await db.query(
        recipe('period-counts', {
          period_start: "TIMESTAMP '2020-01-01 00:00:00'",
          period_end: "TIMESTAMP '2020-02-01 00:00:00'",
        }),
      );
      expect(rows.map(countsOfSql)).toEqual([handCounts('2020-01-01', '2020-02-01', [0, 0, 0, 0, 0, 0, 0])]);
    });

    it('cohort-retention.sql gives the monthly table to the last event, with shorter rows for younger cohorts', async () => {
      // January cohort u1 u2 u3: active Jan 3, Feb 1 (u1), Mar 1 (u2), Apr 1 (u1); last active u3 Jan, u2 Mar, u1 Apr.
      // February cohort u4 u5: Feb 2, Mar 1 (u4), Apr 0; last active u5 Feb, u4 Mar. April cohort u6.
      const expected = [
        ...handCohort('2026-01-01', 3, [3, 1, 1, 1], [3, 2, 2, 1]),
        ...handCohort('2026-02-01', 2, [2, 1, 0], [2, 1, 0]),
        ...handCohort('2026-04-01', 1, [1], [1]),
      ];
      expect(cellsOfSql(await db.query(recipe('cohort-retention')))).toEqual(expected);
      expect(cellsOf(cohortRetention(handEvents, {}))).toEqual(expected);
    });

    it('cohort-retention.sql stops at the period of as_of and leaves out later events', async () => {
      // As of 2026-03-01 00:00 (included): u2's event at that instant counts; u1's April, u4's 03-30 and u6 do not.
      // January: Jan 3, Feb 1 (u1), Mar 1 (u2); last active u3 Jan, u1 Feb, u2 Mar. February: u4 u5 Feb only.
      const expected = [
        ...handCohort('2026-01-01', 3, [3, 1, 1], [3, 2, 1]),
        ...handCohort('2026-02-01', 2, [2, 0], [2, 0]),
      ];
      const params = cohortParams({ period: 'month', asOf: Date.UTC(2026, 2, 1) });
      expect(cellsOfSql(await db.query(recipe('cohort-retention', params)))).toEqual(expected);
      expect(cellsOf(cohortRetention(handEvents, { asOf: '2026-03-01T00:00:00' }))).toEqual(expected);
    });

    it('cohort-retention.sql reports observed periods with nobody active as 0, up to a later as_of', async () => {
      const expected = [
        ...handCohort('2026-01-01', 3, [3, 1, 1, 1, 0, 0], [3, 2, 2, 1, 0, 0]),
        ...handCohort('2026-02-01', 2, [2, 1, 0, 0, 0], [2, 1, 0, 0, 0]),
        ...handCohort('2026-04-01', 1, [1, 0, 0], [1, 0, 0]),
      ];
      const params = cohortParams({ period: 'month', asOf: Date.UTC(2026, 5, 10) });
      expect(cellsOfSql(await db.query(recipe('cohort-retention', params)))).toEqual(expected);
      expect(cellsOf(cohortRetention(handEvents, { asOf: '2026-06-10' }))).toEqual(expected);
    });

    it('cohort-retention.sql groups ISO weeks from Monday', async () => {
      // Weeks (Mondays): u1 2025-12-29, 2026-02-09, 2026-03-30; u2 2026-01-26, 2026-02-23; u3 2026-01-26;
      // u4 2026-01-26 (Sunday 02-01), 2026-02-23, 2026-03-30; u5 2026-02-16 (both); u6 2026-04-27.
      // Cohorts: 2025-12-29 {u1}, 2026-01-26 {u2 u3 u4}, 2026-02-16 {u5}, 2026-04-27 {u6}; 18 weeks to 2026-04-27.
      const rows = cellsOfSql(await db.query(recipe('cohort-retention', { unit: "'week'" })));
      expect(rows.filter((r) => r.periodIndex === 0).map((r) => [r.cohort, r.size])).toEqual([
        ['2025-12-29', 1],
        ['2026-01-26', 3],
        ['2026-02-16', 1],
        ['2026-04-27', 1],
      ]);
      // The 2026-01-26 cohort: week +4 (2026-02-23) u2 u4 active; week +9 (2026-03-30) u4; u3 last in week 0.
      const cohort = rows.filter((r) => r.cohort === '2026-01-26');
      expect(cohort).toHaveLength(14);
      expect(cohort.map((r) => r.active)).toEqual([3, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
      expect(cohort.map((r) => r.activeOrLater)).toEqual([3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
      expect(rows).toEqual(cellsOf(cohortRetention(handEvents, { period: 'week' })));
    });

    it('cohort-activity.sql reduces the events to one row per customer and month', async () => {
      const rows = await db.query(recipe('cohort-activity'));
      expect(rows.map((r) => `${r.customer_id} ${String(r.period_start).slice(0, 7)}`)).toEqual([
        'u1 2026-01',
        'u1 2026-02',
        'u1 2026-04',
        'u2 2026-01',
        'u2 2026-03',
        'u3 2026-01',
        'u4 2026-02',
        'u4 2026-03',
        'u5 2026-02',
        'u6 2026-04',
      ]);
    });

    it('revenue-retention.sql and revenue-by-customer.sql give the hand-computed revenue retention', async () => {
      const [totals] = (await db.query(recipe('revenue-retention'))) as [Row];
      const sums = revenueFields.map(([column]) => new D(String(totals[column])).toString());
      expect(sums).toEqual(['2030.29', '1930.3', '200.01', '100', '200', '650']);
      expect(Number(totals.net_revenue_retention)).toBeCloseTo(1930.3 / 2030.29, 14);
      const perCustomer = await db.query(recipe('revenue-by-customer'));
      const money = spec.moneyText ?? String;
      expect(perCustomer.map((r) => `${r.customer_id} ${money(r.start_revenue)} ${money(r.end_revenue)}`)).toEqual([
        'acme 1000.00 1200.00',
        'blue 400.00 300.00',
        'cyan 400.00 400.00',
        'dune 200.00 0.00',
        'echo 0.00 600.00',
        'fox 10.30 10.31',
        'gil 0.00 50.00',
        'hoy 19.99 19.99',
      ]);
      const r = revenueRetention({
        startRevenue: perCustomer.map((row) => ({
          customerId: String(row.customer_id),
          revenue: String(row.start_revenue),
        })),
        endRevenue: perCustomer.map((row) => ({
          customerId: String(row.customer_id),
          revenue: String(row.end_revenue),
        })),
      });
      expect(r.netRevenueRetention.toString()).toBe(to34(new D('1930.30').div('2030.29')));
      expect(r.grossRevenueRetention.toString()).toBe(to34(new D('1730.29').div('2030.29')));
      expect(r.grossRevenueChurn.toString()).toBe(to34(new D('300').div('2030.29')));
      const library = revenueRetention(revenueInputs(handSnapshots, '2026-01-01', '2026-02-01'));
      expect(revenueFields.map(([, field]) => library[field].toString())).toEqual(sums);
    });
  });
}
