/**
 * mrrMovements under each vendor's convention, against the worked examples
 * on the vendors' own help pages (cited per test). Each example's inputs are
 * rebuilt as subscription rows; the expected figures are the pages' results,
 * or, where a page's result is cut off, the page's formula applied by hand in
 * the comment.
 */
import DecimalJs from 'decimal.js';

const D = DecimalJs.clone({ precision: 80 });

import { describe, expect, it } from 'vitest';
import { type MrrConvention, type MrrPeriod, mrrMovements } from '../../src/saas/mrrMovements';
import type { Subscription } from '../../src/saas/subscriptions';

const to34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toString();
const only = (rows: Subscription[], options: Parameters<typeof mrrMovements>[1]): MrrPeriod => {
  const { periods } = mrrMovements(rows, { periods: 1, ...options });
  return periods[0] as MrrPeriod;
};
const CONVENTIONS: MrrConvention[] = ['default', 'chartmogul', 'baremetrics', 'profitwell'];

describe('customer churn under each convention', () => {
  // ChartMogul, "Churn rate formulas" (standard formula),
  // https://help.chartmogul.com/hc/en-us/articles/207340419-Churn-rate-formulas:
  // 100 customers at the start of the month, 12 churned in it, one of whom reactivated
  // and one of whom joined during the period. The formula
  // (churned - joined and churned - churned and reactivated) / start gives (12 - 1 - 1) / 100 = 10 %.
  // April 2026 has 30 days, so Baremetrics' 30-day window is the month itself.
  const rows: Subscription[] = [];
  for (let c = 0; c < 100; c++) {
    const id = `c${c}`;
    if (c < 10) rows.push({ customerId: id, startedAt: '2026-03-10', endedAt: '2026-04-10', amount: 10 });
    else if (c === 10) {
      rows.push({ customerId: id, startedAt: '2026-03-10', endedAt: '2026-04-05', amount: 10 });
      rows.push({ customerId: id, startedAt: '2026-04-20', amount: 10 });
    } else rows.push({ customerId: id, startedAt: '2026-03-10', amount: 10 });
  }
  rows.push({ customerId: 'joiner', startedAt: '2026-04-08', endedAt: '2026-04-22', amount: 10 });
  const april = (convention: MrrConvention) => only(rows, { from: '2026-04-01', convention });

  it("ChartMogul's standard formula: (12 - 1 - 1) / 100", () => {
    expect(april('chartmogul').customerChurnRate?.toString()).toBe('0.1');
  });

  it("the documents' (S + N - E) / S counts the customer who joined and left: (100 + 1 - 90) / 100", () => {
    const p = april('default');
    expect([p.customersAtStart, p.customersAtEnd, p.joinedAndLeftCustomers]).toEqual([100, 90, 1]);
    expect(p.customerChurnRate?.toString()).toBe('0.11');
  });

  it('ProfitWell leaves out the customer who signed up and cancelled in the same month: 10 / 100', () => {
    // Paddle, "Are cancellations in the first month counted as churn?",
    // https://www.paddle.com/help/profitwell-metrics/measure/subscription-retention/are-cancellations-in-the-first-month-counted-as-churn
    expect(april('profitwell').customerChurnRate?.toString()).toBe('0.1');
  });

  it('Baremetrics counts cancellations in the 30 days, the sign-up who cancelled in them included: 11 / 100', () => {
    // Baremetrics, "User and Revenue Churn", https://help.baremetrics.com/en/articles/5380347-user-and-revenue-churn:
    // cancelled customers in the last 30 days / active customers 30 days ago; "Churn Update",
    // https://changelog.baremetrics.com/churn-update-4pqo9O: sign-ups who cancel within the window are included.
    expect(april('baremetrics').customerChurnRate?.toString()).toBe('0.11');
  });

  it('the movements themselves do not depend on the convention', () => {
    const seen = CONVENTIONS.map((convention) => {
      const p = april(convention);
      return [p.churn.customers, p.churn.amount.toString(), p.new.customers, p.reactivation.customers];
    });
    // The customer who left on 5 April and came back on the 20th pays at both ends: unchanged.
    for (const s of seen) expect(s).toEqual([10, '100', 0, 0]);
  });

  it("Baremetrics' window is 30 days, not the calendar month: in a 31-day month a cancellation on its first day falls outside", () => {
    // March 2026 has 31 days: the window of its end (1 April) starts on 2 March.
    const march = (convention: MrrConvention) =>
      only(
        [
          { customerId: 'a', startedAt: '2026-01-10', endedAt: '2026-03-01T12:00:00Z', amount: 5 },
          { customerId: 'b', startedAt: '2026-01-10', amount: 5 },
          { customerId: 'c', startedAt: '2026-01-10', amount: 5 },
        ],
        { from: '2026-03-01', convention },
      );
    // ChartMogul: a was paying at the start of March and is not at its end: 1 / 3.
    expect(march('chartmogul').customerChurnRate?.toString()).toBe(to34(new D(1).div(3)));
    // Baremetrics: a stopped on 1 March, before the window (2 March to 1 April) began, and was not
    // paying at its start: 0 cancelled of 2 paying.
    expect(march('baremetrics').customerChurnRate?.toString()).toBe('0');
  });
});

