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

/** A customer's lifecycles, merged into sorted, disjoint intervals [start, end). */
export interface CustomerIntervals {
  id: string | number;
  /** Alternating starts and ends, in epoch ms; an open end is +Infinity. */
  bounds: number[];
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
export function readLifecycles(functionName: string, rows: unknown): CustomerIntervals[] {
  if (!Array.isArray(rows)) {
    fail(
      functionName,
      'customers',
      `must be an array of { customerId, startedAt, endedAt }, got ${describeValue(rows)}`,
    );
  }
  const byId = new Map<string | number, Array<[number, number]>>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as unknown;
    if (!isOptionsObject(row))
      fail(functionName, `customers[${i}]`, `must be { customerId, startedAt, endedAt }, got ${describeValue(row)}`);
    const id = readId(functionName, row.customerId, `customers[${i}].customerId`);
    const [start, end] = readSpan(functionName, row, `customers[${i}]`);
    let list = byId.get(id);
    if (list === undefined) {
      list = [];
      byId.set(id, list);
    }
    list.push([start, end]);
  }
  const customers: CustomerIntervals[] = [];
  for (const [id, intervals] of byId) {
    intervals.sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    for (const [s, e] of intervals) {
      const last = bounds.length - 1;
      // Overlapping or touching intervals are one stretch of activity.
      if (last > 0 && s <= (bounds[last] as number)) bounds[last] = Math.max(bounds[last] as number, e);
      else bounds.push(s, e);
    }
    customers.push({ id, bounds });
  }
  return customers;
}
