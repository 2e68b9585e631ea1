/**
 * The warehouse recipes in docs/sql/postgres/ compute, on a real PostgreSQL
 * server, the same numbers the library's data functions compute in memory.
 *
 * A throwaway server (test/support/postgres.ts) starts before the tests, on
 * 127.0.0.1 at a free port, in a temporary directory deleted afterwards. Each
 * suite loads its tables into a database of its own with COPY FROM STDIN,
 * through psql; the recipes run as the files are written, their parameters
 * set as the DuckDB test sets them, and the rows are checked against the
 * library by the same expectations (test/sql/shared.ts, test/sql/rfm.ts).
 *
 * Without PostgreSQL binaries (Debian's postgresql package) the test is
 * skipped, with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres, type PostgresServer, startPostgres } from '../support/postgres';
import { describeRfmRecipes } from './rfm';
import { type ColumnType, describeRecipes, type Engine, type EngineSpec, type Row, type Table } from './shared';

const binaries = findPostgres();
const skip = typeof binaries === 'string';
if (typeof binaries === 'string') {
  console.warn(`test/sql/postgres: ${binaries}; the PostgreSQL recipe test is skipped (apt-get install postgresql)`);
}

let server: PostgresServer | undefined;
beforeAll(async () => {
  if (typeof binaries !== 'string') server = await startPostgres(binaries);
});
afterAll(async () => {
  await server?.stop();
});

const pgType: Record<ColumnType, string> = {
  text: 'text',
  bigint: 'bigint',
  instant: 'timestamp(3)',
  date: 'date',
  money: 'numeric(18,2)',
};

/** A CSV field: instants (epoch ms) as UTC text, NULL as an unquoted empty field, text quoted when it must be. */
function field(value: string | number | null, type: ColumnType): string {
  if (value === null) return '';
  if (type === 'instant') return new Date(value).toISOString().slice(0, 23).replace('T', ' ');
  const text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

let databases = 0;

/** Makes a new database on the server and loads the tables into it. */
async function open(tables: Table[]): Promise<Engine> {
  const pg = server;
  if (pg === undefined) throw new Error('no PostgreSQL server');
  const database = `recipes_${++databases}`;
  await pg.execute(`CREATE DATABASE ${database}`);
  for (const table of tables) {
    const columns = Object.entries(table.columns);
    await pg.execute(
      `CREATE TABLE ${table.name} (${columns.map(([name, type]) => `"${name}" ${pgType[type]}`).join(', ')})`,
      database,
    );
    const csv = table.rows
      .map((row) => row.map((value, i) => field(value, (columns[i] as [string, ColumnType])[1])).join(','))
      .join('\n');
    await pg.copyIn(
      table.name,
      columns.map(([name]) => name),
      `${csv}\n`,
      database,
    );
    await pg.execute(`ANALYZE ${table.name}`, database);
  }
  const query = (sql: string) => pg.query(sql, database) as Promise<Row[]>;
  return {
    query,
    async columns(sql) {
      const rows = await pg.query(sql, database);
      const names = rows[0] === undefined ? [] : Object.keys(rows[0]);
      return names.map((name) => rows.map((row) => row[name] ?? null));
    },
    close: () => (server === undefined ? undefined : pg.execute(`DROP DATABASE ${database}`)),
  };
}

const spec: EngineSpec = {
  dialect: 'postgres',
  name: 'PostgreSQL',
  skip,
  open,
  // A NUMERIC sum of `CASE ... THEN revenue ELSE 0 END` over no revenue row is the integer-scale 0
  // in PostgreSQL ('0'), where DuckDB keeps the column's scale ('0.00'): the same number.
  moneyText: (value) => (/^-?\d+$/.test(String(value)) ? `${String(value)}.00` : String(value)),
};

describe.skipIf(skip)('the PostgreSQL server of this test', () => {
  it('runs on 127.0.0.1 at a port of its own', async () => {
    expect(server?.version).toMatch(/^PostgreSQL \d+/);
    const [row] = (await server?.query(
      "SELECT current_setting('listen_addresses') AS listen, current_setting('port') AS port, current_setting('TimeZone') AS zone",
    )) ?? [{}];
    expect(row).toEqual({ listen: '127.0.0.1', port: String(server?.port), zone: 'UTC' });
  });
});

describeRecipes(spec);
describeRfmRecipes(spec);
