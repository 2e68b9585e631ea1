import * as z from 'zod/mini';
import { cellNumber, describeValue } from '../../internal/numeric';
import { ownKeys, readKey, unreadableRule } from '../../internal/read';
import {
  choiceField,
  fail,
  isOptionsObject,
  type MetricSchema,
  objectSchema,
  optionsWith,
  parseInput,
  readerSchema,
} from '../../internal/schema';
import { optionalNumberField } from '../internal/inputs';
import type { CustomerId } from './customerTable';

/**
 * Any batch scorer's result, as {@link scoreRows} reads it.
 *
 * @expand
 * @category Batch scoring
 */
export interface ScoreTable {
  /** Customers scored: the length of every column. */
  customers: number;
  /** Each customer's id, when the table had ids. */
  customerId?: readonly CustomerId[];
  /** The columns, as `Float64Array`s. */
  columns: object;
}

/**
 * One customer's scores as a row: its id (when the table had ids), its position in the table, and a field per column.
 *
 * @expand
 * @category Batch scoring
 */
export interface ScoreRow {
  /** The customer's id, when the table had ids. */
  customerId?: CustomerId;
  /** The customer's position in the scored table, from 0. */
  index: number;
  /** One field per column of the scores. */
  [column: string]: number | CustomerId | undefined;
}

/**
 * Options of {@link scoreRows}.
 *
 * @expand
 * @category Batch scoring
 */
export interface ScoreRowsOptions {
  /** The column to rank by (`'residualValue'`, `'probabilityAlive'`, ...). Default: the table's order. */
  sortBy?: string;
  /** `'descending'` (default when sorting: the largest first) or `'ascending'`. Ties keep the table's order. */
  order?: 'descending' | 'ascending';
  /** Keep only the first `limit` rows (after sorting), a whole number from 1. */
  limit?: number;
}

const schema = /* @__PURE__ */ buildSchema();

function buildSchema() {
  return objectSchema({
    sortBy: z.optional(
      z.pipe(
        z.unknown(),
        z.transform((value, ctx): string => {
          if (typeof value !== 'string') {
            ctx.issues.push({
              code: 'custom',
              message: `must be a column name, got ${describeValue(value)}`,
              input: value,
            });
          }
          return value as string;
        }),
      ),
    ),
    order: choiceField(['descending', 'ascending'] as const),
    limit: optionalNumberField((v) =>
      Number.isInteger(v) && v >= 1 ? undefined : `must be a whole number of rows, 1 or more, got ${v}`,
    ),
  });
}

/**
 * The scores of a batch scorer ({@link scoreBgNbd}, {@link scoreSbg}, ...)
 * as rows, one per customer, optionally ranked by a column and cut to the
 * top `limit`: the table to hand on.
 *
 * @remarks Cost: O(n) for the rows, O(n log n) to sort; with a small
 * `limit`, only those rows are built.
 * @param scores - a batch scorer's result.
 * @param options - the column to sort by, the order and the number of rows.
 * @returns the rows, each `{ customerId?, index, ...columns }`; `index` is the customer's position in the scored table.
 * @throws {@link MetricInputError} when `sortBy` is not one of the table's columns.
 *
 * @example
 * ```ts
 * import { scoreBgNbd, scoreRows } from 'retention-metrics';
 *
 * const fit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
 * const scores = scoreBgNbd(fit, [
 *   { customerId: 'A', frequency: 2, recency: 30.43, age: 38.86 },
 *   { customerId: 'B', frequency: 0, recency: 0, age: 38.86 },
 * ], { horizon: 39 });
 * scoreRows(scores, { sortBy: 'probabilityAlive', order: 'ascending', limit: 1 }).map((row) => row.customerId);
 * //=> ['A']
 * ```
 *
 * @category Batch scoring
 */
