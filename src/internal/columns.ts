import { describeValue } from './numeric';
import { readFailure } from './read';
import { fail } from './schema';

/**
 * Reading a table given as columns (`{ customerId: [...], at: Float64Array }`)
 * instead of rows: each column is read once, as a whole, and its cells are
 * then taken by index, so no object is built or read per row. A column may be
 * a plain array, a typed array, or any column object with a `toArray()`
 * method (an Arrow vector) whose result is one of those; the table may be
 * an Arrow table, read through its `getChild(name)`.
 */

/** The columns a function asked for, each with the same length. */
export interface Columns {
  /** The number of rows. */
  length: number;
  /** Each requested column, by name. */
  columns: Map<string, ArrayLike<unknown>>;
}

/** Whether `value` is a table of columns rather than a list of rows: a plain object (not an array). */
export function isColumnTable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * A column's cells as a list: a plain or typed array as it is, else what
 * its `toArray()` returns (an Arrow vector). An Arrow vector with nulls
 * (`nullCount` above 0) is read through its iterator instead, which gives
 * `null` for them: its `toArray()` would give the bytes behind a null, a 0
 * that reads as a value. Anything else is returned unchanged, for the
 * caller to refuse.
 */
export function columnValues(column: unknown): unknown {
  if (isList(column) || typeof column !== 'object' || column === null) return column;
  const { toArray, nullCount } = column as { toArray?: unknown; nullCount?: unknown };
  if (typeof toArray !== 'function') return column;
  if (typeof nullCount === 'number' && nullCount > 0 && Symbol.iterator in column)
    return Array.from(column as Iterable<unknown>);
  return toArray.call(column);
}

/**
 * Reads the columns `required` (each must be present) and `optional` (each
 * read when present, and then in the map) from a table of columns; errors
 * name `field.column`. Every column must hold the same number of cells.
 */
export function readColumns(
  functionName: string,
  value: object,
  field: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Columns {
  const columns = new Map<string, ArrayLike<unknown>>();
  let length = -1;
  let lengthFrom = '';
  for (const name of [...required, ...optional]) {
    const path = `${field}.${name}`;
    let column: unknown;
    try {
      column = columnValues(columnOf(value, name));
    } catch (error) {
      throw readFailure(functionName, path, error);
    }
    if (column === undefined) {
      if (optional.includes(name)) continue;
      if (name === required[0] && columns.size === 0 && !required.slice(1).some((r) => present(value, r))) {
        const shape = [...required, ...optional.map((o) => `${o}?`)].join(', ');
        fail(
          functionName,
          field,
          `must be an array of rows { ${shape} } or a table of columns { ${shape} } (arrays or typed arrays), got ${describeValue(value)}, which has none of those columns`,
        );
      }
      fail(
        functionName,
        path,
        `is missing: a table of columns needs ${required.map((r) => `${field}.${r}`).join(' and ')}, each an array or typed array with one cell per row`,
      );
    }
    if (!isList(column))
      fail(functionName, path, `must be an array or a typed array (one cell per row), got ${describeValue(column)}`);
    if (length === -1) {
      length = column.length;
      lengthFrom = path;
    } else if (column.length !== length) {
      fail(
        functionName,
        path,
        `has ${column.length} cells, but ${lengthFrom} has ${length}: every column needs one cell per row`,
      );
    }
    columns.set(name, column);
  }
  return { length: Math.max(length, 0), columns };
}

/** Cell `i` of `column`; a hole in a plain array is refused, naming `path` (or what `path()` gives). */
export function cellAt(
  functionName: string,
  column: ArrayLike<unknown>,
  i: number,
  path: string | (() => string),
): unknown {
  const cell = column[i];
  if (cell === undefined && !(i in column))
    fail(functionName, typeof path === 'string' ? path : path(), 'is missing (the column has a hole)');
  return cell;
}

/**
 * Where a loop over columns is: the column and the row being read. `path`
 * names the cell (`events.at[12]`), built only when a message needs it, not
 * once per cell.
 */
export class CellCursor {
  row = 0;
  column = '';
  constructor(private readonly field: string) {}
  readonly path = (): string => `${this.field}.${this.column}[${this.row}]`;
}

/** Whether `value` is an Arrow table (or anything read like one): it has a `getChild(name)` method. */
export function isArrowTable(value: object): boolean {
  return typeof (value as { getChild?: unknown }).getChild === 'function';
}

/** Column `name` of a table: an Arrow table's by `getChild` (null when absent), else the property; absent is undefined. */
export function columnOf(value: object, name: string): unknown {
  const getChild = (value as { getChild?: unknown }).getChild;
  return typeof getChild === 'function'
    ? (getChild.call(value, name) ?? undefined)
    : (value as Record<string, unknown>)[name];
}

/** Whether the table has a column `name` (read only to choose a message; a failure reads as present). */
function present(value: object, name: string): boolean {
  try {
    return columnOf(value, name) !== undefined;
  } catch {
    return true;
  }
}
