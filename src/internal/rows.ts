import type { MetricInputError } from './errors';
import { describeValue } from './numeric';
import { readFailure } from './read';
import { fail } from './schema';

/**
 * Reading tables of rows (transactions, events, lifecycles, revenues): each
 * row and each of its cells is read once, inside a try block, so that a
 * throwing getter or Proxy is reported on its cell (`events[12].at`), and
 * the rows' own columns beyond those read are accepted as they are (a CSV row
 * carries more columns than any one function needs).
 */

/** The list behind `value` and its length, read once, or a refusal naming `field`. */
export function readRows(
  functionName: string,
  value: unknown,
  field: string,
  shape: string,
): { list: readonly unknown[]; length: number } {
  let isArray: boolean;
  let length = 0;
  try {
    isArray = Array.isArray(value);
    if (isArray) length = (value as unknown[]).length;
  } catch (error) {
    throw readFailure(functionName, field, error);
  }
  if (!isArray) fail(functionName, field, `must be an array of ${shape}, got ${describeValue(value)}`);
  // The elements are read one by one by the caller, in a try block naming the row.
  return { list: value as unknown[], length };
}

/**
 * Where a reading loop is: the row and the cell being read. The loop sets
 * `cell` before each read; on a failure, `failure()` names the place.
 */
export class RowCursor {
  row = 0;
  cell = '';
  constructor(
    private readonly functionName: string,
    private readonly list: string,
  ) {}

  /** The path of the current cell, `events[12].at` (or the row, `events[12]`). */
  path(): string {
    return this.cell === '' ? `${this.list}[${this.row}]` : `${this.list}[${this.row}].${this.cell}`;
  }

  /** The error for a failure at the current place: a MetricInputError passes through unchanged. */
  failure(error: unknown): MetricInputError {
    return readFailure(this.functionName, this.path(), error);
  }
}

