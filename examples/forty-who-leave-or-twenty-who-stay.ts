// Would you rather have 40 new customers every year who leave the next year,
// or 20 a year who stay for decades? Ten years of each, margin 100 a year per
// customer and 150 to acquire one.
import { projectCustomerBase } from 'retention-metrics';

const economics = { periods: 10, margin: 100, acquisitionCost: 150 };
const leavers = projectCustomerBase({ newCustomersPerPeriod: 40, retentionRate: 0, ...economics });
const stayers = projectCustomerBase({ newCustomersPerPeriod: 20, retentionRate: 0.95, ...economics });

console.log('year  customers (40 who leave)  cumulative profit  |  customers (20 who stay)  cumulative profit');
for (let i = 0; i < economics.periods; i++) {
  const a = leavers[i];
  const b = stayers[i];
  if (!a || !b) break;
  console.log(
    `${String(a.period).padStart(4)}  ${a.customers.toFixed(1).padStart(24)}  ${a.cumulativeProfit.toFixed(0).padStart(17)}  |  ${b.customers.toFixed(1).padStart(23)}  ${b.cumulativeProfit.toFixed(0).padStart(17)}`,
  );
}
