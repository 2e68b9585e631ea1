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
  /** The distinct ages, and each row's index into them (summaries in days/7 share few values). */
  distinctAges: Float64Array;
  ageIndex: Int32Array;
  /** The distinct recencies, and each row's index into them. */
  distinctRecencies: Float64Array;
  recencyIndex: Int32Array;
  /** Customers in all. */
  customers: number;
}

/** One customer's summary, as rfmSummary returns it (other fields are ignored). */
export interface FrequencyRecency {
  /** Repeat purchases x (purchase occasions after the first). */
  frequency: number;
  /** Time from the first to the last purchase, t_x. */
  recency: number;
  /** Time from the first purchase to the end of the calibration period, T. */
  age: number;
  /** The customer's id, as rfmSummary gives it: an error in the row names it. */
  customerId?: string | number;
}

/** " (customerId "a")" for a row that carries a customer id (as rfmSummary rows do), "" otherwise. */
export function customerIdNote(row: object): string {
  const id = (row as { customerId?: unknown }).customerId;
  return id === undefined ? '' : ` (customerId ${describeValue(id)})`;
}

/**
 * Reads customer summaries, checks 0 <= t_x <= T, x whole, and x = 0 implies
 * t_x = 0, and merges identical rows (many customers without repeats share
 * their (0, 0, T)), which makes every likelihood evaluation cheaper.
 * Returns the data or [path, reason]; a row's reason names its customerId
 * when it has one.
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
  const count = rows.length;
  const xs = new Float64Array(count);
  const txs = new Float64Array(count);
  const ts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const row = rows[i] as Record<string, unknown> | null;
    if (typeof row !== 'object' || row === null)
      return [[i], `must be { frequency, recency, age }, got ${describeValue(row)}`];
    const { frequency: x, recency: tx, age: T } = row;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) {
      return [
        [i, 'frequency'],
        `must be a whole number of repeat purchases, 0 or more, got ${describeValue(x)}${customerIdNote(row)}`,
      ];
    }
    if (typeof T !== 'number' || !Number.isFinite(T) || T < 0)
      return [[i, 'age'], `must be a finite time, 0 or more, got ${describeValue(T)}${customerIdNote(row)}`];
    if (typeof tx !== 'number' || !Number.isFinite(tx) || tx < 0 || tx > T) {
      return [
        [i, 'recency'],
        `must be a time between 0 and age (${T}), got ${describeValue(tx)}${customerIdNote(row)}`,
      ];
    }
    if (x === 0 && tx !== 0)
      return [[i, 'recency'], `must be 0 when frequency is 0 (no repeat purchase), got ${tx}${customerIdNote(row)}`];
    if (x > 0 && tx === 0)
      return [[i, 'recency'], `must be greater than 0 when there are repeat purchases${customerIdNote(row)}`];
    xs[i] = x;
    txs[i] = tx;
    ts[i] = T;
  }
  // Sort row numbers by (x, t_x, T) and merge equal neighbours.
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort(
    (i, j) =>
      (xs[i] as number) - (xs[j] as number) ||
      (txs[i] as number) - (txs[j] as number) ||
      (ts[i] as number) - (ts[j] as number),
  );
  const keys: Array<[number, number, number, number]> = [];
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const last = keys[keys.length - 1];
    if (last !== undefined && last[0] === xs[i] && last[1] === txs[i] && last[2] === ts[i]) last[3]++;
    else keys.push([xs[i] as number, txs[i] as number, ts[i] as number, 1]);
  }
  const n = keys.length;
  const ages = new Map<number, number>();
  const recencies = new Map<number, number>();
  const data: FrequencyRecencyData = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    weight: new Float64Array(n),
    customers: count,
    distinctAges: new Float64Array(0),
    ageIndex: new Int32Array(n),
    distinctRecencies: new Float64Array(0),
    recencyIndex: new Int32Array(n),
  };
  const indexOf = (map: Map<number, number>, value: number): number => {
    let at = map.get(value);
    if (at === undefined) {
      at = map.size;
      map.set(value, at);
    }
    return at;
  };
  for (let j = 0; j < n; j++) {
    const [x, tx, T, w] = keys[j] as [number, number, number, number];
    data.frequency[j] = x;
    data.recency[j] = tx;
    data.age[j] = T;
    data.weight[j] = w;
    data.ageIndex[j] = indexOf(ages, T);
    data.recencyIndex[j] = indexOf(recencies, tx);
  }
  data.distinctAges = Float64Array.from(ages.keys());
  data.distinctRecencies = Float64Array.from(recencies.keys());
  return data;
}