export function scoreRows(scores: ScoreTable, options: ScoreRowsOptions = {}): ScoreRow[] {
  const fn = 'scoreRows';
  const table = readScores(fn, scores);
  const v = parseInput(fn, schema, optionsWith(fn, options, {}));
  const { names, columns, ids } = table;
  const n = table.count;
  let order: number[] = Array.from({ length: n }, (_, i) => i);
  if (v.sortBy !== undefined) {
    const at = names.indexOf(v.sortBy);
    if (at < 0)
      fail(fn, 'sortBy', `must name one of the columns (${names.join(', ')}), got ${describeValue(v.sortBy)}`);
    const key = columns[at] as Float64Array;
    const sign = v.order === 'ascending' ? 1 : -1;
    order.sort((i, j) => sign * ((key[i] as number) - (key[j] as number)) || i - j);
  } else if (v.order !== undefined) {
    fail(fn, 'order', 'needs sortBy: name the column to sort by');
  }
  if (v.limit !== undefined) order = order.slice(0, v.limit);
  return order.map((i) => {
    const row: ScoreRow = ids === undefined ? { index: i } : { customerId: ids[i] as CustomerId, index: i };
    for (let k = 0; k < names.length; k++) row[names[k] as string] = (columns[k] as Float64Array)[i] as number;
    return row;
  });
}

/** Reads each field of a scorer's result once, each read guarded: a result rebuilt by hand is checked. */
function readScores(
  fn: string,
  scores: unknown,
): { count: number; names: string[]; columns: Float64Array[]; ids: readonly CustomerId[] | undefined } {
  const refusal = `must be the result of a batch scorer (scoreBgNbd, scoreSbg, ...), got ${describeValue(scores)}`;
  if (!isOptionsObject(scores)) fail(fn, 'scores', refusal);
  const record = snapshotFields(fn, scores, 'scores');
  if (!isOptionsObject(record.columns)) fail(fn, 'scores.columns', refusal);
  const columnRecord = snapshotFields(fn, record.columns, 'scores.columns');
  const names = Object.keys(columnRecord).filter((name) => columnRecord[name] instanceof Float64Array);
  const columns = names.map((name) => columnRecord[name] as Float64Array);
  if (columns.length === 0)
    fail(fn, 'scores.columns', 'must hold the Float64Array columns of a batch scorer, got none');
  const count = (columns[0] as Float64Array).length;
  // The totals are not used here, but a hand-built result whose fields cannot be read is refused all the same.
  if (isOptionsObject(record.aggregate)) snapshotFields(fn, record.aggregate, 'scores.aggregate');
  if (cellNumber(record.customers) !== count) {
    fail(
      fn,
      'scores.customers',
      `must be the number of rows of the columns (${count}), got ${describeValue(record.customers)}`,
    );
  }
  for (let k = 1; k < columns.length; k++) {
    if ((columns[k] as Float64Array).length !== count) {
      fail(
        fn,
        `scores.columns.${names[k]}`,
        `must have one value per customer (${count}), got ${(columns[k] as Float64Array).length}`,
      );
    }
  }
  const ids = record.customerId;
  if (ids !== undefined && !(Array.isArray(ids) && ids.length === count)) {
    fail(fn, 'scores.customerId', `must be an array of one id per customer (${count}), got ${describeValue(ids)}`);
  }
  return { count, names, columns, ids: ids as CustomerId[] | undefined };
}

/** Every own field of `value`, read once, a failing read refused on `path.field`. */
function snapshotFields(fn: string, value: object, path: string): Record<string, unknown> {
  const keys = ownKeys(value);
  if (!Array.isArray(keys)) fail(fn, path, unreadableRule(keys.error));
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of keys) {
    const read = readKey(value, key);
    if (read.rule !== undefined) fail(fn, `${path}.${key}`, read.rule);
    copy[key] = read.value;
  }
  return copy;
}

/**
 * The zod schema of {@link scoreRows}'s arguments, as `{ scores, ...options }`; it validates by building the rows.
 *
 * @category Input schemas (zod)
 */
export const scoreRowsSchema: MetricSchema = /* @__PURE__ */ readerSchema(({ scores, ...options }) =>
  scoreRows(scores as never, options as never),
) as unknown as MetricSchema;
