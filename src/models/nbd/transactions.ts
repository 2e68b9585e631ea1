import * as z from 'zod/mini';
import { readUtcDay } from '../../internal/calendar';
import { CellCursor, cellAt, readColumns } from '../../internal/columns';
import { describeValue, readDecimal } from '../../internal/numeric';
import { ownKeys, readFailure } from '../../internal/read';
import { CustomerIndex, isRow, RowCursor, readId, readRows, slipNote } from '../../internal/rows';
import { fail } from '../../internal/schema';

/** The columns of a transaction row, in the order the error notes list them. */
export const TRANSACTION_COLUMNS = ['customerId', 'at', 'amount'] as const;

/** One customer's purchase occasions: the amount spent on each UTC purchase day. */
export interface CustomerDays {
  /** The customer's id, as given. */
  id: string | number;
  /** Amount per purchase day (several purchases on one day are one occasion, their amounts added). */
  days: Map<number, number>;
}

/** A purchase log read and checked: the customers in order of first appearance, with their purchase days. */
export interface TransactionLog {
  /** One entry per customer, in order of first appearance in the log. */
  customers: CustomerDays[];
  /** Whether any row had an amount. */
  anyAmount: boolean;
  /** The rows as read (the first names the columns when no amount is found). */
  list: readonly unknown[];
  /** The number of rows. */
  length: number;
}

/** The schema field of a purchase log: any array (each row is checked by {@link readTransactions}, which names it). */
export function transactionsField() {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): unknown[] => {
      if (Array.isArray(value)) return value;
      ctx.issues.push({
        code: 'custom',
        message: `must be an array of { customerId, at, amount }, got ${describeValue(value)}`,
        input: value,
      });
      return [];
    }),
  );
}

const overflow = (id: string | number) =>
  `of customer ${describeValue(id)} add up beyond the largest number (about 1.8e308): give amounts in a larger currency unit`;

/** The message of a customer's amounts that add up beyond the largest number. */
export const amountOverflow = overflow;

/**
 * Reads a purchase log row by row into each customer's purchase days: UTC
 * calendar days, several purchases on one day one occasion with their
 * amounts added. Every row is checked, and a bad one refused with its index
 * and field named (`transactions[3].at`). Cost: O(rows), a Map entry per
 * customer-day.
 */
export function readTransactions(functionName: string, transactions: unknown): TransactionLog {
  const fn = functionName;
  const customerIndex = new CustomerIndex((i) => `transactions[${i}].customerId`);
  const customers: CustomerDays[] = [];
  const { list, length } = readRows(fn, transactions, 'transactions', '{ customerId, at, amount }');
  const cursor = new RowCursor(fn, 'transactions');
  let anyAmount = false;
  try {
    for (let i = 0; i < length; i++) {
      cursor.row = i;
      cursor.cell = '';
      const row = list[i];
      if (!isRow(row))
        fail(fn, `transactions[${i}]`, `must be an object { customerId, at, amount }, got ${describeValue(row)}`);
      cursor.cell = 'customerId';
      const rawId = row.customerId;
      cursor.cell = 'at';
      const at = row.at;
      cursor.cell = 'amount';
      const rawAmount = row.amount;
      cursor.cell = '';
      const note = () => slipNote(TRANSACTION_COLUMNS, [rawId, at, rawAmount]);
      const id = readId(fn, rawId, `transactions[${i}].customerId`, note);
      const day = readUtcDay(at);
      if (typeof day === 'string') fail(fn, `transactions[${i}].at`, `${day}${note()}`);
      let amount = 0;
      if (rawAmount !== undefined) {
        anyAmount = true;
        const read = readSpend(rawAmount);
        if (typeof read === 'string') fail(fn, `transactions[${i}].amount`, `${read}${note()}`);
        amount = read;
      }
      if (!addPurchase(customers, customerIndex.of(fn, id, i), id, day, amount))
        fail(fn, `transactions[${i}].amount`, overflow(id));
    }
  } catch (error) {
    throw cursor.failure(error);
  }
  return { customers, anyAmount, list, length };
}

/**
 * Adds a purchase of `amount` on `day` to customer `c` (made at its first
 * purchase), for the row and the column readers alike; false when the day's
 * total overflows to Infinity.
 */
