/**
 * The RFM recipes (docs/sql/<dialect>/rfm-summary.sql and
 * rfm-summary-grouped.sql) against rfmSummary, on the same raw transactions:
 * the CDNOW master file (every purchase of the 23,570 customers of CDNOW's
 * first-quarter-1997 cohort; the 2,357-customer sample in test/fixtures when
 * the master file is not there), generated transactions with every awkward
 * case, and a hand-counted case.
 *
 * Every field is compared: frequency, holdout purchases and the customer
 * counts exactly; recency, age, monetary value and holdout spend within 1e-12
 * relative (the SQL adds exact decimals and divides in floating point, the
 * library adds doubles). The grouped recipe's rows must equal the library's
 * rows grouped here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  type RfmCustomer,
  type RfmSummary,
  type RfmSummaryOptions,
  rfmSummary,
  type TimeUnit,
  type Transaction,
} from '../../src';
import { DAY, type Engine, type EngineSpec, type IdType, prng, recipeText, type Table, toMs } from './shared';

/** The transactions table the recipes read: customer_id, "at" (TIMESTAMP, UTC), amount (exact). */
function transactionsTable(rows: readonly Transaction[], idType: IdType): Table {
  return {
    name: 'transactions',
    columns: { customer_id: idType, at: 'instant', amount: 'money' },
    rows: rows.map((r) => [
      r.customerId,
      toMs(r.at as string | number),
      r.amount === undefined ? null : String(r.amount),
    ]),
  };
}

// ---------------------------------------------------------------------------
// CDNOW

// test/fixtures/cdnow/CDNOW_master.txt: every purchase of the 23,570 customers of the CDNOW cohort (see test/fixtures/README.md).
const masterUrl = new URL('../fixtures/cdnow/CDNOW_master.txt', import.meta.url);

/**
 * The CDNOW purchases of the master file (customer id, date YYYYMMDD, number
 * of CDs, dollar value, after one header line). The library gets the date and
 * the dollars as the file writes them; the table gets the same instant and
 * the same decimal.
 */
function readCdnow(): { file: string; transactions: Transaction[] } {
  const transactions: Transaction[] = [];
  for (const line of readFileSync(masterUrl, 'utf8').split('\n')) {
    const cells = line.trim().split(/\s+/);
    if (!/^\d+$/.test(cells[0] ?? '')) continue; // the header and the last, empty line
    const [id, date, , dollars] = cells;
    transactions.push({ customerId: Number(id), at: String(date), amount: String(dollars) });
  }
  return { file: fileURLToPath(masterUrl), transactions };
}

/** YYYYMMDD (the CDNOW dates) in epoch ms, for the table. */
function compactDateMs(value: string): number {
  return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8)));
}

// ---------------------------------------------------------------------------
// Generated transactions

interface GeneratedTransactions {
  transactions: Transaction[];
  stats: Record<string, number>;
}

const GEN_CALIBRATION_END = '2025-06-30';
const GEN_HOLDOUT_END = '2025-12-31';

/**
 * Purchases of 20,000 customers from 2024-01-01 to 2026-03-31 around a
 * calibration end of 2025-06-30 and a holdout end of 2025-12-31, with the
 * cases that decide the conventions: several purchases on one UTC day (at
 * midnight and at the day's last millisecond too), amounts of 0, one-purchase
 * customers, customers first seen after the calibration end (in the holdout
 * or after it), purchases exactly at the first and the last instant of the
 * calibration end day and of the day after it, at the last instant of the
 * holdout end day and just after it, and customers whose only repeat
 * purchases are in the holdout.
 */
