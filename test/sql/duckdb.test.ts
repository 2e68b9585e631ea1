/**
 * The warehouse recipes in docs/sql/duckdb/ compute, inside DuckDB, the same
 * numbers the library's data functions compute in memory.
 *
 * The data, the hand-counted cases and every expectation are in
 * test/sql/shared.ts and test/sql/rfm.ts, shared with the PostgreSQL test
 * (test/sql/postgres.test.ts); this file loads the tables into DuckDB (from
 * npm, `@duckdb/node-api`) and runs the suites on it. The rows go to DuckDB as
 * CSV files, instants as epoch milliseconds turned into TIMESTAMPs by
 * epoch_ms: faster than text, and exact.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRfmRecipes } from './rfm';
import {
  type ColumnType,
  describeRecipes,
  type Engine,
  type Row,
  recipeParameters,
  sqlDir,
  type Table,
} from './shared';

const dir = mkdtempSync(join(tmpdir(), 'retention-metrics-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How each column type travels in the CSV file, and how the table's column is made from it. */
const duckdbColumn: Record<ColumnType, { csv: string; select: (name: string) => string }> = {
  text: { csv: 'VARCHAR', select: (name) => name },
  bigint: { csv: 'BIGINT', select: (name) => name },
  instant: { csv: 'BIGINT', select: (name) => `epoch_ms(${name}) AS ${name}` },
  date: { csv: 'DATE', select: (name) => name },
  money: { csv: 'DECIMAL(18,2)', select: (name) => name },
};

let files = 0;

/** Writes each table to a CSV file and loads it with read_csv into a new in-memory database. */
async function open(tables: Table[]): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  for (const table of tables) {
    const file = join(dir, `${table.name}-${++files}.csv`);
    const lines = table.rows.map((row) => row.map((value) => (value === null ? '' : value)).join(','));
    const names = Object.keys(table.columns);
    writeFileSync(file, `${names.join(',')}\n${lines.join('\n')}\n`);
    const columns = Object.entries(table.columns)
      .map(([name, type]) => `'${name}': '${duckdbColumn[type].csv}'`)
      .join(', ');
    const select = Object.entries(table.columns)
      .map(([name, type]) => duckdbColumn[type].select(`"${name}"`))
      .join(', ');
    await connection.run(
      `CREATE TABLE ${table.name} AS SELECT ${select} FROM read_csv('${file}', header = true, columns = {${columns}})`,
    );
  }
  return {
    query: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Row[],
    // DECIMALs, BIGINTs and TIMESTAMPs as exact strings; faster than row objects.
    columns: async (sql) =>
      (await connection.runAndReadAll(sql))
        .getColumnsJson()
        .map((column) => column.map((value) => (value === null ? null : String(value)))),
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

const spec = { dialect: 'duckdb', name: 'DuckDB', skip: false, open } as const;
describeRecipes(spec);
describeRfmRecipes(spec);

describe('the Postgres recipes', () => {
  const names = readdirSync(join(sqlDir, 'duckdb')).filter((n) => n.endsWith('.sql'));
  /** A recipe's text without what names its dialect: the dialect line and paths to docs/sql/<dialect>/. */
  const dialectFree = (dialect: string, name: string): string =>
    readFileSync(join(sqlDir, dialect, name), 'utf8')
      .replace(/^-- Dialect: .*$/m, '-- Dialect:')
      .replaceAll(`docs/sql/${dialect}/`, 'docs/sql/<dialect>/');

  // test/sql/postgres.test.ts runs these files on a PostgreSQL server; keeping their text equal to the
  // DuckDB text besides keeps the two dialects from drifting apart where the server is not installed.
  it('are the DuckDB recipes, all of them, but for the dialect line and paths', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(readdirSync(join(sqlDir, 'postgres')).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(readFileSync(join(sqlDir, 'postgres', name), 'utf8')).toMatch(/^-- Dialect: PostgreSQL\./m);
      expect(dialectFree('postgres', name), name).toBe(dialectFree('duckdb', name));
      expect([...recipeParameters(readFileSync(join(sqlDir, 'postgres', name), 'utf8')).keys()].length).toBeGreaterThan(
        0,
      );
    }
  });
});
