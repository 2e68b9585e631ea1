/**
 * The cohort table side by side with its peers on this machine: the same
 * 10,000,000 generated events of 1,000,000 customers (bench/events.ts, as in
 * bench/data.ts) given to cohortRetention as two Float64Array columns, to
 * pandas (bench/peers/cohort_pandas.py, Debian's python3-pandas, run by
 * /usr/bin/python3) as the same two columns, and to DuckDB (@duckdb/node-api,
 * in this process, two threads) as a table running the project's recipe
 * docs/sql/duckdb/cohort-retention.sql. Each side is timed on data already
 * in its memory (median of three), in two rounds one after the other, and
 * the three tables are checked to agree on the customers, the cohorts and
 * the total of the active counts. Prints a Markdown table of the times and
 * of each peer's time over cohortRetention's.
 *
 * Run with `npx tsup && npx tsx bench/peers.ts` (not part of `npm test` or
 * `npm run bench`: it needs python3-pandas). Without pandas its row says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
// The built package, as an app runs it (build it first with `npx tsup`).
import { cohortRetention } from '../dist/index.js';
import { eventColumns, lehmer } from './events';

const median3 = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number;
const timed = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const { customerId, at } = eventColumns(lehmer(11));
const folder = mkdtempSync(join(tmpdir(), 'rm-peers-'));
try {
  writeFileSync(join(folder, 'customerId.f64'), customerId);
  writeFileSync(join(folder, 'at.f64'), at);

  // DuckDB: the events as a table (loaded from a CSV written here), then the recipe as shipped.
  const lines: string[] = ['customer_id,at_ms'];
  for (let i = 0; i < customerId.length; i++) lines.push(`${customerId[i]},${at[i]}`);
  writeFileSync(join(folder, 'events.csv'), `${lines.join('\n')}\n`);
  lines.length = 0;
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  await db.run(
    `CREATE TABLE events AS SELECT customer_id, epoch_ms(at_ms) AS "at" FROM read_csv('${join(folder, 'events.csv')}', header = true, columns = {'customer_id': 'BIGINT', 'at_ms': 'BIGINT'})`,
  );
  const recipe = readFileSync(
    fileURLToPath(new URL('../docs/sql/duckdb/cohort-retention.sql', import.meta.url)),
    'utf8',
  )
    .trim()
    .replace(/;$/, '');

  const js: number[] = [];
  const duck: number[] = [];
  const pandas: number[] = [];
  let pandasNote = '';
  let library = cohortRetention({ customerId, at });
  let duckRows: Record<string, unknown>[] = [];
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < 3; k++) js.push(timed(() => (library = cohortRetention({ customerId, at }))));
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      duckRows = (await db.runAndReadAll(recipe)).getRowObjectsJson() as Record<string, unknown>[];
      duck.push(performance.now() - t);
    }
    const run = spawnSync(
      '/usr/bin/python3',
      [fileURLToPath(new URL('peers/cohort_pandas.py', import.meta.url)), folder],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (run.status !== 0) {
      pandasNote = `pandas not run: ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}`;
      continue;
    }
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as {
      ms: number;
      customers: number;
      cohorts: number;
      activeTotal: number;
      pandas: string;
    };
    pandas.push(out.ms);
    // The same table: customers, cohorts, and the active counts in total.
    const activeTotal = library.cohorts.reduce((sum, c) => sum + c.active.reduce((a, b) => a + b, 0), 0);
    const customers = library.cohorts.reduce((sum, c) => sum + c.size, 0);
    if (out.customers !== customers || out.cohorts !== library.cohorts.length || out.activeTotal !== activeTotal)
      throw new Error(
        `pandas' table differs: ${run.stdout} against ${customers}, ${library.cohorts.length}, ${activeTotal}`,
      );
    pandasNote = `pandas ${out.pandas}, the median of three in each of two runs`;
  }
  // DuckDB's table: the same cohorts and active counts.
  const duckActive = duckRows.reduce((sum, row) => sum + Number(row.active), 0);
  const libraryActive = library.cohorts.reduce((sum, c) => sum + c.active.reduce((a, b) => a + b, 0), 0);
  if (duckActive !== libraryActive) throw new Error(`DuckDB's table differs: ${duckActive} against ${libraryActive}`);
  db.closeSync();
  instance.closeSync();

  const ours = (median3(js.slice(0, 3)) + median3(js.slice(3))) / 2;
  const row = (label: string, times: number[], note: string) => {
    if (times.length === 0) return `| ${label} | - | - | ${note} |`;
    const ms = times.length >= 6 ? (median3(times.slice(0, 3)) + median3(times.slice(3))) / 2 : median3(times);
    return `| ${label} | ${ms.toFixed(0)} ms | ${(ms / ours).toFixed(2)}x | ${note} |`;
  };
  console.log('| side | time | time / cohortRetention | notes |');
  console.log('|---|---|---|---|');
  console.log(row('cohortRetention, two Float64Array columns', js, 'the two medians of three, averaged'));
  console.log(row('pandas group-by on the same two columns', pandas, pandasNote));
  console.log(
    row('DuckDB, docs/sql/duckdb/cohort-retention.sql', duck, 'in-memory table, two threads, rows read back'),
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
