/**
 * cohortRetention from lifecycles: a customer is active in every period its
 * lifecycle [startedAt, endedAt) overlaps; an open one until asOf, or until
 * the latest date in the data. Expected tables worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { cohortRetention, MetricInputError } from '../../src';

describe('cohortRetention from lifecycles', () => {
  const rows = [
    // a: 10 Jan - 5 Mar, active in January, February and March.
    { customerId: 'a', startedAt: '2026-01-10', endedAt: '2026-03-05' },
    // b: 20 - 25 Jan, January only.
    { customerId: 'b', startedAt: '2026-01-20', endedAt: '2026-01-25' },
    // c: from 2 Feb, still open.
    { customerId: 'c', startedAt: '2026-02-02' },
    // d: an activity event in April, mixed into the same list.
    { customerId: 'd', at: '2026-04-15' },
  ];

  it('counts each customer in every month its lifecycle overlaps, up to the latest date in the data', () => {
    const table = cohortRetention(rows);
    // January cohort {a, b}: Jan 2, Feb 1 (a), Mar 1 (a), Apr 0. February cohort {c}: Feb, Mar, Apr.
    // April cohort {d}. The data end in April (d's event, 15 April).
    expect(table.cohorts.map((c) => [c.cohort, c.size, c.active, c.activeOrLater])).toEqual([
      ['2026-01-01', 2, [2, 1, 1, 0], [2, 1, 1, 0]],
      ['2026-02-01', 1, [1, 1, 1], [1, 1, 1]],
      ['2026-04-01', 1, [1], [1]],
    ]);
  });

  it('stops open and later lifecycles at asOf', () => {
    const table = cohortRetention(rows, { asOf: '2026-02-28' });
    // Observed January and February only; d (April) is after asOf.
    expect(table.cohorts.map((c) => [c.cohort, c.size, c.active])).toEqual([
      ['2026-01-01', 2, [2, 1]],
      ['2026-02-01', 1, [1]],
    ]);
  });

  it('runs an open lifecycle to the latest date in the data, wherever that date is in the list', () => {
    const months = (rows: Parameters<typeof cohortRetention>[0]) =>
      cohortRetention(rows).cohorts.map((c) => [c.cohort, c.active]);
    // The latest date is an event in the middle of the list (10 May), not the last row (1 Feb).
    expect(
      months([
        { customerId: 'c', startedAt: '2026-01-05' },
        { customerId: 'x', at: '2026-05-10' },
        { customerId: 'y', at: '2026-02-01' },
      ]),
    ).toEqual([
      ['2026-01-01', [1, 1, 1, 1, 1]],
      ['2026-02-01', [1, 0, 0, 0]],
      ['2026-05-01', [1]],
    ]);
    // The latest date is another open lifecycle's start (7 April): c runs January to April.
    expect(
      months([
        { customerId: 'c', startedAt: '2026-01-05' },
        { customerId: 'g', startedAt: '2026-04-07' },
      ]),
    ).toEqual([
      ['2026-01-01', [1, 1, 1, 1]],
      ['2026-04-01', [1]],
    ]);
    // The latest date is a closed lifecycle's end (20 June): c runs January to June.
    expect(
      months([
        { customerId: 'c', startedAt: '2026-01-05' },
        { customerId: 'e', startedAt: '2026-03-10', endedAt: '2026-06-20' },
      ]),
    ).toEqual([
      ['2026-01-01', [1, 1, 1, 1, 1, 1]],
      ['2026-03-01', [1, 1, 1, 1]],
    ]);
  });

  it('names the row of a lifecycle that ends before it starts', () => {
    expect(() => cohortRetention([{ customerId: 'x', startedAt: '2026-03-01', endedAt: '2026-02-01' }])).toThrow(
      MetricInputError,
    );
    expect(() => cohortRetention([{ customerId: 'x', startedAt: '2026-03-01', endedAt: '2026-02-01' }])).toThrow(
      /^cohortRetention: events\[0\]\.endedAt /,
    );
  });
});
