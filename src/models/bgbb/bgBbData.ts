import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { unreadableRule } from '../../internal/read';
import { slipNote } from '../../internal/rows';
import { rowCustomers } from '../internal/inputs';

/**
 * One history in discrete time, or a group of customers who share it.
 *
 * @category Discrete-time model: BG/BB
 */
export interface OpportunityHistory {
  /** Repeat transactions x: opportunities, after the first transaction, at which the customer transacted. */
  frequency: number;
  /** The opportunity of the last repeat transaction, t_x (1..n); 0 when there is none. */
  recency: number;
  /** Opportunities to transact after the first transaction, n (for yearly donations since a first gift in 1995, 6 by 2001). */
  periods: number;
  /** How many customers share this history (grouped data); 1 when left out. */
  customers?: number;
  /** The customer's id: an error in the row names it. */
  customerId?: string | number;
}

/** Histories as the BG/BB fit reads them: distinct (x, t_x, n) with the customers of each. */
export interface OpportunityData {
  frequency: Float64Array;
  recency: Float64Array;
  periods: Float64Array;
  weight: Float64Array;
  /** Customers in all (the sum of the weights). */
  customers: number;
  /** The largest n. */
  maxPeriods: number;
}

/** The most opportunities a history may have: the likelihood costs O(n) per distinct history. */
export const MAX_PERIODS = 1_000_000;

const COLUMNS = ['frequency', 'recency', 'periods'] as const;

/**
 * What is wrong with one history, as [field, reason], or undefined: n whole
 * from 0 to MAX_PERIODS, x whole from 0 to n, t_x whole with x <= t_x <= n,
 * t_x = 0 exactly when x = 0.
 */
export function historyRule(
  x: number,
  tx: number,
  n: number,
  raw: readonly unknown[],
  note: () => string,
): [string, string] | undefined {
  if (!Number.isInteger(n) || n < 0 || n > MAX_PERIODS) {
    return [
      'periods',
      `must be a whole number of opportunities from 0 to ${MAX_PERIODS.toLocaleString('en-US')}, got ${describeValue(raw[2])}${note()}`,
    ];
  }
  if (!Number.isInteger(x) || x < 0 || x > n) {
    return [
      'frequency',
      `must be a whole number of repeat transactions from 0 to periods (${n}), got ${describeValue(raw[0])}${note()}`,
    ];
  }
  if (!Number.isInteger(tx) || tx < x || tx > n) {
    return [
      'recency',
      `must be the whole opportunity of the last repeat transaction, from frequency (${x}) to periods (${n}), got ${describeValue(raw[1])}${note()}`,
    ];
  }
  if (x === 0 && tx !== 0)
    return ['recency', `must be 0 when frequency is 0 (no repeat transaction), got ${tx}${note()}`];
  return undefined;
}

/**
 * Reads histories (an array of rows, each read once), checks them, and
 * merges equal (x, t_x, n), adding their customers. Returns the data or
 * [path, reason]; a row's reason names its customerId when it has one.
 */
export function readOpportunityHistories(value: unknown): OpportunityData | [PropertyKey[], string] {
  let count: number;
  try {
    if (!Array.isArray(value)) {
      return [[], `must be an array of { frequency, recency, periods, customers? }, got ${describeValue(value)}`];
    }
    count = value.length;
  } catch (error) {
    return [[], unreadableRule(error)];
  }
  if (count === 0) return [[], 'must hold at least one history, got none'];
  const rows = value as readonly unknown[];
  // Each distinct (x, t_x, n): its index in `keys` and `weights`.
  const merged = new Map<string, number>();
  const keys: [number, number, number][] = [];
  const weights: number[] = [];
  let customers = 0;
  let maxPeriods = 0;
  let i = 0;
  let cell = '';
  try {
    for (; i < count; i++) {
      cell = '';
      const row = rows[i] as Record<string, unknown> | null;
      if (typeof row !== 'object' || row === null) {
        return [[i], `must be { frequency, recency, periods, customers? }, got ${describeValue(row)}`];
      }
      cell = 'frequency';
      const rawX = row.frequency;
      cell = 'recency';
      const rawTx = row.recency;
      cell = 'periods';
      const rawN = row.periods;
      cell = 'customers';
      const rawCount = row.customers;
      cell = 'customerId';
      const id = row.customerId;
      cell = '';
      const note = () =>
        (id === undefined ? '' : ` (customerId ${describeValue(id)})`) + slipNote(COLUMNS, [rawX, rawTx, rawN]);
      const x = cellNumber(rawX);
      const tx = cellNumber(rawTx);
      const n = cellNumber(rawN);
      const broken = historyRule(x, tx, n, [rawX, rawTx, rawN], note);
      if (broken !== undefined) return [[i, broken[0]], broken[1]];
      const weight = rowCustomers(rawCount, note, 'history');
      if (typeof weight === 'string') return [[i, 'customers'], weight];
      if (weight === 0) continue;
      const key = `${x},${tx},${n}`;
      const at = merged.get(key);
      if (at === undefined) {
        merged.set(key, keys.length);
        keys.push([x, tx, n]);
        weights.push(weight);
      } else weights[at] = (weights[at] as number) + weight;
      customers += weight;
      if (n > maxPeriods) maxPeriods = n;
    }
  } catch (error) {
    return [cell === '' ? [i] : [i, cell], unreadableRule(error)];
  }
  if (customers === 0) return [[], 'must hold at least one customer: every row has customers 0'];
  const size = keys.length;
  const data: OpportunityData = {
    frequency: new Float64Array(size),
    recency: new Float64Array(size),
    periods: new Float64Array(size),
    weight: new Float64Array(size),
    customers,
    maxPeriods,
  };
  keys.forEach(([x, tx, n], k) => {
    data.frequency[k] = x;
    data.recency[k] = tx;
    data.periods[k] = n;
    data.weight[k] = weights[k] as number;
  });
  return data;
}

/** The zod field of a histories argument. */
export function historiesField(): z.ZodMiniType<OpportunityData, unknown> {
  return z.pipe(
    z.unknown(),
    z.transform((value, ctx): OpportunityData => {
      const read = readOpportunityHistories(value);
      if (!Array.isArray(read)) return read;
      ctx.issues.push({ code: 'custom', message: read[1], input: value, path: read[0] });
      return read as unknown as OpportunityData;
    }),
  );
}