describe('MRR churn, retention and the quick ratio', () => {
  // ChartMogul, "Metric: MRR Churn Rate" / "Chart: Gross MRR Churn Rate" and "Chart: Net MRR Churn Rate",
  // https://help.chartmogul.com/hc/en-us/articles/204898491-Chart-Gross-MRR-Churn-Rate,
  // https://help.chartmogul.com/hc/en-us/articles/4414075567250-Chart-Net-MRR-Churn-Rate,
  // "Chart: Gross MRR Retention", https://help.chartmogul.com/hc/en-us/articles/6886621218332-Chart-Gross-MRR-Retention:
  // $100 at the start, $10 churn, $10 contraction, $10 expansion: gross 20 %, net 10 %, GRR 80 %.
  const base: Subscription[] = [
    { customerId: 'a', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: 10 },
    { customerId: 'b', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: 20 },
    { customerId: 'b', startedAt: '2026-02-10', amount: 10 },
    { customerId: 'c', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: 30 },
    { customerId: 'c', startedAt: '2026-02-10', amount: 40 },
    { customerId: 'd', startedAt: '2026-01-05', amount: 40 },
  ];
  const feb = (rows: Subscription[], convention: MrrConvention) => only(rows, { from: '2026-02-01', convention });

  it("ChartMogul's example: gross 20 %, net 10 %, GRR 80 %", () => {
    const p = feb(base, 'chartmogul');
    expect(p.startingMrr.toString()).toBe('100');
    expect([p.grossMrrChurnRate, p.netMrrChurnRate, p.grossRevenueRetention].map(String)).toEqual([
      '0.2',
      '0.1',
      '0.8',
    ]);
    expect(p.netRevenueRetention?.toString()).toBe('0.9');
  });

  it('a reactivation offsets net MRR churn under ChartMogul only, and counts in the quick ratio under default and ChartMogul only', () => {
    // e paid 5 in December, left, and returns in February with 5: a reactivation of 5.
    const rows = [
      ...base,
      { customerId: 'e', startedAt: '2025-12-05', endedAt: '2026-01-10', amount: 5 },
      { customerId: 'e', startedAt: '2026-02-12', amount: 5 },
    ];
    const net = Object.fromEntries(CONVENTIONS.map((c) => [c, feb(rows, c).netMrrChurnRate?.toString()]));
    // ChartMogul: (10 + 10 - 10 - 5) / 100 = 0.05; the others (10 + 10 - 10) / 100 = 0.1.
    expect(net).toEqual({ default: '0.1', chartmogul: '0.05', baremetrics: '0.1', profitwell: '0.1' });
    const quick = Object.fromEntries(CONVENTIONS.map((c) => [c, feb(rows, c).quickRatio?.toString()]));
    // (new 0 + expansion 10 + reactivation 5) / 20 = 0.75; without reactivation 10 / 20 = 0.5.
    expect(quick).toEqual({ default: '0.75', chartmogul: '0.75', baremetrics: '0.5', profitwell: '0.5' });
  });

  it("ProfitWell's quick ratio examples: 24K / 4K = 6, 30K / 10K = 3, 40K / 20K = 2", () => {
    // ProfitWell, "SaaS Quick Ratio", https://learn.profitwell.com/l/en/article/sxsipjlziy-saa-s-quick-ratio:
    // (new + expansion) / (contraction + churned), each example with 20K of net new MRR.
    const example = (gained: number, expanded: number, contracted: number, churned: number) => {
      const rows: Subscription[] = [
        { customerId: 'old-up', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: 100_000 },
        { customerId: 'old-up', startedAt: '2026-02-10', amount: 100_000 + expanded },
        { customerId: 'old-down', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: 100_000 },
        { customerId: 'old-down', startedAt: '2026-02-10', amount: 100_000 - contracted },
        { customerId: 'old-gone', startedAt: '2026-01-05', endedAt: '2026-02-10', amount: churned },
        { customerId: 'new', startedAt: '2026-02-10', amount: gained },
      ];
      const p = feb(rows, 'profitwell');
      return [p.quickRatio?.toString(), p.netNewMrr.toString()];
    };
    expect(example(20_000, 4_000, 1_000, 3_000)).toEqual(['6', '20000']);
    expect(example(25_000, 5_000, 4_000, 6_000)).toEqual(['3', '20000']);
    expect(example(30_000, 10_000, 5_000, 15_000)).toEqual(['2', '20000']);
  });

  it("Baremetrics' revenue churn cap: a $500 customer who upgrades to $1,379 and churns loses $500, 100 %, not 275.8 %", () => {
    // Baremetrics changelog (revenue churn no longer above 100 %), https://changelog.baremetrics.com:
    // churned MRR is measured against the customer's MRR at the base. Also the case of an
    // upgrade and a churn in one period.
    const p = feb(
      [
        { customerId: 'x', startedAt: '2026-01-05', endedAt: '2026-02-08', amount: 500 },
        { customerId: 'x', startedAt: '2026-02-08', endedAt: '2026-02-20', amount: 1379 },
      ],
      'baremetrics',
    );
    expect([p.churn.amount.toString(), p.expansion.amount.toString(), p.grossMrrChurnRate?.toString()]).toEqual([
      '500',
      '0',
      '1',
    ]);
  });
});

