/**
 * Invariants of the data functions (periodCounts, periodCountsSeries,
 * cohortRetention, revenueRetention) on generated rows, each compared with a
 * brute-force count written here from the definitions in
 * docs/customer-data.md: a lifecycle [startedAt, endedAt) covers whole days,
 * touching or overlapping lifecycles of one customer are one stretch, and
 * every boundary is a UTC midnight, so "active at an instant" is "the day
 * before and the day itself are covered".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohortRetention,
  Decimal,
  type Lifecycle,
  type PeriodCounts,
  periodCounts,
  periodCountsSeries,
  revenueRetention,
} from '../../src';
import { mulberry32 } from '../models/simulate';
import { runs } from '../support/properties';

const DAY = 86_400_000;
/** Day 0 of the generated data: Monday 2025-12-29, so weeks, months, quarters and a year boundary all occur. */
const BASE_DAY = Date.UTC(2025, 11, 29) / DAY;
const Big = Decimal.clone({ precision: 200 });
type Dec = Decimal;
/** An exact value rounded the way the library rounds a result: 34 significant digits, half even. */
const asResult = (x: Dec): Dec => x.toSignificantDigits(34, Decimal.ROUND_HALF_EVEN);

/** A copy of `items` in an order drawn from `seed`. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** An instant written as epoch milliseconds, a Date or an ISO string: the form changes nothing. */
type Form = 'ms' | 'date' | 'iso';
const form = fc.constantFrom<Form>('ms', 'date', 'iso');
function instant(day: number, as: Form): number | Date | string {
  const ms = (BASE_DAY + day) * DAY;
  return as === 'ms' ? ms : as === 'date' ? new Date(ms) : new Date(ms).toISOString();
}

interface Row {
  id: string;
  start: number;
  /** Excluded end day, or undefined while still active. */
  end: number | undefined;
}
const rowArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  start: fc.integer({ min: 0, max: 150 }),
  length: fc.option(fc.integer({ min: 1, max: 70 }), { nil: undefined, freq: 4 }),
});
const rowsArb = fc
  .array(rowArb, { maxLength: 14 })
  .map((rows) =>
    rows.map((r): Row => ({ id: r.id, start: r.start, end: r.length === undefined ? undefined : r.start + r.length })),
  );
function lifecycles(rows: readonly Row[], as: Form): Lifecycle[] {
  return rows.map((r) => ({
    customerId: r.id,
    startedAt: instant(r.start, as),
    ...(r.end === undefined ? {} : { endedAt: instant(r.end, as) }),
  }));
}

/** Brute force: is day d covered by one of the customer's rows? */
const covered = (rows: readonly Row[], d: number) =>
  rows.some((r) => r.start <= d && (r.end === undefined || d < r.end));

interface Counts {
  S: number;
  N: number;
  E: number;
  retained: number;
  newAndLost: number;
  returning: number;
}

/** Brute-force counts for the period of days [from, to), from each customer's covered days. */
function bruteCounts(rows: readonly Row[], from: number, to: number): Counts {
  const counts: Counts = { S: 0, N: 0, E: 0, retained: 0, newAndLost: 0, returning: 0 };
  for (const id of new Set(rows.map((r) => r.id))) {
    const own = rows.filter((r) => r.id === id);
    const on = (d: number) => covered(own, d);
    // Active at an instant, in a stretch that started before it: the day before and the day after it are covered.
    const s = on(from - 1) && on(from);
    const e = on(to - 1) && on(to);
    let stretchStarts = false;
    for (let d = from; d < to; d++) if (on(d) && !on(d - 1)) stretchStarts = true;
    const n = stretchStarts && !s;
    let before = false;
    for (let d = -1; d < from; d++) if (on(d)) before = true;
    counts.S += s ? 1 : 0;
    counts.E += e ? 1 : 0;
    counts.N += n ? 1 : 0;
    counts.retained += s && e ? 1 : 0;
    counts.newAndLost += n && !e ? 1 : 0;
    counts.returning += n && before ? 1 : 0;
  }
  return counts;
}

/** A row of counts with its Decimals as strings, for comparing whole rows. */
const plain = (c: PeriodCounts) => ({
  ...c,
  retentionRate: c.retentionRate?.toString() ?? null,
  startingCustomerRetention: c.startingCustomerRetention?.toString() ?? null,
});

