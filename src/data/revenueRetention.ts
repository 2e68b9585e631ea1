import { CellCursor, cellAt, isColumnTable, readColumns } from '../internal/columns';
import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue } from '../internal/numeric';
import { readFailure, refuseUnknownKeys } from '../internal/read';
import { IntegerSum, readAmount, wholeAt } from '../internal/revenues';
import { CustomerIndex, isRow, RowCursor, readId, readRows, slipNote } from '../internal/rows';
import { fail, type MetricSchema, parseInput, readerSchema } from '../internal/schema';
import type { Column, ColumnTable } from './columns';

/**
 * A customer's recurring revenue at one moment (monthly recurring revenue, say).
 *
 * @category Customer data
 */
export interface CustomerRevenue {
  /** The customer, as a string or a number. */
  customerId: string | number;
  /** Recurring revenue, 0 or more: a number, a decimal string, a bigint or a Decimal. */
  revenue: number | string | bigint | Decimal;
}

/**
 * Revenues as columns, one cell per customer (or per row of one: several
 * are added together): the form a query result or a CSV read column by
 * column has.
 *
 * @expand
 * @category Customer data
 */
export interface RevenueColumns {
  /** Each row's customer: strings or numbers (an array, or a typed array of numeric ids). */
  customerId: Column<string | number>;
  /**
   * Each row's recurring revenue, 0 or more: numbers (a `Float64Array` or an
   * array) or decimal strings, read exactly as in the row form.
   */
  revenue: Column<number | string | bigint | Decimal>;
}

/**
 * Input of {@link revenueRetention}.
 *
 * @expand
 * @category Customer data
 */
export interface RevenueRetentionOptions {
  /** Each customer's recurring revenue at the start of the period: rows, or columns ({@link RevenueColumns}). */
  startRevenue: readonly CustomerRevenue[] | RevenueColumns | ColumnTable;
  /** Each customer's recurring revenue at the end of the period (absent or 0: churned): rows or columns. */
  endRevenue: readonly CustomerRevenue[] | RevenueColumns | ColumnTable;
}

/**
 * Result of {@link revenueRetention}: all exact Decimals in the revenue's currency, or fractions.
 *
 * @expand
 * @category Customer data
 */
export interface RevenueRetentionResult {
  /** Recurring revenue at the start, from customers with revenue above 0. */
  startingRevenue: Decimal;
  /** Those customers' revenue at the end. */
  retainedRevenue: Decimal;
  /** Increases among them (upgrades, more seats). */
  expansion: Decimal;
  /** Decreases among customers who stayed (downgrades). */
  contraction: Decimal;
  /** Start revenue of customers with none at the end. */
  churnedRevenue: Decimal;
  /** End revenue of customers with none at the start (not part of NRR or GRR). */
  newRevenue: Decimal;
  /** NRR = (start + expansion - contraction - churned) / start. */
  netRevenueRetention: Decimal;
  /** GRR = (start - contraction - churned) / start, at most 1. */
  grossRevenueRetention: Decimal;
  /** Gross revenue churn = (contraction + churned) / start = 1 - GRR. */
  grossRevenueChurn: Decimal;
}

/** One list of revenues as read: its rows, or its columns (an id column and a revenue column). */
type RevenueSource =
  | { field: string; length: number; list: readonly unknown[]; ids?: undefined; revenues?: undefined }
  | { field: string; length: number; list?: undefined; ids: ArrayLike<unknown>; revenues: ArrayLike<unknown> };

function readSource(fn: string, value: unknown, field: string): RevenueSource {
  if (isColumnTable(value)) {
    const { length, columns } = readColumns(fn, value as object, field, REVENUE_COLUMNS);
    const ids = columns.get('customerId') as ArrayLike<unknown>;
    return { field, length, ids, revenues: columns.get('revenue') as ArrayLike<unknown> };
  }
  return { field, ...readRows(fn, value, field, '{ customerId, revenue }') };
}

/**
 * Both lists, rows or columns, read into one index of customers, each row's
 * revenue as a double that holds it exactly where it can (see readAmount),
 * else a Decimal.
 */
