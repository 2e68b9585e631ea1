// What may I spend to acquire a customer? Lifetime value from a monthly
// margin and churn, the CAC ceiling at LTV:CAC 3, and how long payback takes.
import { cacPaybackPeriods, customerLifetimeValue, ltvToCacRatio, maxAcquisitionCost } from 'retention-metrics';

// Revenue 49 a month at 80 % gross margin, minus 4.20 to serve: 35 a month.
const margin = 49 * 0.8 - 4.2;
const terms = { margin, churnRate: 0.03, discountRate: 0.008 };

const lifetimeValue = customerLifetimeValue(terms);
const ceiling = maxAcquisitionCost({ lifetimeValue });
const currentCost = 420;

console.log(`Lifetime value:               ${lifetimeValue.toFixed(2)}`);
console.log(`Most you may pay (LTV:CAC 3): ${ceiling.toFixed(2)}`);
console.log(
  `LTV:CAC at today's cost 420:  ${ltvToCacRatio({ lifetimeValue, acquisitionCost: currentCost }).toFixed(2)}`,
);

const payback = cacPaybackPeriods({ acquisitionCost: currentCost, margin, churnRate: 0.03, discountRate: 0.008 });
console.log(`Payback, ignoring churn:      ${payback.periods.toFixed(1)} months`);
console.log(`Payback, counting churn:      ${payback.retentionAdjustedPeriods?.toString() ?? 'never'} months`);
