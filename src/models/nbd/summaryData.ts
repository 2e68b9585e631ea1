import { describeValue } from '../../internal/numeric';

/** Per-customer summary columns, as the BG/NBD and Pareto/NBD take them. */
export interface FrequencyRecencyData {
  /** Repeat purchases x. */
  frequency: Float64Array;
  /** Time of the last purchase t_x. */
  recency: Float64Array;
  /** Time since the first purchase T. */
  age: Float64Array;
  /** Number of customers each row stands for (rows with equal x, t_x, T are merged). */
  weight: Float64Array;
  /** Customers in all. */
  customers: number;
}

/** One customer's summary, as rfmSummary returns it (other fields are ignored). */
export interface FrequencyRecency {
  frequency: number;
  recency: number;
  age: number;
}

/**
 * Reads customer summaries, checks 0 <= t_x <= T, x whole, and x = 0 implies
 * t_x = 0, and merges identical rows (many customers without repeats share
 * their (0, 0, T)), which makes every likelihood evaluation cheaper.
 * Returns the data or [path, reason].
 */
export function readFrequencyRecency(value: unknown): FrequencyRecencyData | [PropertyKey[], string] {
  const rows = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as { customers?: unknown }).customers)
      ? ((value as { customers: unknown[] }).customers as unknown[])
      : undefined;
  if (rows === undefined) {
    return [
      [],
      `must be an array of { frequency, recency, age } (or an rfmSummary result), got ${describeValue(value)}`,
    ];
  }
  if (rows.length === 0) return [[], 'must hold at least one customer, got none'];
  const groups = new Map<string, number>();
  const keys: Array<[number, number, number]> = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null)
      return [[i], `must be { frequency, recency, age }, got ${describeValue(row)}`];
    const { frequency: x, recency: tx, age: T } = row;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) {
      return [[i, 'frequency'], `must be a whole number of repeat purchases, 0 or more, got ${describeValue(x)}`];
    }
    if (typeof T !== 'number' || !Number.isFinite(T) || T < 0)
      return [[i, 'age'], `must be a finite time, 0 or more, got ${describeValue(T)}`];
    if (typeof tx !== 'number' || !Number.isFinite(tx) || tx < 0 || tx > T) {
      return [[i, 'recency'], `must be a time between 0 and age (${T}), got ${describeValue(tx)}`];
    }
    if (x === 0 && tx !== 0) return [[i, 'recency'], `must be 0 when frequency is 0 (no repeat purchase), got ${tx}`];
    if (x > 0 && tx === 0) return [[i, 'recency'], 'must be greater than 0 when there are repeat purchases'];
    const key = `${x},${tx},${T}`;
    const at = groups.get(key);
    if (at === undefined) {
      groups.set(key, keys.length);
      keys.push([x, tx, T]);
    }
  }
  const n = keys.length;
  const data: FrequencyRecencyData = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    weight: new Float64Array(n),
    customers: rows.length,
  };
  for (let j = 0; j < n; j++) {
    const [x, tx, T] = keys[j] as [number, number, number];
    data.frequency[j] = x;
    data.recency[j] = tx;
    data.age[j] = T;
  }
  for (let i = 0; i < rows.length; i++) {
    const { frequency: x, recency: tx, age: T } = rows[i] as FrequencyRecency;
    const j = groups.get(`${x},${tx},${T}`) as number;
    data.weight[j] = (data.weight[j] as number) + 1;
  }
  return data;
}
