import { describeValue } from '../internal/numeric';
import { fail, isOptionsObject } from '../internal/schema';
import { readInstant } from './periods';

/** One subscription or relationship: active from `startedAt` up to, not including, `endedAt`. */
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

export function readId(functionName: string, value: unknown, at: string): string | number {
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  return fail(functionName, at, `must be a non-empty string or a number, got ${describeValue(value)}`);
}

/**
 * Reads a lifecycle's `startedAt` and `endedAt` as epoch ms (an open end is
 * +Infinity); errors name `at.startedAt` or `at.endedAt`.
 */
export function readSpan(functionName: string, row: Record<string, unknown>, at: string): [number, number] {
  const start = readInstant(row.startedAt);
  if (typeof start === 'string') fail(functionName, `${at}.startedAt`, start);
  if (row.endedAt === undefined || row.endedAt === null) return [start, Number.POSITIVE_INFINITY];
  const end = readInstant(row.endedAt);
  if (typeof end === 'string') fail(functionName, `${at}.endedAt`, end);
  if (end < start) {
    fail(
      functionName,
      `${at}.endedAt`,
      `must not be before startedAt (${new Date(start).toISOString()}), got ${new Date(end).toISOString()}`,
    );
  }
  return [start, end];
}

/** Reads lifecycles and merges each customer's intervals; errors name the row and field. */
export function readLifecycles(functionName: string, rows: unknown): CustomerIntervals {
  if (!Array.isArray(rows)) {
    fail(
      functionName,
      'customers',
      `must be an array of { customerId, startedAt, endedAt }, got ${describeValue(rows)}`,
    );
  }
  const n = rows.length;
  const customerIndex = new Map<string | number, number>();
  const owner = new Int32Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as unknown;
    if (!isOptionsObject(row))
      fail(functionName, `customers[${i}]`, `must be { customerId, startedAt, endedAt }, got ${describeValue(row)}`);
    const id = readId(functionName, row.customerId, `customers[${i}].customerId`);
    const [start, end] = readSpan(functionName, row, `customers[${i}]`);
    let c = customerIndex.get(id);
    if (c === undefined) {
      c = customerIndex.size;
      customerIndex.set(id, c);
    }
    owner[i] = c;
    starts[i] = start;
    ends[i] = end;
  }
  // Rows grouped by customer (a counting sort), then each customer's merged in order of start.
  const customers = customerIndex.size;
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
