/**
 * The cost of one per-customer prediction call, as a ratio to the model's
 * own arithmetic for the same customer (the internal function the call ends
 * in, with no reading or validation), measured in the same run. The excess
 * is what reading and checking the parameters and the history costs.
 * Run with `npx tsx bench/perCall.ts` (part of `npm run bench`).
 */
import {
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  gammaGammaExpectedSpend,
  predictiveLifetimeValue,
} from '../src';
import { conditionalExpectedPurchases, probabilityAlive } from '../src/models/nbd/bgNbdMath';
import { time } from './timing';

// The published CDNOW-sample fits and CDNOW customer 1.
const purchases = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
const customer = { frequency: 2, recency: 30.43, age: 38.86 };
const { frequency: x, recency: tx, age: T } = customer;

function spendArithmetic(): number {
  const px = spend.p * x;
  const weight = px / (px + spend.q - 1);
  return (1 - weight) * ((spend.p * spend.gamma) / (spend.q - 1)) + weight * 22.35;
}

const cases: Array<[string, () => unknown, () => unknown]> = [
  [
    'bgNbdProbabilityAlive',
    () => bgNbdProbabilityAlive(purchases, customer),
    () => probabilityAlive(purchases, x, tx, T),
  ],
  [
    'bgNbdExpectedPurchases, 52 units',
    () => bgNbdExpectedPurchases(purchases, { ...customer, horizon: 52 }),
    () => conditionalExpectedPurchases(purchases, x, tx, T, 52),
  ],
  [
    'gammaGammaExpectedSpend',
    () => gammaGammaExpectedSpend(spend, { frequency: 2, monetaryValue: 22.35 }),
    spendArithmetic,
  ],
  [
    'predictiveLifetimeValue, 52 units',
    () =>
      predictiveLifetimeValue(
        { purchases, spend },
        { ...customer, monetaryValue: 22.35, horizon: 52, discountRate: 0.0018 },
      ),
    () => {
      let sum = 0;
      for (let k = 1; k <= 52; k++) sum += conditionalExpectedPurchases(purchases, x, tx, T, k);
      return sum * spendArithmetic();
    },
  ],
];

console.log('| call | call / its arithmetic | call time on this run |');
console.log('|---|---|---|');
for (const [name, call, arithmetic] of cases) {
  const callMs = time(call);
  const baseMs = time(arithmetic);
  console.log(`| ${name} | ${(callMs / baseMs).toFixed(1)}x | ${(callMs * 1000).toFixed(1)} us |`);
}
