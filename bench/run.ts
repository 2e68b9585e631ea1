/**
 * Benchmarks, run with `npm run bench` (never in `npm test`). Each figure is
 * a ratio to a baseline measured in the same run on the same data, because
 * absolute times on shared machines drift. The fits of every model on the
 * CDNOW sample, and their worst cases, are in bench/fits.ts.
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FrequencyRecency, fitBgNbd, rfmSummary } from '../src';
import { bgNbdDataLogLikelihood } from '../src/models/nbd/bgNbdLikelihood';
import { readFrequencyRecency } from '../src/models/nbd/summaryData';
import { readCdnowSummary } from '../test/support/cdnow';
import { time } from './timing';

const rows: string[][] = [];
const rowsOut: string[][] = [];

// BG/NBD on the CDNOW sample summary, the whole CDNOW cohort, and a generated million customers.
function cdnowSample(): FrequencyRecency[] {
  return readCdnowSummary().map(({ frequency, recency, age }) => ({ frequency, recency, age }));
}

function cdnowMaster(): FrequencyRecency[] {
  const url = new URL('../../shared/reference/cdnow/CDNOW_master.txt', import.meta.url);
  const rows = readFileSync(url, 'utf8').trim().split('\n').slice(1);
  const transactions = rows.map((line) => {
    const [id, date, , amount] = line.trim().split(/\s+/);
    return { customerId: id as string, at: date as string, amount: Number(amount) };
  });
  return rfmSummary(transactions, { calibrationEnd: '1997-09-30' }).customers;
}

/** Summaries simulated from a BG/NBD (r 0.25, alpha 4, a 0.8, b 2.4), ages spread over 0..39 weeks. */
function generated(customers: number): FrequencyRecency[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const rows: FrequencyRecency[] = [];
  for (let i = 0; i < customers; i++) {
    const age = Math.round(random() * 39 * 7) / 7;
    const lambda = gamma(0.25) / 4;
    const g1 = gamma(0.8);
    const p = g1 / (g1 + gamma(2.4));
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(random()) / lambda;
      if (t > age) break;
      x++;
      last = t;
      if (random() < p) break;
    }
    rows.push({ frequency: x, recency: x === 0 ? 0 : Math.round(last * 7) / 7 || 1 / 7, age });
  }
  return rows.map((row) => ({ ...row, recency: Math.min(row.recency, row.age) }));
}

for (const [label, rows] of [
  ['BG/NBD fit, CDNOW sample (2,357 customers)', cdnowSample()],
  ['BG/NBD fit, CDNOW cohort (23,570 customers)', cdnowMaster()],
  ['BG/NBD fit, 1,000,000 generated customers', generated(1_000_000)],
] as const) {
  const data = readFrequencyRecency(rows);
  if (Array.isArray(data)) throw new Error(String(data[1]));
  const evaluation = time(() => bgNbdDataLogLikelihood(data, 0.25, 4, 0.8, 2.4));
  let result = fitBgNbd(rows);
  const fitTime = time(() => {
    result = fitBgNbd(rows);
  }, 1000);
  rowsOut.push([
    label,
    'one log-likelihood evaluation',
    `${(fitTime / evaluation).toFixed(0)}x`,
    `${result.iterations} BFGS iterations; ${fitTime.toFixed(1)} ms on this run`,
  ]);
}
for (const row of rowsOut) rows.push(row);

// Data sets, each in a process of its own (bench/data.ts) so that its peak memory is its own.
const dataBenchmarks: Array<[name: string, label: string, baseline: string]> = [
  ['revenueConcentration', 'revenueConcentration, 1,000,000 customers (cents)', 'Float64Array copy, sort and sum'],
  [
    'cohortRetention',
    'cohortRetention, 10,000,000 events, 1,000,000 customers, monthly',
    'one pass of Map group-by over the same rows',
  ],
  [
    'cohortRetentionColumns',
    'cohortRetention, the same events as two Float64Array columns (customerId, at in epoch ms)',
    'one pass of Map group-by over the id column',
  ],
  [
    'cohortRetentionColumnsVsRows',
    'cohortRetention, the same events, columns',
    'cohortRetention on the same events as row objects',
  ],
  [
    'periodCounts',
    'periodCounts, 1,000,000 customers (1.1 million lifecycles), one month',
    'one pass of Map group-by over the same rows',
  ],
  [
    'periodCountsSeries',
    'periodCountsSeries, the same lifecycles, 24 months',
    'one pass of Map group-by over the same rows',
  ],
  [
    'mrrMovements',
    'mrrMovements, 1,000,000 customers (2.1 million subscription rows), 36 months',
    'one pass of Map group-by over the same rows',
  ],
  [
    'revenueRetention',
    'revenueRetention, 1,000,000 customers (cents), start and end',
    'one pass of Map group-by over both lists',
  ],
];
for (const [name, label, baseline] of dataBenchmarks) {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('data.ts', import.meta.url)), name],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  const result = JSON.parse(output.trim().split('\n').at(-1) as string) as {
    run: number;
    baseline: number;
    inputMB: number;
    peakMB: number;
  };
  rows.push([
    label,
    baseline,
    `${(result.run / result.baseline).toFixed(2)}x`,
    `peak resident memory ${result.peakMB.toFixed(0)} MB, of which ${result.inputMB.toFixed(0)} MB with the input built`,
  ]);
}

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('| benchmark | baseline | time / baseline | notes |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