describe("MRR, ARPA and LTV as the vendors' pages compute them", () => {
  it("ChartMogul's MRR example: five customers at $5 make $25; two more at $30 make $85", () => {
    // ChartMogul, "Metric: Monthly Recurring Revenue (MRR)", https://help.chartmogul.com/hc/en-us/articles/203299812
    const five = Array.from(
      { length: 5 },
      (_, c): Subscription => ({ customerId: c, startedAt: '2026-01-03', amount: 5 }),
    );
    const two = [5, 6].map((c): Subscription => ({ customerId: c, startedAt: '2026-02-03', amount: 30 }));
    const { periods } = mrrMovements([...five, ...two], { from: '2026-01-01', periods: 2 });
    expect(periods.map((p) => p.endingMrr.toString())).toEqual(['25', '85']);
  });

  it("ChartMogul's ARPA example: $1, $1, $3, $5, $5 is $3, a customer's subscriptions combined", () => {
    // ChartMogul, ARPA, https://help.chartmogul.com/hc/en-us/articles/203359301: "If a customer has multiple
    // subscriptions, these are combined and counted as one customer before the ARPA is calculated."
    const p = only(
      [
        { customerId: 'a', startedAt: '2026-01-03', amount: 1 },
        { customerId: 'b', startedAt: '2026-01-03', amount: 1 },
        { customerId: 'c', startedAt: '2026-01-03', amount: 3 },
        { customerId: 'd', startedAt: '2026-01-03', amount: 5 },
        { customerId: 'e', startedAt: '2026-01-03', amount: 2 },
        { customerId: 'e', startedAt: '2026-01-04', amount: 3 },
      ],
      { from: '2026-01-01' },
    );
    expect([p.arpa?.toString(), p.customersAtEnd]).toEqual(['3', 5]);
  });

  it("ChartMogul's LTV: ARPA $100 over a six-month trailing churn of 5 % is $2,000", () => {
    // ChartMogul, "Chart: Customer Lifetime Value (LTV)",
    // https://help.chartmogul.com/hc/en-us/articles/203359061-Chart-Customer-Lifetime-Value-LTV:
    // ARPA divided by the average customer churn rate of the previous six months, the current one excluded.
    // 20 customers at $100; in each month one leaves on the 10th and one joins on the 12th: churn 1 / 20.
    // In July a second leaves and a second joins: 2 / 20, which the trailing average must not see.
    const rows: Subscription[] = [{ customerId: 'new7b', startedAt: '2026-07-12', amount: 100 }];
    for (let c = 0; c < 20; c++) {
      const leaves = c < 8 ? `2026-${String(Math.min(c + 1, 7)).padStart(2, '0')}-10` : null;
      rows.push({ customerId: `old${c}`, startedAt: '2025-12-15', endedAt: leaves, amount: 100 });
    }
    for (let m = 1; m <= 7; m++) {
      rows.push({ customerId: `new${m}`, startedAt: `2026-${String(m).padStart(2, '0')}-12`, amount: 100 });
    }
    const { periods } = mrrMovements(rows, { from: '2026-01-01', periods: 7, convention: 'chartmogul' });
    expect(periods.map((p) => p.customerChurnRate?.toString())).toEqual([...Array(6).fill('0.05'), '0.1']);
    expect(periods.map((p) => p.arpa?.toString())).toEqual(Array(7).fill('100'));
    // July (the seventh month) has six before it; June only five.
    expect(periods[6]?.trailingLifetimeValue?.toString()).toBe('2000');
    // The current month's churn alone: 100 / 0.1.
    expect(periods[6]?.lifetimeValue?.toString()).toBe('1000');
    expect(periods.slice(0, 6).map((p) => p.trailingLifetimeValue)).toEqual(Array(6).fill(null));
    // ARPA x margin / current churn, with a gross margin of 80 %: 100 x 0.8 / 0.05 = 1600.
    const withMargin = mrrMovements(rows, { from: '2026-01-01', periods: 7, grossMargin: '0.8', trailingPeriods: 2 });
    expect(withMargin.periods[0]?.lifetimeValue?.toString()).toBe('1600');
    expect(withMargin.periods[2]?.trailingLifetimeValue?.toString()).toBe('1600');
    expect(withMargin.periods[1]?.trailingLifetimeValue).toBeNull();
  });

  it('no LTV when nobody churned', () => {
    const p = only([{ customerId: 'a', startedAt: '2025-12-03', amount: 10 }], { from: '2026-01-01' });
    expect([p.customerChurnRate?.toString(), p.lifetimeValue]).toEqual(['0', null]);
  });

  it("ProfitWell's discount example: $120 a year less $12 is $9 a month", () => {
    // ProfitWell, "Calculating Metrics", https://learn.profitwell.com/category/WoBCXt3Wpj-calculating-metrics:
    // a $120 annual plan with a 10 % discount has an MRR of $9.
    const p = only([{ customerId: 'a', startedAt: '2026-01-03', amount: 120, interval: 'year', discount: 12 }], {
      from: '2026-01-01',
    });
    expect(p.endingMrr.toString()).toBe('9');
  });

  it("ProfitWell's same-month rule: $100 paid on 5 December and cancelled on the 6th is neither new nor churned", () => {
    // Paddle, "Are cancellations in the first month counted as churn?" (URL above).
    const rows: Subscription[] = [{ customerId: 'u', startedAt: '2025-12-05', endedAt: '2025-12-06', amount: 100 }];
    for (let c = 0; c < 10; c++) rows.push({ customerId: c, startedAt: '2025-11-03', amount: 50 });
    const dec = (convention: MrrConvention) => only(rows, { from: '2025-12-01', convention });
    const p = dec('profitwell');
    expect([p.new.customers, p.churn.customers, p.new.amount.toString()]).toEqual([0, 0, '0']);
    expect(p.customerChurnRate?.toString()).toBe('0');
    // The documents' (S + N - E) / S counts it: (10 + 1 - 10) / 10.
    expect(dec('default').customerChurnRate?.toString()).toBe('0.1');
  });

  it("ChartMogul's customer lifecycle in days: 4 x Gold yearly for $2,000 is $166.67 new; Silver added and cancelled", () => {
    // ChartMogul, "Lifecycle of a customer", https://help.chartmogul.com/hc/en-us/articles/201244842-Lifecycle-of-a-customer:
    // New Business of 2000 / 12; 2 x Silver monthly ($60) is an Expansion of $60; cancelling it with Gold
    // still active is a Contraction of $60, not a Churn.
    const { periods } = mrrMovements(
      [
        { customerId: 'syncalytics', startedAt: '2026-03-02T10:00:00Z', amount: 2000, interval: 'year' },
        {
          customerId: 'syncalytics',
          startedAt: '2026-03-05T09:00:00Z',
          endedAt: '2026-03-19T15:00:00Z',
          amount: 60,
        },
      ],
      { from: '2026-03-01', periods: 20, period: 'day' },
    );
    const day = (d: number) => periods[d - 1] as MrrPeriod;
    expect(day(2).new.amount.toString()).toBe(to34(new D(2000).div(12)));
    expect(day(2).new.amount.toDecimalPlaces(2).toString()).toBe('166.67');
    expect([day(5).expansion.amount.toString(), day(19).contraction.amount.toString()]).toEqual(['60', '60']);
    expect(periods.reduce((n, p) => n + p.churn.customers, 0)).toBe(0);
  });
});