function addPurchase(customers: CustomerDays[], c: number, id: string | number, day: number, amount: number): boolean {
  let customer = customers[c];
  if (customer === undefined) {
    customer = { id, days: new Map() };
    customers[c] = customer;
  }
  const total = (customer.days.get(day) ?? 0) + amount;
  if (total === Number.POSITIVE_INFINITY) return false;
  customer.days.set(day, total);
  return true;
}

/** One amount: a finite number, 0 or more, or the reason it is not. */
function readSpend(raw: unknown): number | string {
  let amount: number;
  if (typeof raw === 'number') amount = raw;
  else {
    const parsed = readDecimal(raw);
    if (typeof parsed === 'string') return parsed;
    amount = parsed.toNumber();
  }
  if (!(amount >= 0) || !Number.isFinite(amount))
    return `must be a finite amount, 0 or more (net returns off before summarising), got ${describeValue(raw)}`;
  return amount;
}

/** A purchase log read from columns: as {@link TransactionLog}, with the table's other column names in place of its rows. */
export interface TransactionColumnLog {
  /** One entry per customer, in order of first appearance in the log. */
  customers: CustomerDays[];
  /** Whether any cell of the amount column held an amount. */
  anyAmount: boolean;
  /** The number of rows. */
  length: number;
  /** The names of the table's columns other than customerId, at and amount (none when they cannot be listed). */
  otherColumns: string[];
}

/**
 * Reads a purchase log given as columns `{ customerId, at, amount? }` (each
 * an array, a typed array or an Arrow vector; an Arrow table too) with the
 * rules of {@link readTransactions}; errors name the column and the cell
 * (`transactions.amount[3]`). A cell of `amount` that is undefined is a
 * transaction without an amount, as a row without one.
 */
export function readTransactionColumns(functionName: string, table: object): TransactionColumnLog {
  const fn = functionName;
  const { length: n, columns } = readColumns(fn, table, 'transactions', ['customerId', 'at'], ['amount']);
  const ids = columns.get('customerId') as ArrayLike<unknown>;
  const ats = columns.get('at') as ArrayLike<unknown>;
  const amounts = columns.get('amount');
  const customerIndex = new CustomerIndex((i) => `transactions.customerId[${i}]`);
  customerIndex.preferTableFor(ids, n);
  const customers: CustomerDays[] = [];
  let anyAmount = false;
  const cell = new CellCursor('transactions');
  try {
    for (let i = 0; i < n; i++) {
      cell.row = i;
      cell.column = 'customerId';
      const id = readId(fn, cellAt(fn, ids, i, cell.path), cell.path);
      cell.column = 'at';
      const day = readUtcDay(cellAt(fn, ats, i, cell.path));
      if (typeof day === 'string') fail(fn, cell.path(), day);
      let amount = 0;
      cell.column = 'amount';
      const rawAmount = amounts === undefined ? undefined : cellAt(fn, amounts, i, cell.path);
      if (rawAmount !== undefined) {
        anyAmount = true;
        const read = readSpend(rawAmount);
        if (typeof read === 'string') fail(fn, cell.path(), read);
        amount = read;
      }
      if (!addPurchase(customers, customerIndex.of(fn, id, i), id, day, amount)) fail(fn, cell.path(), overflow(id));
    }
  } catch (error) {
    throw readFailure(fn, cell.path(), error);
  }
  return { customers, anyAmount, length: n, otherColumns: otherColumns(table) };
}

/** A table's column names other than a transaction's: an Arrow table's from its schema, else its own keys. */
function otherColumns(table: object): string[] {
  let names: unknown[] = [];
  try {
    if (typeof (table as { getChild?: unknown }).getChild === 'function') {
      const fields = (table as { schema?: { fields?: unknown } }).schema?.fields;
      if (Array.isArray(fields)) names = fields.map((f) => (f as { name?: unknown } | null)?.name);
    } else {
      const keys = ownKeys(table);
      if (Array.isArray(keys)) names = keys;
    }
  } catch {
    // The columns were read already; a table whose names cannot be listed names none.
  }
  return names.filter(
    (k): k is string => typeof k === 'string' && !(TRANSACTION_COLUMNS as readonly string[]).includes(k),
  );
}

/**
 * A customer's purchase occasions in time order: its distinct purchase days,
 * ascending. The first is its first purchase (its "birth"), which is not a
 * repeat; every later one is one repeat purchase.
 */
export function occasionDays(customer: CustomerDays): number[] {
  return [...customer.days.keys()].sort((a, b) => a - b);
}