/** Whether `value` is an object a row can be (not null, not an array, not a primitive). */
export function isRow(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a row that failed looks like, when it is one of the usual CSV slips:
 * a blank line (every cell empty or missing) or the header line (a cell that
 * holds its own column name). Appended to the rule that failed.
 */
export function slipNote(names: readonly string[], values: readonly unknown[]): string {
  if (values.every((v) => v === undefined || v === null || v === '')) {
    return '; the row is blank (a CSV read with its trailing empty line?): leave blank rows out';
  }
  for (let k = 0; k < names.length; k++) {
    const value = values[k];
    const name = names[k] as string;
    if (typeof value === 'string' && value.trim().toLowerCase() === name.toLowerCase()) {
      return `; the row looks like a header row (its ${name} is ${describeValue(value)}): leave the CSV's header line out, or read the file with headers`;
    }
  }
  return '';
}

/**
 * A customer id: a non-empty string or a finite number; errors name `field`
 * (or what `field()` gives: a path built only for the message, not per row).
 */
export function readId(
  functionName: string,
  value: unknown,
  field: string | (() => string),
  note?: () => string,
): string | number {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  return fail(
    functionName,
    typeof field === 'string' ? field : field(),
    `must be a non-empty string or a number, got ${describeValue(value)}${note?.() ?? ''}${typeof value === 'bigint' ? BIGINT_ID : ''}`,
  );
}

/** The way out for a bigint id, which a BIGINT column of DuckDB or Arrow gives. */
const BIGINT_ID =
  ': a bigint, as a BIGINT column gives; cast the id in the query (::INTEGER, or ::VARCHAR above 2^53) or convert the column with Number() or String()';

/**
 * Customer ids in order of first appearance, each with a small index.
 *
 * Ids are compared exactly: the number 1 and the string '1' are different
 * values. A table that mixes them almost always means two sources that were
 * read differently (a CSV gives strings, a database numbers), and treating
 * them as two customers would split one customer in two without a word; so
 * an id whose text equals an id of the other type already seen is refused,
 * with both shown.
 */
export class CustomerIndex {
  private readonly index = new Map<string | number, number>();
  /** The row where each customer was first seen, for the message about a clash. */
  private readonly firstRow: number[] = [];

  /** `pathOf(row)` names a row's id field (`events[3].customerId`) in a message. */
  constructor(private readonly pathOf: (row: number) => string) {}

  /**
   * Each small whole-number id's index (-1 until seen), in place of the Map:
   * an id from 0 up to twice its row (plus 1,024) when first seen goes here,
   * so the table never holds more than two entries per row; other ids go to
   * the Map. An id is in one of the two, and both are searched.
   */
  private table = new Int32Array(0);
  /** Whether a number id, and a string id, have been seen (a clash needs both). */
  private numbers = false;
  private strings = false;

  get size(): number {
    return this.onlyTable ? this.tableCount : this.firstRow.length;
  }

  /**
   * With every id in the table (after preferTableFor found them all small
   * whole numbers), the table itself: entry `id` is the customer's index,
   * -1 for an id not seen. Else undefined.
   */
  get idTable(): Int32Array | undefined {
    return this.onlyTable ? this.table : undefined;
  }

  /**
   * Sizes the table for `ids` (the first `n` cells of an id column) at once
   * when it is a typed array whose ids are all whole numbers from 0 up to
   * twice the rows (plus 1,024), so that it is not grown as they are read;
   * the ids are then looked up in the table alone (no string can clash with
   * them). Call it before the first `of`, with every id `of` will be given.
   */
  preferTableFor(ids: ArrayLike<unknown>, n: number): void {
    this.preferTableForAll([ids], [n]);
  }

  /** preferTableFor for ids in several columns (the first `counts[k]` cells of `columns[k]`), read as one. */
  preferTableForAll(columns: readonly ArrayLike<unknown>[], counts: readonly number[]): void {
    let rows = 0;
    for (const n of counts) rows += n;
    const limit = 2 * rows + 1024;
    let largest = 0;
    for (let k = 0; k < columns.length; k++) {
      const ids = columns[k];
      if (!ArrayBuffer.isView(ids) || ids instanceof BigInt64Array || ids instanceof BigUint64Array) return;
      const values = ids as unknown as ArrayLike<number>;
      const n = counts[k] as number;
      for (let i = 0; i < n; i++) {
        const id = values[i] as number;
        // Written so that NaN fails it too.
        if (!(id >= 0 && id <= limit && Math.floor(id) === id)) return;
        if (id > largest) largest = id;
      }
    }
    this.grow(largest + 1);
    this.onlyTable = true;
  }

  /** Set by preferTableFor: every id is a small whole number in the table, so no Map and no clash. */
  private onlyTable = false;
  /** The customers in the table, when it holds them all (no first rows are kept then: no clash can need one). */
  private tableCount = 0;

  /** Replaces the table by a longer one (`length` above its own), the entries kept. */
  private grow(length: number): void {
    const table = new Int32Array(length).fill(-1);
    table.set(this.table);
    this.table = table;
  }

  /** The customer's index of an id already seen, else -1. */
  private find(id: string | number): number {
    if (typeof id === 'number' && id < this.table.length) {
      // A negative or fractional id reads undefined here.
      const seen = this.table[id];
      if (seen !== undefined && seen >= 0) return seen;
    }
    return this.index.get(id) ?? -1;
  }

  /** The customer's index, adding it when new; `row` is where the id was read. */
  of(functionName: string, id: string | number, row: number): number {
    if (this.onlyTable) {
      const table = this.table;
      const seen = table[id as number] as number;
      if (seen >= 0) return seen;
      table[id as number] = this.tableCount;
      return this.tableCount++;
    }
    const found = this.find(id);
    if (found >= 0) return found;
    // A clash needs an id of the other type: only looked for once one has been seen.
    let other: string | number | undefined;
    if (typeof id === 'number') {
      this.numbers = true;
      if (this.strings) other = String(id);
    } else {
      this.strings = true;
      if (this.numbers) other = numberWithText(id);
    }
    if (other !== undefined) {
      const clash = this.find(other);
      if (clash >= 0) {
        fail(
          functionName,
          this.pathOf(row),
          `is ${describeId(id)}, and ${this.pathOf(this.firstRow[clash] as number)} is ${describeId(other)}: ids are compared exactly, so these would be two customers; give every id as a string (String(id)) or every id as a number`,
        );
      }
    }
    const c = this.firstRow.length;
    this.firstRow.push(row);
    if (typeof id === 'number' && id >= 0 && id <= 2 * row + 1024 && Math.floor(id) === id) {
      if (id >= this.table.length) this.grow(Math.max(id + 1, 2 * this.table.length, 1024));
      this.table[id] = c;
    } else {
      this.index.set(id, c);
    }
    return c;
  }
}

/** The number whose text is exactly `text` ('1' -> 1; '01', '1.0', ' 1' -> none). */
function numberWithText(text: string): number | undefined {
  const n = Number(text);
  return text !== '' && String(n) === text ? n : undefined;
}

function describeId(id: string | number): string {
  return typeof id === 'number' ? `the number ${id}` : `the string ${describeValue(id)}`;
}

/**
 * The rows grouped by customer: as {@link rowsByCustomer}, but without the
 * sort when the rows already come grouped (each customer's rows together, as
 * a query ordered by customer gives them), `order` then undefined: customer
 * c's rows are `first[c]` to `first[c + 1] - 1` themselves.
 */
export function customerRuns(
  owner: Int32Array,
  customers: number,
): { first: Int32Array; order: Int32Array | undefined } {
  const n = owner.length;
  const first = new Int32Array(customers + 1);
  // Indexes are given in order of first appearance, so grouped rows have owners 0, 0, 1, 2, 2, ...
  for (let i = 0; i < n; i++) {
    const c = owner[i] as number;
    if (i > 0 && c !== (owner[i - 1] as number)) {
      if (c !== (owner[i - 1] as number) + 1) return rowsByCustomer(owner, customers);
      first[c] = i;
    }
  }
  first[customers] = n;
  return { first, order: undefined };
}

/**
 * The rows grouped by customer, by a counting sort: customer c's rows are
 * `order[first[c]]` to `order[first[c + 1] - 1]`, in their original order.
 */
export function rowsByCustomer(owner: Int32Array, customers: number): { first: Int32Array; order: Int32Array } {
  const n = owner.length;
  const first = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const at = (owner[i] as number) + 1;
    first[at] = (first[at] as number) + 1;
  }
  for (let c = 0; c < customers; c++) first[c + 1] = (first[c + 1] as number) + (first[c] as number);
  const order = new Int32Array(n);
  const next = first.slice(0, customers);
  for (let i = 0; i < n; i++) {
    const c = owner[i] as number;
    order[next[c] as number] = i;
    next[c] = (next[c] as number) + 1;
  }
  return { first, order };
}