describe("Baremetrics' window at a boundary", () => {
  it('a subscription billed through the end of May is cancelled in the window that ends with June', () => {
    // x pays 50 from 10 March to 1 June (its last paid instant is the end of May); y keeps paying.
    // May's window (2 May to 1 June): x still pays at its end, no cancellation. June's window (1 June to
    // 1 July): x pays at its start and not at its end: 1 cancelled of 2.
    const { periods } = mrrMovements(
      [
        { customerId: 'x', startedAt: '2026-03-10', endedAt: '2026-06-01', amount: 50 },
        { customerId: 'y', startedAt: '2026-01-05', amount: 50 },
      ],
      { from: '2026-05-01', periods: 2, convention: 'baremetrics' },
    );
    expect(periods.map((p) => p.customerChurnRate?.toString())).toEqual(['0', '0.5']);
    // The calendar movements agree: x is churned in June.
    expect(periods.map((p) => p.churn.customers)).toEqual([0, 1]);
  });
});

describe("Baremetrics' window on rows in any order, free plans and Decimal amounts", () => {
  it('gives the same rate whatever the order of the rows and the number type of the amounts', () => {
    // April 2026 (30 days: the window is the month). Paying at 1 April: p, q, r (r at 0.1 + 1e-21, a Decimal).
    // q stops on 12 April; s signs up on 3 April and stops on the 9th; f is on a free plan; z's row is empty
    // (starts and ends on 20 April). Cancelled in the window and not paying on 1 May: q and s, of 3.
    const rows: Subscription[] = [
      { customerId: 'q', startedAt: '2026-02-01', endedAt: '2026-04-12', amount: 20 },
      { customerId: 'p', startedAt: '2026-02-01', amount: 10 },
      { customerId: 'f', startedAt: '2026-02-01', amount: 0 },
      { customerId: 's', startedAt: '2026-04-03', endedAt: '2026-04-09', amount: 30 },
      { customerId: 'r', startedAt: '2026-02-01', amount: '0.100000000000000000001' },
      { customerId: 'z', startedAt: '2026-04-20', endedAt: '2026-04-20', amount: 40 },
      { customerId: 'p', startedAt: '2026-01-01', endedAt: '2026-01-20', amount: 10 },
    ];
    const april = only(rows, { from: '2026-04-01', convention: 'baremetrics' });
    expect(april.customerChurnRate?.toString()).toBe(to34(new D(2).div(3)));
    expect([april.customersAtStart, april.customersAtEnd, april.joinedAndLeftCustomers]).toEqual([3, 2, 1]);
  });
});
