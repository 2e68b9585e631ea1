// How concentrated is my revenue? Annual revenue per customer, in cents, for
// 50,000 generated customers whose spend follows a heavy-tailed law.
import { revenueConcentration } from 'retention-metrics';

// A small deterministic generator, so every run prints the same table.
let seed = 20261122;
const next = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return (seed + 0.5) / 2_147_483_648;
};

const customers = 50_000;
const cents = new Float64Array(customers);
for (let i = 0; i < customers; i++) cents[i] = Math.round(2_000 * next() ** -0.8);

const c = revenueConcentration(cents, { topShares: [0.01, 0.1, 0.2] });
console.log(`Customers: ${c.customers}, revenue: ${c.total.div(100).toFixed(2)}`);
for (const line of c.top) {
  console.log(
    `Top ${line.share.times(100).toFixed(0).padStart(2)} % of customers bring ${line.revenueShare.times(100).toFixed(1)} % of revenue`,
  );
}
console.log(`80 % of revenue comes from the top ${c.customersForRevenueShare.times(100).toFixed(1)} % of customers`);
console.log(`Gini ${c.gini.toFixed(3)}, Herfindahl ${c.herfindahl.toSignificantDigits(3).toString()}`);