function generateTransactions(seed: number): GeneratedTransactions {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const stats: Record<string, number> = {
    sameDay: 0,
    zeroAmount: 0,
    onePurchase: 0,
    firstAfterCalibration: 0,
    atCalibrationEndMidnight: 0,
    atCalibrationEndLastMs: 0,
    atHoldoutStart: 0,
    atHoldoutEndLastMs: 0,
    afterHoldout: 0,
    holdoutOnlyRepeats: 0,
  };
  const bump = (name: string) => {
    stats[name] = (stats[name] as number) + 1;
  };
  const start = Date.UTC(2024, 0, 1);
  const calibrationEnd = Date.UTC(2025, 5, 30);
  const holdoutStart = calibrationEnd + DAY;
  const holdoutEnd = Date.UTC(2025, 11, 31);
  const end = Date.UTC(2026, 2, 31);
  const transactions: Transaction[] = [];
  const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const amount = (): string => {
    if (random() < 0.08) {
      bump('zeroAmount');
      return '0.00';
    }
    return money(1 + int(30_000));
  };
  const buy = (customerId: number, at: number) => {
    transactions.push({ customerId, at, amount: amount() });
    const r = random();
    if (r < 0.12) {
      // Another purchase on the same UTC day: its midnight, its last millisecond, or any time.
      bump('sameDay');
      const day = Math.floor(at / DAY) * DAY;
      const other = r < 0.03 ? day : r < 0.06 ? day + DAY - 1 : day + int(DAY);
      transactions.push({ customerId, at: other, amount: amount() });
    }
  };
  for (let id = 1; id <= 20_000; id++) {
    const kind = random();
    let at: number;
    if (kind < 0.06) {
      bump('firstAfterCalibration');
      at = holdoutStart + int(end - holdoutStart);
    } else {
      at = start + int(calibrationEnd + DAY - start);
    }
    buy(id, at);
    if (kind >= 0.06 && kind < 0.25) {
      bump('onePurchase');
    } else if (kind >= 0.25 && kind < 0.3) {
      // One purchase in calibration, the repeats in the holdout only.
      bump('holdoutOnlyRepeats');
      for (let k = 0; k < 1 + int(3); k++) buy(id, holdoutStart + int(holdoutEnd + DAY - holdoutStart));
    } else if (kind >= 0.3) {
      for (;;) {
        at += Math.floor(-Math.log(1 - random()) * 40 * DAY);
        if (at >= end) break;
        buy(id, at);
      }
    }
    if (kind >= 0.06) {
      const edge = random();
      if (edge < 0.03) {
        bump('atCalibrationEndMidnight');
        buy(id, calibrationEnd);
      } else if (edge < 0.06) {
        bump('atCalibrationEndLastMs');
        buy(id, holdoutStart - 1);
      } else if (edge < 0.09) {
        bump('atHoldoutStart');
        buy(id, holdoutStart);
      } else if (edge < 0.12) {
        bump('atHoldoutEndLastMs');
        buy(id, holdoutEnd + DAY - 1);
      } else if (edge < 0.15) {
        bump('afterHoldout');
        buy(id, holdoutEnd + DAY);
      }
    }
  }
  return { transactions, stats };
}

// ---------------------------------------------------------------------------
// Hand-counted

