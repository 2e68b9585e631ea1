import { columnOf, columnValues, isArrowTable } from '../../internal/columns';
import { MetricInputError } from '../../internal/errors';
import { cellNumber, describeValue } from '../../internal/numeric';
import { unreadableRule } from '../../internal/read';
import { readId, slipNote } from '../../internal/rows';
import { fail, formatPath, isOptionsObject } from '../../internal/schema';
import { rowCustomers } from '../internal/inputs';
import { refuseWithoutAmounts } from '../nbd/amounts';
import { readSummaryRows, summaryRule } from '../nbd/summaryData';

/**
 * A customer id as a scoring table carries it.
 *
 * @category Batch scoring
 */
export type CustomerId = string | number;

/** A table of customers, read into columns: what every batch scorer works on. */
export interface CustomerColumns {
  count: number;
  /** Each row's id, when the table has ids (all rows or none). */
  ids: CustomerId[] | undefined;
  /** Days per time unit, when the table records it (an rfmSummary result does). */
  unitDays: number | undefined;
  /** The named numeric columns, read and checked. */
  values: Record<string, Float64Array>;
  /**
   * How many customers each row stands for, when the table is grouped (its
   * rows, or one of them, carry `customers`, or it has a `customers` column).
   */
  weights: Float64Array | undefined;
  /** The customers the table stands for: the rows, or the sum of `weights`. */
  customers: number;
}

/**
 * A column of a columnar table: a plain array or a typed array.
 *
 * @category Batch scoring
 */
export type ColumnValues = ArrayLike<unknown>;

type CellCheck = (values: number[], raw: unknown[], note: () => string) => [string, string] | undefined;

interface TableShape {
  /** The numeric columns, in order. */
  columns: readonly string[];
  /** What a row looks like, for messages. */
  shape: string;
  /** Checks one row's numbers, as [column, reason]. */
  check: CellCheck;
  /** Whether the rows must carry spend: a summary made without amounts is refused. */
  needsAmounts?: boolean;
}

