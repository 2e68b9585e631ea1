/**
 * The warehouse path at scale: a generated table of transactions in an
 * on-disk DuckDB database (never in JavaScript memory), summarised there by
 * docs/sql/duckdb/rfm-summary.sql and rfm-summary-grouped.sql as they are
 * shipped (only their parameters edited), the grouped rows fitted here with
 * fitBgNbd, the whole base's expected purchases totalled here with scoreBgNbd
 * on the grouped rows, and every customer scored back in DuckDB with the SQL
 * that bgNbdProbabilityAliveSql writes.
 *
 * Each step's time is reported, and the JavaScript side's memory: the peak of
 * V8's heap and array buffers, sampled every 20 ms through the whole run
 * (DuckDB's own memory is native and not counted). The run is repeated for
 * each size in WAREHOUSE_SIZES (default 10 and 100 million transactions),
 * so that the table shows whether that memory grows with the transactions.
 * It needs about 6 GB of free disk in the temporary folder for 100 million.
 *
 * Run with `node --expose-gc --import tsx bench/warehouse.ts`
 * (`npm run bench:warehouse`; not part of `npm test`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { bgNbdProbabilityAliveSql, fitBgNbd, scoreBgNbd } from '../src';

const SIZES = (process.env.WAREHOUSE_SIZES ?? '10000000,100000000').split(',').map(Number);
const recipes = fileURLToPath(new URL('../docs/sql/duckdb/', import.meta.url));

/** A shipped recipe with its parameters set: each `old AS name` line of the params CTE replaced once. */
function recipe(name: string, values: Record<string, string>): string {
  let sql = readFileSync(join(recipes, `${name}.sql`), 'utf8');
  for (const [parameter, value] of Object.entries(values)) {
    const line = new RegExp(`^(\\s+)\\S.* AS ${parameter}\\b`, 'm');
    if (!line.test(sql)) throw new Error(`${name}.sql has no parameter ${parameter}`);
    sql = sql.replace(line, `$1${value} AS ${parameter}`);
  }
  return sql.trim().replace(/;$/, '');
}

