/**
 * mrrAt: each customer's MRR at one instant. Expected values are worked out
 * by hand in the comments; on generated data they are checked against
 * mrrMovements' period ends, which are computed another way (change points
 * per customer), and against a bigint sum written here.
 */
import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { mrrAt } from '../../src/saas/mrrAt';
import { mrrMovements } from '../../src/saas/mrrMovements';
import type { Subscription } from '../../src/saas/subscriptions';
import { mulberry32 } from '../models/simulate';
import { expectInputError } from '../support/expectInputError';

const D = DecimalJs.clone({ precision: 80 });
const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();

describe('mrrAt', () => {
  const rows: Subscription[] = [
    { customerId: 'a', startedAt: '2026-01-10', endedAt: '2026-02-15', amount: 50 },
    { customerId: 'a', startedAt: '2026-02-15', amount: 80 },
    { customerId: 'b', startedAt: '2026-01-20', amount: 1000, interval: 'year' },
    { customerId: 'c', startedAt: '2026-01-05', endedAt: '2026-02-01', amount: 30 },
    { customerId: 'd', startedAt: '2026-01-05', amount: 0 },
  ];

  it('sums the rows running at the instant: one ending there no longer, one starting there already', () => {
    // 15 Feb: a's 80 (the 50 ended at that instant), b's 1000 / 12; c ended on 1 Feb; d is free.
    const at = mrrAt(rows, { at: '2026-02-15' });
    expect(at.at).toBe('2026-02-15T00:00:00.000Z');
    expect(at.customers.map((c) => [c.customerId, c.mrr.toString()])).toEqual([
      ['a', '80'],
      ['b', to34(new D(1000).div(12))],
    ]);
    expect(at.mrr.toString()).toBe(to34(new D(80).plus(new D(1000).div(12))));
    // One millisecond earlier: a's 50 still runs.
    expect(mrrAt(rows, { at: Date.UTC(2026, 1, 15) - 1 }).customers[0]?.mrr.toString()).toBe('50');
    // Before anything started: no paying customer.
    expect(mrrAt(rows, { at: '2025-12-31' })).toEqual({
      at: '2025-12-31T00:00:00.000Z',
      mrr: expect.anything(),
      customers: [],
    });
  });

  it("equals mrrMovements' MRR at the last millisecond of each period, on generated rows", () => {
    const u = mulberry32(4242);
    const day = 86_400_000;
    const generated: Subscription[] = [];
    for (let c = 0; c < 400; c++) {
      let t = Date.UTC(2025, 0, 1) + Math.floor(u() * 500) * day;
      // Some at a boundary exactly.
      if (u() < 0.3) t = Date.UTC(2025, Math.floor(u() * 16), 1);
      for (let k = 0; k < 3; k++) {
        const end = u() < 0.3 ? null : t + Math.floor(u() * 120) * day;
        generated.push({
          customerId: c,
          startedAt: t,
          endedAt: end,
          amount: (Math.floor(u() * 9000) / 100 + 1).toFixed(2),
          interval: u() < 0.3 ? 'year' : 'month',
        });
        if (end === null) break;
        t = end;
      }
    }
    const { periods } = mrrMovements(generated, { from: '2025-01-01', periods: 24 });
    periods.forEach((p, k) => {
      const last = Date.UTC(2025, k + 1, 1) - 1;
      const at = mrrAt(generated, { at: last });
      expect(at.mrr.toString()).toBe(p.endingMrr.toString());
      expect(at.customers.length).toBe(p.customersAtEnd);
      // And against a plain bigint sum in twelfths of a cent.
      let units = 0n;
      for (const row of generated) {
        const end = row.endedAt === null ? Number.POSITIVE_INFINITY : (row.endedAt as number);
        if ((row.startedAt as number) <= last && last < end) {
          const cents = BigInt(Math.round(Number(row.amount) * 100));
          units += row.interval === 'year' ? cents : cents * 12n;
        }
      }
      expect(at.mrr.toString()).toBe(to34(new D(units.toString()).div(1200)));
    });
  });

  it("adds up a customer's subscriptions running together", () => {
    // s: 30 a month from January and 20 a month from 10 February: 50 on 1 March; t: 12 a quarter, 4 a month.
    const at = mrrAt(
      [
        { customerId: 's', startedAt: '2026-01-05', amount: 30 },
        { customerId: 't', startedAt: '2026-01-05', amount: 12, interval: 'quarter' },
        { customerId: 's', startedAt: '2026-02-10', amount: 20 },
      ],
      { at: '2026-03-01' },
    );
    expect(at.customers.map((c) => [c.customerId, c.mrr.toString()])).toEqual([
      ['s', '50'],
      ['t', '4'],
    ]);
    expect(at.mrr.toString()).toBe('54');
  });

  it('sums amounts a double cannot hold as Decimals', () => {
    // x: 0.1 + 1e-21 a month and a second subscription of 2; y: 1200.000000000000000000012 a year
    // (100 + 1e-21 a month); all running on 1 March, z's ended.
    const at = mrrAt(
      [
        { customerId: 'x', startedAt: '2026-01-01', amount: '0.100000000000000000001' },
        { customerId: 'x', startedAt: '2026-02-01', amount: 2 },
        { customerId: 'y', startedAt: '2026-01-01', amount: '1200.000000000000000000012', interval: 'year' },
        { customerId: 'z', startedAt: '2026-01-01', endedAt: '2026-02-01', amount: '5.000000000000000000001' },
      ],
      { at: '2026-03-01' },
    );
    expect(at.customers.map((c) => c.mrr.toString())).toEqual(['2.100000000000000000001', '100.000000000000000000001']);
    expect(at.mrr.toString()).toBe(
      to34(new D('2.100000000000000000001').plus(new D('1200.000000000000000000012').div(12))),
    );
  });

  it('refuses a bad instant and names bad rows as mrrMovements does', () => {
    expectInputError(() => mrrAt(rows, { at: 'now' }), /mrrAt: at must be/);
    expectInputError(() => mrrAt(rows, undefined as never), /mrrAt: options must be \{ at \}/);
    expectInputError(
      () => mrrAt([{ ...rows[0], amount: 'x' } as Subscription], { at: 0 }),
      /subscriptions\[0\]\.amount/,
    );
  });
});
