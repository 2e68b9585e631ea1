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
 * Run with `node --expose-gc --import tsx bench/scoring.ts` (part of `npm run bench`).
 */
import { scoreBgNbd } from '../src';
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

function scored(): number {
  const scores = scoreBgNbd(
    { purchases, spend },
    { frequency, recency, age, monetaryValue },
    { horizon: { months: 12 }, annualDiscountRate: 0.1 },
  );
  return scores.aggregate.expectedPurchases;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const rounds = Number(process.env.SCORING_ROUNDS ?? 3);
const plain: number[] = [];
const library: number[] = [];
let check = 0;
for (let round = 0; round < rounds; round++) {
  // Interleaved, so that drift in the machine's speed falls on both alike.
  let start = performance.now();
  check = baseline();
  plain.push(performance.now() - start);
  start = performance.now();
  const total = scored();
  library.push(performance.now() - start);
  if (Math.abs(total - check) > 1e-9 * check)
    throw new Error(`the scorer and the baseline disagree: ${total} vs ${check}`);
}

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
console.log(`  memory: ${bytes}`);
console.log(`  expected purchases of the whole base: ${check.toFixed(1)}`);
