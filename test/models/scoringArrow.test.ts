/**
 * The batch scorers read a customer table from Arrow and DuckDB as they
 * read rows: an Apache Arrow table (apache-arrow's tableFromArrays, read
 * through getChild), Arrow vectors in an object of columns, and a DuckDB
 * result (getColumnsObjectJS) whose counts are BIGINTs. The rows are the
 * published CDNOW summary (test/fixtures/cdnow/); each columnar form must
 * give the rows' scores to the last digit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Float64, Int32, Table, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/data/cohortRetention';
import { scoreBgNbd, scoreParetoNbd } from '../../src/models/scoring/scorePurchases';
import { scoreSbg } from '../../src/models/scoring/scoreSubscribers';
import { readCdnowSummary } from '../support/cdnow';
import { expectInputError } from '../support/expectInputError';

// Fader, Hardie and Lee (2005), CDNOW in weeks; Gamma-Gamma from Fader, Hardie and Lee (2005b).
const bg = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const options = { horizon: 39, discountRate: 0.002 };

const cdnow = readCdnowSummary();
const rows = cdnow.map((c) => ({
  customerId: c.id,
  frequency: c.frequency,
  recency: c.recency,
  age: c.age,
  monetaryValue: c.monetaryValue,
}));

describe('batch scorers on Arrow tables and DuckDB results', () => {
  const fromRows = scoreBgNbd({ purchases: bg, spend }, rows, options);

  it('reads an Arrow table (tableFromArrays) as the rows, ids carried through, other columns left alone', () => {
    const table = tableFromArrays({
      customerId: Int32Array.from(rows, (c) => c.customerId),
      frequency: Int32Array.from(rows, (c) => c.frequency),
      recency: Float64Array.from(rows, (c) => c.recency),
      age: Float64Array.from(rows, (c) => c.age),
      monetaryValue: Float64Array.from(rows, (c) => c.monetaryValue),
      // A column the scorers do not read: the rest of the user's table.
      segment: rows.map((c) => (c.frequency > 2 ? 'loyal' : 'other')),
    });
    expect(table.numRows).toBe(2_357);
    const scores = scoreBgNbd({ purchases: bg, spend }, table, options);
    expect(scores).toEqual(fromRows);
    expect(scores.customerId?.slice(0, 3)).toEqual([1, 2, 3]);
    // Without spend, monetaryValue is not read; Pareto/NBD reads the same table.
    const pareto = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 };
    expect(scoreParetoNbd(pareto, table, { horizon: 39 })).toEqual(scoreParetoNbd(pareto, rows, { horizon: 39 }));
  });

  it('reads Arrow vectors in an object of columns, and BIGINT (bigint) counts', () => {
    const columns = {
      frequency: BigInt64Array.from(rows, (c) => BigInt(c.frequency)),
      recency: vectorFromArray(
        rows.map((c) => c.recency),
        new Float64(),
      ),
      age: vectorFromArray(
        rows.map((c) => c.age),
        new Float64(),
      ),
      monetaryValue: rows.map((c) => c.monetaryValue),
      customerId: vectorFromArray(
        rows.map((c) => c.customerId),
        new Int32(),
      ),
    };
    expect(scoreBgNbd({ purchases: bg, spend }, columns, options)).toEqual(fromRows);
  });

  it('names the column and the row of a null in an Arrow vector', () => {
    const recency = rows.map((c): number | null => c.recency);
    recency[7] = null;
    const table = new Table({
      frequency: vectorFromArray(
        rows.map((c) => c.frequency),
        new Float64(),
      ),
      recency: vectorFromArray(recency, new Float64()),
      age: vectorFromArray(
        rows.map((c) => c.age),
        new Float64(),
      ),
    });
    expect(table.getChild('recency')?.nullCount).toBe(1);
    expectInputError(() => scoreBgNbd(bg, table, { horizon: 39 }), /customers\.recency\[7\].*got null/);
  });

  it('refuses an Arrow table without a column it needs, naming it', () => {
    const table = tableFromArrays({
      frequency: Float64Array.from(rows, (c) => c.frequency),
      age: Float64Array.from(rows, (c) => c.age),
    });
    expectInputError(() => scoreBgNbd(bg, table, { horizon: 39 }), /customers\.recency.*is missing/);
  });

  it('scores subscribers from an Arrow table as from rows', () => {
    const tenures = [1, 2, 3, 5, 8, 13, 21, 1, 1, 4];
    const sbg = { alpha: 0.668, beta: 3.806 };
    const table = tableFromArrays({ periodsActive: Int32Array.from(tenures) });
    const fromTenures = scoreSbg(
      sbg,
      tenures.map((periodsActive) => ({ periodsActive })),
      { horizon: 12, discountRate: 0.1 },
    );
    expect(scoreSbg(sbg, table, { horizon: 12, discountRate: 0.1 })).toEqual(fromTenures);
  });

  it('scores a DuckDB summary query (getColumnsObjectJS, BIGINT frequency) as the rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retention-metrics-scoring-'));
    try {
      const csv = join(dir, 'summary.csv');
      writeFileSync(
        csv,
        `id,x,t_x,T,zbar\n${rows.map((c) => `${c.customerId},${c.frequency},${c.recency},${c.age},${c.monetaryValue}`).join('\n')}\n`,
      );
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll(
        `SELECT id::INTEGER AS "customerId", x::BIGINT AS frequency, t_x::DOUBLE AS recency, "T"::DOUBLE AS age, zbar::DOUBLE AS "monetaryValue"
         FROM read_csv('${csv}', header = true) ORDER BY id`,
      );
      const columns = reader.getColumnsObjectJS();
      expect(typeof (columns.frequency as unknown[])[0]).toBe('bigint');
      expect(scoreBgNbd({ purchases: bg, spend }, columns as never, options)).toEqual(fromRows);
      // A BIGINT id arrives as a bigint: refused with the way out, in the scorers and the data functions.
      const bigIds = (
        await connection.runAndReadAll(
          `SELECT id::BIGINT AS "customerId", 0 AS frequency, 0.0 AS recency, 1.0 AS age FROM read_csv('${csv}', header = true) ORDER BY id LIMIT 3`,
        )
      ).getColumnsObjectJS();
      expectInputError(
        () => scoreBgNbd(bg, bigIds as never, { horizon: 39 }),
        /^scoreBgNbd: customers\.customerId\[0\] must be a non-empty string or a number, got 1n.*: a bigint, as a BIGINT column gives; cast the id in the query/,
      );
      expectInputError(
        () =>
          cohortRetention({ customerId: bigIds.customerId as never, at: ['2026-01-01', '2026-01-02', '2026-01-03'] }),
        /^cohortRetention: events\.customerId\[0\] must be .*got 1n.*cast the id in the query/,
      );
      connection.closeSync();
      instance.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
