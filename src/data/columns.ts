/**
 * The public types of a table given as columns, which every data function
 * and batch scorer takes: read by src/internal/columns.ts.
 */

/**
 * A column as an Apache Arrow vector holds it (a column of an Arrow table,
 * or of a DuckDB or Parquet reader's Arrow result): read as a whole through
 * `toArray()`, or cell by cell when it has nulls, so that a null stays a null.
 *
 * @expand
 * @category Customer data
 */
export interface ColumnVector {
  /** The cells, as an array or a typed array. */
  toArray(): ArrayLike<unknown>;
  /** The number of cells. */
  readonly length: number;
}

/**
 * One column of a table given as columns: an array, a typed array, or an
 * Arrow vector ({@link ColumnVector}), one cell per row.
 *
 * @category Customer data
 */
export type Column<T> = ArrayLike<T> | ColumnVector;

/**
 * An Apache Arrow table, or anything read like one: each column is taken
 * by name through `getChild(name)` (null when the table has none). Columns
 * the function does not read are left alone.
 *
 * @expand
 * @category Customer data
 */
export interface ColumnTable {
  /** The column `name`, or null when the table has none. */
  getChild(name: string): ColumnVector | null;
}