function isColumnList(value: unknown): value is ColumnValues {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Reads a customer table in any of its three forms: an array of rows, an
 * rfmSummary result (`{ customers, unitDays }`), or an object of columns
 * (plain or typed arrays of one length, with an optional `customerId`
 * column). Each cell is read once; a failure names the table (`field`),
 * the row and the column, and the row's id when it has one.
 */
export function readCustomerTable(
  functionName: string,
  value: unknown,
  field: string,
  table: TableShape,
): CustomerColumns {
  let columnar = false;
  try {
    // Columns: an Arrow table, or an object with the table's columns (a `customers` column among them
    // is a grouped table); an object with `customers` and no columns is an rfmSummary result.
    columnar =
      isOptionsObject(value) &&
      (isArrowTable(value) || table.columns.some((name) => name in (value as Record<string, unknown>)));
  } catch (error) {
    fail(functionName, field, unreadableRule(error));
  }
  return columnar
    ? readColumns(functionName, value as Record<string, unknown>, field, table)
    : readRowTable(functionName, value, field, table);
}

function newColumns(names: readonly string[], count: number): Record<string, Float64Array> {
  const values: Record<string, Float64Array> = {};
  for (const name of names) values[name] = new Float64Array(count);
  return values;
}

function readRowTable(functionName: string, value: unknown, field: string, table: TableShape): CustomerColumns {
  const read = readSummaryRows(value, table.shape);
  if (Array.isArray(read)) fail(functionName, formatPath([field, ...read[0]]), read[1]);
  const { rows, count, unitDays } = read;
  if (count === 0) fail(functionName, field, 'must hold at least one customer, got none');
  if (table.needsAmounts) refuseWithoutAmounts(functionName, value, `${field}.monetaryValue`);
  const values = newColumns(table.columns, count);
  const names = table.columns;
  const width = names.length;
  const raw: unknown[] = new Array(width);
  const numbers: number[] = new Array(width);
  let ids: CustomerId[] | undefined;
  let weights: Float64Array | undefined;
  let i = 0;
  let cell = '';
  try {
    for (; i < count; i++) {
      cell = '';
      const row = rows[i];
      if (!isOptionsObject(row))
        fail(functionName, formatPath([field, i]), `must be ${table.shape}, got ${describeValue(row)}`);
      // A list of rows made without amounts is known by its first row.
      if (i === 0 && table.needsAmounts) refuseWithoutAmounts(functionName, row, `${field}.monetaryValue`);
      for (let k = 0; k < width; k++) {
        cell = names[k] as string;
        raw[k] = row[cell];
      }
      cell = 'customerId';
      const id = row.customerId;
      cell = 'customers';
      const group = row.customers;
      cell = '';
      const note = () => (id === undefined ? '' : ` (customerId ${describeValue(id)})`) + slipNote(names, raw);
      if (group !== undefined) {
        const size = rowCustomers(group, note, GROUP_NOUN);
        if (typeof size === 'string') fail(functionName, formatPath([field, i, 'customers']), size);
        if (weights === undefined) weights = new Float64Array(count).fill(1);
        weights[i] = size;
      }
      ids = rowId(functionName, field, i, id, ids, note);
      for (let k = 0; k < width; k++) numbers[k] = cellNumber(raw[k]);
      const broken = table.check(numbers, raw, note);
      if (broken !== undefined) fail(functionName, formatPath([field, i, broken[0]]), broken[1]);
      for (let k = 0; k < width; k++) (values[names[k] as string] as Float64Array)[i] = numbers[k] as number;
    }
  } catch (error) {
    if (error instanceof MetricInputError) throw error;
    fail(functionName, formatPath(cell === '' ? [field, i] : [field, i, cell]), unreadableRule(error));
  }
  return { count, ids, unitDays, values, weights, customers: weights === undefined ? count : weightTotal(weights) };
}

/** What the customers of a grouped row share, for the messages. */
const GROUP_NOUN = 'row (grouped rows)';

/** The customers of a grouped table: a sum of whole numbers, exact while below 2^53. */
function weightTotal(weights: Float64Array): number {
  let total = 0;
  for (const w of weights) total += w;
  return total;
}

/** The id of row i: every row has one or none does. */
function rowId(
  functionName: string,
  field: string,
  i: number,
  id: unknown,
  ids: CustomerId[] | undefined,
  note: () => string,
): CustomerId[] | undefined {
  if (id === undefined) {
    if (ids !== undefined) {
      fail(
        functionName,
        formatPath([field, i, 'customerId']),
        `is missing, but earlier rows have ids: give every row its id, or none${note()}`,
      );
    }
    return undefined;
  }
  readId(functionName, id, formatPath([field, i, 'customerId']) as string, note);
  if (ids === undefined) {
    if (i > 0)
      fail(
        functionName,
        formatPath([field, i, 'customerId']),
        `is given, but rows before it have none: give every row its id, or none`,
      );
    ids = [];
  }
  ids.push(id as CustomerId);
  return ids;
}

function readColumns(
  functionName: string,
  value: Record<string, unknown>,
  field: string,
  table: TableShape,
): CustomerColumns {
  const names = table.columns;
  const lists: ColumnValues[] = [];
  let count = -1;
  const arrow = isArrowTable(value);
  const readList = (name: string): ColumnValues | undefined => {
    let column: unknown;
    try {
      // An Arrow vector (or a table's child) is read as a whole, through its toArray() or, with nulls, its cells.
      column = columnValues(columnOf(value, name));
    } catch (error) {
      fail(functionName, formatPath([field, name]), unreadableRule(error));
    }
    if (column === undefined) return undefined;
    if (!isColumnList(column)) {
      fail(
        functionName,
        formatPath([field, name]),
        `must be a column (an array, a typed array or an Arrow vector), got ${describeValue(column)}`,
      );
    }
    const length = column.length;
    if (count === -1) count = length;
    else if (length !== count) {
      fail(
        functionName,
        formatPath([field, name]),
        `must have one value per customer: it has ${length}, the ${names[0]} column ${count}`,
      );
    }
    return column;
  };
  for (const name of names) {
    const list = readList(name);
    if (list === undefined)
      fail(functionName, formatPath([field, name]), `is missing: a table of columns needs ${names.join(', ')}`);
    lists.push(list);
  }
  const idList = readList('customerId');
  const groupList = readList('customers');
  // An object's other keys are refused (a misspelt column would otherwise be missed); an Arrow table's
  // other columns are the rest of the user's table, and are left alone.
  for (const key of arrow ? [] : Object.keys(value)) {
    if (key !== 'customerId' && key !== 'customers' && !names.includes(key)) {
      fail(
        functionName,
        formatPath([field, key]),
        `is not a column this function reads (${[...names, 'customerId', 'customers'].join(', ')})`,
      );
    }
  }
  if (count === 0) fail(functionName, field, 'must hold at least one customer, got none');
  const values = newColumns(names, count);
  const width = names.length;
  const raw: unknown[] = new Array(width);
  const numbers: number[] = new Array(width);
  const ids: CustomerId[] | undefined = idList === undefined ? undefined : new Array(count);
  const weights = groupList === undefined ? undefined : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < width; k++) raw[k] = (lists[k] as ColumnValues)[i];
    const id = idList?.[i];
    const note = () => (id === undefined ? '' : ` (customerId ${describeValue(id)})`);
    if (ids !== undefined) ids[i] = readId(functionName, id, formatPath([field, 'customerId', i]) as string);
    if (weights !== undefined) {
      // A hole in the column is a missing count, not a group of one.
      const size = rowCustomers(groupList?.[i] ?? null, note, GROUP_NOUN);
      if (typeof size === 'string') fail(functionName, formatPath([field, 'customers', i]), size);
      weights[i] = size;
    }
    for (let k = 0; k < width; k++) numbers[k] = cellNumber(raw[k]);
    const broken = table.check(numbers, raw, note);
    if (broken !== undefined) fail(functionName, formatPath([field, broken[0], i]), broken[1]);
    for (let k = 0; k < width; k++) (values[names[k] as string] as Float64Array)[i] = numbers[k] as number;
  }
  return {
    count,
    ids,
    unitDays: undefined,
    values,
    weights,
    customers: weights === undefined ? count : weightTotal(weights),
  };
}

