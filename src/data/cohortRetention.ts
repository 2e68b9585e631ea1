import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue } from '../internal/numeric';
import { fail, isOptionsObject, type MetricSchema, parseInput, readerSchema } from '../internal/schema';
import { type Lifecycle, readId } from './lifecycles';
import { addPeriods, PERIOD_UNITS, type PeriodUnit, periodLabel, periodStart, readInstant } from './periods';

/**
 * One activity event: a purchase, a login, a session. cohortRetention also
 * takes lifecycles `{ customerId, startedAt, endedAt? }` in the same list: a
 * customer is active in every period its lifecycle overlaps.
 */
export interface ActivityEvent {
  /** The customer, as a string or a number. */
  customerId: string | number;
  /** When: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  at: Date | string | number;
}

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions {
  /** Period length: 'day', 'week' (ISO, from Monday), 'month', 'quarter' or 'year'. Default 'month'. */
  period?: PeriodUnit;
  /** Last instant observed; periods after its period are not reported. Default: the last event. */
  asOf?: Date | string | number;
}

/** One cohort: the customers whose first activity fell in the same period. */
export interface Cohort {
  /** The cohort's first period, as its first day (YYYY-MM-DD, UTC). */
  cohort: string;
  /** Customers in the cohort. */
  size: number;
  /** Customers active in period k after the cohort's first (k = 0 is the first, where all are). */
  active: number[];
  /** active[k] / size. */
  activeRate: Decimal[];
  /** Customers active in period k or any later observed period. */
  activeOrLater: number[];
  /** activeOrLater[k] / size. */
  activeOrLaterRate: Decimal[];
}

/** One cell of a cohort table, as a flat row for a chart or a CSV. */
export interface CohortRow {
  /** The cohort's first period (YYYY-MM-DD). */
  cohort: string;
  /** Periods since the cohort's first (0, 1, 2, ...). */
  periodIndex: number;
  /** The period itself (YYYY-MM-DD). */
  period: string;
  /** Customers in the cohort. */
  size: number;
  /** Customers active in the period. */
  active: number;
  /** active / size. */
  activeRate: Decimal;
  /** Customers active in the period or later. */
  activeOrLater: number;
  /** activeOrLater / size. */
  activeOrLaterRate: Decimal;
}

/** Result of {@link cohortRetention}. */
export interface CohortRetention {
  /** The period length used. */
  period: PeriodUnit;
  /** The cohorts, oldest first; each has as many entries as periods observed since it began. */
  cohorts: Cohort[];
  /** The same numbers as flat rows. */
  rows: CohortRow[];
}

/**
 * A cohort retention table from activity events: customers grouped by the
 * period of their first activity, and for each later period the count and
 * share active in it, and active in it or later.
 *
 * @remarks
 * Periods are UTC calendar periods (ISO weeks from Monday). A cohort has a
 * value for each period observed up to `asOf` (or the last event), and none
 * after: younger cohorts have shorter rows, never invented zeros. "Active in
 * period k" counts customers with an event in that period; "active in k or
 * later" counts those whose last event is in period k or later (the
 * unbounded retention of the literature).
 *
 * Cost: O(events + cohorts x periods), one Map entry per customer.
 *
 * @param events - `{ customerId, at }` per activity, or lifecycles
 *   `{ customerId, startedAt, endedAt? }` (active in every period they
 *   overlap; an open one until asOf, or the latest date in the data), in any order.
 * @param options - the period length and the last instant observed.
 * @returns the table as cohorts (a matrix) and as flat rows.
 * @throws {@link MetricInputError} naming the row and field for a missing id or an unparseable date.
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'retention-metrics';
 *
 * const table = cohortRetention([
 *   { customerId: 'a', at: '2026-01-05' },
 *   { customerId: 'b', at: '2026-01-20' },
 *   { customerId: 'a', at: '2026-02-11' },
 *   { customerId: 'b', at: '2026-03-02' },
 *   { customerId: 'c', at: '2026-02-14' },
 * ]);
 * table.cohorts.map((c) => [c.cohort, c.size, c.active.join(' ')]);
 * //=> [['2026-01-01', 2, '2 1 1'], ['2026-02-01', 1, '1 0']]
 * table.cohorts[0]?.activeOrLater.join(' ');
 * //=> '2 2 1'
 * ```
 */
