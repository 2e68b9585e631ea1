import { DAY_MS, LIMIT_MS } from '../internal/calendar';
import { CellCursor, cellAt, isColumnTable, readColumns } from '../internal/columns';
import { type Decimal, Exact, toResult } from '../internal/decimal';
import { describeValue } from '../internal/numeric';
import { readFailure, refuseUnknownKeys } from '../internal/read';
import { CustomerIndex, isRow, RowCursor, readId, readRows, slipNote } from '../internal/rows';
import { fail, type MetricSchema, optionsWith, parseInput, readerSchema } from '../internal/schema';
import type { Column, ColumnTable } from './columns';
import { LIFECYCLE_COLUMNS, type Lifecycle, readSpan } from './lifecycles';
import {
  addPeriods,
  indexStart,
  PERIOD_UNITS,
  type PeriodUnit,
  periodIndex,
  periodLabel,
  periodStart,
  readInstant,
} from './periods';

/**
 * One activity event: a purchase, a login, a session. cohortRetention also
 * takes lifecycles `{ customerId, startedAt, endedAt? }` in the same list: a
 * customer is active in every period its lifecycle overlaps.
 *
 * @category Customer data
 */
export interface ActivityEvent {
  /** The customer, as a string or a number. */
  customerId: string | number;
  /** When: a Date, an ISO 8601 string or epoch milliseconds (UTC). */
  at: Date | string | number;
}

/**
 * Options of {@link cohortRetention}.
 *
 * @expand
 * @category Customer data
 */
export interface CohortRetentionOptions {
  /** Period length: 'day', 'week' (ISO, from Monday), 'month', 'quarter' or 'year'. Default 'month'. */
  period?: PeriodUnit;
  /** Last instant observed; periods after its period are not reported. Default: the last event. */
  asOf?: Date | string | number;
}

/**
 * One cohort: the customers whose first activity fell in the same period.
 *
 * @category Customer data
 */
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

/**
 * One cell of a cohort table, as a flat row for a chart or a CSV.
 *
 * @category Customer data
 */
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

/**
 * Result of {@link cohortRetention}.
 *
 * @expand
 * @category Customer data
 */
export interface CohortRetention {
  /** The period length used. */
  period: PeriodUnit;
  /** The cohorts, oldest first; each has as many entries as periods observed since it began. */
  cohorts: Cohort[];
  /** The same numbers as flat rows. */
  rows: CohortRow[];
}

/**
 * Activity events as columns, one cell per event: the form a DuckDB or
 * Arrow query result, or a CSV read column by column, already has. Ten
 * million events as two columns are two arrays, not ten million objects.
 *
 * @expand
 * @category Customer data
 */
