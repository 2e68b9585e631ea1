// What is my retention? Monthly counts from a subscription app, turned into
// retention, churn, the annual equivalent and the expected customer lifetime.
import { churnRate, convertRatePeriod, expectedCustomerLifetime, retentionRate } from 'retention-metrics';

const month = { customersAtStart: 2_400, customersAtEnd: 2_510, newCustomers: 230 };

const retention = retentionRate(month);
const churn = churnRate(month);
const annual = convertRatePeriod({ retentionRate: retention, fromPeriodLength: 1, toPeriodLength: 12 });
const lifetime = expectedCustomerLifetime({ churnRate: churn });

const percent = (x: { times(n: number): { toFixed(d: number): string } }) => `${x.times(100).toFixed(1)} %`;

console.log(`Monthly retention:          ${percent(retention)}`);
console.log(`Monthly churn:              ${percent(churn)}`);
console.log(`Annual retention (r^12):    ${percent(annual.retentionRate)}`);
console.log(`Expected lifetime (1/churn): ${lifetime.toFixed(1)} months`);