function readLists(fn: string, startRows: unknown, endRows: unknown) {
  const shape = '{ customerId, revenue }';
  const lists = [readSource(fn, startRows, 'startRevenue'), readSource(fn, endRows, 'endRevenue')] as const;
  const startCount = lists[0].length;
  const rows = startCount + lists[1].length;
  // One index over both lists: an id is the same customer in both, and 1 against '1' is refused.
  const pathOf = (list: RevenueSource, i: number) =>
    list.list === undefined ? `${list.field}.customerId[${i}]` : `${list.field}[${i}].customerId`;
  const customerIndex = new CustomerIndex((k) =>
    k < startCount ? pathOf(lists[0], k) : pathOf(lists[1], k - startCount),
  );
  preferTable(customerIndex, lists);
  const owner = new Int32Array(rows);
  const values = new Float64Array(rows);
  let decimals: Decimal[] | undefined;
  let scale = 0;
  let k = 0;
  // Keeps a revenue read from a row or a cell: a double where it holds it exactly, else a Decimal.
  const keep = (read: number | Decimal) => {
    if (typeof read === 'number') {
      values[k] = read;
      scale = wholeAt(read, scale);
    } else {
      decimals ??= [];
      decimals[k] = read;
    }
  };
  for (const source of lists) {
    const { field, length, list } = source;
    if (list === undefined) {
      // Columns: each cell read once, by index; errors name the column and the cell.
      const cell = new CellCursor(field);
      try {
        for (let i = 0; i < length; i++, k++) {
          cell.row = i;
          cell.column = 'customerId';
          owner[k] = customerIndex.of(fn, readId(fn, cellAt(fn, source.ids, i, cell.path), cell.path), k);
          cell.column = 'revenue';
          const read = readAmount(cellAt(fn, source.revenues, i, cell.path));
          if (typeof read === 'string') fail(fn, cell.path(), read);
          keep(read);
        }
      } catch (error) {
        throw readFailure(fn, cell.path(), error);
      }
      continue;
    }
    const cursor = new RowCursor(fn, field);
    try {
      for (let i = 0; i < length; i++, k++) {
        cursor.row = i;
        cursor.cell = '';
        const row = list[i];
        if (!isRow(row)) fail(fn, `${field}[${i}]`, `must be ${shape}, got ${describeValue(row)}`);
        cursor.cell = 'customerId';
        const rawId = row.customerId;
        cursor.cell = 'revenue';
        const revenue = row.revenue;
        cursor.cell = '';
        const note = () => slipNote(REVENUE_COLUMNS, [rawId, revenue]);
        owner[k] = customerIndex.of(fn, readId(fn, rawId, `${field}[${i}].customerId`, note), k);
        const read = readAmount(revenue);
        if (typeof read === 'string') fail(fn, `${field}[${i}].revenue`, `${read}${note()}`);
        keep(read);
      }
    } catch (error) {
      throw cursor.failure(error);
    }
  }
  return { customers: customerIndex.size, startRows: startCount, owner, values, decimals, scale };
}

/**
 * Lets the index look ids up in a table when both lists are columns whose
 * ids are typed arrays: it checks the two id columns as one (an id of the
 * end list beyond the start list's range must fit the table too).
 */
function preferTable(customerIndex: CustomerIndex, lists: readonly [RevenueSource, RevenueSource]): void {
  const [start, end] = lists;
  if (start.ids === undefined || end.ids === undefined) return;
  customerIndex.preferTableForAll([start.ids, end.ids], [start.length, end.length]);
}

const REVENUE_COLUMNS = ['customerId', 'revenue'] as const;

/**
 * Each customer's start and end revenue, summed over their rows, in units of
 * 10^-scale as whole numbers below 2^53; undefined when a revenue has more
 * than nine decimal places or a sum outgrows that range.
 */
function scaledSums(v: ReturnType<typeof readLists>): [Float64Array, Float64Array, number] | undefined {
  if (v.decimals !== undefined || v.scale > 9) return undefined;
  const factor = 10 ** v.scale;
  const sums = [new Float64Array(v.customers), new Float64Array(v.customers)] as const;
  for (let k = 0; k < v.owner.length; k++) {
    const side = sums[k < v.startRows ? 0 : 1];
    const c = v.owner[k] as number;
    const sum = (side[c] as number) + Math.round((v.values[k] as number) * factor);
    if (sum > Number.MAX_SAFE_INTEGER) return undefined;
    side[c] = sum;
  }
  return [sums[0], sums[1], factor];
}

/**
 * Adds one customer's start and end revenue to the six totals (0 starting,
 * 1 retained, 2 expansion, 3 contraction, 4 churned, 5 new), in whatever
 * arithmetic the caller sums in: the one place that says which is which.
 */
function allocate<T>(
  start: T,
  end: T,
  startIsZero: boolean,
  endIsZero: boolean,
  grew: boolean,
  minus: (a: T, b: T) => T,
  add: (total: number, amount: T) => void,
): void {
  if (startIsZero) {
    add(5, end);
    return;
  }
  add(0, start);
  add(1, end);
  if (endIsZero) add(4, start);
  else if (grew) add(2, minus(end, start));
  else add(3, minus(start, end));
}

