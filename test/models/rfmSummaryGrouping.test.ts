/**
 * rfmSummary groups the rows of each customer with a counting sort and
 * sorts each customer's days in a scratch buffer (by insertion up to 48
 * rows, through an index beyond). Seeded logs with customers of 1 to 300
 * rows, in no order, with many purchases on one day, are checked against a
 * summary written here the plain way (a Map of day totals per customer,
 * added in row order), in the row form and in three column forms.
 */
import { describe, expect, it } from 'vitest';
import { rfmSummary } from '../../src/models/nbd/rfmSummary';
import { expectInputError } from '../support/expectInputError';
import { mulberry32 } from './simulate';

const DAY = 86_400_000;
const START = Date.UTC(1997, 0, 1);
const calibrationEnd = '1997-09-30';
const holdoutEnd = '1998-03-31';
const calibrationDay = Date.UTC(1997, 8, 30) / DAY;
const holdoutDay = Date.UTC(1998, 2, 31) / DAY;

interface Row {
  customerId: string | number;
  at: number;
  amount: number;
}

function log(seed: number): Row[] {
  const random = mulberry32(seed);
  const rows: Row[] = [];
  for (let c = 0; c < 120; c++) {
    // Mostly a few rows; every tenth customer has 49 to 300, past the insertion-sort limit.
    const count = c % 10 === 0 ? 49 + Math.floor(random() * 252) : 1 + Math.floor(random() * 12);
    // Few distinct days, so that many rows share one; some customers start after the calibration.
    const span = 1 + Math.floor(random() * 400);
    const first = Math.floor(random() * 500);
    for (let k = 0; k < count; k++) {
      const day = first + Math.floor(random() * span);
      const ms = START + day * DAY + Math.floor(random() * DAY);
      rows.push({ customerId: c % 3 === 0 ? `c${c}` : c, at: ms, amount: Math.round(random() * 10_000) / 100 });
    }
  }
  // Shuffle (Fisher-Yates), so that a customer's rows are scattered and out of time order.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j] as Row, rows[i] as Row];
  }
  return rows;
}

/** The summary, the plain way: per customer (in order of first appearance) a Map of day totals in row order. */
function plainSummary(rows: Row[], unit: number) {
  const byCustomer = new Map<string | number, Map<number, number>>();
  for (const row of rows) {
    const days = byCustomer.get(row.customerId) ?? new Map<number, number>();
    byCustomer.set(row.customerId, days);
    const day = Math.floor(row.at / DAY);
    days.set(day, (days.get(day) ?? 0) + row.amount);
  }
  const customers = [];
  let after = 0;
  for (const [customerId, days] of byCustomer) {
    const ordered = [...days.keys()].sort((a, b) => a - b);
    const first = ordered[0] as number;
    if (first > calibrationDay) {
      after++;
      continue;
    }
    const inCalibration = ordered.filter((d) => d <= calibrationDay);
    const inHoldout = ordered.filter((d) => d > calibrationDay && d <= holdoutDay);
    const frequency = inCalibration.length - 1;
    let repeat = 0;
    for (const d of inCalibration.slice(1)) repeat += days.get(d) as number;
    let holdoutSpend = 0;
    for (const d of inHoldout) holdoutSpend += days.get(d) as number;
    customers.push({
      customerId,
      frequency,
      recency: ((inCalibration.at(-1) as number) - first) / unit,
      age: (calibrationDay - first) / unit,
      monetaryValue: frequency > 0 ? repeat / frequency : 0,
      holdoutPurchases: inHoldout.length,
      holdoutSpend,
    });
  }
  return { customers, after };
}

