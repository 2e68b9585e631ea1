import { CellCursor, cellAt, isColumnTable, readColumns } from '../internal/columns';
import { describeValue } from '../internal/numeric';
import { readFailure } from '../internal/read';
import { CustomerIndex, isRow, RowCursor, readId, readRows, rowsByCustomer, slipNote } from '../internal/rows';
import { fail } from '../internal/schema';
import type { Column } from './columns';
import { formatInstant, readInstant } from './periods';

/**
 * One subscription or relationship: active from `startedAt` up to, not including, `endedAt`.
 *
 * @category Customer data
 */
export interface Lifecycle {
  /** The customer, as a string or a number. Several lifecycles may share one (a customer who came back). */
  customerId: string | number;
  /** When it started: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  startedAt: Date | string | number;
  /** When it ended (the first instant it was no longer active); absent while it is still active. */
  endedAt?: Date | string | number | null;
}

/**
 * Every customer's lifecycles, merged into sorted, disjoint intervals
 * [start, end): customer c's are `bounds[offsets[c]]` to
 * `bounds[offsets[c + 1] - 1]`, alternately a start and an end, in epoch ms
 * (an open end is +Infinity). Flat typed arrays: nothing allocated per customer.
 */
export interface CustomerIntervals {
  customers: number;
  offsets: Int32Array;
  bounds: Float64Array;
}

/**
 * Lifecycles as columns, one cell per lifecycle: the form a query result or
 * a CSV read column by column has. `endedAt` may be left out (every
 * lifecycle still active), and a cell of it may be null (that one still active).
 *
 * @expand
 * @category Customer data
 */
export interface LifecycleColumns {
  /** Each lifecycle's customer: strings or numbers (an array, or a typed array of numeric ids). */
  customerId: Column<string | number>;
  /** When each started: epoch milliseconds (UTC) in a `Float64Array` or an array, ISO 8601 strings, or Dates. */
  startedAt: Column<Date | string | number>;
  /** When each ended, in the same forms; null (or the whole column left out) while still active. */
  endedAt?: Column<Date | string | number | null>;
}

/** The path of a span's cell (no closure per row: only built for a message). */
function spanPath(at: string | ((cell: 'startedAt' | 'endedAt') => string), cell: 'startedAt' | 'endedAt'): string {
  return typeof at === 'string' ? `${at}.${cell}` : at(cell);
}

/**
 * Reads a lifecycle's `startedAt` and `endedAt` (each read once by the
 * caller) as epoch ms into `starts[i]` and `ends[i]` (an open end is
 * +Infinity): no array per row. Errors name `at.startedAt` or `at.endedAt`,
 * or the path `at` gives for each (a cell of a column).
 */
export function readSpan(
  functionName: string,
  startedAt: unknown,
  endedAt: unknown,
  at: string | ((cell: 'startedAt' | 'endedAt') => string),
  note: () => string,
  starts: Float64Array,
  ends: Float64Array,
  i: number,
): void {
  const start = readInstant(startedAt);
  if (typeof start === 'string') fail(functionName, spanPath(at, 'startedAt'), `${start}${note()}`);
  starts[i] = start;
  if (endedAt === undefined || endedAt === null) {
    ends[i] = Number.POSITIVE_INFINITY;
    return;
  }
  if (endedAt === '') {
    fail(
      functionName,
      spanPath(at, 'endedAt'),
      'must be a date, or null (or left out) while the lifecycle is still active, got "" (an empty CSV cell: read it as null)',
    );
  }
  const end = readInstant(endedAt);
  if (typeof end === 'string') fail(functionName, spanPath(at, 'endedAt'), end);
  if (end < start) {
    fail(
      functionName,
      spanPath(at, 'endedAt'),
      `must not be before startedAt (${formatInstant(start)}), got ${formatInstant(end)}`,
    );
  }
  ends[i] = end;
}

export const LIFECYCLE_COLUMNS = ['customerId', 'startedAt', 'endedAt'] as const;

/**
 * Each lifecycle row's span, read once (its customerId, startedAt and
 * endedAt): starts and ends in epoch ms, an open end +Infinity. `onId` gets
 * each row's id; errors name `field[i]` and the cell.
 */