// Calibration to 2026-03-31 (included), holdout to 2026-04-30 (included), in weeks.
export const handTransactions: Transaction[] = [
  // amy: days Jan 6 (10 + 5), Jan 20 (20 + 0), Mar 3 (40). x = 2; t_x = 56 days = 8 weeks;
  // T = Jan 6 to Mar 31 = 84 days = 12 weeks; monetary = (20 + 40) / 2 = 30; no holdout purchases.
  { customerId: 'amy', at: '2026-01-06T10:00:00', amount: '10.00' },
  { customerId: 'amy', at: '2026-01-06T18:30:00', amount: '5.00' },
  { customerId: 'amy', at: '2026-01-20', amount: '20.00' },
  { customerId: 'amy', at: '2026-01-20T23:59:59.999', amount: '0.00' },
  { customerId: 'amy', at: '2026-03-03', amount: '40.00' },
  // bob, hal: one purchase on Feb 3. x = 0, t_x = 0, T = 56 days = 8 weeks, monetary 0.
  { customerId: 'bob', at: '2026-02-03', amount: '12.50' },
  { customerId: 'hal', at: '2026-02-03T07:00:00', amount: '99.00' },
  // cat: Mar 10 (8), Mar 31 at its first instant (4) and its last (6): one day, in calibration.
  // x = 1, t_x = T = 21 days = 3 weeks, monetary = 4 + 6 = 10. Holdout: Apr 1 at midnight (9) and
  // Apr 30 at its last millisecond (1): 2 purchases, 10.00; May 1 at midnight is after the holdout.
  { customerId: 'cat', at: '2026-03-10', amount: '8.00' },
  { customerId: 'cat', at: '2026-03-31T00:00:00', amount: '4.00' },
  { customerId: 'cat', at: '2026-03-31T23:59:59.999', amount: '6.00' },
  { customerId: 'cat', at: '2026-04-01T00:00:00', amount: '9.00' },
  { customerId: 'cat', at: '2026-04-30T23:59:59.999', amount: '1.00' },
  { customerId: 'cat', at: '2026-05-01T00:00:00', amount: '100.00' },
  // dan: first seen Apr 2, after the calibration end: left out.
  { customerId: 'dan', at: '2026-04-02', amount: '5.00' },
  { customerId: 'dan', at: '2026-04-10', amount: '5.00' },
  // eve: Jan 13 and Feb 10, both 0. x = 1, t_x = 28 days = 4 weeks, T = 77 days = 11 weeks, monetary 0.
  // Holdout: Apr 14 twice (7.25 + 2.75): 1 purchase, 10.00.
  { customerId: 'eve', at: '2026-01-13', amount: '0.00' },
  { customerId: 'eve', at: '2026-02-10', amount: '0.00' },
  { customerId: 'eve', at: '2026-04-14T09:00:00', amount: '7.25' },
  { customerId: 'eve', at: '2026-04-14T17:00:00', amount: '2.75' },
  // fox: first seen on the calibration end day itself: x = 0, t_x = 0, T = 0. Holdout: Apr 7, 1 purchase, 3.00.
  { customerId: 'fox', at: '2026-03-31T12:00:00', amount: '3.00' },
  { customerId: 'fox', at: '2026-04-07', amount: '3.00' },
  // gil: first seen after the holdout end too: left out.
  { customerId: 'gil', at: '2026-05-15', amount: '1.00' },
];
const handOptions: RfmSummaryOptions = { calibrationEnd: '2026-03-31', holdoutEnd: '2026-04-30', timeUnit: 'week' };
const handExpected: RfmRow[] = [
  { customerId: 'amy', frequency: 2, recency: 8, age: 12, monetaryValue: 30, holdoutPurchases: 0, holdoutSpend: 0 },
  { customerId: 'bob', frequency: 0, recency: 0, age: 8, monetaryValue: 0, holdoutPurchases: 0, holdoutSpend: 0 },
  { customerId: 'cat', frequency: 1, recency: 3, age: 3, monetaryValue: 10, holdoutPurchases: 2, holdoutSpend: 10 },
  { customerId: 'eve', frequency: 1, recency: 4, age: 11, monetaryValue: 0, holdoutPurchases: 1, holdoutSpend: 10 },
  { customerId: 'fox', frequency: 0, recency: 0, age: 0, monetaryValue: 0, holdoutPurchases: 1, holdoutSpend: 3 },
  { customerId: 'hal', frequency: 0, recency: 0, age: 8, monetaryValue: 0, holdoutPurchases: 0, holdoutSpend: 0 },
];
// Grouped: (0, 0, 0) fox; (0, 0, 8) bob and hal; (1, 3, 3) cat; (1, 4, 11) eve; (2, 8, 12) amy.
const handGrouped: GroupRow[] = [
  { frequency: 0, recency: 0, age: 0, customers: 1 },
  { frequency: 0, recency: 0, age: 8, customers: 2 },
  { frequency: 1, recency: 3, age: 3, customers: 1 },
  { frequency: 1, recency: 4, age: 11, customers: 1 },
  { frequency: 2, recency: 8, age: 12, customers: 1 },
];