describe('rfmSummary groups scattered rows by customer and day', () => {
  for (const seed of [1, 2, 3]) {
    it(`gives the plain summary for a shuffled log (seed ${seed}), as rows and as columns`, () => {
      const rows = log(seed);
      const options = { calibrationEnd, holdoutEnd, timeUnit: 'week' as const };
      const { customers, after } = plainSummary(rows, 7);
      expect(customers.length).toBeGreaterThan(40);
      expect(after).toBeGreaterThan(20);
      expect(customers.some((c) => c.frequency > 48)).toBe(true);
      const fromRows = rfmSummary(rows, options);
      expect(fromRows.customers).toEqual(customers);
      expect(fromRows.customersFirstSeenAfterCalibration).toBe(after);
      const columnForms = [
        // Typed columns, read again in place.
        {
          customerId: rows.map((r) => r.customerId),
          at: Float64Array.from(rows, (r) => r.at),
          amount: Float64Array.from(rows, (r) => r.amount),
        },
        // ISO strings and decimal strings, kept as read.
        {
          customerId: rows.map((r) => r.customerId),
          at: rows.map((r) => new Date(r.at).toISOString()),
          amount: rows.map((r) => String(r.amount)),
        },
        // Dates, and plain arrays of numbers.
        {
          customerId: rows.map((r) => r.customerId),
          at: rows.map((r) => new Date(r.at)),
          amount: rows.map((r) => r.amount),
        },
      ];
      for (const columns of columnForms) expect(rfmSummary(columns, options)).toEqual(fromRows);
    });
  }

  it('adds one day of many rows in row order, past the insertion-sort limit too', () => {
    // The day's rows come as 0.3, 0.2, 0.1 (the list is reversed): added in that order they make 0.6,
    // while 0.1 + 0.2 + 0.3 is 0.6000000000000001, so a sort that moved them would show.
    for (const extra of [0, 60]) {
      const rows: Row[] = [{ customerId: 'a', at: START, amount: 5 }];
      for (let k = 0; k < extra; k++) rows.push({ customerId: 'a', at: START + (2 + k) * DAY, amount: 1 });
      for (const amount of [0.1, 0.2, 0.3]) rows.push({ customerId: 'a', at: START + DAY + 1000, amount });
      rows.reverse();
      const summary = rfmSummary(rows, { calibrationEnd });
      expect(0.3 + 0.2 + 0.1).not.toBe(0.1 + 0.2 + 0.3);
      // Repeat days in time order: the day of three rows, then the later days of 1 each.
      let repeat = 0.3 + 0.2 + 0.1;
      for (let k = 0; k < extra; k++) repeat += 1;
      expect(summary.customers[0]?.monetaryValue).toBe(repeat / (extra + 1));
    }
  });

  it('keeps the row order of one day when its rows are interleaved with a later day', () => {
    // Day 1's rows are 0.1, 0.2, 0.3 in row order, with a day-2 row between them: 0.6000000000000001.
    const rows: Row[] = [
      { customerId: 'a', at: START, amount: 5 },
      { customerId: 'a', at: START + DAY, amount: 0.1 },
      { customerId: 'a', at: START + 2 * DAY, amount: 0 },
      { customerId: 'a', at: START + DAY + 1, amount: 0.2 },
      { customerId: 'a', at: START + DAY + 2, amount: 0.3 },
    ];
    const summary = rfmSummary(rows, { calibrationEnd });
    expect(summary.customers[0]?.monetaryValue).toBe((0.1 + 0.2 + 0.3) / 2);
    expect(summary.customers[0]?.monetaryValue).not.toBe((0.3 + 0.2 + 0.1) / 2);
  });

  it("refuses a day's amounts that add up beyond the largest number, naming the row that passed it", () => {
    const at = [START, START + DAY, START + DAY + 5, START + DAY + 9];
    const amount = [1, 1e308, 1e308, 1];
    expectInputError(
      () => rfmSummary({ customerId: ['a', 'a', 'a', 'a'], at, amount }, { calibrationEnd }),
      /^rfmSummary: transactions\.amount\[2\] of customer "a" add up beyond the largest number/,
    );
    const rows = at.map((ms, i) => ({ customerId: 'a', at: ms, amount: amount[i] as number }));
    expectInputError(
      () => rfmSummary(rows, { calibrationEnd }),
      /^rfmSummary: transactions\[2\]\.amount of customer "a" add up beyond the largest number/,
    );
  });
});
