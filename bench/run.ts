/**
 * Benchmarks, run with `npm run bench` (never in `npm test`). Each figure is
 * a ratio to a baseline measured in the same run on the same data, because
 * absolute times on shared machines drift.
 */

import { fitSbg } from '../src';
import { cohortLogLikelihood } from '../src/models/sbg/survival';

function time(run: () => unknown, minimumMs = 300): number {
  // Repeat until the total is long enough to time, and report the median of five such totals per call.
  let repeats = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) run();
    const elapsed = performance.now() - start;
    if (elapsed >= minimumMs / 5) break;
    repeats *= 2;
  }
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) run();
    samples.push((performance.now() - start) / repeats);
  }
  samples.sort((a, b) => a - b);
  return samples[2] as number;
}

/** 100 cohorts of 36 monthly periods, from an sBG with alpha 0.8, beta 2.5 (expected counts, rounded). */
function sbgCohorts(): number[][] {
  const cohorts: number[][] = [];
  for (let c = 0; c < 100; c++) {
    const size = 500 + 10 * c;
    const survivors = [size];
    let share = 1;
    for (let t = 1; t <= 36; t++) {
      share *= (2.5 + t - 1) / (0.8 + 2.5 + t - 1);
      survivors.push(Math.round(size * share));
    }
    cohorts.push(survivors);
  }
  return cohorts;
}

const rows: string[][] = [];
const cohorts = sbgCohorts();
const evaluation = time(() => cohortLogLikelihood(cohorts, 0.8, 2.5));
let iterations = 0;
const fit = time(() => {
  iterations = fitSbg(cohorts).iterations;
});
rows.push([
  'sBG fit, 100 cohorts x 36 periods',
  'one log-likelihood evaluation',
  `${(fit / evaluation).toFixed(0)}x`,
  `${iterations} iterations`,
]);

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('| benchmark | baseline | time / baseline | notes |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
