import * as z from 'zod/mini';
import { DAY_MS, readUtcDay } from '../../internal/calendar';
import { CellCursor, cellAt, readColumns } from '../../internal/columns';
import { describeValue, readDecimal } from '../../internal/numeric';
import { ownKeys, readFailure } from '../../internal/read';
import { CustomerIndex, customerRuns, isRow, RowCursor, readId, readRows, slipNote } from '../../internal/rows';
import { fail } from '../../internal/schema';

/** The columns of a transaction row, in the order the error notes list them. */
export const TRANSACTION_COLUMNS = ['customerId', 'at', 'amount'] as const;

/**
 * A purchase log read and checked, row by row: each row's customer (an
 * index into `ids`), and where its day and amount are read again when the
 * customers are walked ({@link forEachCustomer}). Nothing is made per
 * customer-day: the rows are grouped by customer with one counting sort.
 */
export interface TransactionLog {
  /** Each customer's id, in order of first appearance in the log. */
  ids: (string | number)[];
  /** Row i's customer: an index into `ids`. */
  owner: Int32Array;
  /** Row i's UTC day, or (with `daysInMs`) its epoch milliseconds, already checked. */
  days: ArrayLike<number>;
  /** Whether `days` holds epoch milliseconds (a typed `at` column read in place) rather than day numbers. */
  daysInMs: boolean;
  /** Row i's amount (0 for none), already checked; undefined when no row has one. */
  amounts: ArrayLike<number> | undefined;
  /** Whether any row had an amount. */
  anyAmount: boolean;
  /** The number of rows. */
  length: number;
  /** The path of row i's amount, for the message when a customer's amounts overflow. */
  amountPath: (row: number) => string;
}

/** A purchase log read from rows: the rows as read (the first names the columns when no amount is found). */
export interface TransactionRowLog extends TransactionLog {
  /** The rows as read. */
  list: readonly unknown[];
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
 * Reads a purchase log row by row: UTC calendar days, several purchases on
 * one day one occasion with their amounts added (when the customers are
 * walked). Every row is checked, and a bad one refused with its index and
 * field named (`transactions[3].at`). Cost: O(rows), 16 bytes a row.
 */
export function readTransactions(functionName: string, transactions: unknown): TransactionRowLog {
  const fn = functionName;
  const customerIndex = new CustomerIndex((i) => `transactions[${i}].customerId`);
  const ids: (string | number)[] = [];
  const { list, length } = readRows(fn, transactions, 'transactions', '{ customerId, at, amount }');
  const owner = new Int32Array(length);
  const days = new Int32Array(length);
  const amounts = new Float64Array(length);
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
      days[i] = day;
      if (rawAmount !== undefined) {
        anyAmount = true;
        const read = readSpend(rawAmount);
        if (typeof read === 'string') fail(fn, `transactions[${i}].amount`, `${read}${note()}`);
        amounts[i] = read;
      }
      owner[i] = customerOf(customerIndex, ids, fn, id, i);
    }
  } catch (error) {
    throw cursor.failure(error);
  }
  return {
    ids,
    owner,
    days,
    daysInMs: false,
    amounts: anyAmount ? amounts : undefined,
    anyAmount,
    length,
    list,
    amountPath: (i) => `transactions[${i}].amount`,
  };
}

/** The customer of an id read at `row`: its index, a new one (its id kept) when first seen. */
function customerOf(index: CustomerIndex, ids: (string | number)[], fn: string, id: string | number, row: number) {
  const c = index.of(fn, id, row);
  if (c === ids.length) ids.push(id);
  return c;
}

/** The most rows of one customer sorted by insertion; more are sorted through an index. */
const INSERTION_LIMIT = 48;

/**
 * Walks the customers of a log in order of first appearance, each with its
 * purchase occasions: its distinct UTC purchase days in ascending order
 * (`days[0..count)`) and the amount spent on each (`spent`, the day's rows
 * added in row order). The rows are grouped with one counting sort (4 bytes
 * a row; none when they come grouped already, see customerRuns) and each
 * customer's days sorted in a scratch buffer, so nothing is
 * made per customer or per day; the buffers are reused, and valid only
 * during the call of `visit`. A day whose amounts add up beyond the largest
 * number is refused, naming the row that passed it.
 */
export function forEachCustomer(
  functionName: string,
  log: TransactionLog,
  visit: (customer: number, count: number, days: Int32Array, spent: Float64Array) => void,
): void {
  const { owner, days: dayCells, daysInMs, amounts } = log;
  const customers = log.ids.length;
  // Customer c's rows are order[start[c] .. start[c + 1]) in row order, or those positions themselves
  // when the rows come grouped by customer (no order array then).
  const { first: start, order } = customerRuns(owner, customers);
  let size = 16;
  let days = new Int32Array(size);
  let spent = new Float64Array(size);
  let rows = new Int32Array(size);
  for (let c = 0; c < customers; c++) {
    const from = start[c] as number;
    const k = (start[c + 1] as number) - from;
    if (k > size) {
      while (size < k) size *= 2;
      days = new Int32Array(size);
      spent = new Float64Array(size);
      rows = new Int32Array(size);
    }
    for (let j = 0; j < k; j++) {
      const i = order === undefined ? from + j : (order[from + j] as number);
      const cell = dayCells[i] as number;
      days[j] = daysInMs ? Math.floor(cell / DAY_MS) : cell;
      spent[j] = amounts === undefined ? 0 : (amounts[i] as number);
      rows[j] = i;
    }
    if (k <= INSERTION_LIMIT) insertionSort(days, spent, rows, k);
    else sortThroughIndex(days, spent, rows, k);
    // Same-day rows become one occasion, their amounts added in row order.
    let count = 0;
    for (let j = 0; j < k; j++) {
      const day = days[j] as number;
      if (count > 0 && days[count - 1] === day) {
        const total = (spent[count - 1] as number) + (spent[j] as number);
        if (total === Number.POSITIVE_INFINITY)
          fail(functionName, log.amountPath(rows[j] as number), overflow(log.ids[c] as string | number));
        spent[count - 1] = total;
      } else {
        days[count] = day;
        spent[count] = spent[j] as number;
        count++;
      }
    }
    visit(c, count, days, spent);
  }
}

