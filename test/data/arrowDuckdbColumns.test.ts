/**
 * Real columnar inputs: an Apache Arrow table (`apache-arrow`'s
 * tableFromArrays) and a DuckDB query result (`@duckdb/node-api`'s
 * getColumnsObjectJS) of the CDNOW sample purchases, passed to
 * cohortRetention and rfmSummary as they are, give what the rows give; an
 * Arrow vector with nulls keeps them as nulls (an open lifecycle).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Float64, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/data/cohortRetention';
import { periodCounts } from '../../src/data/periodCounts';
import { rfmSummary } from '../../src/models/nbd/rfmSummary';

/** The CDNOW sample (test/fixtures/cdnow/CDNOW_sample.txt): new id, day, dollars. */
function readSample() {
  const ids: number[] = [];
  const days: string[] = [];
  const amounts: number[] = [];
  for (const line of readFileSync(new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8').split('\n')) {
    const [, id, day, , dollars] = line.trim().split(/\s+/);
    if (id === undefined || day === undefined || dollars === undefined) continue;
    ids.push(Number(id));
    days.push(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`);
    amounts.push(Number(dollars));
  }
  const ms = days.map((d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));
  return { ids, days, amounts, ms };
}

const options = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };

describe('real Arrow tables and DuckDB results', () => {
  const sample = readSample();
  const rows = sample.ids.map((customerId, i) => ({
    customerId,
    at: sample.days[i] as string,
    amount: sample.amounts[i] as number,
  }));

  it('reads an Arrow table from tableFromArrays in cohortRetention and rfmSummary as the rows', () => {
    expect(rows).toHaveLength(6_919);
    const table = tableFromArrays({
      customerId: Int32Array.from(sample.ids),
      at: Float64Array.from(sample.ms),
      amount: Float64Array.from(sample.amounts),
    });
    expect(table.numRows).toBe(6_919);
    expect(rfmSummary(table, options)).toEqual(rfmSummary(rows, options));
    expect(cohortRetention(table)).toEqual(cohortRetention(rows));
    // String ids (a dictionary vector in Arrow) read as strings.
    const named = tableFromArrays({ customerId: sample.ids.map((id) => `c${id}`), at: Float64Array.from(sample.ms) });
    expect(cohortRetention(named)).toEqual(
      cohortRetention(rows.map((r) => ({ customerId: `c${r.customerId}`, at: r.at }))),
    );
  });

  it('keeps the nulls of an Arrow vector as nulls: an open lifecycle, not one that ended in 1970', () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const table = tableFromArrays({
      customerId: ['a', 'b', 'c'],
      startedAt: Float64Array.of(day('2026-01-10'), day('2026-01-15'), day('2026-02-03')),
    });
    const endedAt = vectorFromArray([null, day('2026-02-10'), day('2026-02-20')], new Float64());
    expect(endedAt.nullCount).toBe(1);
    const columns = {
      getChild: (name: string) => (name === 'endedAt' ? endedAt : table.getChild(name as 'customerId')),
    };
    const counts = periodCounts(columns as never, { from: '2026-02-01', to: '2026-03-01' });
    // a open from 01-10 (start and end), b left 02-10, c joined and left in February.
    expect([counts.customersAtStart, counts.newCustomers, counts.customersAtEnd]).toEqual([2, 1, 1]);
  });

  it('reads a DuckDB result (getColumnsObjectJS) in cohortRetention and rfmSummary as the rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retention-metrics-columns-'));
    try {
      const csv = join(dir, 'purchases.csv');
      writeFileSync(csv, `id,day,amount\n${rows.map((r) => `${r.customerId},${r.at},${r.amount}`).join('\n')}\n`);
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      await connection.run(
        `CREATE TABLE purchases AS SELECT * FROM read_csv('${csv}', header = true, columns = {'id': 'INTEGER', 'day': 'DATE', 'amount': 'DOUBLE'})`,
      );
      const purchases = await connection.runAndReadAll('SELECT id AS "customerId", day AS at, amount FROM purchases');
      const columns = purchases.getColumnsObjectJS();
      expect((columns.at as unknown[])[0]).toBeInstanceOf(Date);
      expect(rfmSummary(columns as never, options)).toEqual(rfmSummary(rows, options));
      const events = await connection.runAndReadAll(
        'SELECT id AS "customerId", epoch_ms(day::TIMESTAMP)::DOUBLE AS at FROM purchases',
      );
      expect(cohortRetention(events.getColumnsObjectJS() as never, { period: 'quarter' })).toEqual(
        cohortRetention(rows, { period: 'quarter' }),
      );
      connection.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