/** The JavaScript side's memory, sampled: V8 heap plus array buffers. */
function memorySampler() {
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

async function timed<T>(label: string, steps: [string, number][], run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const value = await run();
  steps.push([label, performance.now() - started]);
  return value;
}

/**
 * Customers are born on one of the first 90 days of 2024 and stay active an
 * exponential number of days (mean 300, cut at the two years' end); each
 * makes 1 + floor(w x active / 30) purchases with w ~ Exp(1), spread
 * uniformly over its active days (the first on its birth day), at a
 * uniform amount of 1.00 to 100.00. The customer count is set so that the
 * purchases come to about `target`; the table keeps exactly `target` of them.
 */
function generationSql(target: number): string[] {
  const customers = Math.round(target / 9.0);
  return [
    'SELECT setseed(0.42)',
    `CREATE TABLE people AS
       SELECT i AS customer_id, b AS birth,
              LEAST(730 - b, CAST(CEIL(-LN(1 - random()) * 300) AS INTEGER)) AS active,
              -LN(1 - random()) AS w
       FROM (SELECT i, CAST(FLOOR(random() * 90) AS INTEGER) AS b FROM range(${customers}) AS t(i))`,
    `CREATE TABLE transactions AS
       SELECT customer_id, "at", amount FROM (
         SELECT p.customer_id,
                TIMESTAMP '2024-01-01' + TO_DAYS(CAST(p.birth + CASE WHEN k = 0 THEN 0 ELSE FLOOR(random() * p.active) END AS INTEGER))
                  + TO_SECONDS(CAST(FLOOR(random() * 86400) AS BIGINT)) AS "at",
                CAST(1 + FLOOR(random() * 9900) / 100 AS DECIMAL(10, 2)) AS amount
         FROM people AS p, range(1 + CAST(FLOOR(p.w * p.active / 30) AS BIGINT)) AS r(k)
       ) LIMIT ${target}`,
    'DROP TABLE people',
  ];
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const rows = (await connection.runAndReadAll(sql)).getRows();
  return Number(rows[0]?.[0]);
}

interface Run {
  transactions: number;
  customers: number;
  groupedRows: number;
  steps: [string, number][];
  peakBytes: number;
  fit: ReturnType<typeof fitBgNbd>;
  groupedCustomers: number;
  expectedPurchases: number;
  meanAliveSql: number;
  meanAliveJs: number;
}

async function run(target: number): Promise<Run> {
  const folder = mkdtempSync(join(tmpdir(), 'rm-warehouse-'));
  const instance = await DuckDBInstance.create(join(folder, 'bench.duckdb'), { threads: '2' });
  const connection = await instance.connect();
  const steps: [string, number][] = [];
  try {
    await timed('generate the transactions (DuckDB, on disk)', steps, async () => {
      for (const sql of generationSql(target)) await connection.run(sql);
    });
    global.gc?.();
    const memory = memorySampler();
    const params = { calibration_end: "DATE '2024-12-30'", days_per_unit: '7' };
    await timed('rfm-summary.sql: one row per customer (DuckDB)', steps, () =>
      connection.run(
        `CREATE TABLE rfm_summary AS ${recipe('rfm-summary', { ...params, holdout_end: "DATE '2025-12-30'" })}`,
      ),
    );
    await timed('rfm-summary-grouped.sql: one row per (frequency, recency, age) (DuckDB)', steps, () =>
      connection.run(`CREATE TABLE rfm_grouped AS ${recipe('rfm-summary-grouped', params)}`),
    );
    const rows = await timed('read the grouped rows into JavaScript', steps, async () => {
      const reader = await connection.runAndReadAll('SELECT frequency, recency, age, customers FROM rfm_grouped');
      return reader.getRows().map(([frequency, recency, age, customers]) => ({
        frequency: Number(frequency),
        recency: Number(recency),
        age: Number(age),
        customers: Number(customers),
      }));
    });
    const fit = await timed('fitBgNbd on the grouped rows', steps, () => fitBgNbd(rows));
    const scores = await timed('scoreBgNbd on the grouped rows: the base over 52 weeks', steps, () =>
      scoreBgNbd(fit, rows, { horizon: 52 }),
    );
    await timed('score every customer in DuckDB: P(alive) by bgNbdProbabilityAliveSql', steps, () =>
      connection.run(
        `CREATE TABLE scored AS SELECT customer_id, ${bgNbdProbabilityAliveSql(fit)} AS p_alive FROM rfm_summary`,
      ),
    );
    const peakBytes = memory.stop();
    const transactions = await scalar(connection, 'SELECT COUNT(*) FROM transactions');
    const customers = await scalar(connection, 'SELECT COUNT(*) FROM rfm_summary');
    // The same quantities two ways: the base's customers from the grouped rows and from the summary,
    // the mean P(alive) from the SQL scores and from the scorer's columns weighted by the counts.
    const meanAliveSql = await scalar(connection, 'SELECT AVG(p_alive) FROM scored');
    let weighted = 0;
    scores.columns.probabilityAlive.forEach((p, i) => {
      weighted += p * (rows[i]?.customers as number);
    });
    return {
      transactions,
      customers,
      groupedRows: rows.length,
      steps,
      peakBytes,
      fit,
      groupedCustomers: scores.customers,
      expectedPurchases: scores.aggregate.expectedPurchases,
      meanAliveSql,
      meanAliveJs: weighted / scores.customers,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}

const results: Run[] = [];
for (const size of SIZES) {
  const result = await run(size);
  results.push(result);
  console.log(
    `\n${result.transactions.toLocaleString('en')} transactions, ${result.customers.toLocaleString('en')} customers, ${result.groupedRows.toLocaleString('en')} grouped rows`,
  );
  for (const [label, ms] of result.steps) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${label}`);
  const f = result.fit;
  console.log(
    `  fit: r ${f.r.toFixed(4)}, alpha ${f.alpha.toFixed(4)}, a ${f.a.toFixed(4)}, b ${f.b.toFixed(4)}; converged ${f.converged}; warnings ${f.diagnostics.warnings.length}`,
  );
  console.log(
    `  customers in the grouped rows ${result.groupedCustomers.toLocaleString('en')} (in the summary ${result.customers.toLocaleString('en')}); expected purchases in 52 weeks ${Math.round(result.expectedPurchases).toLocaleString('en')}`,
  );
  console.log(
    `  mean P(alive): ${result.meanAliveSql.toFixed(12)} in DuckDB, ${result.meanAliveJs.toFixed(12)} from the scorer`,
  );
  console.log(`  JavaScript peak (heap + array buffers): ${(result.peakBytes / 2 ** 20).toFixed(0)} MiB`);
}
