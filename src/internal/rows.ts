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

/** A customer id: a non-empty string or a finite number; errors name `field`. */
export function readId(functionName: string, value: unknown, field: string, note?: () => string): string | number {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  return fail(
    functionName,
    field,
    `must be a non-empty string or a number, got ${describeValue(value)}${note?.() ?? ''}`,
  );
}

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

  /** For ids that are all small whole numbers: each id's index (-1 until seen), in place of the Map. */
  private dense: Int32Array | undefined;

  get size(): number {
    return this.dense === undefined ? this.index.size : this.firstRow.length;
  }

  /**
   * Looks ids up in a table instead of the Map when `ids` (the first `n`
   * cells of an id column) is a typed array whose ids are all whole numbers
   * from 0 up to twice the rows (plus 1,024), so that the table costs no
   * more than the rows; no string can clash with such ids.
   */
  preferTableFor(ids: ArrayLike<unknown>, n: number): void {
    if (!ArrayBuffer.isView(ids) || ids instanceof BigInt64Array || ids instanceof BigUint64Array) return;
    const values = ids as unknown as ArrayLike<number>;
    const limit = 2 * n + 1024;
    let largest = 0;
    for (let i = 0; i < n; i++) {
      const id = values[i] as number;
      // Written so that NaN fails it too.
      if (!(id >= 0 && id <= limit && Math.floor(id) === id)) return;
      if (id > largest) largest = id;
    }
    this.dense = new Int32Array(largest + 1).fill(-1);
  }

  /** The customer's index, adding it when new; `row` is where the id was read. */
  of(functionName: string, id: string | number, row: number): number {
    const dense = this.dense;
    if (dense !== undefined) {
      const seen = dense[id as number] as number;
      if (seen >= 0) return seen;
      dense[id as number] = this.firstRow.length;
      this.firstRow.push(row);
      return this.firstRow.length - 1;
    }
    const found = this.index.get(id);
    if (found !== undefined) return found;
    const other = typeof id === 'number' ? String(id) : numberWithText(id);
    if (other !== undefined) {
      const clash = this.index.get(other);
      if (clash !== undefined) {
        fail(
          functionName,
          this.pathOf(row),
          `is ${describeId(id)}, and ${this.pathOf(this.firstRow[clash] as number)} is ${describeId(other)}: ids are compared exactly, so these would be two customers; give every id as a string (String(id)) or every id as a number`,
        );
      }
    }
    const c = this.index.size;
    this.index.set(id, c);
    this.firstRow.push(row);
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
