// The source documents' worked examples and claims, next to what the library
// computes for them. Run with `npm run demo`.
import {
  acquisitionCostForProfitChange,
  averageRevenuePerCustomer,
  churnBreakdown,
  churnRate,
  customerLifetimeValue,
  Decimal,
  ltvToCacRatio,
  maxAcquisitionCost,
  projectCustomerBase,
  referralValue,
  retentionProfitSensitivity,
  retentionRate,
  revenueConcentration,
  topCustomerShare,
} from 'retention-metrics';

type Row = [id: string, source: string, says: string, computes: string];
const pct = (x: Decimal, digits = 1) => `${x.times(100).toFixed(digits)} %`;
const rows: Row[] = [];

const w01 = { customersAtStart: 100, customersAtEnd: 110, newCustomers: 20 };
rows.push([
  'W01',
  '001',
  'S=100, N=20, L=10, E=110: CRR = (110-20)/100 = 90 %',
  `retentionRate = ${retentionRate(w01)} (${pct(retentionRate(w01), 0)})`,
]);
rows.push([
  'W02',
  '004',
  'CRR = ((E - N) / S) x 100',
  `E=240, N=30, S=250: ${retentionRate({ customersAtStart: 250, customersAtEnd: 240, newCustomers: 30 })}`,
]);
rows.push([
  'W03',
  '004',
  'churn = lost / customers at start x 100',
  `10 of 100: ${churnRate({ customersAtStart: 100, lostCustomers: 10 })}; from S, E, N: ${churnRate(w01)}`,
]);
rows.push([
  'W04',
  '002',
  '1.8 million NIS from 600 customers: 3,000 each',
  `averageRevenuePerCustomer = ${averageRevenuePerCustomer({ revenue: 1_800_000, customers: 600 })}`,
]);
const clv = customerLifetimeValue({ margin: 100, retentionRate: 0.8 });
rows.push([
  'W05',
  '004',
  'CLV sets the maximum acceptable acquisition cost',
  `CLV(margin 100, r 0.8) = ${clv}; ceiling at LTV:CAC 3 = ${maxAcquisitionCost({ lifetimeValue: clv }).toFixed(2)}`,
]);

const scenario = { retentionRate: 0.85, retentionLift: 0.05, margin: 100, discountRate: 0.1 };
const plain = retentionProfitSensitivity(scenario);
const cost95 = acquisitionCostForProfitChange({ ...scenario, targetChange: 0.95 });
const c95 = retentionProfitSensitivity({ ...scenario, acquisitionCost: cost95 });
rows.push([
  'C01',
  '000 001 004',
  '+5 % retention raises profit 25 % to 95 % (Bain)',
  `r 0.85 -> 0.90, m 100, d 10 %: CLV ${plain.baseValue} -> ${plain.liftedValue}, ${pct(plain.change)}; with acquisition cost ${cost95.toFixed(2)}: ${pct(c95.change)}`,
]);
const cost125 = acquisitionCostForProfitChange({ ...scenario, targetChange: 1.25 });
rows.push([
  'C02',
  '003',
  '+5 % retention gives +125 % profit; acquisition costs 7x retention',
  `same scenario, acquisition cost ${cost125.toFixed(2)} (7 x ${cost125.div(7).toFixed(2)} a period): ${pct(retentionProfitSensitivity({ ...scenario, acquisitionCost: cost125 }).change)}`,
]);
const lifetimeCosts = customerLifetimeValue({ margin: 87, retentionRate: 0.85, discountRate: 0.1 });
const c03 = retentionProfitSensitivity({ ...scenario, retentionLift: 0.02, costs: lifetimeCosts });
rows.push([
  'C03',
  '000',
  '+2 % retention can cut total costs by up to 10 %',
  `2-point lift, costs to serve 87 a period (lifetime ${lifetimeCosts}): gain ${c03.profitGain.toFixed(2)} = ${pct(c03.costCutEquivalent ?? new Decimal(0))} of costs`,
]);

