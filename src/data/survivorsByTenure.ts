import { civilFromDays, type DateInput, daysFromCivil, daysInMonth } from '../internal/calendar';
import { describeValue } from '../internal/numeric';
import { refuseUnknownKeys } from '../internal/read';
import { readRows } from '../internal/rows';
import { fail, type MetricSchema, optionsWith, parseInput, readerSchema } from '../internal/schema';
import { type Lifecycle, readLifecycleSpans } from './lifecycles';
import { formatDay, PERIOD_UNITS, type PeriodUnit, periodStart, readInstant } from './periods';

const DAY_MS = 86_400_000;

/**
 * Options of {@link survivorsByTenure}.
 *
 * @expand
 * @category Customer data
 */
export interface SurvivorsByTenureOptions {
  /** The billing period: a subscription renews every `period` from its own start ('day', 'week', 'month', 'quarter' or 'year'). */
  period: PeriodUnit;
  /** The instant the data describe: renewals after it are not yet known. */
  asOf: DateInput;
  /** The calendar period that groups subscriptions into cohorts by their start (UTC). Default: `period`. */
  cohortPeriod?: PeriodUnit;
}

/**
 * One cohort's survivors by tenure.
 *
 * @category Customer data
 */
export interface TenureCohort {
  /** The first day of the calendar period the cohort's subscriptions started in (YYYY-MM-DD, UTC). */
  cohort: string;
  /**
   * survivors[k]: the cohort's subscriptions still active at their k-th
   * renewal (k = 0: all of them, at their start), for every k that every
   * subscription of the cohort has reached by `asOf`.
   */
  survivors: number[];
}

/**
 * Survivors by tenure, ready for {@link fitSbg} and {@link fitBdw}.
 *
 * @expand
 * @category Customer data
 */
export interface SurvivorsByTenure {
  /** The cohorts with at least one renewal observed for all their subscriptions, oldest first. */
  cohorts: TenureCohort[];
  /** Subscriptions counted in `cohorts`. */
  subscriptions: number;
  /** Subscriptions of cohorts too young to have a renewal observed for all of them, left out. */
  subscriptionsTooRecent: number;
  /** Subscriptions that start after `asOf`, left out. */
  subscriptionsAfterAsOf: number;
}

/**
 * The instant of a subscription's k-th renewal: its start plus k periods,
 * months (and quarters and years) counted on the calendar from the start's
 * day of the month, clamped to the month's last day (a subscription started
 * on 31 January renews on 28 or 29 February, then 31 March), at the start's
 * time of day.
 */
export function renewalAt(start: number, unit: PeriodUnit, k: number): number {
  if (unit === 'day') return start + k * DAY_MS;
  if (unit === 'week') return start + 7 * k * DAY_MS;
  const day = Math.floor(start / DAY_MS);
  const timeOfDay = start - day * DAY_MS;
  const date = civilFromDays(day);
  const months = date.year * 12 + (date.month - 1) + k * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12);
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(date.day, daysInMonth(year, month))) * DAY_MS + timeOfDay;
}

function readUnit(fn: string, value: unknown, field: string, fallback?: PeriodUnit): PeriodUnit {
  const unit = (value ?? fallback) as PeriodUnit;
  if (!PERIOD_UNITS.includes(unit)) {
    fail(
      fn,
      field,
      `must be one of ${PERIOD_UNITS.map((u) => `'${u}'`).join(', ')}${value === undefined ? ' (the billing period)' : ''}, got ${describeValue(value)}`,
    );
  }
  return unit;
}

const survivorsInput = /* @__PURE__ */ readerSchema((input) => {
  const fn = 'survivorsByTenure';
  refuseUnknownKeys(fn, input, ['subscriptions', 'period', 'asOf', 'cohortPeriod']);
  const { list, length: n } = readRows(fn, input.subscriptions, 'subscriptions', '{ customerId, startedAt, endedAt }');
  // Each row is one subscription: the ids are read and checked, not merged.
  const { starts, ends } = readLifecycleSpans(fn, list, n, 'subscriptions', () => {});
  const unit = readUnit(fn, input.period, 'period');
  const cohortUnit = readUnit(fn, input.cohortPeriod, 'cohortPeriod', unit);
  const asOf = readInstant(input.asOf);
  if (typeof asOf === 'string') fail(fn, 'asOf', asOf);
  return { starts, ends, unit, cohortUnit, asOf };
});

/**
 * The zod schema {@link survivorsByTenure} validates its arguments with, as `{ subscriptions, ...options }`.
 *
 * @category Input schemas (zod)
 */
export const survivorsByTenureSchema: MetricSchema = survivorsInput;

