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
 * Then rfmSummary next to Python's lifetimes: 10,000,000 generated purchases
 * of 1,000,000 customers (bench/events.ts purchaseColumns: customerId, at
 * with a time of day, amount) given to rfmSummary as three Float64Array
 * columns, and to lifetimes' summary_data_from_transaction_data
 * (bench/peers/rfm_lifetimes.py) as a DataFrame with a datetime64 column,
 * both with lifetimes' defaults: daily units, the observation end the day of
 * the last purchase. Timed the same way (the Python script reports its own
 * median of three), the two summaries checked to agree on the customers and
 * the sums of frequency, recency, age (T) and monetary value, and a second
 * table printed.
 *
 * Run with `npx tsup && npx tsx bench/peers.ts` (not part of `npm test` or
 * `npm run bench`: it needs python3-pandas, and for the lifetimes side
 * LIFETIMES_UTILS naming a copy of lifetimes/utils.py, or lifetimes
 * installed, with numpy, scipy and dill). Without them their row says so.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
// The built package, as an app runs it (build it first with `npx tsup`).
import { cohortRetention, rfmSummary } from '../dist/index.js';
import { eventColumns, lehmer, purchaseColumns } from './events';

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
  // Written in chunks of 100,000 lines: ten million line strings built at once in this process slowed
  // the calls timed after them (in a check of its own, cohortRetention 1.3 to 1.5 s against 1.0 to 1.2 s).
  const csv = join(folder, 'events.csv');
  writeFileSync(csv, 'customer_id,at_ms\n');
  for (let from = 0; from < customerId.length; from += 100_000) {
    let chunk = '';
    for (let i = from; i < Math.min(from + 100_000, customerId.length); i++) chunk += `${customerId[i]},${at[i]}\n`;
    appendFileSync(csv, chunk);
  }
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
  console.log();
  rfmSide(folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

/** The figures two RFM summaries are compared on. */
interface RfmChecks {
  customers: number;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
}

/**
 * rfmSummary and Python's lifetimes on the same 10,000,000 purchases: the
 * library's medians of three in two rounds, each round followed by one run
 * of bench/peers/rfm_lifetimes.py (its own median of three calls, or fewer
 * when a call takes over a minute), the summaries checked to agree, and a
 * table of the times printed.
 */
function rfmSide(folder: string): void {
  const purchases = purchaseColumns(lehmer(13));
  const rfmFolder = join(folder, 'rfm');
  mkdirSync(rfmFolder);
  writeFileSync(join(rfmFolder, 'customerId.f64'), purchases.customerId);
  writeFileSync(join(rfmFolder, 'at.f64'), purchases.at);
  writeFileSync(join(rfmFolder, 'amount.f64'), purchases.amount);
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const t of purchases.at) if (t > lastAt) lastAt = t;
  // lifetimes' defaults: freq='D', and the observation end is the day of the last transaction
  // (rfmSummary reads calibrationEnd as that UTC day, and includes it).
  const options = { calibrationEnd: lastAt, timeUnit: 'day' } as const;

  const ours: number[] = [];
  const theirs: number[] = [];
  const notes: string[] = [];
  let summary = rfmSummary(purchases, options);
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < 3; k++) ours.push(timed(() => (summary = rfmSummary(purchases, options))));
    const run = spawnSync(
      '/usr/bin/python3',
      [fileURLToPath(new URL('peers/rfm_lifetimes.py', import.meta.url)), rfmFolder],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (run.status !== 0) {
      notes[0] = `lifetimes not run: ${(run.stderr || String(run.error)).trim().split('\n').at(-1)}`;
      continue;
    }
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as RfmChecks & {
      ms: number;
      calls: number;
      note: string;
      pandas: string;
      lifetimes: string;
    };
    theirs.push(out.ms);
    const library: RfmChecks = { customers: summary.customers.length, frequency: 0, recency: 0, T: 0, monetary: 0 };
    for (const c of summary.customers) {
      library.frequency += c.frequency;
      library.recency += c.recency;
      library.T += c.age;
      library.monetary += c.monetaryValue;
    }
    // Counts and whole-day sums exactly; the mean spends, added in another order, to 1e-9 relative.
    const differs =
      out.customers !== library.customers ||
      out.frequency !== library.frequency ||
      out.recency !== library.recency ||
      out.T !== library.T ||
      !(Math.abs(out.monetary - library.monetary) <= 1e-9 * Math.abs(library.monetary)) ||
      summary.customersFirstSeenAfterCalibration !== 0;
    if (differs) throw new Error(`lifetimes' summary differs: ${run.stdout.trim()} against ${JSON.stringify(library)}`);
    notes[round] = `round ${round + 1}: ${out.ms.toFixed(0)} ms, ${out.note}`;
    if (round === 1) notes.push(`pandas ${out.pandas}, lifetimes from ${out.lifetimes}`);
  }

  const ms = (median3(ours.slice(0, 3)) + median3(ours.slice(3))) / 2;
  console.log('| side | time | time / rfmSummary | notes |');
  console.log('|---|---|---|---|');
  const rounds = `${median3(ours.slice(0, 3)).toFixed(0)} ms and ${median3(ours.slice(3)).toFixed(0)} ms`;
  console.log(
    `| rfmSummary, three Float64Array columns | ${ms.toFixed(0)} ms | 1.00x | the two medians of three (${rounds}), averaged |`,
  );
  if (theirs.length === 0) console.log(`| lifetimes summary_data_from_transaction_data | - | - | ${notes[0]} |`);
  else {
    const peer = theirs.reduce((a, b) => a + b, 0) / theirs.length;
    console.log(
      `| lifetimes summary_data_from_transaction_data, freq='D' | ${peer.toFixed(0)} ms | ${(peer / ms).toFixed(2)}x | ${notes.join('; ')} |`,
    );
  }
}
