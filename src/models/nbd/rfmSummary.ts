import * as z from 'zod/mini';
import type { Column, ColumnTable } from '../../data/columns';
import { type DateInput, dayField } from '../../internal/calendar';
import { isColumnTable } from '../../internal/columns';
import { describeValue } from '../../internal/numeric';
import { ownKeys } from '../../internal/read';
import { isRow } from '../../internal/rows';
import { fail, type MetricSchema, objectSchema, optionsWith, parseInput, report } from '../../internal/schema';
import { timeUnitField } from '../internal/units';
import { markWithoutAmounts } from './amounts';
import {
  amountOverflow,
  forEachCustomer,
  readTransactionColumns,
  readTransactions,
  TRANSACTION_COLUMNS,
} from './transactions';

/**
 * One purchase: who, when, and optionally how much.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface Transaction {
  /** The customer, as a string or a number. */
  customerId: string | number;
  /** When: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  at: DateInput;
  /** Amount spent, 0 or more; needed for monetary values and spend models. */
  amount?: number | string;
}

/**
 * Transactions as columns, one cell per purchase: the form a DuckDB or
 * Arrow query result, or a CSV read column by column, already has.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface TransactionColumns {
  /** Each purchase's customer: strings or numbers (an array, or a typed array of numeric ids). */
  customerId: Column<string | number>;
  /** When: epoch milliseconds (UTC) in a `Float64Array` or an array, ISO 8601 strings, or Dates. */
  at: Column<DateInput>;
  /** Amount spent, 0 or more: numbers (a `Float64Array`) or decimal strings; leave the column out when there are none. */
  amount?: Column<number | string | undefined>;
}

/**
 * The length of the time unit recency, age and horizons are measured in.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export type TimeUnit = 'day' | 'week' | 'month' | 'year' | CustomUnit;

/**
 * A time unit of any length.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface CustomUnit {
  /** Days per unit: finite and at least one millisecond (1 / 86,400,000), so that ages stay finite. */
  days: number;
}

/**
 * Options of {@link rfmSummary}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface RfmSummaryOptions {
  /** Last day of the calibration period, included. */
  calibrationEnd: DateInput;
  /** Last day of the holdout period, included; when given, holdout purchases and spend are counted. */
  holdoutEnd?: DateInput;
  /** Unit of recency and age: 'day', 'week' (7 days), 'month' (30.4375 days), 'year' (365.25 days) or { days }. Default 'week'. */
  timeUnit?: TimeUnit;
}

/**
 * One customer's recency-frequency-monetary summary.
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface RfmCustomer {
  /** The customer's id, as given. */
  customerId: string | number;
  /** Repeat purchase occasions in calibration (x): distinct purchase days minus one. */
  frequency: number;
  /** Time from the first to the last purchase day (t_x), in time units. */
  recency: number;
  /** Time from the first purchase day to the calibration end (T), in time units. */
  age: number;
  /** Mean amount of the repeat purchase days (first day excluded); 0 when frequency is 0. */
  monetaryValue: number;
  /** Purchase days after the calibration end, up to the holdout end (when a holdout end is given). */
  holdoutPurchases?: number;
  /** Amount spent in the holdout period (when a holdout end is given). */
  holdoutSpend?: number;
}

/**
 * Result of {@link rfmSummary}.
 *
 * @expand
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface RfmSummary {
  /** One row per customer first seen by the calibration end, in order of first appearance. */
  customers: RfmCustomer[];
  /** Days per time unit. */
  unitDays: number;
  /** Customers whose first purchase is after the calibration end: left out, and counted here. */
  customersFirstSeenAfterCalibration: number;
  /** Length of the holdout period in time units (when a holdout end is given): the horizon to compare with. */
  holdoutLength?: number;
}

const schema = /* @__PURE__ */ buildSchema();

/**
 * The zod schema {@link rfmSummary} validates its arguments with, as
 * `{ transactions, ...options }`; each transaction row is checked by the
 * function itself, which names the row.
 *
 * @category Input schemas (zod)
 */
export const rfmSummarySchema: MetricSchema = schema;

function buildSchema() {
  return objectSchema(
    {
      transactions: transactionsOrColumns(),
      calibrationEnd: dayField(),
      holdoutEnd: z.optional(dayField()),
      timeUnit: timeUnitField(7),
    },
    (v, ctx) => {
      if (v.holdoutEnd !== undefined && v.holdoutEnd < v.calibrationEnd) {
        report(ctx, 'holdoutEnd', 'must not be before calibrationEnd');
      }
    },
  );
}

/** The schema field of a purchase log: an array of rows or a table of columns, each read by the function itself. */
function transactionsOrColumns() {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): unknown => {
      if (Array.isArray(value) || isColumnTable(value)) return value;
      ctx.issues.push({
        code: 'custom',
        message: `must be an array of { customerId, at, amount } or a table of columns { customerId, at, amount? }, got ${describeValue(value)}`,
        input: value,
      });
      return [];
    }),
  );
}