/**
 * Subscribers' survivors by tenure: for each cohort of subscriptions started
 * in the same calendar period, how many were still active at their 1st, 2nd,
 * 3rd, ... renewal. This is the input the shifted beta-geometric and the
 * beta-discrete-Weibull take ({@link fitSbg}, {@link fitBdw}): pass the
 * result's `cohorts` as they are.
 *
 * @remarks
 * Tenure is counted from each subscription's own start, not on the calendar:
 * a subscription started on 20 March with monthly billing renews on 20 April,
 * 20 May, ... (days of the month past the end of a shorter month fall on its
 * last day). It survives its k-th renewal when it is still active at that
 * instant (`endedAt` after it, or no end): one cancelled at the renewal
 * instant, or during the period before it, has not renewed. A calendar cohort
 * table (`cohortRetention` on monthly activity) is not this: it counts a
 * subscriber who cancels at the first renewal as active in month 1, and an sBG
 * fitted to it overstates churn.
 *
 * A cohort's counts stop at the last renewal every one of its subscriptions
 * has reached by `asOf`, so no count mixes known and unknown outcomes; the
 * cohorts of different ages together are what {@link fitSbg} fits. Cohorts
 * with no renewal reached by all their subscriptions are left out (counted in
 * `subscriptionsTooRecent`), as are subscriptions starting after `asOf`. Each
 * row is one subscription: a customer who subscribes again starts a new one.
 *
 * Cost: O(subscriptions x renewals observed).
 *
 * @param subscriptions - `{ customerId, startedAt, endedAt }` per subscription (`endedAt` absent or null while active).
 * @param options - the billing period, the instant the data describe, and the cohort period.
 * @returns the cohorts' survivors, and the subscriptions left out.
 * @throws {@link MetricInputError} when a row is not a subscription, a date cannot be read, or a period is unknown.
 *
 * @example
 * ```ts
 * import { fitSbg, survivorsByTenure } from 'retention-metrics';
 *
 * const tenure = survivorsByTenure(
 *   [
 *     { customerId: 'a', startedAt: '2026-01-05', endedAt: '2026-02-05' }, // cancelled at the first renewal
 *     { customerId: 'b', startedAt: '2026-01-10', endedAt: '2026-03-01' }, // renewed once, gone before the second
 *     { customerId: 'c', startedAt: '2026-01-20' }, // still active
 *     { customerId: 'd', startedAt: '2026-02-03', endedAt: '2026-02-20' },
 *     { customerId: 'e', startedAt: '2026-02-14' },
 *   ],
 *   { period: 'month', asOf: '2026-04-30' },
 * );
 * tenure.cohorts;
 * //=> [{ cohort: '2026-01-01', survivors: [3, 2, 1, 1] }, { cohort: '2026-02-01', survivors: [2, 1, 1] }]
 * fitSbg(tenure.cohorts).cohorts;
 * //=> 2
 * ```
 *
 * @category Customer data
 */
export function survivorsByTenure(
  subscriptions: readonly Lifecycle[],
  options: SurvivorsByTenureOptions,
): SurvivorsByTenure {
  const fn = 'survivorsByTenure';
  const v = parseInput(
    fn,
    survivorsInput,
    optionsWith(fn, options, { subscriptions }, '{ period, asOf, cohortPeriod }', true),
  );
  const { starts, ends, unit, cohortUnit, asOf } = v;
  // Subscriptions grouped by the start of their cohort's calendar period.
  const groups = new Map<number, number[]>();
  let afterAsOf = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    if (start > asOf) {
      afterAsOf++;
      continue;
    }
    const key = periodStart(start, cohortUnit);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [i]);
    else members.push(i);
  }
  const cohorts: TenureCohort[] = [];
  let counted = 0;
  let tooRecent = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = groups.get(key) as number[];
    // The renewals every member has reached: those of the latest start.
    let latest = Number.NEGATIVE_INFINITY;
    for (const i of members) latest = Math.max(latest, starts[i] as number);
    let reached = 0;
    while (renewalAt(latest, unit, reached + 1) <= asOf) reached++;
    if (reached === 0) {
      tooRecent += members.length;
      continue;
    }
    const survivors = new Array<number>(reached + 1).fill(0);
    for (const i of members) {
      const start = starts[i] as number;
      const end = ends[i] as number;
      survivors[0] = (survivors[0] as number) + 1;
      for (let k = 1; k <= reached && end > renewalAt(start, unit, k); k++) {
        survivors[k] = (survivors[k] as number) + 1;
      }
    }
    cohorts.push({ cohort: formatDay(key), survivors });
    counted += members.length;
  }
  return { cohorts, subscriptions: counted, subscriptionsTooRecent: tooRecent, subscriptionsAfterAsOf: afterAsOf };
}
