import { cellNumber, describeValue } from '../../internal/numeric';
import { unreadableRule } from '../../internal/read';
import { slipNote } from '../../internal/rows';
import { rowCustomers } from '../internal/inputs';

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
  /** Days per time unit, when the summaries say (an rfmSummary result records its unit). */
  unitDays: number | undefined;
  /** Every row as read, before merging, with the customers each stands for (and the holdout column when one was asked for). */
  rows: {
    frequency: Float64Array;
    recency: Float64Array;
    age: Float64Array;
    weight: Float64Array;
    holdout: Float64Array | undefined;
  };
}

/**
 * One customer's summary, as rfmSummary returns it (other fields are ignored).
 *
 * @category Purchasing models: BG/NBD, Pareto/NBD, Gamma-Gamma, RFM
 */
export interface FrequencyRecency {
  /** Repeat purchases x (purchase occasions after the first). */
  frequency: number;
  /** Time from the first to the last purchase, t_x. */
  recency: number;
  /** Time from the first purchase to the end of the calibration period, T. */
  age: number;
  /** The customer's id, as rfmSummary gives it: an error in the row names it. */
  customerId?: string | number;
  /**
   * How many customers share this summary, for grouped data (one row per
   * distinct frequency, recency and age, as a warehouse query gives it); 1
   * when left out. A fit on grouped rows equals the fit on the rows expanded.
   */
  customers?: number;
}

/**
 * The rows of a summary argument (an array, or the `customers` of an
 * rfmSummary result) and their count, each read once; or [path, reason]
 * when it is neither or cannot be read. `shape` names the fields a row needs.
 */
export function readSummaryRows(
  value: unknown,
  shape: string,
): { rows: readonly unknown[]; count: number; unitDays: number | undefined } | [PropertyKey[], string] {
  let rows: unknown;
  let unitDays: number | undefined;
  try {
    if (Array.isArray(value)) rows = value;
    else if (typeof value === 'object' && value !== null) {
      rows = (value as { customers?: unknown }).customers;
      const unit = (value as { unitDays?: unknown }).unitDays;
      if (unit !== undefined) {
        if (typeof unit !== 'number' || !(unit > 0 && unit < Number.POSITIVE_INFINITY))
          return [['unitDays'], `must be the days per time unit, a number greater than 0, got ${describeValue(unit)}`];
        unitDays = unit;
      }
    }
    if (Array.isArray(rows)) return { rows, count: rows.length, unitDays };
  } catch (error) {
    return [[], unreadableRule(error)];
  }
  return [[], `must be an array of ${shape} (or an rfmSummary result), got ${describeValue(value)}`];
}

/** The largest repeat frequency and time accepted: beyond them the likelihoods leave the range of a float. */
export const MAX_FREQUENCY = 1e9;
export const MAX_TIME = 1e12;

const SUMMARY_COLUMNS = ['frequency', 'recency', 'age'] as const;

/**
 * What is wrong with one summary (x, t_x, T), as [field, reason], or
 * undefined: x whole from 0 to MAX_FREQUENCY, T from 0 to MAX_TIME,
 * 0 <= t_x <= T, t_x = 0 exactly when x = 0. `rawX`, `rawTx` and `rawT` are
 * the cells as given (for the message), `note` adds the row's id and any slip.
 */
export function summaryRule(
  x: number,
  tx: number,
  T: number,
  rawX: unknown,
  rawTx: unknown,
  rawT: unknown,
  note: () => string,
): [string, string] | undefined {
  if (!Number.isInteger(x) || x < 0 || x > MAX_FREQUENCY) {
    return [
      'frequency',
      `must be a whole number of repeat purchases, 0 or more${Number.isFinite(x) && x > MAX_FREQUENCY ? ` and at most ${MAX_FREQUENCY}` : ''}, got ${describeValue(rawX)}${note()}`,
    ];
  }
  if (!Number.isFinite(T) || T < 0 || T > MAX_TIME)
    return [
      'age',
      `must be a finite time, 0 or more${Number.isFinite(T) && T > MAX_TIME ? ` and at most ${MAX_TIME}` : ''}, got ${describeValue(rawT)}${note()}`,
    ];
  if (!Number.isFinite(tx) || tx < 0 || tx > T) {
    return ['recency', `must be a time between 0 and age (${T}), got ${describeValue(rawTx)}${note()}`];
  }
  if (x === 0 && tx !== 0) return ['recency', `must be 0 when frequency is 0 (no repeat purchase), got ${tx}${note()}`];
  if (x > 0 && tx === 0) return ['recency', `must be greater than 0 when there are repeat purchases${note()}`];
  return undefined;
}