export interface EventColumns {
  /** Each event's customer: strings or numbers (an array, or a typed array of numeric ids). */
  customerId: Column<string | number>;
  /**
   * When each event happened: epoch milliseconds (UTC) in a `Float64Array`
   * or an array, ISO 8601 strings, or Dates.
   */
  at: Column<Date | string | number>;
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
 * @param events - `{ customerId, at }` per activity, the same as columns
 *   ({@link EventColumns}: `{ customerId: [...], at: Float64Array }`), or lifecycles
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
 *
 * @category Customer data
 */
export function cohortRetention(
  events: ReadonlyArray<ActivityEvent | Lifecycle> | EventColumns | ColumnTable,
  options: CohortRetentionOptions = {},
): CohortRetention {
  const fn = 'cohortRetention';
  const v = parseInput(fn, cohortRetentionInput, optionsWith(fn, options, { events }));
  const { unit, customers, first, latest, firstIndex } = v;
  const lastIndex = v.asOfGiven ? periodIndex(v.asOf, unit) : v.lastIndex;
  const result: CohortRetention = { period: unit, cohorts: [], rows: [] };
  if (customers === 0) return result;
  // The events' own span, then the table's up to asOf (the same when asOf is not given).
  if (v.lastIndex - firstIndex > 100_000) fail(fn, 'events', tooLong(unit));
  if (lastIndex - firstIndex > 100_000) fail(fn, 'asOf', `makes the table ${tooLong(unit)}`);
  // Every label printed must be a date that reads back: the first period may not begin before the range of dates.
  if (indexStart(firstIndex, unit) < -LIMIT_MS) {
    fail(
      fn,
      'events',
      `hold a date in a ${unit} that begins before the first JavaScript date (-271821-04-20), so its label could not be read back as a date; use day periods for dates so early`,
    );
  }
  // Which periods each customer was active in: a bit per customer and period
  // when that fits in 256 MB, else a set per customer.
  const activeIn = activePeriods(v, lastIndex - firstIndex + 1);
  // Per cohort, by its first period's offset from the earliest: size, customers
  // active k periods in, customers last active k periods in.
  const cohorts: Array<{ size: number; active: Float64Array; lastAt: Float64Array }> = [];
  for (let c = 0; c < customers; c++) {
    const f = first[c] as number;
    let cohort = cohorts[f - firstIndex];
    if (cohort === undefined) {
      cohort = { size: 0, active: new Float64Array(lastIndex - f + 1), lastAt: new Float64Array(lastIndex - f + 1) };
      cohorts[f - firstIndex] = cohort;
    }
    cohort.size++;
    activeIn(c, f, lastIndex, cohort.active);
    const k = (latest[c] as number) - f;
    cohort.lastAt[k] = (cohort.lastAt[k] as number) + 1;
  }
  for (const [offset, data] of cohorts.entries()) {
    if (data === undefined) continue;
    const f = firstIndex + offset;
    const observed = lastIndex - f + 1;
    const active = Array.from(data.active);
    const activeOrLater = new Array<number>(observed).fill(0);
    let running = 0;
    for (let k = observed - 1; k >= 0; k--) {
      running += data.lastAt[k] as number;
      activeOrLater[k] = running;
    }
    const share = (count: number) => toResult(new Exact(count).div(data.size));
    const cohort: Cohort = {
      cohort: periodLabel(indexStart(f, unit)),
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
        period: periodLabel(indexStart(f + k, unit)),
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

/** Where the (customer, period) pairs of the events are: kept as read, or read again from the columns. */
type PairSource = { pairs: Int32Array; direct?: undefined } | { pairs?: undefined; direct: DirectColumns };

/** Typed columns read again in place: the ids (all in the id table) and the times, with each day's period. */
interface DirectColumns {
  ids: ArrayLike<number>;
  ats: ArrayLike<number>;
  idTable: Int32Array;
  /** The period of each day from `firstDay` on (through the last day up to asOf): a lookup, not a calendar sum. */
  dayPeriods: Int32Array;
  firstDay: number;
}

/** The most customer-period bits marked in a bitset (256 MB); a table beyond takes a set per customer. */
const MAX_BITS = 2_147_483_648;

/**
 * Records which periods each customer was active in, and returns a counter
 * that adds 1 to `active[k]` for each period first + k, up to `last`, that
 * customer c was active in. The pairs are kept as read, or (for typed
 * columns whose ids are all in the id table) read again from the columns,
 * each event's period looked up in the table of days: a second pass over
 * the events, but no memory per event. The two reading loops, here and in
 * directFirstAndLatest, are written out rather than shared through a
 * callback, which would be a call per event on the hottest loop.
 */
function activePeriods(
  v: PairSource & { customers: number; firstIndex: number; asOf: number },
  span: number,
): (c: number, first: number, last: number, active: Float64Array) => void {
  const { customers, firstIndex, asOf } = v;
  if (customers * span <= MAX_BITS) {
    const bits = new Uint8Array(Math.ceil((customers * span) / 8));
    if (v.pairs !== undefined) {
      const { pairs } = v;
      for (let i = 0; i < pairs.length; i += 2) {
        const bit = (pairs[i] as number) * span + ((pairs[i + 1] as number) - firstIndex);
        bits[bit >>> 3] = (bits[bit >>> 3] as number) | (1 << (bit & 7));
      }
    } else {
      const { ids, ats, idTable, dayPeriods, firstDay } = v.direct;
      for (let i = 0; i < ats.length; i++) {
        const at = ats[i] as number;
        if (at > asOf) continue;
        const index = dayPeriods[Math.floor(at / DAY_MS) - firstDay] as number;
        const bit = (idTable[ids[i] as number] as number) * span + (index - firstIndex);
        bits[bit >>> 3] = (bits[bit >>> 3] as number) | (1 << (bit & 7));
      }
    }
    return (c, first, last, active) => {
      const base = c * span - firstIndex;
      for (let p = first; p <= last; p++) {
        const bit = base + p;
        if (((bits[bit >>> 3] as number) & (1 << (bit & 7))) !== 0)
          active[p - first] = (active[p - first] as number) + 1;
      }
    };
  }
  const sets: Array<Set<number>> = Array.from({ length: customers }, () => new Set<number>());
  if (v.pairs !== undefined) {
    const { pairs } = v;
    for (let i = 0; i < pairs.length; i += 2) (sets[pairs[i] as number] as Set<number>).add(pairs[i + 1] as number);
  } else {
    const { ids, ats, idTable, dayPeriods, firstDay } = v.direct;
    for (let i = 0; i < ats.length; i++) {
      const at = ats[i] as number;
      if (at > asOf) continue;
      const index = dayPeriods[Math.floor(at / DAY_MS) - firstDay] as number;
      (sets[idTable[ids[i] as number] as number] as Set<number>).add(index);
    }
  }
  return (c, first, _last, active) => {
    for (const p of sets[c] as Set<number>) active[p - first] = (active[p - first] as number) + 1;
  };
}

const cohortRetentionInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'cohortRetention';
  refuseUnknownKeys(fn, input, ['events', 'period', 'asOf']);
  const table = isColumnTable(input.events)
    ? readColumns(fn, input.events as object, 'events', EVENT_COLUMNS)
    : undefined;
  const { list: events, length: n } =
    table === undefined
      ? readRows(fn, input.events, 'events', '{ customerId, at }')
      : { list: [] as readonly unknown[], length: table.length };
  const unit = (input.period ?? 'month') as PeriodUnit;
  if (!PERIOD_UNITS.includes(unit))
    fail(fn, 'period', `must be one of ${PERIOD_UNITS.join(', ')}, got ${describeValue(unit)}`);
  let asOf = Number.POSITIVE_INFINITY;
  if (input.asOf !== undefined) {
    const read = readInstant(input.asOf);
    if (typeof read === 'string') fail(fn, 'asOf', read);
    asOf = read;
  }
  // One pass reads each row and turns it into (customer index, period index):
  // integer arithmetic, no Date and no copy of the id per event; events after
  // asOf are checked but not observed. A lifecycle { customerId, startedAt,
  // endedAt? } becomes one entry for each period it overlaps, up to its end,
  // asOf, or (for one still open without asOf) the latest date in the data.
  const customerIndex = new CustomerIndex((i) =>
    table === undefined ? `events[${i}].customerId` : `events.customerId[${i}]`,
  );
  // (customer index, period index) pairs, one after the other.
  let pairs = new Int32Array(0);
  let count = 0;
  let firstIndex = Number.POSITIVE_INFINITY;
  let lastIndex = Number.NEGATIVE_INFINITY;
  // A customer joins the index with its first event up to asOf (one seen only later is no customer here).
  const push = (id: string | number, row: number, at: number) => {
    if (at > asOf) return;
    const index = periodIndex(at, unit);
    const c = customerIndex.of(fn, id, row);
    if (index < firstIndex) firstIndex = index;
    if (index > lastIndex) lastIndex = index;
    if (count === pairs.length) {
      // Two cells per row to begin with; lifecycles add a pair per period they overlap: then twice the size.
      const grown = new Int32Array(count === 0 ? 2 * n + 16 : 2 * count + 16);
      grown.set(pairs);
      pairs = grown;
    }
    pairs[count++] = c;
    pairs[count++] = index;
  };
  const open: Array<[string | number, number, number]> = [];
  let latestAt = Number.NEGATIVE_INFINITY;
  // A lifecycle row's span, read into these.
  const spanStart = new Float64Array(1);
  const spanEnd = new Float64Array(1);
  const direct = table === undefined ? undefined : directColumns(fn, table.columns, n, customerIndex, asOf, unit);
  if (table !== undefined && direct === undefined) {
    readEventColumns(fn, table.columns, n, (id, i, at) => {
      push(id, i, at);
      if (at > latestAt) latestAt = at;
    });
  }
  const cursor = new RowCursor(fn, 'events');
  try {
    for (let i = 0; table === undefined && i < n; i++) {
      cursor.row = i;
      cursor.cell = '';
      const row = events[i];
      if (!isRow(row)) fail(fn, `events[${i}]`, `must be an event or a lifecycle, got ${describeValue(row)}`);
      cursor.cell = 'customerId';
      const rawId = row.customerId;
      cursor.cell = 'startedAt';
      const startedAt = row.startedAt;
      if (startedAt === undefined) {
        cursor.cell = 'at';
        const rawAt = row.at;
        cursor.cell = '';
        const note = () => slipNote(EVENT_COLUMNS, [rawId, rawAt]);
        const id = readId(fn, rawId, `events[${i}].customerId`, note);
        const at = readInstant(rawAt);
        if (typeof at === 'string') fail(fn, `events[${i}].at`, `${at}${note()}`);
        push(id, i, at);
        if (at > latestAt) latestAt = at;
        continue;
      }
      cursor.cell = 'endedAt';
      const endedAt = row.endedAt;
      cursor.cell = '';
      const note = () => slipNote(LIFECYCLE_COLUMNS, [rawId, startedAt, endedAt]);
      const id = readId(fn, rawId, `events[${i}].customerId`, note);
      readSpan(fn, startedAt, endedAt, `events[${i}]`, note, spanStart, spanEnd, 0);
      const started = spanStart[0] as number;
      const ended = spanEnd[0] as number;
      latestAt = Math.max(latestAt, started);
      if (ended === Number.POSITIVE_INFINITY) {
        open.push([id, i, started]);
        continue;
      }
      latestAt = Math.max(latestAt, ended);
      expand(fn, started, Math.min(ended, asOf), unit, (at) => push(id, i, at));
    }
  } catch (error) {
    throw cursor.failure(error);
  }
  for (const [id, row, started] of open)
    expand(fn, started, Number.isFinite(asOf) ? asOf : latestAt, unit, (at) => push(id, row, at));
  // Each customer's first and latest period, in a pass of its own: kept out of
  // the reading loop, these lookups do not wait on the id lookups.
  const customers = customerIndex.size;
  const first = new Int32Array(customers).fill(2_147_483_647);
  const latest = new Int32Array(customers).fill(-2_147_483_648);
  const common = { unit, asOf, asOfGiven: input.asOf !== undefined, customers, first, latest };
  if (direct !== undefined) {
    [firstIndex, lastIndex] = directFirstAndLatest(direct, asOf, first, latest);
    return { ...common, direct, firstIndex, lastIndex };
  }
  for (let i = 0; i < count; i += 2) {
    const c = pairs[i] as number;
    const index = pairs[i + 1] as number;
    if (index < (first[c] as number)) first[c] = index;
    if (index > (latest[c] as number)) latest[c] = index;
  }
  return { ...common, pairs: pairs.subarray(0, count), firstIndex, lastIndex };
});

const EVENT_COLUMNS = ['customerId', 'at'] as const;

/**
 * Each customer's first and latest period from columns read again in place
 * (events after asOf left out), and the earliest and latest period of all:
 * a function of its own, so that its loop works on locals alone.
 */
function directFirstAndLatest(
  direct: DirectColumns,
  asOf: number,
  first: Int32Array,
  latest: Int32Array,
): [number, number] {
  const { ids, ats, idTable, dayPeriods, firstDay } = direct;
  // First and latest side by side, so that a customer's two are one memory access, not two.
  const both = new Int32Array(2 * first.length);
  for (let c = 0; c < first.length; c++) {
    both[2 * c] = first[c] as number;
    both[2 * c + 1] = latest[c] as number;
  }
  let earliest = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ats.length; i++) {
    const at = ats[i] as number;
    if (at > asOf) continue;
    const c2 = 2 * (idTable[ids[i] as number] as number);
    const index = dayPeriods[Math.floor(at / DAY_MS) - firstDay] as number;
    if (index < (both[c2] as number)) both[c2] = index;
    if (index > (both[c2 + 1] as number)) both[c2 + 1] = index;
    if (index < earliest) earliest = index;
    if (index > last) last = index;
  }
  for (let c = 0; c < first.length; c++) {
    first[c] = both[2 * c] as number;
    latest[c] = both[2 * c + 1] as number;
  }
  return [earliest, last];
}

/**
 * The fast path of columns: with ids that are all small whole numbers in a
 * typed array (the id table holds them) and times as epoch milliseconds in
 * a typed array, each time is checked and each customer registered in one
 * pass, and nothing is kept per event: the period of an event is computed
 * again when it is needed. Returns the columns to read again, or undefined
 * (after preferTableFor) for the general reader.
 */
function directColumns(
  fn: string,
  columns: Map<string, ArrayLike<unknown>>,
  n: number,
  customerIndex: CustomerIndex,
  asOf: number,
  unit: PeriodUnit,
): DirectColumns | undefined {
  const ids = columns.get('customerId') as ArrayLike<unknown>;
  const ats = columns.get('at') as ArrayLike<unknown>;
  customerIndex.preferTableFor(ids, n);
  const idTable = customerIndex.idTable;
  if (
    idTable === undefined ||
    !ArrayBuffer.isView(ats) ||
    ats instanceof BigInt64Array ||
    ats instanceof BigUint64Array
  )
    return undefined;
  const times = ats as unknown as ArrayLike<number>;
  const numbers = ids as ArrayLike<number>;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const at = times[i] as number;
    // Written so that NaN fails it too; the message is the general reader's.
    if (!(at >= -LIMIT_MS && at <= LIMIT_MS)) fail(fn, `events.at[${i}]`, readInstant(at) as string);
    // A customer joins with its first event up to asOf (one seen only later is no customer here).
    if (at > asOf) continue;
    customerIndex.of(fn, numbers[i] as number, i);
    if (at < earliest) earliest = at;
    if (at > latest) latest = at;
  }
  const firstDay = earliest === Number.POSITIVE_INFINITY ? 0 : Math.floor(earliest / DAY_MS);
  const days = latest === Number.NEGATIVE_INFINITY ? 0 : Math.floor(latest / DAY_MS) - firstDay + 1;
  // Beyond about 11,000 years of days the general reader keeps its pairs instead.
  if (days > 4_194_304) return undefined;
  const dayPeriods = new Int32Array(days);
  for (let d = 0; d < days; d++) dayPeriods[d] = periodIndex((firstDay + d) * DAY_MS, unit);
  return { ids: numbers, ats: times, idTable, dayPeriods, firstDay };
}

