/**
 * Refusals of the closed-form functions whose messages depend on the shared
 * core (lifetime sums, profit terms, cross-field checks), pinned word for
 * word, and the issue code every MetricInputError issue carries. The
 * figures in the comments are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  churnRate,
  customerLifetimeValue,
  periodCounts,
  retentionLiftForProfitChange,
  retentionProfitSensitivity,
} from '../../src';
import { inputErrorOf } from '../support/expectInputError';

const cases: Array<[string, () => unknown, string]> = [
  [
    'a finite horizon over which the value outgrows decimal.js',
    // q = 0.5 x (1 + 199) = 100: over 5e15 periods the value is about 100^(5e15) = 10^(1e16), past decimal.js's
    // largest exponent (9e15).
    () => customerLifetimeValue({ retentionRate: 0.5, margin: 1, marginGrowth: 199, periods: 5e15 }),
    'customerLifetimeValue: periods makes the lifetime value too large to represent (the margin grows faster than it is discounted for 5000000000000000 periods)',
  ],
  [
    'an unlimited horizon whose value diverges',
    // r (1 + g) = 0.9 x 1.25 = 1.125, not below 1 + d = 1.1.
    () => customerLifetimeValue({ retentionRate: 0.9, margin: 1, marginGrowth: 0.25, discountRate: 0.1 }),
    'customerLifetimeValue: retentionRate makes the lifetime value infinite: retention x (1 + marginGrowth) = 1.125 must stay below 1 + discountRate = 1.1; state a finite number of periods',
  ],
  [
    'a lift search with no margin',
    () => retentionLiftForProfitChange({ retentionRate: 0.8, margin: 0, targetChange: 0.1 }),
    'retentionLiftForProfitChange: margin must be greater than 0 (with no margin, retention cannot change profit), got 0',
  ],
  [
    'a lift search from a profit of 0',
    // Lifetime value 100 / (1 - 0.8) = 500 (timing start, no discount), less an acquisition cost of 500.
    () => retentionLiftForProfitChange({ retentionRate: 0.8, margin: 100, acquisitionCost: 500, targetChange: 0.1 }),
    'retentionLiftForProfitChange: acquisitionCost equals the lifetime value, so profit is 0 and a relative change is undefined; compare absolute profits instead',
  ],
  [
    'a sensitivity from a profit of 0',
    () => retentionProfitSensitivity({ retentionRate: 0.8, margin: 100, acquisitionCost: 500, retentionLift: 0.05 }),
    'retentionProfitSensitivity: acquisitionCost equals the lifetime value, so profit is 0 and a relative change is undefined; compare absolute profits instead',
  ],
  [
    'a sensitivity with no margin',
    () => retentionProfitSensitivity({ retentionRate: 0.8, margin: 0, retentionLift: 0.05 }),
    'retentionProfitSensitivity: margin is 0, so profit is 0 and a relative change is undefined; give the margin per period',
  ],
  [
    'a sensitivity compared with costs of 0',
    () => retentionProfitSensitivity({ retentionRate: 0.8, margin: 100, retentionLift: 0.05, costs: 0 }),
    'retentionProfitSensitivity: costs must be greater than 0 (the costs the profit gain is compared with), got 0',
  ],
];

describe('closed-form refusals that come from the shared core', () => {
  it.each(cases)('%s', (_, run, message) => {
    expect(inputErrorOf(run).message).toBe(message);
  });
});

describe('issue codes', () => {
  it("are 'custom' for a field rule, a cross-field rule and a data function's row", () => {
    const field = inputErrorOf(() => churnRate({ customersAtStart: 0, lostCustomers: 1 }));
    const crossField = inputErrorOf(() => churnRate({ customersAtStart: 100, customersAtEnd: 130, newCustomers: 20 }));
    const row = inputErrorOf(() =>
      periodCounts([{ customerId: 'a', startedAt: 'x' }], { from: '2026-01-01', to: '2026-02-01' }),
    );
    expect([field.field, crossField.field, row.field]).toEqual([
      'customersAtStart',
      'customersAtEnd',
      'customers[0].startedAt',
    ]);
    for (const error of [field, crossField, row]) {
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0]?.code).toBe('custom');
    }
    expect(crossField.issues[0]?.path).toEqual(['customersAtEnd']);
    expect(row.issues[0]?.path).toEqual(['customers[0].startedAt']);
  });
});
