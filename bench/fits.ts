/**
 * The fits' times, run by `npm run bench` (never in `npm test`): each as a
 * ratio to one log-likelihood evaluation on the same data in the same run
 * (on the rows as the fit holds them, read and merged; the fit's time also
 * includes reading and merging them),
 * with the time itself for comparison with other libraries' quoted figures;
 * and the slowest 1,000-customer fit found over a set of awkward data sets.
 */
import { fitBdw, fitBgNbd, fitGammaGamma, fitParetoNbd, fitSbg } from '../src';
import { bgNbdDataLogLikelihood } from '../src/models/nbd/bgNbdLikelihood';
import { gammaGammaDataLogLikelihood, readSpend } from '../src/models/nbd/gammaGammaLikelihood';
import { paretoNbdDataLogLikelihood } from '../src/models/nbd/paretoNbdMath';
import { readFrequencyRecency } from '../src/models/nbd/summaryData';
import { cohortLogLikelihood } from '../src/models/sbg/survival';
import { draws, simulateBgNbd, simulateGammaGamma } from '../test/models/simulate';
import { readCdnowSummary } from '../test/support/cdnow';
import { time } from './timing';

const rows: string[][] = [];
function report(label: string, fitOnce: () => { iterations: number; converged: boolean }, evaluation: () => unknown) {
  let result = fitOnce();
  const fitTime = time(() => {
    result = fitOnce();
  }, 1000);
  const evaluationTime = time(evaluation);
  rows.push([
    label,
    `${(fitTime / evaluationTime).toFixed(0)}x`,
    `${fitTime.toFixed(1)} ms`,
    `${result.iterations} iterations, converged ${result.converged}`,
  ]);
}

// sBG and BdW: 100 cohorts of 36 monthly periods, expected counts of an sBG with alpha 0.8, beta 2.5.
const cohorts = Array.from({ length: 100 }, (_, c) => {
  const size = 500 + 10 * c;
  const survivors = [size];
  let share = 1;
  for (let t = 1; t <= 36; t++) {
    share *= (2.5 + t - 1) / (0.8 + 2.5 + t - 1);
    survivors.push(Math.round(size * share));
  }
  return survivors;
});
report(
  'sBG, 100 cohorts x 36 periods',
  () => fitSbg(cohorts),
  () => cohortLogLikelihood(cohorts, 0.8, 2.5),
);
report(
  'BdW, 100 cohorts x 36 periods',
  () => fitBdw(cohorts),
  () => cohortLogLikelihood(cohorts, 0.8, 2.5, 1.1),
);

const cdnow = readCdnowSummary();
const purchases = cdnow.map(({ frequency, recency, age }) => ({ frequency, recency, age }));
const merged = readFrequencyRecency(purchases);
if (Array.isArray(merged)) throw new Error(String(merged[1]));
report(
  'BG/NBD, CDNOW sample (2,357 customers)',
  () => fitBgNbd(purchases),
  () => bgNbdDataLogLikelihood(merged, 0.24, 4.4, 0.79, 2.4),
);
const pareto = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
report(
  'Pareto/NBD, CDNOW sample (2,357 customers)',
  () => fitParetoNbd(purchases),
  () => paretoNbdDataLogLikelihood(merged, pareto),
);
const spend = cdnow.map(({ frequency, monetaryValue }) => ({ frequency, monetaryValue }));
const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
/** The merged spend rows, as the fit evaluates its likelihood on them. */
function spendData(rows: Array<{ frequency: number; monetaryValue: number }>) {
  const data = readSpend(rows, 'exclude', 3);
  if (Array.isArray(data)) throw new Error(String(data[1]));
  return data;
}
const cdnowSpend = spendData(spend);
report(
  'Gamma-Gamma, CDNOW sample (946 repeat buyers)',
  () => fitGammaGamma(spend),
  () => gammaGammaDataLogLikelihood(cdnowSpend, gg.p, gg.q, gg.gamma),
);
const million = simulateGammaGamma(gg, 1_000_000, 40, 7).map((c) =>
  c.frequency === 0 ? { ...c, frequency: 1, monetaryValue: 20 } : c,
);
const millionSpend = spendData(million);
report(
  'Gamma-Gamma, 1,000,000 simulated repeat buyers',
  () => fitGammaGamma(million),
  () => gammaGammaDataLogLikelihood(millionSpend, gg.p, gg.q, gg.gamma),
);

// The slowest 1,000-customer fit over awkward data sets: simulations at extreme parameters, nobody repeating,
// everyone alike, last purchases at the end, one heavy buyer.
const awkward: Array<[string, Array<{ frequency: number; recency: number; age: number; monetaryValue: number }>]> = [];
const withSpend = (rows: Array<{ frequency: number; recency: number; age: number }>, seed: number) => {
  const rng = draws(seed);
  return rows.map((row) => ({ ...row, monetaryValue: row.frequency === 0 ? 0 : 5 + 50 * rng.uniform() }));
};
let seed = 1;
for (const r of [0.01, 0.25, 5]) {
  for (const alpha of [0.1, 4, 100]) {
    for (const [a, b] of [
      [0.01, 0.01],
      [0.8, 2.4],
      [50, 5],
    ] as const) {
      awkward.push([
        `simulated r ${r}, alpha ${alpha}, a ${a}, b ${b}`,
        withSpend(simulateBgNbd({ r, alpha, a, b }, 1000, 39, seed), seed++),
      ]);
    }
  }
}
const repeat = (row: { frequency: number; recency: number; age: number }) => Array.from({ length: 1000 }, () => row);
awkward.push(['nobody repeats', withSpend(repeat({ frequency: 0, recency: 0, age: 39 }), 1)]);
awkward.push([
  'everyone alike',
  repeat({ frequency: 3, recency: 20, age: 39 }).map((r) => ({ ...r, monetaryValue: 20 })),
]);
awkward.push([
  'every last purchase at the end',
  withSpend(
    Array.from({ length: 1000 }, (_, i) => ({ frequency: 1 + (i % 9), recency: 10 + (i % 30), age: 10 + (i % 30) })),
    2,
  ),
]);
awkward.push([
  'one heavy buyer among one-off customers',
  withSpend([{ frequency: 5000, recency: 39, age: 39 }, ...repeat({ frequency: 0, recency: 0, age: 39 }).slice(1)], 3),
]);
const worst: Record<string, [number, string]> = {};
for (const [label, customers] of awkward) {
  const purchasesOnly = customers.map(({ frequency, recency, age }) => ({ frequency, recency, age }));
  for (const [model, fitOnce] of [
    ['BG/NBD', () => fitBgNbd(purchasesOnly)],
    ['Pareto/NBD', () => fitParetoNbd(purchasesOnly)],
    ['Gamma-Gamma', () => fitGammaGamma(customers)],
  ] as const) {
    const started = performance.now();
    try {
      fitOnce();
    } catch {
      // Too few repeat buyers for Gamma-Gamma: refused at once, not a fit.
    }
    const elapsed = performance.now() - started;
    if (elapsed > (worst[model]?.[0] ?? -1)) worst[model] = [elapsed, label];
  }
}

console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('| fit | time / one log-likelihood evaluation | time on this run | notes |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log();
console.log(`Slowest of ${awkward.length} awkward 1,000-customer data sets, per model:`);
for (const [model, [elapsed, label]] of Object.entries(worst))
  console.log(`- ${model}: ${elapsed.toFixed(0)} ms (${label})`);