/**
 * Reads events given as columns `{ customerId, at }`: epoch milliseconds in
 * a Float64Array are taken as they are (after the same range check as any
 * date), strings and Dates are read as in the row form; errors name
 * `events.at[i]`.
 */
function readEventColumns(
  fn: string,
  columns: Map<string, ArrayLike<unknown>>,
  n: number,
  visit: (id: string | number, row: number, at: number) => void,
): void {
  const ids = columns.get('customerId') as ArrayLike<unknown>;
  const ats = columns.get('at') as ArrayLike<unknown>;
  const cell = new CellCursor('events');
  try {
    for (let i = 0; i < n; i++) {
      cell.row = i;
      cell.column = 'customerId';
      const id = readId(fn, cellAt(fn, ids, i, cell.path), cell.path);
      cell.column = 'at';
      const at = readInstant(cellAt(fn, ats, i, cell.path));
      if (typeof at === 'string') fail(fn, cell.path(), at);
      visit(id, i, at);
    }
  } catch (error) {
    throw readFailure(fn, cell.path(), error);
  }
}

/** The refusal of tables longer than 100,000 periods. */

const tooLong = (unit: PeriodUnit) => `span more than 100,000 ${unit}s; use a longer period`;

/** One event per period that [started, until) overlaps (at least the start itself). */
function expand(fn: string, started: number, until: number, unit: PeriodUnit, push: (at: number) => void): void {
  push(started);
  let added = 0;
  for (let p = addPeriods(periodStart(started, unit), unit, 1); p < until; p = addPeriods(p, unit, 1)) {
    push(p);
    if (++added > 100_000) fail(fn, 'events', tooLong(unit));
  }
}

/**
 * The zod schema {@link cohortRetention} validates its arguments with, as `{ events, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const cohortRetentionSchema: MetricSchema = cohortRetentionInput;
