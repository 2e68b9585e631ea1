// From a CSV of priced subscriptions to a monthly MRR movements table and the SaaS rates.
// Each row of examples/data/saas-subscriptions.csv is one stretch of a subscription at one price:
// customer_id,started_at,ended_at,amount,interval,discount
// - ended_at is empty while the subscription runs; a plan change ends one row and starts the
//   next on the same day (u02 upgrades on 2026-02-10); a refunded cancellation is just its
//   ended_at (u05 on 2026-03-15), the refund itself is no movement;
// - interval is month, quarter or year (u03 pays 1188 a year: 99 a month);
// - discount is a stated amount off each bill (u07: 2400 - 480 a year, 160 a month).
// Dates without a time are midnight UTC. The file was extracted on 2026-12-31.
import { readFileSync } from 'node:fs';
import { type BillingInterval, type MrrConvention, mrrMovements, type Subscription } from 'retention-metrics';

const text = readFileSync(new URL('./data/saas-subscriptions.csv', import.meta.url), 'utf8');
const [header, ...lines] = text.trim().split(/\r?\n/);
if (header !== 'customer_id,started_at,ended_at,amount,interval,discount')
  throw new Error(`unexpected header: ${header}`);

const subscriptions: Subscription[] = lines.map((line) => {
  const [customerId = '', startedAt = '', endedAt = '', amount = '', interval = '', discount = ''] = line.split(',');
  return {
    customerId,
    startedAt,
    endedAt: endedAt === '' ? null : endedAt,
    // Amounts stay strings: the library reads them as exact decimals.
    amount,
    interval: (interval === '' ? 'month' : interval) as BillingInterval,
    discount: discount === '' ? 0 : discount,
  };
});
const customers = new Set(subscriptions.map((s) => s.customerId)).size;
console.log(`Read ${subscriptions.length} subscription rows of ${customers} customers.`);

const year = { from: '2026-01-01', periods: 12, customerIds: true } as const;
const { periods } = mrrMovements(subscriptions, year);

interface Figure {
  toFixed(digits: number): string;
  times(n: number): Figure;
}
const money = (x: Figure | null, width = 8) => (x === null ? '-' : x.toFixed(2)).padStart(width);
const percent = (x: Figure | null, width = 8) => (x === null ? '-' : `${x.times(100).toFixed(2)} %`).padStart(width);
const ratio = (x: Figure | null, width = 6) => (x === null ? '-' : x.toFixed(2)).padStart(width);

// MRR is measured at the last instant of each month; every change between two month ends is
// one movement per customer, and the movements add up from one month's MRR to the next.
console.log('');
console.log('MRR movements, 2026 (amounts a month)');
console.log('Month   |    Start |      New | Expansion | Reactivation | Contraction |    Churn |      End | Customers');
for (const p of periods) {
  const cells = [
    money(p.startingMrr),
    money(p.new.amount),
    money(p.expansion.amount, 9),
    money(p.reactivation.amount, 12),
    money(p.contraction.amount, 11),
    money(p.churn.amount),
    money(p.endingMrr),
    String(p.customersAtEnd).padStart(9),
  ];
  console.log(`${p.periodStart.slice(0, 7)} | ${cells.join(' | ')}`);
}

console.log('');
console.log('Rates, 2026 (the library default: a customer who joins and leaves within a month counts as lost)');
console.log('Month   | Customer churn | Gross MRR churn | Net MRR churn |      NRR |      GRR | Quick ratio |  ARPA');
for (const p of periods) {
  const cells = [
    percent(p.customerChurnRate, 14),
    percent(p.grossMrrChurnRate, 15),
    percent(p.netMrrChurnRate, 13),
    percent(p.netRevenueRetention),
    percent(p.grossRevenueRetention),
    ratio(p.quickRatio, 11),
    money(p.arpa, 5),
  ];
  console.log(`${p.periodStart.slice(0, 7)} | ${cells.join(' | ')}`);
}

// Who is behind a movement: the ids come with customerIds: true.
const march = periods[2];
if (march) {
  console.log('');
  console.log(
    `2026-03: churned ${march.churn.customerIds?.join(', ')} (${money(march.churn.amount, 0)}); joined and left within the month: ${march.joinedAndLeftCustomers}`,
  );
}

// The same rows under each vendor's definitions.
const conventions: MrrConvention[] = ['default', 'chartmogul', 'baremetrics', 'profitwell'];
const byConvention = conventions.map((convention) => mrrMovements(subscriptions, { ...year, convention }).periods);
console.log('');
console.log('Customer churn, net MRR churn and quick ratio under each convention');
console.log(
  `Month   | ${conventions.map((c) => `${c} churn`.padStart(17)).join(' | ')} | net MRR churn: default | chartmogul | quick ratio: default | baremetrics`,
);
periods.forEach((p, i) => {
  const at = (c: MrrConvention) => byConvention[conventions.indexOf(c)]?.[i];
  const cells = [
    ...conventions.map((c) => percent(at(c)?.customerChurnRate ?? null, 17)),
    percent(at('default')?.netMrrChurnRate ?? null, 22),
    percent(at('chartmogul')?.netMrrChurnRate ?? null, 10),
    ratio(at('default')?.quickRatio ?? null, 20),
    ratio(at('baremetrics')?.quickRatio ?? null, 11),
  ];
  console.log(`${p.periodStart.slice(0, 7)} | ${cells.join(' | ')}`);
});

// Lifetime value in December: ARPA / churn, and ChartMogul's ARPA / the mean churn of the six months before.
const december = byConvention[1]?.[11];
if (december) {
  console.log('');
  console.log(
    `2026-12, chartmogul: ARPA ${money(december.arpa, 0)}, LTV ${money(december.lifetimeValue, 0)}, trailing six-month LTV ${money(december.trailingLifetimeValue, 0)}`,
  );
}