export function readLifecycleSpans(
  functionName: string,
  list: ArrayLike<unknown>,
  n: number,
  field: string,
  onId: (id: string | number, row: number) => void,
): { starts: Float64Array; ends: Float64Array } {
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const cursor = new RowCursor(functionName, field);
  try {
    for (let i = 0; i < n; i++) {
      cursor.row = i;
      cursor.cell = '';
      const row = list[i];
      if (!isRow(row))
        fail(functionName, `${field}[${i}]`, `must be { customerId, startedAt, endedAt }, got ${describeValue(row)}`);
      cursor.cell = 'customerId';
      const rawId = row.customerId;
      cursor.cell = 'startedAt';
      const startedAt = row.startedAt;
      cursor.cell = 'endedAt';
      const endedAt = row.endedAt;
      cursor.cell = '';
      const note = () => slipNote(LIFECYCLE_COLUMNS, [rawId, startedAt, endedAt]);
      const id = readId(functionName, rawId, `${field}[${i}].customerId`, note);
      readSpan(functionName, startedAt, endedAt, `${field}[${i}]`, note, starts, ends, i);
      onId(id, i);
    }
  } catch (error) {
    throw cursor.failure(error);
  }
  return { starts, ends };
}

/** Lifecycles given as rows: each row's customer index and span. */
function readLifecycleRows(
  functionName: string,
  rows: unknown,
): { owner: Int32Array; starts: Float64Array; ends: Float64Array; customers: number } {
  const { list, length: n } = readRows(functionName, rows, 'customers', '{ customerId, startedAt, endedAt }');
  const customerIndex = new CustomerIndex((i) => `customers[${i}].customerId`);
  const owner = new Int32Array(n);
  const { starts, ends } = readLifecycleSpans(functionName, list, n, 'customers', (id, i) => {
    owner[i] = customerIndex.of(functionName, id, i);
  });
  return { owner, starts, ends, customers: customerIndex.size };
}

/**
 * Lifecycles given as columns `{ customerId, startedAt, endedAt? }`, read
 * cell by cell with the rules of the row form; errors name
 * `field.startedAt[i]`.
 */
function readLifecycleColumns(
  functionName: string,
  value: object,
  field: string,
): { owner: Int32Array; starts: Float64Array; ends: Float64Array; customers: number } {
  const { length: n, columns } = readColumns(functionName, value, field, ['customerId', 'startedAt'], ['endedAt']);
  const ids = columns.get('customerId') as ArrayLike<unknown>;
  const started = columns.get('startedAt') as ArrayLike<unknown>;
  const ended = columns.get('endedAt');
  const customerIndex = new CustomerIndex((i) => `${field}.customerId[${i}]`);
  customerIndex.preferTableFor(ids, n);
  const owners = new Int32Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const none = () => '';
  const cell = new CellCursor(field);
  const cellPath = (column: string) => `${field}.${column}[${cell.row}]`;
  try {
    for (let row = 0; row < n; row++) {
      cell.row = row;
      cell.column = 'customerId';
      const id = readId(functionName, cellAt(functionName, ids, row, cell.path), cell.path);
      cell.column = 'startedAt';
      const startedAt = cellAt(functionName, started, row, cell.path);
      cell.column = 'endedAt';
      const endedAt = ended === undefined ? undefined : cellAt(functionName, ended, row, cell.path);
      readSpan(functionName, startedAt, endedAt, cellPath, none, starts, ends, row);
      owners[row] = customerIndex.of(functionName, id, row);
    }
  } catch (error) {
    throw readFailure(functionName, cell.path(), error);
  }
  return { owner: owners, starts, ends, customers: customerIndex.size };
}

/**
 * Reads lifecycles, as rows or as columns ({@link LifecycleColumns}), and
 * merges each customer's intervals; errors name the row (or the column's
 * cell) and field.
 */
export function readLifecycles(functionName: string, rows: unknown): CustomerIntervals {
  const read = isColumnTable(rows)
    ? readLifecycleColumns(functionName, rows as object, 'customers')
    : readLifecycleRows(functionName, rows);
  const { owner, starts, ends, customers } = read;
  const n = owner.length;
  // Rows grouped by customer, then each customer's merged in order of start.
  const { first, order } = rowsByCustomer(owner, customers);
  const offsets = new Int32Array(customers + 1);
  const bounds = new Float64Array(2 * n);
  let b = 0;
  for (let c = 0; c < customers; c++) {
    const from = first[c] as number;
    const to = first[c + 1] as number;
    if (to - from > 1) order.subarray(from, to).sort((x, y) => (starts[x] as number) - (starts[y] as number));
    offsets[c] = b;
    for (let k = from; k < to; k++) {
      const row = order[k] as number;
      const start = starts[row] as number;
      const end = ends[row] as number;
      // Overlapping or touching intervals are one stretch of activity.
      if (b > (offsets[c] as number) && start <= (bounds[b - 1] as number)) {
        bounds[b - 1] = Math.max(bounds[b - 1] as number, end);
      } else {
        bounds[b++] = start;
        bounds[b++] = end;
      }
    }
  }
  offsets[customers] = b;
  return { customers, offsets, bounds };
}