export function cohortRetention(
  events: ReadonlyArray<ActivityEvent | Lifecycle>,
  options: CohortRetentionOptions = {},
): CohortRetention {
  const fn = 'cohortRetention';
  if (!isOptionsObject(options)) fail(fn, 'options', `must be an object when given, got ${describeValue(options)}`);
  const v = parseInput(fn, cohortRetentionInput, { ...options, events });
  const { unit, asOf } = v;
  // Each customer's active periods, as period start times; events after asOf are not observed.
  const periodsById = new Map<string | number, Set<number>>();
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.ids.length; i++) {
    const at = v.instants[i] as number;
    if (at > asOf) continue;
    const id = v.ids[i] as string | number;
    const start = periodStart(at, unit);
    if (start > last) last = start;
    let set = periodsById.get(id);
    if (set === undefined) {
      set = new Set();
      periodsById.set(id, set);
    }
    set.add(start);
  }
  if (v.asOfGiven) last = periodStart(asOf, unit);
  if (Number.isFinite(last) && periodsById.size > 0) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const set of periodsById.values()) for (const p of set) if (p < earliest) earliest = p;
    if (offset(earliest, last, unit) > 100_000) {
      fail(
        fn,
        options.asOf === undefined ? 'events' : 'asOf',
        `span more than 100,000 ${unit}s; choose a longer period or a nearer asOf`,
      );
    }
  }
  // Cohort start -> { size, active counts and last-period histogram by offset }.
  const cohorts = new Map<number, { size: number; active: number[]; lastAt: number[] }>();
  for (const set of periodsById.values()) {
    let first = Number.POSITIVE_INFINITY;
    let latest = Number.NEGATIVE_INFINITY;
    for (const p of set) {
      if (p < first) first = p;
      if (p > latest && p <= last) latest = p;
    }
    if (first > last) continue; // first seen after asOf
    let cohort = cohorts.get(first);
    if (cohort === undefined) {
      cohort = { size: 0, active: [], lastAt: [] };
      cohorts.set(first, cohort);
    }
    cohort.size++;
    for (const p of set) {
      if (p > last) continue;
      const k = offset(first, p, unit);
      cohort.active[k] = (cohort.active[k] ?? 0) + 1;
    }
    const k = offset(first, latest, unit);
    cohort.lastAt[k] = (cohort.lastAt[k] ?? 0) + 1;
  }
  const result: CohortRetention = { period: unit, cohorts: [], rows: [] };
  for (const first of [...cohorts.keys()].sort((a, b) => a - b)) {
    const data = cohorts.get(first) as { size: number; active: number[]; lastAt: number[] };
    const observed = offset(first, last, unit) + 1;
    const active: number[] = [];
    const activeOrLater = new Array<number>(observed).fill(0);
    let running = 0;
    for (let k = observed - 1; k >= 0; k--) {
      running += data.lastAt[k] ?? 0;
      activeOrLater[k] = running;
    }
    for (let k = 0; k < observed; k++) active.push(data.active[k] ?? 0);
    const share = (n: number) => toResult(new Exact(n).div(data.size));
    const cohort: Cohort = {
      cohort: periodLabel(first),
      size: data.size,
      active,
      activeRate: active.map(share),
      activeOrLater,
      activeOrLaterRate: activeOrLater.map(share),
    };
    result.cohorts.push(cohort);
    for (let k = 0; k < observed; k++) {
      result.rows.push({
        cohort: cohort.cohort,
        periodIndex: k,
        period: periodLabel(addPeriods(first, unit, k)),
        size: data.size,
        active: active[k] as number,
        activeRate: cohort.activeRate[k] as Decimal,
        activeOrLater: activeOrLater[k] as number,
        activeOrLaterRate: cohort.activeOrLaterRate[k] as Decimal,
      });
    }
  }
  return result;
}