/** Sorts the first k days, stably (the rows of one day keep their order), carrying the amounts and rows along. */
function insertionSort(days: Int32Array, spent: Float64Array, rows: Int32Array, k: number): void {
  for (let j = 1; j < k; j++) {
    const day = days[j] as number;
    if ((days[j - 1] as number) <= day) continue;
    const amount = spent[j] as number;
    const row = rows[j] as number;
    let m = j - 1;
    while (m >= 0 && (days[m] as number) > day) {
      days[m + 1] = days[m] as number;
      spent[m + 1] = spent[m] as number;
      rows[m + 1] = rows[m] as number;
      m--;
    }
    days[m + 1] = day;
    spent[m + 1] = amount;
    rows[m + 1] = row;
  }
}

/** Sorts the first k days as insertionSort does, for a customer with many rows: an index sorted, ties by row. */
function sortThroughIndex(days: Int32Array, spent: Float64Array, rows: Int32Array, k: number): void {
  const index = Array.from({ length: k }, (_, j) => j);
  index.sort((x, y) => (days[x] as number) - (days[y] as number) || (rows[x] as number) - (rows[y] as number));
  const d = Int32Array.from(index, (j) => days[j] as number);
  const a = Float64Array.from(index, (j) => spent[j] as number);
  const r = Int32Array.from(index, (j) => rows[j] as number);
  days.set(d);
  spent.set(a);
  rows.set(r);
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

/** A purchase log read from columns: as {@link TransactionLog}, with the table's other column names. */
export interface TransactionColumnLog extends TransactionLog {
  /** The names of the table's columns other than customerId, at and amount (none when they cannot be listed). */
  otherColumns: string[];
}

/**
 * Reads a purchase log given as columns `{ customerId, at, amount? }` (each
 * an array, a typed array or an Arrow vector; an Arrow table too) with the
 * rules of {@link readTransactions}; errors name the column and the cell
 * (`transactions.amount[3]`). A cell of `amount` that is undefined is a
 * transaction without an amount, as a row without one. Typed columns of
 * numbers are read again in place when the customers are walked; other
 * columns are kept as read (4 bytes a row for days, 8 for amounts).
 */
export function readTransactionColumns(functionName: string, table: object): TransactionColumnLog {
  const fn = functionName;
  const { length: n, columns } = readColumns(fn, table, 'transactions', ['customerId', 'at'], ['amount']);
  const idCells = columns.get('customerId') as ArrayLike<unknown>;
  const ats = columns.get('at') as ArrayLike<unknown>;
  const amountCells = columns.get('amount');
  const customerIndex = new CustomerIndex((i) => `transactions.customerId[${i}]`);
  customerIndex.preferTableFor(idCells, n);
  const ids: (string | number)[] = [];
  const owner = new Int32Array(n);
  const days = isNumberArray(ats) ? undefined : new Int32Array(n);
  const amounts = amountCells === undefined || isNumberArray(amountCells) ? undefined : new Float64Array(n);
  let anyAmount = false;
  const cell = new CellCursor('transactions');
  try {
    for (let i = 0; i < n; i++) {
      cell.row = i;
      cell.column = 'customerId';
      const id = readId(fn, cellAt(fn, idCells, i, cell.path), cell.path);
      cell.column = 'at';
      const day = readUtcDay(cellAt(fn, ats, i, cell.path));
      if (typeof day === 'string') fail(fn, cell.path(), day);
      if (days !== undefined) days[i] = day;
      cell.column = 'amount';
      const rawAmount = amountCells === undefined ? undefined : cellAt(fn, amountCells, i, cell.path);
      if (rawAmount !== undefined) {
        anyAmount = true;
        const read = readSpend(rawAmount);
        if (typeof read === 'string') fail(fn, cell.path(), read);
        if (amounts !== undefined) amounts[i] = read;
      }
      owner[i] = customerOf(customerIndex, ids, fn, id, i);
    }
  } catch (error) {
    throw readFailure(fn, cell.path(), error);
  }
  return {
    ids,
    owner,
    days: days ?? (ats as ArrayLike<number>),
    daysInMs: days === undefined,
    amounts: anyAmount ? (amounts ?? (amountCells as ArrayLike<number>)) : undefined,
    anyAmount,
    length: n,
    otherColumns: otherColumns(table),
    amountPath: (i) => `transactions.amount[${i}]`,
  };
}

/** A typed array of numbers (not bigints): its cells need no second reading. */
function isNumberArray(cells: ArrayLike<unknown>): cells is ArrayLike<number> {
  return ArrayBuffer.isView(cells) && !(cells instanceof BigInt64Array || cells instanceof BigUint64Array);
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