// ---------------------------------------------------------------------------
// Comparing

interface RfmRow {
  customerId: string;
  frequency: number;
  recency: number;
  age: number;
  monetaryValue: number;
  holdoutPurchases: number | null;
  holdoutSpend: number | null;
}

interface GroupRow {
  frequency: number;
  recency: number;
  age: number;
  customers: number;
}

const numberOrNull = (value: string | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The recipe's rows, from its columns (customer_id, frequency, recency, age, monetary_value, holdout_...). */
function rowsOfSql(columns: Array<Array<string | null>>): RfmRow[] {
  const [ids = [], x = [], tx = [], T = [], m = [], hp = [], hs = []] = columns;
  expect(columns).toHaveLength(7);
  return ids.map((id, i) => ({
    customerId: String(id),
    frequency: Number(x[i]),
    recency: Number(tx[i]),
    age: Number(T[i]),
    monetaryValue: Number(m[i]),
    holdoutPurchases: numberOrNull(hp[i]),
    holdoutSpend: numberOrNull(hs[i]),
  }));
}

function rowsOfLibrary(customers: readonly RfmCustomer[]): RfmRow[] {
  return customers.map((c) => ({
    customerId: String(c.customerId),
    frequency: c.frequency,
    recency: c.recency,
    age: c.age,
    monetaryValue: c.monetaryValue,
    holdoutPurchases: c.holdoutPurchases ?? null,
    holdoutSpend: c.holdoutSpend ?? null,
  }));
}

/** The library's rows in the recipe's order: by customer id, as numbers when the ids are numbers. */
function byId(rows: RfmRow[], numeric: boolean): RfmRow[] {
  return [...rows].sort((a, b) =>
    numeric ? Number(a.customerId) - Number(b.customerId) : a.customerId < b.customerId ? -1 : 1,
  );
}

/** Whether two floating-point results agree to 1e-12 relative (both 0 exactly, when one is). */
const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));

/** Every disagreement between the two sides, field by field; an empty list when they agree. */
function differences(sql: RfmRow[], library: RfmRow[]): string[] {
  const out: string[] = [];
  if (sql.length !== library.length) out.push(`${sql.length} rows from SQL, ${library.length} from the library`);
  const n = Math.min(sql.length, library.length);
  for (let i = 0; i < n && out.length < 20; i++) {
    const s = sql[i] as RfmRow;
    const l = library[i] as RfmRow;
    const exact = ['customerId', 'frequency', 'holdoutPurchases'] as const;
    const approximate = ['recency', 'age', 'monetaryValue', 'holdoutSpend'] as const;
    for (const key of exact) if (s[key] !== l[key]) out.push(`row ${i} ${key}: SQL ${s[key]}, library ${l[key]}`);
    for (const key of approximate) {
      if (!close(s[key], l[key])) out.push(`row ${i} (${l.customerId}) ${key}: SQL ${s[key]}, library ${l[key]}`);
    }
  }
  return out;
}

/** The library's rows grouped by (frequency, recency, age), with the count, in the recipe's order. */
function grouped(rows: readonly RfmRow[]): GroupRow[] {
  const groups = new Map<string, GroupRow>();
  for (const r of rows) {
    const key = `${r.frequency} ${r.recency} ${r.age}`;
    const group = groups.get(key) ?? { frequency: r.frequency, recency: r.recency, age: r.age, customers: 0 };
    group.customers++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.frequency - b.frequency || a.recency - b.recency || a.age - b.age);
}

function groupsOfSql(columns: Array<Array<string | null>>): GroupRow[] {
  const [x = [], tx = [], T = [], n = []] = columns;
  expect(columns).toHaveLength(4);
  return x.map((value, i) => ({
    frequency: Number(value),
    recency: Number(tx[i]),
    age: Number(T[i]),
    customers: Number(n[i]),
  }));
}

