// From a fit to decisions: score every CDNOW customer in one call and rank them by the value
// of their next twelve calendar months, discounted at 10 % a year, with a 30 % margin.
// The summary is in weeks; the horizon and the rate are given in calendar terms, and the
// scorer converts them with the unit the fit recorded.
import { readFileSync } from 'node:fs';
import {
  fitBgNbd,
  fitGammaGamma,
  predictiveLifetimeValue,
  rfmSummary,
  scoreBgNbd,
  scoreRows,
  type Transaction,
} from 'retention-metrics';

// Columns: id in the full data set, id in the sample, date (YYYYMMDD), CDs bought, dollars.
const file = new URL('../test/fixtures/cdnow/CDNOW_sample.txt', import.meta.url);
const transactions: Transaction[] = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [, id, date, , dollars] = line.trim().split(/\s+/);
    return { customerId: Number(id), at: date ?? '', amount: dollars ?? '' };
  });

const summary = rfmSummary(transactions, { calibrationEnd: '1997-09-30', timeUnit: 'week' });
const purchases = fitBgNbd(summary);
const spend = fitGammaGamma(summary);
console.log(
  `BG/NBD r ${purchases.r.toFixed(3)}, alpha ${purchases.alpha.toFixed(3)}, a ${purchases.a.toFixed(3)}, b ${purchases.b.toFixed(3)}; ` +
    `fit in units of ${purchases.timeUnit?.days} days`,
);

const started = performance.now();
const scores = scoreBgNbd({ purchases, spend }, summary, {
  horizon: { months: 12 },
  annualDiscountRate: 0.1,
  marginRate: 0.3,
});
const elapsed = performance.now() - started;
console.log(
  `Scored ${scores.customers} customers in ${elapsed.toFixed(0)} ms: horizon ${scores.horizon.toFixed(2)} weeks, ` +
    `discount ${((scores.discountRate ?? 0) * 100).toFixed(4)} % a week`,
);
console.log(
  `Whole base over the year: ${scores.aggregate.expectedPurchases.toFixed(0)} purchases, ` +
    `residual margin $${(scores.aggregate.residualValue ?? 0).toFixed(0)}`,
);

const cell = (text: string | number, width: number) => String(text).padStart(width);
console.log('');
console.log('customer | P(alive) | P(none in year) | purchases | $/purchase | residual $ | total $');
for (const row of scoreRows(scores, { sortBy: 'residualValue', limit: 10 })) {
  console.log(
    [
      cell(row.customerId ?? '', 8),
      cell((row.probabilityAlive as number).toFixed(3), 8),
      cell((row.probabilityNoPurchase as number).toFixed(3), 15),
      cell((row.expectedPurchases as number).toFixed(2), 9),
      cell((row.expectedSpend as number).toFixed(2), 10),
      cell((row.residualValue as number).toFixed(2), 10),
      cell((row.totalValue as number).toFixed(2), 7),
    ].join(' | '),
  );
}

// How sure are we? 90 % intervals, by drawing the fits' parameters from their sampling
// distributions. A customer's column intervals do not depend on the rest of the table, so the
// ten at the top are scored again alone, with 200 draws; the whole base's totals with 100.
const terms = { horizon: { months: 12 }, annualDiscountRate: 0.1, marginRate: 0.3 } as const;
const topTen = scoreRows(scores, { sortBy: 'residualValue', limit: 10 });
const topIds = new Set(topTen.map((row) => row.customerId));
const topCustomers = summary.customers.filter((c) => topIds.has(c.customerId));
const sure = scoreBgNbd({ purchases, spend }, topCustomers, { ...terms, intervalLevel: 0.9, draws: 200, seed: 1 });
console.log('');
console.log('customer | residual $ | 90 % interval');
for (const row of scoreRows(sure, { sortBy: 'residualValue' })) {
  const i = sure.customerId?.indexOf(row.customerId as number) ?? -1;
  const bounds = sure.intervals?.columns.residualValue;
  console.log(
    `${cell(row.customerId ?? '', 8)} | ${cell((row.residualValue as number).toFixed(2), 10)} | ` +
      `${bounds?.lower[i]?.toFixed(2)} to ${bounds?.upper[i]?.toFixed(2)}`,
  );
}
const base = scoreBgNbd({ purchases, spend }, summary, { ...terms, intervalLevel: 0.9, draws: 100, seed: 1 });
const expected = base.intervals?.aggregate.expectedPurchases;
const outcome = base.intervals?.outcome;
console.log('');
console.log(
  `Next year, 90 % intervals from 100 draws: expected purchases ${expected?.lower.toFixed(0)} to ${expected?.upper.toFixed(0)}; ` +
    `purchases the base will make ${outcome?.purchases.lower.toFixed(0)} to ${outcome?.purchases.upper.toFixed(0)}; ` +
    `residual margin $${outcome?.residualValue?.lower.toFixed(0)} to $${outcome?.residualValue?.upper.toFixed(0)}`,
);

// The same value for one customer, from the per-customer function in the fit's own unit.
const first = summary.customers[0];
if (first !== undefined) {
  const single = predictiveLifetimeValue(
    { purchases, spend },
    { ...first, horizon: 52, discountRate: scores.discountRate ?? 0, marginRate: 0.3 },
  );
  const batch52 = scoreBgNbd({ purchases, spend }, [first], {
    horizon: 52,
    discountRate: scores.discountRate ?? 0,
    marginRate: 0.3,
  });
  const gap = Math.abs((batch52.columns.residualValue?.[0] ?? 0) - single) / single;
  console.log('');
  console.log(
    `Customer ${first.customerId} over 52 weeks: batch and per-customer values agree to ${gap < 1e-12 ? 'within 1e-12' : gap}`,
  );
}
