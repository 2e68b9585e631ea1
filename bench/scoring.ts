/**
 * Batch scoring of 1,000,000 customers: scoreBgNbd with the Gamma-Gamma,
 * every column (P(alive) now and at the horizon, expected purchases,
 * P(no purchase), spend, residual and total value), twelve months ahead on a
 * monthly fit, discounted at 10 % a year. The baseline, in the same run, is
 * a plain loop over Float64Arrays calling the same formulas (the scorer's
 * own kernels and the Gamma-Gamma mean) with no reading, checking or ids:
 * the ratio is what reading the table, validating it and building the
 * result cost on top of the arithmetic. Memory: the bytes the result and the
 * call's working copies hold per customer, after a forced collection.
 * Where python3 with numpy and scipy is present, bench/bgnbd_numpy.py scores
 * the same customers with lifetimes' formulas written in numpy (P(alive),
 * expected purchases, spend and value: four of the seven columns), timed in
 * the same rounds, and its column sums are compared with the scorer's.
 * Run with `node --expose-gc --import tsx bench/scoring.ts` (part of `npm run bench`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PurchaseScores, scoreBgNbd } from '../src';
import { bgNbdKernel, DISCOUNTED, EXPECTED, KERNEL_WIDTH } from '../src/models/scoring/purchaseKernels';

const N = Number(process.env.SCORING_CUSTOMERS ?? 1_000_000);
const DAYS = 30.4375;
// The published CDNOW fits (weeks), with alpha in months.
const purchases = { r: 0.242593, alpha: (4.413532 * 7) / DAYS, a: 0.792886, b: 2.425754, timeUnit: { days: DAYS } };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const horizon = 12;
const rate = 1.1 ** (DAYS / 365.25) - 1;

// Seeded, deterministic histories: ages of 1 to 18 months, a geometric number of repeats.
let state = 12345;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return (state + 0.5) / 4294967296;
};
const frequency = new Float64Array(N);
const recency = new Float64Array(N);
const age = new Float64Array(N);
const monetaryValue = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const T = 1 + 17 * uniform();
  const x = Math.floor(Math.log(uniform()) / Math.log(0.6));
  const rounded = Math.round(T * 100) / 100;
  age[i] = rounded;
  frequency[i] = x;
  recency[i] = x === 0 ? 0 : Math.max(0.01, Math.round(rounded * uniform() * 100) / 100);
  monetaryValue[i] = x === 0 ? 0 : Math.round((5 + 60 * uniform()) * 100) / 100;
}

function baseline(): number {
  const out = new Float64Array(KERNEL_WIDTH);
  const columns = Array.from({ length: 7 }, () => new Float64Array(N));
  const { p, q, gamma } = spend;
  const mean = (p * gamma) / (q - 1);
  let total = 0;
  for (let i = 0; i < N; i++) {
    const x = frequency[i] as number;
    bgNbdKernel(purchases, x, recency[i] as number, age[i] as number, horizon, rate, out);
    for (let k = 0; k < 4; k++) (columns[k] as Float64Array)[i] = out[k] as number;
    const px = p * x;
    const weight = px / (px + q - 1);
    const perPurchase = (1 - weight) * mean + weight * (monetaryValue[i] as number);
    (columns[4] as Float64Array)[i] = perPurchase;
    (columns[5] as Float64Array)[i] = perPurchase * (out[DISCOUNTED] as number);
    (columns[6] as Float64Array)[i] = x * (monetaryValue[i] as number) + perPurchase * (out[DISCOUNTED] as number);
    total += out[EXPECTED] as number;
  }
  return total;
}

function scored(): PurchaseScores {
  return scoreBgNbd(
    { purchases, spend },
    { frequency, recency, age, monetaryValue },
    { horizon: { months: 12 }, annualDiscountRate: 0.1 },
  );
}

// The same customers for numpy: N, then the four columns, little-endian float64.
const folder = mkdtempSync(join(tmpdir(), 'scoring-bench-'));
const columnsFile = join(folder, 'columns.f64');
{
  const data = new Float64Array(1 + 4 * N);
  data[0] = N;
  [frequency, recency, age, monetaryValue].forEach((column, i) => {
    data.set(column, 1 + i * N);
  });
  writeFileSync(columnsFile, data);
}
interface NumpyRun {
  ms: number;
  probabilityAlive: number;
  expectedPurchases: number;
  residualValue: number;
}
const numpyScript = fileURLToPath(new URL('./bgnbd_numpy.py', import.meta.url));
let numpyMissing: string | undefined;
function numpy(): NumpyRun | undefined {
  if (numpyMissing !== undefined) return undefined;
  const { r, alpha, a, b } = purchases;
  const { p, q, gamma } = spend;
  const args = [numpyScript, columnsFile, '1', r, alpha, a, b, p, q, gamma, horizon, rate].map(String);
  const run = spawnSync('python3', args, { encoding: 'utf8' });
  if (run.status !== 0) {
    numpyMissing = (run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? 'failed').slice(0, 200);
    return undefined;
  }
  return JSON.parse(run.stdout) as NumpyRun;
}
const columnSum = (column: Float64Array | undefined) => (column ?? new Float64Array()).reduce((s, v) => s + v, 0);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rounds = Number(process.env.SCORING_ROUNDS ?? 3);
const plain: number[] = [];
const library: number[] = [];
const numpyTimes: number[] = [];
let check = 0;
let last: PurchaseScores | undefined;
let lastNumpy: NumpyRun | undefined;
for (let round = 0; round < rounds; round++) {
  // Interleaved, so that drift in the machine's speed falls on all alike.
  let start = performance.now();
  check = baseline();
  plain.push(performance.now() - start);
  start = performance.now();
  last = scored();
  library.push(performance.now() - start);
  const total = last.aggregate.expectedPurchases;
  if (Math.abs(total - check) > 1e-9 * check)
    throw new Error(`the scorer and the baseline disagree: ${total} vs ${check}`);
  lastNumpy = numpy();
  if (lastNumpy !== undefined) numpyTimes.push(lastNumpy.ms);
}
rmSync(folder, { recursive: true, force: true });

const gc = (globalThis as { gc?: () => void }).gc;
let bytes = 'not measured (run node with --expose-gc)';
if (gc !== undefined) {
  gc();
  gc();
  const before = process.memoryUsage();
  const kept = scoreBgNbd(
    { purchases, spend },
    { frequency, recency, age, monetaryValue },
    { horizon: { months: 12 }, annualDiscountRate: 0.1 },
  );
  gc();
  gc();
  const after = process.memoryUsage();
  const buffers = (after.arrayBuffers - before.arrayBuffers) / N;
  const heap = (after.heapUsed - before.heapUsed) / N;
  bytes = `${buffers.toFixed(0)} bytes per customer of typed arrays and ${heap.toFixed(0)} of heap held by the result of ${kept.customers} customers (7 columns of 8 bytes: 56)`;
}

console.log(`Batch scoring, ${N.toLocaleString('en')} customers, every column, 12 months, ${rounds} rounds (medians)`);
console.log(`  plain Float64Array loop, same formulas: ${median(plain).toFixed(0)} ms`);
console.log(
  `  scoreBgNbd from columns:                ${median(library).toFixed(0)} ms (${(median(library) / median(plain)).toFixed(2)}x)`,
);
if (lastNumpy === undefined || last === undefined) {
  console.log(`  numpy (lifetimes' formulas): not run here (${numpyMissing})`);
} else {
  const numpyMs = median(numpyTimes);
  console.log(
    `  numpy (lifetimes' formulas, 4 of the 7 columns): ${numpyMs.toFixed(0)} ms; scoreBgNbd / numpy ${(median(library) / numpyMs).toFixed(2)}x`,
  );
  const sums: Array<[string, number, number]> = [
    ['P(alive)', columnSum(last.columns.probabilityAlive), lastNumpy.probabilityAlive],
    ['expected purchases', columnSum(last.columns.expectedPurchases), lastNumpy.expectedPurchases],
    ['residual value', columnSum(last.columns.residualValue), lastNumpy.residualValue],
  ];
  for (const [name, ours, theirs] of sums) {
    console.log(
      `    sum of ${name}: ${ours.toFixed(6)} here, ${theirs.toFixed(6)} in numpy (relative difference ${(Math.abs(ours - theirs) / ours).toExponential(1)})`,
    );
  }
}
console.log(`  memory: ${bytes}`);
console.log(`  expected purchases of the whole base: ${check.toFixed(1)}`);