function groupDifferences(sql: GroupRow[], library: GroupRow[]): string[] {
  const out: string[] = [];
  if (sql.length !== library.length) out.push(`${sql.length} groups from SQL, ${library.length} from the library`);
  for (let i = 0; i < Math.min(sql.length, library.length) && out.length < 20; i++) {
    const s = sql[i] as GroupRow;
    const l = library[i] as GroupRow;
    if (
      s.frequency !== l.frequency ||
      s.customers !== l.customers ||
      !close(s.recency, l.recency) ||
      !close(s.age, l.age)
    ) {
      out.push(`group ${i}: SQL ${JSON.stringify(s)}, library ${JSON.stringify(l)}`);
    }
  }
  return out;
}

/** The recipes' parameters for the library's options: DATE literals, NULL without a holdout, days per unit. */
function rfmParams(calibrationEnd: string, holdoutEnd: string | undefined, daysPerUnit: number) {
  return {
    calibration_end: `DATE '${calibrationEnd}'`,
    holdout_end: holdoutEnd === undefined ? 'CAST(NULL AS DATE)' : `DATE '${holdoutEnd}'`,
    days_per_unit: String(daysPerUnit),
  };
}

const DAYS: Record<string, number> = { day: 1, week: 7, month: 30.4375, year: 365.25 };
const daysOf = (unit: TimeUnit): number => (typeof unit === 'string' ? (DAYS[unit] as number) : unit.days);

// ---------------------------------------------------------------------------
// The suite