/**
 * Reads customer summaries, checks 0 <= t_x <= T, x whole, and x = 0 implies
 * t_x = 0, and merges identical rows (many customers without repeats share
 * their (0, 0, T)), which makes every likelihood evaluation cheaper.
 * Each row's cells are read once (`holdoutColumn` too, when named, into
 * `holdout`); the unmerged values are kept in `rows`. Returns the data or
 * [path, reason]; a row's reason names its customerId when it has one.
 */
export function readFrequencyRecency(
  value: unknown,
  holdoutColumn?: 'holdoutPurchases',
): FrequencyRecencyData | [PropertyKey[], string] {
  const read = readSummaryRows(value, '{ frequency, recency, age }');
  if (Array.isArray(read)) return read;
  const { rows, count } = read;
  if (count === 0) return [[], 'must hold at least one customer, got none'];
  const xs = new Float64Array(count);
  const txs = new Float64Array(count);
  const ts = new Float64Array(count);
  const ws = new Float64Array(count);
  const holdout = holdoutColumn === undefined ? undefined : new Float64Array(count);
  let customers = 0;
  let i = 0;
  let cell = '';
  try {
    for (; i < count; i++) {
      cell = '';
      const row = rows[i] as Record<string, unknown> | null;
      if (typeof row !== 'object' || row === null)
        return [[i], `must be { frequency, recency, age }, got ${describeValue(row)}`];
      cell = 'frequency';
      const rawX = row.frequency;
      cell = 'recency';
      const rawTx = row.recency;
      cell = 'age';
      const rawT = row.age;
      cell = 'customerId';
      const id = row.customerId;
      cell = 'customers';
      const rawCustomers = row.customers;
      cell = holdoutColumn ?? '';
      const rawHoldout = holdoutColumn === undefined ? undefined : row[holdoutColumn];
      cell = '';
      const note = () =>
        (id === undefined ? '' : ` (customerId ${describeValue(id)})`) + slipNote(SUMMARY_COLUMNS, [rawX, rawTx, rawT]);
      const x = cellNumber(rawX);
      const tx = cellNumber(rawTx);
      const T = cellNumber(rawT);
      const broken = summaryRule(x, tx, T, rawX, rawTx, rawT, note);
      if (broken !== undefined) return [[i, broken[0]], broken[1]];
      const weight = rowCustomers(rawCustomers, note);
      if (typeof weight === 'string') return [[i, 'customers'], weight];
      if (holdout !== undefined && weight !== 1) {
        return [
          [i, 'customers'],
          `must be 1 (or left out) here: holdout purchases are per customer, so the holdout checks take one row per customer, got ${describeValue(rawCustomers)}${note()}`,
        ];
      }
      ws[i] = weight;
      customers += weight;
      if (holdout !== undefined) {
        const h = cellNumber(rawHoldout);
        if (!Number.isInteger(h) || h < 0 || h > MAX_FREQUENCY) {
          return [
            [i, holdoutColumn as string],
            `must be a whole number of holdout purchases (summarise with a holdoutEnd), got ${describeValue(rawHoldout)}${note()}`,
          ];
        }
        holdout[i] = h;
      }
      xs[i] = x;
      txs[i] = tx;
      ts[i] = T;
    }
  } catch (error) {
    return [cell === '' ? [i] : [i, cell], unreadableRule(error)];
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
  if (customers === 0) return [[], 'must hold at least one customer: every row has customers 0'];
  const keys: Array<[number, number, number, number]> = [];
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const w = ws[i] as number;
    if (w === 0) continue;
    const last = keys[keys.length - 1];
    if (last !== undefined && last[0] === xs[i] && last[1] === txs[i] && last[2] === ts[i]) last[3] += w;
    else keys.push([xs[i] as number, txs[i] as number, ts[i] as number, w]);
  }
  const n = keys.length;
  const ages = new Map<number, number>();
  const recencies = new Map<number, number>();
  const data: FrequencyRecencyData = {
    unitDays: read.unitDays,
    rows: { frequency: xs, recency: txs, age: ts, weight: ws, holdout },
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    weight: new Float64Array(n),
    customers,
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