/**
 * Net and gross revenue retention (NRR, GRR) over a period, from each
 * customer's recurring revenue at its start and end, with expansion,
 * contraction and churned revenue reported separately.
 *
 * @remarks
 * Only customers with revenue at the start count, in NRR and GRR as below.
 *
 * ```math
 * \begin{aligned}
 * \text{NRR} &= \frac{\text{start} + \text{expansion} - \text{contraction} - \text{churned}}{\text{start}}, \\
 * \text{GRR} &= \frac{\text{start} - \text{contraction} - \text{churned}}{\text{start}}
 * \end{aligned}
 * ```
 *
 * New customers' revenue is reported as `newRevenue` and kept out of both. Several rows of one customer
 * are added together. Exact Decimal arithmetic throughout.
 *
 * Cost: O(rows), with a Map entry per customer. Revenues given as numbers or
 * short decimal strings (up to nine decimal places) are summed as exact
 * scaled integers, with no Decimal per customer; others fall back to Decimals.
 *
 * @param options - the revenue per customer at the start and at the end,
 *   each as rows or as columns ({@link RevenueColumns}: `{ customerId: [...],
 *   revenue: Float64Array }`, an Arrow table too).
 * @returns the components and the three rates.
 * @throws {@link MetricInputError} naming the row for a missing id or a negative or non-numeric revenue, or when the starting revenue is 0.
 *
 * @example
 * ```ts
 * import { revenueRetention } from 'retention-metrics';
 *
 * const r = revenueRetention({
 *   startRevenue: [{ customerId: 'a', revenue: 100 }, { customerId: 'b', revenue: 50 }, { customerId: 'c', revenue: 50 }],
 *   endRevenue: [{ customerId: 'a', revenue: 130 }, { customerId: 'b', revenue: 40 }, { customerId: 'd', revenue: 70 }],
 * });
 * [r.expansion, r.contraction, r.churnedRevenue].map(String);
 * //=> ['30', '10', '50']
 * r.netRevenueRetention.toString();
 * //=> '0.85'
 * r.grossRevenueRetention.toString();
 * //=> '0.7'
 * ```
 *
 * @category Customer data
 */
export function revenueRetention(options: RevenueRetentionOptions): RevenueRetentionResult {
  const fn = 'revenueRetention';
  const v = parseInput(fn, revenueRetentionInput, options);
  // Six exact totals: starting, retained, expansion, contraction, churned, new.
  const totals: Decimal[] = [];
  const scaled = scaledSums(v);
  if (scaled !== undefined) {
    // Whole numbers of 10^-scale units: a number addition per customer, carried into a bigint.
    const [start, end, factor] = scaled;
    const sums = Array.from({ length: 6 }, () => new IntegerSum());
    const add = (i: number, x: number) => (sums[i] as IntegerSum).add(x);
    const minus = (a: number, b: number) => a - b;
    for (let c = 0; c < v.customers; c++) {
      const s = start[c] as number;
      const e = end[c] as number;
      allocate(s, e, s === 0, e === 0, e > s, minus, add);
    }
    for (const sum of sums) totals.push(sum.value().div(factor));
  } else {
    // Decimals, for revenues that need them: one per customer and list.
    const zero = new Exact(0);
    const sums = [new Array<Decimal>(v.customers).fill(zero), new Array<Decimal>(v.customers).fill(zero)];
    for (let k = 0; k < v.owner.length; k++) {
      const side = sums[k < v.startRows ? 0 : 1] as Decimal[];
      const c = v.owner[k] as number;
      side[c] = (side[c] as Decimal).plus(v.decimals?.[k] ?? (v.values[k] as number));
    }
    totals.push(zero, zero, zero, zero, zero, zero);
    const add = (i: number, x: Decimal) => {
      totals[i] = (totals[i] as Decimal).plus(x);
    };
    const minus = (a: Decimal, b: Decimal) => a.minus(b);
    for (let c = 0; c < v.customers; c++) {
      const s = sums[0]?.[c] as Decimal;
      const e = sums[1]?.[c] as Decimal;
      allocate(s, e, s.isZero(), e.isZero(), e.gt(s), minus, add);
    }
  }
  const [starting, retained, expansion, contraction, churned, newRevenue] = totals as [
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
    Decimal,
  ];
  if (starting.isZero())
    fail(fn, 'startRevenue', 'must hold some revenue above 0: retention of no revenue is undefined');
  const lost = contraction.plus(churned);
  return {
    startingRevenue: toResult(starting),
    retainedRevenue: toResult(retained),
    expansion: toResult(expansion),
    contraction: toResult(contraction),
    churnedRevenue: toResult(churned),
    newRevenue: toResult(newRevenue),
    netRevenueRetention: toResult(starting.plus(expansion).minus(lost).div(starting)),
    grossRevenueRetention: toResult(starting.minus(lost).div(starting)),
    grossRevenueChurn: toResult(lost.div(starting)),
  };
}

const revenueRetentionInput = /* @__PURE__ */ readerSchema((input) => {
  refuseUnknownKeys('revenueRetention', input, ['startRevenue', 'endRevenue']);
  return readLists('revenueRetention', input.startRevenue, input.endRevenue);
});

/**
 * The zod schema {@link revenueRetention} validates its input with.
 *
 * @category Input schemas (zod)
 */
export const revenueRetentionSchema: MetricSchema = revenueRetentionInput;
