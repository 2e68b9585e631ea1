/**
 * One data-set benchmark, run in a process of its own by bench/run.ts so that
 * its peak memory is its own: `tsx bench/data.ts <name>` prints one JSON line
 * with the time per call of the function and of its baseline (medians of
 * three warm runs, taken alternately), the resident memory once the input is
 * built, and the process's peak resident memory.
 */
import {
  cohortRetention,
  mrrMovements,
  periodCounts,
  periodCountsSeries,
  revenueConcentration,
  revenueRetention,
  type Subscription,
} from '../src';
import { DAY, eventColumns, lehmer, START as start } from './events';

const random = lehmer(11);

/** One pass of Map group-by (count per customer id) over rows: the baseline of the row-based functions. */
function groupBy(...lists: ReadonlyArray<ReadonlyArray<{ customerId: number }>>): number {
  const groups = new Map<number, number>();
  for (const rows of lists) for (const row of rows) groups.set(row.customerId, (groups.get(row.customerId) ?? 0) + 1);
  return groups.size;
}

/** One pass of Map group-by (count per customer id) over an id column: the baseline of the column form. */
function groupByColumn(ids: Float64Array): number {
  const groups = new Map<number, number>();
  for (const id of ids) groups.set(id, (groups.get(id) ?? 0) + 1);
  return groups.size;
}

/** Each benchmark: the input built once, the function, and its baseline on the same input. */
const benchmarks: Record<string, () => { run: () => unknown; baseline: () => unknown }> = {
  revenueConcentration() {
    const revenues = new Float64Array(1_000_000);
    for (let i = 0; i < revenues.length; i++) revenues[i] = Math.round(random() * 100_000) / 100;
    return {
      run: () => revenueConcentration(revenues),
      baseline: () => {
        const copy = Float64Array.from(revenues);
        copy.sort();
        let sum = 0;
        for (const x of copy) sum += x;
        return sum;
      },
    };
  },
  cohortRetention() {
    const events = new Array<{ customerId: number; at: number }>(10_000_000);
    for (let i = 0; i < events.length; i++) {
      events[i] = { customerId: Math.floor(random() * 1_000_000), at: start + Math.floor(random() * 730 * DAY) };
    }
    return { run: () => cohortRetention(events), baseline: () => groupBy(events) };
  },
  cohortRetentionColumns() {
    const { customerId, at } = eventColumns(random);
    return { run: () => cohortRetention({ customerId, at }), baseline: () => groupByColumn(customerId) };
  },
  cohortRetentionColumnsVsRows() {
    const { customerId, at } = eventColumns(random);
    const rows = Array.from(customerId, (id, i) => ({ customerId: id, at: at[i] as number }));
    return { run: () => cohortRetention({ customerId, at }), baseline: () => cohortRetention(rows) };
  },
  ...Object.fromEntries(
    (['periodCounts', 'periodCountsSeries'] as const).map((name) => [
      name,
      () => {
        // A million customers, one lifecycle each, a tenth with a second one after a gap; half still open.
        const rows: Array<{ customerId: number; startedAt: number; endedAt: number | null }> = [];
        for (let i = 0; i < 1_000_000; i++) {
          const s = start + Math.floor(random() * 700) * DAY;
          const end = random() < 0.5 ? null : s + Math.floor(random() * 400) * DAY;
          rows.push({ customerId: i, startedAt: s, endedAt: end });
          if (end !== null && random() < 0.2) rows.push({ customerId: i, startedAt: end + 30 * DAY, endedAt: null });
        }
        return {
          run: () =>
            name === 'periodCounts'
              ? periodCounts(rows, { from: '2025-01-01', to: '2025-02-01' })
              : periodCountsSeries(rows, { from: '2024-01-01', periods: 24 }),
          baseline: () => groupBy(rows),
        };
      },
    ]),
  ),
  mrrMovements() {
    // A million customers over 36 months (2.1 million rows): a monthly or (a fifth) annual plan in cents,
    // up to two plan changes, a third cancel, a tenth of those come back; 2024-01 to 2026-12.
    const rows: Subscription[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      let at = start + Math.floor(random() * 1000) * DAY;
      const interval = random() < 0.2 ? 'year' : 'month';
      const changes = Math.floor(random() * 3);
      for (let k = 0; k <= changes; k++) {
        const amount = Math.round(1000 + random() * 20_000) / 100;
        const last = k === changes;
        const cancels = last && random() < 0.3;
        const end = last && !cancels ? null : at + Math.floor(1 + random() * 300) * DAY;
        rows.push({ customerId: i, startedAt: at, endedAt: end, amount, interval });
        if (end === null) break;
        at = end;
        if (cancels && random() < 0.1) rows.push({ customerId: i, startedAt: at + 60 * DAY, amount, interval });
      }
    }
    return {
      run: () => mrrMovements(rows, { from: '2024-01-01', periods: 36 }),
      baseline: () => groupBy(rows as Array<{ customerId: number }>),
    };
  },
  revenueRetention() {
    // A million customers in cents; a tenth churn, a twentieth are new.
    const startRevenue: Array<{ customerId: number; revenue: number }> = [];
    const endRevenue: Array<{ customerId: number; revenue: number }> = [];
    for (let i = 0; i < 1_000_000; i++) {
      if (random() >= 0.05) startRevenue.push({ customerId: i, revenue: Math.round(random() * 100_000) / 100 });
      if (random() >= 0.1) endRevenue.push({ customerId: i, revenue: Math.round(random() * 100_000) / 100 });
    }
    return {
      run: () => revenueRetention({ startRevenue, endRevenue }),
      baseline: () => groupBy(startRevenue, endRevenue),
    };
  },
};

const name = process.argv[2] ?? '';
const make = benchmarks[name];
if (make === undefined) throw new Error(`no data benchmark named ${JSON.stringify(name)}`);
const { run, baseline } = make();
const inputMB = process.memoryUsage().rss / 2 ** 20;
const timed = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
// One warm-up of each, then three alternating runs; medians.
timed(baseline);
timed(run);
const runs: number[] = [];
const baselines: number[] = [];
for (let i = 0; i < 3; i++) {
  baselines.push(timed(baseline));
  runs.push(timed(run));
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
console.log(
  JSON.stringify({
    run: median(runs),
    baseline: median(baselines),
    inputMB,
    peakMB: process.resourceUsage().maxRSS / 1024,
  }),
);