/** The shape of a purchase-model table: frequency, recency, age, and monetaryValue when spend is scored. */
export function purchaseTable(withSpend: boolean): TableShape {
  const columns = withSpend ? ['frequency', 'recency', 'age', 'monetaryValue'] : ['frequency', 'recency', 'age'];
  return {
    columns,
    needsAmounts: withSpend,
    shape: withSpend ? '{ frequency, recency, age, monetaryValue }' : '{ frequency, recency, age }',
    check: (n, raw, note) => {
      const broken = summaryRule(n[0] as number, n[1] as number, n[2] as number, raw[0], raw[1], raw[2], note);
      if (broken !== undefined || !withSpend) return broken;
      const m = n[3] as number;
      if (!(m >= 0 && m < Number.POSITIVE_INFINITY)) {
        return [
          'monetaryValue',
          `must be a mean spend, a finite number 0 or more, got ${describeValue(raw[3])}${note()}`,
        ];
      }
      return undefined;
    },
  };
}

/** The shape of a subscriber table: each subscriber's periods active so far. */
export const SUBSCRIBER_TABLE: TableShape = {
  columns: ['periodsActive'],
  shape: '{ periodsActive }',
  check: (n, raw, note) => {
    const periods = n[0] as number;
    return Number.isInteger(periods) && periods >= 1 && periods <= 1e9
      ? undefined
      : [
          'periodsActive',
          `must be the whole number of periods the subscriber has been active (renewals + 1), from 1 to 1e9, got ${describeValue(raw[0])}${note()}`,
        ];
  },
};