/** rfm-summary.sql and rfm-summary-grouped.sql against rfmSummary, on one engine. */
export function describeRfmRecipes(spec: EngineSpec): void {
  const summaryRecipe = (params: ReturnType<typeof rfmParams>) => recipeText(spec.dialect, 'rfm-summary', params);
  const groupedRecipe = (params: ReturnType<typeof rfmParams>) =>
    recipeText(spec.dialect, 'rfm-summary-grouped', {
      calibration_end: params.calibration_end,
      days_per_unit: params.days_per_unit,
    });

  /** Runs both recipes and checks them against rfmSummary on the same transactions. */
  async function expectSameAsLibrary(
    db: Engine,
    transactions: readonly Transaction[],
    options: RfmSummaryOptions & { calibrationEnd: string; holdoutEnd?: string; timeUnit: TimeUnit },
    numericIds: boolean,
  ): Promise<{ library: RfmRow[]; summary: RfmSummary; groups: GroupRow[] }> {
    const params = rfmParams(options.calibrationEnd, options.holdoutEnd, daysOf(options.timeUnit));
    const summary = rfmSummary(transactions, options);
    const library = byId(rowsOfLibrary(summary.customers), numericIds);
    const sql = rowsOfSql(await db.columns(summaryRecipe(params)));
    expect(differences(sql, library)).toEqual([]);
    const groups = groupsOfSql(await db.columns(groupedRecipe(params)));
    expect(groupDifferences(groups, grouped(library))).toEqual([]);
    expect(groups.length).toBeLessThan(library.length);
    return { library, summary, groups };
  }

  describe.skipIf(spec.skip)(`the ${spec.name} RFM recipes, on the CDNOW purchases`, () => {
    const cdnow = readCdnow();
    let db: Engine;
    beforeAll(async () => {
      expect(cdnow.file.endsWith('CDNOW_master.txt')).toBe(true);
      const table = transactionsTable(cdnow.transactions, 'bigint');
      table.rows = cdnow.transactions.map((t) => [t.customerId, compactDateMs(String(t.at)), String(t.amount)]);
      db = await spec.open([table]);
    });
    afterAll(() => db?.close());

    it('give what rfmSummary gives, calibration to 1997-09-30 and holdout to 1998-06-30, in weeks', async () => {
      const options = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', timeUnit: 'week' as const };
      const { library, summary, groups } = await expectSameAsLibrary(db, cdnow.transactions, options, true);
      // The grouped rows go into the fit as they come out of the database, and fit as the summary does.
      const fromGroups = fitBgNbd(groups);
      const fromSummary = fitBgNbd(summary);
      expect(fromGroups.customers).toBe(fromSummary.customers);
      expect(Math.abs(fromGroups.logLikelihood - fromSummary.logLikelihood)).toBeLessThan(
        1e-9 * Math.abs(fromSummary.logLikelihood),
      );
      for (const name of ['r', 'alpha', 'a', 'b'] as const) {
        expect(Math.abs(fromGroups[name] - fromSummary[name]), name).toBeLessThan(1e-9 * fromSummary[name]);
      }
      // Every customer of the cohort first bought in the first quarter of 1997: none is left out.
      expect(library).toHaveLength(new Set(cdnow.transactions.map((t) => t.customerId)).size);
      expect(library.some((r) => r.frequency === 0 && (r.holdoutPurchases as number) > 0)).toBe(true);
    });

    it('give what rfmSummary gives without a holdout end: holdout columns NULL', async () => {
      const options = { calibrationEnd: '1997-09-30', timeUnit: 'week' as const };
      const { library } = await expectSameAsLibrary(db, cdnow.transactions, options, true);
      expect(library.every((r) => r.holdoutPurchases === null)).toBe(true);
    });
  });

  describe.skipIf(spec.skip)(`the ${spec.name} RFM recipes, on 20,000 generated customers`, () => {
    let data: GeneratedTransactions;
    let db: Engine;
    beforeAll(async () => {
      data = generateTransactions(20_260_530);
      db = await spec.open([transactionsTable(data.transactions, 'bigint')]);
    });
    afterAll(() => db?.close());

    it('hold every awkward case', () => {
      for (const [name, count] of Object.entries(data.stats)) expect(count, name).toBeGreaterThan(100);
    });

    const cases: Array<[string, string, string | undefined, TimeUnit]> = [
      ['in weeks, with a holdout', GEN_CALIBRATION_END, GEN_HOLDOUT_END, 'week'],
      ['in days, without a holdout', GEN_CALIBRATION_END, undefined, 'day'],
      [
        'in months, holdout end on the calibration end (an empty holdout)',
        GEN_CALIBRATION_END,
        GEN_CALIBRATION_END,
        'month',
      ],
      ['in 10-day units, an earlier calibration end', '2025-03-31', GEN_HOLDOUT_END, { days: 10 }],
    ];
    it.each(cases)('give what rfmSummary gives, %s', async (_, calibrationEnd, holdoutEnd, timeUnit) => {
      const options = { calibrationEnd, timeUnit, ...(holdoutEnd === undefined ? {} : { holdoutEnd }) };
      const { library, summary } = await expectSameAsLibrary(db, data.transactions, options, true);
      expect(summary.customersFirstSeenAfterCalibration).toBeGreaterThan(100);
      expect(library.filter((r) => r.frequency === 0).length).toBeGreaterThan(100);
      expect(library.some((r) => r.monetaryValue === 0 && r.frequency > 0)).toBe(true);
    });
  });

  describe.skipIf(spec.skip)(`the ${spec.name} RFM recipes, on a hand-counted case`, () => {
    let db: Engine;
    beforeAll(async () => {
      db = await spec.open([transactionsTable(handTransactions, 'text')]);
    });
    afterAll(() => db?.close());

    it('rfm-summary.sql gives the hand-counted rows, as rfmSummary does', async () => {
      const params = rfmParams('2026-03-31', '2026-04-30', 7);
      const sql = rowsOfSql(await db.columns(summaryRecipe(params)));
      expect(sql).toEqual(handExpected);
      const summary = rfmSummary(handTransactions, handOptions);
      expect(byId(rowsOfLibrary(summary.customers), false)).toEqual(handExpected);
      expect(summary.customersFirstSeenAfterCalibration).toBe(2); // dan, gil
    });

    it('rfm-summary-grouped.sql gives the hand-counted groups', async () => {
      const params = rfmParams('2026-03-31', undefined, 7);
      expect(groupsOfSql(await db.columns(groupedRecipe(params)))).toEqual(handGrouped);
      expect(grouped(handExpected)).toEqual(handGrouped);
    });
  });
}
