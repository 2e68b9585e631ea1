/**
 * The warehouse path end to end, in DuckDB: the purchases stay in the
 * database; the database summarises them (docs/sql/duckdb/rfm-summary.sql
 * and rfm-summary-grouped.sql, with their parameters set); the library fits
 * the BG/NBD on the grouped rows; the scores go back into the database, one
 * column written by SQL that the library generates (P(alive)) and one
 * streamed through the batch scorer in chunks (expected purchases, which
 * need special functions SQL does not have).
 *
 * The data: the 2,357-customer CDNOW sample (test/fixtures/cdnow/CDNOW_sample.txt),
 * on which Fader, Hardie and Lee (2005) published the BG/NBD fit.
 * Needs @duckdb/node-api (npm install @duckdb/node-api).
 * Run: npx tsx examples/warehouse-duckdb.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { bgNbdProbabilityAliveSql, fitBgNbd, scoreBgNbd } from 'retention-metrics';

const root = new URL('..', import.meta.url);
const purchasesFile = fileURLToPath(new URL('test/fixtures/cdnow/CDNOW_sample.txt', root));

/** A recipe from docs/sql/duckdb with the values of its params CTE set, ready to wrap in CREATE TABLE ... AS. */
function recipe(name: string, values: Record<string, string>): string {
  let sql = readFileSync(new URL(`docs/sql/duckdb/${name}.sql`, root), 'utf8');
  for (const [parameter, value] of Object.entries(values)) {
    sql = sql.replace(new RegExp(`^(\\s+)\\S.* AS ${parameter}\\b`, 'm'), `$1${value} AS ${parameter}`);
  }
  return sql.trim().replace(/;$/, '');
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

// 1. The warehouse table: customer_id, "at", amount. Here DuckDB reads the fixed-width file itself;
//    in a real warehouse this table already exists.
await db.run(`
  CREATE TABLE transactions AS
  SELECT CAST(f[1] AS INTEGER) AS customer_id,
         CAST(strptime(f[3], '%Y%m%d') AS TIMESTAMP) AS "at",
         CAST(f[5] AS DECIMAL(10, 2)) AS amount
  FROM (SELECT string_split(trim(regexp_replace(line, '\\s+', ' ', 'g')), ' ') AS f
        FROM (SELECT unnest(string_split(content, chr(10))) AS line FROM read_text('${purchasesFile}')))
  WHERE len(f) = 5`);

// 2. The summaries, in the database: weeks, calibration to 1997-09-30, holdout to 1998-06-30.
const params = { calibration_end: "DATE '1997-09-30'", days_per_unit: '7' };
await db.run(`CREATE TABLE rfm_summary AS ${recipe('rfm-summary', { ...params, holdout_end: "DATE '1998-06-30'" })}`);
await db.run(`CREATE TABLE rfm_grouped AS ${recipe('rfm-summary-grouped', params)}`);

// 3. The fit, here, on the grouped rows only.
const grouped = (await db.runAndReadAll('SELECT frequency, recency, age, customers FROM rfm_grouped')).getRows();
const rows = grouped.map(([frequency, recency, age, customers]) => ({
  frequency: Number(frequency),
  recency: Number(recency),
  age: Number(age),
  customers: Number(customers),
}));
const fit = fitBgNbd(rows);
const customers = rows.reduce((sum, row) => sum + row.customers, 0);
console.log(`${customers} customers in ${rows.length} grouped rows`);
console.log(
  `BG/NBD: r ${fit.r.toFixed(3)}, alpha ${fit.alpha.toFixed(3)}, a ${fit.a.toFixed(3)}, b ${fit.b.toFixed(3)}, converged ${fit.converged}`,
);

// 4a. Scores back in the database by SQL: P(alive), with the fit's parameters as literals.
await db.run(`CREATE TABLE scores AS SELECT customer_id, ${bgNbdProbabilityAliveSql(fit)} AS p_alive FROM rfm_summary`);

// 4b. Expected purchases in the 39-week holdout: stream the summary through scoreBgNbd, chunk by chunk,
//     and append the column to a table. Memory holds one chunk at a time.
await db.run('CREATE TABLE expected (customer_id INTEGER, expected_purchases DOUBLE)');
const appender = await db.createAppender('expected');
const stream = await db.stream('SELECT customer_id, frequency, recency, age FROM rfm_summary');
for (let chunk = await stream.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await stream.fetchChunk()) {
  const [id, frequency, recency, age] = chunk.getColumns() as [number[], number[], number[], number[]];
  const scored = scoreBgNbd(fit, { customerId: id, frequency, recency, age }, { horizon: 39 });
  scored.columns.expectedPurchases.forEach((value, i) => {
    appender.appendInteger(id[i] as number);
    appender.appendDouble(value);
    appender.endRow();
  });
}
appender.closeSync();

// 5. Read the results where they are: in the database.
const [summary] = (
  await db.runAndReadAll(`
    SELECT COUNT(*), SUM(e.expected_purchases), SUM(s.holdout_purchases), AVG(c.p_alive)
    FROM rfm_summary AS s JOIN expected AS e USING (customer_id) JOIN scores AS c USING (customer_id)`)
).getRows();
const [scoredCustomers, expectedTotal, actualTotal, meanAlive] = (summary ?? []).map(Number);
console.log(`scored in the database: ${scoredCustomers} customers`);
console.log(
  `holdout purchases: expected ${(expectedTotal as number).toFixed(0)}, actual ${actualTotal}; mean P(alive) ${(meanAlive as number).toFixed(3)}`,
);
// The same total, straight from the grouped rows (each row scored once, counted for its customers).
const fromGroups = scoreBgNbd(fit, rows, { horizon: 39 }).aggregate.expectedPurchases;
console.log(`from the grouped rows: expected ${fromGroups.toFixed(0)}`);

db.closeSync();
instance.closeSync();