// Customers from a Pareto law with tail index log 5 / log 4, each the mean of its quantile band.
const b = 1 - Math.log(4) / Math.log(5);
const n = 10_000;
const pareto = Float64Array.from({ length: n }, (_, i) => (n * ((1 - i / n) ** b - (1 - (i + 1) / n) ** b)) / b);
const c04 = revenueConcentration(pareto, { topShares: [0.2] });
rows.push([
  'C04',
  '000 002',
  '80 % of revenue comes from 20 % of customers',
  `Pareto(log 5/log 4) base: top 20 % bring ${pct(c04.top[0]?.revenueShare ?? new Decimal(0))}; 80 % needs ${pct(c04.customersForRevenueShare)}`,
]);
rows.push([
  'C05',
  '002',
  '10 % of loyal customers bring 30 % of profit',
  `[30, 10 x5, 5 x4]: top 10 % bring ${pct(topCustomerShare([30, 10, 10, 10, 10, 10, 5, 5, 5, 5], 0.1), 0)}`,
]);
const ratios = [5, 7, 25].map(
  (k) => `${k}x: ${ltvToCacRatio({ lifetimeValue: clv, acquisitionCost: 30 * k }).toFixed(2)}`,
);
rows.push([
  'C06',
  '000-004',
  'acquiring costs 5-25x retaining',
  `retention spend 30, CLV 500: LTV:CAC ${ratios.join(', ')}`,
]);
const growth = new Decimal('1.67').sqrt().minus(1);
rows.push([
  'C07',
  '004',
  'loyal customers spend 67 % more in year 3 than year 1',
  `(1 + g)^2 = 1.67: g = ${pct(growth, 2)} a year; 3-year value of 100 a year: ${customerLifetimeValue({ margin: 100, retentionRate: 1, periods: 3, marginGrowth: growth }).toFixed(2)}`,
]);
const economics = { periods: 10, margin: 100, acquisitionCost: 150 };
const leavers = projectCustomerBase({ newCustomersPerPeriod: 40, retentionRate: 0, ...economics });
const stayers = projectCustomerBase({ newCustomersPerPeriod: 20, retentionRate: 0.95, ...economics });
rows.push([
  'C08',
  '000',
  '40 new a year who leave, or 20 who stay for decades?',
  `10 years, margin 100, CAC 150: cumulative ${leavers[9]?.cumulativeProfit.toFixed(0)} vs ${stayers[9]?.cumulativeProfit.toFixed(0)}`,
]);
const referrals = referralValue({
  lifetimeValue: clv,
  referralsPerPurchase: new Decimal(1).div(7),
  purchasesPerCustomer: 3.5,
});
rows.push([
  'C09',
  '003',
  'Uber: one new customer per 7 rides',
  `3.5 rides per customer: ${referrals.directReferrals.toFixed(2)} referred each; CLV 500 -> ${referrals.lifetimeValueWithReferrals.toFixed(2)}`,
]);
const why = churnBreakdown({
  reasonShares: { none: 0.03, supplier: 0.05, price: 0.09, product: 0.14, indifference: 0.68 },
});
rows.push([
  'C10',
  '002',
  'churn causes 3 + 5 + 9 + 14 + 68 %',
  `unattributed: ${pct(why.unattributed.share, 0)} (reported, not hidden)`,
]);
for (const [id, source, says] of [
  ['C11', '000', '80 % of companies spend over 70 % of marketing on acquisition'],
  ['C12', '002', '96 % of complainers handled well become more loyal'],
  ['C13', '004', '70 % of loyal customers cite after-sales service'],
] as const) {
  rows.push([id, source, says, '(context only: nothing to compute)']);
}

const widths = [4, 11, 66];
const line = (r: Row) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ');
console.log(line(['ID', 'source', 'what the document says', 'what retention-metrics computes']));
console.log('-'.repeat(150));
for (const row of rows) console.log(line(row));