/**
 * Summarises a purchase log into recency, frequency and monetary value per
 * customer: the input of the BG/NBD, Pareto/NBD and Gamma-Gamma models.
 *
 * @remarks
 * Conventions (those of the models' literature and of the CDNOW summary):
 * - days are UTC calendar days; several purchases on one day are one
 *   purchase occasion, their amounts added;
 * - frequency (x) counts repeat occasions: distinct purchase days minus one
 *   (the first purchase is not a repeat);
 * - recency (t_x) is from the first to the last purchase day, age (T) from the
 *   first purchase day to the calibration end, both divided by the unit;
 * - monetary value is the mean amount of the repeat days, 0 without repeats;
 * - purchases after the calibration end count only in the holdout columns;
 *   customers whose first purchase is after it are left out and counted.
 * An amount of 0 is a purchase occasion worth 0; a negative amount is an
 * input error (net returns off before summarising).
 *
 * Cost: O(n) for n transactions, plus a Map entry per customer-day.
 *
 * @param transactions - the purchase log, in any order: rows, or columns
 *   ({@link TransactionColumns}: `{ customerId: [...], at: Float64Array,
 *   amount?: Float64Array }`, an Arrow table too), which give the same summary.
 * @param options - calibration end, optional holdout end, and the time unit.
 * @returns a row per customer, the unit and the count of customers left out.
 * @throws {@link MetricInputError} naming the row index and field (or the
 *   column and cell, `transactions.amount[3]`) for a missing id, an
 *   unparseable date, or a negative or non-numeric amount.
 *
 * @example
 * ```ts
 * import { rfmSummary } from 'retention-metrics';
 *
 * const summary = rfmSummary(
 *   [
 *     { customerId: 'a', at: '1997-01-01', amount: 29.33 },
 *     { customerId: 'a', at: '1997-01-18', amount: 29.73 },
 *     { customerId: 'a', at: '1997-08-02', amount: 14.96 },
 *   ],
 *   { calibrationEnd: '1997-09-30' },
 * );
 * summary.customers[0]?.frequency;
 * //=> 2
 * summary.customers[0]?.recency.toFixed(2);
 * //=> '30.43'
 * ```
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export function rfmSummary(
  transactions: readonly Transaction[] | TransactionColumns | ColumnTable,
  options: RfmSummaryOptions,
): RfmSummary {
  const fn = 'rfmSummary';
  const v = parseInput(fn, schema, optionsWith(fn, options, { transactions }, 'an object with calibrationEnd'));
  const { calibrationEnd, holdoutEnd } = v;
  const unit = v.timeUnit;
  const table = isColumnTable(v.transactions);
  const log = table
    ? readTransactionColumns(fn, v.transactions as object)
    : readTransactions(fn, v.transactions as readonly unknown[]);
  const { ids, anyAmount, length } = log;
  const customers: RfmCustomer[] = [];
  let after = 0;
  forEachCustomer(fn, log, (c, count, days, spent) => {
    const first = days[0] as number;
    if (first > calibrationEnd) {
      after++;
      return;
    }
    let last = first;
    let occasions = 0;
    let repeatSpend = 0;
    let holdoutPurchases = 0;
    let holdoutSpend = 0;
    for (let j = 0; j < count; j++) {
      const day = days[j] as number;
      if (day <= calibrationEnd) {
        occasions++;
        last = day;
        if (j > 0) repeatSpend += spent[j] as number;
      } else if (holdoutEnd !== undefined && day <= holdoutEnd) {
        holdoutPurchases++;
        holdoutSpend += spent[j] as number;
      }
    }
    const id = ids[c] as string | number;
    const frequency = occasions - 1;
    if (repeatSpend === Number.POSITIVE_INFINITY || holdoutSpend === Number.POSITIVE_INFINITY) {
      fail(fn, 'transactions', amountOverflow(id));
    }
    const row: RfmCustomer = {
      customerId: id,
      frequency,
      recency: (last - first) / unit,
      age: (calibrationEnd - first) / unit,
      monetaryValue: frequency > 0 ? repeatSpend / frequency : 0,
    };
    if (holdoutEnd !== undefined) {
      row.holdoutPurchases = holdoutPurchases;
      row.holdoutSpend = holdoutSpend;
    }
    customers.push(row);
  });
  const summary: RfmSummary = { customers, unitDays: unit, customersFirstSeenAfterCalibration: after };
  if (holdoutEnd !== undefined) summary.holdoutLength = (holdoutEnd - calibrationEnd) / unit;
  if (!anyAmount && length > 0) {
    const others = 'otherColumns' in log ? log.otherColumns : rowColumns(log.list[0]);
    markWithoutAmounts(summary, customers, noAmountReason(others));
  }
  return summary;
}

/** The first row's columns other than a transaction's. */
function rowColumns(first: unknown): string[] {
  let others: string[] = [];
  try {
    const keys = isRow(first) ? ownKeys(first) : [];
    if (Array.isArray(keys)) others = keys.filter((k) => !(TRANSACTION_COLUMNS as readonly string[]).includes(k));
  } catch {
    // The rows were read already; a row that cannot be listed names no column.
  }
  return others;
}

/** Why a summary has no spend: no transaction had an amount, and the other columns, which may be it misspelt. */
function noAmountReason(others: readonly string[]): string {
  const columns = others.map((k) => `'${k}'`).join(', ');
  return `no transaction given to rfmSummary had an amount, so the summary has no spend${
    others.length > 0 ? ` (the transactions have ${columns}: if that is the amount, name it amount)` : ''
  }`;
}
