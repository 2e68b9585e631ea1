/**
 * The scoring SQL (bgNbdProbabilityAliveSql, gammaGammaExpectedSpendSql,
 * sbgRetentionRateSql) run in DuckDB and in a throwaway PostgreSQL server
 * (test/support/postgres.ts; skipped with a message without the binaries)
 * over the CDNOW sample's summaries and generated edge cases, each row's
 * value against the library's own per-customer function to 1e-12; and the
 * refusals of what must not reach the SQL text.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bgNbdProbabilityAlive,
  bgNbdProbabilityAliveSql,
  gammaGammaExpectedSpend,
  gammaGammaExpectedSpendSql,
  sbgRetentionRate,
  sbgRetentionRateSql,
} from '../../src';
import { expectInputError, expectRelative } from '../models/independent';
import { readCdnowSummary } from '../support/cdnow';
import { findPostgres, type PostgresServer, startPostgres } from '../support/postgres';

// The published CDNOW fits (Fader, Hardie and Lee 2005) and Fader and Hardie's (2007) regular cohort.
const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const sbg = { alpha: 0.704, beta: 1.182 };

interface Summary {
  frequency: number;
  recency: number;
  age: number;
  monetaryValue: number;
}
const customers: Summary[] = [
  ...readCdnowSummary().map(({ frequency, recency, age, monetaryValue }) => ({
    frequency,
    recency,
    age,
    monetaryValue,
  })),
  // Edges: no repeat, the last purchase at the end, thousands of purchases, a long silence, a spend of 0.
  { frequency: 0, recency: 0, age: 0.5, monetaryValue: 0 },
  { frequency: 3, recency: 20, age: 20, monetaryValue: 12 },
  { frequency: 2000, recency: 70, age: 70.5, monetaryValue: 40 },
  { frequency: 40, recency: 1, age: 78, monetaryValue: 1.5 },
  { frequency: 2, recency: 5, age: 60, monetaryValue: 0 },
];

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  // Every value written as its shortest round-trip decimal: DuckDB reads back the same double.
  const rows = customers
    .map((c, i) => `(${i}, ${c.frequency}, ${c.recency}, ${c.age}, ${c.monetaryValue})`)
    .join(',\n');
  await connection.run(
    `CREATE TABLE summaries AS SELECT * FROM (VALUES ${rows}) AS t(id, frequency, recency, age, monetary_value)`,
  );
});

afterAll(() => {
  connection?.closeSync();
});

async function column(expression: string, table = 'summaries'): Promise<number[]> {
  const reader = await connection.runAndReadAll(`SELECT ${expression} AS v FROM ${table} ORDER BY id`);
  return reader.getRows().map((row) => Number(row[0]));
}

describe('scoring SQL in DuckDB', () => {
  it('bgNbdProbabilityAliveSql gives bgNbdProbabilityAlive for every customer', async () => {
    const values = await column(bgNbdProbabilityAliveSql(bg));
    expect(values.length).toBe(customers.length);
    customers.forEach((c, i) => {
      const expected = bgNbdProbabilityAlive(bg, c);
      if (expected === 0) expect(values[i], `row ${i}`).toBe(0);
      else expectRelative(values[i] as number, expected, 1e-12, `row ${i}`);
    });
  });

  it('gammaGammaExpectedSpendSql gives gammaGammaExpectedSpend for every customer', async () => {
    const values = await column(gammaGammaExpectedSpendSql(spend));
    customers.forEach((c, i) => {
      expectRelative(values[i] as number, gammaGammaExpectedSpend(spend, c), 1e-12, `row ${i}`);
    });
  });

  it('sbgRetentionRateSql gives sbgRetentionRate for tenures 1 to 100', async () => {
    await connection.run('CREATE TABLE tenures AS SELECT range AS id, range AS renewals FROM range(1, 101)');
    const values = await column(sbgRetentionRateSql(sbg, { columns: { period: 'renewals' } }), 'tenures');
    expect(values.length).toBe(100);
    values.forEach((value, i) => {
      expectRelative(value, sbgRetentionRate(sbg, { period: i + 1 }), 1e-15, `period ${i + 1}`);
    });
  });

  it('reads renamed and qualified columns', async () => {
    await connection.run(
      'CREATE TABLE renamed AS SELECT id, frequency AS x, recency AS "t x", age AS t_cal FROM summaries',
    );
    const values = await column(
      bgNbdProbabilityAliveSql(bg, { columns: { frequency: 's.x', recency: 's."t x"', age: 's.t_cal' } }),
      'renamed AS s',
    );
    expectRelative(values[0] as number, bgNbdProbabilityAlive(bg, customers[0] as Summary), 1e-12, 'row 0');
  });
});

const binaries = findPostgres();
if (typeof binaries === 'string') {
  console.warn(`test/sql/scoring-sql: ${binaries}; the PostgreSQL part is skipped (apt-get install postgresql)`);
}

describe.skipIf(typeof binaries === 'string')('scoring SQL in PostgreSQL', () => {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres(binaries as Exclude<typeof binaries, string>);
    const rows = customers
      .map((c, i) => `(${i}, ${c.frequency}, ${c.recency}, ${c.age}, ${c.monetaryValue})`)
      .join(',\n');
    await server.execute(
      `CREATE TABLE summaries AS SELECT * FROM (VALUES ${rows}) AS t(id, frequency, recency, age, monetary_value);
       CREATE TABLE tenures AS SELECT g AS id, g AS renewals FROM generate_series(1, 100) AS g;`,
    );
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  // PostgreSQL 12 and later print a double as its shortest round-trip decimal: Number() reads back the same value.
  const pgColumn = async (expression: string, table = 'summaries') =>
    (await (server as PostgresServer).query(`SELECT ${expression} AS v FROM ${table} ORDER BY id`)).map((row) =>
      Number(row.v),
    );

  it('bgNbdProbabilityAliveSql and gammaGammaExpectedSpendSql give the library values for every customer', async () => {
    const alive = await pgColumn(bgNbdProbabilityAliveSql(bg, { dialect: 'postgres' }));
    const spent = await pgColumn(gammaGammaExpectedSpendSql(spend, { dialect: 'postgres' }));
    expect(alive.length).toBe(customers.length);
    customers.forEach((c, i) => {
      const expected = bgNbdProbabilityAlive(bg, c);
      if (expected === 0) expect(alive[i], `row ${i}`).toBe(0);
      else expectRelative(alive[i] as number, expected, 1e-12, `P(alive), row ${i}`);
      expectRelative(spent[i] as number, gammaGammaExpectedSpend(spend, c), 1e-12, `spend, row ${i}`);
    });
  });

  it('sbgRetentionRateSql gives sbgRetentionRate for tenures 1 to 100', async () => {
    const values = await pgColumn(
      sbgRetentionRateSql(sbg, { dialect: 'postgres', columns: { period: 'renewals' } }),
      'tenures',
    );
    expect(values.length).toBe(100);
    values.forEach((value, i) => {
      expectRelative(value, sbgRetentionRate(sbg, { period: i + 1 }), 1e-15, `period ${i + 1}`);
    });
  });
});

describe('scoring SQL refusals', () => {
  it('lets nothing but identifiers into the SQL text', () => {
    expectInputError(
      () => bgNbdProbabilityAliveSql(bg, { columns: { age: 'age); DROP TABLE summaries; --' } }),
      /^bgNbdProbabilityAliveSql: columns\.age must be a column name/,
    );
    expectInputError(
      () => bgNbdProbabilityAliveSql(bg, { dialect: 'bigquery' as never }),
      /^bgNbdProbabilityAliveSql: dialect must be one of 'duckdb', 'postgres', got "bigquery"$/,
    );
    expectInputError(
      () => gammaGammaExpectedSpendSql({ ...spend, q: 1 }),
      /^gammaGammaExpectedSpendSql: parameters\.q must be greater than 1/,
    );
    expectInputError(() => sbgRetentionRateSql({ alpha: -1, beta: 1 }), /^sbgRetentionRateSql: parameters\.alpha /);
  });
});