/** Whole periods from the period starting at `from` to the one starting at `to`. */
function offset(from: number, to: number, unit: PeriodUnit): number {
  const a = new Date(from);
  const b = new Date(to);
  switch (unit) {
    case 'day':
      return Math.round((to - from) / 86_400_000);
    case 'week':
      return Math.round((to - from) / (7 * 86_400_000));
    case 'month':
      return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
    case 'quarter':
      return ((b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth()) / 3;
    case 'year':
      return b.getUTCFullYear() - a.getUTCFullYear();
  }
}

const cohortRetentionInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'cohortRetention';
  const events = input.events;
  if (!Array.isArray(events))
    fail(fn, 'events', `must be an array of { customerId, at }, got ${describeValue(events)}`);
  const unit = (input.period ?? 'month') as PeriodUnit;
  if (!PERIOD_UNITS.includes(unit))
    fail(fn, 'period', `must be one of ${PERIOD_UNITS.join(', ')}, got ${describeValue(unit)}`);
  let asOf = Number.POSITIVE_INFINITY;
  if (input.asOf !== undefined) {
    const read = readInstant(input.asOf);
    if (typeof read === 'string') fail(fn, 'asOf', read);
    asOf = read;
  }
  // Events are kept as they are; a lifecycle { customerId, startedAt, endedAt? }
  // becomes one event in each period it overlaps, up to its end, asOf, or
  // (for one still open without asOf) the latest date in the data.
  const ids: Array<string | number> = [];
  const instants: number[] = [];
  const open: Array<[string | number, number]> = [];
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < events.length; i++) {
    const row = events[i] as unknown;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      fail(
        fn,
        `events[${i}]`,
        `must be { customerId, at } or { customerId, startedAt, endedAt }, got ${describeValue(row)}`,
      );
    }
    const record = row as Record<string, unknown>;
    const id = readId(fn, record.customerId, `events[${i}].customerId`);
    if (!('startedAt' in record)) {
      const at = readInstant(record.at);
      if (typeof at === 'string') fail(fn, `events[${i}].at`, at);
      ids.push(id);
      instants.push(at);
      latest = Math.max(latest, at);
      continue;
    }
    const started = readInstant(record.startedAt);
    if (typeof started === 'string') fail(fn, `events[${i}].startedAt`, started);
    latest = Math.max(latest, started);
    if (record.endedAt === undefined || record.endedAt === null) {
      open.push([id, started]);
      continue;
    }
    const ended = readInstant(record.endedAt);
    if (typeof ended === 'string') fail(fn, `events[${i}].endedAt`, ended);
    if (ended < started) fail(fn, `events[${i}].endedAt`, 'must not be before startedAt');
    latest = Math.max(latest, ended);
    expand(fn, id, started, Math.min(ended, asOf), unit, ids, instants);
  }
  for (const [id, started] of open) expand(fn, id, started, Number.isFinite(asOf) ? asOf : latest, unit, ids, instants);
  return { ids, instants: Float64Array.from(instants), unit, asOf, asOfGiven: input.asOf !== undefined };
});

/** One event per period that [started, until) overlaps (at least the start itself). */
function expand(
  fn: string,
  id: string | number,
  started: number,
  until: number,
  unit: PeriodUnit,
  ids: Array<string | number>,
  instants: number[],
): void {
  ids.push(id);
  instants.push(started);
  for (let p = addPeriods(periodStart(started, unit), unit, 1); p < until; p = addPeriods(p, unit, 1)) {
    ids.push(id);
    instants.push(p);
    if (instants.length > 50_000_000)
      fail(fn, 'events', 'expand to more than 50 million active periods; use a longer period');
  }
}

/** The zod schema {@link cohortRetention} validates its arguments with, as `{ events, ...options }`. */
export const cohortRetentionSchema: MetricSchema = cohortRetentionInput;