describe('periodCounts', () => {
  const period = fc.record({ from: fc.integer({ min: 0, max: 170 }), length: fc.integer({ min: 1, max: 60 }) });

  it('counts S, N, E, retained, new-and-lost and returning customers as a day-by-day brute force does', () => {
    fc.assert(
      fc.property(rowsArb, period, form, (rows, { from, length }, as) => {
        const to = from + length;
        const c = periodCounts(lifecycles(rows, as), { from: instant(from, as), to: instant(to, as) });
        const b = bruteCounts(rows, from, to);
        expect([c.customersAtStart, c.newCustomers, c.customersAtEnd]).toEqual([b.S, b.N, b.E]);
        expect([c.retainedCustomers, c.newAndLostCustomers, c.returningCustomers]).toEqual([
          b.retained,
          b.newAndLost,
          b.returning,
        ]);
        expect(c.periodStart).toBe(new Date((BASE_DAY + from) * DAY).toISOString());
        expect(c.periodEnd).toBe(new Date((BASE_DAY + to) * DAY).toISOString());
      }),
      runs,
    );
  });

  it('L = S + N - E and is never negative; E = retained + N - newAndLost; (E - N) / S = (retained - newAndLost) / S', () => {
    fc.assert(
      fc.property(rowsArb, period, (rows, { from, length }) => {
        const c = periodCounts(lifecycles(rows, 'ms'), { from: instant(from, 'ms'), to: instant(from + length, 'ms') });
        expect(c.lostCustomers).toBe(c.customersAtStart + c.newCustomers - c.customersAtEnd);
        expect(c.lostCustomers).toBeGreaterThanOrEqual(0);
        expect(c.customersAtEnd).toBe(c.retainedCustomers + c.newCustomers - c.newAndLostCustomers);
        // Each count is of distinct customers, and the parts never exceed their wholes.
        expect(c.retainedCustomers).toBeLessThanOrEqual(Math.min(c.customersAtStart, c.customersAtEnd));
        expect(c.newAndLostCustomers).toBeLessThanOrEqual(c.newCustomers);
        expect(c.returningCustomers).toBeLessThanOrEqual(c.newCustomers);
        expect(c.customersAtStart + c.newCustomers).toBeLessThanOrEqual(new Set(rows.map((r) => r.id)).size);
        if (c.customersAtStart === 0) {
          expect(c.retentionRate).toBeNull();
          expect(c.startingCustomerRetention).toBeNull();
        } else {
          const s = new Big(c.customersAtStart);
          const documents = new Big(c.retainedCustomers - c.newAndLostCustomers).div(s);
          expect(c.retentionRate?.equals(asResult(documents))).toBe(true);
          expect(c.retentionRate?.equals(asResult(new Big(c.customersAtEnd - c.newCustomers).div(s)))).toBe(true);
          expect(c.startingCustomerRetention?.equals(asResult(new Big(c.retainedCustomers).div(s)))).toBe(true);
          expect(c.startingCustomerRetention?.gte(c.retentionRate ?? Number.NaN)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('does not depend on the order of the rows, nor on splitting a lifecycle into two that touch', () => {
    fc.assert(
      fc.property(rowsArb, period, fc.integer(), fc.nat(), (rows, { from, length }, seed, at) => {
        const options = { from: instant(from, 'ms'), to: instant(from + length, 'ms') };
        const c = plain(periodCounts(lifecycles(rows, 'ms'), options));
        expect(plain(periodCounts(lifecycles(shuffled(rows, seed), 'ms'), options))).toEqual(c);
        // One lifecycle cut in two at a day inside it: the two touch, so they are one stretch.
        const i = at % Math.max(rows.length, 1);
        const row = rows[i];
        if (row === undefined || (row.end ?? row.start + 2) - row.start < 2) return;
        const cut = row.start + 1 + (at % ((row.end ?? row.start + 2) - row.start - 1));
        const split = [...rows.slice(0, i), { ...row, end: cut }, { ...row, start: cut }, ...rows.slice(i + 1)];
        expect(plain(periodCounts(lifecycles(split, 'ms'), options))).toEqual(c);
      }),
      runs,
    );
  });
});

describe('periodCountsSeries', () => {
  const unit = fc.constantFrom<'day' | 'week' | 'month' | 'quarter' | 'year'>(
    'day',
    'week',
    'month',
    'quarter',
    'year',
  );
  /** The start (epoch ms) of the calendar period holding `ms`, and of the one after it, from the Date API. */
  function calendar(ms: number, u: 'day' | 'week' | 'month' | 'quarter' | 'year'): [number, number] {
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    const day = Math.floor(ms / DAY) * DAY;
    switch (u) {
      case 'day':
        return [day, day + DAY];
      case 'week': {
        const monday = day - ((d.getUTCDay() + 6) % 7) * DAY;
        return [monday, monday + 7 * DAY];
      }
      case 'month':
        return [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)];
      case 'quarter':
        return [Date.UTC(y, m - (m % 3), 1), Date.UTC(y, m - (m % 3) + 3, 1)];
      case 'year':
        return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
    }
  }

  it('is periodCounts for each consecutive calendar period; one period ends where the next starts, with E_i = S_(i+1)', () => {
    fc.assert(
      fc.property(
        rowsArb,
        unit,
        fc.integer({ min: 0, max: 150 * DAY }),
        fc.integer({ min: 1, max: 8 }),
        (rows, u, offset, periods) => {
          const from = BASE_DAY * DAY + offset;
          const customers = lifecycles(rows, 'ms');
          const series = periodCountsSeries(customers, { from, periods, period: u });
          expect(series).toHaveLength(periods);
          let [start, end] = calendar(from, u);
          for (const [i, row] of series.entries()) {
            expect([row.periodStart, row.periodEnd]).toEqual([
              new Date(start).toISOString(),
              new Date(end).toISOString(),
            ]);
            expect(plain(row)).toEqual(plain(periodCounts(customers, { from: start, to: end })));
            const next = series[i + 1];
            if (next !== undefined) expect(next.customersAtStart).toBe(row.customersAtEnd);
            [start, end] = calendar(end, u);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('cohortRetention', () => {
  type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';
  const unit = fc.constantFrom<Unit>('day', 'week', 'month', 'quarter', 'year');
  interface Event {
    id: string;
    day: number;
  }
  const eventsArb = fc.array(
    fc.record({
      id: fc.constantFrom('u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'),
      day: fc.integer({ min: 0, max: 400 }),
    }),
    { maxLength: 30 },
  );
  const events = (list: readonly Event[], as: Form) => list.map((e) => ({ customerId: e.id, at: instant(e.day, as) }));

  /** A period's index from the Date API (consecutive periods, consecutive indexes), and the first day of a period. */
  function indexOf(day: number, u: Unit): number {
    const d = new Date((BASE_DAY + day) * DAY);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    switch (u) {
      case 'day':
        return day;
      case 'week':
        // Day 0 is a Monday.
        return Math.floor(day / 7);
      case 'month':
        return y * 12 + m;
      case 'quarter':
        return y * 4 + Math.floor(m / 3);
      case 'year':
        return y;
    }
  }
  function label(index: number, u: Unit): string {
    const ms =
      u === 'day'
        ? (BASE_DAY + index) * DAY
        : u === 'week'
          ? (BASE_DAY + index * 7) * DAY
          : u === 'month'
            ? Date.UTC(Math.floor(index / 12), index % 12, 1)
            : u === 'quarter'
              ? Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1)
              : Date.UTC(index, 0, 1);
    return new Date(ms).toISOString().slice(0, 10);
  }
  const share = (count: number, size: number) => asResult(new Big(count).div(size)).toString();

  /** The table, counted by brute force: events after the asOf day are not observed. */
  function bruteTable(list: readonly Event[], u: Unit, asOfDay: number | undefined) {
    const seen = list.filter((e) => asOfDay === undefined || e.day <= asOfDay);
    const periods = new Map<string, Set<number>>();
    for (const e of seen) {
      const set = periods.get(e.id) ?? new Set<number>();
      set.add(indexOf(e.day, u));
      periods.set(e.id, set);
    }
    if (periods.size === 0) return [];
    const last = asOfDay === undefined ? Math.max(...seen.map((e) => indexOf(e.day, u))) : indexOf(asOfDay, u);
    const byCohort = new Map<number, Array<Set<number>>>();
    for (const set of periods.values()) {
      const first = Math.min(...set);
      byCohort.set(first, [...(byCohort.get(first) ?? []), set]);
    }
    return [...byCohort.keys()]
      .sort((a, b) => a - b)
      .map((first) => {
        const members = byCohort.get(first) ?? [];
        const size = members.length;
        const active: number[] = [];
        const activeOrLater: number[] = [];
        for (let k = 0; first + k <= last; k++) {
          active.push(members.filter((set) => set.has(first + k)).length);
          activeOrLater.push(members.filter((set) => Math.max(...set) >= first + k).length);
        }
        return {
          cohort: label(first, u),
          size,
          active,
          activeRate: active.map((a) => share(a, size)),
          activeOrLater,
          activeOrLaterRate: activeOrLater.map((a) => share(a, size)),
        };
      });
  }
  const plainTable = (t: ReturnType<typeof cohortRetention>) =>
    t.cohorts.map((c) => ({
      ...c,
      activeRate: c.activeRate.map(String),
      activeOrLaterRate: c.activeOrLaterRate.map(String),
    }));
  const asOfArb = fc.option(fc.integer({ min: 0, max: 420 }), { nil: undefined });

  it('matches a brute-force table: cohorts by first period, active in k, active in k or later, rates count / size', () => {
    fc.assert(
      fc.property(eventsArb, unit, asOfArb, form, (list, u, asOfDay, as) => {
        const table = cohortRetention(events(list, as), {
          period: u,
          ...(asOfDay === undefined ? {} : { asOf: instant(asOfDay, as) }),
        });
        expect(table.period).toBe(u);
        expect(plainTable(table)).toEqual(bruteTable(list, u, asOfDay));
      }),
      runs,
    );
  });

  it('sizes add up to the customers seen; active in k <= active in k or later <= size, which never rises with k; k = 0 is everyone', () => {
    fc.assert(
      fc.property(eventsArb, unit, asOfArb, (list, u, asOfDay) => {
        const table = cohortRetention(events(list, 'ms'), {
          period: u,
          ...(asOfDay === undefined ? {} : { asOf: instant(asOfDay, 'ms') }),
        });
        const seen = new Set(list.filter((e) => asOfDay === undefined || e.day <= asOfDay).map((e) => e.id));
        expect(table.cohorts.reduce((sum, c) => sum + c.size, 0)).toBe(seen.size);
        for (const c of table.cohorts) {
          expect(c.active[0]).toBe(c.size);
          expect(c.activeOrLater[0]).toBe(c.size);
          expect(c.active).toHaveLength(c.activeOrLater.length);
          for (let k = 0; k < c.active.length; k++) {
            expect(c.active[k]).toBeLessThanOrEqual(c.activeOrLater[k] ?? Number.NaN);
            expect(c.activeOrLater[k]).toBeLessThanOrEqual(k === 0 ? c.size : (c.activeOrLater[k - 1] ?? Number.NaN));
            expect(c.activeRate[k]?.lte(c.activeOrLaterRate[k] ?? Number.NaN)).toBe(true);
          }
        }
        // Older cohorts have longer rows, one period longer per period older.
        for (let i = 1; i < table.cohorts.length; i++) {
          expect(table.cohorts[i]?.active.length).toBeLessThan(table.cohorts[i - 1]?.active.length ?? 0);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('flat rows are the matrix read cohort by cohort, period by period', () => {
    fc.assert(
      fc.property(eventsArb, unit, (list, u) => {
        const table = cohortRetention(events(list, 'iso'), { period: u });
        const flat = table.cohorts.flatMap((c) =>
          c.active.map((active, k) => ({
            cohort: c.cohort,
            periodIndex: k,
            period: label(indexOf(Date.parse(c.cohort) / DAY - BASE_DAY, u) + k, u),
            size: c.size,
            active,
            activeRate: String(c.activeRate[k]),
            activeOrLater: c.activeOrLater[k],
            activeOrLaterRate: String(c.activeOrLaterRate[k]),
          })),
        );
        expect(
          table.rows.map((r) => ({
            ...r,
            activeRate: String(r.activeRate),
            activeOrLaterRate: String(r.activeOrLaterRate),
          })),
        ).toEqual(flat);
      }),
      runs,
    );
  });

  it('does not depend on the order of the events, nor on repeating one', () => {
    fc.assert(
      fc.property(eventsArb, unit, fc.integer(), fc.nat(), (list, u, seed, which) => {
        const table = plainTable(cohortRetention(events(list, 'ms'), { period: u }));
        expect(plainTable(cohortRetention(events(shuffled(list, seed), 'ms'), { period: u }))).toEqual(table);
        const repeated = list.length === 0 ? list : [...list, list[which % list.length] as Event];
        expect(plainTable(cohortRetention(events(repeated, 'ms'), { period: u }))).toEqual(table);
      }),
      runs,
    );
  });

  it('a lifecycle counts as activity on every day it covers, up to asOf', () => {
    const lifecycle = fc.record({
      id: fc.constantFrom('u0', 'u1', 'u2', 'u3'),
      start: fc.integer({ min: 0, max: 300 }),
      length: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(lifecycle, { maxLength: 5 }),
        unit,
        fc.integer({ min: 0, max: 420 }),
        (list, cycles, u, asOfDay) => {
          const asOf = instant(asOfDay, 'ms');
          const rows = [
            ...events(list, 'ms'),
            ...cycles.map((c) => ({
              customerId: c.id,
              startedAt: instant(c.start, 'ms'),
              ...(c.length === undefined ? {} : { endedAt: instant(c.start + c.length, 'ms') }),
            })),
          ];
          // The same activity as events: one on each day from the start up to the end (or asOf, for an open one).
          const daily = [...list];
          for (const c of cycles) {
            const until = Math.max(
              c.start + 1,
              Math.min(c.length === undefined ? asOfDay : c.start + c.length, asOfDay),
            );
            for (let d = c.start; d < until; d++) daily.push({ id: c.id, day: d });
          }
          const table = cohortRetention(rows, { period: u, asOf });
          expect(plainTable(table)).toEqual(plainTable(cohortRetention(events(daily, 'ms'), { period: u, asOf })));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('revenueRetention', () => {
  const revenue = fc
    .oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }))
    .map((n) => new Big(n).div(100).toString());
  const rowsOf = fc.array(fc.record({ customerId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), revenue }), {
    maxLength: 12,
  });
  const input = fc
    .record({ startRevenue: rowsOf, endRevenue: rowsOf })
    .filter((o) => o.startRevenue.some((r) => !new Big(r.revenue).isZero()));
  const total = (rows: ReadonlyArray<{ customerId: string; revenue: string }>) => {
    const sums = new Map<string, Dec>();
    for (const r of rows) sums.set(r.customerId, (sums.get(r.customerId) ?? new Big(0)).plus(r.revenue));
    return sums;
  };
  const q = (a: Dec, b: Dec) => asResult(new Big(a).div(b));

  it('matches a brute force: starting, retained, expansion, contraction, churned and new revenue, and the three rates', () => {
    fc.assert(
      fc.property(input, (o) => {
        const r = revenueRetention(o);
        const start = total(o.startRevenue);
        const end = total(o.endRevenue);
        let starting = new Big(0);
        let retained = new Big(0);
        let expansion = new Big(0);
        let contraction = new Big(0);
        let churned = new Big(0);
        let fresh = new Big(0);
        for (const [id, s] of start) {
          if (s.isZero()) continue;
          const e = end.get(id) ?? new Big(0);
          starting = starting.plus(s);
          retained = retained.plus(e);
          if (e.isZero()) churned = churned.plus(s);
          else if (e.gt(s)) expansion = expansion.plus(e.minus(s));
          else contraction = contraction.plus(s.minus(e));
        }
        for (const [id, e] of end) if ((start.get(id) ?? new Big(0)).isZero()) fresh = fresh.plus(e);
        expect(r.startingRevenue.equals(starting)).toBe(true);
        expect(r.retainedRevenue.equals(retained)).toBe(true);
        expect(r.expansion.equals(expansion)).toBe(true);
        expect(r.contraction.equals(contraction)).toBe(true);
        expect(r.churnedRevenue.equals(churned)).toBe(true);
        expect(r.newRevenue.equals(fresh)).toBe(true);
        const lost = contraction.plus(churned);
        expect(r.netRevenueRetention.equals(q(starting.plus(expansion).minus(lost), starting))).toBe(true);
        expect(r.grossRevenueRetention.equals(q(starting.minus(lost), starting))).toBe(true);
        expect(r.grossRevenueChurn.equals(q(lost, starting))).toBe(true);
      }),
      runs,
    );
  });

  it('retained = start + expansion - contraction - churned; NRR = retained / start = GRR + expansion / start; GRR in [0, 1], GRR + churn = 1', () => {
    fc.assert(
      fc.property(input, (o) => {
        const r = revenueRetention(o);
        const s = new Big(r.startingRevenue);
        expect(r.retainedRevenue.equals(s.plus(r.expansion).minus(r.contraction).minus(r.churnedRevenue))).toBe(true);
        expect(r.netRevenueRetention.equals(q(r.retainedRevenue, s))).toBe(true);
        // Each rate is one rounded quotient: identities between them hold within two roundings.
        const tolerance = '1e-32';
        const nrrMinusGrr = new Big(r.netRevenueRetention).minus(r.grossRevenueRetention);
        expect(
          nrrMinusGrr
            .minus(new Big(r.expansion).div(s))
            .abs()
            .lte(new Big(r.netRevenueRetention).plus(1).times(tolerance)),
        ).toBe(true);
        expect(new Big(r.grossRevenueRetention).plus(r.grossRevenueChurn).minus(1).abs().lte(tolerance)).toBe(true);
        expect(r.grossRevenueRetention.gte(0) && r.grossRevenueRetention.lte(1)).toBe(true);
        expect(r.netRevenueRetention.gte(r.grossRevenueRetention)).toBe(true);
        expect(r.grossRevenueChurn.gte(0) && r.grossRevenueChurn.lte(1)).toBe(true);
        // Every end revenue is retained (from a starting customer) or new.
        const endTotal = o.endRevenue.reduce((sum, row) => sum.plus(row.revenue), new Big(0));
        expect(new Big(r.retainedRevenue).plus(r.newRevenue).equals(endTotal)).toBe(true);
      }),
      runs,
    );
  });

  it('does not change when rows are permuted or split, and scaling every revenue scales the amounts but no rate', () => {
    fc.assert(
      fc.property(input, fc.integer(), fc.integer({ min: 2, max: 1000 }), fc.nat(), (o, seed, factor, which) => {
        const r = revenueRetention(o);
        const strings = (x: typeof r) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, String(v)]));
        const shuffledInput = {
          startRevenue: shuffled(o.startRevenue, seed),
          endRevenue: shuffled(o.endRevenue, seed + 1),
        };
        expect(strings(revenueRetention(shuffledInput))).toEqual(strings(r));
        // One row split into two rows of the same customer whose revenues add up to it.
        const i = which % o.startRevenue.length;
        const row = o.startRevenue[i] as { customerId: string; revenue: string };
        const half = new Big(row.revenue).div(2).toString();
        const split = [
          ...o.startRevenue.slice(0, i),
          { customerId: row.customerId, revenue: half },
          { customerId: row.customerId, revenue: new Big(row.revenue).minus(half).toString() },
          ...o.startRevenue.slice(i + 1),
        ];
        expect(strings(revenueRetention({ ...o, startRevenue: split }))).toEqual(strings(r));
        const scale = (rows: typeof o.startRevenue) =>
          rows.map((x) => ({ ...x, revenue: new Big(x.revenue).times(factor).toString() }));
        const scaled = revenueRetention({ startRevenue: scale(o.startRevenue), endRevenue: scale(o.endRevenue) });
        for (const key of [
          'startingRevenue',
          'retainedRevenue',
          'expansion',
          'contraction',
          'churnedRevenue',
          'newRevenue',
        ] as const) {
          expect(scaled[key].equals(new Big(r[key]).times(factor))).toBe(true);
        }
        for (const key of ['netRevenueRetention', 'grossRevenueRetention', 'grossRevenueChurn'] as const) {
          expect(scaled[key].equals(r[key])).toBe(true);
        }
      }),
      runs,
    );
  });
});
