// Customer value in a non-contractual business: the CDNOW sample (2,357 customers of an online
// music store, every purchase from January 1997 to June 1998). Summarise the purchase log,
// fit the BG/NBD (who is still buying, and how often) and the Gamma-Gamma (how much per
// purchase) on the 39 weeks to 1997-09-30, check the fit on the next 39 weeks, and list the
// customers worth most over the coming year.
import { readFileSync } from 'node:fs';
import {
  bgNbdExpectedPurchases,
  bgNbdHoldoutComparison,
  bgNbdProbabilityAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  predictiveLifetimeValue,
  rfmSummary,
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

const calibrationEnd = '1997-09-30';
const holdoutEnd = '1998-06-30';
const summary = rfmSummary(transactions, { calibrationEnd, holdoutEnd, timeUnit: 'week' });
const holdoutWeeks = summary.holdoutLength ?? 0;

const purchases = fitBgNbd(summary);
const spend = fitGammaGamma(summary);

console.log(
  `CDNOW sample: ${summary.customers.length} customers first seen by ${calibrationEnd} ` +
    `(${summary.customersFirstSeenAfterCalibration} later), holdout ${holdoutWeeks} weeks to ${holdoutEnd}`,
);
console.log(
  `BG/NBD:      r ${purchases.r.toFixed(3)}, alpha ${purchases.alpha.toFixed(3)}, ` +
    `a ${purchases.a.toFixed(3)}, b ${purchases.b.toFixed(3)} (log-likelihood ${purchases.logLikelihood.toFixed(1)})`,
);
console.log(
  `Gamma-Gamma: p ${spend.p.toFixed(2)}, q ${spend.q.toFixed(2)}, gamma ${spend.gamma.toFixed(2)} ` +
    `on ${spend.customers} repeat buyers (frequency-spend correlation ${spend.frequencySpendCorrelation.toFixed(2)})`,
);

// Value over the next 52 weeks, discounted at 0.0018 a week (about 10 % a year), in revenue.
const horizon = 52;
const discountRate = 0.0018;
const valued = summary.customers.map((customer) => ({
  customer,
  alive: bgNbdProbabilityAlive(purchases, customer),
  expected: bgNbdExpectedPurchases(purchases, { ...customer, horizon }),
  perPurchase: gammaGammaExpectedSpend(spend, customer),
  value: predictiveLifetimeValue({ purchases, spend }, { ...customer, horizon, discountRate }),
}));
valued.sort((x, y) => y.value - x.value);

const cell = (text: string | number, width: number) => String(text).padStart(width);
console.log('');
console.log(`Top 10 customers by predicted ${horizon}-week value (discount ${discountRate} a week)`);
console.log('customer |  x |   t_x |     T | P(alive) | purchases | $/purchase |   value');
for (const { customer, alive, expected, perPurchase, value } of valued.slice(0, 10)) {
  console.log(
    [
      cell(customer.customerId, 8),
      cell(customer.frequency, 2),
      cell(customer.recency.toFixed(2), 5),
      cell(customer.age.toFixed(2), 5),
      cell(alive.toFixed(3), 8),
      cell(expected.toFixed(2), 9),
      cell(perPurchase.toFixed(2), 10),
      cell(value.toFixed(2), 7),
    ].join(' | '),
  );
}

// Calibration/holdout check: customers grouped by their repeat purchases in the 39 calibration
// weeks; mean purchases in the 39 holdout weeks, observed and predicted.
const rows = bgNbdHoldoutComparison(purchases, summary, { horizon: holdoutWeeks });
console.log('');
console.log(`Calibration/holdout check: mean purchases per customer in the ${holdoutWeeks} holdout weeks`);
console.log('    x | customers | actual | BG/NBD');
for (const row of rows) {
  console.log(
    [
      cell(`${row.frequency}${row.orMore ? '+' : ''}`, 5),
      cell(row.customers, 9),
      cell(row.actualMean.toFixed(3), 6),
      cell(row.expectedMean.toFixed(3), 6),
    ].join(' | '),
  );
}
const actualTotal = summary.customers.reduce((sum, c) => sum + (c.holdoutPurchases ?? 0), 0);
const expectedTotal = summary.customers.reduce(
  (sum, c) => sum + bgNbdExpectedPurchases(purchases, { ...c, horizon: holdoutWeeks }),
  0,
);
console.log(`Holdout purchases in all: actual ${actualTotal}, BG/NBD ${expectedTotal.toFixed(0)}`);
